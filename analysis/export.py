"""Exports: the JSON record of an analysis, CSV tables that are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import aggregate

if TYPE_CHECKING:
    from analysis.pipeline import Analysis

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv(table: pd.DataFrame) -> str:
    """CSV text of ``table`` with every text cell neutralised against formula injection."""
    safe = table.copy()
    text_columns = []
    for column in safe.columns:
        series = safe[column]
        # Every column that can hold text, categoricals included (their dtype is neither object nor string).
        if not (
            pd.api.types.is_numeric_dtype(series)
            or pd.api.types.is_bool_dtype(series)
            or pd.api.types.is_datetime64_any_dtype(series)
        ):
            safe[column] = series.astype(object).map(neutralise_cell)
            text_columns.append(column)
    # With "\n" as the line end, the csv writer leaves a cell holding a bare CR unquoted, and a spreadsheet
    # starts a new row there ("ok\r=cmd()" smuggles a formula to the start of a row): quote text then.
    has_cr = any("\r" in str(column) for column in safe.columns) or any(
        isinstance(cell, str) and "\r" in cell for column in text_columns for cell in safe[column]
    )
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    quoting = csv.QUOTE_NONNUMERIC if has_cr else csv.QUOTE_MINIMAL
    return safe.to_csv(index=False, lineterminator="\n", quoting=quoting)


def statements_csv_table(
    analysis: Analysis, *, corrections: aggregate.Corrections | None = None
) -> pd.DataFrame:
    """The statements table joined with its stances: one row per statement and target."""
    statements = aggregate.apply_corrections(analysis.statements, corrections=corrections or {})
    return aggregate.statement_stances(statements, analysis.stances)


def analysis_record(
    analysis: Analysis, *, corrections: aggregate.Corrections | None = None
) -> dict[str, Any]:
    """The JSON-ready record the command line prints: article, paragraphs, statements, stances, actors."""
    statements = aggregate.apply_corrections(analysis.statements, corrections=corrections or {})
    joined = aggregate.statement_stances(statements, analysis.stances)
    article = analysis.article
    return {
        "article": {
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "sha256": article.sha256,
            "source": article.source_name,
            "format": article.source_format,
            "encoding": article.encoding,
            "text": article.text,
        },
        "targets": list(analysis.targets),
        "models": analysis.models,
        "elapsed_s": analysis.elapsed_s,
        "warnings": list(analysis.warnings),
        "paragraphs": _records(analysis.paragraphs),
        "statements": _records(statements),
        "stances": _records(analysis.stances),
        "actors": _records(aggregate.actor_summary(joined)),
        "parties": _records(aggregate.party_summary(joined)),
    }


def to_json(record: dict[str, Any], *, indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent, allow_nan=False)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: _plain(value) for key, value in row.items()} for row in table.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
