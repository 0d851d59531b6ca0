"""Exports are safe (issue 6): CSV formula injection, JSON validity, ZIP names, HTML escaping.

* CSV: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe, in
  every kind of text column (object, string, categorical) and in column names; numbers stay numbers.
* JSON: the record of a hostile article is valid JSON (no NaN) and carries the article text as data.
* ZIP report (``analysis/chart_export.py``): every member name is ``README.md`` or
  ``charts|tables/<safe name>``; HTML charts carry article text only escaped.
* Highlighted article (``analysis/highlight.py``, rendered with ``st.html``): only its own fixed tags and
  attributes reach the HTML, whatever the article, speaker or party says.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import aggregate
from analysis.export import (
    FORMULA_PREFIXES,
    analysis_record,
    neutralise_cell,
    safe_csv,
    statements_csv_table,
    to_json,
)
from analysis.pipeline import analyze
from analysis.reading import read_article
from tests.hostile_corpus import case_by_id

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
SAFE = ["Senator Doe", "'already quoted", " =spaced", "a=b", "", "1+1", "— dash"]

MARKUP_TARGET = "<img src=x onerror=alert('target')>"
MARKUP_SPEAKER = "<script>alert('speaker')</script>"
MARKUP_PARTY = '<a href="javascript:alert(1)">party</a>'
RAW_MARKUP = re.compile(r"<\s*/?\s*(script|img|iframe|svg|a\b|object|embed|style)", re.I)


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("value", PAYLOADS)
def test_formula_cells_are_neutralised(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", [*SAFE, 3, -1.5, None, True])
def test_other_cells_are_left_alone(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize(
    "make_column",
    [
        lambda values: pd.Series(values, dtype=object),
        lambda values: pd.Series(values, dtype="string"),
        lambda values: pd.Series(pd.Categorical(values)),
    ],
    ids=["object", "string", "categorical"],
)
def test_safe_csv_round_trip_neutralises_every_text_column(make_column):
    values = PAYLOADS + SAFE
    table = pd.DataFrame({"text": make_column(values), "score": [-0.5] * len(values), "=name": values})
    rows = list(csv.reader(io.StringIO(safe_csv(table), newline="")))
    header, body = rows[0], rows[1:]
    assert header == ["text", "score", "'=name"]
    assert len(body) == len(values)
    for row, original in zip(body, values, strict=True):
        expected = "'" + original if original.startswith(FORMULA_PREFIXES) else original
        assert row[0] == expected and row[2] == expected
        assert row[1] == "-0.5", "numbers are not text: a negative number stays a number"


def _statement_csv_rows(result) -> list[dict[str, str]]:
    text = safe_csv(statements_csv_table(result))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        for cell in row.values():
            if cell and cell.startswith(FORMULA_PREFIXES):
                float(cell)  # only negative numbers may start with '-'
    return rows


@pytest.fixture(scope="module")
def formula_analysis(tiny_scorers):
    case = case_by_id("formula-injection")
    article = read_article(data=case.data(), name="=evil.txt")
    return analyze(article=article, targets=["=1+1", "@SUM(A1)"], scorers=tiny_scorers)


def test_analysis_csv_of_a_formula_article_is_neutralised(formula_analysis):
    rows = _statement_csv_rows(formula_analysis)
    assert rows, "the formula article has statements"
    assert {row["target"] for row in rows} == {"'=1+1", "'@SUM(A1)"}
    assert any(row["text"].startswith("'=HYPERLINK") for row in rows)


def test_analysis_json_of_hostile_articles_is_valid_and_carries_text_as_data(tiny_scorers):
    for case_id in ("formula-injection", "html-hostile", "rtl-and-emoji", "nested-quotes"):
        case = case_by_id(case_id)
        article = read_article(data=case.data(), name=case.name)
        result = analyze(article=article, targets=[MARKUP_TARGET], scorers=tiny_scorers)
        encoded = to_json(analysis_record(result))
        record = json.loads(encoded)  # strict JSON: allow_nan=False would have raised on NaN
        assert record["article"]["text"] == article.text
        assert "\n" not in encoded, "one JSON object per line"
        assert [row["text"] for row in record["statements"]] == result.statements["text"].tolist()


# --------------------------------------------------------------------------- ZIP report and HTML


@pytest.fixture(scope="module")
def hostile_tables(tiny_scorers):
    """A hostile HTML article analysed, with a speaker and party correction full of markup."""
    html_article = (
        "<h1>&lt;script&gt;alert('title')&lt;/script&gt; Strikes</h1>"
        "<p>&quot;&lt;img src=x onerror=alert(1)&gt; is what we fear, and =1+1 too,&quot; Senator Jane Doe said "
        "on Monday.</p><p>&quot;We acted to protect our people &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;,"
        "&quot; Secretary of State Mike Pompeo said.</p>"
    )
    article = read_article(data=html_article.encode(), name="<b>evil</b>.html")
    assert "<img src=x onerror=alert(1)>" in article.text, "entities decode into literal text (as data)"
    result = analyze(article=article, targets=[MARKUP_TARGET, "the strikes"], scorers=tiny_scorers)
    assert len(result.statements) >= 1
    corrections = {0: {"speaker": MARKUP_SPEAKER, "party": MARKUP_PARTY, "party_source": "analyst"}}
    statements = aggregate.apply_corrections(result.statements, corrections=corrections)
    table = aggregate.statement_stances(statements, result.stances)
    return SimpleNamespace(result=result, statements=statements, table=table, article=article)


def _figures(hostile_tables) -> dict:
    from analysis import charts

    table = hostile_tables.table
    result = hostile_tables.result
    note, source = "filter <b>note</b>", hostile_tables.article.title or "source"
    colours = charts.speaker_colours(table["speaker_label"].unique())
    paragraphs = aggregate.paragraph_stances(result.paragraphs, result.stances)
    figures = {}
    for number, target in enumerate(result.targets):
        rows = table.loc[table["target"] == target]
        actors = aggregate.actor_summary(rows)
        parties = aggregate.party_summary(rows)
        figures[f"../../actor-{number}"] = charts.stance_by_actor(
            actors, target=target, note=note, source=source
        )
        figures[f"scatter {number} <script>"] = charts.sentiment_vs_stance(
            rows, target=target, colours=colours, note=note, source=source
        )
        figures[f"party\\{number}"] = charts.stance_by_party(
            rows, parties, target=target, note=note, source=source
        )
        figures[f"CON{number}"] = charts.actors_by_party(actors, target=target, note=note, source=source)
        figures[f"timeline\n{number}"] = charts.article_timeline(
            paragraphs, rows, target=target, note=note, source=source
        )
    figures["heatmap"] = charts.party_target_heatmap(aggregate.party_summary(table), note=note, source=source)
    return figures


def _strings(value, path: str = "") -> list[tuple[str, str]]:
    """(path, string) for every string in a figure's JSON."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item, f"{path}.{key}")]
    if isinstance(value, list | tuple):
        return [s for number, item in enumerate(value) for s in _strings(item, f"{path}[{number}]")]
    if hasattr(value, "tolist"):
        return _strings(value.tolist(), path)
    return []


def test_chart_text_is_escaped_before_plotly_renders_it(hostile_tables):
    """Plotly renders a subset of HTML in titles, labels and hovers: article text must arrive escaped."""
    for name, fig in _figures(hostile_tables).items():
        # customdata is never rendered: it carries the raw speaker name back to click filters.
        leaked = [
            (path, s)
            for path, s in _strings(fig.to_plotly_json())
            if RAW_MARKUP.search(s) and ".customdata" not in path
        ]
        assert not leaked, f"{name}: raw markup in the figure: {leaked[:3]}"


def test_chart_html_export_carries_article_text_only_escaped(hostile_tables):
    import plotly.graph_objects as go

    from analysis.chart_export import figure_html

    baseline = figure_html(go.Figure(), plotlyjs="directory").decode("utf-8").count("<script")
    for name, fig in _figures(hostile_tables).items():
        page = figure_html(fig, plotlyjs="directory").decode("utf-8")
        for payload in ("alert(1)", "alert(2)", "alert('speaker')", "alert('target')"):
            for match in re.finditer(re.escape(payload), page):
                before = page[max(0, match.start() - 40) : match.start()]
                assert "<script>" not in before and "<img" not in before, f"{name}: {before}{payload}"
        assert page.count("<script") == baseline, f"{name}: a script element came from the data"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "data-statement":
                assert (value or "").isdigit(), value
            if name == "style":
                assert not re.search(r"url\(|javascript|expression\(|@import", value or "", re.I), value


def test_highlighted_article_html_has_only_its_own_tags(hostile_tables):
    from analysis import highlight

    statements = hostile_tables.statements
    text = hostile_tables.article.text
    colours = {MARKUP_SPEAKER: "#123456", "Jane Doe": "red; background:url(javascript:alert(1))"}
    page = highlight.highlight_html(
        text=text,
        statements=statements,
        stances=hostile_tables.result.stances,
        colours=colours,
        selected_ids=statements["id"].tolist(),
    )
    legend = highlight.legend_html(colours=colours, counts={MARKUP_SPEAKER: 1, "Jane Doe": 2})
    for markup in (page, legend):
        parser = _Tags()
        parser.feed(markup)
        assert parser.tags <= {"div", "p", "mark", "span", "u", "b", "br", "small"}, parser.tags
        assert parser.attributes <= {"style", "title", "class", "data-statement"}, parser.attributes
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


class _NoImages:
    available = False
    unavailable_reason = "no Chromium in this test"


def test_report_zip_member_names_are_sanitised_and_contents_safe(hostile_tables):
    from analysis.chart_export import report_zip

    figures = _figures(hostile_tables)
    tables = {
        "../../../etc/passwd": hostile_tables.table,
        "..\\..\\win.ini": aggregate.actor_summary(hostile_tables.table),
        "/abs/path": aggregate.party_summary(hostile_tables.table),
        "": hostile_tables.table,
        "CON": hostile_tables.table,
        "a" * 300: hostile_tables.table,
        "évil\u202egnp.csv": hostile_tables.table,
    }
    data = report_zip(
        charts=figures,
        tables=tables,
        exporter=_NoImages(),
        readme_fields=dict(
            title=hostile_tables.article.title,
            source=hostile_tables.article.source_name,
            sha256=hostile_tables.article.sha256,
            article_date=None,
            targets=hostile_tables.result.targets,
            models=hostile_tables.result.models,
            filter_note="all",
            statements=len(hostile_tables.statements),
            elapsed_s=1.0,
        ),
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names)), "unique names"
        for name in names:
            assert re.fullmatch(r"README\.md|(charts|tables)/[A-Za-z0-9._-]{1,90}", name), name
            _, _, base = name.partition("/")
            assert not name.startswith("/") and ".." not in name.split("/"), name
            assert not base.startswith((".", "-")), name
            assert base.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}, name
        for name in names:
            if name.endswith(".csv"):
                for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8"), newline="")):
                    for cell in row:
                        if cell.startswith(FORMULA_PREFIXES):
                            float(cell)
            elif name.endswith(".json"):
                json.loads(archive.read(name))
            elif name.endswith(".html"):
                page = archive.read(name).decode("utf-8")
                assert "<script>alert" not in page and "<img src=x" not in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\windows\\win.ini", "windows-win.ini"),
        ("/abs/path.csv", "abs-path.csv"),
        ("", "file"),
        ("...", "file"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a\x00b\nc", "a-b-c"),
        ("Ünïcödé name", "Unicode-name"),
    ],
)
def test_sanitise_filename(name, expected):
    from analysis.chart_export import sanitise_filename

    assert sanitise_filename(name) == expected


@pytest.mark.parametrize("name", ["COM2", "LPT9.csv", "com5", "Con.txt", "aux"])
def test_sanitise_filename_all_windows_device_names(name):
    """Windows reserves CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9 (any case, any extension)."""
    from analysis.chart_export import sanitise_filename

    cleaned = sanitise_filename(name)
    reserved = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}
    assert cleaned.split(".")[0].upper() not in reserved, cleaned


def test_analysis_objects_are_not_mutated_by_exports(formula_analysis):
    """Exports and aggregations build new tables: a cached Analysis shared by sessions stays unchanged."""
    before = {
        name: getattr(formula_analysis, name).copy(deep=True)
        for name in ("paragraphs", "statements", "stances")
    }
    corrections = {0: {"speaker": "Someone Else", "party": "Independent"}}
    analysis_record(formula_analysis, corrections=corrections)
    statements_csv_table(formula_analysis, corrections=corrections)
    table = aggregate.statement_stances(
        aggregate.apply_corrections(formula_analysis.statements, corrections=corrections),
        formula_analysis.stances,
    )
    aggregate.actor_summary(table)
    aggregate.party_summary(table)
    aggregate.paragraph_stances(formula_analysis.paragraphs, formula_analysis.stances)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(formula_analysis, name), frame)
    with pytest.raises(dataclasses.FrozenInstanceError):
        formula_analysis.statements = None  # type: ignore[misc]
