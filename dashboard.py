"""StanceScope dashboard: ``streamlit run dashboard.py``.

The entry point sets the page config, starts loading the models in the background, opens the analysis
named in the URL (or the newest in the library, or analyses the seed, so every page works with no upload)
and hands over to ``st.navigation`` over the files in ``pages/``.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(
    page_title="StanceScope",
    page_icon=":material/record_voice_over:",
    layout="wide",
    initial_sidebar_state="expanded",
)

import app_state  # noqa: E402  (after set_page_config)

PAGES = [
    st.Page("pages/article.py", title="Article", icon=":material/article:", default=True),
    st.Page("pages/speakers.py", title="Speakers", icon=":material/groups:"),
    st.Page("pages/parties.py", title="Parties", icon=":material/account_balance:"),
    st.Page("pages/paragraphs.py", title="Paragraphs", icon=":material/timeline:"),
    st.Page("pages/library.py", title="Library", icon=":material/library_books:"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/corpus.py", title="Corpus", icon=":material/stacked_line_chart:"),
]

app_state.begin_run()
navigation = st.navigation(PAGES)
with st.sidebar:
    st.markdown("**StanceScope** · who said what, and how they lean")
app_state.start_model_loading()
app_state.ensure_seed()
navigation.run()
