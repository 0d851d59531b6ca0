"""Chart builders over small tidy example tables: what is plotted, labelled and escaped."""

from __future__ import annotations

import html
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


def _visible(text: str | None) -> str:
    """A Plotly string as read: line breaks as spaces, entities decoded."""
    return html.unescape((text or "").replace("<br>", " "))


def _title(fig: go.Figure) -> str:
    """Title and subtitle as one line of visible text."""
    title = fig.layout.title
    return _visible(title.text) + " | " + _visible(title.subtitle.text)


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
    title = _title(fig)
    assert data.TARGET in title and "All statements" in title and "Seed, 2020-01-02" in title
    assert "All statements" in fig.layout.title.subtitle.text  # the filter sits in the smaller line
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
    assert "by party" in _title(fig)


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
    assert label == "the Pentagon’s Chief… · n=1"
    assert len(label) <= charts.TICK_CHARS
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


def _quoted(fig: go.Figure, *, row: int = 1) -> list:
    """The timeline's quoted-statement traces (one per speaker) of one subplot row."""
    axis = "y" if row == 1 else f"y{row}"
    return [t for t in fig.data if (t.legendgroup or "").startswith("quoted-") and t.yaxis == axis]


def test_article_timeline_narrator_vs_quoted(table):
    paragraphs = aggregate.paragraph_stances(data.paragraphs(), data.stances(TARGETS))
    fig = charts.article_timeline(paragraphs, table, target=data.TARGET)
    names = [t.name for t in fig.data]
    assert any(n.startswith("Narrator") for n in names)
    narrator = next(t for t in fig.data if t.name.startswith("Narrator"))
    assert list(narrator.x) == [0]  # only paragraph 0 is less than half quoted
    quoted = _quoted(fig)
    assert {t.name for t in quoted} == {"(unattributed)", "Elizabeth Warren", "Marco Rubio", "Mike Pompeo"}
    xs = [x for t in quoted for x in t.x]
    assert len(xs) == 5
    # Two statements in paragraph 1 sit side by side, not on top of each other.
    assert len(set(xs)) == 5
    assert "Paragraph index" in fig.layout.xaxis2.title.text


def test_describe_filter():
    assert charts.describe_filter() == "All statements"
    note = charts.describe_filter(
        speakers=["A", "B"],
        parties=["Republican"],
        types=["belief", "plan or position"],
        min_statements=2,
        include_unattributed=False,
        selection=["A"],
    )
    assert note == (
        "Filter: speakers: A, B; parties: Republican; statement types: belief, plan or position; "
        "actors with ≥ 2 statements; "
        "attributed statements only; chart selection: A"
    )


def test_titles_escape_targets_and_sources(actors):
    fig = charts.stance_by_actor(actors, target=data.TARGET, source="<img src=x onerror=alert(1)>")
    assert "<img" not in fig.layout.title.text + fig.layout.title.subtitle.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in fig.layout.title.subtitle.text


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


# --------------------------------------------------------------------------- speaker colours


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an ``#rrggbb`` colour."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    matrix = (
        (0.4124564, 0.3575761, 0.1804375),
        (0.2126729, 0.7151522, 0.0721750),
        (0.0193339, 0.1191920, 0.9503041),
    )
    white = (0.95047, 1.0, 1.08883)
    x, y, z = (
        sum(m * c for m, c in zip(row, linear, strict=True)) / w for row, w in zip(matrix, white, strict=True)
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: Euclidean distance in CIELAB (about 2.3 is just noticeable)."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


MIN_SPEAKER_DELTA_E = 25.0
"""Every pair of the first 24 speaker colours differs at least this much (ΔE76)."""


def test_palette_keeps_24_speakers_apart():
    palette = charts.SPEAKER_PALETTE[:24]
    assert len(palette) == 24 and len({c.lower() for c in palette}) == 24
    pairs = [(a, b, _delta_e(a, b)) for i, a in enumerate(palette) for b in palette[i + 1 :]]
    closest = min(pairs, key=lambda pair: pair[2])
    assert closest[2] >= MIN_SPEAKER_DELTA_E, closest
    for colour in palette:
        # Not mistaken for the unattributed grey or the narrator line, and visible on white.
        for fixed in (charts.UNATTRIBUTED_COLOUR, charts.NARRATOR_COLOUR, "#ffffff"):
            assert _delta_e(colour, fixed) >= MIN_SPEAKER_DELTA_E, (colour, fixed)
        assert 30 <= _lab(colour)[0] <= 80, colour


def test_speaker_colours_distinct_and_stable_under_filters():
    table = data.statement_table(TARGETS)
    crowded = data.crowded_statements(speakers=24)
    speakers = list(dict.fromkeys(crowded["speaker"]))
    colours = charts.speaker_colours(speakers)
    assert len({colours[s] for s in speakers}) == 24
    assert charts.speaker_colours(reversed(speakers)) == colours  # order of the input does not matter
    # A filtered chart given the unfiltered mapping keeps each speaker's colour.
    everyone = charts.speaker_colours(table["speaker_label"])
    only_warren = table.loc[table["speaker_label"] == "Elizabeth Warren"]
    fig = charts.sentiment_vs_stance(only_warren, target=data.TARGET, colours=everyone)
    assert [t.marker.color for t in fig.data] == [everyone["Elizabeth Warren"]]
    assert everyone["Elizabeth Warren"] != everyone["Mike Pompeo"]
    assert _delta_e(everyone["Elizabeth Warren"], everyone["Mike Pompeo"]) >= MIN_SPEAKER_DELTA_E


def test_scatter_and_timeline_fill_by_speaker_outline_by_party(table):
    colours = charts.speaker_colours(table["speaker_label"])
    parties = charts.party_colours(table["party_label"].unique())
    scatter = charts.sentiment_vs_stance(table, target=data.TARGET, colours=colours)
    paragraphs = aggregate.paragraph_stances(data.paragraphs(), data.stances(TARGETS))
    # The old call (no colours) still works; with them, the timeline matches the scatter.
    assert charts.article_timeline(paragraphs, table, target=data.TARGET).data
    timeline = charts.article_timeline(paragraphs, table, target=data.TARGET, colours=colours)
    for traces in ([t for t in scatter.data], _quoted(timeline), _quoted(timeline, row=2)):
        pompeo = next(t for t in traces if t.name == "Mike Pompeo")
        warren = next(t for t in traces if t.name == "Elizabeth Warren")
        assert pompeo.marker.color == colours["Mike Pompeo"]
        assert warren.marker.color == colours["Elizabeth Warren"]
        assert set(pompeo.marker.line.color) == {parties["Republican"]}
        assert set(warren.marker.line.color) == {parties["Democratic"]}


# --------------------------------------------------------------------------- narrow columns


@pytest.fixture(scope="module")
def crowded() -> dict:
    """A 22-speaker article with long, look-alike and hostile names, its tables and every figure."""
    statements = data.crowded_statements(speakers=22)
    stances = data.crowded_stances(statements)
    table = aggregate.statement_stances(statements, stances)
    actors = aggregate.actor_summary(table)
    parties = aggregate.party_summary(table)
    paragraphs = aggregate.paragraph_stances(data.crowded_paragraphs(statements), stances)
    colours = charts.speaker_colours(table["speaker_label"])
    note = charts.describe_filter(
        speakers=list(dict.fromkeys(table["speaker_label"])),
        parties=["Democratic", "Republican"],
        min_statements=2,
    )
    source = (
        "Senators split over the strikes on Iran-backed militias, a very long headline indeed, 2020-01-02"
    )
    kw = dict(note=note, source=source)
    figures = {
        "stance_by_actor": charts.stance_by_actor(actors, target=data.TARGET, **kw),
        "stance_by_party": charts.stance_by_party(table, parties, target=data.TARGET, **kw),
        "sentiment_vs_stance": charts.sentiment_vs_stance(table, target=data.TARGET, colours=colours, **kw),
        "actors_by_party": charts.actors_by_party(actors, target=data.TARGET, **kw),
        "party_target_heatmap": charts.party_target_heatmap(parties, **kw),
        "article_timeline": charts.article_timeline(
            paragraphs, table, target=data.TARGET, colours=colours, **kw
        ),
    }
    return dict(table=table, actors=actors, parties=parties, figures=figures)


GLANCE = ("stance_by_actor", "stance_by_party")
"""The two charts side by side in half-width columns on the article's "At a glance" tab."""
FIGURES = (*GLANCE, "sentiment_vs_stance", "actors_by_party", "party_target_heatmap", "article_timeline")


@pytest.mark.parametrize("name", FIGURES)
def test_figure_fits_a_half_width_column(crowded, name):
    fig = crowded["figures"][name]
    layout = fig.layout
    width = charts.NARROW_WIDTH
    # Side margins leave the plot most of a 520 px column: the glance pair, shown in half-width columns,
    # keeps at least 55% of it; the others (full width in the app) still keep 40% there.
    keep = 0.55 if name in GLANCE else 0.4
    assert width - layout.margin.l - layout.margin.r >= keep * width, (layout.margin.l, layout.margin.r)
    # Titles wrap instead of running out of the column; the note and source sit in a smaller line.
    assert ("<br>" in layout.title.text) == (len(_visible(layout.title.text)) > charts.TITLE_CHARS)
    assert all(len(_visible(line)) <= charts.TITLE_CHARS for line in layout.title.text.split("<br>"))
    assert all(
        len(_visible(line)) <= charts.SUBTITLE_CHARS for line in layout.title.subtitle.text.split("<br>")
    )
    assert layout.title.subtitle.font.size < layout.title.font.size
    assert layout.title.automargin and layout.title.yref == "container"
    assert layout.margin.t >= charts._title_px(layout.title.to_plotly_json())
    # Axis titles wrap to the width of a narrow plot.
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.automargin
        for line in (axis.title.text or "").split("<br>"):
            assert len(_visible(line)) <= charts.AXIS_TITLE_CHARS, line
    # Any legend runs horizontally along the bottom, where Plotly reserves room for it.
    if layout.showlegend:
        assert layout.legend.orientation == "h"
        assert (
            layout.legend.yref == "container" and layout.legend.y == 0 and layout.legend.yanchor == "bottom"
        )
    # Article text never arrives as markup.
    # (customdata is never rendered as such: it carries raw names back to click filters.)
    shown = fig.to_plotly_json()
    shown["data"] = [{k: v for k, v in t.items() if k != "customdata"} for t in shown["data"]]
    rendered = json.dumps(shown, default=str)
    assert "<b>bold</b>" not in rendered and "<img" not in rendered and "<i>" not in rendered


def test_actor_tick_labels_are_capped_unique_and_full_in_hover(crowded):
    fig = crowded["figures"]["stance_by_actor"]
    labels = [label for t in fig.data for label in t.y]
    assert len(labels) == len(set(labels)) == 22, "names that shorten alike keep their own bars"
    assert max(len(_visible(label)) for label in labels) <= charts.TICK_CHARS
    assert fig.layout.margin.l <= charts.TICK_CHARS * charts.CHAR_PX + charts.TICK_PAD_PX
    hovers = [row[3] for t in fig.data for row in t.customdata]
    assert any(_visible(h).endswith("of Operation Inherent Resolve") for h in hovers)
    assert any("&lt;b&gt;bold&lt;/b&gt;" in h for h in hovers)
    names = {t.name for t in fig.data}
    assert {"Democratic", "(no party)"} <= names and "Working Families Party of…" in names


def test_grouped_and_heatmap_labels_are_capped(crowded):
    grouped = crowded["figures"]["actors_by_party"].data[0]
    outer, inner = grouped.y
    assert max(len(_visible(label)) for label in inner) <= charts.GROUPED_ACTOR_CHARS
    assert max(len(_visible(label)) for label in outer) <= charts.PARTY_TICK_CHARS
    assert len(set(zip(outer, inner, strict=True))) == len(inner)
    heat = crowded["figures"]["party_target_heatmap"].data[0]
    for label in heat.x:
        lines = label.split("<br>")
        assert len(lines) <= charts.TARGET_TICK_LINES
        assert all(len(_visible(line)) <= charts.TARGET_TICK_CHARS for line in lines)
    assert max(len(_visible(label)) for label in heat.y) <= charts.PARTY_TICK_CHARS


@pytest.mark.parametrize("speakers", [3, 12, 40])
def test_bar_charts_grow_with_the_number_of_bars(speakers):
    table = aggregate.statement_stances(
        data.crowded_statements(speakers=speakers),
        data.crowded_stances(data.crowded_statements(speakers=speakers)),
    )
    actors = aggregate.actor_summary(table)
    for fig in (
        charts.stance_by_actor(actors, target=data.TARGET),
        charts.actors_by_party(actors, target=data.TARGET),
    ):
        margins = fig.layout.margin.t + fig.layout.margin.b
        assert fig.layout.height - margins >= max(charts.MIN_PLOT_PX, charts.BAR_PX * speakers)


def test_legends_get_room_for_many_speakers(crowded):
    few = charts.sentiment_vs_stance(
        crowded["table"].loc[crowded["table"]["speaker_label"] == "Mike Pompeo"], target=data.TARGET
    )
    many = crowded["figures"]["sentiment_vs_stance"]
    assert len(many.data) == 22 and many.layout.legend.title.side == "top left"
    assert many.layout.height > few.layout.height  # the legend rows are added, the plot keeps its size
    assert charts._legend_px([t.name for t in many.data], title="Speaker") >= 6 * charts.LEGEND_ROW_PX


def test_long_title_wraps_between_escaped_pieces():
    target = (
        "Whether <b>the</b> strikes & sanctions on Iran-backed militias in Iraq were lawful under the AUMF"
    )
    fig = charts.stance_by_actor(pd.DataFrame(columns=["target"]), target=target, note="x" * 150)
    text = fig.layout.title.text
    assert text.count("<br>") >= 2 and "<b>" not in text and "&lt;b&gt;the&lt;/b&gt;" in text
    assert "&amp;" in text and "&amp<br>" not in text  # no entity is cut by a line break
    assert fig.layout.title.subtitle.text.count("<br>") >= 2


# --------------------------------------------------------------------------- labels agree with numbers


def test_hover_labels_follow_the_one_rule(crowded):
    """Every label shown beside a score is the rule's label of that score ("none" never at -0.32)."""
    from analysis.labels import sentiment_label, stance_label

    figures = crowded["figures"]
    scatter = [
        (row, t)
        for t in figures["sentiment_vs_stance"].data
        for row in zip(t.x, t.y, t.customdata, strict=True)
    ]
    for (x, y, custom), _ in scatter:
        assert custom[6] == sentiment_label(x) and custom[7] == stance_label(y)
    for name in ("stance_by_actor", "actors_by_party"):
        for t in figures[name].data:
            for x, custom in zip(t.x, t.customdata, strict=True):
                assert custom[4] == stance_label(x)
    party_bar = next(t for t in figures["stance_by_party"].data if t.type == "bar")
    assert [c[3] for c in party_bar.customdata] == [stance_label(y) for y in party_bar.y]
    timeline = figures["article_timeline"]
    for row, rule in ((1, stance_label), (2, sentiment_label)):
        for t in _quoted(timeline, row=row):
            assert [c[2] for c in t.customdata] == [rule(y) for y in t.y]
    heat = figures["party_target_heatmap"].data[0]
    for z_row, hover_row in zip(heat.z, heat.hovertext, strict=True):
        for z, hover in zip(z_row, hover_row, strict=True):
            if z == z:  # not NaN
                assert f"{z:+.2f} ({stance_label(z)})" in hover


def test_minus_032_is_never_neutral_in_a_hover():
    statements = data.statements()
    stances = data.stances().assign(
        score=lambda t: t["score"].where(~((t["unit"] == "statement") & (t["id"] == 1)), -0.32),
        label="none",  # an older analysis's labels, disagreeing with the scores
    )
    table = aggregate.statement_stances(
        statements.assign(sentiment=-0.32, sentiment_label="neutral"), stances
    )
    fig = charts.sentiment_vs_stance(table, target=data.TARGET)
    pompeo = next(t for t in fig.data if t.name == "Mike Pompeo")
    point = list(pompeo.y).index(-0.32)
    assert pompeo.customdata[point][7] == "against" and pompeo.customdata[point][6] == "negative"
    actors = aggregate.actor_summary(table)
    bar = charts.stance_by_actor(actors, target=data.TARGET)
    for t in bar.data:
        for x, custom in zip(t.x, t.customdata, strict=True):
            assert not (x <= -0.2 and custom[4] == "none")


# --------------------------------------------------------------------------- heatmap target order


def _heat_targets(heat) -> list[str]:
    """The heatmap's columns as full targets, read from the hover (tick labels are shortened)."""
    return [next(t for t in TARGETS if hover_quote_of(t) in hover) for hover in heat.hovertext[0]]


def hover_quote_of(target: str) -> str:
    return f"toward “{charts.hover_quote(target, limit=200)}”"


@pytest.mark.parametrize("typed", [TARGETS, tuple(reversed(TARGETS))])
def test_heatmap_keeps_targets_in_typed_order(typed):
    summary = aggregate.party_summary(data.statement_table(typed))
    heat = charts.party_target_heatmap(summary).data[0]
    assert _heat_targets(heat) == list(typed)
    # An explicit order wins, whatever the data's order.
    flipped = charts.party_target_heatmap(summary, targets=list(reversed(typed))).data[0]
    assert _heat_targets(flipped) == list(reversed(typed))
    democratic = list(heat.y).index("Democratic")
    # chart_data scores the first typed target +score and the second -score: Warren is -0.9, then +0.9.
    assert list(heat.z[democratic]) == [pytest.approx(-0.9), pytest.approx(0.9)]
