"""Streamlit-only glue shared by ``dashboard.py`` and ``pages/``.

Cached models and analyses, the session-state keys every page reads, the sidebar filters that
follow the analyst across pages, corrections, and the download widgets. ``analysis/`` never
imports Streamlit; this module is the only bridge.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import aggregate, chart_export, charts
from analysis.export import safe_csv

PROJECT_ROOT = Path(__file__).resolve().parent
SEED_PATH = PROJECT_ROOT / "seeds" / "000_e0fae7b1ce5278b9.txt"
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"

# Session-state keys (plain keys, read by every page).
CURRENT = "current_analysis"
"""The library id (int) of the analysis the pages show; mirrored in the URL (``?analysis=``) so a reload
of the browser tab comes back to it."""
QUERY_KEY = "analysis"
ARTICLE_PICKER = "article_picker"
"""The sidebar widget that mirrors CURRENT."""
TARGETS_TEXT = "targets_text"
FILTER_SPEAKERS = "filter_speakers"
FILTER_PARTIES = "filter_parties"
FILTER_MIN = "filter_min_statements"
FILTER_UNATTRIBUTED = "filter_include_unattributed"
FILTER_TARGET = "filter_target"
FILTER_TYPES = "filter_statement_types"
SELECTED_ACTORS = "selected_actors"
"""Actors picked by clicking a chart; they follow the analyst across pages until cleared."""
LAST_RUN = "last_run"
"""A short note on the last Analyse press (articles, seconds, which came from the library)."""
MAX_PICKER_ENTRIES = 300
"""Library entries offered in the sidebar's article switcher (the Library page lists them all)."""


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=^&\"'])")


def md(text: object) -> str:
    """Text from an article or a user, made inert for Streamlit Markdown (captions, alerts, headers).

    Every Markdown/HTML punctuation character is backslash-escaped (no links, images, HTML, math or
    emoji shortcodes can form) and line breaks become spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# --------------------------------------------------------------------------- models


@st.cache_resource(show_spinner=False)
def _model_loader(fingerprint: str):
    from analysis.models import BackgroundLoad, load_settings

    return BackgroundLoad(load_settings())


def start_model_loading() -> None:
    """Start loading the models in the background (once per server process and settings)."""
    _model_loader(model_fingerprint())


def models_ready() -> bool:
    return _model_loader(model_fingerprint()).ready


def model_status() -> None:
    """A one-line status of the models in the sidebar while they load (nothing once they are ready)."""
    loader = _model_loader(model_fingerprint())
    if loader.failed is not None:
        st.sidebar.error(f"The models could not be loaded: {md(loader.failed)}")
    elif not loader.ready:
        st.sidebar.caption(
            ":material/hourglass_top: Loading the models in the background; stored analyses open meanwhile."
        )


def scorers():
    """The models, loaded once per process and per settings; waits for the background load."""
    return _model_loader(model_fingerprint()).result()


def model_fingerprint() -> str:
    from analysis.models import load_settings

    return load_settings().fingerprint


# --------------------------------------------------------------------------- the library


@st.cache_resource(show_spinner=False)
def _library(path: str):
    from analysis.store import Library

    return Library(path)


def library():
    """The library file named by STANCESCOPE_DATA (default ``data/library.sqlite3``), shared by every session."""
    from analysis.store import default_path

    return _library(str(default_path()))


@st.cache_data(show_spinner=False, max_entries=64)
def _stored(path: str, analysis_id: int, analysed_at: str):
    return _library(path).load(analysis_id)


def stored(analysis_id: int):
    """A stored analysis (cached per id and analysis time, so a re-analysis is never served stale)."""
    from analysis.store import default_path

    entries = library_entries()
    row = entries.loc[entries["id"] == int(analysis_id)]
    if row.empty:
        from analysis.store import LibraryError

        raise LibraryError(f"There is no analysis #{analysis_id} in the library (it may have been deleted).")
    return _stored(str(default_path()), int(analysis_id), str(row["analysed_at"].iloc[0]))


def library_entries() -> pd.DataFrame:
    return library().entries()


@st.cache_data(show_spinner="Reading the corpus from the library…", max_entries=8)
def _corpus_table(path: str, target: str, version: str) -> pd.DataFrame:
    from analysis.corpus import corpus_statements

    return corpus_statements(library=_library(path), target=target)


def corpus_table(target: str) -> pd.DataFrame:
    """Every stored statement toward ``target`` with its article (cached until the library changes)."""
    from analysis.store import default_path

    return _corpus_table(str(default_path()), target, library().version())


def run_analysis(*, article, targets: Sequence[str], label: str = "") -> tuple[int, bool]:
    """Analyse one article with a progress bar and keep it in the library; ``(id, came_from_library)``.

    An article already analysed with the same targets and models is opened from the library instead."""
    from analysis.pipeline import analyze, clean_targets

    cleaned = clean_targets(targets=targets)
    fingerprint = model_fingerprint()
    found = library().find(sha256=article.sha256, targets=cleaned, fingerprint=fingerprint)
    if found is not None:
        return found, True
    name = md(label or Path(article.source_name).name)
    bar = st.progress(0.0, text=f"{name}: starting")
    loader = _model_loader(fingerprint)
    if not loader.ready and loader.failed is None:
        bar.progress(0.0, text=f"{name}: waiting for the models to finish loading")

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(1.0, max(0.0, float(fraction))), text=f"{name}: {md(message)}")

    analysis = analyze(article=article, targets=cleaned, scorers=scorers(), progress=progress)
    bar.empty()
    return library().save(analysis, fingerprint=fingerprint), False


def open_analysis(analysis_id: int) -> None:
    """Show this analysis on every page, and remember it in the URL for a reload."""
    st.session_state[CURRENT] = int(analysis_id)
    st.query_params[QUERY_KEY] = str(int(analysis_id))


def ensure_seed() -> None:
    """A session's first load: the analysis named in the URL, else the newest in the library, else the seed
    article, analysed (and stored) now, so every page works without an upload."""
    if st.session_state.get(CURRENT) is not None:
        return
    wanted = st.query_params.get(QUERY_KEY, "")
    entries = library_entries()
    if wanted.isdigit() and int(wanted) in set(entries["id"]):
        open_analysis(int(wanted))
        return
    if not entries.empty:
        open_analysis(int(entries["id"].iloc[0]))
        return
    from analysis.models import ModelError
    from analysis.pipeline import AnalysisError
    from analysis.reading import ArticleError, read_path
    from analysis.store import LibraryError

    st.session_state.setdefault(TARGETS_TEXT, SEED_TARGET)
    placeholder = st.empty()
    try:
        article = read_path(SEED_PATH)
        with placeholder.container():
            analysis_id, _ = run_analysis(article=article, targets=[SEED_TARGET], label="Seed article")
    except (ArticleError, AnalysisError, ModelError, LibraryError) as error:
        placeholder.empty()
        st.error(f"The seed article could not be analysed: {md(error)}")
        return
    placeholder.empty()
    open_analysis(analysis_id)


def current_id() -> int | None:
    value = st.session_state.get(CURRENT)
    return int(value) if value is not None else None


def current_analysis():
    """The analysis the pages show, or ``None`` (with an explanation on the page).

    If it was deleted (in another session, say), the newest one in the library takes its place."""
    from analysis.store import LibraryError

    analysis_id = current_id()
    if analysis_id is not None:
        try:
            return stored(analysis_id).analysis
        except LibraryError:
            pass
    entries = library_entries()
    if entries.empty:
        st.session_state[CURRENT] = None
        return None
    open_analysis(int(entries["id"].iloc[0]))
    return stored(int(entries["id"].iloc[0])).analysis


def require_analysis():
    analysis = current_analysis()
    if analysis is None:
        st.info(
            "The library is empty. Open the **Article** page, upload or paste an article, and press Analyse."
        )
        st.stop()
    return analysis


# --------------------------------------------------------------------------- corrections


def corrections_for(analysis) -> dict[int, dict]:
    """The analyst's corrections of this article (by content hash: they survive a re-analysis)."""
    return library().corrections(analysis.article.sha256)


def set_correction(analysis, *, statement_id: int, change: Mapping[str, str | None]) -> None:
    library().set_correction(sha256=analysis.article.sha256, statement_id=int(statement_id), change=change)


def clear_corrections(analysis) -> None:
    library().clear_corrections(analysis.article.sha256)


def resolve_party(*, name: str, article_date) -> tuple[str | None, str | None]:
    """The party for a corrected speaker, from the attribution module's party table if it has one."""
    try:
        from analysis.attribution import resolve_party as resolve
    except ImportError:
        return None, None
    try:
        return resolve(name=name, article_date=article_date)
    except Exception:  # a lookup failure must not break a correction
        return None, None


def corrected_statements(analysis) -> pd.DataFrame:
    return aggregate.apply_corrections(analysis.statements, corrections=corrections_for(analysis))


def statement_table(analysis) -> pd.DataFrame:
    """One row per statement and target, corrections applied."""
    return aggregate.statement_stances(corrected_statements(analysis), analysis.stances)


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    speakers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    min_statements: int = 1
    include_unattributed: bool = True
    target: str = ""
    selection: tuple[str, ...] = field(default_factory=tuple)
    types: tuple[str, ...] = ()

    def note(self) -> str:
        return charts.describe_filter(
            speakers=self.speakers,
            parties=self.parties,
            types=self.types,
            min_statements=self.min_statements,
            include_unattributed=self.include_unattributed,
            selection=self.selection,
        )

    def apply(
        self, table: pd.DataFrame, *, all_targets: bool = False, with_selection: bool = True
    ) -> pd.DataFrame:
        """The statements this filter keeps; with the chart selection (actors clicked) unless told not to."""
        filtered = aggregate.filter_statements(
            table,
            speakers=self.speakers or None,
            parties=self.parties or None,
            targets=None if all_targets or not self.target else [self.target],
            min_statements=self.min_statements,
            include_unattributed=self.include_unattributed,
            types=self.types or None,
        )
        if with_selection and self.selection:
            filtered = filtered.loc[filtered["speaker_label"].isin(self.selection)]
        return filtered

    def without_selection(self) -> Filters:
        return replace(self, selection=())


# --------------------------------------------------------------------------- chart selection (evidence)


def selected_actors() -> tuple[str, ...]:
    return tuple(st.session_state.get(SELECTED_ACTORS) or ())


RUN_COUNTER = "_script_runs"


def begin_run() -> None:
    """Count script runs, so a chart can tell a rerun of its page from a first render after a page switch."""
    st.session_state[RUN_COUNTER] = st.session_state.get(RUN_COUNTER, 0) + 1


def follow_actor_clicks(event: object, *, chart_key: str) -> None:
    """Keep the actors clicked in an actor chart as the selection every page follows.

    Streamlit replays a chart's last selection on every rerun, so only a change counts: a new click sets
    the selection, and clearing the chart (double-click) clears it. A chart drawn afresh (its page was just
    opened: Streamlit forgot its widget state) comes with an empty selection that is not a clear."""
    picked = tuple(charts.selected_values(event))
    seen_key = f"_last_selection_{chart_key}"
    drawn_key = f"_drawn_in_run_{chart_key}"
    this_run = st.session_state.get(RUN_COUNTER, 0)
    fresh = st.session_state.get(drawn_key) != this_run - 1
    st.session_state[drawn_key] = this_run
    if fresh and not picked:
        st.session_state[seen_key] = ()
        return
    if picked == tuple(st.session_state.get(seen_key, ())):
        return
    st.session_state[seen_key] = picked
    st.session_state[SELECTED_ACTORS] = picked
    st.rerun()


ACTOR_CHART_KEYS = ("actor_chart", "glance_actor_chart")


def clear_selection() -> None:
    st.session_state[SELECTED_ACTORS] = ()
    for key in ACTOR_CHART_KEYS:  # the charts forget their highlighted bars too
        for state_key in (key, f"_last_selection_{key}"):
            if state_key in st.session_state:
                del st.session_state[state_key]


def evidence(table: pd.DataFrame, *, key: str) -> None:
    """The statements behind the selected actors: quote, score, label, paragraph; with downloads."""
    chosen = selected_actors()
    if not chosen:
        return
    rows = table.loc[table["speaker_label"].isin(chosen)]
    st.markdown(f"**Evidence** · {md(', '.join(chosen))}: {rows['id'].nunique()} statement(s)")
    view = rows.assign(paragraph=lambda t: t["paragraph"] + 1)[
        [
            "speaker_label",
            "party_label",
            "paragraph",
            "statement_type",
            "text",
            "stance",
            "stance_label",
            "target",
        ]
    ].rename(
        columns={
            "speaker_label": "speaker",
            "party_label": "party",
            "statement_type": "type",
            "text": "quote",
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        key=f"{key}_evidence",
        column_config={
            "paragraph": st.column_config.NumberColumn(
                "¶", help="Paragraph number in the article (1 = first)"
            ),
            "stance": st.column_config.NumberColumn("stance", format="%+.2f"),
        },
    )
    table_downloads(view, name="evidence", key=f"{key}-evidence")


def _picked_article() -> None:
    open_analysis(int(st.session_state[ARTICLE_PICKER]))


def entry_labels(entries: pd.DataFrame) -> dict[int, str]:
    """A distinct name per library entry for pickers: title or first words, the targets, duplicates told apart."""
    from analysis.reading import display_name

    labels: dict[int, str] = {}
    for entry in entries.itertuples(index=False):
        name = display_name(
            title=entry.title,
            text=getattr(entry, "opening", None) or "",
            source_name=Path(str(entry.source)).name,
        )
        base = f"{name if len(name) <= 60 else name[:59] + '…'} · {'; '.join(entry.targets)[:40]}"
        labels[int(entry.id)] = display_name(title=base, text="", source_name=base, taken=labels.values())
    return labels


def _keep_valid(key: str, options: Sequence[str]) -> None:
    """Drop remembered choices that the current article does not have (a widget would refuse them)."""
    if key in st.session_state:
        value = st.session_state[key]
        if isinstance(value, list | tuple):
            st.session_state[key] = [v for v in value if v in options]
        elif value not in options:
            del st.session_state[key]


def _filter_choice(
    label: str, options: list[str], key: str, placeholder: str, *, help: str | None = None
) -> list:
    """A sidebar multiselect whose choice persists across pages, minus what this article does not have."""
    _keep_valid(key, options)
    return st.multiselect(
        label, options, key=key, placeholder=placeholder, help=help, persist_state="session"
    )


def sidebar(analysis, table: pd.DataFrame, *, show_target: bool = True) -> Filters:
    """The article switcher and the filters, in the sidebar; values persist across pages."""
    with st.sidebar:
        model_status()
        entries = library_entries().head(MAX_PICKER_ENTRIES)
        labels = entry_labels(entries)
        if len(labels) > 1 and current_id() in labels:
            # A plain key (CURRENT) holds the choice; the widget mirrors it, so a page switch or a
            # new analysis (which sets CURRENT) never loses or fights the choice.
            st.session_state[ARTICLE_PICKER] = current_id()
            st.selectbox(
                "Article shown",
                list(labels),
                key=ARTICLE_PICKER,
                format_func=lambda k: labels.get(k, str(k)),
                on_change=_picked_article,
            )
        st.caption(f"**{md(_article_label(analysis))}**")
        targets = list(analysis.targets)
        _keep_valid(FILTER_TARGET, targets)
        target = targets[0]
        if show_target and len(targets) > 1:
            target = st.selectbox("Stance target", targets, key=FILTER_TARGET, persist_state="session")
        elif FILTER_TARGET in st.session_state:
            target = st.session_state[FILTER_TARGET]
        st.subheader("Filter statements")
        speakers = sorted(table["speaker_label"].unique()) if not table.empty else []
        chosen_speakers = _filter_choice(
            "Speakers", speakers, FILTER_SPEAKERS, "All speakers (type to search)"
        )
        chosen_parties = _filter_choice(
            "Parties",
            sorted(table["party_label"].unique()) if not table.empty else [],
            FILTER_PARTIES,
            "All parties",
        )
        chosen_types = _filter_choice(
            "Statement types",
            aggregate.types_present(table),
            FILTER_TYPES,
            "All types",
            help='Quotes, reported speech, reported beliefs ("X believes that ...") and announced plans, '
            'promises or positions ("X vowed to ...", "X has backed ...").',
        )
        minimum = st.number_input(
            "Min. statements per actor",
            min_value=1,
            max_value=50,
            step=1,
            key=FILTER_MIN,
            persist_state="session",
        )
        include = st.checkbox(
            "Include unattributed statements", value=True, key=FILTER_UNATTRIBUTED, persist_state="session"
        )
        selection = tuple(name for name in selected_actors() if name in speakers)
        if selection:
            st.info(md(f"Chart selection: {', '.join(selection)}"), icon=":material/ads_click:")
            st.button("Clear the chart selection", key="clear_selection", on_click=clear_selection)
    return Filters(
        speakers=tuple(chosen_speakers),
        parties=tuple(chosen_parties),
        min_statements=int(minimum),
        include_unattributed=bool(include),
        target=target,
        selection=selection,
        types=tuple(chosen_types),
    )


def _article_label(analysis) -> str:
    from analysis.reading import display_name

    article = analysis.article
    title = display_name(title=article.title, text=article.text, source_name=Path(article.source_name).name)
    return title if len(title) <= 70 else title[:69] + "…"


def source_line(analysis) -> str:
    """Article title (or file name) and date, for captions and chart subtitles."""
    article = analysis.article
    date = f", {article.date.isoformat()}" if article.date else ""
    return f"{_article_label(analysis)}{date}"


# --------------------------------------------------------------------------- figures of a filter


def colours_for(table: pd.DataFrame) -> dict[str, str]:
    """Speaker colours from the whole (unfiltered) table, so a speaker keeps its colour under any filter."""
    return charts.speaker_colours(table["speaker_label"].unique() if not table.empty else [])


def party_colours_for(table: pd.DataFrame) -> dict[str, str]:
    """Party colours from the whole (unfiltered) table, so an unusual party keeps its colour under any filter."""
    return charts.party_colours(table["party_label"].unique() if not table.empty else [])


def report_contents(
    analysis, filters: Filters, *, table: pd.DataFrame | None = None
) -> tuple[dict[str, go.Figure], dict[str, pd.DataFrame], int]:
    """Every chart and table of the current filter (all targets), for the ZIP report.

    ``table`` is the corrected statement table (default: this session's, see :func:`statement_table`).
    """
    table = statement_table(analysis) if table is None else table
    colours = colours_for(table)
    party_colours = party_colours_for(table)
    filtered = filters.apply(table, all_targets=True)
    note, source = filters.note(), source_line(analysis)
    paragraphs = aggregate.paragraph_stances(analysis.paragraphs, analysis.stances)
    figures: dict[str, go.Figure] = {}
    for number, target in enumerate(analysis.targets, 1):
        rows = filtered.loc[filtered["target"] == target]
        actors = aggregate.actor_summary(rows)
        parties = aggregate.party_summary(rows)
        suffix = f"target{number}" if len(analysis.targets) > 1 else "target"
        figures[f"stance-by-actor-{suffix}"] = charts.stance_by_actor(
            actors, target=target, note=note, source=source
        )
        figures[f"sentiment-vs-stance-{suffix}"] = charts.sentiment_vs_stance(
            rows, target=target, colours=colours, note=note, source=source, party_colour_map=party_colours
        )
        figures[f"stance-by-party-{suffix}"] = charts.stance_by_party(
            rows, parties, target=target, note=note, source=source, party_colour_map=party_colours
        )
        figures[f"actors-by-party-{suffix}"] = charts.actors_by_party(
            actors, target=target, note=note, source=source
        )
        figures[f"along-the-article-{suffix}"] = charts.article_timeline(
            paragraphs,
            rows,
            target=target,
            note=note,
            source=source,
            colours=colours,
            party_colour_map=party_colours,
        )
    if len(analysis.targets) > 1:
        figures["party-by-target-heatmap"] = charts.party_target_heatmap(
            aggregate.party_summary(filtered), note=note, source=source, targets=analysis.targets
        )
    tables = {
        "statements": filtered,
        "actors": aggregate.actor_summary(filtered),
        "parties": aggregate.party_summary(filtered),
        "paragraphs": paragraphs,
    }
    return figures, tables, int(filtered["id"].nunique()) if not filtered.empty else 0


# --------------------------------------------------------------------------- downloads


@st.cache_resource
def exporter() -> chart_export.ImageExporter:
    """The one warm image exporter of this server process."""
    return chart_export.shared_exporter()


def chart_downloads(fig: go.Figure, *, name: str, key: str) -> None:
    """PNG/SVG/PDF (generated on click, via the warm exporter) and standalone HTML for one chart."""
    base = chart_export.sanitise_filename(name, fallback="chart")
    image_exporter = exporter()
    with st.container(horizontal=True, gap="small"):
        for fmt in ("png", "svg", "pdf"):
            if image_exporter.available:
                st.download_button(
                    fmt.upper(),
                    data=_image_callable(fig, fmt),
                    file_name=f"{base}.{fmt}",
                    mime=chart_export.IMAGE_FORMATS[fmt],
                    key=f"{key}-{fmt}",
                    on_click="ignore",
                    icon=":material/download:",
                )
            else:
                st.button(
                    fmt.upper(), key=f"{key}-{fmt}", disabled=True, help=image_exporter.unavailable_reason
                )
        st.download_button(
            "HTML",
            data=lambda: chart_export.figure_html(fig),
            file_name=f"{base}.html",
            mime=chart_export.HTML_MIME,
            key=f"{key}-html",
            on_click="ignore",
            icon=":material/download:",
        )
    if not image_exporter.available:
        st.caption("PNG/SVG/PDF unavailable: " + image_exporter.unavailable_reason)


def _image_callable(fig: go.Figure, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        result = chart_export.figure_image(fig, fmt=fmt, exporter=exporter())
        if not result.ok:
            raise RuntimeError(result.message)
        return result.data

    return make


def table_downloads(table: pd.DataFrame, *, name: str, key: str) -> None:
    """CSV (spreadsheet-safe) and JSON of a table."""
    base = chart_export.sanitise_filename(name, fallback="table")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "CSV",
            data=safe_csv(table).encode("utf-8"),
            file_name=f"{base}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "JSON",
            data=chart_export.table_json(table),
            file_name=f"{base}.json",
            mime="application/json",
            key=f"{key}-json",
            on_click="ignore",
            icon=":material/download:",
        )


def report_bytes(
    analysis,
    filters: Filters,
    *,
    table: pd.DataFrame,
    exporter: chart_export.ImageExporter | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> bytes:
    """The ZIP report of the current filter: charts, tables and a README (models, targets, date)."""
    chart_map, tables, count = report_contents(analysis, filters, table=table)
    article = analysis.article
    return chart_export.report_zip(
        charts=chart_map,
        tables=tables,
        exporter=exporter,
        progress=progress,
        readme_fields=dict(
            title=article.title,
            source=Path(article.source_name).name,
            sha256=article.sha256,
            article_date=article.date.isoformat() if article.date else None,
            targets=analysis.targets,
            models=analysis.models,
            filter_note=filters.note(),
            statements=count,
            elapsed_s=analysis.elapsed_s,
        ),
    )


REPORT = "report_zip"
"""(key, bytes) of the last report built in this session, so a download does not rebuild it."""


def report_download(analysis, filters: Filters, *, key: str = "report") -> None:
    """Build the ZIP of every chart and table of the current filter (with a progress bar), then download it."""
    import hashlib

    table = statement_table(analysis)
    corrections = corrections_for(analysis)
    report_key = hashlib.sha256(
        repr((analysis.article.sha256, analysis.targets, filters, sorted(corrections.items()))).encode()
    ).hexdigest()
    built = st.session_state.get(REPORT)
    if built is None or built[0] != report_key:
        # A head start: the chart images render in the background while the analyst reads the page, so the
        # click below mostly finds them cached (the images are most of a report's time).
        image_exporter = exporter()
        image_exporter.prefetch(
            report_key,
            lambda: list(report_contents(analysis, filters, table=table)[0].values()),
        )
        if st.button(
            "Prepare report (ZIP)",
            key=f"{key}-prepare",
            icon=":material/folder_zip:",
            help="All charts (HTML, and PNG when Chromium is available) and tables (CSV, JSON) of the current "
            "filter, with a README of the models, targets and date.",
        ):
            bar = st.progress(0.0, text="Preparing the report")
            started = time.perf_counter()

            def progress(fraction: float, message: str) -> None:
                bar.progress(min(1.0, max(0.0, fraction)), text=md(message))

            data = report_bytes(analysis, filters, table=table, exporter=exporter(), progress=progress)
            bar.empty()
            st.session_state[REPORT] = (report_key, data, time.perf_counter() - started)
            built = st.session_state[REPORT]
        else:
            return
    stem = chart_export.sanitise_filename(Path(analysis.article.source_name).stem, fallback="article")
    st.download_button(
        "Download report (ZIP)",
        data=built[1],
        file_name=f"stancescope-report-{stem}.zip",
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/download:",
        help=f"Built in {built[2]:.1f} s for the current filter; a change of filter prepares a new one.",
    )
