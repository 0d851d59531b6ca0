"""Fit each model's temperature (and, for stance, the framed-target weight) on held-out training data.

    .venv/bin/python -m train.calibrate stance      # writes models/stance/calibration.json
    .venv/bin/python -m train.calibrate sentiment   # writes models/sentiment/calibration.json

Labels everywhere come from the score by one rule (``analysis.labels``: favor at score >= +0.2, against at
<= -0.2, none between). The temperature decides how far scores spread, so it is chosen where that rule's
decisions on the held-out sets are best (mean macro-F1; the target-sensitivity dev table counts as much as
the other sets together for stance); among settings within 0.015 of the best, the lowest log-loss wins. The evaluation dev sets are never used.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch

from analysis.labels import BAND
from train.common import MODELS, Example, macro_f1, set_seed, set_threads

TEMPERATURES = tuple(round(t, 2) for t in np.arange(0.2, 2.01, 0.05))
FRAME_WEIGHTS = (0.0, 0.35, 0.5, 0.65)
TOLERANCE = 0.015
"""Selection-score slack within which the best-calibrated (lowest log-loss) setting is preferred."""


@torch.no_grad()
def logits_of(model, tokenizer, examples: list[Example], *, batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].b or examples[i].a))
    out = np.zeros((len(examples), model.config.num_labels), dtype=np.float32)
    for begin in range(0, len(order), batch_size):
        ids = order[begin : begin + batch_size]
        chunk = [examples[i] for i in ids]
        if chunk[0].b is None:
            enc = tokenizer(
                [e.a for e in chunk], truncation=True, max_length=256, padding=True, return_tensors="pt"
            )
        else:
            enc = tokenizer(
                [e.a for e in chunk],
                [e.b for e in chunk],
                truncation="only_second",
                max_length=256,
                padding=True,
                return_tensors="pt",
            )
        out[ids] = model(**enc).logits.float().numpy()
    return out


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def rule_labels(probs: np.ndarray) -> np.ndarray:
    score = probs[:, 2] - probs[:, 0]
    return np.where(score >= BAND, 2, np.where(score <= -BAND, 0, 1))


def set_metric(name: str, y: np.ndarray, pred: np.ndarray) -> float:
    if name == "target_dev":
        return float(np.mean(y == pred))
    labels = sorted(set(y.tolist())) if len(set(y.tolist())) < 3 else [0, 1, 2]
    return macro_f1(y, pred, labels)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=("stance", "sentiment"))
    ap.add_argument("--model", default=None, help="model folder (default models/<task>)")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    set_threads()
    set_seed(args.seed)
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from analysis.targets import framed

    folder = Path(args.model or MODELS / args.task)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        folder, local_files_only=True, dtype=torch.float32
    )
    started = time.time()
    if args.task == "stance":
        from train.stance import build

        _, val = build(args.seed)
    else:
        from train.sentiment import build

        _, val = build(args.seed)
    logits = {name: logits_of(model, tokenizer, examples) for name, examples in val.items()}
    core_logits: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    if args.task == "stance":
        for name, examples in val.items():
            frames = [framed(e.a) for e in examples]
            picked = np.array([i for i, f in enumerate(frames) if f is not None], dtype=int)
            if len(picked):
                cores = [Example(frames[i].core, examples[i].b, examples[i].label) for i in picked]
                signs = np.array([frames[i].sign for i in picked])
                core_logits[name] = (picked, signs, logits_of(model, tokenizer, cores))

    def evaluate(temperature: float, weight: float) -> tuple[float, float, dict[str, float]]:
        metrics, losses = {}, []
        for name, examples in val.items():
            y = np.array([e.label for e in examples])
            probs = softmax(logits[name], temperature)
            if weight > 0 and name in core_logits:
                picked, signs, core = core_logits[name]
                p_core = softmax(core, temperature)
                flipped = p_core[:, ::-1]
                p_core = np.where(signs[:, None] < 0, flipped, p_core)
                probs = probs.copy()
                probs[picked] = (1 - weight) * probs[picked] + weight * p_core
            metrics[name] = set_metric(name, y, rule_labels(probs))
            losses.append(float(-np.mean(np.log(probs[np.arange(len(y)), y] + 1e-9))))
        if "target_dev" in metrics:
            rest = [v for k, v in metrics.items() if k != "target_dev"]
            selected = 0.5 * metrics["target_dev"] + 0.5 * float(np.mean(rest))
        else:
            selected = float(np.mean(list(metrics.values())))
        return selected, float(np.mean(losses)), metrics

    weights = FRAME_WEIGHTS if args.task == "stance" else (0.0,)
    grid = [(t, w, *evaluate(t, w)) for t in TEMPERATURES for w in weights]
    # Decisions first, then honest probabilities: among the settings within TOLERANCE of the best selection
    # score, the one with the lowest log-loss (a lower temperature only sharpens scores that already decide).
    top = max(row[2] for row in grid)
    best = min((row for row in grid if row[2] >= top - TOLERANCE), key=lambda row: row[3])
    plain = next(row for row in grid if row[0] == 1.0 and row[1] == 0.0)
    result = {
        "temperature": best[0],
        "frame_weight": best[1],
        "band": BAND,
        "fitted_on": sorted(val),
        "selected_metric": round(best[2], 4),
        "log_loss": round(best[3], 4),
        "metrics": {k: round(v, 4) for k, v in best[4].items()},
        "uncalibrated": {
            "selected_metric": round(plain[2], 4),
            "metrics": {k: round(v, 4) for k, v in plain[4].items()},
        },
        "grid": [[t, w, round(sel, 4), round(loss, 4)] for t, w, sel, loss, _ in grid],
        "seconds": round(time.time() - started),
    }
    (folder / "calibration.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
