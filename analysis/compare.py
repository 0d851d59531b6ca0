"""Several articles side by side: each actor's and each party's stance per article, on one axis.

Tidy frames in (the statement tables with stances, corrections applied, one per article), tidy frames out;
the chart builders take those frames and return ``go.Figure`` (no Streamlit here).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.charts import escape, short_label
from analysis.labels import stance_label

COMPARE_COLUMNS = [
    "group",
    "article",
    "target",
    "mean_stance",
    "stance_label",
    "statements",
    "articles",
    "party",
]
ARTICLE_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)


def compare_stances(
    tables: Mapping[str, pd.DataFrame], *, target: str, by: str = "speaker_label"
) -> pd.DataFrame:
    """Mean stance toward ``target`` per group (``speaker_label`` or ``party_label``) and article.

    ``tables`` maps an article's display name to its statement table (``aggregate.statement_stances``).
    ``articles`` counts the articles a group appears in, so groups seen in several articles sort first.
    """
    frames = [
        table.loc[table["target"] == target].assign(article=name)
        for name, table in tables.items()
        if not table.empty
    ]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    grouped = (
        rows.groupby([by, "article"], sort=False)
        .agg(
            mean_stance=("stance", "mean"),
            statements=("id", "nunique"),
            party=("party_label", lambda s: s.mode().iloc[0] if not s.mode().empty else None),
        )
        .reset_index()
        .rename(columns={by: "group"})
    )
    return (
        grouped.assign(
            target=target,
            mean_stance=lambda t: t["mean_stance"].round(4),
            stance_label=lambda t: t["mean_stance"].map(stance_label),
            articles=lambda t: t.groupby("group")["article"].transform("nunique"),
        )
        .sort_values(["articles", "group", "article"], ascending=[False, True, True], kind="stable")
        .reset_index(drop=True)[COMPARE_COLUMNS]
    )


def compare_chart(frame: pd.DataFrame, *, target: str, what: str = "actor", note: str = "") -> go.Figure:
    """Grouped horizontal bars: one row per actor (or party), one bar per article, mean stance on x."""
    title_text = f"Stance toward “{target}” by {what}, article by article"
    sub = escape(note) if note else ""
    title = dict(
        text=escape(title_text) + (f"<br><sup>{sub}</sup>" if sub else ""),
        x=0.01,
        xanchor="left",
        font=dict(size=15),
    )
    fig = go.Figure()
    if frame.empty:
        fig.add_annotation(
            text=escape("No statements toward this target in the chosen articles."),
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
        )
        fig.update_layout(title=title, height=320, template="plotly_white")
        return fig
    groups = list(dict.fromkeys(frame["group"]))
    labels = {group: short_label(group) for group in groups}
    for number, (article, rows) in enumerate(frame.groupby("article", sort=False)):
        fig.add_trace(
            go.Bar(
                name=short_label(article, limit=40),
                y=[labels[g] for g in rows["group"]],
                x=rows["mean_stance"],
                orientation="h",
                marker_color=ARTICLE_COLOURS[number % len(ARTICLE_COLOURS)],
                customdata=list(
                    zip(
                        [escape(g) for g in rows["group"]],
                        [escape(article)] * len(rows),
                        rows["statements"],
                        rows["stance_label"],
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>mean stance %{x:+.2f} "
                "(%{customdata[3]}), %{customdata[2]} statement(s)<extra></extra>",
            )
        )
    fig.update_layout(
        title=title,
        template="plotly_white",
        barmode="group",
        height=max(320, 140 + 22 * len(groups) * max(1, frame["article"].nunique())),
        margin=dict(l=10, r=20, t=90, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.08, xanchor="left", x=0),
        xaxis=dict(title="mean stance (−1 against … +1 favour)", range=[-1.05, 1.05], zeroline=True),
        yaxis=dict(
            categoryorder="array", categoryarray=[labels[g] for g in reversed(groups)], automargin=True
        ),
        hoverlabel=dict(align="left"),
    )
    return fig
