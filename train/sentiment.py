"""Train the 3-class sentiment model (negative / neutral / positive) from all-MiniLM-L6-v2.

    .venv/bin/python -m train.sentiment            # full recipe, writes models/sentiment/
    .venv/bin/python -m train.sentiment --quick    # tiny smoke run (no export)

Data (training splits only, never the evaluation splits):
  * NewsMTSC train: sentiment of a news sentence toward a person, pair input (mention, sentence)   8,739
  * SST-5 train sentence roots collapsed to 3 classes, single text                                  8,544
  * COVID-19-Stance tweets, `Sentiment` column (neg / pos / other->neutral), train+test splits,
    negatives capped at 1,500                                                                       3,316
  * SST-2 train phrases of 10+ words, binary (neg / pos), subsample                                   4,000
Model selection: held-out 5% of NewsMTSC train + SST-5 train, and COVID-19 val (not any eval set).
"""

from __future__ import annotations

import argparse
import json
import time

from train import data as ds
from train.common import MODELS, RUNS, Logger, base_model_dir, set_seed, set_threads, ship_model, train_model

ID2LABEL = {0: "negative", 1: "neutral", 2: "positive"}


def build(seed: int):
    news = ds.newsmtsc("train")
    sst = ds.sst5_roots("train")
    covid = ds.covid_sentiment(("train", "test"))
    # the COVID tweets are 66% negative; cap negatives so tweets do not teach "tweet => negative"
    covid = [e for e in covid if e.label != ds.NEG] + ds.subsample(
        [e for e in covid if e.label == ds.NEG], 1500, seed
    )
    news_tr, news_va = split_holdout(news, 0.05, seed)
    sst_tr, sst_va = split_holdout(sst, 0.05, seed + 1)
    # longer SST-2 phrases add polar examples of full clauses (SST-2 has no neutral class, so keep it a minority)
    sst2_long = ds.subsample([e for e in ds.sst2("train") if len(e.a.split()) >= 10], 4000, seed + 2)
    train = news_tr + sst_tr + covid + sst2_long
    val = {
        "newsmtsc_ho": news_va,
        "sst5_ho": sst_va,
        "covid_val": ds.subsample(ds.covid_sentiment(("val",)), 400, seed),
    }
    return train, val


def split_holdout(xs, frac, seed):
    import random

    idx = list(range(len(xs)))
    random.Random(seed).shuffle(idx)
    k = int(len(xs) * frac)
    ho = set(idx[:k])
    return [x for i, x in enumerate(xs) if i not in ho], [x for i, x in enumerate(xs) if i in ho]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=160)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--max-minutes",
        type=float,
        default=None,
        help="pause after this many minutes (a checkpoint is kept; the same command resumes)",
    )
    ap.add_argument("--eval-every", type=int, default=300, help="evaluate every N optimiser steps")
    ap.add_argument("--quick", action="store_true", help="smoke test on 300 examples, no export")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--out", default=str(MODELS / "sentiment"))
    args = ap.parse_args(argv)

    set_threads()
    set_seed(args.seed)
    run_dir = RUNS / ("sentiment_quick" if args.quick else "sentiment")
    run_dir.mkdir(parents=True, exist_ok=True)
    log = Logger(run_dir / "train.log")
    t0 = time.time()

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base = base_model_dir()
    tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=3,
        id2label=ID2LABEL,
        label2id={v: k for k, v in ID2LABEL.items()},
        local_files_only=True,
    )
    train, val = build(args.seed)
    if args.quick:
        train = train[:: max(1, len(train) // 300)]
        val = {k: v[:60] for k, v in val.items()}
        args.epochs = 1
    counts = {}
    for e in train:
        counts.setdefault(e.source, [0, 0, 0])[e.label] += 1
    log(f"args {vars(args)}")
    log(
        f"train {len(train)} examples by source (neg/neu/pos): {counts}; val sizes { {k: len(v) for k, v in val.items()} }"
    )

    result = train_model(
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
        eval_every=args.eval_every,
        max_minutes=args.max_minutes,
    )
    if not result.finished:
        return
    model, hist, best, train_s = result.model, result.history, result.best_tag, result.train_seconds
    model.save_pretrained(run_dir / "best")
    tok.save_pretrained(run_dir / "best")
    summary = {
        "best": best,
        "train_seconds": round(train_s),
        "total_seconds": round(time.time() - t0),
        "n_train": len(train),
        "mean_load": round(result.load_avg, 2),
        "args": vars(args),
        "final_val": hist[-1]["metrics"] if hist else None,
        "best_val": next(h["metrics"] for h in hist if h["tag"] == best),
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    log(f"summary {summary}")
    if not (args.quick or args.no_export):
        ship_model(model=model, tokenizer=tok, out_dir=args.out, id2label=ID2LABEL, task="sentiment", log=log)
    log(f"total wall {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
