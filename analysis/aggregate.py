"""Tidy pandas aggregation: corrections, joins, filters and per-actor / per-party summaries.

Every function takes DataFrames and returns a new one; nothing is changed in place. Every label
column, per unit or of a mean, is derived from its score by :mod:`analysis.labels` (the one rule),
so a table never shows "none" beside a -0.32, whatever rule the stored analysis was labelled with.
Summaries keep the targets in the order the analyst typed them (their order of first appearance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.labels import sentiment_label, stance_label

UNATTRIBUTED = "(unattributed)"
NO_PARTY = "(no party)"

STATEMENT_TYPES = ("quote", "reported speech", "belief", "plan or position")
"""What a statement is, for the analyst's filter: a direct quote, or reported speech, a reported belief or an
announced plan, promise or position (``kind`` and ``cue_type`` read together)."""
_INDIRECT_TYPE = {"speech": "reported speech", "belief": "belief", "plan": "plan or position"}

Corrections = Mapping[int, Mapping[str, str | None]]
"""Analyst corrections by statement id: ``{"speaker": ..., "party": ...}``."""


def apply_corrections(statements: pd.DataFrame, *, corrections: Corrections) -> pd.DataFrame:
    """The statements with the analyst's speaker and party corrections applied.

    A corrected speaker keeps the party given with it; without one, the party is re-resolved
    by the caller (the app passes the resolved party in the correction).
    """
    if not corrections:
        return statements.assign(corrected=False)
    table = statements.copy()
    table["corrected"] = False
    for statement_id, change in corrections.items():
        mask = table["id"] == int(statement_id)
        if "speaker" in change:
            table.loc[mask, "speaker"] = change["speaker"] or None
            table.loc[mask, "speaker_type"] = (
                change.get("speaker_type", "person") if change["speaker"] else None
            )
            table.loc[mask, "rule"] = "analyst"
        if "party" in change:
            table.loc[mask, "party"] = change["party"] or None
            table.loc[mask, "party_source"] = (
                change.get("party_source", "analyst") if change["party"] else None
            )
        table.loc[mask, "corrected"] = True
    return table


def rule_label(score: object, *, rule: Callable[[float], str | None] = stance_label) -> str | None:
    """``rule(score)`` for any cell: ``None`` for a missing score (``None``, NaN or ``pd.NA``)."""
    try:
        return None if pd.isna(score) else rule(float(score))
    except (TypeError, ValueError):
        return None


def with_rule_labels(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``stance_label`` / ``sentiment_label`` derived from ``stance`` / ``sentiment``.

    Older stored analyses were labelled by the models' argmax, which can disagree with the score;
    re-deriving here makes every table, chart and export agree with the one rule. A column whose
    score column is absent is left as it is; a missing score gets no label.
    """
    labels = {
        label: [rule_label(score, rule=rule) for score in table[score_column]]
        for label, score_column, rule in (
            ("stance_label", "stance", stance_label),
            ("sentiment_label", "sentiment", sentiment_label),
        )
        if score_column in table.columns
    }
    return table.assign(**labels)


def statement_types(statements: pd.DataFrame) -> pd.Series:
    """Each statement's type (one of :data:`STATEMENT_TYPES`). Analyses stored before ``cue_type`` existed
    have none: their indirect statements read as reported speech, the only kind the rules found then."""
    cue_types = (
        statements["cue_type"] if "cue_type" in statements else pd.Series(None, index=statements.index)
    )
    indirect = cue_types.map(_INDIRECT_TYPE).fillna("reported speech")
    return indirect.where(statements["kind"] != "direct", "quote").astype(object)


def statement_stances(statements: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    """One row per statement and target: the statement's columns joined with its stance.

    Rows keep the statements' order and, within a statement, the stance table's target order.
    """
    statement_rows = stances.loc[stances["unit"] == "statement"].drop(columns=["unit"])
    joined = statements.merge(
        statement_rows.rename(columns={"label": "stance_label", "score": "stance"}), on="id", how="inner"
    )
    return with_rule_labels(joined).assign(
        speaker_label=lambda t: t["speaker"].fillna(UNATTRIBUTED),
        party_label=lambda t: t["party"].fillna(NO_PARTY),
        statement_type=statement_types,
    )


def paragraph_stances(paragraphs: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph and target, labels derived from the scores by the one rule."""
    paragraph_rows = stances.loc[stances["unit"] == "paragraph"].drop(columns=["unit"])
    joined = paragraphs.merge(
        paragraph_rows.rename(columns={"id": "index", "label": "stance_label", "score": "stance"}),
        on="index",
        how="inner",
    )
    return with_rule_labels(joined)


def chosen_rows(table: pd.DataFrame, **choices: Sequence[str] | None) -> pd.Series:
    """The rows whose value in each named column is among the analyst's choices; an empty choice keeps all."""
    keep = pd.Series(True, index=table.index)
    for column, values in choices.items():
        if values:
            keep &= table[column].isin(list(values))
    return keep


def types_present(table: pd.DataFrame) -> list[str]:
    """The :data:`STATEMENT_TYPES` a statement table has, in their fixed order (the filter's options)."""
    present = set(table["statement_type"]) if not table.empty else set()
    return [kind for kind in STATEMENT_TYPES if kind in present]


def filter_statements(
    table: pd.DataFrame,
    *,
    speakers: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
    min_statements: int = 1,
    include_unattributed: bool = True,
    types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rows of a :func:`statement_stances` table that pass the analyst's filters.

    Empty or None selections mean "all". ``min_statements`` counts statements per speaker; ``types`` are
    :data:`STATEMENT_TYPES`.
    """
    keep = chosen_rows(
        table, speaker_label=speakers, party_label=parties, statement_type=types, target=targets
    )
    if not include_unattributed:
        keep &= table["speaker"].notna()
    filtered = table.loc[keep]
    if min_statements > 1:
        counts = filtered.groupby("speaker_label")["id"].transform("nunique")
        filtered = filtered.loc[counts >= min_statements]
    return filtered.reset_index(drop=True)


def actor_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per actor and target: statements, mean stance with a 95% interval and its label, mean
    sentiment and its label, party, and how many statements the one rule labels favor / against / none.

    Targets keep their order of first appearance in ``table``; within a target, highest mean first.
    """
    columns = [
        "speaker",
        "target",
        "party",
        "speaker_type",
        "statements",
        "mean_stance",
        "stance_ci95",
        "mean_stance_label",
        "mean_sentiment",
        "mean_sentiment_label",
        "favor",
        "against",
        "none",
    ]
    # Count the rule's labels, not whatever label column the table came with.
    attributed = table.loc[table["speaker"].notna()].assign(
        stance_label=lambda t: [rule_label(score) for score in t["stance"]]
    )
    if attributed.empty:
        return pd.DataFrame(columns=columns)
    grouped = attributed.groupby(["speaker", "target"], sort=False)
    summary = grouped.agg(
        party=("party", _most_common),
        speaker_type=("speaker_type", _most_common),
        statements=("id", "nunique"),
        mean_stance=("stance", "mean"),
        stance_sd=("stance", "std"),
        mean_sentiment=("sentiment", "mean"),
        favor=("stance_label", lambda s: int((s == "favor").sum())),
        against=("stance_label", lambda s: int((s == "against").sum())),
        none=("stance_label", lambda s: int((s == "none").sum())),
    ).reset_index()
    summary = _with_mean_labels(
        summary.assign(
            stance_ci95=lambda t: (1.96 * t["stance_sd"].fillna(0.0) / np.sqrt(t["statements"])).round(4),
        )
    )
    return _in_target_order(summary[columns], targets=_targets(table))


def party_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per party and target: statements, actors, mean stance with a 95% interval, mean sentiment,
    and the one rule's label of each mean.

    Targets keep their order of first appearance in ``table``; within a target, highest mean first.
    """
    columns = [
        "party",
        "target",
        "statements",
        "actors",
        "mean_stance",
        "stance_ci95",
        "mean_stance_label",
        "mean_sentiment",
        "mean_sentiment_label",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns)
    grouped = table.groupby(["party_label", "target"], sort=False)
    summary = grouped.agg(
        statements=("id", "nunique"),
        actors=("speaker", "nunique"),
        mean_stance=("stance", "mean"),
        stance_sd=("stance", "std"),
        mean_sentiment=("sentiment", "mean"),
    ).reset_index()
    summary = _with_mean_labels(
        summary.rename(columns={"party_label": "party"}).assign(
            stance_ci95=lambda t: (1.96 * t["stance_sd"].fillna(0.0) / np.sqrt(t["statements"])).round(4),
        )
    )
    return _in_target_order(summary[columns], targets=_targets(table))


def _with_mean_labels(summary: pd.DataFrame) -> pd.DataFrame:
    """Means rounded for display, each labelled from the rounded value so the table agrees with itself."""
    return summary.assign(
        mean_stance=lambda t: t["mean_stance"].round(4),
        mean_sentiment=lambda t: t["mean_sentiment"].round(4),
        mean_stance_label=lambda t: [rule_label(score) for score in t["mean_stance"]],
        mean_sentiment_label=lambda t: [
            rule_label(score, rule=sentiment_label) for score in t["mean_sentiment"]
        ],
    )


def _targets(table: pd.DataFrame) -> list[str]:
    """Targets in their order of first appearance: the order the analyst typed them."""
    return list(dict.fromkeys(table["target"]))


def _in_target_order(summary: pd.DataFrame, *, targets: Sequence[str]) -> pd.DataFrame:
    """Rows by target in ``targets`` order (not alphabetical), then by mean stance, highest first."""
    rank = {target: number for number, target in enumerate(targets)}
    return (
        summary.assign(_target_rank=lambda t: t["target"].map(rank))
        .sort_values(["_target_rank", "mean_stance"], ascending=[True, False], kind="stable")
        .drop(columns="_target_rank")
        .reset_index(drop=True)
    )


def _most_common(values: pd.Series) -> str | None:
    present = values.dropna()
    return None if present.empty else present.mode().iloc[0]
