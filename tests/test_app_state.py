"""Session-state bookkeeping of the app, run inside a real Streamlit script with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _store_many_analyses() -> None:
    from types import SimpleNamespace

    import streamlit as st

    import app_state

    for number in range(app_state.MAX_ANALYSES_PER_SESSION + 5):
        article = SimpleNamespace(sha256=f"{number:012d}" + "f" * 52)
        app_state.store_analysis(SimpleNamespace(article=article, targets=("t",)))
    st.text(str(len(st.session_state[app_state.ANALYSES])))
    st.text(st.session_state[app_state.CURRENT])
    st.text(next(iter(st.session_state[app_state.ANALYSES])))


def test_a_session_keeps_a_bounded_number_of_analyses_newest_current():
    import app_state

    app = AppTest.from_function(_store_many_analyses).run()
    assert not app.exception
    count, current, oldest = (element.value for element in app.text)
    last = app_state.MAX_ANALYSES_PER_SESSION + 4
    assert count == str(app_state.MAX_ANALYSES_PER_SESSION)
    assert current == f"{last:012d}:t"
    assert oldest == f"{5:012d}:t"
