"""Finding sources and cues: reporting verbs, ``according to`` and reported speech in one paragraph.

``_attributions`` walks a paragraph's dependency parse: each reporting verb (``data/reporting_verbs.csv``)
outside quotes, and each ``according to``, gives an ``Attribution``: the cue, its source (``_source_token``:
the subject, a passive agent, an inverted ``said X``, or a name between a quote and its cue) resolved to a
``Speaker`` by ``names``, and the reported content (``_content_span``: the clausal complement, the host
clause of a parenthetical cue, or the object and its complement). Without a parse, ``_regex_attributions``
finds ``"...," said X`` and ``"...," X said`` only. ``_best_attribution`` picks the attribution of a direct
quote: the one whose content covers it, or whose cue stands right next to it.

Bounds: at most ``MAX_CUES_PER_PARAGRAPH`` cues are considered per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.attribution import party, tables
from analysis.attribution.names import Context, Speaker
from analysis.attribution.quotes import ABBREVIATION, MAX_QUOTES_PER_PARAGRAPH, _inside_any
from analysis.attribution.speakers import person_speaker, speaker_from_token
from analysis.records import Paragraph

MAX_CUES_PER_PARAGRAPH = 60
_SPEAKER_RANK = {"person": 0, "organisation": 1, "group": 2, "unnamed": 3}


@dataclass(slots=True)
class Attribution:
    cue: str
    cue_start: int
    cue_end: int
    speaker: Speaker | None
    content: tuple[int, int] | None
    rule: str


# What may stand between a quote and the cue that is its own: '," he ' or ' said Mr. ' (one line, no stop).
_TIGHT_AFTER = re.compile(r"[ \u00a0,\-–—\"”’']*(?:\w+[ \u00a0,]*){0,3}")


def _best_attribution(
    attributions: list[Attribution], q_start: int, q_end: int, *, text: str
) -> Attribution | None:
    """The attribution whose content covers the quote, or whose cue stands right next to it."""
    candidates: list[tuple[tuple, Attribution]] = []
    for a in attributions:
        if q_start <= a.cue_start < q_end:
            continue
        overlap = 0
        if a.content:
            overlap = max(0, min(q_end, a.content[1]) - max(q_start, a.content[0]))
        gap = text[q_end : a.cue_start] if a.cue_start >= q_end else text[a.cue_end : q_start]
        bare_gap = ABBREVIATION.sub("", gap)
        adjacent = len(gap) <= 80 and not re.search(r"[.!?][\"”’']?\s", bare_gap) and "\n" not in gap
        if a.cue_start < q_start:
            adjacent = adjacent and (
                re.search(r"[:,]\s*$", gap.strip() + (" " if gap.strip() else "")) is not None
                or gap.strip() in {"", ":"}
                or (a.content is not None and overlap > 0)
            )
        if not (overlap > 0 or adjacent):
            continue
        rank = _SPEAKER_RANK.get(a.speaker.type, 4) if a.speaker else 5
        if a.speaker and a.speaker.resolution == "pronoun":
            rank += 0.5
        if a.cue_start >= q_end and _TIGHT_AFTER.fullmatch(ABBREVIATION.sub("", gap)):
            rank -= 0.5  # '"Quiet," he demanded, as Bush continued': the cue right after the quote is its own
        distance = a.cue_start - q_end if a.cue_start >= q_end else q_start - a.cue_end
        candidates.append(((0 if overlap else 1, rank, abs(distance)), a))
    if not candidates:
        return None
    candidates.sort(key=lambda item: item[0])
    chosen = candidates[0][1]
    # Rule name by position of the cue.
    if chosen.rule in {"reported_speech", "inverted"}:
        after = chosen.cue_start >= q_end
        chosen = Attribution(
            chosen.cue,
            chosen.cue_start,
            chosen.cue_end,
            chosen.speaker,
            chosen.content,
            "quote_cue_after" if after else "quote_cue_before",
        )
    return chosen


# ---------------------------------------------------------------------------------------------------
def _attributions(ctx: Context, para: Paragraph, doc, quotes) -> list[Attribution]:
    verbs = tables.reporting_verbs()
    offset = para.start
    found: list[Attribution] = []

    def quoted(token) -> bool:
        return _inside_any(offset + token.idx, quotes)

    for tok in doc:
        if len(found) >= MAX_CUES_PER_PARAGRAPH:
            break
        if quoted(tok):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attribution = _according_to(ctx, para, doc, tok)
            if attribution:
                found.append(attribution)
            continue
        lemma = tok.lemma_.lower()
        if lemma not in verbs or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if verbs[lemma] != "speech" and not any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
            continue
        if _inside_another_content(tok, verbs, quoted) or _calling_without_words(tok):
            continue
        source_tok, rule = _source_token(tok, quoted)
        speaker = None
        if source_tok is not None and quoted(source_tok):
            source_tok, rule = None, "no_source"  # a name inside the quoted words is not its speaker
        if source_tok is None and rule != "passive":
            source_tok = _name_between_quote_and_cue(doc, tok, offset, quotes)
            rule = "reported_speech" if source_tok is not None else rule
        if source_tok is not None:
            speaker = speaker_from_token(ctx, para, doc, source_tok)
        elif rule == "passive":
            pass
        content = _content_span(doc, tok)
        if rule == "inverted" and content is not None and content[0] <= source_tok.idx < content[1]:
            # "to challenge Donald Trump and Ted Cruz": an object taken for an inverted speaker ("said
            # Rubio") is what the content is about, not who speaks.
            speaker, rule = None, "no_source"
        cue_text = _cue_text(doc, tok)
        found.append(
            Attribution(
                cue=cue_text,
                cue_start=offset + tok.idx,
                cue_end=offset + tok.idx + len(tok.text),
                speaker=speaker,
                content=(offset + content[0], offset + content[1]) if content else None,
                rule=rule,
            )
        )
    return found


def _inside_another_content(tok, verbs: dict[str, str], quoted=lambda _token: False) -> bool:
    """``The president said that the talks would continue``: "continue" is what was said, not a second cue
    (its subject "talks" is no speaker). A nested verb that carries a content of its own still counts, and so
    does one the parser hung on a verb inside a quote (''I said, 'X,''' he recalled)."""
    return (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in verbs
        and not quoted(tok.head)
        and not any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children)
        and not any(c.text == ":" for c in tok.children)
    )


def _calling_without_words(tok) -> bool:
    """The verb "call" reports words only as "called for", "called on", "called X a Y"; "calling voters" is an action."""
    return tok.lemma_.lower() == "call" and not any(
        c.dep_ in {"oprd", "ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ in {"for", "on"})
        for c in tok.children
    )


def _name_between_quote_and_cue(doc, tok, offset: int, quotes):
    """``"...," Representative Steve Cohen, Democrat of Tennessee, told X``: the name in the gap."""
    cue_at = offset + tok.idx
    ends = [e for _s, e, _c in quotes if e <= cue_at and cue_at - e <= 120]
    if not ends:
        return None
    gap_start = max(ends) - offset
    gap = [t for t in doc if gap_start <= t.idx < tok.idx]
    if any(t.text in {".", "!", "?"} for t in gap):
        return None
    for t in gap:
        if t.ent_type_ == "PERSON":
            ent = next(e for e in doc.ents if e.start <= t.i < e.end)
            return ent.root
    return None


def _cue_text(doc, tok) -> str:
    parts = [tok]
    for child in tok.children:
        if child.dep_ in {"prt", "neg"} or (
            child.dep_ in {"aux"}
            and child.lower_ in {"has", "have", "had", "been", "is", "was", "will", "would"}
        ):
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


_ADDRESSEE_VERBS = {"tell", "ask", "remind", "inform"}


def _right_after_quote(doc, tok) -> bool:
    """Whether only a closing quote mark and punctuation stand between a quote and ``tok``."""
    before = tok.i - 1
    while before >= 0 and doc[before].is_punct and not doc[before].is_quote:
        before -= 1
    return before >= 0 and doc[before].is_quote


def participle_clause(token) -> bool:
    """A past participle opening a clause of its own, with no subject or auxiliary: "Asked whether he would
    run, Devine said no" (someone unnamed asked Devine)."""
    return (
        token.tag_ == "VBN"
        and token.dep_ == "advcl"
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "agent"} for c in token.children)
    )


def _source_token(tok, quoted=lambda _token: False):
    """The token heading the source of cue ``tok``, and the rule; subjects inside quotes are not sources."""
    if participle_clause(tok) and tables.subject_not_source().get(tok.lemma_.lower()) is not None:
        # "Asked whether he would run, Devine said no": the main clause's subject is the one asked.
        return None, "passive"
    verb = tok
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ == "nsubj" and not quoted(c)]
        subj.sort(key=lambda c: abs(c.i - tok.i))
        if subj:
            s = subj[0]
            if s.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head, "reported_speech"
            return s, "reported_speech"
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            agents = [c for c in verb.children if c.dep_ == "agent"]
            for agent in agents:
                for pobj in agent.children:
                    if pobj.dep_ == "pobj":
                        return pobj, "reported_speech"
            return None, "passive"
        # Inverted: "said Rubio", parsed as an object or attribute after the verb. A participle's object is
        # its target ("Trump denied it, dismissing O'Donnell as '...'"); its speaker is the clause's subject.
        if verb is tok and tok.tag_ != "VBG":
            for child in tok.children:
                if (
                    child.i > tok.i
                    and child.i - tok.i <= 4
                    and not (child.dep_ == "dobj" and tok.lemma_.lower() in _ADDRESSEE_VERBS)
                    and not quoted(child)
                    and child.dep_ in {"dobj", "attr", "npadvmod", "nsubj", "oprd", "appos"}
                    and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON")
                ):
                    return child, "inverted"
        if verb.dep_ in {"xcomp", "advcl", "conj", "pcomp", "acomp"} and verb.head is not verb:
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            head_lemma = verb.head.lemma_.lower()
            # "continues to insist that ...": "continue" is aspect, the insisting is the speech act.
            if (
                infinitive
                and verb is tok
                and head_lemma in tables.reporting_verbs()
                and head_lemma != "continue"
            ):
                # "denounce the media's use of 'protesters' to describe X": the purpose of one speech act
                # is not a second one by the same speaker.
                return None, "no_source"
            verb = verb.head
            continue
        break
    # Inverted with a title first ("said Senator Warren"): the next proper noun after the verb. After "told" or
    # "asked" that is the addressee ("Cohen told Mr. Obama"), unless the verb follows the quote at once ('"Why?"
    # asked Smith').
    doc = tok.doc
    if tok.lemma_.lower() in _ADDRESSEE_VERBS and not _right_after_quote(doc, tok):
        return None, "no_source"
    for j in range(tok.i + 1, min(len(doc), tok.i + 6)):
        t = doc[j]
        if t.is_punct or t.is_sent_start or quoted(t):
            break
        if t.ent_type_ == "PERSON":
            return t, "inverted"
        if t.pos_ == "PROPN" and not t.ent_type_ and not tables.is_title_word(t.lower_):
            return t, "inverted"  # "added Lauten": a bare proper name right after the cue
        if not tables.is_title_word(t.lower_):
            break
    return None, "no_source"


def _content_span(doc, tok) -> tuple[int, int] | None:
    ccomps = [c for c in tok.children if c.dep_ == "ccomp"]
    if ccomps:
        child = ccomps[0]
        tokens = list(child.subtree)
        between = doc[min(tok.i, tokens[0].i) + 1 : max(tok.i, tokens[0].i)] if tokens[0].i > tok.i else []
        if any(t.lower_ in {"but", "and", "while", "although", "yet", "whereas"} for t in between):
            return None  # a coordinated clause, not what was said
        return _trim(doc, tokens[0].i, tokens[-1].i)
    if tok.dep_ in {"parataxis", "ccomp"} and tok.head.i > tok.i:
        # Parenthetical cue ("By doing X, Ms. Tchen said, the White House can Y"): the whole host clause.
        before = doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if before is not None and before.text in {",", "—", "–"}:
            sub = list(tok.head.subtree)
            return _trim(doc, sub[0].i, sub[-1].i)
        return None
    if tok.dep_ in {"parataxis", "ccomp"} and tok.head.i < tok.i:
        head = tok.head
        sub = list(head.subtree)
        start = sub[0].i
        end = tok.left_edge.i - 1
        # "The economy is strong, Trump said": the clause before is the content only when punctuation sets
        # the cue off; in "the evidence suggests policy makers should not continue", "continue" is inside it.
        set_off = end >= 0 and (doc[end].is_punct or doc[end].is_quote)
        if end > start and set_off:
            return _trim(doc, start, end)
    # "urged him to bow out", "called Palin a clown", "accused X of Y": the object and its complement.
    objects = [c for c in tok.children if c.i > tok.i and c.dep_ in _OBJECT_DEPS]
    needs = _OBJECT_CONTENT_DEPS.get(tables.object_contents().get(tok.lemma_.lower(), ""))
    if needs is not None and not any(c.dep_ in needs for c in objects):
        return None  # "told reporters", "continued to fly": an addressee or an action, not what was said
    if any(c.dep_ in {"dobj", "xcomp"} for c in objects):
        first = min(c.left_edge.i for c in objects)
        last = max(c.right_edge.i for c in objects)
        return _trim(doc, first, last)
    return None


_OBJECT_CONTENT_DEPS = {"complement": {"xcomp", "oprd"}, "clause": set()}
_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "prep", "dative"}


def _trim(doc, first: int, last: int) -> tuple[int, int] | None:
    while (
        first <= last
        and (doc[first].is_punct and doc[first].text not in "\"“‘'«")
        or (first <= last and doc[first].is_space)
    ):
        first += 1
    while first <= last and (doc[last].is_punct and doc[last].text not in "\"”’'»" or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _according_to(ctx, para, doc, tok) -> Attribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        # spaCy sometimes hangs the object off "according".
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        for j in range(tok.i + 2, min(len(doc), tok.i + 8)):
            if doc[j].pos_ in {"NOUN", "PROPN"}:
                pobj = doc[j]
                break
    if pobj is None:
        return None
    speaker = speaker_from_token(ctx, para, doc, pobj)
    sent = tok.sent
    pp_tokens = list(tok.subtree)
    pp_first, pp_last = pp_tokens[0].i, max(pp_tokens[-1].i, pobj.i)
    before = _trim(doc, sent.start, pp_first - 1) if pp_first > sent.start else None
    after = _trim(doc, pp_last + 1, sent.end - 1) if pp_last + 1 < sent.end else None
    if before and after and len(doc.text[after[0] : after[1]].split()) > 2:
        # "X, according to Y, did Z": the whole sentence is the content.
        content = _trim(doc, sent.start, sent.end - 1)
    else:
        content = before or after
    offset = para.start
    return Attribution(
        cue="according to",
        cue_start=offset + tok.idx,
        cue_end=offset + to.idx + len(to.text),
        speaker=speaker,
        content=(offset + content[0], offset + content[1]) if content else None,
        rule="according_to",
    )


# ---------------------------------------------------------------------------------------------------
_REGEX_CUE = re.compile(
    r"^[\s,]*(?P<cue>said|says|told|added|asked|wrote)\s+(?P<who>(?:[A-Z][\w.'’-]*\s?){1,4})"
    r"|^[\s,]*(?P<who2>(?:[A-Z][\w.'’-]*\s?){1,4}?)\s*(?P<cue2>said|says|told|added|asked|wrote)\b"
)


def _regex_attributions(ctx: Context, para: Paragraph, quotes) -> list[Attribution]:
    """Without a parse (over-long paragraphs, no model): ``"...," said X`` and ``"...," X said`` only."""
    found: list[Attribution] = []
    for _q_start, q_end, _c in quotes[:MAX_QUOTES_PER_PARAGRAPH]:
        tail = ctx.text[q_end : min(q_end + 80, para.end)]
        match = _REGEX_CUE.match(tail)
        if not match:
            continue
        who = match.group("who") or match.group("who2")
        cue = match.group("cue") or match.group("cue2")
        if not who or not cue:
            continue
        who_start = q_end + match.start("who" if match.group("who") else "who2")
        name = who.strip()
        if not re.search(r"\b[A-Z]\.$", name):
            name = name.rstrip(".,")
        if name.lower() in tables.non_speakers() or name.lower() in tables.pronouns():
            continue
        who_end = who_start + len(name)
        if len(name.split()) >= 2:
            speaker = person_speaker(
                ctx,
                " ".join(
                    w
                    for w in name.split()
                    if w.lower().rstrip(".") not in {x.rstrip(".") for x in tables.title_words()}
                )
                or name,
                who_start,
                who_end,
            )
        else:
            person = ctx.person_by_single_name(name, who_start)
            display = person.name if person else party.identify(name=name, article_date=ctx.article_date)
            speaker = person_speaker(ctx, display or name, who_start, who_end)
            speaker.resolution = "surname" if display else ""
        cue_start = q_end + match.start("cue" if match.group("cue") else "cue2")
        found.append(Attribution(cue, cue_start, cue_start + len(cue), speaker, None, "quote_cue_after"))
    return found
