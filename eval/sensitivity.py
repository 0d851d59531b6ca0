"""The target-sensitivity table: does a stance score follow the target, not the tone?

Each row is a news-style statement with its own target and stance, an opposite target (the stance flips)
and an unrelated target (no stance); ``tone`` says whether the statement's tone is the opposite of its
stance (angry support, polite opposition). ``tests/data/target_sensitivity.csv`` is the test table (60 rows),
``train/target_dev.csv`` the dev table used for model selection (other topics and statements).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_TABLE = REPO / "tests" / "data" / "target_sensitivity.csv"
DEV_TABLE = REPO / "train" / "target_dev.csv"
FLIP = {"favor": "against", "against": "favor"}


@dataclass(frozen=True)
class Row:
    statement: str
    target: str
    stance: str
    opposite_target: str
    unrelated_target: str
    tone: str


@dataclass(frozen=True)
class Result:
    rows: int
    own_sign: float
    """Share of rows whose score toward their own target has the right sign."""
    opposite_flip: float
    """Share of rows whose label toward the opposite target is the flipped stance."""
    unrelated_none: float
    """Share of rows labelled none toward the unrelated target."""
    own_sign_opposite_tone: float
    misses: tuple[str, ...]


def read_table(path: Path) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [Row(**row) for row in csv.DictReader(handle)]


def measure(rows: Sequence[Row], score: Callable[[list[str], list[str]], list[tuple[str, float]]]) -> Result:
    """``score(texts, targets)`` returns (label, score) per pair."""
    texts = [r.statement for r in rows] * 3
    targets = (
        [r.target for r in rows] + [r.opposite_target for r in rows] + [r.unrelated_target for r in rows]
    )
    results = score(texts, targets)
    n = len(rows)
    own, opposite, unrelated = results[:n], results[n : 2 * n], results[2 * n :]
    own_ok = [(s > 0) == (r.stance == "favor") and s != 0 for r, (_, s) in zip(rows, own, strict=True)]
    flip_ok = [label == FLIP[r.stance] for r, (label, _) in zip(rows, opposite, strict=True)]
    none_ok = [label == "none" for label, _ in unrelated]
    misses = []
    for r, ok_own, ok_flip, ok_none, o, p, u in zip(
        rows, own_ok, flip_ok, none_ok, own, opposite, unrelated, strict=True
    ):
        if not ok_own:
            misses.append(f"own {r.stance} got {o[1]:+.2f}: {r.target} | {r.statement[:60]}")
        if not ok_flip:
            misses.append(f"opposite {FLIP[r.stance]} got {p[0]} {p[1]:+.2f}: {r.opposite_target}")
        if not ok_none:
            misses.append(f"unrelated got {u[0]} {u[1]:+.2f}: {r.unrelated_target}")
    opposite_tone = [ok for r, ok in zip(rows, own_ok, strict=True) if r.tone == "opposite"]
    return Result(
        rows=n,
        own_sign=sum(own_ok) / n,
        opposite_flip=sum(flip_ok) / n,
        unrelated_none=sum(none_ok) / n,
        own_sign_opposite_tone=sum(opposite_tone) / max(1, len(opposite_tone)),
        misses=tuple(misses),
    )


def scorer_function(stance_scorer) -> Callable[[list[str], list[str]], list[tuple[str, float]]]:
    """Adapts an ``analysis.models`` stance scorer to :func:`measure`."""

    def score(texts: list[str], targets: list[str]) -> list[tuple[str, float]]:
        return [(r.label, r.score) for r in stance_scorer.score(texts, targets=targets)]

    return score
