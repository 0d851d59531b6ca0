"""Train the 3-class stance model (against / none / favor), input pair (target, text).

    .venv/bin/python -m train.stance             # full recipe, writes models/stance/
    .venv/bin/python -m train.stance --quick     # smoke run, no export

Initialisation: the fine-tuned sentiment model from `train.sentiment` (train/runs/sentiment/best, else
models/sentiment). Its head rows line up with ours (negative->against, neutral->none, positive->favor);
a feasibility prototype measured about +8 F1 points on TweetEval stance from this warm start.
Falls back to the base MiniLM (fresh head) with --from-base.

One mixed stage (NLI + stance) so the NLI signal is not forgotten, 2 epochs, dynamic padding:
  * SNLI subset (hypothesis as target, premise as text): entailment->favor, contradiction->against, neutral->none
  * RTE train: entailment->favor, not_entailment->none
  * TweetEval stance train (natural-language targets, e.g. "legalization of abortion")
  * CHATStance train (free-text claim targets)
  * IBM ArgQ 30k train (debate motions), plus negated-motion copies with flipped labels
    ("We should ban X" -> "We should not ban X"), which forces the model to read the target
  * COVID-19-Stance train, WT-WT train (balanced subsample)
Model selection on validation splits of the *training* sets only (CHATStance val, IBM val, COVID val, RTE val).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

import numpy as np

from train import data as ds
from train.common import (
    MODELS,
    RUNS,
    Example,
    Logger,
    base_model_dir,
    macro_f1,
    set_seed,
    set_threads,
    ship_model,
    train_model,
)

ID2LABEL = {0: "against", 1: "none", 2: "favor"}
FLIP = {ds.AGAINST: ds.FAVOR, ds.FAVOR: ds.AGAINST, ds.NONE: ds.NONE}

_NEG_RE = re.compile(r"\b(should|must|will|can|would|is|are)\b(?! not\b)", re.I)


def negate_target(t: str) -> str | None:
    """'We should ban X' -> 'We should not ban X'. Returns None when no modal/copula to negate."""
    m = _NEG_RE.search(t)
    if not m:
        return None
    return t[: m.end()] + " not" + t[m.end() :]


def negated_copies(xs: list[Example], n: int, seed: int, src: str) -> list[Example]:
    out = []
    for e in ds.subsample(xs, n * 2, seed):
        nt = negate_target(e.a)
        if nt:
            out.append(Example(nt, e.b, FLIP[e.label], src))
        if len(out) >= n:
            break
    return out


def build(seed: int, scale: float = 1.0):
    S = lambda n: int(n * scale)  # noqa: E731
    ibm = ds.ibm_argq("train")
    chat = ds.chatstance("train")
    train = []
    train += ds.subsample(ds.snli("train"), S(3000), seed)
    train += ds.subsample(ds.rte("train"), S(1000), seed + 1)
    train += ds.tweeteval_stance("train")
    chat_sub = ds.subsample(chat, S(5200), seed + 2)
    train += chat_sub
    train += negated_copies(
        [e for e in chat_sub if e.label != ds.NONE], S(500), seed + 3, "chatstance_negated"
    )
    ibm_sub = ds.subsample(ibm, S(3000), seed + 4)
    train += ibm_sub
    train += negated_copies(ibm_sub, S(700), seed + 5, "ibm_negated")
    train += ds.subsample(ds.covid_stance("train"), S(2000), seed + 6)
    train += ds.balanced(ds.wtwt("train"), S(300), seed + 7)
    val = {
        "chatstance_val": ds.subsample(ds.chatstance("val"), 450, seed + 8),
        "ibm_val": ds.subsample(ds.ibm_argq("val"), 300, seed + 9),
        "covid_val": ds.subsample(ds.covid_stance("val"), 400, seed + 10),
        "rte_val": ds.subsample(ds.rte("val"), 200, seed + 11),
    }
    return train, val


VAL_LABELS = {"ibm_val": (0, 2), "rte_val": (1, 2)}


def val_metric(y, probs, name):
    labels = VAL_LABELS.get(name, (0, 1, 2))
    p = probs.copy()
    if len(labels) < 3:  # restrict the decision to the classes that exist in that set
        mask = np.full(3, -1.0)
        mask[list(labels)] = 0
        p = p + mask * 10
    return macro_f1(y, p.argmax(1), labels)


def load_init(args, log):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if args.from_base:
        src = base_model_dir()
    else:
        cands = [Path(args.init)] if args.init else [RUNS / "sentiment" / "best", MODELS / "sentiment"]
        src = next((c for c in cands if (c / "config.json").exists()), None)
        if src is None:
            raise SystemExit(
                "no sentiment model found to initialise from; run `python -m train.sentiment` or pass --from-base"
            )
    log(f"initialising from {src}")
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        src,
        num_labels=3,
        id2label=ID2LABEL,
        label2id={v: k for k, v in ID2LABEL.items()},
        local_files_only=True,
        ignore_mismatched_sizes=True,
    )
    model.float()
    return model, tok, str(src)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=160)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--scale", type=float, default=1.0, help="scale all subsample sizes")
    ap.add_argument("--init", default=None, help="model dir to start from (default: the sentiment run)")
    ap.add_argument("--from-base", action="store_true")
    ap.add_argument(
        "--max-minutes",
        type=float,
        default=None,
        help="stop training after this many minutes (then final eval)",
    )
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--out", default=str(MODELS / "stance"))
    args = ap.parse_args(argv)

    set_threads()
    set_seed(args.seed)
    run_dir = RUNS / ("stance_quick" if args.quick else "stance")
    run_dir.mkdir(parents=True, exist_ok=True)
    log = Logger(run_dir / "train.log")
    t0 = time.time()
    model, tok, init_src = load_init(args, log)
    train, val = build(args.seed, args.scale)
    if args.quick:
        train = train[:: max(1, len(train) // 300)]
        val = {k: v[:60] for k, v in val.items()}
        args.epochs = 1
    random.Random(args.seed).shuffle(train)
    counts = {}
    for e in train:
        counts.setdefault(
            e.source.split("_")[0] if e.source.startswith("tweeteval") else e.source, [0, 0, 0]
        )[e.label] += 1
    log(f"args {vars(args)}")
    log(
        f"train {len(train)} examples by source (against/none/favor): {counts}; val sizes { {k: len(v) for k, v in val.items()} }"
    )

    model, hist, best, train_s = train_model(
        model,
        tok,
        train,
        val,
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch,
        max_len=args.max_len,
        seed=args.seed,
        log=log,
        run_dir=run_dir,
        evals_per_epoch=2,
        val_metric=val_metric,
        max_minutes=args.max_minutes,
        select=lambda m: float(
            np.mean([m["chatstance_val"], m["ibm_val"], m["covid_val"]]) * 0.85 + 0.15 * m["rte_val"]
        ),
    )
    model.save_pretrained(run_dir / "best")
    tok.save_pretrained(run_dir / "best")
    summary = {
        "best": best,
        "train_seconds": round(train_s),
        "total_seconds": round(time.time() - t0),
        "init": init_src,
        "n_train": len(train),
        "counts": counts,
        "args": vars(args),
        "best_val": next(h["metrics"] for h in hist if h["tag"] == best),
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    log(f"summary {summary}")
    if not (args.quick or args.no_export):
        ship_model(model=model, tokenizer=tok, out_dir=args.out, id2label=ID2LABEL, task="stance", log=log)
    log(f"total wall {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
