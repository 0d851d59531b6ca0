"""The dashboard through Streamlit's AppTest: every page on the seed, uploads, filters, corrections.

The tiny random models (session fixture) keep these fast; they run the real loading and scoring code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.export import analysis_record

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"
PAGES = {
    "pages/article.py": ("Article", 2),
    "pages/speakers.py": ("Speakers", 2),
    "pages/parties.py": ("Parties", 2),
    "pages/paragraphs.py": ("Paragraphs", 1),
}
HOSTILE_TEXT = (
    b"Protesters gathered on Tuesday.\n\n"
    b'"We will not back down, 1 < 2 && 3 > 2 ever," said Senator Jane Roe (D-NY).\n\n'
    b'"This is a reckless escalation of the conflict," said Senator John Doe (R-TX) on Wednesday.\n'
)


@pytest.fixture(scope="module", autouse=True)
def tiny_models(tiny_model_dirs):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANCESCOPE_SENTIMENT_MODEL", str(tiny_model_dirs["sentiment"]))
        patch.setenv("STANCESCOPE_STANCE_MODEL", str(tiny_model_dirs["stance"]))
        # Rules alone: fast, and they leave the seed some unattributed statements for the correction tests; the
        # browser journey runs the real server with the learned tagger.
        patch.setenv("STANCESCOPE_ATTRIBUTION_MODEL", "none")
        yield


@pytest.fixture(autouse=True)
def own_library(tmp_path, monkeypatch):
    """Every test starts with an empty library file of its own."""
    monkeypatch.setenv("STANCESCOPE_DATA", str(tmp_path / "data"))
    return tmp_path / "data" / "library.sqlite3"


def _library():
    from analysis.store import Library

    return Library()


def _app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=180)
    if query:
        at.query_params.update(query)
    at.run()
    _assert_clean(at)
    return at


def _assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _charts(at: AppTest) -> list:
    return list(at.get("plotly_chart"))


def _current(at: AppTest):
    return _library().load(at.session_state["current_analysis"]).analysis


def _corrections(at: AppTest) -> dict[int, dict]:
    return _library().corrections(_current(at).article.sha256)


def _goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    _assert_clean(at)
    return at


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_works_on_the_seed_without_upload(page):
    at = _goto(_app(), page)
    title, charts = PAGES[page]
    assert [t.value for t in at.title] == [title]
    assert not at.error
    assert len(_charts(at)) >= charts
    assert at.dataframe, "every page shows a table"
    assert any(b.label == "Prepare report (ZIP)" for b in at.sidebar.button)
    analysis = _current(at)
    assert analysis.article.source_name.endswith("000_e0fae7b1ce5278b9.txt")
    assert analysis.targets == (SEED_TARGET,)


def test_article_page_highlights_seed_statements_by_speaker():
    at = _app()
    assert [m.label for m in at.metric] == ["Paragraphs", "Statements", "Named speakers", "Analysis time"]
    assert int(at.metric[1].value) > 5
    legend, article = (h.value for h in at.html)
    assert "Elizabeth Warren" in legend and "Mike Pompeo" in legend
    assert len(set(re.findall(r'data-statement="(\d+)"', article))) == int(at.metric[1].value)
    assert "Speaker: Elizabeth Warren&#10;Party: Democratic" in article
    # Charts and download buttons for PNG/SVG/PDF (or an explanation) and HTML on the glance tab.
    labels = [b.label for b in at.get("download_button")] + [b.label for b in at.button]
    assert {"PNG", "SVG", "PDF", "HTML", "CSV", "JSON"} <= set(labels)


def test_upload_several_files_analyses_each_and_escapes_the_article():
    at = _app()
    at.file_uploader[0].set_value(
        [
            ("hostile.txt", HOSTILE_TEXT, "text/plain"),
            (
                "page.html",
                b"<html><head><title>A page</title><script>alert(1)</script></head><body><p>"
                + HOSTILE_TEXT.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b"\n\n", b"</p><p>")
                + b"</p></body></html>",
                "text/html",
            ),
        ]
    )
    at.text_area(key="targets_text").set_value("Escalation of the conflict\nPeace talks")
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert not at.error, [e.value for e in at.error]
    assert "hostile" in at.success[0].value
    assert len(_library().entries()) == 3  # seed + two uploads
    analysis = _current(at)
    assert analysis.article.source_name == "hostile.txt"
    assert analysis.targets == ("Escalation of the conflict", "Peace talks")
    article_html = at.html[1].value
    assert "1 &lt; 2 &amp;&amp; 3 &gt; 2" in article_html and "1 < 2" not in article_html
    # Two targets: a target picker in the sidebar, and the Parties page adds the party x target heatmap.
    assert at.sidebar.selectbox(key="filter_target").options == ["Escalation of the conflict", "Peace talks"]
    _goto(at, "pages/parties.py")
    assert len(_charts(at)) == 3
    # The sidebar switches between the session's articles.
    switcher = at.sidebar.selectbox(key="article_picker")
    assert len(switcher.options) == 3
    entries = _library().entries()
    seed_key = int(entries.loc[entries["source"].str.contains("000_"), "id"].iloc[0])
    switcher.set_value(seed_key).run()
    _assert_clean(at)
    assert at.session_state["current_analysis"] == seed_key
    _goto(at, "pages/speakers.py")
    assert _current(at).article.source_name.endswith("000_e0fae7b1ce5278b9.txt")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"   \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, ""),
        ("nul.txt", b"\x00\x01\x02\x03" * 500, ""),
    ],
)
def test_bad_uploads_give_a_message_not_a_traceback(name, data, message):
    at = _app()
    at.file_uploader[0].set_value((name, data, "text/plain"))
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert at.error, "a bad file must produce a clear message"
    assert name.replace(".", "\\.") in at.error[0].value
    assert message in at.error[0].value
    assert _current(at).article.source_name.endswith("000_e0fae7b1ce5278b9.txt")  # the seed is still shown


def test_paste_text_and_empty_target_messages():
    at = _app()
    at.text_area(key="targets_text").set_value("   ")
    at.text_area(key="pasted_text").set_value(HOSTILE_TEXT.decode())
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert "stance target" in at.error[0].value
    at.text_area(key="targets_text").set_value("Escalation of the conflict")
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert not at.error
    name = _current(at).article.source_name
    assert name != "pasted text" and name.startswith("Protesters gathered")


def test_nothing_to_analyse_message():
    at = _app()
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert "Nothing to analyse" in at.error[0].value


def test_speaker_filter_follows_across_pages():
    at = _goto(_app(), "pages/speakers.py")
    at.sidebar.multiselect(key="filter_speakers").set_value(["Elizabeth Warren"]).run()
    _assert_clean(at)
    statements = at.dataframe[0].value
    assert set(statements["speaker"]) == {"Elizabeth Warren"} and len(statements) >= 2
    assert "Elizabeth Warren" in at.get("plotly_chart")[0].proto.spec
    for page in ("pages/parties.py", "pages/paragraphs.py", "pages/article.py", "pages/speakers.py"):
        _goto(at, page)
        assert at.sidebar.multiselect(key="filter_speakers").value == ["Elizabeth Warren"], page
    _goto(at, "pages/parties.py")
    assert list(at.dataframe[0].value["party"]) == ["Democratic"]
    _goto(at, "pages/article.py")
    assert len(set(re.findall(r'data-statement="(\d+)"', at.html[1].value))) == len(statements)


def test_party_and_min_statement_filters():
    at = _goto(_app(), "pages/speakers.py")
    at.sidebar.multiselect(key="filter_parties").set_value(["Republican"]).run()
    assert set(at.dataframe[0].value["party"]) == {"Republican"}
    at.sidebar.number_input(key="filter_min_statements").set_value(3).run()
    _assert_clean(at)
    actors = at.dataframe[1].value
    assert len(actors) and (actors["statements"] >= 3).all()
    assert "Lindsey Graham" in set(actors["speaker"])
    at.sidebar.checkbox(key="filter_include_unattributed").uncheck().run()
    assert "(unattributed)" not in set(at.dataframe[0].value["speaker"])


def test_statement_type_filter_follows_across_pages_and_into_the_note():
    at = _goto(_app(), "pages/speakers.py")
    types = at.sidebar.multiselect(key="filter_statement_types")
    assert types.options == ["quote", "reported speech", "plan or position"]  # the seed has no belief
    everything = at.dataframe[0].value
    assert {"quote", "reported speech"} <= set(everything["type"])
    types.set_value(["reported speech"]).run()
    _assert_clean(at)
    reported = at.dataframe[0].value
    assert set(reported["type"]) == {"reported speech"} and 0 < len(reported) < len(everything)
    assert any(r"statement types\: reported speech" in c.value for c in at.caption), [
        c.value for c in at.caption
    ]
    for page in ("pages/parties.py", "pages/paragraphs.py", "pages/article.py"):
        _goto(at, page)
        assert at.sidebar.multiselect(key="filter_statement_types").value == ["reported speech"], page
    _goto(at, "pages/speakers.py")
    at.sidebar.multiselect(key="filter_statement_types").set_value(["quote"]).run()
    assert set(at.dataframe[0].value["type"]) == {"quote"}


def _correct(
    at: AppTest, *, statement: int, speaker: str, other: str = "", party: str, other_party: str = ""
):
    key = _current(at).article.sha256[:16]
    at.selectbox(key=f"correct_statement_{key}").set_value(statement)
    at.selectbox(key=f"correct_speaker_{key}").set_value(speaker)
    at.text_input(key=f"correct_speaker_other_{key}").set_value(other)
    at.selectbox(key=f"correct_party_{key}").set_value(party)
    at.text_input(key=f"correct_party_other_{key}").set_value(other_party)
    next(b for b in at.form_submit_button if b.label == "Apply correction").click().run()
    _assert_clean(at)


def test_corrections_follow_into_every_chart_table_and_export():
    at = _app()
    analysis = _current(at)
    statements = analysis.statements
    unattributed = int(statements.loc[statements["speaker"].isna(), "id"].iloc[0])
    _correct(
        at,
        statement=unattributed,
        speaker="(other: type below)",
        other="Jane Analyst",
        party="(other: type below)",
        other_party="Independent",
    )
    mine = _corrections(at)
    assert mine == {
        unattributed: {"speaker": "Jane Analyst", "party": "Independent", "party_source": "analyst"}
    }
    assert "Jane Analyst" in at.html[0].value  # the highlight legend
    assert at.dataframe[1].value["speaker"].tolist() == ["Jane Analyst"]

    _goto(at, "pages/speakers.py")
    table = at.dataframe[0].value
    row = table.loc[table["id"] == unattributed].iloc[0]
    assert (row["speaker"], row["party"], bool(row["corrected"])) == ("Jane Analyst", "Independent", True)
    assert "Jane Analyst" in at.get("plotly_chart")[0].proto.spec
    _goto(at, "pages/parties.py")
    assert "Independent" in set(at.dataframe[0].value["party"])

    record = analysis_record(analysis, corrections=mine)
    assert "Jane Analyst" in {a["speaker"] for a in record["actors"]}
    json.dumps(record)

    _goto(at, "pages/article.py")
    at.button(key="undo_corrections").click().run()
    _assert_clean(at)
    assert _corrections(at) == {}


def test_correction_to_a_known_speaker_looks_up_the_party():
    at = _app()
    statements = _current(at).statements
    target = int(statements.loc[statements["speaker"].isna(), "id"].iloc[0])
    _correct(at, statement=target, speaker="Marco Rubio", party="(keep, or look up for a new speaker)")
    mine = _corrections(at)
    assert mine[target]["speaker"] == "Marco Rubio"
    assert mine[target]["party"] == "Republican"


def test_empty_other_speaker_is_refused_with_a_message():
    at = _app()
    _correct(at, statement=0, speaker="(other: type below)", other="  ", party="(no party)")
    assert "Type the other speaker" in at.error[0].value
    assert _corrections(at) == {}


def test_report_zip_follows_filter_and_corrections():
    import io
    import zipfile

    import app_state
    from analysis.chart_export import ImageExporter

    at = _app()
    analysis = _current(at)
    statements = analysis.statements
    unattributed = int(statements.loc[statements["speaker"].isna(), "id"].iloc[0])
    _correct(
        at, statement=unattributed, speaker="Elizabeth Warren", party="(keep, or look up for a new speaker)"
    )
    corrections = _corrections(at)
    from analysis import aggregate

    table = aggregate.statement_stances(
        aggregate.apply_corrections(analysis.statements, corrections=corrections), analysis.stances
    )
    filters = app_state.Filters(speakers=("Elizabeth Warren",), target=analysis.targets[0])
    payload = app_state.report_bytes(
        analysis, filters, table=table, exporter=ImageExporter(browser_path=None, search=False)
    )
    archive = zipfile.ZipFile(io.BytesIO(payload))
    names = set(archive.namelist())
    assert {"README.md", "tables/statements.csv", "tables/actors.json", "tables/parties.csv"} <= names
    assert {
        f"charts/{n}-target.html"
        for n in (
            "stance-by-actor",
            "sentiment-vs-stance",
            "stance-by-party",
            "actors-by-party",
            "along-the-article",
        )
    } <= names
    readme = archive.read("README.md").decode()
    assert "Filter: speakers: Elizabeth Warren" in readme and SEED_TARGET in readme
    assert analysis.models["stance"] in readme and "2020-01-02" in readme
    csv = archive.read("tables/statements.csv").decode().splitlines()
    warren = statements["speaker"].eq("Elizabeth Warren").sum()
    assert len(csv) - 1 == warren + 1  # her own statements plus the corrected one
    assert all("Elizabeth Warren" in row for row in csv[1:])


def test_without_chromium_image_buttons_explain_and_html_csv_still_work(monkeypatch):
    import app_state
    from analysis import chart_export

    monkeypatch.setattr(
        chart_export, "_EXPORTER", chart_export.ImageExporter(browser_path=None, search=False)
    )
    app_state.exporter.clear()
    try:
        at = _goto(_app(), "pages/speakers.py")
        disabled = [b for b in at.button if b.label in ("PNG", "SVG", "PDF")]
        assert len(disabled) == 6 and all(b.disabled for b in disabled)
        assert all("apt-get install chromium" in b.help for b in disabled)
        assert any("PNG/SVG/PDF unavailable" in c.value for c in at.caption)
        downloads = [b.label for b in at.get("download_button")]
        assert downloads.count("HTML") == 2 and "CSV" in downloads
        assert any(b.label == "Prepare report (ZIP)" for b in at.sidebar.button)
    finally:
        app_state.exporter.clear()


def test_article_title_and_names_cannot_form_markdown():
    import app_state

    assert app_state.md("![x](http://e.invalid/t.png) $x$ :smile: <b>") == (
        "\\!\\[x\\]\\(http\\:/" + "/e\\.invalid/t\\.png\\) \\$x\\$ \\:smile\\: \\<b\\>"
    )
    at = _app()
    page = (
        b"<html><head><title>![x](http://e.invalid/t.png) $x$ :smile:</title></head><body><p>"
        + HOSTILE_TEXT.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b"\n\n", b"</p><p>")
        + b"</p></body></html>"
    )
    at.file_uploader[0].set_value(("[evil](javascript:alert(1)).html", page, "text/html"))
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert at.subheader[0].value.startswith("\\!\\[x\\]\\(http\\:")
    assert "\\[evil\\]\\(javascript\\:alert\\(1\\)\\)\\.html" in at.success[0].value


# --------------------------------------------------------------------------- the library (issue: never lose work)


def _upload(at: AppTest, name: str = "hostile.txt", data: bytes = HOSTILE_TEXT, targets: str = SEED_TARGET):
    at.file_uploader[0].set_value((name, data, "text/plain"))
    at.text_area(key="targets_text").set_value(targets)
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert not at.error, [e.value for e in at.error]
    return int(at.session_state["current_analysis"])


def test_a_reload_or_a_new_session_keeps_the_library_and_the_open_article():
    at = _app()
    seed_id = int(at.session_state["current_analysis"])
    upload_id = _upload(at)
    assert at.query_params["analysis"] in (str(upload_id), [str(upload_id)])  # the URL names the analysis
    # A reload of the tab is a new session with the same URL: the same article comes back.
    again = _app(query={"analysis": str(upload_id)})
    assert int(again.session_state["current_analysis"]) == upload_id
    assert _current(again).article.source_name == "hostile.txt"
    # A new tab without the URL opens the newest analysis; the seed is still in the library.
    fresh = _app()
    assert int(fresh.session_state["current_analysis"]) == upload_id
    assert set(_library().entries()["id"]) == {seed_id, upload_id}


def test_an_unknown_analysis_in_the_url_falls_back_to_the_newest():
    _app()
    at = _app(query={"analysis": "99999"})
    assert _current(at).article.source_name.endswith("000_e0fae7b1ce5278b9.txt")


def test_the_same_article_and_targets_come_from_the_library_and_say_so():
    at = _app()
    at.checkbox(key="use_seed").check()
    at.text_area(key="targets_text").set_value(SEED_TARGET)
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    assert "Opened from the library" in at.success[0].value
    assert "0.0 s in all" not in at.success[0].value
    assert len(_library().entries()) == 1


def test_a_stale_correction_form_is_refused():
    at = _app()
    seed_id = int(at.session_state["current_analysis"])
    upload_id = _upload(at)
    at.sidebar.selectbox(key="article_picker").set_value(seed_id).run()
    _assert_clean(at)
    key = _current(at).article.sha256[:16]
    at.selectbox(key=f"correct_statement_{key}").set_value(0)
    at.selectbox(key=f"correct_speaker_{key}").set_value("(unattributed)")
    at.session_state["current_analysis"] = upload_id  # another article became current meanwhile
    next(b for b in at.form_submit_button if b.label == "Apply correction").click().run()
    _assert_clean(at)
    assert any("built for another article" in e.value for e in at.error)
    library = _library()
    for analysis_id in (seed_id, upload_id):
        assert library.corrections(library.load(analysis_id).analysis.article.sha256) == {}


def test_statement_picker_says_unattributed_never_nan():
    at = _app()
    key = _current(at).article.sha256[:16]
    options = at.selectbox(key=f"correct_statement_{key}").options
    assert any("(unattributed)" in option for option in options)
    assert not any(" nan:" in option or "None:" in option for option in options)


def test_corrections_survive_a_new_session():
    at = _app()
    statements = _current(at).statements
    unattributed = int(statements.loc[statements["speaker"].isna(), "id"].iloc[0])
    _correct(
        at, statement=unattributed, speaker="(other: type below)", other="Jane Analyst", party="(no party)"
    )
    again = _app(query={"analysis": str(at.session_state["current_analysis"])})
    assert _corrections(again)[unattributed]["speaker"] == "Jane Analyst"
    assert "Jane Analyst" in again.html[0].value


def test_library_page_lists_opens_reanalyses_and_deletes():
    at = _goto(_app(), "pages/library.py")
    assert [t.value for t in at.title] == ["Library"]
    assert len(at.dataframe[0].value) == 1
    seed_id = int(at.dataframe[0].value["id"].iloc[0])
    at.text_area(key=f"reanalyse_targets_{seed_id}").set_value("the Iran nuclear deal\nPeace talks")
    at.form_submit_button[0].click().run()
    _assert_clean(at)
    entries = _library().entries()
    assert len(entries) == 2
    assert _current(at).targets == ("the Iran nuclear deal", "Peace talks")
    assert any(
        b.label == "Download the whole library (ZIP)"
        for b in _goto(at, "pages/library.py").get("download_button")
    )
    # Delete needs the confirmation first.
    at.selectbox(key="library_choice").set_value(seed_id).run()
    assert at.button(key="library_delete").disabled
    at.checkbox(key=f"library_confirm_{seed_id}").check().run()
    at.button(key="library_delete").click().run()
    _assert_clean(at)
    assert seed_id not in set(_library().entries()["id"])


def test_compare_page_lines_up_actors_of_two_articles():
    at = _app()
    _upload(at)
    _goto(at, "pages/compare.py")
    assert [t.value for t in at.title] == ["Compare articles"]
    ids = list(_library().entries()["id"])
    at.multiselect(key="compare_articles").set_value(ids).run()
    _assert_clean(at)
    charts = _charts(at)
    assert len(charts) == 2
    actors = at.dataframe[0].value
    assert set(actors["article"].nunique() for _ in [0]) == {2}
    assert {"Elizabeth Warren", "Jane Roe"} <= set(actors["group"])
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("HTML") == 2 and labels.count("CSV") == 2


def test_corpus_page_shows_every_article_by_actor_party_and_outlet():
    at = _app()
    _upload(at)
    _goto(at, "pages/corpus.py")
    assert [t.value for t in at.title] == ["Corpus"]
    assert at.selectbox(key="corpus_target").value == SEED_TARGET
    assert len(_charts(at)) == 4
    statements = at.dataframe[2].value
    assert statements["analysis_id"].nunique() == 2
    at.sidebar.multiselect(key="corpus_speakers").set_value(["Elizabeth Warren"]).run()
    _assert_clean(at)
    assert set(at.dataframe[2].value["speaker_label"]) == {"Elizabeth Warren"}
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("HTML") == 4 and labels.count("CSV") == 3
    warren = at.dataframe[2].value
    at.sidebar.multiselect(key="corpus_types").set_value(["quote"]).run()
    _assert_clean(at)
    quotes = at.dataframe[2].value
    assert set(quotes["statement_type"]) == {"quote"} and set(quotes["kind"]) == {"direct"}
    assert 0 < len(quotes) <= len(warren)
