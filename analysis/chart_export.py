"""Chart and report export: PNG/SVG/PDF through kaleido 1.x on the system Chromium, HTML, ZIP.

One warm exporter per process: a single headless Chromium (two kaleido tabs) lives on a background
event loop and every session's export is scheduled on it, so only the first export pays the
browser start; a report's charts render side by side, and unchanged charts come from a cache. When no Chromium is found, image export answers with a clear "unavailable"
result and HTML/CSV/JSON still work.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import threading
import time
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analysis.export import safe_csv

LOG = logging.getLogger(__name__)

IMAGE_FORMATS: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
HTML_MIME = "text/html"
CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
ENABLE_HINT = (
    "PNG, SVG and PDF export needs Chromium on the server. On Debian or Ubuntu run "
    "`sudo apt-get install chromium` (or `make system-deps`), or set STANCESCOPE_CHROMIUM to a "
    "Chrome/Chromium executable, then restart the app. HTML, CSV and JSON downloads work without it."
)
DEFAULT_WIDTH = 1100
DEFAULT_HEIGHT = 500
EXPORT_TIMEOUT_S = 60.0
EXPORT_TABS = 2
"""Browser tabs rendering side by side (one per core here)."""
IMAGE_CACHE_ENTRIES = 256
"""Rendered images kept per exporter (a few MB), keyed by figure and options."""
MAX_NAME_CHARS = 80


def find_chromium() -> str | None:
    """The Chromium executable to drive: ``STANCESCOPE_CHROMIUM``, ``BROWSER_PATH``, then usual paths."""
    for name in ("STANCESCOPE_CHROMIUM", "BROWSER_PATH"):
        value = os.environ.get(name, "").strip()
        if value:
            return value if _executable(value) else None
    for candidate in CHROMIUM_CANDIDATES:
        if _executable(candidate):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and _executable(found) else None


def _executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Bytes of one exported file, or why there are none (``message`` is for the analyst)."""

    ok: bool
    data: bytes = b""
    mime: str = ""
    message: str = ""
    seconds: float = 0.0


class ExportUnavailable(RuntimeError):
    """Image export cannot run here (no Chromium, or the browser failed to start)."""


class ImageExporter:
    """One headless Chromium driven by kaleido, kept warm on its own event-loop thread.

    Thread-safe: Streamlit sessions call :meth:`export` from their own threads; the calls are
    scheduled on the exporter's loop and kaleido hands them its tab one at a time.
    """

    def __init__(
        self, *, browser_path: str | None = None, search: bool = True, timeout_s: float = EXPORT_TIMEOUT_S
    ) -> None:
        """``browser_path`` names the executable; without it one is searched (unless ``search=False``)."""
        self.browser_path = browser_path if browser_path is not None or not search else find_chromium()
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self.start_error: str | None = None
        self.started_s: float | None = None
        # Unchanged charts are not rendered twice: a report rebuilt after a filter change re-renders only
        # the charts the filter changed.
        self._images: OrderedDict[str, bytes] = OrderedDict()
        self._images_lock = threading.Lock()
        # One render at a time: a request that arrives while a prefetch renders its charts waits and then
        # finds them cached, instead of rendering them a second time beside it.
        self._render_lock = threading.Lock()
        self._prefetch_lock = threading.Lock()
        self._prefetch_pending: tuple[Callable[[], Sequence[go.Figure]], str] | None = None
        self._prefetch_thread: threading.Thread | None = None
        self._prefetched: OrderedDict[str, None] = OrderedDict()

    @property
    def available(self) -> bool:
        return self.browser_path is not None and self.start_error is None

    @property
    def unavailable_reason(self) -> str:
        if self.browser_path is None:
            return "No Chromium was found. " + ENABLE_HINT
        if self.start_error:
            return f"Chromium did not start ({self.start_error}). " + ENABLE_HINT
        return ""

    def export(
        self,
        fig: go.Figure,
        *,
        fmt: str,
        width: int | None = None,
        height: int | None = None,
        scale: float = 2.0,
    ) -> bytes:
        """The figure as ``png``, ``svg`` or ``pdf`` bytes; raises :class:`ExportUnavailable`."""
        return self.export_many([fig], fmt=fmt, width=width, height=height, scale=scale)[0]

    def export_many(
        self,
        figs: Sequence[go.Figure],
        *,
        fmt: str,
        width: int | None = None,
        height: int | None = None,
        scale: float = 2.0,
    ) -> list[bytes]:
        """Several figures at once: the browser's tabs render them side by side, and charts exported
        before (same figure, same options) come from a cache; raises :class:`ExportUnavailable`."""
        fmt = fmt.lower()
        if fmt not in IMAGE_FORMATS:
            raise ValueError(f"Unknown image format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}.")
        jobs = []
        for fig in figs:
            opts = {
                "format": fmt,
                "width": int(width or DEFAULT_WIDTH),
                "height": int(height or fig.layout.height or DEFAULT_HEIGHT),
                "scale": scale if fmt == "png" else 1,
            }
            spec = fig.to_dict()
            key = hashlib.sha256(
                json.dumps([spec, opts], sort_keys=True, default=str).encode("utf-8")
            ).hexdigest()
            jobs.append((key, spec, opts))
        with self._render_lock:
            with self._images_lock:
                missing = {key: (spec, opts) for key, spec, opts in jobs if key not in self._images}
            if missing:
                rendered = self._render(list(missing.values()))
                with self._images_lock:
                    for key, data in zip(missing, rendered, strict=True):
                        self._images[key] = data
                    while len(self._images) > IMAGE_CACHE_ENTRIES:
                        self._images.popitem(last=False)
                fresh = dict(zip(missing, rendered, strict=True))
            else:
                fresh = {}
            with self._images_lock:
                return [fresh.get(key) or self._images[key] for key, _, _ in jobs]

    def prefetch(self, key: str, figures: Callable[[], Sequence[go.Figure]], *, fmt: str = "png") -> bool:
        """Render, on a background thread, the images a report is about to ask for (``figures`` is called
        there), so the analyst's click finds them cached. One prefetch renders at a time and the newest
        request replaces a waiting one; a key already prefetched is skipped. False when nothing started."""
        if not self.available:
            return False
        with self._prefetch_lock:
            if key in self._prefetched:
                return False
            self._prefetched[key] = None
            while len(self._prefetched) > IMAGE_CACHE_ENTRIES:
                self._prefetched.popitem(last=False)
            self._prefetch_pending = (figures, fmt)
            if self._prefetch_thread is None or not self._prefetch_thread.is_alive():
                self._prefetch_thread = threading.Thread(
                    target=self._prefetch_loop, name="stancescope-prefetch", daemon=True
                )
                self._prefetch_thread.start()
        return True

    def _prefetch_loop(self) -> None:
        while True:
            with self._prefetch_lock:
                job, self._prefetch_pending = self._prefetch_pending, None
                if job is None:
                    self._prefetch_thread = None
                    return
            figures, fmt = job
            try:
                self.export_many(list(figures()), fmt=fmt)
            except Exception as error:  # a prefetch is only a head start: the click reports real errors
                LOG.info("chart prefetch failed: %s", error)

    def wait_for_prefetch(self, timeout_s: float = 60.0) -> None:
        """Block until no prefetch runs (tests and benchmarks)."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            with self._prefetch_lock:
                thread = self._prefetch_thread
            if thread is None:
                return
            thread.join(timeout=0.1)

    def _render(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        async def all_of(browser):
            return await asyncio.gather(*(browser.calc_fig(spec, opts=opts) for spec, opts in specs))

        for attempt in (1, 2):
            loop = self._ensure_started()
            future = asyncio.run_coroutine_threadsafe(all_of(self._kaleido), loop)
            try:
                return list(future.result(timeout=self.timeout_s * max(1, len(specs) / EXPORT_TABS)))
            except FutureTimeout:
                future.cancel()
                self._restart(reason="timed out")
                if attempt == 2:
                    raise ExportUnavailable(f"Chart export timed out after {self.timeout_s:.0f} s.") from None
            except Exception as error:  # a crashed browser: restart once, then report
                self._restart(reason=str(error))
                if attempt == 2:
                    raise ExportUnavailable(f"Chart export failed: {error}") from error
        raise ExportUnavailable("Chart export failed.")  # pragma: no cover

    def _ensure_started(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is not None and self._kaleido is not None:
                return self._loop
            if self.browser_path is None:
                raise ExportUnavailable(self.unavailable_reason)
            started = time.perf_counter()
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="stancescope-kaleido", daemon=True)
            thread.start()
            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(self._open(), loop).result(
                    timeout=self.timeout_s
                )
            except Exception as error:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(timeout=5)
                self.start_error = str(error) or type(error).__name__
                raise ExportUnavailable(self.unavailable_reason) from error
            self._loop, self._thread = loop, thread
            self.started_s = time.perf_counter() - started
            return loop

    async def _open(self):
        import kaleido

        # mathjax=False: no CDN fetch; plotly.js comes from the installed plotly package.
        browser = kaleido.Kaleido(
            n=EXPORT_TABS, path=self.browser_path, mathjax=False, timeout=self.timeout_s
        )
        await browser.open()
        return browser

    def _restart(self, *, reason: str) -> None:
        self.close()

    def close(self) -> None:
        """Stop the browser and its loop; the next export starts a fresh one."""
        with self._lock:
            loop, thread, browser = self._loop, self._thread, self._kaleido
            self._loop = self._thread = self._kaleido = None
        if loop is None:
            return
        if browser is not None:
            with contextlib.suppress(Exception):  # best effort on shutdown
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=5)


_EXPORTER: ImageExporter | None = None
_EXPORTER_LOCK = threading.Lock()


def shared_exporter() -> ImageExporter:
    """The process's one warm exporter (created on first use, closed at exit)."""
    global _EXPORTER
    with _EXPORTER_LOCK:
        if _EXPORTER is None:
            _EXPORTER = ImageExporter()
            atexit.register(_EXPORTER.close)
        return _EXPORTER


def figure_image(
    fig: go.Figure, *, fmt: str, exporter: ImageExporter | None = None, width: int | None = None
) -> ExportResult:
    """PNG/SVG/PDF bytes of ``fig``, or an "unavailable" result saying how to enable export."""
    exporter = exporter or shared_exporter()
    if not exporter.available:
        return ExportResult(ok=False, message=exporter.unavailable_reason)
    started = time.perf_counter()
    try:
        data = exporter.export(fig, fmt=fmt, width=width)
    except ExportUnavailable as error:
        return ExportResult(ok=False, message=str(error))
    return ExportResult(ok=True, data=data, mime=IMAGE_FORMATS[fmt], seconds=time.perf_counter() - started)


def figure_html(fig: go.Figure, *, plotlyjs: str = "inline") -> bytes:
    """A standalone HTML page of the interactive figure.

    ``plotlyjs="inline"`` embeds plotly.js (works offline, ~4.7 MB); ``"directory"`` expects a
    ``plotly.min.js`` next to the file (used inside the ZIP report, which ships it once).
    Article text in the figure is escaped by the chart builders, and plotly writes the figure JSON
    with ``<``, ``>`` and ``&`` as unicode escapes, so it cannot close the script element.
    """
    return fig.to_html(full_html=True, include_plotlyjs=plotlyjs, config={"displaylogo": False}).encode(
        "utf-8"
    )


def plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(10)}
)
"""Names Windows reserves whatever the case or extension (``COM0``/``LPT0`` included, as Windows 11 does)."""


def sanitise_filename(name: str, *, suffix: str = "", fallback: str = "file") -> str:
    """A portable, harmless file name: ASCII letters, digits, ``.``, ``_``, ``-``; no path parts.

    ``"../../etc/passwd"`` becomes ``"etc-passwd"``; names are cut to 80 characters before ``suffix``.
    """
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", ascii_name).strip(".-_ ")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:MAX_NAME_CHARS].strip(".-_") or fallback
    if cleaned.upper().split(".")[0] in _WINDOWS_DEVICES:
        cleaned = f"_{cleaned}"
    return cleaned + suffix


def table_json(table: pd.DataFrame) -> bytes:
    """Records JSON of a table (NaN as null, dates ISO)."""
    return table.to_json(orient="records", force_ascii=False, date_format="iso", indent=1).encode("utf-8")


def report_readme(
    *,
    title: str | None,
    source: str,
    sha256: str,
    article_date: str | None,
    targets: tuple[str, ...] | list[str],
    models: Mapping[str, str],
    filter_note: str,
    statements: int,
    elapsed_s: float,
    files: list[str],
    image_note: str = "",
    generated: datetime | None = None,
) -> str:
    """The short README inside the ZIP report: what was analysed, how, and what each file is."""
    generated = generated or datetime.now(UTC)
    lines = [
        "# StanceScope report",
        "",
        f"- Article: {title or '(untitled)'}",
        f"- Source file: {source}",
        f"- SHA-256 of the input: {sha256}",
        f"- Article date: {article_date or 'not found in the text'}",
        f"- Stance target(s): {'; '.join(targets)}",
        f"- Sentiment model: {models.get('sentiment', '?')}",
        f"- Stance model: {models.get('stance', '?')} ({models.get('stance_mode', 'classifier')})",
        f"- Filter: {filter_note}",
        f"- Statements in this report: {statements}",
        f"- Analysis took {elapsed_s:.1f} s; report generated {generated:%Y-%m-%d %H:%M UTC}",
        "",
        "## What the analysis did",
        "",
        "The article was split into paragraphs; quotes and reported statements were found and",
        "attributed to speakers (with their party when the article or the party table names one);",
        "a sentiment model scored every paragraph and statement (−1 negative … +1 positive) and a",
        "stance model scored each against every target (−1 against … +1 favor, favor minus against).",
        "Actor and party means carry a 95% interval (1.96 × standard deviation / √n). Analyst",
        "corrections to speakers or parties are applied before every chart and table.",
        "",
        "## Files",
        "",
        *[f"- {name}" for name in files],
    ]
    if image_note:
        lines += ["", "## Note", "", image_note]
    return "\n".join(lines) + "\n"


def report_zip(
    *,
    charts: Mapping[str, go.Figure],
    tables: Mapping[str, pd.DataFrame],
    readme: str | None = None,
    readme_fields: Mapping | None = None,
    exporter: ImageExporter | None = None,
    image_format: str = "png",
    progress: Callable[[float, str], None] | None = None,
) -> bytes:
    """One ZIP: every chart as HTML (and ``image_format`` when Chromium is there), every table as
    CSV (formula-safe) and JSON, and a README. Names are sanitised and made unique.

    Give ``readme`` as text, or ``readme_fields`` (the keyword arguments of :func:`report_readme`
    without ``files``/``image_note``) to have the file list and notes filled in.
    """
    exporter = exporter if exporter is not None else shared_exporter()
    used: set[str] = set()
    entries: list[tuple[str, bytes]] = []
    image_problem = "" if exporter.available else exporter.unavailable_reason

    def unique(folder: str, name: str, suffix: str) -> str:
        base = sanitise_filename(name, fallback="item")
        candidate, n = f"{folder}/{base}{suffix}", 2
        while candidate in used:
            candidate, n = f"{folder}/{base}-{n}{suffix}", n + 1
        used.add(candidate)
        return candidate

    report = progress or (lambda fraction, message: None)
    if charts:
        entries.append(("charts/plotly.min.js", plotly_js()))
        used.add("charts/plotly.min.js")
    images: list[bytes] = []
    if charts and not image_problem:
        report(0.05, f"Rendering {len(charts)} chart images")
        try:
            images = exporter.export_many(list(charts.values()), fmt=image_format)
        except ExportUnavailable as error:
            image_problem = str(error)
    report(0.8, "Writing the charts and tables")
    for number, (name, fig) in enumerate(charts.items()):
        entries.append((unique("charts", name, ".html"), figure_html(fig, plotlyjs="directory")))
        if images:
            entries.append((unique("charts", name, f".{image_format}"), images[number]))
    for name, table in tables.items():
        entries.append((unique("tables", name, ".csv"), safe_csv(table).encode("utf-8")))
        entries.append((unique("tables", name, ".json"), table_json(table)))
    files = [path for path, _ in entries]
    if readme is None:
        note = f"Static images were not included: {image_problem}" if image_problem and charts else ""
        readme = report_readme(**dict(readme_fields or {}), files=files, image_note=note)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme)
        for path, data in entries:
            archive.writestr(path, data)
    report(1.0, "Report ready")
    return buffer.getvalue()


def measure(*, repeats: int = 10) -> dict[str, float]:
    """Seconds for the first (cold: browser start) and the following (warm) PNG/SVG/PDF exports."""
    import statistics

    fig = go.Figure(go.Bar(x=["Democratic", "Republican", "(no party)"], y=[-0.4, 0.6, 0.1]))
    fig.update_layout(title="Export timing", height=450)
    exporter = ImageExporter()
    if not exporter.available:
        raise ExportUnavailable(exporter.unavailable_reason)
    started = time.perf_counter()
    exporter.export(fig, fmt="png")
    timings = {"cold_png_s": time.perf_counter() - started}
    for fmt in IMAGE_FORMATS:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            exporter.export(fig, fmt=fmt)
            runs.append(time.perf_counter() - started)
        timings[f"warm_{fmt}_median_s"] = statistics.median(runs)
        timings[f"warm_{fmt}_max_s"] = max(runs)
    exporter.close()
    return {key: round(value, 3) for key, value in timings.items()}


if __name__ == "__main__":  # python -m analysis.chart_export: measure export times on this machine
    import json
    import sys

    try:
        print(json.dumps(measure(), indent=1))
    except ExportUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
