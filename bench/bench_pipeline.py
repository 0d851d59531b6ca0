"""Whole-analysis time of a 1,600-word article: the rules alone against the rules with the learned attribution
tagger, interleaved in one run (the ratio is what counts; absolute times drift with the machine's load).

    .venv/bin/python -m bench.bench_pipeline [--repeats 5]

The article is the seed followed by the second (fictional) seed, cut to 1,600 words. Both configurations load
the same sentiment and stance models; the tagger runs batched on the same torch threads. Writes
bench/results/pipeline.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bench import publish

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "pipeline.md"
TARGET = "US military strikes against Iran-backed militias in Iraq"


def article_of(words: int):
    from analysis.reading import read_article

    text = "\n\n".join(
        (REPO / "seeds" / name).read_text(encoding="utf-8")
        for name in ("000_e0fae7b1ce5278b9.txt", "001_senators_split_on_strikes.txt")
    )
    paragraphs, count = [], 0
    for paragraph in text.split("\n\n"):
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return read_article(data="\n\n".join(paragraphs).encode("utf-8"), name="bench.txt")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--words", type=int, default=1600)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    from analysis.models import load_scorers, load_settings
    from analysis.pipeline import analyze

    settings = load_settings()
    with_tagger = load_scorers(settings)
    rules_only = replace(with_tagger, attribution=None)
    article = article_of(args.words)
    configs = {"rules only": rules_only, "rules + learned tagger": with_tagger}
    for scorers in configs.values():  # warm-up: spaCy, first batches
        analyze(article=article, targets=[TARGET], scorers=scorers)
    times: dict[str, list[float]] = {name: [] for name in configs}
    statements: dict[str, int] = {}
    for _ in range(args.repeats):
        for name, scorers in configs.items():
            started = time.perf_counter()
            result = analyze(article=article, targets=[TARGET], scorers=scorers)
            times[name].append(time.perf_counter() - started)
            statements[name] = len(result.statements)
    base = statistics.median(times["rules only"])
    words = len(article.text.split())
    lines = [
        f"# Whole analysis of a {words}-word article ({len(result.paragraphs)} paragraphs), one target\n",
        f"`python -m bench.bench_pipeline --repeats {args.repeats}`, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
        f"{settings.threads} torch threads, median of {args.repeats} interleaved runs.\n",
        "| configuration | median s | statements | vs rules only |",
        "|---|---:|---:|---:|",
    ]
    for name, values in times.items():
        lines.append(
            f"| {name} | {statistics.median(values):.2f} | {statements[name]} | {statistics.median(values) / base:.2f}x |"
        )
    if settings.attribution is None:
        lines.append("\n(No attribution model found: both rows ran the rules alone.)")
    publish("\n".join(lines) + "\n", path=RESULTS, write=not args.no_write)


if __name__ == "__main__":
    main()
