"""Who names the speaker when a rule and the learned tagger disagree: measured, written as a table.

For every statement a rule attributed, the tagger's attribution over the same content has a source of its
own. Where that source does not overlap the rule's mention, one of the two is usually right. This script
counts, per ``Statement.rule``, how often each was right against PolNeAR's gold Source, on the 5% of PolNeAR
**train** articles that the tagger's training held out (``train.attribution``: seed 13); dev stays for
reporting. A rule whose disagreements the tagger wins by ``MARGIN`` or more is written ``prefer=tagger`` to
``analysis/attribution/data/source_arbitration.csv``, which ``merge.merge`` reads.

    python -m eval.tune_source_arbitration          # measure and rewrite the table
    python -m eval.tune_source_arbitration --dry-run
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict

from analysis.attribution import find_statements, tables
from analysis.attribution.learned import load_tagger, tagger_path
from analysis.paragraphs import split_paragraphs
from eval.evaluate_attribution import DATA, publication_dates, read_ann
from train.attribution import held_out_articles

TABLE = tables.DATA_DIR / "source_arbitration.csv"
MARGIN = 3
"""The tagger must win a rule's disagreements by this many more than the rule wins them."""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def measure(tagger, articles: list[tuple[str, str]]) -> dict[str, Counter]:
    """rule -> Counter of agree / rule / tagger / both / neither over ``articles`` ((name, text) pairs)."""
    base = DATA / "polnear" / "train"
    dates = publication_dates()
    outcomes: dict[str, Counter] = defaultdict(Counter)
    saved = tables.source_arbitration
    tables.source_arbitration = lambda: {}  # the rules' own speakers, undisturbed
    try:
        for name, text in articles:
            gold = read_ann(sorted((base / "attributions").glob(f"{name}*.ann"))[0])
            paragraphs = split_paragraphs(text=text)
            tagged = [a for per in tagger.tag(paragraphs) for a in per if a.source is not None]
            statements = find_statements(
                text=text, paragraphs=paragraphs, article_date=dates.get(name), tagger=tagger
            )
            for s in statements:
                if s.speaker_start is None or (s.rule or "").startswith("learned"):
                    continue
                mention = (s.speaker_start, s.speaker_end)
                over = [a for a in tagged if _overlap((a.content.start, a.content.end), (s.start, s.end))]
                if not over:
                    continue
                source = max(over, key=lambda a: _overlap((a.content.start, a.content.end), (s.start, s.end)))
                tagged_span = (source.source.start, source.source.end)
                if _overlap(tagged_span, mention):
                    outcomes[s.rule]["agree"] += 1
                    continue
                sources = [
                    g.source
                    for g in gold
                    if g.source and any(_overlap((s.start, s.end), c) for c in g.content)
                ]
                rule_right = any(_overlap(mention, g) for g in sources)
                tagger_right = any(_overlap(tagged_span, g) for g in sources)
                key = {(True, False): "rule", (False, True): "tagger", (True, True): "both"}.get(
                    (rule_right, tagger_right), "neither"
                )
                outcomes[s.rule][key] += 1
    finally:
        tables.source_arbitration = saved
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the table, do not write it")
    args = parser.parse_args(argv)
    path = tagger_path()
    if not path:
        print("no attribution tagger (models/attribution) to arbitrate with", file=sys.stderr)
        return 2
    articles = held_out_articles()
    outcomes = measure(load_tagger(path), articles)
    rows = []
    for rule in sorted(outcomes):
        c = outcomes[rule]
        prefer = "tagger" if c["tagger"] - c["rule"] >= MARGIN else "rule"
        rows.append(
            {
                "rule": rule,
                "prefer": prefer,
                "rule_right": c["rule"],
                "tagger_right": c["tagger"],
                "note": f"agree {c['agree']}, both right {c['both']}, neither {c['neither']}",
            }
        )
    print(f"{len(articles)} held-out PolNeAR train articles; tagger wins by >= {MARGIN} -> tagger")
    print("| rule | prefer | rule right | tagger right | note |\n|---|---|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['rule']} | {row['prefer']} | {row['rule_right']} | {row['tagger_right']} | {row['note']} |"
        )
    if not args.dry_run:
        with TABLE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["rule", "prefer"])
            writer.writeheader()
            writer.writerows(rows)
        tables.source_arbitration.cache_clear()
        print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
