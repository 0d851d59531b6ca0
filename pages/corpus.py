"""Corpus page: every analysed article together; stance by actor and party over time, by outlet and party."""

from __future__ import annotations

import streamlit as st

import app_state as state
from analysis import aggregate, corpus, corpus_charts

st.title("Corpus")
st.caption(
    "Every article in the library analysed toward the chosen target. Add many at once from the command line: "
    "`python -m analysis corpus add FOLDER --target TEXT`."
)
state.model_status()

entries = state.library_entries()
targets = list(dict.fromkeys(t for ts in entries["targets"] for t in ts)) if not entries.empty else []
if not targets:
    st.info(
        "The library is empty. Analyse articles on the Article page or with `python -m analysis corpus add`."
    )
    st.stop()
target = st.selectbox("Stance target", targets, key="corpus_target")
table = state.corpus_table(target)
if table.empty:
    st.info("No statements toward this target yet.")
    st.stop()

with st.sidebar:
    st.subheader("Filter the corpus")
    speakers = st.multiselect("Speakers", sorted(table["speaker_label"].unique()), key="corpus_speakers")
    parties = st.multiselect("Parties", sorted(table["party_label"].unique()), key="corpus_parties")
    outlets = st.multiselect("Outlets", sorted(table["outlet"].unique()), key="corpus_outlets")
    types = st.multiselect("Statement types", aggregate.types_present(table), key="corpus_types")
    dates = table["article_date"].dropna()
    period = None
    if not dates.empty and dates.min() < dates.max():
        period = st.slider(
            "Article dates",
            min_value=dates.min().date(),
            max_value=dates.max().date(),
            value=(dates.min().date(), dates.max().date()),
            key="corpus_dates",
        )
filtered = corpus.filter_corpus(
    table,
    speakers=speakers,
    parties=parties,
    outlets=outlets,
    types=types,
    since=period[0] if period else None,
    until=period[1] if period else None,
)
note = (
    f"{filtered['analysis_id'].nunique()} articles, {len(filtered)} statements"
    + (f", {len(speakers)} speaker(s)" if speakers else "")
    + (f", parties: {', '.join(parties)}" if parties else "")
    + (f", outlets: {', '.join(outlets)}" if outlets else "")
    + (f", statement types: {', '.join(types)}" if types else "")
)
c1, c2, c3 = st.columns(3)
c1.metric("Articles", filtered["analysis_id"].nunique())
c2.metric("Statements", len(filtered))
c3.metric("Outlets", filtered["outlet"].nunique())

top = corpus.top_actors(filtered, limit=15)
actors = speakers or top["speaker"].head(8).tolist()
colours = state.colours_for(table)
over_time = corpus_charts.actors_over_time(filtered, target=target, actors=actors, colours=colours, note=note)
event = st.plotly_chart(
    over_time,
    key="corpus_time_chart",
    on_select="rerun",
    selection_mode="points",
    theme=None,
    config={"displaylogo": False},
)
state.chart_downloads(over_time, name=f"corpus-actors-over-time-{target}", key="dl-corpus-time")
points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else []
if not points and hasattr(event, "selection"):
    points = event.selection.get("points", [])
if points:
    analysis_id, statement_id = (int(v) for v in points[0]["customdata"][:2])
    row = filtered.loc[(filtered["analysis_id"] == analysis_id) & (filtered["id"] == statement_id)]
    if not row.empty:
        st.info(
            state.md(
                f"{row['speaker_label'].iloc[0]}: “{row['text'].iloc[0][:200]}” ({row['article_title'].iloc[0]})"
            )
        )
        if st.button("Open this statement in its article", key="corpus_open", icon=":material/open_in_new:"):
            state.open_analysis(analysis_id)
            st.session_state[state.FILTER_SPEAKERS] = [row["speaker_label"].iloc[0]]
            st.switch_page("pages/article.py")

party_fig = corpus_charts.parties_over_time(corpus.party_over_time(filtered), target=target, note=note)
st.plotly_chart(party_fig, key="corpus_party_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(party_fig, name=f"corpus-parties-over-time-{target}", key="dl-corpus-party")

outlet_table = corpus.outlet_party(filtered)
heatmap = corpus_charts.outlet_party_heatmap(outlet_table, target=target, note=note)
st.plotly_chart(heatmap, key="corpus_outlet_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(heatmap, name=f"corpus-outlet-by-party-{target}", key="dl-corpus-outlet")

top_fig = corpus_charts.top_actors_chart(top, target=target, note=note)
st.plotly_chart(top_fig, key="corpus_top_chart", theme=None, config={"displaylogo": False})
state.chart_downloads(top_fig, name=f"corpus-top-actors-{target}", key="dl-corpus-top")

st.subheader("Outlet by party")
st.dataframe(outlet_table, hide_index=True, width="stretch", key="corpus_outlet_table")
state.table_downloads(outlet_table, name=f"corpus-outlet-by-party-{target}", key="dl-corpus-outlet-table")
st.subheader("Top actors")
st.dataframe(top, hide_index=True, width="stretch", key="corpus_top_table")
state.table_downloads(top, name=f"corpus-top-actors-{target}", key="dl-corpus-top-table")
st.subheader("Statements")
st.dataframe(filtered, hide_index=True, width="stretch", key="corpus_statements_table")
state.table_downloads(filtered, name=f"corpus-statements-{target}", key="dl-corpus-statements")
failures = state.library().failures()
if not failures.empty:
    with st.expander(f"{len(failures)} input(s) could not be analysed"):
        st.dataframe(failures, hide_index=True, width="stretch", key="corpus_failures")
