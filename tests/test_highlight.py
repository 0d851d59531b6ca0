"""The highlighted article: escaped text, one mark per statement, tooltips, colours, overlaps."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import charts
from analysis.highlight import TEXT_COLOUR, highlight_html, legend_html, statement_tooltip, tint
from tests import chart_data as data


def _visible_text(markup: str) -> str:
    """What a browser shows: tags removed, entities decoded, paragraphs joined by blank lines."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", markup, flags=re.S)
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in paragraphs)


def test_script_in_article_comes_out_escaped():
    markup = highlight_html(text=data.TEXT, statements=data.statements(), stances=data.stances())
    assert "<script>" not in markup and "</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    # Only the fixed tags written by the highlighter appear.
    assert set(re.findall(r"</?([a-zA-Z]+)", markup)) <= {"div", "p", "mark", "span"}


def test_text_survives_round_trip():
    markup = highlight_html(text=data.TEXT, statements=data.statements(), stances=data.stances())
    assert _visible_text(markup) == data.TEXT


def test_each_statement_marked_in_its_speakers_colour_with_tooltip():
    statements = data.statements()
    colours = charts.speaker_colours(statements["speaker"].fillna("(unattributed)"))
    markup = highlight_html(text=data.TEXT, statements=statements, stances=data.stances(), colours=colours)
    marks = re.findall(
        r'<mark class="stancescope-statement" data-statement="(\d+)" title="([^"]*)" style="([^"]*)">', markup
    )
    assert [int(m[0]) for m in marks] == [0, 1, 2, 3, 4]
    warren = next(m for m in marks if m[0] == "2")
    tooltip = html.unescape(warren[1].replace("&#10;", "\n"))
    assert tooltip.splitlines() == [
        "Speaker: Elizabeth Warren",
        "Party: Democratic",
        "Sentiment: negative (-0.80)",
        f"Stance toward {data.TARGET}: against (-0.90)",
    ]
    assert colours["Elizabeth Warren"] in warren[2]
    unattributed = next(m for m in marks if m[0] == "4")
    assert "Speaker: (unattributed)" in html.unescape(unattributed[1])
    assert charts.UNATTRIBUTED_COLOUR in unattributed[2]


def test_speaker_mention_underlined_when_outside_the_quote():
    markup = highlight_html(text=data.TEXT, statements=data.statements())
    assert re.search(
        r'<span style="text-decoration:underline #[0-9a-f]{6};font-weight:600">Elizabeth Warren</span>',
        markup,
    )


def test_hostile_speaker_party_and_colour_are_escaped_or_refused():
    text = 'He said "hello there friend" today.'
    start = text.index("hello")
    statements = pd.DataFrame(
        [
            {
                "id": 0,
                "start": start,
                "end": start + len("hello there friend"),
                "speaker": '"><img src=x onerror=alert(1)>',
                "party": "<b>P</b>",
                "sentiment": 0.1,
                "sentiment_label": "neutral",
            }
        ]
    )
    markup = highlight_html(
        text=text,
        statements=statements,
        colours={'"><img src=x onerror=alert(1)>': "red;background:url(javascript:alert(1))"},
    )
    assert "<img" not in markup and "<b>" not in markup
    assert "javascript" not in markup  # a colour that is not #rrggbb falls back to grey
    assert charts.UNATTRIBUTED_COLOUR in markup


def test_selected_ids_limit_highlighting_and_bad_offsets_are_skipped():
    statements = data.statements()
    markup = highlight_html(text=data.TEXT, statements=statements, selected_ids=[2])
    assert markup.count("<mark") == 1 and 'data-statement="2"' in markup
    broken = pd.concat([statements, statements.iloc[[0]].assign(id=9, start=5, end=10_000)])
    markup = highlight_html(text=data.TEXT, statements=broken)
    assert 'data-statement="9"' not in markup and markup.count("<mark") == 5


def _well_nested(markup: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-zA-Z]+)", markup):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def test_overlapping_statements_nest_or_are_cut_never_cross():
    text = "abcdefghijklmnopqrstuvwxyz"
    statements = pd.DataFrame(
        [
            {
                "id": 0,
                "start": 2,
                "end": 10,
                "speaker": "A",
                "party": None,
                "sentiment": 0.0,
                "sentiment_label": "neutral",
            },
            {
                "id": 1,
                "start": 5,
                "end": 15,
                "speaker": "B",
                "party": None,
                "sentiment": 0.0,
                "sentiment_label": "neutral",
            },
        ]
    )
    markup = highlight_html(text=text, statements=statements)
    assert markup.count("<mark") == 2 and _well_nested(markup)
    assert re.search(
        r'data-statement="0"[^>]*>cde<mark [^>]*data-statement="1"[^>]*>fghij</mark></mark>klmno', markup
    )
    assert _visible_text(markup) == text


def test_nested_statement_and_mention_inside_a_quote_both_show():
    text = 'He said "the rest of it, as Smith put it" later.'
    outer = (text.index("the rest"), text.index('"', 9))
    inner = (text.index("as Smith"), outer[1])
    mention = text.index("Smith")
    statements = pd.DataFrame(
        [
            {
                "id": 0,
                "start": outer[0],
                "end": outer[1],
                "speaker": "A",
                "party": None,
                "sentiment": 0.0,
                "sentiment_label": "neutral",
                "speaker_start": None,
                "speaker_end": None,
            },
            {
                "id": 1,
                "start": inner[0],
                "end": inner[1],
                "speaker": "A",
                "party": None,
                "sentiment": 0.0,
                "sentiment_label": "neutral",
                "speaker_start": None,
                "speaker_end": None,
            },
            {
                "id": 2,
                "start": 0,
                "end": 2,
                "speaker": "Smith",
                "party": None,
                "sentiment": 0.0,
                "sentiment_label": "neutral",
                "speaker_start": mention,
                "speaker_end": mention + 5,
            },
        ]
    )
    markup = highlight_html(text=text, statements=statements)
    assert sorted(re.findall(r'data-statement="(\d+)"', markup)) == ["0", "1", "2"]
    assert _well_nested(markup) and 'font-weight:600">Smith</span>' in markup
    assert _visible_text(markup) == text


def test_tooltip_and_legend():
    assert statement_tooltip(speaker=None, party=None, sentiment=None, sentiment_label="neutral") == (
        "Speaker: (unattributed)\nParty: (no party)\nSentiment: neutral (n/a)"
    )
    legend = legend_html(colours={"<A>": "#123456"}, counts={"<A>": 2})
    assert "&lt;A&gt; (2)" in legend and "#123456" in legend


@settings(max_examples=150, deadline=None)
@given(text=st.text(min_size=1, max_size=200), cuts=st.lists(st.integers(0, 200), max_size=6))
def test_any_text_is_escaped_and_preserved(text, cuts):
    points = sorted({c for c in cuts if c <= len(text)})
    rows = [
        {
            "id": i,
            "start": a,
            "end": b,
            "speaker": text[:5] or None,
            "party": None,
            "sentiment": 0.0,
            "sentiment_label": "neutral",
        }
        for i, (a, b) in enumerate(zip(points[::2], points[1::2], strict=False))
        if a < b
    ]
    statements = pd.DataFrame(
        rows, columns=["id", "start", "end", "speaker", "party", "sentiment", "sentiment_label"]
    )
    markup = highlight_html(text=text, statements=statements)
    assert set(re.findall(r"<\s*/?\s*([a-zA-Z]+)", markup)) <= {"div", "p", "mark", "span"}
    normalised = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    visible = _visible_text(markup)
    assert visible == normalised
    for paragraph in re.findall(r"<p[^>]*>(.*?)</p>", markup, flags=re.S):
        assert _well_nested(paragraph)
    visible_ids = {r["id"] for r in rows if text[r["start"] : r["end"]].strip()}
    assert visible_ids <= {int(i) for i in re.findall(r'data-statement="(\d+)"', markup)}


# --------------------------------------------------------------------------- readable colours, rule labels


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


AAA_CONTRAST = 7.0


@pytest.mark.parametrize("colour", [*charts.SPEAKER_PALETTE, charts.UNATTRIBUTED_COLOUR])
def test_highlight_background_keeps_black_text_readable(colour):
    background = tint(colour)
    assert re.fullmatch(r"#[0-9a-f]{6}", background), "an opaque colour: the same on a light or dark page"
    assert _contrast(background, TEXT_COLOUR) >= AAA_CONTRAST
    assert background != "#ffffff"  # still a tint of the speaker's colour


def test_marks_use_the_tint_behind_black_text_and_the_full_colour_below():
    statements = data.statements()
    colours = charts.speaker_colours(statements["speaker"].fillna("(unattributed)"))
    markup = highlight_html(text=data.TEXT, statements=statements, colours=colours)
    style = re.search(r'data-statement="2"[^>]*style="([^"]*)"', markup).group(1)
    warren = colours["Elizabeth Warren"]
    assert f"background:{tint(warren)}" in style
    assert f"color:{TEXT_COLOUR}" in style
    assert f"border-bottom:2px solid {warren}" in style
    # Tints of different speakers stay different.
    tints = {tint(colours[name]) for name in ("Elizabeth Warren", "Mike Pompeo", "Marco Rubio")}
    assert len(tints) == 3


@pytest.mark.parametrize(
    ("score", "stored", "stance", "sentiment"),
    [
        (-0.32, "none", "against", "negative"),
        (-0.2, "none", "against", "negative"),
        (-0.19, "against", "none", "neutral"),
        (0.0, "favor", "none", "neutral"),
        (0.25, "none", "favor", "positive"),
    ],
)
def test_tooltip_labels_follow_the_one_rule(score, stored, stance, sentiment):
    tooltip = statement_tooltip(
        speaker="A",
        party=None,
        sentiment=score,
        sentiment_label="neutral" if stored == "none" else stored,
        stances=[("strikes", stored, score)],
    )
    assert tooltip.splitlines()[2:] == [
        f"Sentiment: {sentiment} ({score:+.2f})",
        f"Stance toward strikes: {stance} ({score:+.2f})",
    ]


def test_tooltip_from_stored_analysis_with_disagreeing_labels():
    stances = data.stances().assign(
        score=lambda t: t["score"].where(~((t["unit"] == "statement") & (t["id"] == 1)), -0.32),
        label="none",
    )
    markup = highlight_html(text=data.TEXT, statements=data.statements(), stances=stances)
    title = re.search(r'data-statement="1" title="([^"]*)"', markup).group(1)
    tooltip = html.unescape(title.replace("&#10;", "\n"))
    assert f"Stance toward {data.TARGET}: against (-0.32)" in tooltip
    assert "Sentiment: negative (-0.60)" in tooltip
    assert "none (-0.32)" not in tooltip
