"""The relevance gate (analysis/relevance.py), measured.

    .venv/bin/python -m eval.evaluate_relevance [--articles 40] [--pairs 800]

1. VAST train (the band is chosen here, never on dev): the mean share of favor/against mass the gate keeps for
   comment-topic pairs with a stance, and for pairs whose topic was borrowed from another comment (type_idx 4),
   for several bands.
2. BASIL (every 5th article, up to ``--articles``): the label shares of all statements toward the seed's target
   (2010-2019 US politics, almost none about militias in Iraq) and toward "Barack Obama", with the gate off and
   on, and the analysis time of both, interleaved article by article.
3. The seed's key quotes with the gate off and on.

Writes eval/results/relevance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "eval" / "results" / "relevance.md"
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"
BANDS = ((0.0, 0.1), (0.05, 0.15), (0.1, 0.2), (0.1, 0.25))
KEY_QUOTES = (
    "We reacted defensively",
    "Now Iranian-backed",
    "No more Benghazis",
    "withdraw from the (nuclear)",
    "move away from the Iranian",
    "eternal wars",
)


def vast_bands(scorer, *, pairs: int) -> list[str]:
    from analysis import relevance
    from train.data import vast_train

    examples = vast_train()
    random.Random(1).shuffle(examples)
    unrelated = [e for e in examples if e.source == "vast_t4"][:pairs]
    related = [e for e in examples if e.source != "vast_t4" and e.label != 1][:pairs]

    def similarity(rows) -> np.ndarray:
        return (scorer.embed([e.a for e in rows]) * scorer.embed([e.b for e in rows])).sum(-1)

    related_sim, unrelated_sim = similarity(related), similarity(unrelated)
    lines = [
        f"VAST train, {len(related)} pairs with a stance and {len(unrelated)} with a borrowed topic: the mean "
        "share of favor/against mass the gate keeps (the text alone, no paragraph).\n",
        "| band (low-high) | related pairs | unrelated pairs |",
        "|---|---:|---:|",
    ]
    for low, high in BANDS:
        kept_related = np.mean([relevance.weight(float(s), low=low, high=high) for s in related_sim])
        kept_unrelated = np.mean([relevance.weight(float(s), low=low, high=high) for s in unrelated_sim])
        shipped = " (shipped)" if (low, high) == (relevance.LOW, relevance.HIGH) else ""
        lines.append(f"| {low}-{high}{shipped} | {kept_related:.3f} | {kept_unrelated:.3f} |")
    return lines


def corpus_and_seed(*, articles: int) -> list[str]:
    from analysis import aggregate
    from analysis.models import load_scorers, load_settings
    from analysis.pipeline import analyze
    from analysis.reading import read_article, read_path
    from bench.corpus_data import basil_items

    gated = load_scorers(load_settings())
    plain = dataclasses.replace(gated, relevance=None)
    configs = {"gate off": plain, "gate on": gated}
    lines = [
        "\nThe seed's key quotes toward its target (stance score):\n",
        "| quote | gate off | gate on |",
        "|---|---:|---:|",
    ]
    seed = read_path(REPO / "seeds" / "000_e0fae7b1ce5278b9.txt")
    tables = {}
    for name, scorers in configs.items():
        analysis = analyze(article=seed, targets=[SEED_TARGET], scorers=scorers)
        tables[name] = aggregate.statement_stances(analysis.statements, analysis.stances)
    for quote in KEY_QUOTES:
        cells = [
            f"{float(t.loc[t['text'].str.contains(quote, regex=False), 'stance'].iloc[0]):+.2f}"
            for t in tables.values()
        ]
        lines.append(f"| {quote} | {' | '.join(cells)} |")

    items = [
        read_article(data=i.text.encode("utf-8"), name="basil.txt") for i in basil_items()[::5][:articles]
    ]
    seconds = dict.fromkeys(configs, 0.0)
    rows: dict[str, list[pd.DataFrame]] = {name: [] for name in configs}
    for article in items:
        for name, scorers in configs.items():  # interleaved, so load drift hits both alike
            started = time.perf_counter()
            analysis = analyze(article=article, targets=[SEED_TARGET, "Barack Obama"], scorers=scorers)
            seconds[name] += time.perf_counter() - started
            rows[name].append(aggregate.statement_stances(analysis.statements, analysis.stances))
    lines += [
        f"\nBASIL, {len(items)} articles (every 5th), all statements: label shares.\n",
        "| target | gate | favor | none | against | statements |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for target in (SEED_TARGET, "Barack Obama"):
        for name in configs:
            table = pd.concat(rows[name])
            labels = table.loc[table["target"] == target, "stance_label"]
            share = labels.value_counts(normalize=True)
            lines.append(
                f"| {target} | {name} | {share.get('favor', 0):.3f} | {share.get('none', 0):.3f} | "
                f"{share.get('against', 0):.3f} | {len(labels)} |"
            )
    lines.append(
        f"\nAnalysis time for the {len(items)} articles, two targets: gate off {seconds['gate off']:.1f} s, "
        f"gate on {seconds['gate on']:.1f} s ({seconds['gate on'] / seconds['gate off']:.2f}x)."
    )
    return lines


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--pairs", type=int, default=800)
    args = ap.parse_args(argv)
    from analysis import relevance

    scorer = relevance.load_relevance_scorer(relevance.relevance_path())
    lines = [
        "# Relevance gate\n",
        f"`python -m eval.evaluate_relevance --articles {args.articles}`, {time.strftime('%Y-%m-%d %H:%M')} UTC; "
        f"shipped band {relevance.LOW}-{relevance.HIGH}.\n",
        *vast_bands(scorer, pairs=args.pairs),
        *corpus_and_seed(articles=args.articles),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
