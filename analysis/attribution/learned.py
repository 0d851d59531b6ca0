"""The learned attribution tagger: Source, Cue and Content spans in each paragraph (trained on PolNeAR).

A MiniLM token classifier (``models/attribution``, trained by ``python -m train.attribution``) tags every
token O / B-/I-SOURCE / B-/I-CUE / B-/I-CONTENT. This module runs it batched over an article's paragraphs,
decodes each window to the most probable valid BIO sequence (``viterbi``, with the tag transition scores
saved beside the model) and turns the tags into character spans, grouped into attributions: each content
with the cue and source nearest to it in its paragraph. ``extract`` decides what to keep (rules stay in charge where they are exact).
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from analysis.attribution.quotes import ABBREVIATION
from analysis.records import Paragraph

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TAGGER = PROJECT_ROOT / "models" / "attribution"
TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
MAX_TOKENS = 256
STRIDE = 48
TRANSITIONS_FILE = "bio_transitions.json"
MIN_CONTENT_CHARS = 12
"""Shorter contents are tagging noise ("it", a name), not statements."""
MIN_CONTENT_PROBABILITY = 0.6
"""A decoded content whose tokens the classifier calls content with a mean probability below this is dropped:
on the PolNeAR train articles (held-out 42, train[150:300]) these are mostly narration ("passed more
amendments", "has enjoyed a 20-point lead"), and dropping them raised speech-subset and overlap source F1 on
both sets (0.55 changed nearly nothing; 0.65 and above cost overlap on one set; 0.8 cost recall)."""


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    kind: str  # SOURCE, CUE or CONTENT
    start: int  # offsets into the article text
    end: int


@dataclass(frozen=True, slots=True)
class TaggedAttribution:
    content: TaggedSpan
    cue: TaggedSpan | None
    source: TaggedSpan | None


class Tagger:
    """The token classifier and its tokenizer; one forward pass at a time (sessions share it)."""

    def __init__(self, *, model, tokenizer, name: str, transitions: np.ndarray | None = None) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self._lock = threading.Lock()
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if tuple(labels) != TAGS:
            from analysis.models import ModelError

            raise ModelError(f"{name} is not an attribution tagger: its labels are {', '.join(labels)}.")
        self.transitions = BIO_ONLY if transitions is None else BIO_ONLY + transitions

    def _decode(self, scores: np.ndarray, offsets: list[tuple[int, int]]) -> list[int]:
        """One window's tags; its special tokens are the ones with no text."""
        text_tokens = [i for i, (start, end) in enumerate(offsets) if start != end]
        return decode_window(scores[: len(offsets)], text_tokens, transitions=self.transitions)

    def tag(
        self,
        paragraphs: list[Paragraph],
        *,
        batch_size: int = 32,
        min_content_probability: float = MIN_CONTENT_PROBABILITY,
    ) -> list[list[TaggedAttribution]]:
        """Attributions per paragraph, in paragraph order."""
        import torch

        windows: list[tuple[int, list[int], list[tuple[int, int]]]] = []
        for number, paragraph in enumerate(paragraphs):
            encoded = self.tokenizer(
                paragraph.text,
                truncation=True,
                max_length=MAX_TOKENS,
                stride=STRIDE,
                return_overflowing_tokens=True,
                return_offsets_mapping=True,
            )
            for window in range(len(encoded["input_ids"])):
                windows.append((number, encoded["input_ids"][window], encoded["offset_mapping"][window]))
        spans: list[dict[tuple[int, int], str]] = [{} for _ in paragraphs]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        with self._lock, torch.inference_mode():
            for begin in range(0, len(order), batch_size):
                chunk = [windows[i] for i in order[begin : begin + batch_size]]
                width = max(len(ids) for _, ids, _ in chunk)
                ids = torch.full((len(chunk), width), self.tokenizer.pad_token_id, dtype=torch.long)
                mask = torch.zeros((len(chunk), width), dtype=torch.long)
                for row, (_, window_ids, _) in enumerate(chunk):
                    ids[row, : len(window_ids)] = torch.tensor(window_ids)
                    mask[row, : len(window_ids)] = 1
                logits = self.model(input_ids=ids, attention_mask=mask).logits
                scores = logits.log_softmax(-1).numpy()
                predicted = [self._decode(scores[row], offsets) for row, (_, _, offsets) in enumerate(chunk)]
                for row, (number, _, offsets) in enumerate(chunk):
                    for kind, start, end in _char_spans(predicted[row], offsets):
                        if kind == "CONTENT" and (
                            content_probability(scores[row], offsets, start=start, end=end)
                            < min_content_probability
                        ):
                            continue
                        spans[number].setdefault((start, end), kind)
        return [
            _group(paragraph, sorted((s, e, k) for (s, e), k in found.items()))
            for paragraph, found in zip(paragraphs, spans, strict=True)
        ]


def _bio_constraint() -> np.ndarray:
    """0 where BIO allows tag ``current`` after tag ``previous`` (an I- only continues its own kind), else -inf."""
    allowed = np.zeros((len(TAGS), len(TAGS)))
    for current, name in enumerate(TAGS):
        if name.startswith("I-"):
            for previous, before in enumerate(TAGS):
                if before not in (f"B-{name[2:]}", name):
                    allowed[previous, current] = -np.inf
    return allowed


BIO_ONLY = _bio_constraint()
STARTS = np.array([-np.inf if name.startswith("I-") else 0.0 for name in TAGS])


def viterbi(scores: np.ndarray, *, transitions: np.ndarray = BIO_ONLY) -> list[int]:
    """The most probable tag sequence that is valid BIO (per-token log-probabilities in, tag ids out).

    The classifier tags each token alone, so its argmax can open a span with an I- or break one with a
    single O; decoding under the constraint keeps spans whole. ``transitions`` (previous x current) adds the
    model's tag transition scores (``bio_transitions.json``) to the constraint."""
    if len(scores) == 0:
        return []
    best = scores[0] + STARTS
    back = np.zeros(scores.shape, dtype=np.int64)
    for position in range(1, len(scores)):
        candidates = best[:, None] + transitions  # previous x current
        back[position] = candidates.argmax(0)
        best = candidates.max(0) + scores[position]
    path = [int(best.argmax())]
    for position in range(len(scores) - 1, 0, -1):
        path.append(int(back[position, path[-1]]))
    return path[::-1]


def decode_window(scores: np.ndarray, text_tokens: list[int], *, transitions: np.ndarray) -> list[int]:
    """A window's tags: its text tokens decoded as one sequence; the other positions (special tokens and
    padding, never labelled in training) are O and left out of the path."""
    tags = [0] * len(scores)
    for i, tag in zip(text_tokens, viterbi(scores[text_tokens], transitions=transitions), strict=True):
        tags[i] = tag
    return tags


def _char_spans(tags: list[int], offsets: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Character spans (paragraph offsets) from one window's BIO tags; an I- after O starts a span."""
    out: list[tuple[str, int, int]] = []
    current: list | None = None
    for tag, (start, end) in zip(tags, offsets, strict=False):
        name = "O" if start == end else TAGS[tag]  # special and padding tokens have empty offsets
        kind = name[2:] if name != "O" else ""
        if current is not None and (not kind or name.startswith("B-") or kind != current[0]):
            out.append(tuple(current))
            current = None
        if kind:
            if current is None:
                current = [kind, start, end]
            else:
                current[2] = end
    if current is not None:
        out.append(tuple(current))
    return out


def content_probability(scores: np.ndarray, offsets: list[tuple[int, int]], *, start: int, end: int) -> float:
    """Mean probability, over the window's tokens inside ``start:end``, that a token is B- or I-CONTENT."""
    inside = [i for i, (a, b) in enumerate(offsets) if a != b and a >= start and b <= end]
    if not inside:
        return 1.0
    content = np.exp(scores[inside][:, [TAGS.index("B-CONTENT"), TAGS.index("I-CONTENT")]]).sum(axis=1)
    return float(content.mean())


def _group(paragraph: Paragraph, spans: list[tuple[int, int, str]]) -> list[TaggedAttribution]:
    """Each content with the nearest cue and the source nearest that cue (same paragraph)."""
    base = paragraph.start
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:  # windows overlap: join touching spans of one kind
        if merged and merged[-1][2] == kind and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        else:
            merged.append((start, end, kind))
    contents = [(s, e) for s, e, k in merged if k == "CONTENT" and e - s >= MIN_CONTENT_CHARS]
    cues = [(s, e) for s, e, k in merged if k == "CUE"]
    sources = [(s, e) for s, e, k in merged if k == "SOURCE"]
    out = []
    text = paragraph.text
    for start, end in contents:
        cue = min(cues, key=lambda c: distance(text, c, (start, end)), default=None)
        anchor = cue or (start, end)
        source = min(sources, key=lambda s: distance(text, s, anchor), default=None)
        if cue is not None and _gap(cue, (start, end)) > 200:
            cue = None
        out.append(
            TaggedAttribution(
                content=TaggedSpan("CONTENT", base + start, base + end),
                cue=TaggedSpan("CUE", base + cue[0], base + cue[1]) if cue else None,
                source=TaggedSpan("SOURCE", base + source[0], base + source[1]) if source else None,
            )
        )
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


def distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> tuple[bool, int]:
    """How far apart two spans of a paragraph are: a sentence end between them first, then characters. A cue or
    source in the content's own sentence wins ("… were merchants, according to ouest-france.fr" takes
    "according to", not the "said" that ended the sentence before); on the PolNeAR train articles this raised
    overlap source F1 by 0.0015 (held-out), 0.0034 (train[:150]) and 0.0053 (train[150:300])."""
    gap = _gap(a, b)
    between = ABBREVIATION.sub("", text[min(a[1], b[1]) : max(a[0], b[0]) + 2])
    return (bool(gap) and _SENTENCE_END.search(between) is not None, gap)


def tagger_path(*, environ: dict[str, str] | None = None) -> str | None:
    """``STANCESCOPE_ATTRIBUTION_MODEL`` (``none`` turns the tagger off), else ``models/attribution`` if present."""
    env = os.environ if environ is None else environ
    value = env.get("STANCESCOPE_ATTRIBUTION_MODEL", "").strip()
    if value.lower() in ("none", "off", "0"):
        return None
    if value:
        return value
    return str(DEFAULT_TAGGER) if (DEFAULT_TAGGER / "config.json").is_file() else None


@cache
def load_tagger(path: str, *, threads: int = 2) -> Tagger:
    from analysis.models import load_local_folder

    model, tokenizer = load_local_folder(
        path,
        auto_class="AutoModelForTokenClassification",
        what="attribution model",
        missing=f"No attribution model folder at {path}.",
        threads=threads,
    )
    return Tagger(model=model, tokenizer=tokenizer, name=path, transitions=read_transitions(Path(path)))


def read_transitions(folder: Path) -> np.ndarray | None:
    """The tag transition scores saved beside the model (``train.attribution``), or None if it has none."""
    path = folder / TRANSITIONS_FILE
    if not path.is_file():
        return None
    from analysis.models import ModelError

    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        scores = np.array(table["scores"], dtype=float)
    except (ValueError, KeyError, TypeError) as error:
        raise ModelError(f"Cannot read the attribution model's {path.name} ({error}).") from None
    if tuple(table.get("tags", ())) != TAGS or scores.shape != (len(TAGS), len(TAGS)):
        raise ModelError(f"{path} does not hold transition scores for the tags {', '.join(TAGS)}.")
    return scores
