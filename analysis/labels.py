"""One rule from a score to its label, used for every unit, table, hover, tooltip and export.

A score is p(last label) - p(first label), in -1..1 (stance: p(favor) - p(against); sentiment:
p(positive) - p(negative)). The label is the first label at or below ``-BAND``, the last at or above
``+BAND``, and the middle one in between, so a higher score never gets a less favourable label:
a 0.25 paragraph can no longer read "none" beside a 0.196 "favor". The models' temperatures are fitted
(``models/*/calibration.json``) so that this band is where their dev decisions are best.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

STANCE_LABELS = ("against", "none", "favor")
SENTIMENT_LABELS = ("negative", "neutral", "positive")
BAND = 0.2
"""Half-width of the middle label's band around 0."""


def label_for(
    score: float | None, *, labels: Sequence[str] = STANCE_LABELS, band: float = BAND
) -> str | None:
    """The label of ``score`` under the one rule; ``None`` for a missing score."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    if score >= band:
        return labels[-1]
    if score <= -band:
        return labels[0]
    return labels[len(labels) // 2]


def stance_label(score: float | None) -> str | None:
    return label_for(score, labels=STANCE_LABELS)


def sentiment_label(score: float | None) -> str | None:
    return label_for(score, labels=SENTIMENT_LABELS)
