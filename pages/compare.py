"""Compare page: two or more analysed articles, each actor's and party's stance side by side."""

from __future__ import annotations

import streamlit as st

import app_state as state
from analysis import compare

st.title("Compare articles")
st.caption(
    "Pick two or more analysed articles and a target: actors and parties seen in several articles line up."
)
state.model_status()

entries = state.library_entries()
if len(entries) < 2:
    st.info(
        "Compare needs at least two analyses in the library. Analyse another article on the Article page."
    )
    st.stop()

labels = state.entry_labels(entries)
default = [state.current_id()] if state.current_id() in labels else []
chosen = st.multiselect(
    "Articles",
    list(labels),
    default=default,
    format_func=lambda k: labels[k],
    key="compare_articles",
    placeholder="Pick two or more",
)
if len(chosen) < 2:
    st.info("Pick at least two articles.")
    st.stop()

analyses = {labels[k]: state.stored(k).analysis for k in chosen}
targets = list(dict.fromkeys(t for a in analyses.values() for t in a.targets))
target = st.selectbox("Stance target", targets, key="compare_target")
missing = [name for name, a in analyses.items() if target not in a.targets]
if missing:
    st.warning(
        state.md(f"Not analysed toward “{target}”: {'; '.join(missing)}.")
        + " Re-analyse them with this target on the Library page to include them."
    )
tables = {name: state.statement_table(a) for name, a in analyses.items() if target in a.targets}
note = f"{len(tables)} articles"

actors = compare.compare_stances(tables, target=target, by="speaker_label")
actor_fig = compare.compare_chart(actors, target=target, what="actor", note=note)
st.plotly_chart(actor_fig, key="compare_actor_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(actor_fig, name=f"compare-actors-{target}", key="dl-compare-actors")

parties = compare.compare_stances(tables, target=target, by="party_label")
party_fig = compare.compare_chart(parties, target=target, what="party", note=note)
st.plotly_chart(party_fig, key="compare_party_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(party_fig, name=f"compare-parties-{target}", key="dl-compare-parties")

st.subheader("Actors across articles")
st.dataframe(actors, hide_index=True, width="stretch", key="compare_actor_table")
state.table_downloads(actors, name=f"compare-actors-{target}", key="dl-compare-actor-table")
st.subheader("Parties across articles")
st.dataframe(parties, hide_index=True, width="stretch", key="compare_party_table")
state.table_downloads(parties, name=f"compare-parties-{target}", key="dl-compare-party-table")
