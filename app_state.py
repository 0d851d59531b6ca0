"""Streamlit-only glue shared by ``dashboard.py`` and ``pages/``.

Cached models and analyses, the session-state keys every page reads, the sidebar filters that
follow the analyst across pages, corrections, and the download widgets. ``analysis/`` never
imports Streamlit; this module is the only bridge.
"""

from __future__ import annotations

import re
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
ANALYSES = "analyses"
MAX_ANALYSES_PER_SESSION = 12
"""Analyses one session keeps (the oldest go first), so a long session's memory stays bounded."""
"""dict[str, Analysis]: every analysed article of this session, by :func:`analysis_key`."""
CURRENT = "current_analysis"
"""The key of the analysis the pages show."""
CORRECTIONS = "corrections"
"""dict[str, dict[int, dict]]: analyst corrections per article (SHA-256 of its bytes), then statement id.

Statements do not depend on the stance targets, so corrections survive re-analysing with new targets."""
ARTICLE_PICKER = "article_picker"
"""The sidebar widget that mirrors CURRENT when the session has several articles."""
TARGETS_TEXT = "targets_text"
FILTER_SPEAKERS = "filter_speakers"
FILTER_PARTIES = "filter_parties"
FILTER_MIN = "filter_min_statements"
FILTER_UNATTRIBUTED = "filter_include_unattributed"
FILTER_TARGET = "filter_target"
LAST_RUN = "last_run"
"""A short note on the last Analyse press (articles, seconds), shown on the Article page."""


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=^&\"'])")


def md(text: object) -> str:
    """Text from an article or a user, made inert for Streamlit Markdown (captions, alerts, headers).

    Every Markdown/HTML punctuation character is backslash-escaped (no links, images, HTML, math or
    emoji shortcodes can form) and line breaks become spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


# --------------------------------------------------------------------------- models and analyses


@st.cache_resource(show_spinner="Loading the sentiment and stance models…")
def _scorers(fingerprint: str):
    from analysis.models import load_scorers, load_settings

    return load_scorers(load_settings())


def scorers():
    """The models, loaded once per process and per settings (env) fingerprint."""
    from analysis.models import load_settings

    return _scorers(load_settings().fingerprint)


def model_fingerprint() -> str:
    from analysis.models import load_settings

    return load_settings().fingerprint


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_analysis(sha256: str, targets: tuple[str, ...], fingerprint: str, _article, _label: str):
    """The analysis, with its own progress bar (created here, so a cache hit replays it as done)."""
    from analysis.pipeline import analyze

    label = md(_label)
    bar = st.progress(0.0, text=f"{label}: starting")

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(1.0, max(0.0, float(fraction))), text=f"{label}: {md(message)}")

    return analyze(article=_article, targets=targets, scorers=scorers(), progress=progress)


def analysis_key(analysis) -> str:
    return f"{analysis.article.sha256[:12]}:{'|'.join(analysis.targets)}"


def run_analysis(*, article, targets: Sequence[str], label: str = ""):
    """Analyse one article with a progress bar; cached by content hash, targets and model fingerprint."""
    from analysis.pipeline import clean_targets

    cleaned = clean_targets(targets=targets)
    analysis = _cached_analysis(
        article.sha256, cleaned, model_fingerprint(), article, label or Path(article.source_name).name
    )
    # The same bytes under another name hit the cache: show this upload's name, not the first one's.
    return analysis if analysis.article == article else replace(analysis, article=article)


def store_analysis(analysis, *, make_current: bool = True) -> str:
    key = analysis_key(analysis)
    analyses = dict(st.session_state.get(ANALYSES, {}))
    analyses.pop(key, None)
    analyses[key] = analysis
    while len(analyses) > MAX_ANALYSES_PER_SESSION:
        analyses.pop(next(iter(analyses)))
    st.session_state[ANALYSES] = analyses
    if make_current:
        st.session_state[CURRENT] = key
    return key


def ensure_seed() -> None:
    """Analyse the seed article on a session's first load so every page works without an upload."""
    if st.session_state.get(ANALYSES):
        return
    from analysis.models import ModelError
    from analysis.pipeline import AnalysisError
    from analysis.reading import ArticleError, read_path

    st.session_state.setdefault(TARGETS_TEXT, SEED_TARGET)
    placeholder = st.empty()
    try:
        article = read_path(SEED_PATH)
        with placeholder.container():
            analysis = run_analysis(article=article, targets=[SEED_TARGET], label="Seed article")
    except (ArticleError, AnalysisError, ModelError) as error:
        placeholder.empty()
        st.error(f"The seed article could not be analysed: {md(error)}")
        return
    placeholder.empty()
    store_analysis(analysis)


def current_analysis():
    """The analysis the pages show, or ``None`` (with an explanation on the page)."""
    analyses = st.session_state.get(ANALYSES) or {}
    key = st.session_state.get(CURRENT)
    if key not in analyses and analyses:
        key = next(iter(analyses))
        st.session_state[CURRENT] = key
    return analyses.get(key)


def require_analysis():
    analysis = current_analysis()
    if analysis is None:
        st.info(
            "No article has been analysed yet. Open the **Article** page, upload or paste one, and press Analyse."
        )
        st.stop()
    return analysis


# --------------------------------------------------------------------------- corrections


def corrections_for(analysis) -> dict[int, dict]:
    return dict((st.session_state.get(CORRECTIONS) or {}).get(analysis.article.sha256, {}))


def set_correction(analysis, *, statement_id: int, change: Mapping[str, str | None]) -> None:
    every = {k: dict(v) for k, v in (st.session_state.get(CORRECTIONS) or {}).items()}
    mine = every.setdefault(analysis.article.sha256, {})
    mine[int(statement_id)] = {**mine.get(int(statement_id), {}), **dict(change)}
    st.session_state[CORRECTIONS] = every


def clear_corrections(analysis) -> None:
    every = dict(st.session_state.get(CORRECTIONS) or {})
    every.pop(analysis.article.sha256, None)
    st.session_state[CORRECTIONS] = every


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

    def note(self) -> str:
        return charts.describe_filter(
            speakers=self.speakers,
            parties=self.parties,
            min_statements=self.min_statements,
            include_unattributed=self.include_unattributed,
            selection=self.selection,
        )

    def apply(self, table: pd.DataFrame, *, all_targets: bool = False) -> pd.DataFrame:
        return aggregate.filter_statements(
            table,
            speakers=self.speakers or None,
            parties=self.parties or None,
            targets=None if all_targets or not self.target else [self.target],
            min_statements=self.min_statements,
            include_unattributed=self.include_unattributed,
        )


def _picked_article() -> None:
    st.session_state[CURRENT] = st.session_state[ARTICLE_PICKER]


def _keep_valid(key: str, options: Sequence[str]) -> None:
    """Drop remembered choices that the current article does not have (a widget would refuse them)."""
    if key in st.session_state:
        value = st.session_state[key]
        if isinstance(value, list | tuple):
            st.session_state[key] = [v for v in value if v in options]
        elif value not in options:
            del st.session_state[key]


def sidebar(analysis, table: pd.DataFrame, *, show_target: bool = True) -> Filters:
    """The article switcher and the filters, in the sidebar; values persist across pages."""
    with st.sidebar:
        analyses = st.session_state.get(ANALYSES) or {}
        if len(analyses) > 1:
            # A plain key (CURRENT) holds the choice; the widget mirrors it, so a page switch or a
            # new analysis (which sets CURRENT) never loses or fights the choice.
            st.session_state[ARTICLE_PICKER] = analysis_key(analysis)
            st.selectbox(
                "Article shown",
                list(analyses),
                key=ARTICLE_PICKER,
                format_func=lambda k: _article_label(analyses[k]),
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
        parties = sorted(table["party_label"].unique()) if not table.empty else []
        _keep_valid(FILTER_SPEAKERS, speakers)
        _keep_valid(FILTER_PARTIES, parties)
        chosen_speakers = st.multiselect(
            "Speakers",
            speakers,
            key=FILTER_SPEAKERS,
            placeholder="All speakers (type to search)",
            persist_state="session",
        )
        chosen_parties = st.multiselect(
            "Parties", parties, key=FILTER_PARTIES, placeholder="All parties", persist_state="session"
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
    return Filters(
        speakers=tuple(chosen_speakers),
        parties=tuple(chosen_parties),
        min_statements=int(minimum),
        include_unattributed=bool(include),
        target=target,
    )


def _article_label(analysis) -> str:
    article = analysis.article
    title = article.title or Path(article.source_name).name
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


def report_contents(
    analysis, filters: Filters, *, table: pd.DataFrame | None = None
) -> tuple[dict[str, go.Figure], dict[str, pd.DataFrame], int]:
    """Every chart and table of the current filter (all targets), for the ZIP report.

    ``table`` is the corrected statement table (default: this session's, see :func:`statement_table`).
    """
    table = statement_table(analysis) if table is None else table
    colours = colours_for(table)
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
            rows, target=target, colours=colours, note=note, source=source
        )
        figures[f"stance-by-party-{suffix}"] = charts.stance_by_party(
            rows, parties, target=target, note=note, source=source
        )
        figures[f"actors-by-party-{suffix}"] = charts.actors_by_party(
            actors, target=target, note=note, source=source
        )
        figures[f"along-the-article-{suffix}"] = charts.article_timeline(
            paragraphs, rows, target=target, note=note, source=source
        )
    if len(analysis.targets) > 1:
        figures["party-by-target-heatmap"] = charts.party_target_heatmap(
            aggregate.party_summary(filtered), note=note, source=source
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
    analysis, filters: Filters, *, table: pd.DataFrame, exporter: chart_export.ImageExporter | None = None
) -> bytes:
    """The ZIP report of the current filter: charts, tables and a README (models, targets, date)."""
    chart_map, tables, count = report_contents(analysis, filters, table=table)
    article = analysis.article
    return chart_export.report_zip(
        charts=chart_map,
        tables=tables,
        exporter=exporter,
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


def report_download(analysis, filters: Filters, *, key: str = "report") -> None:
    """One button: every chart and table of the current filter, as a ZIP with a README."""
    table = statement_table(analysis)

    def make() -> bytes:
        return report_bytes(analysis, filters, table=table, exporter=exporter())

    stem = chart_export.sanitise_filename(Path(analysis.article.source_name).stem, fallback="article")
    st.download_button(
        "Download report (ZIP)",
        data=make,
        file_name=f"stancescope-report-{stem}.zip",
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/folder_zip:",
        help="All charts (HTML, and PNG when Chromium is available) and tables (CSV, JSON) of the current filter, "
        "with a README of the models, targets and date.",
    )
