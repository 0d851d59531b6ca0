"""Load test: N concurrent browser sessions against ONE real StanceScope server (loopback only).

    .venv/bin/python -m bench.load_test                       # N = 1, 5, 10, 20 with the models in models/
    .venv/bin/python -m bench.load_test --ns 1,5 --paragraphs 6
    STANCESCOPE_SENTIMENT_MODEL=... STANCESCOPE_STANCE_MODEL=... .venv/bin/python -m bench.load_test  # other models

It starts ``streamlit run dashboard.py --server.headless true --server.address 127.0.0.1 --server.port <free>``,
warms it with one unmeasured session (model load and the seed analysis), then for each N opens N
Playwright browser contexts in one Chromium. Each session loads the app, uploads its own article (the
seed's paragraphs, rotated and varied per session, so no two share a cache entry), and when all N are
ready they press Analyse together. Time to first chart is from the Analyse click to the first Plotly chart
whose title names that session's article. Errors: a session that times out, shows a Streamlit exception or
an error alert, or logs a page error. Server RSS (the server process and its children, from /proc) is read
before and after each N, and sampled every 0.5 s for the peak.

Bounded: at most ``--budget`` seconds in all (default 540; no new N starts past it), each session at most
``--session-timeout`` seconds, N from ``--ns`` only. Prints a Markdown table and writes it to
``bench/results/load.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.local_browser import CHROMIUM, CHROMIUM_ARGS, streamlit_command

REPO = Path(__file__).resolve().parent.parent
SEED_PATH = REPO / "seeds" / "000_e0fae7b1ce5278b9.txt"
RESULTS = REPO / "bench" / "results" / "load.md"
HOST = "127.0.0.1"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


# --------------------------------------------------------------------------- articles


def seed_paragraphs() -> list[str]:
    text = SEED_PATH.read_text(encoding="utf-8")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return [block for block in blocks if len(block) > 60]


def session_article(*, run: int, session: int, paragraphs: int, seed: int = 0) -> tuple[str, str, bytes]:
    """(file name, title marker, bytes): the seed's paragraphs rotated and varied for this session."""
    rng = random.Random(seed * 1_000_003 + run * 1009 + session)
    source = seed_paragraphs()
    start = rng.randrange(len(source))
    chosen = [source[(start + k) % len(source)] for k in range(min(paragraphs, len(source)))]
    varied = []
    for block in chosen:
        for day in WEEKDAYS:
            block = block.replace(day, rng.choice(WEEKDAYS))
        varied.append(block)
    marker = f"Load test article {run}-{session}-{rng.randrange(10**6):06d}"
    text = f"{marker}\n\ndate 2020-01-0{1 + session % 9}\n\n" + "\n\n".join(varied) + "\n"
    return f"load-{run}-{session}.txt", marker, text.encode("utf-8")


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def tree_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and all its descendants, from /proc (MB)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total / 1024


class RssSampler:
    def __init__(self, pid: int, every_s: float = 0.5) -> None:
        self.pid, self.every_s = pid, every_s
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = log_path.open("w")
    process = subprocess.Popen(
        streamlit_command(port=port, host=HOST),
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            raise SystemExit(f"the server did not start; see {log_path}")
        time.sleep(0.5)


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --------------------------------------------------------------------------- sessions


async def _idle(page, timeout_ms: float) -> None:
    await page.wait_for_timeout(300)
    await page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=timeout_ms)


async def session(
    browser,
    url: str,
    *,
    name: str,
    marker: str,
    data: bytes,
    ready: asyncio.Event,
    arrived: list,
    expected: int,
    go: asyncio.Event,
    timeout_s: float,
) -> dict:
    """One analyst: load the app, upload, wait for everyone, press Analyse, wait for the first chart."""
    result: dict = {"name": name, "ok": False, "seconds": None, "analysis_s": None, "error": ""}
    timeout_ms = timeout_s * 1000
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        try:
            await page.goto(url, wait_until="domcontentloaded")
            await page.locator('input[type="file"]').first.wait_for(state="attached")
            await _idle(page, timeout_ms)
            await page.locator('input[type="file"]').first.set_input_files(
                files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
            )
            await page.get_by_test_id("stFileChip").filter(has_text=name).wait_for()
        finally:
            arrived.append(name)
            if len(arrived) >= expected:
                ready.set()
        await go.wait()
        started = time.perf_counter()
        await page.get_by_role("button", name="Analyse").click()
        success = page.get_by_text(f"Analysed {name}").first
        await success.wait_for()
        analysed = re.search(r"\((\d+(?:\.\d+)?) s\)", (await success.inner_text()).replace("\\", ""))
        result["analysis_s"] = float(analysed.group(1)) if analysed else None
        glance = page.get_by_role("tab", name="At a glance")
        if await glance.count():
            await glance.first.click()
        await page.wait_for_function(
            "(marker) => [...document.querySelectorAll('.js-plotly-plot')]"
            ".some(plot => (plot.textContent || '').includes(marker))",
            arg=marker,
            timeout=timeout_ms,
        )
        result["seconds"] = time.perf_counter() - started
        problems = []
        if await page.get_by_test_id("stException").count():
            problems.append("exception shown")
        alerts = page.get_by_test_id("stAlertContentError")
        if await alerts.count():
            problems.append("error: " + (await alerts.first.inner_text())[:120])
        problems += [f"page error: {e[:120]}" for e in page_errors if "ResizeObserver" not in e]
        result["error"] = "; ".join(problems)
        result["ok"] = not problems
    except Exception as error:  # a timeout or a closed page: counted and reported, never raised
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    finally:
        await context.close()
    return result


async def run_level(browser, url: str, *, n: int, paragraphs: int, seed: int, timeout_s: float) -> list[dict]:
    ready, go = asyncio.Event(), asyncio.Event()
    arrived: list[str] = []
    tasks = []
    for number in range(n):
        name, marker, data = session_article(run=n, session=number, paragraphs=paragraphs, seed=seed)
        tasks.append(
            asyncio.create_task(
                session(
                    browser,
                    url,
                    name=name,
                    marker=marker,
                    data=data,
                    ready=ready,
                    arrived=arrived,
                    expected=n,
                    go=go,
                    timeout_s=timeout_s,
                )
            )
        )
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(ready.wait(), timeout=timeout_s)
    go.set()
    return list(await asyncio.gather(*tasks))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = fraction * (len(ordered) - 1)
    low, high = int(rank), min(int(rank) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


async def main_async(args) -> int:
    from playwright.async_api import async_playwright

    started = time.monotonic()
    port = free_port()
    url = f"http://{HOST}:{port}"
    log_path = Path(args.server_log)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    server = start_server(port, log_path)
    rows: list[dict] = []
    failures: list[str] = []
    rss_start = warm_s = float("nan")
    try:
        rss_start = tree_rss_mb(server.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm_started = time.perf_counter()
            warm = await run_level(
                browser, url, n=1, paragraphs=args.paragraphs, seed=args.seed + 99, timeout_s=600
            )
            warm_s = time.perf_counter() - warm_started
            print(
                f"warm-up (model load, seed analysis, one article): {warm_s:.1f} s, ok={warm[0]['ok']}",
                flush=True,
            )
            for n in args.ns:
                if time.monotonic() - started > args.budget:
                    print(f"N={n}: skipped, past the {args.budget:.0f} s budget", flush=True)
                    rows.append({"n": n, "skipped": True})
                    continue
                rss_before = tree_rss_mb(server.pid)
                level_started = time.perf_counter()
                with RssSampler(server.pid) as sampler:
                    results = await run_level(
                        browser,
                        url,
                        n=n,
                        paragraphs=args.paragraphs,
                        seed=args.seed,
                        timeout_s=args.session_timeout,
                    )
                wall = time.perf_counter() - level_started
                rss_after = tree_rss_mb(server.pid)
                times = [r["seconds"] for r in results if r["seconds"] is not None]
                analysis_times = [r["analysis_s"] for r in results if r["analysis_s"] is not None]
                errors = [r for r in results if not r["ok"]]
                failures += [f"N={n} {r['name']}: {r['error']}" for r in errors]
                row = {
                    "n": n,
                    "ok": len(results) - len(errors),
                    "errors": len(errors),
                    "median": statistics.median(times) if times else float("nan"),
                    "p95": percentile(times, 0.95),
                    "max": max(times) if times else float("nan"),
                    "analysis": statistics.median(analysis_times) if analysis_times else float("nan"),
                    "rss_before": rss_before,
                    "rss_after": rss_after,
                    "rss_peak": max(sampler.peak, rss_after),
                    "wall": wall,
                }
                rows.append(row)
                print(
                    f"N={n}: {row['ok']}/{n} ok, median {row['median']:.1f} s, p95 {row['p95']:.1f} s, "
                    f"analysis median {row['analysis']:.1f} s, "
                    f"RSS {rss_before:.0f} -> {rss_after:.0f} MB (peak {row['rss_peak']:.0f}), wall {wall:.0f} s",
                    flush=True,
                )
            await browser.close()
    finally:
        stop_server(server)
    table = render(
        rows,
        args=args,
        rss_start=rss_start,
        warm_s=warm_s,
        failures=failures,
        total=time.monotonic() - started,
    )
    print(table)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table, encoding="utf-8")
    return 1 if failures else 0


def render(rows, *, args, rss_start: float, warm_s: float, failures: list[str], total: float) -> str:
    from analysis.models import load_settings

    settings = load_settings()
    lines = [
        "| N | ok | errors | median s | p95 s | max s | analysis median s | server RSS before MB | after MB "
        "| peak MB | wall s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row.get("skipped"):
            lines.append(f"| {row['n']} | skipped (budget) | | | | | | | | | |")
            continue
        lines.append(
            f"| {row['n']} | {row['ok']} | {row['errors']} | {row['median']:.1f} | {row['p95']:.1f} | "
            f"{row['max']:.1f} | {row['analysis']:.1f} | {row['rss_before']:.0f} | {row['rss_after']:.0f} | {row['rss_peak']:.0f} | "
            f"{row['wall']:.0f} |"
        )
    header = [
        "# Load test: concurrent sessions on one StanceScope server",
        "",
        f"- Command: `{args.command}`",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M UTC}; machine: {os.cpu_count()} CPU cores (shared), loopback only",
        f"- Models: sentiment `{settings.sentiment}`, stance `{settings.stance}` ({settings.stance_mode}), "
        f"{settings.threads} torch threads",
        f"- Each session: its own article ({args.paragraphs} of the seed's paragraphs, rotated and varied), "
        "one target (the seed's), Analyse pressed by all N sessions at once; time = Analyse click to the first "
        "Plotly chart naming that article; analysis median = the server-side `analyze` time the app reports "
        "(reading to scores, inside the click-to-chart time)",
        f"- Server RSS at start {rss_start:.0f} MB (models load on the first session); warm-up session "
        f"(model load + seed analysis + one article, not in the table) {warm_s:.1f} s; whole run {total:.0f} s",
        "",
    ]
    footer = ["", "Errors:" if failures else "Errors: none.", *[f"- {failure}" for failure in failures]]
    return "\n".join(header + lines + footer) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ns", default="1,5,10,20", help="comma-separated session counts")
    parser.add_argument("--paragraphs", type=int, default=8, help="seed paragraphs per session article")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--session-timeout", type=float, default=300.0)
    parser.add_argument("--budget", type=float, default=540.0, help="no new N starts after this many seconds")
    parser.add_argument("--threads", type=int, help="STANCESCOPE_THREADS for the server (default: as set)")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--server-log", default="/tmp/stancescope-load-server.log")
    args = parser.parse_args(argv)
    args.ns = [int(value) for value in args.ns.split(",") if value.strip()]
    if args.threads:
        os.environ["STANCESCOPE_THREADS"] = str(args.threads)
    args.command = " ".join(["python -m bench.load_test", *(argv if argv is not None else sys.argv[1:])])
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no {CHROMIUM}: apt-get install -y chromium")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    sys.exit(main())
