"""One Plotly builder per figure: tidy DataFrame in, ``plotly.graph_objects.Figure`` out.

No Streamlit here. Every title says what is plotted (target, filter, article) so an exported
file stands alone. Text that comes from the article or the analyst (quotes, names, targets) is
HTML-escaped before it reaches a title, a label or a hover, because Plotly renders a subset of
HTML in those strings.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.aggregate import NO_PARTY, UNATTRIBUTED

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
    # Kelly's colours of maximum contrast (grey left out: it marks unattributed statements).
    "#0067a5",
    "#be0032",
    "#008856",
    "#875692",
    "#f38400",
    "#882d17",
    "#e68fac",
    "#8db600",
    "#604e97",
    "#e25822",
    "#a1caf1",
    "#b3446c",
    "#c2b280",
    "#2b3d26",
    "#f6a600",
    "#654522",
    "#f99379",
    "#dcd300",
    "#f3c300",
)
UNATTRIBUTED_COLOUR = "#7f7f7f"
NARRATOR_COLOUR = "#404040"
STANCE_SCALE = "BrBG"
"""Diverging brown (against) to teal (favor): deliberately not the red/blue of the parties."""
STANCE_AXIS = "Stance (−1 against · 0 none · +1 favor)"
SENTIMENT_AXIS = "Sentiment (−1 negative · +1 positive)"
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=12)
HOVER_WRAP = 70
HOVER_MAX_CHARS = 420


# --------------------------------------------------------------------------- text helpers


def escape(value: object) -> str:
    """Text safe to put in a Plotly string (title, label, hover): HTML special characters escaped."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
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


def _title(main: str, *, note: str = "", source: str = "") -> dict:
    """Plotly title: the escaped main line, then a smaller escaped line with filter and source."""
    sub = " · ".join(escape(part) for part in (note, source) if part)
    text = escape(main) + (f"<br><sup>{sub}</sup>" if sub else "")
    return dict(text=text, x=0.01, xanchor="left", font=dict(size=15))


def _layout(fig: go.Figure, *, title: dict, height: int, legend_title: str | None = None) -> go.Figure:
    fig.update_layout(
        title=title,
        template="plotly_white",
        font=FONT,
        height=height,
        margin=dict(l=10, r=20, t=80, b=50),
        legend=dict(title=dict(text=escape(legend_title)) if legend_title else None),
        hoverlabel=dict(align="left"),
    )
    return fig


def _empty(message: str, *, title: dict, height: int = 320) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=escape(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=14)
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title=title, height=height)


# --------------------------------------------------------------------------- colours


def party_colours(parties: Iterable[str]) -> dict[str, str]:
    """A colour per party label: fixed ones for the usual parties, a stable palette for the rest."""
    colours: dict[str, str] = {}
    others = sorted({str(p) for p in parties if str(p) not in PARTY_COLOURS})
    for party in parties:
        party = str(party)
        if party in PARTY_COLOURS:
            colours[party] = PARTY_COLOURS[party]
        else:
            colours[party] = OTHER_PARTY_COLOURS[others.index(party) % len(OTHER_PARTY_COLOURS)]
    return colours


def speaker_colours(speakers: Iterable[object]) -> dict[str, str]:
    """A colour per speaker label, stable for a given set of speakers (alphabetical assignment)."""
    names = sorted({str(s) for s in speakers if s is not None and str(s) != UNATTRIBUTED})
    colours = {name: SPEAKER_PALETTE[i % len(SPEAKER_PALETTE)] for i, name in enumerate(names)}
    colours[UNATTRIBUTED] = UNATTRIBUTED_COLOUR
    return colours


def short_label(value: object, *, limit: int = 36) -> str:
    """An escaped axis label, shortened with an ellipsis (hovers and exports keep the full name)."""
    text = " ".join(str(value or "").split())
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _party_short(party: object) -> str:
    if party is None or party is pd.NA or (isinstance(party, float) and np.isnan(party)):
        return ""
    party = str(party)
    return "" if party in ("", NO_PARTY) else party[:1]


# --------------------------------------------------------------------------- figures


def stance_by_actor(summary: pd.DataFrame, *, target: str, note: str = "", source: str = "") -> go.Figure:
    """Horizontal bars of each actor's mean stance toward ``target``, a 95% whisker and the count.

    ``summary`` is :func:`analysis.aggregate.actor_summary` output; rows of other targets are ignored.
    Each bar carries the speaker name as ``customdata`` so a click can filter by it.
    """
    title = _title(f"Stance toward “{target}” by actor", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    if rows.empty:
        return _empty("No attributed statements match the filter.", title=title)
    rows = rows.assign(
        party_label=lambda t: t["party"].fillna(NO_PARTY),
        label=lambda t: [
            (f"{short_label(s)} ({_party_short(p)})" if _party_short(p) else short_label(s)) + f" · n={n}"
            for s, p, n in zip(t["speaker"], t["party"], t["statements"], strict=True)
        ],
    ).sort_values("mean_stance")
    colours = party_colours(rows["party_label"].unique())
    fig = go.Figure()
    for party, group in rows.groupby("party_label", sort=True):
        fig.add_trace(
            go.Bar(
                name=escape(party),
                y=group["label"],
                x=group["mean_stance"],
                orientation="h",
                marker_color=colours[party],
                error_x=dict(type="data", array=group["stance_ci95"], color="#333", thickness=1.2, width=4),
                customdata=np.column_stack([group["speaker"], group["statements"], group["stance_ci95"]]),
                hovertemplate=(
                    "<b>%{y}</b><br>mean stance %{x:+.2f} ± %{customdata[2]:.2f} (95% CI)"
                    "<br>%{customdata[1]} statement(s)<extra>%{fullData.name}</extra>"
                ),
            )
        )
    fig.add_vline(x=0, line_width=1, line_color="#555")
    fig.update_xaxes(title_text=STANCE_AXIS + ", whisker = 95% CI", range=[-1.1, 1.1], zeroline=False)
    fig.update_yaxes(
        title_text="Actor (party) · statements",
        categoryorder="array",
        categoryarray=list(rows["label"]),
        automargin=True,
    )
    fig = _layout(fig, title=title, height=max(320, 90 + 34 * len(rows)), legend_title="Party")
    fig.update_layout(showlegend=True)
    return fig


def sentiment_vs_stance(
    table: pd.DataFrame,
    *,
    target: str,
    colours: Mapping[str, str] | None = None,
    note: str = "",
    source: str = "",
) -> go.Figure:
    """One point per statement: sentiment on x, stance toward ``target`` on y, coloured by speaker.

    ``table`` is :func:`analysis.aggregate.statement_stances` output. The hover shows the quote,
    escaped and wrapped; ``customdata[0]`` is the statement id, ``customdata[1]`` the speaker label.
    """
    title = _title(
        f"Sentiment vs stance toward “{target}”, one point per statement", note=note, source=source
    )
    rows = table.loc[table["target"] == target] if not table.empty else table
    if rows.empty:
        return _empty("No statements match the filter.", title=title)
    colours = dict(colours or speaker_colours(rows["speaker_label"]))
    fig = go.Figure()
    for speaker, group in rows.groupby("speaker_label", sort=True):
        fig.add_trace(
            go.Scatter(
                name=escape(speaker),
                x=group["sentiment"],
                y=group["stance"],
                mode="markers",
                marker=dict(
                    size=11,
                    color=colours.get(speaker, UNATTRIBUTED_COLOUR),
                    line=dict(width=1, color="white"),
                    symbol=["circle" if k == "direct" else "diamond" for k in group["kind"]],
                ),
                customdata=np.column_stack(
                    [
                        group["id"],
                        group["speaker_label"],
                        [escape(p) for p in group["party_label"]],
                        [hover_quote(t) for t in group["text"]],
                        group["kind"],
                        [escape(s) for s in group["speaker_label"]],
                    ]
                ),
                hovertemplate=(
                    "<b>%{customdata[5]}</b> (%{customdata[2]}), %{customdata[4]} quote<br>"
                    "“%{customdata[3]}”<br>sentiment %{x:+.2f} · stance %{y:+.2f}<extra></extra>"
                ),
            )
        )
    for value, kw in ((0, "x"), (0, "y")):
        (fig.add_vline if kw == "x" else fig.add_hline)(**{kw: value}, line_width=1, line_color="#bbb")
    fig.update_xaxes(title_text=SENTIMENT_AXIS, range=[-1.1, 1.1], zeroline=False)
    fig.update_yaxes(title_text=STANCE_AXIS, range=[-1.1, 1.1], zeroline=False)
    fig.add_annotation(
        text="● direct quote   ◆ reported speech",
        xref="paper",
        yref="paper",
        x=1,
        y=-0.16,
        showarrow=False,
        xanchor="right",
        font=dict(size=10, color="#666"),
    )
    fig = _layout(fig, title=title, height=460, legend_title="Speaker")
    fig.update_layout(showlegend=True)  # name the speaker even when only one is shown
    return fig


def stance_by_party(
    table: pd.DataFrame, summary: pd.DataFrame, *, target: str, note: str = "", source: str = ""
) -> go.Figure:
    """Bars of each party's mean stance toward ``target`` (95% whisker) with every statement as a strip.

    ``table`` is :func:`statement_stances` output, ``summary`` :func:`party_summary` output.
    """
    title = _title(f"Stance toward “{target}” by party", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    points = table.loc[table["target"] == target] if not table.empty else table
    if rows.empty:
        return _empty("No statements match the filter.", title=title)
    rows = rows.sort_values("mean_stance", ascending=False)
    names = {
        party: f"{escape(party)}<br>n={n}, {a} actor(s)"
        for party, n, a in zip(rows["party"], rows["statements"], rows["actors"], strict=True)
    }
    order = [names[p] for p in rows["party"]]
    colours = party_colours(rows["party"])
    fig = go.Figure(
        go.Bar(
            name="Party mean",
            x=order,
            y=rows["mean_stance"],
            marker_color=[colours[p] for p in rows["party"]],
            opacity=0.55,
            error_y=dict(type="data", array=rows["stance_ci95"], color="#333", thickness=1.2, width=6),
            customdata=np.column_stack(
                [[escape(p) for p in rows["party"]], rows["statements"], rows["stance_ci95"]]
            ),
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>mean stance %{y:+.2f} ± %{customdata[2]:.2f} (95% CI)"
                "<br>%{customdata[1]} statement(s)<extra></extra>"
            ),
        )
    )
    if not points.empty:
        fig.add_trace(
            go.Box(
                name="Individual statements",
                x=[names.get(p, escape(p)) for p in points["party_label"]],
                y=points["stance"],
                boxpoints="all",
                jitter=0.45,
                pointpos=0,
                fillcolor="rgba(0,0,0,0)",
                line=dict(width=0, color="rgba(0,0,0,0)"),
                marker=dict(color="#222", size=7, opacity=0.75),
                hoveron="points",
                customdata=np.column_stack(
                    [[escape(s) for s in points["speaker_label"]], [hover_quote(t) for t in points["text"]]]
                ),
                hovertemplate="<b>%{customdata[0]}</b><br>“%{customdata[1]}”<br>stance %{y:+.2f}<extra></extra>",
            )
        )
    fig.add_hline(y=0, line_width=1, line_color="#555")
    fig.update_xaxes(title_text="Party (statements, actors)", categoryorder="array", categoryarray=order)
    fig.update_yaxes(title_text=STANCE_AXIS, range=[-1.15, 1.15], zeroline=False)
    return _layout(fig, title=title, height=440)


def actors_by_party(summary: pd.DataFrame, *, target: str, note: str = "", source: str = "") -> go.Figure:
    """Each actor's mean stance toward ``target`` as a horizontal bar, grouped by party (two-level axis).

    Parties are in alphabetical order with "(no party)" last; within a party, actors by mean stance.
    """
    title = _title(f"Actors grouped by party: stance toward “{target}”", note=note, source=source)
    rows = summary.loc[summary["target"] == target] if not summary.empty else summary
    if rows.empty:
        return _empty("No attributed statements match the filter.", title=title)
    rows = rows.assign(
        party_label=lambda t: t["party"].fillna(NO_PARTY),
        unaffiliated=lambda t: t["party"].isna(),
    ).sort_values(["unaffiliated", "party_label", "mean_stance"], ascending=[True, True, False])
    colours = party_colours(rows["party_label"].unique())
    fig = go.Figure(
        go.Bar(
            y=[
                [escape(p) for p in rows["party_label"]],
                [
                    f"{short_label(s, limit=30)} · n={n}"
                    for s, n in zip(rows["speaker"], rows["statements"], strict=True)
                ],
            ],
            x=rows["mean_stance"],
            orientation="h",
            marker_color=[colours[p] for p in rows["party_label"]],
            error_x=dict(type="data", array=rows["stance_ci95"], color="#333", thickness=1.2, width=4),
            customdata=np.column_stack(
                [
                    rows["speaker"],
                    rows["statements"],
                    rows["stance_ci95"],
                    [escape(s) for s in rows["speaker"]],
                ]
            ),
            hovertemplate=(
                "<b>%{customdata[3]}</b><br>mean stance %{x:+.2f} ± %{customdata[2]:.2f} (95% CI)"
                "<br>%{customdata[1]} statement(s)<extra></extra>"
            ),
            showlegend=False,
        )
    )
    fig.add_vline(x=0, line_width=1, line_color="#555")
    fig.update_yaxes(title_text="Party / actor · statements", autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=STANCE_AXIS + ", whisker = 95% CI", range=[-1.1, 1.1], zeroline=False)
    return _layout(fig, title=title, height=max(320, 110 + 30 * len(rows)))


def party_target_heatmap(summary: pd.DataFrame, *, note: str = "", source: str = "") -> go.Figure:
    """Mean stance of each party (rows) toward each target (columns); cells say the statement count."""
    title = _title("Mean stance by party and target", note=note, source=source)
    if summary.empty:
        return _empty("No statements match the filter.", title=title)
    targets = list(dict.fromkeys(summary["target"]))
    parties = list(dict.fromkeys(summary.sort_values("party")["party"]))
    stance = summary.pivot(index="party", columns="target", values="mean_stance").reindex(
        index=parties, columns=targets
    )
    counts = summary.pivot(index="party", columns="target", values="statements").reindex(
        index=parties, columns=targets
    )
    text = [
        [
            "" if pd.isna(s) else f"{s:+.2f}<br>n={int(n)}"
            for s, n in zip(stance.loc[p], counts.loc[p], strict=True)
        ]
        for p in parties
    ]
    fig = go.Figure(
        go.Heatmap(
            z=stance.to_numpy(dtype=float),
            x=["<br>".join(textwrap.wrap(escape(t), 28)) for t in targets],
            y=[escape(p) for p in parties],
            zmin=-1,
            zmax=1,
            zmid=0,
            colorscale=STANCE_SCALE,
            text=text,
            texttemplate="%{text}",
            colorbar=dict(title=dict(text="Mean<br>stance")),
            hovertemplate="<b>%{y}</b> toward %{x}<br>%{text}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="Stance target", side="bottom")
    fig.update_yaxes(title_text="Party", autorange="reversed")
    return _layout(fig, title=title, height=max(320, 140 + 60 * len(parties)))


def article_timeline(
    paragraphs: pd.DataFrame,
    statements: pd.DataFrame,
    *,
    target: str,
    narrator_max_quoted: float = 0.5,
    note: str = "",
    source: str = "",
) -> go.Figure:
    """Stance (top) and sentiment (bottom) along the article, paragraph index on x.

    ``paragraphs`` is :func:`analysis.aggregate.paragraph_stances` output, ``statements``
    :func:`statement_stances` output. The narrator line is the paragraphs whose text is mostly
    the journalist's own (quoted share below ``narrator_max_quoted``); quoted statements are
    points at their paragraph, so the article's framing is visible beside its sources.
    """
    title = _title(
        f"Along the article: narrator vs quoted speech, stance toward “{target}”", note=note, source=source
    )
    para = paragraphs.loc[paragraphs["target"] == target] if not paragraphs.empty else paragraphs
    quotes = statements.loc[statements["target"] == target] if not statements.empty else statements
    if para.empty:
        return _empty("No paragraphs to show.", title=title)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=("Stance", "Sentiment")
    )
    narrator = para.loc[para["quoted_share"] < narrator_max_quoted].sort_values("index")
    narrator_custom = (
        np.column_stack(
            [[hover_quote(t, limit=240) for t in narrator["text"]], (narrator["quoted_share"] * 100).round()]
        )
        if not narrator.empty
        else None
    )
    for row, column in ((1, "stance"), (2, "sentiment")):
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
                customdata=narrator_custom,
                hovertemplate=(
                    f"paragraph %{{x}} · {column} %{{y:+.2f}} · %{{customdata[1]}}% quoted"
                    "<br>%{customdata[0]}<extra>narrator</extra>"
                ),
            ),
            row=row,
            col=1,
        )
        if not quotes.empty:
            fig.add_trace(
                go.Scatter(
                    name="Quoted statements",
                    legendgroup="quoted",
                    showlegend=row == 1,
                    x=quotes["paragraph"] + _spread(quotes),
                    y=quotes[column],
                    mode="markers",
                    marker=dict(
                        size=10, color="#e6550d", symbol="diamond", line=dict(width=1, color="white")
                    ),
                    customdata=np.column_stack(
                        [
                            [escape(s) for s in quotes["speaker_label"]],
                            [hover_quote(t) for t in quotes["text"]],
                        ]
                    ),
                    hovertemplate=(
                        f"<b>%{{customdata[0]}}</b> · paragraph %{{x:.0f}} · {column} %{{y:+.2f}}"
                        "<br>“%{customdata[1]}”<extra>quoted</extra>"
                    ),
                ),
                row=row,
                col=1,
            )
        fig.add_hline(y=0, line_width=1, line_color="#999", row=row, col=1)
        fig.update_yaxes(range=[-1.1, 1.1], row=row, col=1, zeroline=False)
    fig.update_yaxes(title_text="−1 against · +1 favor", row=1, col=1)
    fig.update_yaxes(title_text="−1 negative · +1 positive", row=2, col=1)
    fig.update_xaxes(tickformat="d", dtick=max(1, int(np.ceil(len(para) / 25))), rangemode="tozero")
    fig.update_xaxes(title_text="Paragraph index (reading order, 0 = first)", row=2, col=1)
    fig = _layout(fig, title=title, height=560)
    fig.update_layout(legend=dict(orientation="h", y=-0.18, x=0))
    return fig


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
