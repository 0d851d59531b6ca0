"""Train the attribution tagger: BIO tags for Source, Cue and Content over each paragraph (PolNeAR train).

    .venv/bin/python -m train.attribution            # full recipe, writes models/attribution/ (resumes)
    .venv/bin/python -m train.attribution --quick    # smoke run, no export

A MiniLM token-classification head (from the PyPI base encoder) reads one paragraph at a time, as the app
splits it, and tags every token O, B-/I-SOURCE, B-/I-CUE or B-/I-CONTENT. Nested attributions ("X said
that Y believes Z") are flattened with the innermost span winning (cue over source over content, shorter
content over longer), which is the statement the app shows. Model selection on 5% of the training articles
(held out by article); PolNeAR dev is for reporting only (``python -m eval.evaluate_attribution``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from analysis.attribution.learned import TRANSITIONS_FILE
from train.common import (
    MODELS,
    RUNS,
    Logger,
    base_model_dir,
    data_dir,
    export_fp16,
    set_seed,
    set_threads,
    train_model,
)

TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
KINDS = ("SOURCE", "CUE", "CONTENT")
PRIORITY = {"CUE": 3, "SOURCE": 2, "CONTENT": 1}
MAX_TOKENS = 256
STRIDE = 48
HELD_OUT_SEED = 13
"""The default --seed: it also picks the held-out articles, which the arbitration tuner and the evaluation's
``--split heldout`` reuse."""


@dataclass(frozen=True)
class Span:
    kind: str  # SOURCE, CUE or CONTENT
    start: int
    end: int


def read_spans(ann: Path) -> list[Span]:
    """Source, Cue and Content spans of a brat file (each fragment of a discontinuous span on its own)."""
    names = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        if label not in names:
            continue
        for piece in offsets.split(";"):
            start, end = (int(x) for x in piece.split()[-2:])
            spans.append(Span(names[label], start, end))
    return spans


def polnear_articles(split: str) -> list[tuple[str, str, list[Span]]]:
    """(name, text, spans) per article; articles with several annotators use the first file in sorted order."""
    root = data_dir() / "polnear" / split
    out = []
    for text_path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(text_path.stem + "*.ann"))
        if not anns:
            continue
        out.append((text_path.stem, text_path.read_text(encoding="utf-8"), read_spans(anns[0])))
    return out


def other_annotations(names: set[str], split: str = "train") -> list[tuple[str, str, list[Span]]]:
    """(name, text, spans) for the second and later annotators' files of the named articles."""
    root = data_dir() / "polnear" / split
    out = []
    for name in sorted(names):
        text_path = root / "text" / f"{name}.txt"
        for ann in sorted((root / "attributions").glob(name + "*.ann"))[1:]:
            out.append((name, text_path.read_text(encoding="utf-8"), read_spans(ann)))
    return out


def held_out_split(articles: list, *, seed: int) -> tuple[list, list]:
    """(held-out, training) articles: a seeded 5% by article, for model selection (and the arbitration table)."""
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    held = max(1, len(shuffled) // 20)
    return shuffled[:held], shuffled[held:]


def held_out_articles() -> list[tuple[str, str]]:
    """(name, text) of the PolNeAR train articles the tagger's training holds out (default seed), by name:
    where the arbitration table and the merge and decoding choices are measured."""
    held, _training = held_out_split(polnear_articles("train"), seed=HELD_OUT_SEED)
    return sorted((name, text) for name, text, _spans in held)


def char_tags(length: int, spans: list[Span]) -> list[tuple[str, int]]:
    """Per character: (kind, id of the span it belongs to) with the innermost span winning; ("", -1) outside."""
    owner: list[tuple[str, int]] = [("", -1)] * length
    rank = [(-1, 0)] * length
    for number, span in enumerate(spans):
        key = (PRIORITY[span.kind], -(span.end - span.start))
        for i in range(max(0, span.start), min(length, span.end)):
            if key > rank[i]:
                rank[i], owner[i] = key, (span.kind, number)
    return owner


def paragraph_examples(tokenizer, text: str, spans: list[Span]) -> list[dict]:
    """Token windows of every paragraph (split as the app splits), labelled from the character tags."""
    from analysis.paragraphs import split_paragraphs

    owner = char_tags(len(text), spans)
    items = []
    for paragraph in split_paragraphs(text=text):
        encoded = tokenizer(
            paragraph.text,
            truncation=True,
            max_length=MAX_TOKENS,
            stride=STRIDE,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
        )
        for window in range(len(encoded["input_ids"])):
            labels, previous = [], None
            for start, end in encoded["offset_mapping"][window]:
                if start == end:  # special tokens
                    labels.append(-100)
                    previous = None
                    continue
                kind, number = owner[paragraph.start + start]
                if not kind:
                    labels.append(0)
                    previous = None
                    continue
                begin = previous != number
                labels.append(TAGS.index(("B-" if begin else "I-") + kind))
                previous = number
            items.append(
                {
                    "input_ids": encoded["input_ids"][window],
                    "token_type_ids": encoded["token_type_ids"][window]
                    if "token_type_ids" in encoded
                    else None,
                    "labels": labels,
                }
            )
    return items


def bio_transitions(items: list[dict]) -> list[list[float]]:
    """How much more (or less) likely each tag is right after each other tag than it is anywhere:
    log p(current | previous) - log p(current), counted over the training windows' labels (add-one smoothed).
    ``learned.viterbi`` adds them to the classifier's per-token log-probabilities, which makes the tagger a
    CRF-like sequence model without retraining it (a content after a cue, a source before one)."""
    pairs = np.ones((len(TAGS), len(TAGS)))
    singles = np.ones(len(TAGS))
    for item in items:
        labels = [label for label in item["labels"] if label != -100]
        for label in labels:
            singles[label] += 1
        for previous, current in zip(labels, labels[1:], strict=False):
            pairs[previous, current] += 1
    conditional = pairs / pairs.sum(1, keepdims=True)
    marginal = singles / singles.sum()
    return np.round(np.log(conditional) - np.log(marginal)[None, :], 4).tolist()


def write_transitions(scores: list[list[float]], out: Path, *, origin: str) -> Path:
    path = out / TRANSITIONS_FILE
    path.write_text(
        json.dumps({"tags": list(TAGS), "scores": scores, "from": origin}) + "\n", encoding="utf-8"
    )
    return path


def collate_tags(items: list[dict], pad_id: int) -> dict[str, torch.Tensor]:
    n = max(len(it["input_ids"]) for it in items)
    ids = torch.full((len(items), n), pad_id, dtype=torch.long)
    att = torch.zeros((len(items), n), dtype=torch.long)
    labels = torch.full((len(items), n), -100, dtype=torch.long)
    for row, it in enumerate(items):
        length = len(it["input_ids"])
        ids[row, :length] = torch.tensor(it["input_ids"])
        att[row, :length] = 1
        if "labels" in it:
            labels[row, :length] = torch.tensor(it["labels"])
    return {"input_ids": ids, "attention_mask": att, "labels": labels}


def decode(tags: list[int]) -> set[tuple[str, int, int]]:
    """(kind, first token, end token) spans from a BIO sequence (an I- without its B- starts a span)."""
    spans, current = set(), None
    for i, tag in enumerate([*tags, 0]):
        name = TAGS[tag] if tag >= 0 else "O"
        kind = name[2:] if name != "O" else ""
        if current and (name == "O" or name.startswith("B-") or kind != current[0]):
            spans.add((current[0], current[1], i))
            current = None
        if kind and current is None:
            current = (kind, i)
    return spans


class CrfTagger(torch.nn.Module):
    """The token classifier with a linear-chain CRF on top: the loss is the negative log-likelihood of the
    whole tag sequence, with a learned transition score for every (previous, current) pair of tags.

    At run time nothing changes but the transition table: ``learned.viterbi`` adds ``bio_transitions.json``
    to the classifier's log-probabilities, and since log-softmax only shifts each token's scores by a
    constant, the best path is the CRF's own. The first tag is fixed as at run time (no I- opens a window)."""

    def __init__(self, encoder, transitions: np.ndarray | None = None) -> None:
        super().__init__()
        self.encoder = encoder
        start = torch.zeros((len(TAGS), len(TAGS))) if transitions is None else torch.tensor(transitions)
        self.transitions = torch.nn.Parameter(start.float())
        self.register_buffer(
            "starts", torch.tensor([-1e4 if tag.startswith("I-") else 0.0 for tag in TAGS]), persistent=False
        )

    def forward(self, input_ids, attention_mask, labels=None):
        from types import SimpleNamespace

        logits = self.encoder(input_ids=input_ids, attention_mask=attention_mask).logits
        if labels is None:
            return SimpleNamespace(logits=logits, loss=None)
        return SimpleNamespace(logits=logits, loss=self.neg_log_likelihood(logits, labels))

    def neg_log_likelihood(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        valid = labels != -100
        # the labelled tokens of each row, moved to the front (special tokens and padding are unlabelled)
        order = torch.argsort((~valid).int(), dim=1, stable=True)
        emissions = logits.log_softmax(-1).gather(1, order[..., None].expand(-1, -1, logits.size(-1)))
        tags = labels.gather(1, order).clamp(min=0)
        lengths = valid.sum(1)
        mask = torch.arange(tags.size(1))[None, :] < lengths[:, None]
        rows = torch.arange(tags.size(0))
        gold = self.starts[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
        alpha = self.starts[None, :] + emissions[:, 0]
        for t in range(1, tags.size(1)):
            step = mask[:, t]
            gold = gold + step * (
                self.transitions[tags[:, t - 1], tags[:, t]] + emissions[rows, t, tags[:, t]]
            )
            moved = torch.logsumexp(alpha[:, :, None] + self.transitions[None], dim=1) + emissions[:, t]
            alpha = torch.where(step[:, None], moved, alpha)
        has_tags = lengths > 0
        return (torch.logsumexp(alpha, dim=1) - gold)[has_tags].mean()


@torch.no_grad()
def span_f1(model, items: list[dict], pad_id: int, batch_size: int = 32) -> dict[str, float]:
    """Exact span F1 per kind over token spans (the held-out articles' windows)."""
    model.eval()
    found = {k: [0, 0, 0] for k in KINDS}  # true positives, predicted, gold
    for begin in range(0, len(items), batch_size):
        chunk = items[begin : begin + batch_size]
        batch = collate_tags(chunk, pad_id)
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        if isinstance(model, CrfTagger):  # decoded as at run time: the labelled (text) tokens only
            from analysis.attribution.learned import BIO_ONLY, decode_window

            table = BIO_ONLY + model.transitions.detach().numpy()
            scores = logits.log_softmax(-1).numpy()
            predicted = torch.tensor(
                [
                    decode_window(
                        scores[row],
                        [i for i, label in enumerate(item["labels"]) if label != -100],
                        transitions=table,
                    )
                    for row, item in enumerate(chunk)
                ],
                dtype=torch.long,
            )
        else:
            predicted = logits.argmax(-1)
        for row, item in enumerate(chunk):
            keep = [i for i, label in enumerate(item["labels"]) if label != -100]
            gold = decode([item["labels"][i] for i in keep])
            guess = decode([int(predicted[row, i]) for i in keep])
            for kind in KINDS:
                g = {s for s in gold if s[0] == kind}
                p = {s for s in guess if s[0] == kind}
                found[kind][0] += len(g & p)
                found[kind][1] += len(p)
                found[kind][2] += len(g)
    metrics = {}
    for kind, (tp, predicted_n, gold_n) in found.items():
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / gold_n if gold_n else 0.0
        metrics[f"{kind.lower()}_f1"] = 2 * precision * recall / (precision + recall) if tp else 0.0
    model.train()
    return metrics


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=float, default=6.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=HELD_OUT_SEED)
    ap.add_argument("--eval-every", type=int, default=800)
    ap.add_argument(
        "--max-minutes", type=float, default=None, help="pause after this many minutes (resumable)"
    )
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument(
        "--transitions-only",
        action="store_true",
        help="write the tag transition table for the model in --out from the training labels, without training",
    )
    ap.add_argument("--out", default=str(MODELS / "attribution"))
    ap.add_argument("--init", default=None, help="start from this tagger folder instead of the base encoder")
    ap.add_argument(
        "--other-annotators",
        action="store_true",
        help="also train on the second and later annotators' files of the training articles",
    )
    ap.add_argument("--run-name", default="attribution", help="folder under train/runs (checkpoints, log)")
    ap.add_argument(
        "--crf",
        action="store_true",
        help="train with a CRF loss and learned transitions (starting from --init's bio_transitions.json)",
    )
    args = ap.parse_args(argv)

    set_threads()
    set_seed(args.seed)
    run_dir = RUNS / ("attribution_quick" if args.quick else args.run_name)
    run_dir.mkdir(parents=True, exist_ok=True)
    log = Logger(run_dir / "train.log")
    t0 = time.time()
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    base = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(
        args.init or base,
        dtype=torch.float32,
        num_labels=len(TAGS),
        id2label=dict(enumerate(TAGS)),
        label2id={t: i for i, t in enumerate(TAGS)},
        local_files_only=True,
    )
    val_articles, train_articles = held_out_split(polnear_articles("train"), seed=args.seed)
    if args.quick:
        train_articles, val_articles = train_articles[:12], val_articles[:3]
        args.epochs = 1
    if args.other_annotators:
        train_articles = train_articles + other_annotations({name for name, _t, _s in train_articles})
    train_items = [
        item for _, text, spans in train_articles for item in paragraph_examples(tokenizer, text, spans)
    ]
    val_items = [
        item for _, text, spans in val_articles for item in paragraph_examples(tokenizer, text, spans)
    ]
    counted = f"counted over {len(train_items)} training windows"
    if args.transitions_only:
        print(write_transitions(bio_transitions(train_items), Path(args.out), origin=counted))
        return
    if args.crf:
        from analysis.attribution.learned import read_transitions

        model = CrfTagger(model, read_transitions(Path(args.init)) if args.init else None)
    log(f"args {vars(args)}")
    log(
        f"{len(train_articles)} train articles -> {len(train_items)} windows; {len(val_articles)} held-out "
        f"articles -> {len(val_items)} windows; mean tokens {np.mean([len(i['input_ids']) for i in train_items]):.1f}"
    )
    result = train_model(
        model,
        tokenizer,
        [],
        {},
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch,
        max_len=MAX_TOKENS,
        seed=args.seed,
        log=log,
        run_dir=run_dir,
        eval_every=args.eval_every if not args.quick else 10,
        max_minutes=args.max_minutes,
        encoded_train=train_items,
        collate_fn=collate_tags,
        evaluate_fn=lambda m: span_f1(m, val_items, tokenizer.pad_token_id),
        select=lambda m: 0.5 * m["content_f1"] + 0.3 * m["source_f1"] + 0.2 * m["cue_f1"],
    )
    if not result.finished:
        return
    model = result.model
    best_val = next(h["metrics"] for h in result.history if h["tag"] == result.best_tag)
    summary = {
        "best": result.best_tag,
        "train_seconds": round(result.train_seconds),
        "total_seconds": round(time.time() - t0),
        "mean_load": round(result.load_avg, 2),
        "stage": "attribution tagger",
        "n_train": len(train_items),
        "n_train_articles": len(train_articles),
        "n_train_windows": len(train_items),
        "n_heldout_articles": len(val_articles),
        "args": vars(args),
        "best_val": best_val,
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    log(f"summary {summary}")
    if not (args.quick or args.no_export):
        if isinstance(model, CrfTagger):
            export_fp16(model.encoder, tokenizer, Path(args.out), dict(enumerate(TAGS)))
            learned_table = np.round(model.transitions.detach().numpy().astype(float), 4).tolist()
            table = write_transitions(learned_table, Path(args.out), origin="learned by the CRF loss")
        else:
            export_fp16(model, tokenizer, Path(args.out), dict(enumerate(TAGS)))
            table = write_transitions(bio_transitions(train_items), Path(args.out), origin=counted)
        log(f"exported to {args.out}; transitions {table}")
        if Path(args.out).resolve() == (MODELS / "attribution").resolve():
            from train.cards import write_card

            log(f"model card {write_card('attribution')}")
    log(f"total wall {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
