"""The report ZIP for the seed with 5 targets (26 charts): how long it takes on a warm exporter, measured in one
run against the old way (one chart after another through one browser tab, nothing cached).

    .venv/bin/python -m bench.bench_report [--repeats 3]

Needs Chromium (kaleido). Uses whatever models the environment names (the tiny test models are enough: the
charts, not the scores, decide the time). Writes bench/results/report.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench import publish

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "report.md"
TARGETS = (
    "US military strikes against Iran-backed militias in Iraq",
    "the Iran nuclear deal",
    "withdrawing US troops from Iraq",
    "Donald Trump",
    "the Iraqi government",
)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    import app_state
    from analysis import chart_export
    from analysis.models import load_scorers
    from analysis.pipeline import analyze
    from analysis.reading import read_path

    analysis = analyze(
        article=read_path(REPO / "seeds" / "000_e0fae7b1ce5278b9.txt"),
        targets=TARGETS,
        scorers=load_scorers(),
    )
    table = app_state.aggregate.statement_stances(analysis.statements, analysis.stances)
    filters = app_state.Filters(target=TARGETS[0])
    charts, _, _ = app_state.report_contents(analysis, filters, table=table)

    exporter = chart_export.ImageExporter()
    exporter.export(next(iter(charts.values())), fmt="png")  # warm: the browser is started

    def naive() -> float:
        exporter._images.clear()
        started = time.perf_counter()
        for fig in charts.values():  # the old path: one figure at a time
            chart_export.figure_html(fig, plotlyjs="directory")
            exporter._render(
                [
                    (
                        fig.to_dict(),
                        {"format": "png", "width": 1100, "height": int(fig.layout.height or 500), "scale": 2},
                    )
                ][:1]
            )
        return time.perf_counter() - started

    def batched(*, cold_cache: bool) -> float:
        if cold_cache:
            exporter._images.clear()
        started = time.perf_counter()
        app_state.report_bytes(analysis, filters, table=table, exporter=exporter)
        return time.perf_counter() - started

    def after_prefetch() -> float:
        """The page's path: the sidebar starts the prefetch when it shows the button; the analyst reads
        the page, then clicks (timed: the click alone)."""
        exporter._images.clear()
        exporter._prefetched.clear()
        exporter.prefetch(
            "bench", lambda: list(app_state.report_contents(analysis, filters, table=table)[0].values())
        )
        exporter.wait_for_prefetch()
        started = time.perf_counter()
        app_state.report_bytes(analysis, filters, table=table, exporter=exporter)
        return time.perf_counter() - started

    rows = {
        "one at a time, no cache (before)": [],
        "batched on 2 tabs, first build, no prefetch": [],
        "click after the page's background prefetch": [],
        "rebuilt after a filter change back, charts unchanged": [],
    }
    for _ in range(args.repeats):
        rows["one at a time, no cache (before)"].append(naive())
        rows["batched on 2 tabs, first build, no prefetch"].append(batched(cold_cache=True))
        rows["click after the page's background prefetch"].append(after_prefetch())
        rows["rebuilt after a filter change back, charts unchanged"].append(batched(cold_cache=False))
    exporter.close()
    base = statistics.median(rows["one at a time, no cache (before)"])
    lines = [
        f"# Report ZIP time (seed, 5 targets, {len(charts)} charts, PNG + HTML + tables)\n",
        f"`python -m bench.bench_report --repeats {args.repeats}`, {time.strftime('%Y-%m-%d %H:%M')} UTC, warm exporter, "
        "median of the repeats; rounds interleaved so load drift hits every row alike.\n",
        "| way | median s | vs before |",
        "|---|---:|---:|",
    ]
    for name, values in rows.items():
        median = statistics.median(values)
        lines.append(
            f"| {name} | {median:.2f} | {base / median:.1f}x |"
            if name != next(iter(rows))
            else f"| {name} | {median:.2f} | 1.0x |"
        )
    publish("\n".join(lines) + "\n", path=RESULTS, write=not args.no_write)


if __name__ == "__main__":
    main()
