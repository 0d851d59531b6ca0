"""Take the README screenshots from the real app on the seed article.

    .venv/bin/python docs/make_screenshots.py            # needs models/sentiment and models/stance
    .venv/bin/python docs/make_screenshots.py --any-models   # whatever STANCESCOPE_*_MODEL names (drafts)
    .venv/bin/python docs/make_screenshots.py --corpus-library data/library.sqlite3   # plus corpus.png

``--corpus-library`` starts from a copy of a library that holds a corpus (for the README: BASIL, added with
``python -m bench.corpus_data basil --out basil.jsonl`` and ``python -m analysis corpus add --jsonl``) and adds
the Corpus page's screenshot, which shows charts only, no article text.

Starts ``streamlit run dashboard.py`` on a free loopback port, drives Debian's Chromium with
Playwright, and writes small PNGs (< 300 KB each) to ``docs/screenshots/``.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from docs/, it still uses the project's modules

from bench.local_browser import CHROMIUM, CHROMIUM_ARGS, streamlit_command  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
FIRST_SEED = ROOT / "seeds" / "000_e0fae7b1ce5278b9.txt"
SECOND_SEED = ROOT / "seeds" / "001_senators_split_on_strikes.txt"
TARGET = "US military strikes against Iran-backed militias in Iraq"
VIEWPORT = {"width": 1360, "height": 880}
MAX_BYTES = 300_000
TIMEOUT_MS = 180_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--any-models", action="store_true", help="do not insist on the shipped models/")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--corpus-library", type=Path, help="a library.sqlite3 holding a corpus to show")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if not args.any_models:
        missing = [p for p in (ROOT / "models" / "sentiment", ROOT / "models" / "stance") if not p.is_dir()]
        if missing:
            print(
                f"error: the shipped models are missing ({', '.join(map(str, missing))}); "
                "README screenshots must show real scores (or pass --any-models for a draft)",
                file=sys.stderr,
            )
            return 2
        env.pop("STANCESCOPE_SENTIMENT_MODEL", None)
        env.pop("STANCESCOPE_STANCE_MODEL", None)
    if not Path(CHROMIUM).is_file():
        print("error: /usr/bin/chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="stancescope-screens-") as library:
        env["STANCESCOPE_DATA"] = library
        if args.corpus_library:
            import sqlite3

            with (
                sqlite3.connect(args.corpus_library) as source,
                sqlite3.connect(Path(library) / "library.sqlite3") as copy,
            ):
                source.backup(copy)
        # Two articles in a fresh library (the fictional second one for Compare), the seed opened last.
        for seed in (SECOND_SEED, FIRST_SEED):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "analysis",
                    "analyze",
                    str(seed),
                    "--target",
                    TARGET,
                    "--save",
                    "--quiet",
                    "--out",
                    os.devnull,
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
        with _server(env) as url:
            _shoot(url, args.out, corpus=args.corpus_library is not None)
    return 0


class _server:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __enter__(self) -> str:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            streamlit_command(port=port),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    return url
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit("error: the Streamlit server did not start")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def _idle(page) -> None:
    page.wait_for_timeout(600)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=TIMEOUT_MS)


def _save(page, path: Path) -> None:
    """Viewport screenshot as PNG under MAX_BYTES: full colour if it fits, else an octree palette."""
    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    for colours in (256, 128, 64):
        if buffer.tell() <= MAX_BYTES:
            break
        buffer = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            buffer, format="PNG", optimize=True
        )
    path.write_bytes(buffer.getvalue())
    print(f"{path}: {buffer.tell() / 1000:.0f} KB")


def _go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()
    _idle(page)


def _scroll_main_to(page, locator) -> None:
    """Scroll Streamlit's main container so ``locator`` sits near the top of the viewport."""
    locator.evaluate(
        "el => { const main = document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement;"
        " const top = el.getBoundingClientRect().top + main.scrollTop - 16; main.scrollTo(0, top); }"
    )
    page.wait_for_timeout(400)


def _shoot(url: str, out: Path, *, corpus: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        page.locator("mark.stancescope-statement").first.wait_for()
        _idle(page)
        _scroll_main_to(page, page.get_by_test_id("stMetric").first)
        _save(page, out / "article.png")

        _go(page, "Speakers")
        plots = page.locator(".js-plotly-plot")
        plots.nth(1).wait_for()
        _idle(page)
        _scroll_main_to(page, plots.first)
        # Hover one bar (Warren's, else the longest) so its label (mean, interval, count) shows.
        bars = plots.first.locator("g.point path")
        order = plots.first.evaluate("plot => plot.data.flatMap(trace => trace.y || [])")
        warren = [i for i, label in enumerate(order) if str(label).startswith("Elizabeth Warren")]
        widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
        bars.nth(warren[0] if warren else widths.index(max(widths))).hover(force=True)
        page.wait_for_timeout(500)
        _save(page, out / "speakers.png")

        _go(page, "Parties")
        page.locator(".js-plotly-plot").first.wait_for()
        _idle(page)
        _scroll_main_to(page, page.locator(".js-plotly-plot").first)
        _save(page, out / "parties.png")

        _go(page, "Library")
        page.get_by_test_id("stDataFrame").first.wait_for()
        _idle(page)
        _save(page, out / "library.png")

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare").click()
        page.get_by_role("heading", name="Compare articles", exact=True).wait_for()
        _idle(page)
        combo = page.get_by_role("combobox", name="Articles")
        combo.click()
        page.get_by_role("option").filter(has_text="Senators split").first.click()
        page.keyboard.press("Escape")
        _idle(page)
        page.locator(".js-plotly-plot").nth(1).wait_for()
        _idle(page)
        _scroll_main_to(page, page.locator(".js-plotly-plot").first)
        _save(page, out / "compare.png")

        if corpus:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Corpus").click()
            page.get_by_role("heading", name="Corpus", exact=True).wait_for()
            _idle(page)
            page.locator(".js-plotly-plot").nth(1).wait_for()
            _idle(page)
            _scroll_main_to(page, page.locator(".js-plotly-plot").first)
            _save(page, out / "corpus.png")
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
