"""Parties page: stance by party with every statement, actors grouped by party, party x target."""

from __future__ import annotations

import streamlit as st

import app_state as state
from analysis import aggregate, charts

analysis = state.require_analysis()
table = state.statement_table(analysis)
filters = state.sidebar(analysis, table)
filtered = filters.apply(table)
source = state.source_line(analysis)

st.title("Parties")
st.caption(state.md(f"{source} · stance toward “{filters.target}” · {filters.note()}"))

parties = aggregate.party_summary(filtered)
state.evidence(filtered, key="parties")
actors = aggregate.actor_summary(filtered)

party_fig = charts.stance_by_party(
    filtered,
    parties,
    target=filters.target,
    note=filters.note(),
    source=source,
    party_colour_map=state.party_colours_for(table),
)
st.plotly_chart(party_fig, key="party_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(party_fig, name=f"stance-by-party-{filters.target}", key="dl-party")

grouped_fig = charts.actors_by_party(actors, target=filters.target, note=filters.note(), source=source)
st.plotly_chart(grouped_fig, key="grouped_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(grouped_fig, name=f"actors-by-party-{filters.target}", key="dl-grouped")

if len(analysis.targets) > 1:
    every_target = aggregate.party_summary(filters.apply(table, all_targets=True))
    heatmap = charts.party_target_heatmap(
        every_target, note=filters.note(), source=source, targets=analysis.targets
    )
    st.plotly_chart(heatmap, key="heatmap_chart", theme=None, config={"displaylogo": False})
    state.chart_downloads(heatmap, name="party-by-target", key="dl-heatmap")
else:
    st.caption(
        "Add a second stance target on the Article page to compare parties across targets in a heatmap."
    )

st.subheader("Party summary")
st.dataframe(parties, hide_index=True, width="stretch", key="party_table")
state.table_downloads(parties, name=f"parties-{filters.target}", key="dl-parties")

with st.sidebar:
    st.divider()
    state.report_download(analysis, filters)
