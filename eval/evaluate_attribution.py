"""Evaluate speaker attribution and party resolution on PolNeAR and BASIL.

    .venv/bin/python -m eval.evaluate_attribution [--split dev|train|heldout] [--limit N] [--no-save]

Scoring (written out because PolNeAR is broad: it annotates quotes, paraphrase and reported beliefs):

* **Gold relations.** Every brat ``E`` relation of type ``Attribution`` that has a ``Source`` (the
  ``Attribution-no-source`` relations are left out of the source metrics, and counted only for content).
  Articles with several annotators (2 dev articles have 6) are scored against **one** annotator: the
  first ``.ann`` file in sorted order, so no article weighs more than another.
* **Matching (overlap, not one-to-one).** PolNeAR often makes one Content of ``"A," X said. "B."``
  while StanceScope makes one statement per quote, so several statements may match one gold relation.
  A statement *matches* every gold relation whose Content (any fragment) it overlaps.
* **Content F1 (overlap).** precision = statements matching some gold Content / all statements; recall =
  gold relations (with or without source) matched by at least one statement / all gold relations.
* **Source F1, exact / overlap.** A statement is correct when, for some gold relation it matches, its
  speaker mention (``text[speaker_start:speaker_end]``) equals the gold Source span (exact, whitespace
  trimmed) or overlaps it (overlap). Precision over statements **with** a speaker mention; recall = gold
  relations **with** a Source that have at least one correct statement / all of them.
* **Speaker-name accuracy per content.** For each gold relation with a Source, the statement overlapping
  its Content most: the predicted speaker name is right when it shares a name word with the gold Source
  text (case-insensitive, stop words and titles removed), or when its mention overlaps the gold Source
  (pronouns, "the senator").
* **Speech subset.** The same scores over the gold relations that are speech proper (a direct quote,
  ``according to``, or a cue whose verb is a *speech* verb in ``reporting_verbs.csv``); statements that
  match only the other relations (beliefs, plans, actions such as "voted to ban") are left out of it.
* **BASIL quote speaker accuracy.** Gold = phrase-level spans with ``quote: yes`` and a named speaker (not
  ``other_*``). The quote is attributed when a statement overlaps the span; correct when the statement's
  speaker last word equals the label's last word (``Donald_Trump`` -> ``trump``), case-insensitively.
  Unattributed gold quotes count as wrong. Two diagnostic rows split it: quotes whose label names a person,
  and quotes whose label names a group (``House_Democrats``, ``Democratic_lawmakers``, ``Nebraska_officials``:
  a lower-case word or a group word in ``_GROUP_LABEL_WORDS``), which BASIL gives even where the article
  names the lawmaker who spoke; for those with a party in the label, the row counts the quotes given to a
  named speaker of that party.
* **Party accuracy for named US politicians.** A gold speaker is a named US politician when its name
  (the BASIL label, or the PolNeAR Source span expanded to the article's full name for a bare surname)
  resolves in the congress-legislators table (``party.lookup_person``, source ``legislators``); that party
  is the reference. Over those gold items that got a statement, the statement's party must equal it.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from analysis.attribution import find_statements, nlp, party, tables
from analysis.paragraphs import split_paragraphs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULTS = Path(__file__).parent / "results" / "attribution.md"
STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "mr",
    "mrs",
    "ms",
    "dr",
    "s",
    "'s",
    "’s",
    "former",
    "said",
    "his",
    "her",
}


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: tuple[int, int] | None
    source_text: str
    cue_text: str = ""


@dataclass
class Counts:
    statements: int = 0
    statements_with_speaker: int = 0
    gold: int = 0
    gold_with_source: int = 0
    content_pairs: int = 0
    source_exact: int = 0
    source_overlap: int = 0
    name_pairs: int = 0
    name_right: int = 0
    party_total: int = 0
    party_right: int = 0
    party_unattributed: int = 0
    content_found: int = 0
    source_exact_found: int = 0
    source_overlap_found: int = 0
    party_right_speaker_total: int = 0
    party_right_speaker_right: int = 0
    errors: list[str] = field(default_factory=list)
    # Where the source errors are (overlap scoring): gold sources missed, by why; statements wrong, by why.
    missed: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)


def _spans(field_text: str) -> list[tuple[int, int]]:
    spans = []
    for piece in field_text.split(";"):
        start, end = piece.split()[-2:]
        spans.append((int(start), int(end)))
    return spans


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label = parts[1].split()[0]
            spans[parts[0]] = (label, _spans(parts[1][len(label) :]), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split())
            relations.append(roles)
    gold: list[Gold] = []
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]][1]
        source = None
        source_text = ""
        if "Source" in roles and roles["Source"] in spans:
            fragments = spans[roles["Source"]][1]
            source = (min(s for s, _ in fragments), max(e for _, e in fragments))
            source_text = spans[roles["Source"]][2]
        cue_text = spans[roles["Cue"]][2] if roles.get("Cue") in spans else ""
        gold.append(Gold(content, source, source_text, cue_text))
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words(text: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", text)}
    return words - STOP - {w.rstrip(".") for w in party.tables.title_words()}


def _full_name(surname_text: str, text: str) -> str:
    """Expand a bare surname (``Trump``) to the article's first ``First Surname`` mention."""
    tokens = party.name_tokens(surname_text)
    if len(tokens) != 1:
        return surname_text
    match = re.search(rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{re.escape(tokens[0].capitalize())}\b", text)
    return f"{match.group(1)} {tokens[0].capitalize()}" if match else surname_text


def _reference_party(name: str, when: date | None) -> str | None:
    found, source = party.lookup_person(name=name, article_date=when, include_curated=False)
    return found if source == "legislators" else None


def score_article(
    text: str, gold: list[Gold], when: date | None, counts: Counts, statements=None, ignored=()
) -> None:
    """Add one article's counts. Statements that overlap only ``ignored`` gold contents are left out."""
    if statements is None:
        statements = find_statements(text=text, paragraphs=split_paragraphs(text=text), article_date=when)
    if ignored:
        statements = [
            s
            for s in statements
            if any(_overlap((s.start, s.end), span) for g in gold for span in g.content)
            or not any(_overlap((s.start, s.end), span) for g in ignored for span in g.content)
        ]
    counts.statements += len(statements)
    counts.statements_with_speaker += sum(1 for s in statements if s.speaker_start is not None)
    counts.gold += len(gold)
    counts.gold_with_source += sum(1 for g in gold if g.source)
    # overlaps[si] = [(size, gi), ...] largest first
    overlaps: list[list[tuple[int, int]]] = []
    for s in statements:
        row = []
        for gi, g in enumerate(gold):
            size = sum(_overlap((s.start, s.end), span) for span in g.content)
            if size > 0:
                row.append((size, gi))
        row.sort(key=lambda item: (-item[0], item[1]))
        overlaps.append(row)

    def mention_of(s):
        return (s.speaker_start, s.speaker_end) if s.speaker_start is not None else None

    def exact(s, g) -> bool:
        m = mention_of(s)
        return m is not None and text[m[0] : m[1]].strip() == text[g.source[0] : g.source[1]].strip()

    def overlapping(s, g) -> bool:
        m = mention_of(s)
        return m is not None and _overlap(m, g.source) > 0

    found_content: set[int] = set()
    found_exact: set[int] = set()
    found_overlap: set[int] = set()
    for si, s in enumerate(statements):
        if not overlaps[si]:
            continue
        counts.content_pairs += 1
        found_content.update(gi for _size, gi in overlaps[si])
        with_source = [gi for _size, gi in overlaps[si] if gold[gi].source]
        hits_exact = [gi for gi in with_source if exact(s, gold[gi])]
        hits_overlap = [gi for gi in with_source if overlapping(s, gold[gi])]
        counts.source_exact += bool(hits_exact)
        counts.source_overlap += bool(hits_overlap)
        found_exact.update(hits_exact)
        found_overlap.update(hits_overlap)
    counts.content_found += len(found_content)
    counts.source_exact_found += len(found_exact)
    counts.source_overlap_found += len(found_overlap)
    _error_kinds(text, gold, statements, overlaps, found_overlap, overlapping, counts)
    # Per gold relation: the statement overlapping its content most.
    best: dict[int, int] = {}
    best_size: dict[int, int] = {}
    for si, row in enumerate(overlaps):
        for size, gi in row:
            if size > best_size.get(gi, 0):
                best[gi], best_size[gi] = si, size
    for gi, si in best.items():
        g, s = gold[gi], statements[si]
        if g.source is None:
            continue
        counts.name_pairs += 1
        right = bool(s.speaker) and (bool(_words(s.speaker) & _words(g.source_text)) or overlapping(s, g))
        counts.name_right += right
        if not right and len(counts.errors) < 400:
            counts.errors.append(
                f"gold={g.source_text!r} pred={s.speaker!r} rule={s.rule} text={s.text[:70]!r}"
            )
    # Party among gold sources that name a US politician.
    for gi, g in enumerate(gold):
        if g.source is None:
            continue
        full = _full_name(g.source_text, text)
        reference = _reference_party(full, when)
        if reference is None:
            continue
        counts.party_total += 1
        match = statements[best[gi]] if gi in best else None
        if match is None or not match.speaker:
            counts.party_unattributed += 1
            continue
        counts.party_right += match.party == reference
        if _words(match.speaker) & _words(full):
            counts.party_right_speaker_total += 1
            counts.party_right_speaker_right += match.party == reference


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def is_speech(gold: Gold, text: str) -> bool:
    """Speech proper: a direct quote, ``according to``, or a cue whose verb is a *speech* verb in
    ``reporting_verbs.csv`` (said, told, wrote, argued...), not a belief, plan or action."""
    first = text[gold.content[0][0] : gold.content[0][0] + 1]
    if first in "\"“‘'«":
        return True
    cue = gold.cue_text.lower()
    if "according to" in cue or cue.strip() in {":", "said:"}:
        return True
    model = nlp.load()
    if model is None or not cue:
        return False
    verbs = tables.reporting_verbs()
    return any(verbs.get(t.lemma_.lower()) == "speech" for t in _cue_doc(cue))


_RELATIVE_SOURCES = {"who", "which", "that", "whom", "whose"}
_PRONOUN_SOURCES = {"he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "i", "we", "you"}


def source_kind(source_text: str) -> str:
    """The shape of a gold Source: a relative or personal pronoun, a long phrase, or a name or short phrase."""
    lowered = " ".join(source_text.lower().split())
    if lowered in _RELATIVE_SOURCES:
        return "relative pronoun"
    if lowered in _PRONOUN_SOURCES:
        return "personal pronoun"
    return "phrase of 4+ words" if len(lowered.split()) >= 4 else "name or short phrase"


def _error_kinds(text, gold, statements, overlaps, found_overlap, overlapping, counts: Counts) -> None:
    for gi, g in enumerate(gold):
        if g.source is None or gi in found_overlap:
            continue
        over = [si for si, row in enumerate(overlaps) if any(gj == gi for _size, gj in row)]
        if not over:
            counts.missed["content not found"] += 1
        elif all(statements[si].speaker_start is None for si in over):
            counts.missed["content found, no speaker"] += 1
        else:
            counts.missed[f"wrong source (gold is a {source_kind(g.source_text)})"] += 1
    for si, s in enumerate(statements):
        if s.speaker_start is None:
            continue
        with_source = [gold[gi] for _size, gi in overlaps[si] if gold[gi].source]
        if not overlaps[si]:
            counts.wrong["content is not an attribution"] += 1
        elif not with_source:
            counts.wrong["attribution has no source"] += 1
        elif not any(overlapping(s, g) for g in with_source):
            kind = source_kind(with_source[0].source_text)
            counts.wrong[f"wrong source, {s.rule} (gold is a {kind})"] += 1


@cache
def _cue_doc(cue: str):
    return nlp.load()(cue)


HELD_OUT = "heldout"
"""The 42 PolNeAR train articles the tagger's training held out (``train.attribution.held_out_split``,
seed 13): where this project's decoding, arbitration and merge choices are measured; dev is for reporting."""


@cache
def publication_dates() -> dict[str, date]:
    """PolNeAR article name -> publication date (``metadata.tsv``)."""
    with (DATA / "polnear" / "metadata.tsv").open(encoding="utf-8") as handle:
        return {
            row["filename"]: date.fromisoformat(row["publication_date"])
            for row in csv.DictReader(handle, delimiter="\t")
        }


def polnear(split: str, limit: int | None, tagger=None) -> tuple[Counts, Counts, int]:
    base = DATA / "polnear" / ("train" if split == HELD_OUT else split)
    dates = publication_dates()
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((base / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    counts, speech = Counts(), Counts()
    articles = sorted(by_article)
    if split == HELD_OUT:
        from train.attribution import held_out_articles

        articles = [name for name, _text in held_out_articles()]
    articles = articles[: limit or None]
    for name in articles:
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_ann(by_article[name][0])
        when = dates.get(name)
        statements = find_statements(
            text=text, paragraphs=split_paragraphs(text=text), article_date=when, tagger=tagger
        )
        score_article(text, gold, when, counts, statements)
        spoken = [g for g in gold if is_speech(g, text)]
        others = [g for g in gold if not is_speech(g, text)]
        score_article(text, spoken, when, speech, statements, others)
    return counts, speech, len(articles)


_GROUP_LABEL_WORDS = {
    "democrats", "republicans", "lawmakers", "officials", "members", "companies", "catholics", "protestors",
    "protesters", "campaign", "administration", "committee", "leaders", "senators", "aides", "supporters",
    "groups", "activists", "critics", "gop", "democratic", "republican",
}  # fmt: skip
_LABEL_PARTY = {"democrats": "Democratic", "democratic": "Democratic", "republicans": "Republican",
                "republican": "Republican", "gop": "Republican"}  # fmt: skip


def is_group_label(label: str) -> bool:
    words = label.split("_")
    return any(w[:1].islower() or w.lower() in _GROUP_LABEL_WORDS for w in words)


def basil(limit: int | None, tagger=None) -> dict[str, float]:
    correct = attributed = total = 0
    person_total = person_correct = group_party_total = group_party_member = 0
    party_total = party_right = party_unattributed = party_rs_total = party_rs_right = 0
    files = sorted((DATA / "basil" / "articles").glob("*/*.json"))[: limit or None]
    for path in files:
        article = json.loads(path.read_text(encoding="utf-8"))
        ann_path = path.parent.parent.parent / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if not ann_path.exists():
            continue
        body = article["body-paragraphs"]
        if isinstance(body, str):
            body = ast.literal_eval(body)
        when = None
        with contextlib.suppress(ValueError):
            when = date.fromisoformat(article.get("date", "")[:10])
        pieces, offsets = [], []
        position = 0
        for p_index, paragraph in enumerate(body):
            for s_index, sentence in enumerate(paragraph):
                if s_index:
                    pieces.append(" ")
                    position += 1
                offsets.append(position)
                pieces.append(sentence)
                position += len(sentence)
            if p_index < len(body) - 1:
                pieces.append("\n\n")
                position += 2
        text = "".join(pieces)
        statements = find_statements(
            text=text, paragraphs=split_paragraphs(text=text), article_date=when, tagger=tagger
        )
        annotations = json.loads(ann_path.read_text(encoding="utf-8"))["phrase-level-annotations"]
        for item in annotations:
            label = item.get("speaker") or ""
            if item.get("quote") != "yes" or not label or label.startswith("other_"):
                continue
            sentence = int(item["id"][1:])
            if sentence >= len(offsets):
                continue
            span = (offsets[sentence] + int(item["start"]), offsets[sentence] + int(item["end"]))
            total += 1
            hits = sorted(
                (s for s in statements if _overlap((s.start, s.end), span) > 0 and s.speaker),
                key=lambda s: -_overlap((s.start, s.end), span),
            )
            gold_last = label.replace("_", " ").split()[-1].lower()
            reference = _reference_party(label.replace("_", " "), when)
            if reference:
                party_total += 1
            group = is_group_label(label)
            person_total += not group
            label_party = next(
                (_LABEL_PARTY[w.lower()] for w in label.split("_") if w.lower() in _LABEL_PARTY), None
            )
            group_party_total += bool(group and label_party)
            if not hits:
                party_unattributed += bool(reference)
                continue
            attributed += 1
            predicted_last = hits[0].speaker.split()[-1].lower()
            correct += predicted_last == gold_last
            person_correct += not group and predicted_last == gold_last
            group_party_member += bool(
                group and label_party and hits[0].speaker_type == "person" and hits[0].party == label_party
            )
            if reference:
                party_right += hits[0].party == reference
                if predicted_last == gold_last:
                    party_rs_total += 1
                    party_rs_right += hits[0].party == reference
    return {
        "articles": len(files),
        "quotes": total,
        "attributed": attributed,
        "correct": correct,
        "party_total": party_total,
        "party_right": party_right,
        "party_unattributed": party_unattributed,
        "party_rs_total": party_rs_total,
        "party_rs_right": party_rs_right,
        "person_total": person_total,
        "person_correct": person_correct,
        "group_party_total": group_party_total,
        "group_party_member": group_party_member,
    }


BARS = {
    "PolNeAR source F1, exact": 0.70,
    "PolNeAR source F1, overlap": 0.80,
    "PolNeAR content F1, overlap": 0.85,
    "PolNeAR speech subset source F1, overlap": 0.88,
    "PolNeAR speaker-name accuracy per matched content": 0.92,
    "BASIL quote speaker accuracy": 0.75,
}


def summary(c: Counts, speech: Counts, b: dict[str, float]) -> dict[str, float]:
    """The headline numbers of one configuration."""

    def f1(hits_p: int, n_p: int, hits_r: int, n_r: int) -> float:
        return _f1(_ratio(hits_p, n_p), _ratio(hits_r, n_r))

    return {
        "PolNeAR source F1, exact": f1(
            c.source_exact, c.statements_with_speaker, c.source_exact_found, c.gold_with_source
        ),
        "PolNeAR source F1, overlap": f1(
            c.source_overlap, c.statements_with_speaker, c.source_overlap_found, c.gold_with_source
        ),
        "PolNeAR source precision, overlap": _ratio(c.source_overlap, c.statements_with_speaker),
        "PolNeAR source recall, overlap": _ratio(c.source_overlap_found, c.gold_with_source),
        "PolNeAR content F1, overlap": f1(c.content_pairs, c.statements, c.content_found, c.gold),
        "PolNeAR speech subset source F1, overlap": f1(
            speech.source_overlap,
            speech.statements_with_speaker,
            speech.source_overlap_found,
            speech.gold_with_source,
        ),
        "PolNeAR speech subset content F1, overlap": f1(
            speech.content_pairs, speech.statements, speech.content_found, speech.gold
        ),
        "PolNeAR speaker-name accuracy per matched content": _ratio(c.name_right, c.name_pairs),
        "BASIL quote speaker accuracy": _ratio(b["correct"], b["quotes"]),
        "BASIL quotes attributed": _ratio(b["attributed"], b["quotes"]),
        "BASIL quote speaker accuracy, person-labelled quotes": _ratio(
            b["person_correct"], b["person_total"]
        ),
        "BASIL party-group-labelled quotes given to a named member of that party": _ratio(
            b["group_party_member"], b["group_party_total"]
        ),
        "Party correct, politicians whose speaker was found correctly": _ratio(
            c.party_right_speaker_right + b["party_rs_right"],
            c.party_right_speaker_total + b["party_rs_total"],
        ),
    }


def _error_table(counts: Counts, name: str) -> str:
    """What is still wrong, by kind (overlap scoring, PolNeAR), for the named configuration."""
    lines = [
        f"### Where the source errors are ({name}, PolNeAR, overlap scoring)",
        "",
        f"Gold sources missed ({sum(counts.missed.values())} of {counts.gold_with_source}):",
        "",
        "| why | count | share of gold sources |",
        "|---|---:|---:|",
    ]
    for why, n in counts.missed.most_common():
        lines.append(f"| {why} | {n} | {_ratio(n, counts.gold_with_source):.3f} |")
    wrong = sum(counts.wrong.values())
    lines += [
        "",
        f"Statements with a speaker that match no gold source ({wrong} of {counts.statements_with_speaker};"
        " `rule` = the rule that named the speaker):",
        "",
        "| why | count | share of statements with a speaker |",
        "|---|---:|---:|",
    ]
    for why, n in counts.wrong.most_common(15):
        lines.append(f"| {why} | {n} | {_ratio(n, counts.statements_with_speaker):.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate speaker attribution on PolNeAR and BASIL.")
    parser.add_argument(
        "--split",
        choices=["dev", "train", HELD_OUT],
        default="dev",
        help=f"PolNeAR split; {HELD_OUT!r}: the 42 training articles held out from the tagger's training",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each corpus")
    parser.add_argument("--errors", type=int, default=0, help="print N speaker-name errors (with the model)")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument(
        "--tagger", default=None, help="attribution model folder (default: models/attribution when present)"
    )
    args = parser.parse_args(argv)
    from analysis.attribution.learned import load_tagger, tagger_path

    path = args.tagger or tagger_path()
    configs: dict[str, object] = {"rules only": None}
    if path:
        configs["rules + learned tagger"] = load_tagger(path)
    results, seconds, last = {}, {}, None
    for name, tagger in configs.items():
        started = time.perf_counter()
        counts, speech, n_articles = polnear(args.split, args.limit, tagger)
        b = basil(args.limit, tagger)
        seconds[name] = time.perf_counter() - started
        results[name] = summary(counts, speech, b)
        last = (counts, b)
        print(f"  {name}: {seconds[name]:.0f} s", file=sys.stderr)
    names = list(results)
    lines = [
        f"## Attribution evaluation: PolNeAR {args.split} ({n_articles} articles) and BASIL ({last[1]['articles']} articles)",
        "",
        f"`python -m eval.evaluate_attribution --split {args.split}`"
        + (f" --limit {args.limit} (SUBSAMPLED)" if args.limit else "")
        + f"; tagger: `{path or 'none'}`.",
        "",
        "| metric | " + " | ".join(names) + " | bar |",
        "|---|" + "---|" * len(names) + "---|",
    ]
    for metric in results[names[0]]:
        bar = BARS.get(metric)
        lines.append(
            f"| {metric} | "
            + " | ".join(f"{results[n][metric]:.3f}" for n in names)
            + f" | {'≥ ' + format(bar, '.2f') if bar else ''} |"
        )
    lines += [
        "| seconds for both corpora | " + " | ".join(f"{seconds[n]:.0f}" for n in names) + " | |",
        "",
        "Scoring rules: see the docstring of `eval/evaluate_attribution.py`.",
    ]
    if last is not None:
        lines += ["", _error_table(last[0], list(results)[-1])]
    table = "\n".join(lines)
    print(table)
    if args.errors and last is not None:
        print("\nSpeaker-name errors (sample, last configuration):")
        for line in Counter(last[0].errors).most_common(args.errors):
            print(" ", line[0])
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        out = RESULTS if args.split == "dev" else RESULTS.with_name(f"attribution_{args.split}.md")
        out.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
