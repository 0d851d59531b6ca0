"""Evaluate the shipped sentiment and stance models on the dev splits, beside two baselines.

    .venv/bin/python -m eval.evaluate_models                 # full dev sets (about 5 min on 2 cores)
    .venv/bin/python -m eval.evaluate_models --limit 200     # quick: at most 200 examples per set

The models are run through `analysis.models` (the code the app ships), not a private copy.
Baselines computed in the same run:
  * VADER (lexicon). Sentiment: compound >= 0.05 positive, <= -0.05 negative, else neutral
    (binary sets: sign of compound). Stance: the same band on the text, read as favor / against / none.
  * MiniLM cosine: the base all-MiniLM-L6-v2 encoder, mean-pooled embeddings, no training. Sentiment: cosine to
    label prototype sentences. Stance: cosine of the text to "I support {t}." / "I oppose {t}." / "{t} is not mentioned here."
Results go to stdout and eval/results/models.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from analysis import models as am  # noqa: E402
from analysis.labels import BAND  # noqa: E402
from eval import sensitivity  # noqa: E402
from train import data as ds  # noqa: E402

RESULTS = REPO / "eval" / "results" / "models.md"
SEED_PATH = REPO / "seeds" / "000_e0fae7b1ce5278b9.txt"
SEED_TARGET = "US military strikes against Iran-backed militias in Iraq"

SENT = ("negative", "neutral", "positive")
CONTEXT_WEIGHTS = (0.3, 0.5)
STANCE = ("against", "none", "favor")

# Seed check: the quotes of the three named speakers, located in the article at run time (evaluation only; none of
# this text is used in training). Expected stance toward SEED_TARGET.
SEED_QUOTES = [
    ("Mike Pompeo", "favor", "We reacted defensively to the Iranian proxy attack"),
    ("Mike Pompeo", "favor", "Now Iranian-backed groups are threatening our embassy in Baghdad"),
    ("Elizabeth Warren", "against", "Trump's reckless decisions to withdraw from the (nuclear) deal"),
    ("Elizabeth Warren", "against", "Trump's reckless decisions to move away from the Iranian"),
    ("Elizabeth Warren", "against", "We must end the eternal wars, not start again."),
    ("Lindsey Graham", "favor", "No more Benghazis"),
    ("Lindsey Graham", "favor", "determined to protect the Americans"),
]


# ------------------------------------------------------------------------------------------- helpers


def sub(xs, limit, seed=0):
    if not limit or len(xs) <= limit:
        return list(xs)
    return random.Random(seed).sample(list(xs), limit)


def mf1(y, p, labels):
    return float(f1_score(y, p, labels=list(labels), average="macro", zero_division=0))


class Vader:
    def __init__(self):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.a = SentimentIntensityAnalyzer()

    def compound(self, texts):
        return np.array([self.a.polarity_scores(t)["compound"] for t in texts])

    def three(self, texts, band=0.05):
        c = self.compound(texts)
        return np.where(c >= band, 2, np.where(c <= -band, 0, 1))


class CosineZeroShot:
    """Base MiniLM sentence embeddings (mean pooling), cosine to prototype sentences."""

    SENT_PROTOS = {
        0: [
            "This is bad.",
            "I hate this, it is terrible.",
            "What a disappointing, awful failure.",
            "Sadly, things went wrong.",
        ],
        1: [
            "This is a factual statement.",
            "The meeting took place on Tuesday.",
            "The report was published today.",
            "Here is some information.",
        ],
        2: [
            "This is good.",
            "I love this, it is wonderful.",
            "What a great, excellent success.",
            "Happily, things went well.",
        ],
    }

    def __init__(self, threads=2):
        from analysis.relevance import load_relevance_scorer

        self.encoder = load_relevance_scorer(str(am.base_encoder_path()), threads=threads)

    def embed(self, texts):
        return self.encoder.embed(texts, max_tokens=256)

    def sentiment(self, texts):
        protos = np.stack([self.embed(v).mean(0) for k, v in sorted(self.SENT_PROTOS.items())])
        protos /= np.linalg.norm(protos, axis=1, keepdims=True)
        sims = self.embed(texts) @ protos.T
        return sims  # columns neg, neu, pos

    def stance(self, texts, targets):
        E = self.embed(texts)
        uniq = sorted(set(targets))
        tmpl = ["I oppose {}.", "{} is not mentioned here.", "I support {}."]
        P = {t: self.embed([x.format(t) for x in tmpl]) for t in uniq}
        return np.stack([P[t] @ e for e, t in zip(E, targets, strict=False)])  # columns against, none, favor


# ------------------------------------------------------------------------------------------- tasks


def sentiment_sets(limit):
    sets = {
        "TweetEval sentiment val": (sub(ds.tweeteval_sentiment_val(), limit), "3"),
        "SST-2 dev (GLUE dev, binary)": (sub(ds.sst2("test"), limit), "2"),
        "NewsMTSC dev_rw (pair: mention, sentence)": (sub(ds.newsmtsc("dev_rw"), limit), "3"),
        "NewsMTSC dev_mt (pair: mention, sentence)": (sub(ds.newsmtsc("dev_mt"), limit), "3"),
    }
    return sets


def model_sentiment_probs(scorer, exs):
    singles = [e for e in exs if e.b is None]
    if len(singles) == len(exs):
        res = scorer.score([e.a for e in exs])
    else:
        res = scorer.score([e.b for e in exs], targets=[e.a for e in exs])
    return np.array([[r.probs[k] for k in SENT] for r in res])


def decide_sent(P, kind):
    if kind == "2":  # binary: positive vs negative only
        return np.where(P[:, 2] >= P[:, 0], 2, 0)
    # the app's one rule: the label follows the score p(positive) - p(negative)
    score = P[:, 2] - P[:, 0]
    return np.where(score >= BAND, 2, np.where(score <= -BAND, 0, 1))


def sent_metrics(y, pred, kind):
    labels = (0, 2) if kind == "2" else (0, 1, 2)
    return {"macro_f1": mf1(y, pred, labels), "acc": float(accuracy_score(y, pred))}


def eval_sentiment_model(scorer, limit=None):
    out = {}
    for name, (exs, kind) in sentiment_sets(limit).items():
        P = model_sentiment_probs(scorer, exs)
        out[name] = (len(exs), sent_metrics([e.label for e in exs], decide_sent(P, kind), kind))
    return out


def stance_sets(limit):
    vast = ds.vast_dev()
    vast_all = sub(vast, limit)
    basil = ds.basil_quotes()
    return {
        "tweeteval": sub(ds.tweeteval_stance("val"), limit),
        "vast": vast_all,
        "basil": sub(basil, limit),
    }


def stance_metrics_from_pred(sets, preds):
    """preds: dict name -> array of 3-class predictions (basil: 2-class 0 neg / 2 pos)."""
    rows = {}
    te = sets["tweeteval"]
    y = [e.label for e in te]
    p = preds["tweeteval"]
    rows["TweetEval stance val: SemEval F1avg (favor, against)"] = (len(te), mf1(y, p, (0, 2)))
    rows["TweetEval stance val: macro-F1 (3 classes)"] = (len(te), mf1(y, p, (0, 1, 2)))
    va = sets["vast"]
    y = np.array([e.label for e, _ in va])
    seen = np.array([s for _, s in va])
    p = preds["vast"]
    rows["VAST dev: macro-F1 (all)"] = (len(va), mf1(y, p, (0, 1, 2)))
    z = seen == 0
    rows["VAST dev: macro-F1 (zero-shot, seen?=0)"] = (int(z.sum()), mf1(y[z], p[z], (0, 1, 2)))
    ba = sets["basil"]
    y = [2 if q["polarity"] == "pos" else 0 for q in ba]
    rows["BASIL quotes: polarity toward target, macro-F1 (pos/neg)"] = (
        len(ba),
        mf1(y, preds["basil"], (0, 2)),
    )
    if "basil_span" in preds:
        rows["BASIL quotes, the quote alone (as the app's statement)"] = (
            len(ba),
            mf1(y, preds["basil_span"], (0, 2)),
        )
        for weight in CONTEXT_WEIGHTS:
            rows[f"BASIL quotes, quote blended with its paragraph (weight {weight})"] = (
                len(ba),
                mf1(y, preds[f"basil_ctx{weight}"], (0, 2)),
            )
    return rows


def model_stance_preds(scorer, sets):
    preds = {}
    te = sets["tweeteval"]
    r = scorer.score([e.b for e in te], targets=[e.a for e in te])
    preds["tweeteval"] = np.array([STANCE.index(x.label) for x in r])
    va = sets["vast"]
    r = scorer.score([e.b for e, _ in va], targets=[e.a for e, _ in va])
    preds["vast"] = np.array([STANCE.index(x.label) for x in r])
    ba = sets["basil"]
    r = scorer.score([q["sentence"] for q in ba], targets=[q["target"] for q in ba])
    preds["basil"] = np.array([2 if x.probs["favor"] >= x.probs["against"] else 0 for x in r])
    # as the app scores a statement: the quote itself, and the quote blended with its paragraph
    spans = scorer.score([q["span"] for q in ba], targets=[q["target"] for q in ba])
    paragraphs = scorer.score([q["paragraph"] for q in ba], targets=[q["target"] for q in ba])
    preds["basil_span"] = np.array([2 if x.probs["favor"] >= x.probs["against"] else 0 for x in spans])
    for weight in CONTEXT_WEIGHTS:
        blended = [
            (1 - weight) * (s.probs["favor"] - s.probs["against"])
            + weight * (p.probs["favor"] - p.probs["against"])
            for s, p in zip(spans, paragraphs, strict=True)
        ]
        preds[f"basil_ctx{weight}"] = np.array([2 if b >= 0 else 0 for b in blended])
    return preds


def eval_stance_model(scorer, limit=None, sets=None):
    sets = sets or stance_sets(limit)
    return stance_metrics_from_pred(sets, model_stance_preds(scorer, sets))


# ------------------------------------------------------------------------------------------- seed check


def seed_quotes():
    text = SEED_PATH.read_text(encoding="utf-8")
    out = []
    for speaker, expected, anchor in SEED_QUOTES:
        i = text.find(anchor)
        if i < 0:
            continue
        # the whole quoted sentence(s) around the anchor, up to the paragraph boundary
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        para = text[start : end if end > 0 else None]
        quotes = [
            m.group(1) for m in re.finditer(r"[\"“]([^\"”]{3,})[\"”]", para) if anchor[:25] in m.group(1)
        ]
        q = quotes[0] if quotes else anchor
        out.append((speaker, expected, q.strip(' ,."') or anchor))
    return out


def seed_check(stance_scorer, sent_scorer=None):
    rows = []
    qs = seed_quotes()
    r = stance_scorer.score([q for _, _, q in qs], targets=SEED_TARGET)
    s = sent_scorer.score([q for _, _, q in qs]) if sent_scorer else [None] * len(qs)
    for (speaker, exp, q), x, se in zip(qs, r, s, strict=False):
        rows.append(
            {
                "speaker": speaker,
                "expected": exp,
                "label": x.label,
                "score": x.score,
                "ok": x.label == exp,
                "sentiment": se.label if se else "",
                "quote": q,
            }
        )
    # per speaker: mean stance score over the speaker's quotes
    per = {}
    for row in rows:
        per.setdefault(row["speaker"], []).append(row["score"])
    summary = []
    for sp, scores in per.items():
        exp = next(r["expected"] for r in rows if r["speaker"] == sp)
        m = float(np.mean(scores))
        got = "favor" if m > 0 else "against"
        summary.append({"speaker": sp, "expected": exp, "mean_score": m, "ok": got == exp})
    return rows, summary


def seed_check_pipeline(stance_scorer):
    """Optional: the app's own attribution over the seed (analysis.attribution), if available."""
    try:
        from analysis.attribution import find_statements
        from analysis.paragraphs import split_paragraphs
        from analysis.reading import read_path
    except Exception as e:
        return None, f"app attribution not available ({e.__class__.__name__}: {e})"
    try:
        art = read_path(SEED_PATH)
        paras = split_paragraphs(text=art.text)
        sts = find_statements(text=art.text, paragraphs=paras, article_date=art.date)
    except Exception as e:
        return None, f"app attribution failed ({e.__class__.__name__}: {e})"
    keep = [
        s for s in sts if s.speaker and any(k in s.speaker for k in ("Pompeo", "Warren", "Graham", "Rubio"))
    ]
    if not keep:
        return [], "no statements by Pompeo/Warren/Graham/Rubio found by the app's attribution"
    r = stance_scorer.score([s.text for s in keep], targets=SEED_TARGET)
    per = {}
    for s, x in zip(keep, r, strict=False):
        per.setdefault(s.speaker, []).append((x.score, x.label, s.text))
    return per, ""


# ------------------------------------------------------------------------------------------- main


def fmt_table(header, rows):
    w = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (x + 2) for x in w) + "|"] + [line(r) for r in rows])


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--limit", type=int, default=None, help="subsample each dev set to at most N examples (quick runs)"
    )
    ap.add_argument("--sentiment-model", default=str(am.DEFAULT_SENTIMENT_MODEL))
    ap.add_argument("--stance-model", default=str(am.DEFAULT_STANCE_MODEL))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    t0 = time.time()
    out = [
        "# StanceScope model evaluation\n",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} UTC, `python -m eval.evaluate_models"
        + (
            f" --limit {args.limit}`: SUBSAMPLED, not the full dev sets"
            if args.limit
            else "` (full dev sets)"
        )
        + f". Models: `{os.path.relpath(args.sentiment_model, REPO)}`, `{os.path.relpath(args.stance_model, REPO)}` "
        "loaded with `analysis.models` (fp16 weights, run in fp32, batched, windowed).\n",
    ]

    sent = am.load_sentiment_scorer(args.sentiment_model, threads=args.threads)
    stance = am.load_stance_scorer(args.stance_model, threads=args.threads)
    vader = Vader()
    cos = CosineZeroShot(args.threads)

    # ---------------- sentiment
    rows = []
    for name, (exs, kind) in sentiment_sets(args.limit).items():
        y = [e.label for e in exs]
        texts = [e.b if e.b is not None else e.a for e in exs]
        P = model_sentiment_probs(sent, exs)
        m = sent_metrics(y, decide_sent(P, kind), kind)
        c = vader.compound(texts)
        vp = np.where(c >= 0, 2, 0) if kind == "2" else np.where(c >= 0.05, 2, np.where(c <= -0.05, 0, 1))
        v = sent_metrics(y, vp, kind)
        S = cos.sentiment(texts)
        e = sent_metrics(y, decide_sent(S, kind), kind)
        rows.append(
            [
                name,
                len(exs),
                f"{m['macro_f1']:.3f}",
                f"{m['acc']:.3f}",
                f"{v['macro_f1']:.3f}",
                f"{e['macro_f1']:.3f}",
            ]
        )
        print(f"  sentiment {name}: done ({time.time() - t0:.0f}s)", file=sys.stderr)
    sent_tab = fmt_table(
        ["Sentiment set", "n", "model macro-F1", "model acc", "VADER macro-F1", "MiniLM-cosine macro-F1"],
        rows,
    )

    # ---------------- stance
    sets = stance_sets(args.limit)
    mrows = eval_stance_model(stance, sets=sets)
    print(f"  stance model: done ({time.time() - t0:.0f}s)", file=sys.stderr)
    vpred = {}
    vpred["tweeteval"] = vader.three([e.b for e in sets["tweeteval"]])
    vpred["vast"] = vader.three([e.b for e, _ in sets["vast"]])
    vpred["basil"] = np.where(vader.compound([q["sentence"] for q in sets["basil"]]) >= 0, 2, 0)
    vrows = stance_metrics_from_pred(sets, vpred)
    cpred = {}
    cpred["tweeteval"] = cos.stance(
        [e.b for e in sets["tweeteval"]], [e.a for e in sets["tweeteval"]]
    ).argmax(1)
    cpred["vast"] = cos.stance([e.b for e, _ in sets["vast"]], [e.a for e, _ in sets["vast"]]).argmax(1)
    C = cos.stance([q["sentence"] for q in sets["basil"]], [q["target"] for q in sets["basil"]])
    cpred["basil"] = np.where(C[:, 2] >= C[:, 0], 2, 0)
    crows = stance_metrics_from_pred(sets, cpred)
    # extra row: the sentiment model as targeted sentiment on BASIL (the polarity there is sentiment toward the target)
    ba = sets["basil"]
    r = sent.score([q["sentence"] for q in ba], targets=[q["target"] for q in ba])
    sp = [2 if x.probs["positive"] >= x.probs["negative"] else 0 for x in r]
    y = [2 if q["polarity"] == "pos" else 0 for q in ba]
    srow = mf1(y, sp, (0, 2))
    rows = [
        [
            k,
            n,
            f"{v:.3f}",
            f"{vrows[k][1]:.3f}" if k in vrows else "",
            f"{crows[k][1]:.3f}" if k in crows else "",
        ]
        for k, (n, v) in mrows.items()
    ]
    rows.append(["BASIL quotes, sentiment model (pair: target, sentence)", len(ba), f"{srow:.3f}", "", ""])
    stance_tab = fmt_table(["Stance set / metric", "n", "model", "VADER", "MiniLM-cosine"], rows)

    # ---------------- target sensitivity
    def vader_score(texts, targets):
        # tone only: the same label whatever the target
        c = vader.compound(texts)
        return [("favor" if v >= 0.05 else "against" if v <= -0.05 else "none", float(v)) for v in c]

    def cosine_score(texts, targets):
        S = cos.stance(texts, targets)
        return [(STANCE[int(row.argmax())], float(row[2] - row[0])) for row in S]

    sens_rows = []
    for table_name, path in (("test table", sensitivity.TEST_TABLE), ("dev table", sensitivity.DEV_TABLE)):
        rows_t = sensitivity.read_table(path)
        results = {
            "model": sensitivity.measure(rows_t, sensitivity.scorer_function(stance)),
            "VADER": sensitivity.measure(rows_t, vader_score),
            "MiniLM-cosine": sensitivity.measure(rows_t, cosine_score),
        }
        for metric, label in (
            ("own_sign", "own target: sign right"),
            ("own_sign_opposite_tone", "own target, tone opposite to stance: sign right"),
            ("opposite_flip", "opposite target: label flipped"),
            ("unrelated_none", "unrelated target: none"),
        ):
            sens_rows.append(
                [f"{table_name} ({len(rows_t)} rows): {label}"]
                + [f"{getattr(r, metric):.3f}" for r in results.values()]
            )
        if table_name == "test table":
            test_misses = results["model"].misses
    sens_tab = fmt_table(["Target sensitivity", "model", "VADER", "MiniLM-cosine"], sens_rows)
    print(f"  target sensitivity: done ({time.time() - t0:.0f}s)", file=sys.stderr)

    # ---------------- seed
    qrows, summary = seed_check(stance, sent)
    seed_tab = fmt_table(
        ["speaker", "expected", "stance label", "score p(favor)-p(against)", "ok", "sentiment", "quote"],
        [
            [
                r["speaker"],
                r["expected"],
                r["label"],
                f"{r['score']:+.3f}",
                "yes" if r["ok"] else "NO",
                r["sentiment"],
                (r["quote"][:70] + "…") if len(r["quote"]) > 70 else r["quote"],
            ]
            for r in qrows
        ],
    )
    seed_sum = fmt_table(
        ["speaker", "expected", "mean score", "sign ok"],
        [
            [s["speaker"], s["expected"], f"{s['mean_score']:+.3f}", "yes" if s["ok"] else "NO"]
            for s in summary
        ],
    )
    per, msg = seed_check_pipeline(stance)
    if per:
        app_tab = fmt_table(
            ["speaker (app attribution)", "n statements", "mean score", "labels"],
            [
                [sp, len(v), f"{np.mean([x[0] for x in v]):+.3f}", ", ".join(x[1] for x in v)]
                for sp, v in per.items()
            ],
        )
    else:
        app_tab = msg

    elapsed = time.time() - t0
    out += [
        "## Sentiment\n",
        sent_tab,
        "",
        "SST-2 is binary: the model and the cosine baseline decide positive vs negative by the larger of the two "
        "probabilities/similarities; VADER by the sign of compound. NewsMTSC is sentiment toward the target person; "
        "the model gets the pair (mention, sentence), the baselines only see the sentence.\n",
        "## Stance\n",
        stance_tab,
        "",
        "TweetEval targets are spelt out as: "
        + ", ".join(f"{k} → '{v}'" for k, v in ds.TWEETEVAL_TARGETS.items())
        + ". BASIL: quote spans with a speaker polarity toward a target entity; the input is the whole sentence with "
        "the entity as target; favor vs against decided by the larger probability.\n",
        "## Target sensitivity\n",
        sens_tab,
        "",
        "Bars (test table): own sign >= 0.90, opposite flipped >= 0.85, unrelated none >= 0.85. Labels follow the "
        "score by the one rule (|score| >= 0.2). Misses on the test table:\n",
        "\n".join(f"- {m}" for m in test_misses) or "- none",
        "",
        f"## Seed check (target: '{SEED_TARGET}')\n",
        seed_tab,
        "",
        seed_sum,
        "",
        "The app's own attribution on the seed (statements of Pompeo, Warren, Graham, Rubio):\n",
        app_tab,
        "",
        f"Elapsed {elapsed:.0f} s on {args.threads} threads.\n",
    ]
    text = "\n".join(out)
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
