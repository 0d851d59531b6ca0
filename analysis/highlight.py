"""The article as HTML with every statement highlighted in its speaker's colour.

A pure function, no Streamlit. Everything that comes from the article or the analysis (text,
speaker, party, labels) goes through :func:`html.escape`; the only markup is the fixed ``<div>``,
``<p>``, ``<mark>`` and ``<span>`` tags written here, and colours are checked to be ``#rrggbb``.

A statement's background is an opaque light tint of its speaker's colour (mixed with white, with
black text set explicitly), so it reads the same on a light or a dark page; the full colour is the
underline. Tooltip labels come from the scores by the one rule (:mod:`analysis.labels`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from analysis.aggregate import NO_PARTY, UNATTRIBUTED, rule_label
from analysis.charts import UNATTRIBUTED_COLOUR, speaker_colours
from analysis.labels import sentiment_label as sentiment_rule
from analysis.labels import stance_label as stance_rule

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
HIGHLIGHT_TINT = 0.65
"""Share of white mixed into a speaker's colour for the background behind the text: even the darkest
palette colour then keeps black text above WCAG AAA contrast (7:1), and hues stay recognisable."""
TEXT_COLOUR = "#000000"
"""Set on every mark: a ``<mark>`` would otherwise inherit a dark theme's light text onto the tint."""


def _colour(value: str | None) -> str:
    return value if value and _HEX_COLOUR.fullmatch(value) else UNATTRIBUTED_COLOUR


def tint(colour: str, *, amount: float = HIGHLIGHT_TINT) -> str:
    """``colour`` (checked ``#rrggbb``) mixed with ``amount`` of white, as an opaque ``#rrggbb``."""
    checked = _colour(colour)
    channels = (int(checked[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def _esc(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def statement_tooltip(
    *,
    speaker: object,
    party: object,
    sentiment: object,
    sentiment_label: object = None,
    stances: Sequence[tuple[str, str, float]] = (),
) -> str:
    """Plain text for a ``title`` attribute: speaker, party, sentiment and each target's stance.

    Each label is derived from its score by the one rule; a given label (``sentiment_label``, the
    middle item of each ``stances`` triple) is only shown when its score is missing. Not escaped
    here; :func:`highlight_html` escapes it when it writes the attribute.
    """
    lines = [
        f"Speaker: {speaker if _present(speaker) else UNATTRIBUTED}",
        f"Party: {party if _present(party) else NO_PARTY}",
        f"Sentiment: {_label(sentiment, given=sentiment_label, rule=sentiment_rule)} ({_signed(sentiment)})",
    ]
    lines += [
        f"Stance toward {target}: {_label(score, given=label, rule=stance_rule)} ({_signed(score)})"
        for target, label, score in stances
    ]
    return "\n".join(lines)


def _label(score: object, *, given: object, rule: Callable[[float], str | None]) -> str:
    """The rule's label of ``score``; without a score, the given label (or "n/a")."""
    derived = rule_label(score, rule=rule)
    if derived is not None:
        return derived
    return str(given) if _present(given) else "n/a"


def _present(value: object) -> bool:
    return not (
        value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == ""
    )


def _signed(value: object) -> str:
    try:
        return f"{float(value):+.2f}"
    except (TypeError, ValueError):
        return "n/a"


def highlight_html(
    *,
    text: str,
    statements: pd.DataFrame,
    stances: pd.DataFrame | None = None,
    colours: Mapping[str, str] | None = None,
    selected_ids: Sequence[int] | None = None,
) -> str:
    """The article text as escaped HTML, one ``<p>`` per paragraph, statements in ``<mark>``.

    ``statements`` needs ``id, start, end, speaker, party, sentiment`` (``sentiment_label`` optional)
    with offsets into ``text``; ``stances`` (optional) is the tidy stance table (``unit, id, target,
    label, score``). Out-of-range statements are skipped; nested ones nest, partly overlapping ones
    are cut. ``selected_ids`` limits the highlighting to those statements (the others stay plain
    text). The speaker's mention, when the statement names one (``speaker_start``/``speaker_end``),
    is underlined in the speaker's full colour.
    """
    colours = dict(colours or speaker_colours(statements["speaker"].dropna() if len(statements) else []))
    spans = _spans(
        text=text, statements=statements, stances=stances, colours=colours, selected_ids=selected_ids
    )
    paragraphs = [_paragraph_html(text, start, end, spans) for start, end in _paragraph_bounds(text)]
    inner = "".join(f'<p style="margin:0 0 0.8em 0">{body}</p>' for body in paragraphs)
    return (
        '<div class="stancescope-article" style="white-space:pre-wrap;line-height:1.6;'
        'font-size:0.98rem;max-width:60rem">' + inner + "</div>"
    )


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, surrounding whitespace trimmed."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        chunk = text[position:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            bounds.append((position + lead, position + len(chunk.rstrip())))
        position = match.end() if match else len(text)
    return bounds


def _paragraph_html(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """One paragraph's escaped text with its marks, properly nested.

    A mark inside another (a nested statement, a speaker named inside someone's quote) nests; one
    that only partly overlaps an open mark is cut at that mark's end, so tags never cross.
    """
    pieces: list[str] = []
    position = start
    open_marks: list[tuple[int, str]] = []  # (end, closing tag), innermost last
    for mark_start, mark_end, opening, closing in spans:
        a, b = max(mark_start, start), min(mark_end, end)
        while open_marks and open_marks[-1][0] <= a:
            stop, close = open_marks.pop()
            pieces.append(_esc(text[position:stop]) + close)
            position = stop
        if open_marks:
            b = min(b, open_marks[-1][0])
        if a >= b:
            continue
        pieces.append(_esc(text[position:a]) + opening)
        position = a
        open_marks.append((b, closing))
    while open_marks:
        stop, close = open_marks.pop()
        pieces.append(_esc(text[position:stop]) + close)
        position = stop
    pieces.append(_esc(text[position:end]))
    return "".join(pieces)


def _spans(
    *,
    text: str,
    statements: pd.DataFrame,
    stances: pd.DataFrame | None,
    colours: Mapping[str, str],
    selected_ids: Sequence[int] | None,
) -> list[tuple[int, int, str, str]]:
    """(start, end, opening tag, closing tag) of every mark, in text order, outer before inner."""
    if statements is None or statements.empty:
        return []
    by_statement: dict[int, list[tuple[str, str, float]]] = {}
    if stances is not None and not stances.empty:
        rows = stances.loc[stances["unit"] == "statement"]
        for sid, target, label, score in zip(
            rows["id"], rows["target"], rows["label"], rows["score"], strict=True
        ):
            by_statement.setdefault(int(sid), []).append((str(target), str(label), score))
    wanted = None if selected_ids is None else {int(i) for i in selected_ids}
    marks: list[tuple[int, int, str, str]] = []
    for row in statements.sort_values("start").itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if wanted is not None and int(row.id) not in wanted:
            continue
        if not (0 <= start < end <= len(text)):
            continue
        speaker = row.speaker if _present(row.speaker) else None
        colour = _colour(colours.get(str(speaker)) if speaker else UNATTRIBUTED_COLOUR)
        tooltip = statement_tooltip(
            speaker=speaker,
            party=getattr(row, "party", None),
            sentiment=getattr(row, "sentiment", None),
            sentiment_label=getattr(row, "sentiment_label", ""),
            stances=by_statement.get(int(row.id), ()),
        )
        style = (
            f"background:{tint(colour)};color:{TEXT_COLOUR};border-bottom:2px solid {colour};"
            "padding:0 1px;border-radius:2px"
        )
        opening = (
            f'<mark class="stancescope-statement" data-statement="{int(row.id)}" '
            f'title="{_esc(tooltip).replace(chr(10), "&#10;")}" style="{style}">'
        )
        marks.append((start, end, opening, "</mark>"))
        mention = _mention(row, start=start, end=end, length=len(text))
        if mention:
            marks.append(
                (*mention, f'<span style="text-decoration:underline {colour};font-weight:600">', "</span>")
            )
    return sorted(marks, key=lambda mark: (mark[0], -mark[1]))


def _mention(row, *, start: int, end: int, length: int) -> tuple[int, int] | None:
    """The speaker mention's offsets when it lies outside the statement (a mention inside is left plain)."""
    s, e = getattr(row, "speaker_start", None), getattr(row, "speaker_end", None)
    if not (_present(s) and _present(e)):
        return None
    s, e = int(s), int(e)
    if not (0 <= s < e <= length) or (s < end and e > start):
        return None
    return s, e


def legend_html(*, colours: Mapping[str, str], counts: Mapping[str, int] | None = None) -> str:
    """A small escaped colour key: one swatch per speaker."""
    items = []
    for speaker, colour in colours.items():
        count = f" ({counts[speaker]})" if counts and speaker in counts else ""
        items.append(
            f'<span style="display:inline-block;margin:0 0.9em 0.3em 0">'
            f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{_colour(colour)};'
            f'border-radius:2px;margin-right:0.3em;vertical-align:-0.1em"></span>{_esc(speaker)}{count}</span>'
        )
    return '<div class="stancescope-legend" style="font-size:0.9rem">' + "".join(items) + "</div>"
