"""Chart builders over small tidy example tables: what is plotted, labelled and escaped."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import aggregate, charts
from tests import chart_data as data

TARGETS = (data.TARGET, data.TARGET_2)


@pytest.fixture
def table() -> pd.DataFrame:
    return data.statement_table(TARGETS)


@pytest.fixture
def actors(table) -> pd.DataFrame:
    return aggregate.actor_summary(table)


def _json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str)


def test_stance_by_actor_bars_counts_whiskers_and_click_data(actors):
    fig = charts.stance_by_actor(actors, target=data.TARGET, note="All statements", source="Seed, 2020-01-02")
    assert isinstance(fig, go.Figure)
    bars = [t for t in fig.data if t.type == "bar"]
    # One trace per party, one bar per attributed actor.
    assert {t.name for t in bars} == {"Democratic", "Republican"}
    labels = [label for t in bars for label in t.y]
    assert any(label.startswith("Mike Pompeo (R) · n=2") for label in labels)
    pompeo = next(t for t in bars if t.name == "Republican")
    index = list(pompeo.y).index("Mike Pompeo (R) · n=2")
    assert pompeo.x[index] == pytest.approx(0.55)
    assert pompeo.error_x.array[index] == pytest.approx(
        actors.set_index(["speaker", "target"]).loc[("Mike Pompeo", data.TARGET), "stance_ci95"]
    )
    assert pompeo.customdata[index][0] == "Mike Pompeo"  # raw name for click-to-filter
    title = fig.layout.title.text
    assert data.TARGET in title and "All statements" in title and "Seed, 2020-01-02" in title
    assert "95% CI" in fig.layout.xaxis.title.text
    assert tuple(fig.layout.xaxis.range) == (-1.1, 1.1)


def test_stance_by_actor_other_target_and_empty(actors):
    fig = charts.stance_by_actor(actors, target=data.TARGET_2)
    warren = [x for t in fig.data for y, x in zip(t.y, t.x, strict=True) if y.startswith("Elizabeth Warren")]
    assert warren == [pytest.approx(0.9)]
    empty = charts.stance_by_actor(actors.iloc[0:0], target=data.TARGET)
    assert not empty.data and "No attributed statements" in empty.layout.annotations[0].text


def test_sentiment_vs_stance_one_point_per_statement_with_escaped_quote(table):
    fig = charts.sentiment_vs_stance(table, target=data.TARGET)
    points = sum(len(t.x) for t in fig.data)
    assert points == table.loc[table["target"] == data.TARGET, "id"].nunique() == 5
    names = {t.name for t in fig.data}
    assert names == {"(unattributed)", "Elizabeth Warren", "Marco Rubio", "Mike Pompeo"}
    unattributed = next(t for t in fig.data if t.name == "(unattributed)")
    quote = unattributed.customdata[0][3]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in quote and "<script>" not in quote
    assert "<script>" not in _json(fig)
    assert fig.layout.xaxis.title.text.startswith("Sentiment")
    assert fig.layout.yaxis.title.text.startswith("Stance")


def test_sentiment_vs_stance_uses_given_colours(table):
    colours = charts.speaker_colours(table["speaker_label"])
    fig = charts.sentiment_vs_stance(table, target=data.TARGET, colours=colours)
    warren = next(t for t in fig.data if t.name == "Elizabeth Warren")
    assert warren.marker.color == colours["Elizabeth Warren"]
    assert colours["(unattributed)"] == charts.UNATTRIBUTED_COLOUR


def test_stance_by_party_bars_and_strip(table):
    parties = aggregate.party_summary(table)
    fig = charts.stance_by_party(table, parties, target=data.TARGET)
    bar = next(t for t in fig.data if t.type == "bar")
    strip = next(t for t in fig.data if t.type == "box")
    assert len(bar.x) == 3  # Republican, Democratic, (no party)
    assert any(label.startswith("Republican<br>n=3, 2 actor(s)") for label in bar.x)
    assert len(strip.y) == 5 and strip.boxpoints == "all"
    assert "by party" in fig.layout.title.text


def test_actors_by_party_two_level_axis(actors):
    fig = charts.actors_by_party(actors, target=data.TARGET)
    bar = fig.data[0]
    parties, speakers = bar.y
    assert list(parties) == ["Democratic", "Republican", "Republican"]
    assert list(speakers) == ["Elizabeth Warren · n=1", "Mike Pompeo · n=2", "Marco Rubio · n=1"]
    assert [row[0] for row in bar.customdata] == ["Elizabeth Warren", "Mike Pompeo", "Marco Rubio"]
    assert bar.orientation == "h" and "95% CI" in fig.layout.xaxis.title.text


def test_actor_labels_for_missing_party_and_long_names():
    summary = pd.DataFrame(
        [
            {
                "speaker": "the Pentagon’s Chief Inspector General of Operation Inherent Resolve",
                "target": "T",
                "party": float("nan"),
                "speaker_type": "unnamed",
                "statements": 1,
                "mean_stance": 0.1,
                "stance_ci95": 0.0,
                "mean_sentiment": 0.0,
                "favor": 0,
                "against": 0,
                "none": 1,
            }
        ]
    )
    fig = charts.stance_by_actor(summary, target="T")
    (label,) = fig.data[0].y
    assert label == "the Pentagon’s Chief Inspector Gene… · n=1"
    assert fig.data[0].name == "(no party)"
    assert fig.data[0].customdata[0][0].endswith("Inherent Resolve")


def test_party_target_heatmap(table):
    summary = aggregate.party_summary(table)
    fig = charts.party_target_heatmap(summary, note="All statements")
    heat = fig.data[0]
    assert heat.type == "heatmap" and heat.zmid == 0
    assert list(heat.y) == ["(no party)", "Democratic", "Republican"]
    assert len(heat.x) == 2
    democratic = list(heat.y).index("Democratic")
    assert list(heat.z[democratic]) == [pytest.approx(-0.9), pytest.approx(0.9)]
    assert "n=1" in heat.text[democratic][0]


def test_article_timeline_narrator_vs_quoted(table):
    paragraphs = aggregate.paragraph_stances(data.paragraphs(), data.stances(TARGETS))
    fig = charts.article_timeline(paragraphs, table, target=data.TARGET)
    names = [t.name for t in fig.data]
    assert "Quoted statements" in names and any(n.startswith("Narrator") for n in names)
    narrator = next(t for t in fig.data if t.name.startswith("Narrator"))
    assert list(narrator.x) == [0]  # only paragraph 0 is less than half quoted
    quoted = next(t for t in fig.data if t.name == "Quoted statements")
    assert len(quoted.x) == 5
    # Two statements in paragraph 1 sit side by side, not on top of each other.
    assert len(set(quoted.x)) == 5
    assert "Paragraph index" in fig.layout.xaxis2.title.text


def test_describe_filter():
    assert charts.describe_filter() == "All statements"
    note = charts.describe_filter(
        speakers=["A", "B"],
        parties=["Republican"],
        min_statements=2,
        include_unattributed=False,
        selection=["A"],
    )
    assert note == (
        "Filter: speakers: A, B; parties: Republican; actors with ≥ 2 statements; "
        "attributed statements only; chart selection: A"
    )


def test_titles_escape_targets_and_sources(actors):
    fig = charts.stance_by_actor(actors, target=data.TARGET, source="<img src=x onerror=alert(1)>")
    assert "<img" not in fig.layout.title.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in fig.layout.title.text


def test_selected_values_from_selection_event():
    event = {
        "selection": {
            "points": [
                {"customdata": ["Mike Pompeo", 2, 0.1]},
                {"customdata": ["Mike Pompeo"]},
                {"customdata": ["Marco Rubio", 1, 0.0]},
                {"x": 1},
            ]
        }
    }
    assert charts.selected_values(event) == ["Mike Pompeo", "Marco Rubio"]
    assert charts.selected_values({"selection": {"points": [{"customdata": [3, "X"]}]}}) == ["3"]
    assert charts.selected_values(None) == []
    assert charts.selected_values({"selection": {"points": []}}) == []


def test_hover_quote_wraps_and_shortens():
    text = "word " * 200
    quote = charts.hover_quote(text)
    assert quote.endswith("…") and "<br>" in quote
    assert charts.hover_quote('a "b" <c>') == "a &quot;b&quot; &lt;c&gt;"
