"""Speakers page: stance by actor, sentiment vs stance, the statements; a click filters the rest."""

from __future__ import annotations

import streamlit as st

import app_state as state
from analysis import aggregate, charts

SELECT = ("points", "box", "lasso")

analysis = state.require_analysis()
table = state.statement_table(analysis)
filters = state.sidebar(analysis, table)
filtered = filters.apply(table)
source = state.source_line(analysis)
colours = state.colours_for(table)

st.title("Speakers")
st.caption(state.md(f"{source} · stance toward “{filters.target}” · {filters.note()}"))

# The actor chart shows every actor of the filter, so more can be clicked; the rest follows the selection. Its
# figure must not change with the selection: Streamlit keys a chart's selection by its figure, and a new figure
# would drop the click that made it.
actors = aggregate.actor_summary(filters.apply(table, with_selection=False))
actor_fig = charts.stance_by_actor(
    actors, target=filters.target, note=filters.without_selection().note(), source=source
)
actor_event = st.plotly_chart(
    actor_fig,
    key="actor_chart",
    on_select="rerun",
    selection_mode=SELECT,
    theme=None,
    config={"displaylogo": False},
)
state.chart_downloads(actor_fig, name=f"stance-by-actor-{filters.target}", key="dl-actor")
state.follow_actor_clicks(actor_event, chart_key="actor_chart")
state.evidence(filtered, key="speakers")
narrowed = filtered
narrow_filters = filters

scatter = charts.sentiment_vs_stance(
    narrowed,
    target=filters.target,
    colours=colours,
    note=narrow_filters.note(),
    source=source,
    party_colour_map=state.party_colours_for(table),
)
scatter_event = st.plotly_chart(
    scatter,
    key="scatter_chart",
    on_select="rerun",
    selection_mode=SELECT,
    theme=None,
    config={"displaylogo": False},
)
state.chart_downloads(scatter, name=f"sentiment-vs-stance-{filters.target}", key="dl-scatter")
point_ids = [int(value) for value in charts.selected_values(scatter_event, position=0) if value.isdigit()]
if point_ids:
    narrowed = narrowed.loc[narrowed["id"].isin(point_ids)]
    st.info(f"{len(point_ids)} statement(s) selected in the scatter plot; double-click it to clear.")

st.subheader("Statements")
view = narrowed[
    [
        "id",
        "speaker_label",
        "party_label",
        "statement_type",
        "text",
        "sentiment",
        "stance",
        "stance_label",
        "target",
        "corrected",
    ]
].rename(columns={"speaker_label": "speaker", "party_label": "party", "statement_type": "type"})
st.dataframe(view, hide_index=True, width="stretch", key="speaker_statements")
state.table_downloads(view, name=f"statements-{filters.target}", key="dl-statements")

st.subheader("Actors")
st.dataframe(actors, hide_index=True, width="stretch", key="actor_table")
state.table_downloads(actors, name=f"actors-{filters.target}", key="dl-actors")

with st.sidebar:
    st.divider()
    state.report_download(analysis, filters)
