"""Corpus charts: stance by actor and party over time, how each outlet quotes each side, the top actors.

One builder per figure: a tidy frame from ``analysis.corpus`` in, ``go.Figure`` out. Every string from an
article is HTML-escaped (``charts.escape``), as in the single-article charts.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.charts import escape, hover_quote, party_colours, short_label, speaker_colours
from analysis.labels import stance_label

AXIS_STANCE = dict(
    title="stance (−1 against … +1 favour)", range=[-1.08, 1.08], zeroline=True, zerolinecolor="#999"
)


def _title(text: str, note: str = "") -> dict:
    sub = escape(note)
    return dict(
        text=escape(text) + (f"<br><sup>{sub}</sup>" if sub else ""),
        x=0.01,
        xanchor="left",
        font=dict(size=15),
    )


def _layout(fig: go.Figure, *, title: dict, height: int = 460) -> go.Figure:
    fig.update_layout(
        title=title,
        template="plotly_white",
        height=height,
        margin=dict(l=10, r=20, t=80, b=60),
        legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0),
        hoverlabel=dict(align="left"),
    )
    return fig


def _empty(message: str, *, title: dict) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=escape(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    return _layout(fig, title=title, height=320)


MIN_DATE_SPAN = pd.Timedelta(days=60)


def _date_axis(fig: go.Figure, dates: pd.Series, *, title: str) -> None:
    """Dates as dates: a corpus from one day (or one month) gets a few weeks either side instead of
    Plotly's millisecond ticks around a single instant."""
    low, high = pd.to_datetime(dates.min()), pd.to_datetime(dates.max())
    axis = dict(title=title, type="date", tickformat="%Y-%m-%d")
    if high - low < MIN_DATE_SPAN:
        pad = (MIN_DATE_SPAN - (high - low)) / 2
        axis["range"] = [low - pad, high + pad]
    fig.update_xaxes(**axis)


def actors_over_time(
    table: pd.DataFrame,
    *,
    target: str,
    actors: list[str],
    colours: Mapping[str, str] | None = None,
    note: str = "",
) -> go.Figure:
    """One point per statement (x = article date, y = stance), one colour per actor; ``customdata[0]`` is the
    analysis id and ``customdata[1]`` the statement id, so a click can open the statement in its article."""
    title = _title(f"Stance toward “{target}” by actor over time", note)
    rows = table.loc[table["speaker_label"].isin(actors)].dropna(subset=["article_date"])
    if rows.empty:
        return _empty("No dated statements by these actors.", title=title)
    colours = dict(colours or speaker_colours(actors))
    fig = go.Figure()
    for actor in actors:
        group = rows.loc[rows["speaker_label"] == actor].sort_values("article_date")
        if group.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=group["article_date"],
                y=group["stance"],
                mode="markers+lines",
                line=dict(width=1, dash="dot", color=colours.get(actor, "#555")),
                marker=dict(size=9, color=colours.get(actor, "#555"), line=dict(width=1, color="#333")),
                name=short_label(actor, limit=30),
                customdata=list(
                    zip(
                        group["analysis_id"],
                        group["id"],
                        [escape(actor)] * len(group),
                        [hover_quote(t) for t in group["text"]],
                        [escape(a) for a in group["article_title"]],
                        [escape(o) for o in group["outlet"]],
                        [stance_label(s) for s in group["stance"]],
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{customdata[2]}</b> · %{x|%Y-%m-%d} · %{customdata[5]}<br>%{customdata[4]}<br>"
                "stance %{y:+.2f} (%{customdata[6]})<br>%{customdata[3]}<extra></extra>",
            )
        )
    fig.update_yaxes(**AXIS_STANCE)
    _date_axis(fig, rows["article_date"], title="article date")
    return _layout(fig, title=title, height=480)


def parties_over_time(frame: pd.DataFrame, *, target: str, note: str = "") -> go.Figure:
    """Mean stance per party per month (``corpus.party_over_time``); marker size grows with statements."""
    title = _title(f"Stance toward “{target}” by party over time", note)
    if frame.empty:
        return _empty("No dated statements.", title=title)
    colours = party_colours(frame["party"].unique())
    fig = go.Figure()
    for party, group in frame.groupby("party", sort=True):
        group = group.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=group["period"],
                y=group["mean_stance"],
                mode="lines+markers",
                name=short_label(party, limit=30),
                line=dict(color=colours[party]),
                marker=dict(size=[6 + min(14, n) for n in group["statements"]], color=colours[party]),
                customdata=list(
                    zip(group["statements"], [stance_label(s) for s in group["mean_stance"]], strict=True)
                ),
                hovertemplate=f"<b>{escape(party)}</b> · %{{x|%Y-%m}}<br>mean stance %{{y:+.2f}} (%{{customdata[1]}}), "
                "%{customdata[0]} statement(s)<extra></extra>",
            )
        )
    fig.update_yaxes(**AXIS_STANCE)
    _date_axis(fig, frame["period"], title="month")
    return _layout(fig, title=title)


def outlet_party_heatmap(frame: pd.DataFrame, *, target: str, note: str = "") -> go.Figure:
    """Outlets x parties: colour = mean stance of the statements the outlet quotes from that party, text = count."""
    title = _title(f"How each outlet quotes each side on “{target}”", note)
    if frame.empty:
        return _empty("No statements.", title=title)
    outlets = sorted(frame["outlet"].unique())
    parties = sorted(frame["party"].unique())
    mean = frame.pivot(index="outlet", columns="party", values="mean_stance").reindex(
        index=outlets, columns=parties
    )
    count = frame.pivot(index="outlet", columns="party", values="statements").reindex(
        index=outlets, columns=parties
    )
    text = [[("" if pd.isna(n) else f"n={int(n)}") for n in row] for row in count.to_numpy()]
    labels = [[(stance_label(v) or "") for v in row] for row in mean.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=mean.to_numpy(),
            x=[short_label(p, limit=24) for p in parties],
            y=[short_label(o, limit=28) for o in outlets],
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            text=text,
            texttemplate="%{text}",
            customdata=labels,
            colorbar=dict(title="mean stance"),
            hovertemplate="%{y} quoting %{x}<br>mean stance %{z:+.2f} (%{customdata})<br>%{text}<extra></extra>",
        )
    )
    fig.update_yaxes(automargin=True)
    return _layout(fig, title=title, height=max(320, 120 + 40 * len(outlets)))


def top_actors_chart(frame: pd.DataFrame, *, target: str, note: str = "") -> go.Figure:
    """The actors with most statements (``corpus.top_actors``): bar length = statements, colour = mean stance."""
    title = _title(f"Top actors on “{target}” by number of statements", note)
    if frame.empty:
        return _empty("No attributed statements.", title=title)
    ordered = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["statements"],
            y=[short_label(s, limit=28) for s in ordered["speaker"]],
            orientation="h",
            marker=dict(
                color=ordered["mean_stance"],
                colorscale="RdBu",
                cmin=-1,
                cmax=1,
                colorbar=dict(title="mean stance"),
            ),
            customdata=list(
                zip(
                    [escape(s) for s in ordered["speaker"]],
                    [escape(p) for p in ordered["party"]],
                    ordered["articles"],
                    ordered["mean_stance"],
                    ordered["stance_label"],
                    strict=True,
                )
            ),
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{x} statement(s) in %{customdata[2]} "
            "article(s)<br>mean stance %{customdata[3]:+.2f} (%{customdata[4]})<extra></extra>",
        )
    )
    fig.update_xaxes(title="statements")
    fig.update_yaxes(automargin=True)
    return _layout(fig, title=title, height=max(320, 120 + 26 * len(frame)))
