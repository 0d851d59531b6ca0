"""Library page: every stored analysis; open, re-analyse with other targets, delete, export everything."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import app_state as state
from analysis.models import ModelError
from analysis.pipeline import MAX_TARGETS, AnalysisError, clean_targets
from analysis.reading import display_name
from analysis.store import LibraryError, default_path

st.title("Library")
st.caption(
    state.md(f"Every analysis is kept in {default_path()}; it survives reloads and restarts.")
    + " Back it up by copying that file."
)
state.model_status()

entries = state.library_entries()
if entries.empty:
    st.info("The library is empty. Analyse an article on the **Article** page and it will appear here.")
    st.stop()

# An untitled article is named by its opening words, and a file by its name, not the path it came from.
view = entries.assign(
    targets=entries["targets"].map("; ".join),
    title=[
        display_name(title=title, text=opening or "", source_name=str(source or ""))
        for title, opening, source in zip(
            entries["title"], entries["opening"], entries["source"], strict=True
        )
    ],
    source=entries["source"].map(lambda source: Path(str(source)).name if source else source),
)[
    [
        "id",
        "title",
        "date",
        "source",
        "outlet",
        "targets",
        "statements",
        "paragraphs",
        "corrections",
        "analysed_at",
    ]
]
st.dataframe(view, hide_index=True, width="stretch", key="library_table")
c1, c2 = st.columns(2)
c1.metric("Analyses", len(entries))
c2.metric("Articles", entries["sha256"].nunique())

labels = state.entry_labels(entries)
current = state.current_id()
chosen = st.selectbox(
    "Analysis",
    list(labels),
    index=list(labels).index(current) if current in labels else 0,
    format_func=lambda k: f"#{k} · {labels[k]}",
    key="library_choice",
)
entry = entries.loc[entries["id"] == chosen].iloc[0]

open_column, delete_column = st.columns(2)
with open_column:
    if st.button("Open on every page", key="library_open", type="primary", icon=":material/open_in_new:"):
        state.open_analysis(int(chosen))
        st.switch_page("pages/article.py")
with delete_column:
    confirm = st.checkbox(
        "Yes, delete this analysis", key=f"library_confirm_{chosen}", help="Deleting cannot be undone."
    )
    if st.button("Delete", key="library_delete", disabled=not confirm, icon=":material/delete:"):
        state.library().delete(int(chosen))
        st.toast(f"Deleted analysis #{chosen}.")
        st.rerun()

st.subheader("Re-analyse with other targets")
with st.form("reanalyse_form"):
    new_targets = st.text_area(
        f"Stance targets (one per line, up to {MAX_TARGETS})",
        value="\n".join(entry["targets"]),
        key=f"reanalyse_targets_{chosen}",
    )
    again = st.form_submit_button("Re-analyse", icon=":material/refresh:")
if again:
    try:
        targets = clean_targets(targets=new_targets.splitlines())
        article = state.stored(int(chosen)).analysis.article
        analysis_id, from_library = state.run_analysis(article=article, targets=targets, label=labels[chosen])
    except (AnalysisError, ModelError, LibraryError) as error:
        st.error(state.md(error))
    else:
        state.open_analysis(analysis_id)
        st.session_state[state.LAST_RUN] = (
            "Opened from the library (already analysed with these targets and models)."
            if from_library
            else f"Re-analysed with {len(targets)} target(s)."
        )
        st.switch_page("pages/article.py")

st.subheader("Export")
st.download_button(
    "Download the whole library (ZIP)",
    data=lambda: state.library().export_zip(),
    file_name="stancescope-library.zip",
    mime="application/zip",
    key="library_zip",
    on_click="ignore",
    icon=":material/folder_zip:",
    help="Per analysis: the article text, its metadata and corrections, and every table as CSV and JSON.",
)
