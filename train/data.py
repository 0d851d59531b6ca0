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
    for line in (
        Path(D("training", "sst5_ptb_trees", f"{split}.txt"))
        .read_text(encoding="utf-8")
        .splitlines(keepends=True)
    ):
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
            sentence, label = line.rstrip("\n").rsplit("\t", 1)
            out.append(Example(_detok(sentence), None, POS if label.strip() == "1" else NEG, f"sst2_{split}"))
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
    texts = Path(root / "val_text.txt").read_text(encoding="utf-8").split("\n")
    labels = Path(root / "val_labels.txt").read_text(encoding="utf-8").split()
    return [
        Example(t, None, int(label), "tweeteval_sent_val") for t, label in zip(texts, labels, strict=False)
    ]


# ----------------------------------------------------------------------------------------- stance


def tweeteval_stance(split: str) -> list[Example]:
    """SemEval-2016 6A via TweetEval. Upstream mapping 0 none, 1 against, 2 favor. split train/val."""
    m = {0: NONE, 1: AGAINST, 2: FAVOR}
    out = []
    for key, target in TWEETEVAL_TARGETS.items():
        root = D("tweeteval_stance", key)
        texts = Path(root / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
        labels = Path(root / f"{split}_labels.txt").read_text(encoding="utf-8").split()
        for t, label in zip(texts, labels, strict=False):
            out.append(Example(target, t.strip(), m[int(label)], f"tweeteval_{key}"))
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
    for line in (
        Path(D("training", "snli_subset_cat", f"{split}.csv"))
        .read_text(encoding="utf-8")
        .splitlines(keepends=True)
    ):
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
    """BASIL quote spans with a polarity toward a target entity: dicts with target, sentence, paragraph, span,
    polarity, speaker."""
    out = []
    root = D("basil")
    for ann in sorted((root / "annotations").rglob("*_ann.json")):
        art = root / "articles" / ann.parent.name / ann.name.replace("_ann.json", ".json")
        if not art.exists():
            continue
        a = json.loads(Path(art).read_text(encoding="utf-8"))
        sents = [s for para in a.get("body-paragraphs", []) for s in para]
        para_of = [" ".join(para) for para in a.get("body-paragraphs", []) for _ in para]
        an = json.loads(Path(ann).read_text(encoding="utf-8"))
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
                    "paragraph": para_of[k],
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


# ------------------------------------------------------------------- second batch: stance in prose
FNC_LABELS = {"agree": FAVOR, "disagree": AGAINST, "discuss": NONE, "unrelated": NONE}
_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "with",
        "as",
        "at",
        "by",
        "from",
        "has",
        "have",
        "had",
        "will",
        "would",
        "should",
        "could",
        "can",
        "may",
        "not",
        "no",
        "do",
        "does",
        "did",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "said",
        "says",
        "about",
        "after",
        "before",
        "over",
        "than",
        "then",
        "so",
        "if",
        "what",
        "who",
        "which",
        "when",
        "where",
        "how",
        "all",
        "any",
        "more",
        "most",
    ]
)


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def passage_near(*, claim: str, body: str, max_words: int = 90) -> str:
    """The body sentences that share most words with the claim, in body order, up to ``max_words``.

    FNC-1 bodies run to 300+ words; a 22M cross-encoder sees the evidence only if it is near."""
    sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", body) if len(s.strip().split()) >= 4]
    if not sents:
        return " ".join(body.split()[:max_words])
    cw = content_words(claim)
    ranked = sorted(range(len(sents)), key=lambda i: (-len(cw & content_words(sents[i])), i))
    keep, words = [], 0
    for i in ranked:
        n = len(sents[i].split())
        if keep and words + n > max_words:
            continue
        keep.append(i)
        words += n
        if words >= max_words * 0.7:
            break
    return " ".join(sents[i] for i in sorted(keep))


def _fnc_style(*, stances: Path, bodies: Path, source: str) -> list[Example]:
    with open(bodies, encoding="utf-8", newline="") as f:
        body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    out = []
    with open(stances, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            text = body.get(r["Body ID"])
            if text is None:
                continue
            claim = r["Headline"].strip()
            out.append(
                Example(claim, passage_near(claim=claim, body=text), FNC_LABELS[r["Stance"].strip()], source)
            )
    return out


def fnc1(split: str) -> list[Example]:
    """FNC-1 headline (claim) vs the body passage nearest to it. split train / competition_test."""
    return _fnc_style(
        stances=D("training", "fnc1", f"{split}_stances.csv"),
        bodies=D(
            "training", "fnc1", f"{split}_bodies.csv" if split == "train" else "competition_test_bodies.csv"
        ),
        source=f"fnc1_{split}",
    )


def arc(split: str) -> list[Example]:
    """ARC debate claim vs NYT comment (VAST-filtered copy only). split train / test."""
    return _fnc_style(
        stances=D("training", "arc_stance", f"arc_stances_{split}.csv"),
        bodies=D("training", "arc_stance", "arc_bodies.csv"),
        source=f"arc_{split}",
    )


def emergent(split: str) -> list[Example]:
    m = {"for": FAVOR, "against": AGAINST, "observing": NONE}
    out = []
    with open(D("training", "emergent", f"url-versions-2015-06-14-clean-{split}.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append(
                Example(
                    r["claimHeadline"].strip(),
                    r["articleHeadline"].strip(),
                    m[r["articleHeadlineStance"]],
                    f"emergent_{split}",
                )
            )
    return out


def vast_train() -> list[Example]:
    """VAST train; ``source`` carries type_idx (4 = a borrowed, unrelated topic, label none)."""
    m = {0: AGAINST, 1: FAVOR, 2: NONE}
    out = []
    with open(D("training", "vast_train", "vast_train.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.append(
                Example(
                    r["Target"].strip(), r["Tweet"].strip(), m[int(r["Stance"])], f"vast_t{r['type_idx']}"
                )
            )
    return out


def perspectrum(split: str) -> list[Example]:
    """PERSPECTRUM claim (target) vs perspective sentence: SUPPORT favor, UNDERMINE against. split train/dev/test."""
    root = D("training", "perspectrum")
    splits = json.loads(Path(root / "dataset_split_v1.0.json").read_text(encoding="utf-8"))
    pool = {
        p["pId"]: p["text"]
        for p in json.loads(Path(root / "perspective_pool_v1.0.json").read_text(encoding="utf-8"))
    }
    lab = {"SUPPORT": FAVOR, "UNDERMINE": AGAINST}
    out = []
    for claim in json.loads(Path(root / "perspectrum_with_answers_v1.0.json").read_text(encoding="utf-8")):
        if splits.get(str(claim["cId"])) != split:
            continue
        for cluster in claim["perspectives"]:
            label = lab.get(cluster["stance_label_3"])
            if label is None:
                continue
            for pid in cluster["pids"]:
                if pid in pool:
                    out.append(
                        Example(claim["text"].strip(), pool[pid].strip(), label, f"perspectrum_{split}")
                    )
    return out


def ibm_claim_stance(split: str) -> list[tuple[Example, Example | None]]:
    """IBM claim stance: (claim vs motion, claim vs the motion's target phrase).

    The motion "the sale of violent video games to minors should be banned" has the target phrase "the sale of
    violent video games to minors" with sentiment -1, so a PRO claim is *against* the phrase: the same text with a
    related target and the opposite label."""
    out = []
    with open(D("training", "ibm_claim_stance", "claim_stance_dataset_v1.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["split"] != split:
                continue
            label = FAVOR if r["claims.stance"] == "PRO" else AGAINST
            motion = re.sub(r"^This house (believes that|would)\s+", "", r["topicText"].strip(), flags=re.I)
            motion = motion[:1].upper() + motion[1:]
            text = r["claims.claimCorrectedText"].strip()
            phrase = None
            sentiment = r["topicSentiment"].strip()
            if sentiment in ("1", "-1") and r["topicTarget"].strip():
                phrase_label = label if sentiment == "1" else FLIP_STANCE[label]
                phrase = Example(r["topicTarget"].strip(), text, phrase_label, f"ibmclaim_phrase_{split}")
            out.append((Example(motion, text, label, f"ibmclaim_{split}"), phrase))
    return out


def iam(split: str) -> list[Example]:
    """IAM claim sentences vs debate-topic questions: 1 favor, -1 against. split train/dev/test."""
    out = []
    for line in (
        Path(D("training", "iam_stance", "stance", f"{split}.txt"))
        .read_text(encoding="utf-8")
        .splitlines(keepends=True)
    ):
        p = line.rstrip("\n").split("\t")
        if len(p) < 5 or p[4].strip() not in ("1", "-1"):
            continue
        out.append(
            Example(p[1].strip(), p[2].strip(), FAVOR if p[4].strip() == "1" else AGAINST, f"iam_{split}")
        )
    return out


def mnli_2k(which: str) -> list[Example]:
    """MNLI dev pairs (PTB-tokenised upstream; detokenised here). which matched / mismatched."""
    m = {"entailment": FAVOR, "contradiction": AGAINST, "neutral": NONE}
    out = []
    for line in (
        Path(D("training", "mnli_textfooler_2k", f"mnli_{which}"))
        .read_text(encoding="utf-8")
        .splitlines(keepends=True)
    ):
        p = line.rstrip("\n").split("\t")
        if len(p) == 3 and p[0] in m:
            out.append(Example(_detok(p[2]), _detok(p[1]), m[p[0]], f"mnli_{which}"))
    return out


FLIP_STANCE = {AGAINST: FAVOR, FAVOR: AGAINST, NONE: NONE}
