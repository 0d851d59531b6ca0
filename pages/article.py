"""Article page: upload, paste or seed; stance targets; Analyse; the highlighted article; corrections."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

import app_state as state
from analysis import aggregate, charts, highlight
from analysis.models import ModelError
from analysis.pipeline import MAX_TARGETS, AnalysisError, clean_targets
from analysis.reading import MAX_UPLOAD_BYTES, SUPPORTED_SUFFIXES, ArticleError, display_name, read_article
from analysis.store import LibraryError

KEEP, NOBODY, OTHER = "(keep as is)", "(unattributed)", "(other: type below)"


CORRECTION_NOTICE = "correction_notice"


def _correction_change(*, sha: str, article_date) -> tuple[dict[str, str | None], str | None]:
    """The change the correction form asks for, or a message saying what is missing."""
    key = sha[:16]
    speaker_choice = st.session_state.get(f"correct_speaker_{key}", KEEP)
    party_choice = st.session_state.get(f"correct_party_{key}", LOOKUP)
    change: dict[str, str | None] = {}
    if speaker_choice == NOBODY:
        change["speaker"] = None
    elif speaker_choice == OTHER:
        name = " ".join(str(st.session_state.get(f"correct_speaker_other_{key}", "")).split())
        if not name:
            return {}, "Type the other speaker's name, or pick one from the list."
        change["speaker"] = name
    elif speaker_choice != KEEP:
        change["speaker"] = speaker_choice
    if party_choice == NO_PARTY:
        change["party"] = None
    elif party_choice == OTHER:
        party = " ".join(str(st.session_state.get(f"correct_party_other_{key}", "")).split())
        if not party:
            return {}, "Type the other party, or pick one from the list."
        change["party"], change["party_source"] = party, "analyst"
    elif party_choice != LOOKUP:
        change["party"], change["party_source"] = party_choice, "analyst"
    elif change.get("speaker"):
        party, source = state.resolve_party(name=change["speaker"], article_date=article_date)
        change["party"], change["party_source"] = party, source
    return change, None


def _apply_correction(*, built_for: str, statement_ids: tuple[int, ...]) -> None:
    """The form's submit callback: refuses a form built for another article than the one shown now."""
    shown = state.current_analysis()
    statement_id = st.session_state.get(f"correct_statement_{built_for[:16]}")
    if shown is None or shown.article.sha256 != built_for or statement_id not in statement_ids:
        st.session_state[CORRECTION_NOTICE] = (
            "error",
            "This correction form was built for another article than the one shown now, so nothing was "
            "changed. Pick the statement again below.",
        )
        return
    change, problem = _correction_change(sha=built_for, article_date=shown.article.date)
    if problem:
        st.session_state[CORRECTION_NOTICE] = ("error", problem)
    elif not change:
        st.session_state[CORRECTION_NOTICE] = ("info", "Nothing to change: pick a speaker or a party.")
    else:
        state.set_correction(shown, statement_id=int(statement_id), change=change)


def _speaker_name(speaker: object) -> str:
    """A speaker for a label: "(unattributed)" for a missing one (pandas gives None or NaN)."""
    return str(speaker) if isinstance(speaker, str) and speaker.strip() else aggregate.UNATTRIBUTED


LOOKUP, NO_PARTY = "(keep, or look up for a new speaker)", "(no party)"
COMMON_PARTIES = ("Democratic", "Republican", "Independent")

st.title("Article")
st.caption("Upload or paste a news article, name one or more stance targets, and press Analyse.")

st.session_state.setdefault(state.TARGETS_TEXT, state.SEED_TARGET)
with st.form("analyse_form"):
    upload_column, paste_column = st.columns(2)
    with upload_column:
        uploads = st.file_uploader(
            "Upload article files",
            type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
            accept_multiple_files=True,
            help=f"{', '.join(SUPPORTED_SUFFIXES)}; up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB each. "
            "Several files are analysed one after the other.",
        )
    with paste_column:
        pasted = st.text_area("…or paste the article text", height=120, key="pasted_text")
    targets_text = st.text_area(
        f"Stance targets (one per line, up to {MAX_TARGETS})",
        key=state.TARGETS_TEXT,
        height=80,
        persist_state="session",
    )
    use_seed = st.checkbox("Analyse the built-in seed article instead", key="use_seed")
    submitted = st.form_submit_button("Analyse", type="primary", icon=":material/play_arrow:")


def _sources() -> list[tuple[str, bytes]]:
    if use_seed:
        return [(state.SEED_PATH.name, state.SEED_PATH.read_bytes())]
    if uploads:
        return [(upload.name, upload.getvalue()) for upload in uploads]
    if pasted and pasted.strip():
        return [(PASTED, pasted.encode("utf-8"))]
    return []


PASTED = "pasted text"


if submitted:
    sources = _sources()
    try:
        targets = clean_targets(targets=targets_text.splitlines())
    except AnalysisError as error:
        st.error(state.md(error))
        targets = ()
    if not sources:
        st.error("Nothing to analyse: upload a file, paste text, or tick the seed article.")
    if sources and targets:
        started = time.perf_counter()
        analysed: list[str] = []
        reopened: list[str] = []
        first: int | None = None
        for name, data in sources:
            try:
                article = read_article(data=data, name=name)
                if name == PASTED:  # name a paste by its title or first words, not "pasted text"
                    article = replace(
                        article,
                        source_name=display_name(title=article.title, text=article.text, source_name=name),
                    )
                analysis_id, from_library = state.run_analysis(article=article, targets=targets, label=name)
            except (ArticleError, AnalysisError, ModelError, LibraryError) as error:
                st.error(state.md(error))
                continue
            first = analysis_id if first is None else first
            label = Path(article.source_name).name
            if from_library:
                reopened.append(label)
            else:
                analysed.append(f"{label} ({state.stored(analysis_id).analysis.elapsed_s:.1f} s)")
        if first is not None:
            state.open_analysis(first)
            notes = []
            if analysed:
                notes.append(f"Analysed {', '.join(analysed)}; {time.perf_counter() - started:.1f} s in all.")
            if reopened:
                notes.append(
                    f"Opened from the library (already analysed with these targets and models, "
                    f"nothing recomputed): {', '.join(reopened)}."
                )
            st.session_state[state.LAST_RUN] = " ".join(notes)

analysis = state.current_analysis()
if analysis is None:
    st.info("No article analysed yet: upload or paste one above and press Analyse.")
    st.stop()

table = state.statement_table(analysis)
filters = state.sidebar(analysis, table)
statements = state.corrected_statements(analysis)

if st.session_state.get(state.LAST_RUN):
    st.success(state.md(st.session_state[state.LAST_RUN]))
article = analysis.article
st.subheader(state.md(state.source_line(analysis)))
st.caption(
    state.md(
        f"Source: {Path(article.source_name).name} · {article.source_format}, {article.encoding} · "
        f"targets: {'; '.join(analysis.targets)}"
    )
)
speakers = statements["speaker"].dropna().nunique() if not statements.empty else 0
c1, c2, c3, c4 = st.columns(4)
c1.metric("Paragraphs", len(analysis.paragraphs))
c2.metric("Statements", len(statements))
c3.metric("Named speakers", int(speakers))
c4.metric("Analysis time", f"{analysis.elapsed_s:.1f} s")
for warning in analysis.warnings:
    st.warning(state.md(warning))

highlighted_tab, glance_tab, statements_tab = st.tabs(
    ["Highlighted article", "At a glance", "Statements and corrections"]
)

with highlighted_tab:
    filtered = filters.apply(table, all_targets=True)
    colours = state.colours_for(table)
    shown_ids = sorted(filtered["id"].unique().tolist()) if not filtered.empty else []
    st.caption(
        state.md(f"{filters.note()}: {len(shown_ids)} of {len(statements)} statements highlighted.")
        + " Hover a highlight for its speaker, party, sentiment and stance."
    )
    counts = statements["speaker"].fillna(aggregate.UNATTRIBUTED).value_counts().to_dict()
    shown_colours = {name: colour for name, colour in colours.items() if name in counts}
    st.html(highlight.legend_html(colours=shown_colours, counts=counts))
    st.html(
        highlight.highlight_html(
            text=article.text,
            statements=statements,
            stances=analysis.stances,
            colours=colours,
            selected_ids=shown_ids,
        )
    )

with glance_tab:
    filtered_target = filters.apply(table)
    source = state.source_line(analysis)
    left, right = st.columns(2)
    with left:
        actor_fig = charts.stance_by_actor(
            aggregate.actor_summary(filters.apply(table, with_selection=False)),
            target=filters.target,
            note=filters.without_selection().note(),  # a figure that changes would drop the click
            source=source,
        )
        glance_event = st.plotly_chart(
            actor_fig,
            key="glance_actor_chart",
            on_select="rerun",
            selection_mode=("points", "box", "lasso"),
            theme=None,
            config={"displaylogo": False},
        )
        state.chart_downloads(actor_fig, name=f"stance-by-actor-{filters.target}", key="dl-glance-actor")
        state.follow_actor_clicks(glance_event, chart_key="glance_actor_chart")
    with right:
        party_fig = charts.stance_by_party(
            filtered_target,
            aggregate.party_summary(filtered_target),
            target=filters.target,
            note=filters.note(),
            source=source,
            party_colour_map=state.party_colours_for(table),
        )
        st.plotly_chart(party_fig, key="glance_party_chart", theme=None, config={"displaylogo": False})
        state.chart_downloads(party_fig, name=f"stance-by-party-{filters.target}", key="dl-glance-party")
    state.evidence(filtered_target, key="glance")

with statements_tab:
    view = aggregate.with_rule_labels(statements).assign(
        speaker=lambda t: t["speaker"].fillna(aggregate.UNATTRIBUTED),
        party=lambda t: t["party"].fillna(aggregate.NO_PARTY),
        type=aggregate.statement_types,
    )[["id", "paragraph", "type", "speaker", "party", "text", "sentiment", "sentiment_label", "corrected"]]
    st.dataframe(view, hide_index=True, width="stretch", key="article_statements")
    state.table_downloads(view, name=f"{article.source_name}-statements", key="article-statements")

    st.markdown("#### Correct a speaker or party")
    if statements.empty:
        st.caption("There are no statements to correct.")
    else:
        known_speakers = sorted(statements["speaker"].dropna().unique().tolist())
        known_parties = sorted(set(COMMON_PARTIES) | set(statements["party"].dropna().unique().tolist()))
        labels = {
            int(row.id): f"#{int(row.id)} · {_speaker_name(row.speaker)}: {row.text[:70]}"
            for row in statements.itertuples(index=False)
        }
        # Every widget of the form is keyed by the article it was built for, and the submit callback checks
        # that this article is still the one shown: a form left over from another article can never change
        # this one's statements.
        form_key = article.sha256[:16]
        with st.form(f"correction_form_{form_key}", clear_on_submit=True):
            st.selectbox(
                "Statement", list(labels), format_func=labels.get, key=f"correct_statement_{form_key}"
            )
            st.selectbox("Speaker", [KEEP, NOBODY, *known_speakers, OTHER], key=f"correct_speaker_{form_key}")
            st.text_input("Other speaker's name", key=f"correct_speaker_other_{form_key}", max_chars=120)
            st.selectbox("Party", [LOOKUP, NO_PARTY, *known_parties, OTHER], key=f"correct_party_{form_key}")
            st.text_input("Other party", key=f"correct_party_other_{form_key}", max_chars=60)
            st.form_submit_button(
                "Apply correction",
                on_click=_apply_correction,
                kwargs={"built_for": article.sha256, "statement_ids": tuple(labels)},
            )
        notice = st.session_state.pop(CORRECTION_NOTICE, None)
        if notice:
            kind, message = notice
            (st.error if kind == "error" else st.info)(message)

    corrections = state.corrections_for(analysis)
    if corrections:
        st.caption(f"{len(corrections)} correction(s) applied; every chart and export follows them.")
        st.dataframe(
            pd.DataFrame(
                [
                    {"statement": sid, **{k: v for k, v in change.items()}}
                    for sid, change in corrections.items()
                ]
            ),
            hide_index=True,
            key="corrections_table",
        )
        if st.button("Undo all corrections", key="undo_corrections"):
            state.clear_corrections(analysis)
            st.rerun()

with st.sidebar:
    st.divider()
    state.report_download(analysis, filters)
