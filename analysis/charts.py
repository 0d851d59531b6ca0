"""One Plotly builder per figure: tidy DataFrame in, ``plotly.graph_objects.Figure`` out.

No Streamlit here. Every title says what is plotted (target, filter, article) so an exported
file stands alone. Text that comes from the article or the analyst (quotes, names, targets) is
HTML-escaped before it reaches a title, a label or a hover, because Plotly renders a subset of
HTML in those strings; ``<br>`` is only ever inserted between pieces that are already escaped.

Every figure must fit a half-width column (:data:`NARROW_WIDTH`) without clipping: titles and axis
titles wrap, tick labels are shortened to a fixed budget (hovers keep the full text), legends run
horizontally along the bottom, and bar charts grow taller with the number of bars. A label shown
next to a score always comes from :mod:`analysis.labels`, the one rule used everywhere.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.aggregate import NO_PARTY, UNATTRIBUTED, rule_label
from analysis.labels import sentiment_label, stance_label

PARTY_COLOURS: dict[str, str] = {
    "Democratic": "#2166ac",
    "Republican": "#b2182b",
    "Independent": "#7b3294",
    "Libertarian": "#d9a400",
    "Green": "#1b7837",
    NO_PARTY: "#8c8c8c",
}
OTHER_PARTY_COLOURS = ("#e08214", "#35978f", "#8c510a", "#c51b7d", "#4d9221")
SPEAKER_PALETTE = (
    # 24 colours picked from Plotly's Dark24, Alphabet, D3, T10, Bold and Kelly's colours of maximum
    # contrast by greedy farthest-point selection in CIELAB: each next colour is the candidate farthest
    # (CIE76) from those already taken and from white and the two greys below, with lightness L* kept
    # in 30..80 so a marker shows on white and a tint of it still looks like it. The order matters:
    # an article with k speakers gets the first k, and the first ones are the most different.
    # Smallest pairwise distance among all 24: about 28 ΔE (tests/test_charts.py checks it).
    "#511cfb",
    "#fb0d0d",
    "#86ce00",
    "#cf1c90",
    "#3283fe",
    "#feaf16",
    "#117733",
    "#862a16",
    "#fe00fa",
    "#eea6fb",
    "#00b5f7",
    "#ff9da6",
    "#782ab6",
    "#999933",
    "#52bca3",
    "#604e97",
    "#fc6955",
    "#1cbe4f",
    "#882255",
    "#008695",
    "#b279a2",
    "#e73f74",
    "#c2b280",
    "#654522",
)
UNATTRIBUTED_COLOUR = "#7f7f7f"
NARRATOR_COLOUR = "#404040"
STANCE_SCALE = "BrBG"
"""Diverging brown (against) to teal (favor): deliberately not the red/blue of the parties."""
STANCE_AXIS = "Stance (−1 against · 0 none · +1 favor)"
STANCE_AXIS_SHORT = "Stance (−1 against · +1 favor)"
"""For vertical axes, whose title must fit the height of a short plot."""
SENTIMENT_AXIS = "Sentiment (−1 negative · +1 positive)"
CI_NOTE = "whisker = 95% CI · n = statements"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=12)
HOVER_WRAP = 70
HOVER_MAX_CHARS = 420

# Layout budget. Plotly measures text only in the browser, so the builders size margins and heights
# from character counts; ``automargin`` then only has to correct small misestimates, never rescue a
# 30 px plot area squeezed by a 400 px label.
NARROW_WIDTH = 520
"""px: the half-width column of the "At a glance" tab in a 1280 px window, the narrowest chart place."""
CHAR_PX = 7.0
"""A generous width of one 12 px DejaVu Sans character."""
TITLE_FONT, SUBTITLE_FONT = 15, 11
TITLE_CHARS = 46
"""Characters per title line: at ~9 px each a line stays well inside :data:`NARROW_WIDTH`."""
SUBTITLE_CHARS = 70
"""Characters per subtitle line (11 px, ~6.5 px a character)."""
TITLE_LINE_PX, SUBTITLE_LINE_PX, TITLE_PAD_PX, TITLE_GAP_PX = 20, 15, 10, 16
TICK_CHARS = 28
"""Longest y tick label of the actor bar chart: a 520 px column keeps ~60% of its width to plot."""
GROUPED_ACTOR_CHARS, PARTY_TICK_CHARS, TARGET_TICK_CHARS, TARGET_TICK_LINES = 24, 12, 16, 3
LEGEND_CHARS = 26
LEGEND_SYMBOL_PX, LEGEND_CHAR_PX, LEGEND_ROW_PX, LEGEND_PAD_PX = 40, 6.5, 22, 8
AXIS_TITLE_CHARS = 40
"""An x-axis title longer than this wraps: it is centred on the plot, which may be ~300 px wide."""
TICK_PAD_PX, RIGHT_PX, LEFT_PX = 10, 20, 60
AXIS_BOTTOM_PX, AXIS_LINE_PX = 40, 16
BAR_PX, MIN_PLOT_PX = 30, 220


# --------------------------------------------------------------------------- text helpers


def escape(value: object) -> str:
    """Text safe to put in a Plotly string (title, label, hover): HTML special characters escaped."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def hover_quote(text: object, *, width: int = HOVER_WRAP, limit: int = HOVER_MAX_CHARS) -> str:
    """A quote for a hover label: shortened, escaped, wrapped with ``<br>`` between escaped lines."""
    plain = " ".join(str(text or "").split())
    if len(plain) > limit:
        plain = plain[: limit - 1].rstrip() + "…"
    lines = textwrap.wrap(plain, width=width) or [""]
    return "<br>".join(escape(line) for line in lines)


def describe_filter(
    *,
    speakers: Sequence[str] = (),
    parties: Sequence[str] = (),
    types: Sequence[str] = (),
    min_statements: int = 1,
    include_unattributed: bool = True,
    selection: Sequence[str] = (),
) -> str:
    """One line saying which statements a chart shows, for titles and the report README."""
    parts: list[str] = []
    if speakers:
        parts.append("speakers: " + ", ".join(_short_list(speakers)))
    if parties:
        parts.append("parties: " + ", ".join(_short_list(parties)))
    if types:
        parts.append("statement types: " + ", ".join(_short_list(types)))
    if min_statements > 1:
        parts.append(f"actors with ≥ {min_statements} statements")
    if not include_unattributed:
        parts.append("attributed statements only")
    if selection:
        parts.append("chart selection: " + ", ".join(_short_list(selection)))
    return "Filter: " + "; ".join(parts) if parts else "All statements"


def _short_list(values: Sequence[str], *, keep: int = 4) -> list[str]:
    values = [str(v) for v in values]
    return values if len(values) <= keep else [*values[:keep], f"+{len(values) - keep} more"]


def _plain(value: object) -> str:
    """The text of a value on one line ("" for missing), not escaped."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(str(value).split())


def _shorten(value: object, *, limit: int) -> str:
    """Plain text cut to ``limit`` characters with an ellipsis; escape the result, not the input."""
    text = _plain(value)
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def short_label(value: object, *, limit: int = 36) -> str:
    """An escaped axis label, shortened with an ellipsis (hovers and exports keep the full name)."""
    return escape(_shorten(value, limit=limit))


def _wrap(value: object, *, width: int, max_lines: int | None = None) -> list[str]:
    """Plain lines of at most ``width`` characters; the last one ellipsised when ``max_lines`` cut."""
    lines = textwrap.wrap(_plain(value), width=width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1 :]), limit=width)]
    return lines


def _wrapped(value: object, *, width: int, max_lines: int | None = None) -> str:
    """Escaped lines joined by ``<br>`` (escaping each line first, so no entity is ever split)."""
    return "<br>".join(escape(line) for line in _wrap(value, width=width, max_lines=max_lines))


def _visible(label: str) -> str:
    """What a browser shows for a Plotly label: tags dropped, entities decoded."""
    return html.unescape(label.replace("<br>", "\n"))


def _label_px(labels: Iterable[str]) -> int:
    """Estimated width of the widest label line, for the margin beside a category axis."""
    longest = max((len(line) for label in labels for line in _visible(str(label)).split("\n")), default=0)
    return round(longest * CHAR_PX)


def _unique(labels: Sequence[str]) -> list[str]:
    """Category labels made unique with a visible " #2", " #3"…, so two names that shorten alike
    never end up as one bar (Plotly merges equal categories)."""
    taken: set[str] = set()
    unique: list[str] = []
    for label in labels:
        candidate, number = label, 1
        while candidate in taken:
            number += 1
            candidate = f"{label} #{number}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _label(score: object, *, rule: Callable[[float], str | None] = stance_label) -> str:
    """The one rule's label of a score for a hover; "n/a" when the score is missing."""
    return rule_label(score, rule=rule) or "n/a"


def _signed_label(score: object, *, rule: Callable[[float], str | None] = stance_label) -> str:
    """A score with the label the one rule gives it, e.g. ``+0.55 (favor)``; "n/a" when missing."""
    label = rule_label(score, rule=rule)
    return "n/a" if label is None else f"{float(score):+.2f} ({label})"


def _custom(*columns: Iterable[object]) -> np.ndarray:
    """A ``customdata`` array that keeps numbers numbers (``np.column_stack`` would make them text)."""
    return np.array(list(zip(*columns, strict=True)), dtype=object)


# --------------------------------------------------------------------------- layout


def _title(main: str, *, note: str = "", source: str = "", key: str = "") -> dict:
    """A wrapped, escaped title; filter, source and an optional symbol key in a smaller subtitle.

    The title is placed from the top of the figure and may push the top margin (``automargin``), so a
    long target or filter wraps onto more lines instead of running out of a narrow column.
    """
    line = " · ".join(part for part in (note, source) if part)
    sub_lines = _wrap(line, width=SUBTITLE_CHARS) if line else []
    if key:
        sub_lines += _wrap(key, width=SUBTITLE_CHARS)
    title = dict(
        text=_wrapped(main, width=TITLE_CHARS),
        x=0.01,
        xanchor="left",
        xref="container",
        y=1,
        yanchor="top",
        yref="container",
        pad=dict(t=TITLE_PAD_PX),
        automargin=True,
        font=dict(size=TITLE_FONT),
    )
    if sub_lines:
        title["subtitle"] = dict(
            text="<br>".join(escape(line) for line in sub_lines), font=dict(size=SUBTITLE_FONT, color="#555")
        )
    return title


def _title_px(title: dict) -> int:
    """Height of the title block: the top margin the figure reserves for it."""
    lines = title["text"].count("<br>") + 1
    sub = title.get("subtitle", {}).get("text", "")
    sub_lines = sub.count("<br>") + 1 if sub else 0
    return TITLE_PAD_PX + lines * TITLE_LINE_PX + sub_lines * SUBTITLE_LINE_PX + TITLE_GAP_PX


def _legend_px(names: Sequence[str], *, title: str | None = None, width: int = NARROW_WIDTH) -> int:
    """Estimated height of a horizontal legend of ``names`` wrapped into rows of ``width`` px."""
    if not names:
        return 0
    rows, used, room = 1, 0.0, width - 2 * LEGEND_PAD_PX
    for name in names:
        item = LEGEND_SYMBOL_PX + len(_visible(name)) * LEGEND_CHAR_PX
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return LEGEND_PAD_PX + (rows + (1 if title else 0)) * LEGEND_ROW_PX


def _axis_title(text: str, *, width: int = AXIS_TITLE_CHARS) -> str:
    """An escaped axis title, wrapped so it is never wider than a narrow plot."""
    return "<br>".join(_wrapped(part, width=width) for part in text.split("\n"))


def _bottom_px(*, title_lines: int, tick_lines: int = 1) -> int:
    """Bottom margin for the x tick labels and the x-axis title (the legend is added below it)."""
    return AXIS_BOTTOM_PX + (title_lines - 1 + tick_lines - 1) * AXIS_LINE_PX


def _layout(
    fig: go.Figure,
    *,
    title: dict,
    plot_px: int,
    left_px: int = LEFT_PX,
    bottom_px: int = AXIS_BOTTOM_PX,
    legend_title: str | None = None,
    legend_names: Sequence[str] = (),
) -> go.Figure:
    """Fonts, margins, height and the legend, sized so the plot area keeps ``plot_px`` in a narrow column.

    The legend sits horizontally at the bottom of the figure (``yref="container"``), where Plotly
    reserves room for it below the x axis however many rows it wraps to; the figure's height includes
    the legend's estimated height at :data:`NARROW_WIDTH`, so in a wider column the plot gets taller.
    """
    top = _title_px(title)
    legend_px = _legend_px(legend_names, title=legend_title)
    fig.update_layout(
        title=title,
        template="plotly_white",
        font=FONT,
        height=top + plot_px + bottom_px + legend_px,
        margin=dict(l=left_px, r=RIGHT_PX, t=top, b=bottom_px),
        showlegend=bool(legend_names),
        legend=dict(
            orientation="h",
            xref="container",
            x=0.01,
            xanchor="left",
            yref="container",
            y=0,
            yanchor="bottom",
            font=dict(size=11),
            title=dict(text=escape(legend_title), side="top left") if legend_title else None,
        ),
        hoverlabel=dict(align="left"),
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _empty(message: str, *, title: dict, plot_px: int = MIN_PLOT_PX) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=_wrapped(message, width=TITLE_CHARS),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font=dict(size=14),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title=title, plot_px=plot_px, left_px=RIGHT_PX)


# --------------------------------------------------------------------------- colours


def party_colours(parties: Iterable[str]) -> dict[str, str]:
    """A colour per party label: fixed ones for the usual parties, a stable palette for the rest."""
    parties = [str(p) for p in parties]
    colours: dict[str, str] = {}
    others = sorted({p for p in parties if p not in PARTY_COLOURS})
    for party in parties:
        if party in PARTY_COLOURS:
            colours[party] = PARTY_COLOURS[party]
        else:
            colours[party] = OTHER_PARTY_COLOURS[others.index(party) % len(OTHER_PARTY_COLOURS)]
    return colours


def speaker_colours(speakers: Iterable[object]) -> dict[str, str]:
    """A colour per speaker label, stable for a given set of speakers (alphabetical assignment).

    Pass the unfiltered speakers of an article so a speaker keeps its colour under every filter.
    Up to ``len(SPEAKER_PALETTE)`` (24) speakers all get different colours; beyond that they repeat.
    """
    names = sorted({str(s) for s in speakers if s is not None and str(s) != UNATTRIBUTED})
    colours = {name: SPEAKER_PALETTE[i % len(SPEAKER_PALETTE)] for i, name in enumerate(names)}
    colours[UNATTRIBUTED] = UNATTRIBUTED_COLOUR
    return colours


def _colour_lookup(
    given: Mapping[str, str] | None,
    *,
    make: Callable[[Iterable[str]], dict[str, str]],
    names: Iterable[object],
) -> dict[str, str]:
    """``given`` colours, with any name it lacks filled from ``make(names)`` (never a silent grey)."""
    names = [str(n) for n in names]
    return {**make(names), **(dict(given) if given else {})}


def _party_short(party: object) -> str:
    party = _plain(party)
    return "" if party in ("", NO_PARTY) else party[:1]


def _actor_labels(
    speakers: Sequence[object], parties: Sequence[object], counts: Sequence[int], *, limit: int = TICK_CHARS
) -> list[str]:
    """Escaped "Name (P) · n=3" tick labels, the name shortened so the whole label fits ``limit``.

    Two names that shorten alike get " #2" inside the name, so each actor keeps its own bar.
    """
    labels: list[str] = []
    taken: set[str] = set()
    for speaker, party, count in zip(speakers, parties, counts, strict=True):
        short = _party_short(party)
        suffix = (f" ({short})" if short else "") + f" · n={int(count)}"
        budget = max(limit - len(suffix), 8)
        label, number = _shorten(speaker, limit=budget) + suffix, 1
        while label in taken:
            number += 1
            tag = f" #{number}"
            label = _shorten(speaker, limit=max(budget - len(tag), 4)) + tag + suffix
        taken.add(label)
        labels.append(escape(label))
    return labels


# --------------------------------------------------------------------------- figures


def stance_by_actor(summary: pd.DataFrame, *, target: str, note: str = "", source: str = "") -> go.Figure:
    """Horizontal bars of each actor's mean stance toward ``target``, a 95% whisker and the count.

    ``summary`` is :func:`analysis.aggregate.actor_summary` output; rows of other targets are ignored.
    Each bar carries the speaker name as ``customdata[0]`` so a click can filter by it. Tick labels
    are shortened to :data:`TICK_CHARS`; the hover has the full name and the mean's label.
    """
    title = _title(f"Stance toward “{target}” by actor", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    if rows.empty:
        return _empty("No attributed statements match the filter.", title=title)
    rows = rows.assign(
        party_label=lambda t: t["party"].fillna(NO_PARTY),
        label=lambda t: _actor_labels(list(t["speaker"]), list(t["party"]), list(t["statements"])),
    ).sort_values("mean_stance", kind="stable")
    colours = party_colours(rows["party_label"].unique())
    fig = go.Figure()
    for party, group in rows.groupby("party_label", sort=True):
        fig.add_trace(
            go.Bar(
                name=short_label(party, limit=LEGEND_CHARS),
                y=group["label"],
                x=group["mean_stance"],
                orientation="h",
                marker_color=colours[party],
                error_x=dict(type="data", array=group["stance_ci95"], color="#333", thickness=1.2, width=4),
                customdata=_custom(
                    group["speaker"],
                    group["statements"],
                    group["stance_ci95"],
                    [escape(s) for s in group["speaker"]],
                    [_label(x) for x in group["mean_stance"]],
                    [escape(p) for p in group["party_label"]],
                ),
                hovertemplate=(
                    "<b>%{customdata[3]}</b> (%{customdata[5]})<br>mean stance %{x:+.2f} (%{customdata[4]}),"
                    " 95% CI ± %{customdata[2]:.2f}<br>%{customdata[1]} statement(s)<extra></extra>"
                ),
            )
        )
    fig.add_vline(x=0, line_width=1, line_color="#555")
    x_title = _axis_title(f"{STANCE_AXIS}\n{CI_NOTE}")
    fig.update_xaxes(title_text=x_title, range=[-1.1, 1.1], zeroline=False)
    # No y-axis title: "Name (P) · n=3" explains itself and the title says "by actor"; the room goes
    # to the plot.
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]))
    return _layout(
        fig,
        title=title,
        plot_px=max(MIN_PLOT_PX, BAR_PX * len(rows)),
        left_px=_label_px(rows["label"]) + TICK_PAD_PX,
        bottom_px=_bottom_px(title_lines=x_title.count("<br>") + 1),
        legend_title="Party",
        legend_names=[t.name for t in fig.data],
    )


def sentiment_vs_stance(
    table: pd.DataFrame,
    *,
    target: str,
    colours: Mapping[str, str] | None = None,
    note: str = "",
    source: str = "",
    party_colour_map: Mapping[str, str] | None = None,
) -> go.Figure:
    """One point per statement: sentiment on x, stance toward ``target`` on y, coloured by speaker.

    ``table`` is :func:`analysis.aggregate.statement_stances` output; ``colours`` maps speaker labels
    to colours (pass :func:`speaker_colours` of the unfiltered table so colours hold under filters) and
    ``party_colour_map`` party labels to the marker outline colour (default :func:`party_colours`).
    The hover shows the quote, escaped and wrapped, and both scores with their labels;
    ``customdata[0]`` is the statement id, ``customdata[1]`` the speaker label.
    """
    title = _title(
        f"Sentiment vs stance toward “{target}”, one point per statement",
        note=note,
        source=source,
        key="● direct quote · ◆ reported speech · fill = speaker, outline = party",
    )
    rows = table.loc[table["target"] == target] if not table.empty else table
    if rows.empty:
        return _empty("No statements match the filter.", title=title)
    colours = _colour_lookup(colours, make=speaker_colours, names=rows["speaker_label"])
    outlines = _colour_lookup(party_colour_map, make=party_colours, names=rows["party_label"])
    fig = go.Figure()
    for speaker, group in rows.groupby("speaker_label", sort=True):
        fig.add_trace(
            go.Scatter(
                name=short_label(speaker, limit=LEGEND_CHARS),
                x=group["sentiment"],
                y=group["stance"],
                mode="markers",
                marker=dict(
                    size=11,
                    color=colours[str(speaker)],
                    line=dict(width=2, color=[outlines[str(p)] for p in group["party_label"]]),
                    symbol=["circle" if k == "direct" else "diamond" for k in group["kind"]],
                ),
                customdata=_custom(
                    group["id"],
                    group["speaker_label"],
                    [escape(p) for p in group["party_label"]],
                    [hover_quote(t) for t in group["text"]],
                    group["kind"],
                    [escape(s) for s in group["speaker_label"]],
                    [_label(x, rule=sentiment_label) for x in group["sentiment"]],
                    [_label(y) for y in group["stance"]],
                ),
                hovertemplate=(
                    "<b>%{customdata[5]}</b> (%{customdata[2]}), %{customdata[4]} quote<br>"
                    "“%{customdata[3]}”<br>sentiment %{x:+.2f} (%{customdata[6]})"
                    " · stance %{y:+.2f} (%{customdata[7]})<extra></extra>"
                ),
            )
        )
    for value, kw in ((0, "x"), (0, "y")):
        (fig.add_vline if kw == "x" else fig.add_hline)(**{kw: value}, line_width=1, line_color="#bbb")
    fig.update_xaxes(title_text=_axis_title(SENTIMENT_AXIS), range=[-1.1, 1.1], zeroline=False)
    fig.update_yaxes(title_text=_axis_title(STANCE_AXIS_SHORT), range=[-1.1, 1.1], zeroline=False)
    # The legend names the speaker even when only one is shown.
    return _layout(
        fig, title=title, plot_px=340, legend_title="Speaker", legend_names=[t.name for t in fig.data]
    )


def stance_by_party(
    table: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    target: str,
    note: str = "",
    source: str = "",
    party_colour_map: Mapping[str, str] | None = None,
) -> go.Figure:
    """Bars of each party's mean stance toward ``target`` (95% whisker) with every statement as a strip.

    ``table`` is :func:`statement_stances` output, ``summary`` :func:`party_summary` output;
    ``party_colour_map`` (optional) fixes the bar colours, e.g. from the unfiltered table's parties.
    """
    title = _title(f"Stance toward “{target}” by party", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    points = table.loc[table["target"] == target] if not table.empty else table
    if rows.empty:
        return _empty("No statements match the filter.", title=title)
    rows = rows.sort_values("mean_stance", ascending=False, kind="stable")
    ticks = _unique([short_label(party, limit=PARTY_TICK_CHARS) for party in rows["party"]])
    names = {
        party: f"{tick}<br>n={n}, {a} actor(s)"
        for party, tick, n, a in zip(rows["party"], ticks, rows["statements"], rows["actors"], strict=True)
    }
    order = [names[p] for p in rows["party"]]
    colours = _colour_lookup(party_colour_map, make=party_colours, names=rows["party"])
    fig = go.Figure(
        go.Bar(
            name="Party mean",
            x=order,
            y=rows["mean_stance"],
            marker_color=[colours[str(p)] for p in rows["party"]],
            opacity=0.55,
            error_y=dict(type="data", array=rows["stance_ci95"], color="#333", thickness=1.2, width=6),
            customdata=_custom(
                [escape(p) for p in rows["party"]],
                rows["statements"],
                rows["stance_ci95"],
                [_label(y) for y in rows["mean_stance"]],
            ),
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>mean stance %{y:+.2f} (%{customdata[3]}),"
                " 95% CI ± %{customdata[2]:.2f}<br>%{customdata[1]} statement(s)<extra></extra>"
            ),
        )
    )
    if not points.empty:
        fig.add_trace(
            go.Box(
                name="Individual statements",
                x=[names.get(p, short_label(p, limit=PARTY_TICK_CHARS)) for p in points["party_label"]],
                y=points["stance"],
                boxpoints="all",
                jitter=0.45,
                pointpos=0,
                fillcolor="rgba(0,0,0,0)",
                line=dict(width=0, color="rgba(0,0,0,0)"),
                marker=dict(color="#222", size=7, opacity=0.75),
                hoveron="points",
                customdata=_custom(
                    [escape(s) for s in points["speaker_label"]],
                    [hover_quote(t) for t in points["text"]],
                    [_label(y) for y in points["stance"]],
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>“%{customdata[1]}”<br>"
                    "stance %{y:+.2f} (%{customdata[2]})<extra></extra>"
                ),
            )
        )
    fig.add_hline(y=0, line_width=1, line_color="#555")
    fig.update_xaxes(
        title_text=_axis_title("Party (statements, actors)"), categoryorder="array", categoryarray=order
    )
    fig.update_yaxes(title_text=_axis_title(STANCE_AXIS_SHORT), range=[-1.15, 1.15], zeroline=False)
    return _layout(
        fig,
        title=title,
        plot_px=300,
        bottom_px=_bottom_px(title_lines=1, tick_lines=2),
        # A legend only tells bars from points when both are there.
        legend_names=[t.name for t in fig.data] if len(fig.data) > 1 else (),
    )


def actors_by_party(summary: pd.DataFrame, *, target: str, note: str = "", source: str = "") -> go.Figure:
    """Each actor's mean stance toward ``target`` as a horizontal bar, grouped by party (two-level axis).

    Parties are in alphabetical order with "(no party)" last; within a party, actors by mean stance.
    Party and actor labels are shortened (:data:`PARTY_TICK_CHARS`, :data:`GROUPED_ACTOR_CHARS`).
    """
    title = _title(f"Actors grouped by party: stance toward “{target}”", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    if rows.empty:
        return _empty("No attributed statements match the filter.", title=title)
    rows = rows.assign(
        party_label=lambda t: t["party"].fillna(NO_PARTY),
        unaffiliated=lambda t: t["party"].isna(),
    ).sort_values(
        ["unaffiliated", "party_label", "mean_stance"], ascending=[True, True, False], kind="stable"
    )
    colours = party_colours(rows["party_label"].unique())
    outer = [short_label(p, limit=PARTY_TICK_CHARS) for p in rows["party_label"]]
    inner = _actor_labels(
        list(rows["speaker"]), [None] * len(rows), list(rows["statements"]), limit=GROUPED_ACTOR_CHARS
    )
    fig = go.Figure(
        go.Bar(
            y=[outer, inner],
            x=rows["mean_stance"],
            orientation="h",
            marker_color=[colours[p] for p in rows["party_label"]],
            error_x=dict(type="data", array=rows["stance_ci95"], color="#333", thickness=1.2, width=4),
            customdata=_custom(
                rows["speaker"],
                rows["statements"],
                rows["stance_ci95"],
                [escape(s) for s in rows["speaker"]],
                [_label(x) for x in rows["mean_stance"]],
                [escape(p) for p in rows["party_label"]],
            ),
            hovertemplate=(
                "<b>%{customdata[3]}</b> (%{customdata[5]})<br>mean stance %{x:+.2f} (%{customdata[4]}),"
                " 95% CI ± %{customdata[2]:.2f}<br>%{customdata[1]} statement(s)<extra></extra>"
            ),
            showlegend=False,
        )
    )
    fig.add_vline(x=0, line_width=1, line_color="#555")
    fig.update_yaxes(autorange="reversed")
    x_title = _axis_title(f"{STANCE_AXIS}\n{CI_NOTE}")
    fig.update_xaxes(title_text=x_title, range=[-1.1, 1.1], zeroline=False)
    return _layout(
        fig,
        title=title,
        plot_px=max(MIN_PLOT_PX, BAR_PX * len(rows)),
        # The party level sits left of the actor level, with Plotly's divider in between.
        left_px=_label_px(outer) + _label_px(inner) + 3 * TICK_PAD_PX,
        bottom_px=_bottom_px(title_lines=x_title.count("<br>") + 1),
    )


def party_target_heatmap(
    summary: pd.DataFrame, *, note: str = "", source: str = "", targets: Sequence[str] | None = None
) -> go.Figure:
    """Mean stance of each party (rows) toward each target (columns); cells say the score and count.

    Columns are in ``targets`` order (the order the analyst typed them), default the order in which
    targets first appear in ``summary``; targets without a row there are left out. Column labels are
    wrapped and shortened; the hover has the full target, the mean's label and the count.
    """
    title = _title("Mean stance by party and target", note=note, source=source)
    if summary.empty:
        return _empty("No statements match the filter.", title=title)
    present = list(dict.fromkeys(summary["target"]))
    order = [t for t in dict.fromkeys(targets or ()) if t in present]
    columns = order + [t for t in present if t not in order]
    parties = list(dict.fromkeys(summary.sort_values("party", kind="stable")["party"]))
    stance = summary.pivot(index="party", columns="target", values="mean_stance").reindex(
        index=parties, columns=columns
    )
    counts = summary.pivot(index="party", columns="target", values="statements").reindex(
        index=parties, columns=columns
    )
    cell = [
        [
            "" if pd.isna(s) else f"{s:+.2f}<br>n={int(n)}"
            for s, n in zip(stance.loc[p], counts.loc[p], strict=True)
        ]
        for p in parties
    ]
    hover = [
        [
            f"<b>{escape(p)}</b> toward “{hover_quote(t, limit=200)}”<br>"
            + (
                "no statements"
                if pd.isna(s)
                else f"mean stance {_signed_label(s, rule=stance_label)} · {int(n)} statement(s)"
            )
            for t, s, n in zip(columns, stance.loc[p], counts.loc[p], strict=True)
        ]
        for p in parties
    ]
    x_ticks = _unique([_wrapped(t, width=TARGET_TICK_CHARS, max_lines=TARGET_TICK_LINES) for t in columns])
    y_ticks = _unique([short_label(p, limit=PARTY_TICK_CHARS) for p in parties])
    fig = go.Figure(
        go.Heatmap(
            z=stance.to_numpy(dtype=float),
            x=x_ticks,
            y=y_ticks,
            zmin=-1,
            zmax=1,
            zmid=0,
            colorscale=STANCE_SCALE,
            text=cell,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorbar=dict(title=dict(text="Mean<br>stance"), thickness=14),
        )
    )
    fig.update_xaxes(title_text="Stance target", side="bottom")
    fig.update_yaxes(title_text="Party", autorange="reversed")
    tick_lines = max(label.count("<br>") + 1 for label in x_ticks)
    return _layout(
        fig,
        title=title,
        plot_px=max(MIN_PLOT_PX - 40, 60 * len(parties)),
        left_px=_label_px(y_ticks) + 3 * TICK_PAD_PX,
        bottom_px=_bottom_px(title_lines=1, tick_lines=tick_lines),
    )


def article_timeline(
    paragraphs: pd.DataFrame,
    statements: pd.DataFrame,
    *,
    target: str,
    narrator_max_quoted: float = 0.5,
    note: str = "",
    source: str = "",
    colours: Mapping[str, str] | None = None,
    party_colour_map: Mapping[str, str] | None = None,
) -> go.Figure:
    """Stance (top) and sentiment (bottom) along the article, paragraph index on x.

    ``paragraphs`` is :func:`analysis.aggregate.paragraph_stances` output, ``statements``
    :func:`statement_stances` output. The narrator line is the paragraphs whose text is mostly
    the journalist's own (quoted share below ``narrator_max_quoted``); quoted statements are
    diamonds at their paragraph, one legend entry per speaker: filled with the speaker's colour
    (``colours``, as in :func:`sentiment_vs_stance`) and outlined in the party's (``party_colour_map``).
    """
    title = _title(
        f"Along the article: narrator vs quoted speech, stance toward “{target}”",
        note=note,
        source=source,
        key="◆ quoted statement: fill = speaker, outline = party",
    )
    para = paragraphs.loc[paragraphs["target"] == target] if not paragraphs.empty else paragraphs
    quotes = statements.loc[statements["target"] == target] if not statements.empty else statements
    if para.empty:
        return _empty("No paragraphs to show.", title=title)
    # The axis titles name the rows, so no subplot titles: those would sit in the title's margin.
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    narrator = para.loc[para["quoted_share"] < narrator_max_quoted].sort_values("index")
    speakers: list[tuple[str, pd.DataFrame]] = []
    outlines: dict[str, str] = {}
    if not quotes.empty:
        # Offsets over all quotes of a paragraph, before splitting by speaker, so none overlap.
        quotes = quotes.assign(x=quotes["paragraph"] + _spread(quotes))
        speakers = [(str(s), group) for s, group in quotes.groupby("speaker_label", sort=True)]
        colours = _colour_lookup(colours, make=speaker_colours, names=quotes["speaker_label"])
        outlines = _colour_lookup(party_colour_map, make=party_colours, names=quotes["party_label"])
    rules = {"stance": stance_label, "sentiment": sentiment_label}
    for row, column in ((1, "stance"), (2, "sentiment")):
        rule = rules[column]
        fig.add_trace(
            go.Scatter(
                name="All paragraphs (whole text)",
                legendgroup="all",
                showlegend=row == 1,
                x=para["index"],
                y=para[column],
                mode="lines",
                line=dict(color="#c7c7c7", width=1.5, dash="dot"),
                hoverinfo="skip",
            ),
            row=row,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                name=f"Narrator (paragraphs < {narrator_max_quoted:.0%} quoted)",
                legendgroup="narrator",
                showlegend=row == 1,
                x=narrator["index"],
                y=narrator[column],
                mode="lines+markers",
                line=dict(color=NARRATOR_COLOUR, width=2),
                marker=dict(size=7),
                customdata=_custom(
                    [hover_quote(t, limit=240) for t in narrator["text"]],
                    (narrator["quoted_share"] * 100).round(),
                    [_label(v, rule=rule) for v in narrator[column]],
                )
                if not narrator.empty
                else None,
                hovertemplate=(
                    f"paragraph %{{x}} · {column} %{{y:+.2f}} (%{{customdata[2]}}) · %{{customdata[1]}}% quoted"
                    "<br>%{customdata[0]}<extra>narrator</extra>"
                ),
            ),
            row=row,
            col=1,
        )
        for number, (speaker, group) in enumerate(speakers):
            fig.add_trace(
                go.Scatter(
                    name=short_label(speaker, limit=LEGEND_CHARS),
                    legendgroup=f"quoted-{number}",
                    showlegend=row == 1,
                    x=group["x"],
                    y=group[column],
                    mode="markers",
                    marker=dict(
                        size=10,
                        symbol="diamond",
                        color=colours[str(speaker)],
                        line=dict(width=2, color=[outlines[str(p)] for p in group["party_label"]]),
                    ),
                    customdata=_custom(
                        [escape(s) for s in group["speaker_label"]],
                        [hover_quote(t) for t in group["text"]],
                        [_label(v, rule=rule) for v in group[column]],
                        [escape(p) for p in group["party_label"]],
                        group["id"],
                    ),
                    hovertemplate=(
                        "<b>%{customdata[0]}</b> (%{customdata[3]}) · paragraph %{x:.0f}"
                        f" · {column} %{{y:+.2f}} (%{{customdata[2]}})"
                        "<br>“%{customdata[1]}”<extra>quoted</extra>"
                    ),
                ),
                row=row,
                col=1,
            )
        fig.add_hline(y=0, line_width=1, line_color="#999", row=row, col=1)
        fig.update_yaxes(range=[-1.1, 1.1], row=row, col=1, zeroline=False)
    fig.update_yaxes(title_text="Stance<br>−1 against · +1 favor", row=1, col=1)
    fig.update_yaxes(title_text="Sentiment<br>−1 negative · +1 positive", row=2, col=1)
    fig.update_xaxes(tickformat="d", dtick=max(1, int(np.ceil(len(para) / 25))), rangemode="tozero")
    x_title = _axis_title("Paragraph index (reading order, 0 = first)")
    fig.update_xaxes(title_text=x_title, row=2, col=1)
    return _layout(
        fig,
        title=title,
        plot_px=420,
        left_px=LEFT_PX + AXIS_LINE_PX,
        bottom_px=_bottom_px(title_lines=x_title.count("<br>") + 1),
        legend_names=[t.name for t in fig.data if t.showlegend],
    )


def _spread(quotes: pd.DataFrame) -> np.ndarray:
    """Small x offsets so several statements of one paragraph sit side by side, not on top."""
    order = quotes.groupby("paragraph").cumcount().to_numpy()
    size = quotes.groupby("paragraph")["paragraph"].transform("size").to_numpy()
    return np.where(size > 1, (order - (size - 1) / 2) * (0.3 / np.maximum(size - 1, 1)), 0.0)


def selected_values(event: object, *, position: int = 0) -> list[str]:
    """The ``customdata[position]`` values of the points in a Plotly selection event, de-duplicated.

    Works on Streamlit's selection state (a mapping with ``selection.points``) or any mapping of
    that shape, so the click-to-filter logic is testable without a browser.
    """
    if not event:
        return []
    selection = event.get("selection") if isinstance(event, Mapping) else getattr(event, "selection", None)
    points = (selection or {}).get("points") or []
    values: list[str] = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and len(data) > position:
            value = data[position]
        elif position == 0 and data is not None and not isinstance(data, list | tuple):
            value = data
        else:
            continue
        if value is not None and str(value) not in values:
            values.append(str(value))
    return values
