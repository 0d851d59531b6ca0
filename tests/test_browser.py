"""End to end in a real browser: the real Streamlit server, Debian's Chromium driven by Playwright.

Upload an article, wait for the Plotly charts, filter by speaker, switch pages and check the filter
held, click a bar and see its evidence follow across pages, download a PNG, a CSV and the report and check
their bytes; reload the tab, restart and kill the server, and analyse from two sessions at once, and check the
library kept everything; measure the plot areas at 1280x800 and 1920x1080 and the speaker colours. Screenshots
go into the ignored ``artifacts/browser/`` folder.

The models are the tiny random test classifiers with their output layer re-centred and scaled, so
scores spread over -1..1 (bars with width to click); they mean nothing, but the real loading and
scoring code runs.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from bench.local_browser import CHROMIUM, CHROMIUM_ARGS, streamlit_command

ROOT = Path(__file__).resolve().parent.parent
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"
SHOTS = ROOT / "artifacts" / "browser"
SLOW_MS = 120_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)),
        reason="no /usr/bin/chromium: install Debian's chromium (make system-deps) to run the browser tests",
    ),
]

ARTICLE = """Senators split over the strikes in Iraq

date 2020-01-03

Senator Jane Roe (D-NY) criticised the decision on Thursday. "These strikes are a reckless escalation \
that puts our troops in danger," Roe said.

"The strikes were necessary, and they were fully justified," said Senator John Doe (R-TX).

"We will keep pressing for diplomacy and restraint, not more bombs," Roe said in a statement. \
She noted that 1 < 2 && 3 > 2 is not a strategy.

Analysts said the response could escalate further.
"""


def spread_classifier(*, source: Path, target: Path, texts: list[str]) -> Path:
    """A copy of a tiny classifier whose logits are centred and scaled on ``texts`` (varied scores)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(source)).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    with torch.no_grad():
        logits = model(**tokenizer(texts, padding=True, truncation=True, return_tensors="pt")).logits
        mean, scale = logits.mean(0), 1.5 / logits.std(0).clamp_min(1e-6)
        model.classifier.weight.mul_(scale[:, None])
        model.classifier.bias.copy_((model.classifier.bias - mean) * scale)
    model.save_pretrained(str(target))
    tokenizer.save_pretrained(str(target))
    return target


@pytest.fixture(scope="module")
def lively_models(tiny_model_dirs, tmp_path_factory) -> dict[str, Path]:
    seed = (ROOT / "seeds" / "000_e0fae7b1ce5278b9.txt").read_text(encoding="utf-8")
    texts = [t.strip() for t in seed.replace('"', " ").split(".") if len(t.strip()) > 10][:60]
    root = tmp_path_factory.mktemp("lively-models")
    return {
        task: spread_classifier(source=Path(path), target=root / task, texts=texts)
        for task, path in tiny_model_dirs.items()
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_env(lively_models, tiny_model_env, tmp_path_factory) -> dict[str, str]:
    return {
        **tiny_model_env,
        "STANCESCOPE_SENTIMENT_MODEL": str(lively_models["sentiment"]),
        "STANCESCOPE_STANCE_MODEL": str(lively_models["stance"]),
        "STANCESCOPE_CHROMIUM": CHROMIUM,
        "STANCESCOPE_DATA": str(tmp_path_factory.mktemp("browser-library")),
    }


def start_server(env: dict[str, str], *, log_name: str = "server.log") -> tuple[subprocess.Popen, str, float]:
    """A real Streamlit server on a free port; (process, url, seconds until /_stcore/health answered)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (SHOTS / log_name).open("w")
    started = time.monotonic()
    process = subprocess.Popen(
        streamlit_command(port=port),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"Streamlit did not start: {(SHOTS / log_name).read_text()[-2000:]}")
        time.sleep(0.5)
    return process, url, time.monotonic() - started


def stop_server(process: subprocess.Popen, *, kill: bool = False) -> None:
    os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(server_env):
    process, url, _ = start_server(server_env)
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=SLOW_MS)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not [e for e in errors if "ResizeObserver" not in e], errors


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _wait_idle(page) -> None:
    """Wait until Streamlit has finished the current rerun (no running indicator)."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=SLOW_MS)


def _plots(page):
    return page.locator(".js-plotly-plot")


def _wait_axis(page, *, plot: int, axis: str, has: tuple[str, ...] = (), lacks: tuple[str, ...] = ()) -> None:
    """Wait until the tick (or legend) texts of one Plotly chart include ``has`` and none of ``lacks``."""
    page.wait_for_function(
        """([plot, axis, has, lacks]) => {
            const chart = document.querySelectorAll('.js-plotly-plot')[plot];
            if (!chart) return false;
            const text = [...chart.querySelectorAll(axis)].map(t => t.textContent).join('|');
            return has.every(h => text.includes(h)) && !lacks.some(l => text.includes(l));
        }""",
        arg=[plot, axis, list(has), list(lacks)],
    )


def _bar_labels(page) -> list[str]:
    return [t.strip() for t in _plots(page).first.locator(".ytick text").all_text_contents()]


def _go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()
    _wait_idle(page)


def _download(page, label: str, *, index: int = 0) -> tuple[str, bytes]:
    button = (
        page.get_by_test_id("stDownloadButton")
        .filter(has_text=label)
        .nth(index)
        .locator("button:visible", has_text=label)
        .first
    )
    with page.expect_download(timeout=SLOW_MS) as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_seed_is_analysed_and_highlighted_on_first_load(server, page):
    page.goto(server)
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    assert page.locator("mark.stancescope-statement").count() > 10
    legend = page.locator(".stancescope-legend").inner_text()
    assert "Elizabeth Warren" in legend and "Mike Pompeo" in legend
    title = page.locator("mark.stancescope-statement").first.get_attribute("title")
    assert title.startswith("Speaker: ") and "Stance toward US military strikes" in title
    _shot(page, "01-seed-article")

    # Only reported speech: the quotes' highlights go, the reported statements stay.
    every = page.locator("mark.stancescope-statement").count()
    types = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Statement types")
    types.click()
    page.get_by_role("option", name="reported speech").click()
    page.keyboard.press("Escape")
    _wait_idle(page)
    page.get_by_text(
        re.compile(r"statement types: reported speech: \d+ of \d+ statements highlighted")
    ).wait_for()
    expect(page.locator(".stancescope-article")).to_have_count(1)  # the stale copy of the article is gone
    reported = page.locator("mark.stancescope-statement").count()
    assert 0 < reported < every, (reported, every)


def test_upload_filter_switch_pages_click_and_download(server, page, tmp_path):
    page.goto(server)
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)

    # Upload an article file and analyse it.
    article = tmp_path / "senators-split.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(article))
    page.get_by_test_id("stFileChip").filter(has_text="senators-split.txt").wait_for()
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text("Analysed senators-split.txt").wait_for()
    _wait_idle(page)
    text = page.locator(".stancescope-article").inner_text()
    assert "Senators split over the strikes" in text and "1 < 2 && 3 > 2" in text
    marks = page.locator("mark.stancescope-statement")
    assert marks.count() >= 3
    assert "Speaker: Jane Roe" in (marks.first.get_attribute("title") or "")
    _shot(page, "02-uploaded-article")

    # Speakers page: the Plotly charts render.
    _go(page, "Speakers")
    _plots(page).nth(1).wait_for()
    _wait_axis(page, plot=0, axis=".ytick text", has=("Jane Roe (D)", "John Doe (R)"))

    # Filter by speaker in the sidebar.
    sidebar = page.get_by_test_id("stSidebar")
    speakers = sidebar.get_by_role("combobox", name="Speakers")
    speakers.click()
    speakers.fill("Jane")
    page.get_by_role("option", name="Jane Roe").click()
    page.keyboard.press("Escape")
    _wait_idle(page)
    _wait_axis(page, plot=0, axis=".ytick text", has=("Jane Roe",), lacks=("John Doe",))
    labels = _bar_labels(page)
    assert labels and all(label.startswith("Jane Roe") for label in labels), labels
    _shot(page, "03-speakers-filtered")

    # Switch page: the filter holds.
    _go(page, "Parties")
    _plots(page).first.wait_for()
    expect(sidebar.get_by_test_id("stMultiSelectTagsContainer").first).to_contain_text("Jane Roe")
    _wait_axis(page, plot=0, axis=".xtick text", has=("Democratic",), lacks=("Republican",))
    _shot(page, "04-parties-filtered")
    _go(page, "Speakers")
    _plots(page).nth(1).wait_for()
    expect(sidebar.get_by_test_id("stMultiSelectTagsContainer").first).to_contain_text("Jane Roe")
    _wait_axis(page, plot=0, axis=".ytick text", has=("Jane Roe",), lacks=("John Doe",))

    # Clear the filter, then click a bar: the rest of the page follows the chart selection.
    sidebar.get_by_role("combobox", name="Speakers").click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Escape")
    _wait_idle(page)
    _wait_axis(page, plot=0, axis=".ytick text", has=("Jane Roe", "John Doe"))
    _wait_idle(page)
    _click_bar(page, "John Doe")
    _wait_idle(page)
    _wait_axis(page, plot=1, axis=".legendtext", has=("John Doe",), lacks=("Jane Roe",))
    # The evidence: the statements behind the bar, with their scores and paragraphs.
    evidence = page.get_by_text("Evidence · John Doe")
    evidence.wait_for()
    _shot(page, "05-bar-clicked")

    # Downloads: a PNG of the bar chart and the evidence table as CSV.
    name, png = _download(page, "PNG")
    assert name.endswith(".png") and png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    name, csv = _download(page, "CSV")
    assert name.startswith("evidence") and name.endswith(".csv")
    header, *rows = csv.decode("utf-8").splitlines()
    assert header == "speaker,party,paragraph,type,quote,stance,stance_label,target"
    assert rows and all(row.startswith("John Doe,") for row in rows)
    (SHOTS / "downloaded-chart.png").write_bytes(png)

    # The selection follows to the other pages until it is cleared.
    _go(page, "Parties")
    expect(sidebar.get_by_text("Chart selection: John Doe")).to_be_visible()
    page.get_by_text("Evidence · John Doe").wait_for()
    _wait_axis(page, plot=0, axis=".xtick text", has=("Republican",), lacks=("Democratic",))
    _go(page, "Speakers")
    page.get_by_text("Evidence · John Doe").wait_for()

    # The report: every chart and table of the current filter in one ZIP, prepared with a progress bar.
    sidebar.get_by_role("button", name="Prepare report (ZIP)").click()
    started = time.perf_counter()
    sidebar.get_by_test_id("stDownloadButton").filter(has_text="Download report").wait_for()
    (SHOTS / "report-seconds.txt").write_text(f"{time.perf_counter() - started:.2f}\n")
    name, payload = _download(page, "Download report")
    archive = zipfile.ZipFile(io.BytesIO(payload))
    names = set(archive.namelist())
    assert name.endswith(".zip") and "README.md" in names and "tables/statements.csv" in names
    assert archive.read("charts/stance-by-actor-target.png").startswith(b"\x89PNG")
    assert "senators-split.txt" in archive.read("README.md").decode()


def _click_bar(page, speaker: str) -> None:
    """Click a speaker's bar in the first chart (retried: a rerun may replace the chart under the mouse)."""
    for attempt in range(3):
        index = next(i for i, label in enumerate(_bar_order(page)) if label.startswith(speaker))
        _plots(page).first.locator("g.point path").nth(index).click(force=True)
        try:
            page.get_by_test_id("stSidebar").get_by_text(f"Chart selection: {speaker}").wait_for(
                timeout=30_000
            )
            return
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise


def _bar_order(page) -> list[str]:
    """Bar labels in the order of the bar elements (trace by trace, as Plotly draws them)."""
    return page.evaluate(
        """() => {
            const plot = document.querySelectorAll('.js-plotly-plot')[0];
            return plot.data.flatMap(trace => trace.y || []);
        }"""
    )


def test_bad_file_shows_a_message_in_the_browser(server, page, tmp_path):
    page.goto(server)
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    page.locator('input[type="file"]').set_input_files(str(bad))
    page.get_by_test_id("stFileChip").filter(has_text="binary.txt").wait_for()
    page.get_by_role("button", name="Analyse").click()
    alert = page.get_by_test_id("stAlertContentError").first
    alert.wait_for()
    assert "binary.txt" in alert.inner_text()
    assert page.get_by_test_id("stException").count() == 0
    _shot(page, "06-bad-file")


def test_exported_png_is_warm_after_the_first(server, page):
    """The server keeps one Chromium for exports: a second PNG comes back quickly."""
    page.goto(f"{server}/speakers")
    _plots(page).nth(1).wait_for()
    _wait_idle(page)
    _download(page, "PNG")
    started = time.perf_counter()
    _, png = _download(page, "PNG", index=1)
    assert png.startswith(b"\x89PNG")
    assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- the library in the browser


def _library(env: dict[str, str]):
    from analysis.store import Library

    return Library(Path(env["STANCESCOPE_DATA"]) / "library.sqlite3")


def _analyse_file(page, path: Path) -> None:
    page.locator('input[type="file"]').set_input_files(str(path))
    page.get_by_test_id("stFileChip").filter(has_text=path.name).wait_for()
    page.get_by_role("button", name="Analyse").click()


def _article(tmp_path: Path, name: str, title: str) -> Path:
    path = tmp_path / name
    path.write_text(ARTICLE.replace("Senators split over the strikes in Iraq", title), encoding="utf-8")
    return path


def test_a_reload_keeps_the_open_article(server, page, tmp_path):
    page.goto(server)
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    _analyse_file(page, _article(tmp_path, "reload-me.txt", "Reload keeps this article open"))
    page.get_by_text("Analysed reload-me.txt").wait_for()
    _wait_idle(page)
    assert "analysis=" in page.url
    page.reload()
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    assert "Reload keeps this article open" in page.locator(".stancescope-article").inner_text()
    _shot(page, "07-after-reload")


@pytest.mark.parametrize("viewport", [(1280, 800), (1920, 1080)])
def test_at_a_glance_plot_areas_are_not_clipped(server, browser, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    try:
        page.goto(server)
        page.locator("mark.stancescope-statement").first.wait_for()
        _wait_idle(page)
        page.get_by_role("tab", name="At a glance").click()
        _plots(page).nth(1).wait_for()
        page.wait_for_timeout(500)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(el => el.offsetParent !== null)
                .map(el => {
                    const title = el.querySelector('.gtitle');
                    const box = title ? title.getBoundingClientRect() : null;
                    const frame = el.getBoundingClientRect();
                    return {
                        width: frame.width,
                        plot: el._fullLayout._size.w,
                        titleRight: box ? box.right - frame.left : 0,
                    };
                })"""
        )
        _shot(page, f"08-glance-{viewport[0]}x{viewport[1]}")
        assert len(sizes) >= 2, sizes
        for size in sizes:
            assert size["plot"] >= 0.45 * size["width"] and size["plot"] >= 200, sizes
            assert size["titleRight"] <= size["width"] + 1, sizes
    finally:
        context.close()


def test_speaker_colours_are_distinct_on_the_seed(server, server_env, page):
    page.goto(server)  # the first session stores the seed, if no earlier test did
    page.locator("mark.stancescope-statement").first.wait_for()
    entries = _library(server_env).entries()
    seed_id = int(entries.loc[entries["source"].str.endswith("000_e0fae7b1ce5278b9.txt"), "id"].iloc[0])
    page.goto(f"{server}/speakers?analysis={seed_id}")  # other tests made newer analyses
    _plots(page).nth(1).wait_for()
    _wait_idle(page)
    colours = page.evaluate(
        """() => {
            const scatter = document.querySelectorAll('.js-plotly-plot')[1];
            return scatter.data.filter(t => t.name).map(t => [t.name, String(t.marker.color)]);
        }"""
    )
    names = [name for name, _ in colours]
    assert len(names) >= 8
    assert len({colour for _, colour in colours}) == len(names), colours


def test_corpus_page_charts_the_library_and_a_point_opens_its_statement(server, page):
    page.goto(server)  # the first session stores the seed, if no earlier test did
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    _go(page, "Corpus")
    _plots(page).nth(3).wait_for()  # actors over time, parties over time, outlet x party, top actors
    title = _plots(page).first.locator(".gtitle").text_content()
    assert "by actor over time" in title, title
    _shot(page, "09-corpus")
    for attempt in range(3):  # a rerun may replace the chart under the mouse
        _plots(page).first.locator("g.points path.point").first.click(force=True)
        try:
            page.get_by_role("button", name="Open this statement in its article").wait_for(timeout=30_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    page.get_by_role("button", name="Open this statement in its article").click()
    page.get_by_role("heading", name="Article", exact=True).wait_for()
    page.locator("mark.stancescope-statement").first.wait_for()
    _wait_idle(page)
    # The article opens filtered to the statement's speaker ("Filter: speakers: …: k of n statements highlighted").
    expect(page.get_by_text("Filter: speakers:").first).to_be_visible()


def test_two_sessions_analyse_at_once_without_loss(server, server_env, browser, tmp_path):
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    try:
        for number, page in enumerate(pages):
            page.set_default_timeout(SLOW_MS)
            page.goto(server)
            page.locator("mark.stancescope-statement").first.wait_for()
            _wait_idle(page)
            path = _article(tmp_path, f"parallel-{number}.txt", f"Parallel session number {number}")
            page.locator('input[type="file"]').set_input_files(str(path))
            page.get_by_test_id("stFileChip").filter(has_text=path.name).wait_for()
        for page in pages:  # both clicks before either analysis ends
            page.get_by_role("button", name="Analyse").click()
        for number, page in enumerate(pages):
            page.get_by_text(f"Analysed parallel-{number}.txt").wait_for()
    finally:
        for context in contexts:
            context.close()
    sources = set(_library(server_env).entries()["source"])
    assert {"parallel-0.txt", "parallel-1.txt"} <= sources


def test_a_restart_and_a_killed_server_keep_every_committed_analysis(server_env, browser, tmp_path):
    import sqlite3

    env = {**server_env, "STANCESCOPE_DATA": str(tmp_path / "library")}
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    process, url, _ = start_server(env, log_name="server-restart-1.log")
    try:
        page.goto(url)
        page.locator("mark.stancescope-statement").first.wait_for()
        _wait_idle(page)
        _analyse_file(page, _article(tmp_path, "before-restart.txt", "Kept across a restart"))
        page.get_by_text("Analysed before-restart.txt").wait_for()
    finally:
        stop_server(process)
    process, url, _ = start_server(env, log_name="server-restart-2.log")
    try:
        page.goto(url)  # no analysis in the URL: the newest one opens
        page.locator("mark.stancescope-statement").first.wait_for()
        _wait_idle(page)
        assert "Kept across a restart" in page.locator(".stancescope-article").inner_text()
        # A long article, and the server killed while it is being analysed.
        long_text = "\n\n".join([ARTICLE] * 60)
        big = tmp_path / "killed.txt"  # the file chip shortens longer names
        big.write_text(long_text.replace("Senators split", "Never finished"), encoding="utf-8")
        _analyse_file(page, big)
        page.get_by_test_id("stProgress").first.wait_for()
    finally:
        stop_server(process, kill=True)
        context.close()
    path = Path(env["STANCESCOPE_DATA"]) / "library.sqlite3"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    library = _library(env)
    entries = library.entries()
    assert "before-restart.txt" in set(entries["source"])
    for analysis_id in entries["id"]:
        assert library.load(int(analysis_id)).analysis.statements is not None


def test_first_screen_of_a_stored_seed_comes_quickly(server_env, browser, tmp_path):
    """``make run`` stores the seed before the server starts; the first visit then needs no model."""
    env = {**server_env, "STANCESCOPE_DATA": str(tmp_path / "library")}
    seed = ROOT / "seeds" / "000_e0fae7b1ce5278b9.txt"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "analyze",
            str(seed),
            "--target",
            SEED_TARGET,
            "--save",
            "--quiet",
            "--out",
            os.devnull,
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process, url, _ = start_server(env, log_name="server-first-screen.log")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(SLOW_MS)
    try:
        started = time.perf_counter()
        page.goto(url)
        page.locator("mark.stancescope-statement").first.wait_for()
        seconds = time.perf_counter() - started
        (SHOTS / "first-screen-seconds.txt").write_text(f"{seconds:.2f}\n")
        assert seconds < 5, seconds  # issue 11: the first screen within 5 s of the server answering
    finally:
        context.close()
        stop_server(process)
