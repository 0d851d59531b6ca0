"""Loaders for the shared data sets, all returning train.common.Example lists.

Label conventions used everywhere in StanceScope:
  sentiment: 0 negative, 1 neutral, 2 positive
  stance:    0 against,  1 none,    2 favor
Pairs are (target, text): Example.a = target / mention, Example.b = text.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

from train.common import Example, data_dir

csv.field_size_limit(10**8)

NEG, NEU, POS = 0, 1, 2
AGAINST, NONE, FAVOR = 0, 1, 2
STANCE_STR = {"AGAINST": AGAINST, "NONE": NONE, "FAVOR": FAVOR}

# natural-language targets for the fixed-target stance sets
TWEETEVAL_TARGETS = {
    "abortion": "legalization of abortion",
    "atheism": "atheism",
    "climate": "climate change is a real concern",
    "feminist": "feminist movement",
    "hillary": "Hillary Clinton",
}
COVID_TARGETS = {
    "face_masks": "wearing face masks",
    "fauci": "Anthony Fauci",
    "school_closures": "keeping schools closed",
    "stay_at_home_orders": "stay at home orders",
}


def D(*parts) -> Path:
    return data_dir().joinpath(*parts)


# ----------------------------------------------------------------------------------------- sentiment


def newsmtsc(split: str) -> list[Example]:
    """Sentiment of the sentence toward a person mention: pair (mention, sentence). split in train/dev_rw/dev_mt."""
    lab = {2.0: NEG, 4.0: NEU, 6.0: POS}
    out = []
    with open(D("newsmtsc", f"{split}.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            s = r["sentence_normalized"]
            for t in r["targets"]:
                out.append(Example(t["mention"], s, lab[float(t["polarity"])], f"newsmtsc_{split}"))
    return out


_TOK_FIX = [(r"-LRB-", "("), (r"-RRB-", ")"), (r"\\/", "/"), (r"``", '"'), (r"''", '"')]


def _detok(s: str) -> str:
    for a, b in _TOK_FIX:
        s = re.sub(a, b, s)
    s = re.sub(r" ([,.!?;:%)])", r"\1", s)
    s = re.sub(r"\( ", "(", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    return s.strip()


def _tree_leaves(tree: str) -> str:
    return " ".join(re.findall(r"\(\d ([^()]+)\)", tree))


def sst5_roots(split: str = "train") -> list[Example]:
    """SST-5 sentence (root) labels collapsed to 3 classes: 0-1 neg, 2 neu, 3-4 pos."""
    m = {0: NEG, 1: NEG, 2: NEU, 3: POS, 4: POS}
    out = []
    for line in open(D("training", "sst5_ptb_trees", f"{split}.txt"), encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        out.append(Example(_detok(_tree_leaves(line)), None, m[int(line[1])], f"sst5_{split}"))
    return out


def sst2(split: str) -> list[Example]:
    """SST-2 binary (0 neg -> 0, 1 pos -> 2). split 'test' is the GLUE dev set (872 sentences)."""
    out = []
    with open(D("training", "sst2", f"{split}.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            s, l = line.rstrip("\n").rsplit("\t", 1)
            out.append(Example(_detok(s), None, POS if l.strip() == "1" else NEG, f"sst2_{split}"))
    return out


def covid_sentiment(splits=("train", "test")) -> list[Example]:
    """COVID-19-Stance tweets' sentiment column: neg / pos / other (-> neutral)."""
    m = {"neg": NEG, "pos": POS, "other": NEU}
    out = []
    for split in splits:
        for t in COVID_TARGETS:
            with open(D("training", "covid19_stance", f"{t}_{split}.csv"), encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    out.append(Example(r["Tweet"], None, m[r["Sentiment"]], f"covid_sent_{split}"))
    return out


def tweeteval_sentiment_val() -> list[Example]:
    """EVAL ONLY."""
    root = D("training", "tweeteval_sentiment")
    texts = open(root / "val_text.txt", encoding="utf-8").read().split("\n")
    labels = open(root / "val_labels.txt", encoding="utf-8").read().split()
    return [Example(t, None, int(l), "tweeteval_sent_val") for t, l in zip(texts, labels)]


# ----------------------------------------------------------------------------------------- stance


def tweeteval_stance(split: str) -> list[Example]:
    """SemEval-2016 6A via TweetEval. Upstream mapping 0 none, 1 against, 2 favor. split train/val."""
    m = {0: NONE, 1: AGAINST, 2: FAVOR}
    out = []
    for key, target in TWEETEVAL_TARGETS.items():
        root = D("tweeteval_stance", key)
        texts = open(root / f"{split}_text.txt", encoding="utf-8").read().split("\n")
        labels = open(root / f"{split}_labels.txt", encoding="utf-8").read().split()
        for t, l in zip(texts, labels):
            out.append(Example(target, t.strip(), m[int(l)], f"tweeteval_{key}"))
    return out


def _zerostance_onecol(*, folder: str, split: str, source: str) -> list[Example]:
    """The ZeroStance one-column CSV layout (``Tweet,Target 1,Stance 1``) shared by several sets."""
    out = []
    with open(D("training", folder, f"raw_{split}_all_onecol.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append(
                Example(
                    r["Target 1"].strip(),
                    r["Tweet"].strip(),
                    STANCE_STR[r["Stance 1"].strip()],
                    f"{source}_{split}",
                )
            )
    return out


def chatstance(split: str) -> list[Example]:
    return _zerostance_onecol(folder="chatstance_subset", split=split, source="chatstance")


def ibm_argq(split: str) -> list[Example]:
    return _zerostance_onecol(folder="ibm_argq_30k_stance", split=split, source="ibm")


def covid_stance(split: str) -> list[Example]:
    out = []
    for key, target in COVID_TARGETS.items():
        with open(D("training", "covid19_stance", f"{key}_{split}.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out.append(
                    Example(target, r["Tweet"].strip(), STANCE_STR[r["Stance"].strip()], f"covid_{split}")
                )
    return out


def wtwt(split: str) -> list[Example]:
    return _zerostance_onecol(folder="wtwt", split=split, source="wtwt")


def vast_dev() -> list[tuple[Example, int]]:
    """EVAL ONLY. Returns (example, seen) with upstream 0 con, 1 pro, 2 neutral mapped to ours."""
    m = {0: AGAINST, 1: FAVOR, 2: NONE}
    out = []
    with open(D("vast", "vast_dev.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.append(
                (
                    Example(r["Target"].strip(), r["Tweet"].strip(), m[int(r["Stance"])], "vast_dev"),
                    int(r["seen?"]),
                )
            )
    return out


def snli(split: str = "train") -> list[Example]:
    """SNLI subset as (hypothesis, premise) pairs: entailment -> favor, contradiction -> against, neutral -> none."""
    m = {1: NONE, 2: AGAINST, 3: FAVOR}
    out = []
    for line in open(D("training", "snli_subset_cat", f"{split}.csv"), encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) < 4:
            continue
        out.append(Example(p[3].strip(), p[2].strip(), m[int(p[0])], f"snli_{split}"))
    return out


def rte(split: str = "train") -> list[Example]:
    """RTE as (hypothesis, premise): entailment -> favor, not_entailment -> none."""
    out = []
    with open(D("training", "rte_glue", f"{split}.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 4 or p[3] not in ("entailment", "not_entailment"):
                continue
            out.append(
                Example(p[2].strip(), p[1].strip(), FAVOR if p[3] == "entailment" else NONE, f"rte_{split}")
            )
    return out


def basil_quotes() -> list[dict]:
    """BASIL quote spans with a polarity toward a target entity. Returns dicts with target, sentence, span, polarity, speaker."""
    out = []
    root = D("basil")
    for ann in sorted((root / "annotations").rglob("*_ann.json")):
        art = root / "articles" / ann.parent.name / ann.name.replace("_ann.json", ".json")
        if not art.exists():
            continue
        a = json.load(open(art, encoding="utf-8"))
        sents = [s for para in a.get("body-paragraphs", []) for s in para]
        an = json.load(open(ann, encoding="utf-8"))
        spans = an.get("phrase-level-annotations", [])
        for s in spans:
            if str(s.get("quote", "")).lower() != "yes" or s.get("polarity") not in ("pos", "neg"):
                continue
            try:
                k = int(str(s["id"]).lstrip("p"))
                sent = sents[k]
            except (ValueError, IndexError, KeyError):
                continue
            out.append(
                {
                    "target": str(s.get("target", "")).replace("_", " ").strip(),
                    "sentence": sent,
                    "span": s.get("txt", ""),
                    "polarity": s["polarity"],
                    "speaker": s.get("speaker", ""),
                }
            )
    return out


def subsample(xs: list, n: int, seed: int) -> list:
    if n >= len(xs):
        return list(xs)
    r = random.Random(seed)
    return r.sample(xs, n)


def balanced(xs: list[Example], per_class: int, seed: int) -> list[Example]:
    out = []
    for c in (0, 1, 2):
        out += subsample([x for x in xs if x.label == c], per_class, seed + c)
    return out
