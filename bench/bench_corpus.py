"""Corpus throughput: the local engine with 1 and 2 worker processes and Ray Data with 1 and 2 actors, on the
same articles, each into a fresh library, in one run (so the ratios compare like with like).

    .venv/bin/python -m bench.bench_corpus [--articles 100] [--source basil|polnear|generated] [--engines ...]

Reports articles/s, paragraphs/s, the peak RSS of one worker (process or actor) and Ray's overhead against
local at equal workers; writes bench/results/corpus.md. BASIL and PolNeAR come from ../shared/data when it is
there; ``generated`` needs nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from analysis import corpus
from analysis.models import load_settings
from analysis.store import Library
from bench import publish

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "corpus.md"
CONFIGS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2))
TARGETS = ("US military strikes against Iran-backed militias in Iraq",)


def generated_items(count: int) -> list[corpus.CorpusItem]:
    seed = (REPO / "seeds" / "000_e0fae7b1ce5278b9.txt").read_text(encoding="utf-8")
    return [
        corpus.CorpusItem(
            key=f"generated#{n}", text=f"Generated article {n}\n\n{seed}", title=f"Generated {n}"
        )
        for n in range(count)
    ]


class PeakRss:
    """Samples the resident memory of processes whose command line contains ``marker``; keeps the largest."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for process in psutil.process_iter(["cmdline", "memory_info"]):
                try:
                    cmdline = " ".join(process.info["cmdline"] or [])
                    if self.marker in cmdline and process.pid != os.getpid():
                        self.peak_mb = max(self.peak_mb, process.info["memory_info"].rss / 2**20)
                except (psutil.Error, TypeError):
                    continue
            self._stop.wait(0.5)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def run_one(engine: str, workers: int, items, *, folder: Path) -> dict:
    library = Library(folder / f"{engine}-{workers}" / "library.sqlite3")
    fingerprint = load_settings().fingerprint
    summary = corpus.BatchSummary()
    jobs = corpus.plan(items, targets=TARGETS, library=library, fingerprint=fingerprint, summary=summary)
    started = time.perf_counter()
    # Ray titles an actor MapWorker(MapBatches(_RayAnalyser)).
    marker = "_RayAnalyser" if engine == "ray" else "multiprocessing"
    with PeakRss(marker) as peak:
        if engine == "ray":
            corpus.run_ray(jobs, library=library, fingerprint=fingerprint, workers=workers, summary=summary)
        else:
            corpus.run_local(jobs, library=library, fingerprint=fingerprint, workers=workers, summary=summary)
    wall = time.perf_counter() - started
    if engine == "local" and workers == 1:
        worker_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    else:
        worker_mb = peak.peak_mb
    if engine == "ray":
        import ray

        ray.shutdown()
    return {
        "engine": engine,
        "workers": workers,
        "articles": summary.analysed,
        "failed": summary.failed,
        "paragraphs": summary.paragraphs,
        "wall_s": wall,
        "articles_per_s": summary.analysed / wall,
        "paragraphs_per_s": summary.paragraphs / wall,
        "worker_peak_mb": worker_mb,
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--source", choices=("basil", "polnear", "generated"), default="basil")
    ap.add_argument("--engines", nargs="*", default=[f"{e}:{w}" for e, w in CONFIGS])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if args.source == "generated":
        items = generated_items(args.articles)
    else:
        from bench.corpus_data import basil_items, polnear_items

        items = (basil_items if args.source == "basil" else polnear_items)(limit=args.articles)
    configs = [(spec.split(":")[0], int(spec.split(":")[1])) for spec in args.engines]
    rows = []
    with tempfile.TemporaryDirectory(prefix="stancescope-bench-corpus-") as folder:
        for engine, workers in configs:
            print(f"running {engine} x{workers} on {len(items)} {args.source} articles", file=sys.stderr)
            rows.append(run_one(engine, workers, items, folder=Path(folder)))
            print(f"  {rows[-1]}", file=sys.stderr)
    local = {row["workers"]: row for row in rows if row["engine"] == "local"}
    lines = [
        "# Corpus throughput\n",
        f"`python -m bench.bench_corpus --articles {args.articles} --source {args.source}`, "
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, target: one ({TARGETS[0]!r}); each run "
        "into a fresh library (model load included in the wall time).\n",
        "| engine | workers | articles | paragraphs | wall s | articles/s | paragraphs/s | peak RSS per worker MB |"
        " vs local at equal workers |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        base = local.get(row["workers"])
        ratio = f"{row['wall_s'] / base['wall_s']:.2f}x time" if base and row["engine"] == "ray" else ""
        lines.append(
            f"| {row['engine']} | {row['workers']} | {row['articles']} | {row['paragraphs']} | {row['wall_s']:.1f} | "
            f"{row['articles_per_s']:.2f} | {row['paragraphs_per_s']:.1f} | {row['worker_peak_mb']:.0f} | {ratio} |"
        )
    publish("\n".join(lines) + "\n", path=RESULTS, write=not args.no_write)


if __name__ == "__main__":
    main()
