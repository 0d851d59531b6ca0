"""Paragraphs page: stance and sentiment along the article, narrator beside quoted speech."""

from __future__ import annotations

import streamlit as st

import app_state as state
from analysis import aggregate, charts

analysis = state.require_analysis()
table = state.statement_table(analysis)
filters = state.sidebar(analysis, table)
filtered = filters.apply(table)
source = state.source_line(analysis)

st.title("Paragraphs")
st.caption(
    state.md(f"{source} · stance toward “{filters.target}” · {filters.note()}.")
    + " The narrator line is the paragraphs "
    "that are mostly the journalist's own words (under half quoted); diamonds are the quoted statements."
)

state.evidence(filtered, key="paragraphs")
paragraphs = aggregate.paragraph_stances(analysis.paragraphs, analysis.stances)
timeline = charts.article_timeline(
    paragraphs,
    filtered,
    target=filters.target,
    note=filters.note(),
    source=source,
    colours=state.colours_for(table),
    party_colour_map=state.party_colours_for(table),
)
st.plotly_chart(timeline, key="timeline_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(timeline, name=f"along-the-article-{filters.target}", key="dl-timeline")

st.subheader("Paragraph scores")
view = paragraphs.loc[paragraphs["target"] == filters.target][
    ["index", "quoted_share", "sentiment", "sentiment_label", "stance", "stance_label", "text"]
]
st.dataframe(view, hide_index=True, width="stretch", key="paragraph_table")
state.table_downloads(view, name=f"paragraphs-{filters.target}", key="dl-paragraphs")

with st.sidebar:
    st.divider()
    state.report_download(analysis, filters)
