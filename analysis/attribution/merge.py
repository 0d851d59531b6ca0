"""Merging the learned tagger's attributions into the rules' statements, paragraph by paragraph.

The rules stay in charge of what a statement is where they are exact (quote marks, dash lines, "according
to", inline party tags). A tagged content that overlaps a rule's statement fills a missing speaker, and
replaces the rule's speaker where the two disagree and the table ``data/source_arbitration.csv`` says the
tagger won that rule's disagreements on held-out PolNeAR train articles (``python -m
eval.tune_source_arbitration``): pronoun, reported speech, ``X said: "..."`` and same-paragraph speakers
go to the tagger, surnames and ``"...," X said`` stay with the rule, and so does a quote's ``"...," she
said`` where the tagger names the same person at another mention. A tagged content that no rule found
(reported speech, beliefs, announced plans and positions) becomes a statement, its speaker resolved from
the tagged source with the same name resolution the rules use (surnames, titles, pronouns); where that
names no one, ``_speaker_within`` looks inside the phrase (partitives, relative pronouns, documents as unnamed
sources, "they" for the paragraph's group, a known name). The speaker's mention then widens to the tagged
source phrase that holds it ("Former President Bill Clinton"). Where the tagged cue makes its subject the
topic ("Hollande is expected to run", "Manafort seemed unperturbed", "Sanders was asked to name"), the
statement stays but names no speaker: someone unnamed expects, sees or asks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.attribution import cues, extract, learned, names, speakers, tables
from analysis.attribution.learned import TaggedAttribution, TaggedSpan
from analysis.records import Paragraph, Statement

_QUOTES = "\"“”'‘’"
_LEAD = re.compile(r"^[\s,;:\-–—\"“”'‘’(]+")
_TRAIL = re.compile(r"[\s,;:\-–—\"“”'‘’)]+$")
LEARNED_RULE = "learned"
LEARNED_SOURCE_RULE = "learned_source"

CUE_TYPES = ("speech", "belief", "plan")
KEEP_UNRESOLVED = False
"""Whether a tagged content whose source resolves to nobody (an unresolved "it", "we", "who") still becomes
an unattributed statement. Off: on the held-out PolNeAR train articles keeping them raised content F1
(0.859 -> 0.886) but lowered speaker-name accuracy per matched content (0.878 -> 0.822), and an analyst gets
a statement with no one to chart it under."""


def cue_type(cue: str | None, *, kind: str, boundary: tuple[str, str] = ("", "")) -> str:
    """speech, belief or plan (announced plans, promises, positions), from the cue's verb; quotes are speech.
    ``boundary`` is the word before the content and the content's first word, where a particle the cue needs
    may stand ("called for | a ban", "calling | on the United States": plans; "called | the charge
    dishonest": speech)."""
    if kind == "direct" or not cue:
        return "speech"
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", cue)]
    classes = tables.cue_types()
    particles = tables.cue_type_particles()
    for index in range(len(words) - 1, -1, -1):  # "has backed", "would vote to": the content verb is last
        for form in _base_forms(words[index]):
            if form in classes:
                needed = particles.get(form)
                if needed is None or needed & {*words[index + 1 :], *(w.lower() for w in boundary)}:
                    return classes[form]
                return "speech"
    return "speech"


def _boundary(text: str, statement: Statement) -> tuple[str, str]:
    before = re.findall(r"[A-Za-z]+", text[max(0, statement.start - 12) : statement.start])
    first = re.findall(r"[A-Za-z]+", statement.text[:12])
    return (before[-1] if before else "", first[0] if first else "")


def _base_forms(word: str) -> list[str]:
    """The word and the stems an English inflection may hide (believes, pledged, vowed, hoping, carries)."""
    forms = [word]
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + replacement)
    return forms


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEAD.search(piece)
    trail = _TRAIL.search(piece)
    new_start = start + (lead.end() if lead else 0)
    new_end = end - (len(piece) - trail.start() if trail else 0)
    return (new_start, new_end) if new_end > new_start else (start, end)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker(ctx, para: Paragraph, doc, source: TaggedSpan | None, *, fallback: bool = False):
    if source is None or doc is None:
        return None
    span = doc.char_span(source.start - para.start, source.end - para.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    speaker = speakers.speaker_from_token(ctx, para, doc, _named_head(doc, span))
    if speaker is None and fallback:
        speaker = _speaker_within(ctx, para, doc, span)
    return speaker


_PARTITIVES = {"some", "one", "many", "most", "each", "all", "several", "few", "both", "none", "two", "three"}
_RELATIVE_WORDS = {"who", "which", "that"}
_BARE_PARTITIVES = {"many", "some", "most", "several", "both", "few", "others"}


def _speaker_within(ctx, para: Paragraph, doc, span):
    """When the tagged source's head names nobody: the group of a partitive ("some of those activists"),
    the noun a relative pronoun stands for ("Mr. Scott, who portrayed ..."), a document kept as an unnamed
    source ("the filing", "multiple reports": PolNeAR's sources, and the rules find no one behind them),
    the latest plural subject for "they" or a bare "many" in the paragraph ("Republicans ... They slammed
    ..."; for "many", else the latest group speaker), or a person the article named whose name is inside
    the phrase ("Former Republican presidential candidate Jeb Bush")."""
    root = span.root
    if root.lower_ in _PARTITIVES:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for noun in prep.children:
                    if noun.dep_ == "pobj" and noun.pos_ in {"NOUN", "PROPN"}:
                        return speakers.speaker_from_token(ctx, para, doc, noun)
    if (
        root.lower_ in _RELATIVE_WORDS
        and root.head.dep_ == "relcl"
        and root.head.head.pos_ in {"NOUN", "PROPN"}
    ):
        speaker = speakers.speaker_from_token(ctx, para, doc, root.head.head)
        if speaker is None:
            return None
        # The pronoun is the clause's subject, and the mention PolNeAR marks; the name is the antecedent's.
        at = para.start + root.idx
        return replace(speaker, start=at, end=at + len(root.text))
    if root.lemma_.lower() in tables.document_nouns() or root.lower_ in tables.document_nouns():
        return _document_speaker(ctx, para, doc, span)
    bare_partitive = root.lower_ in _BARE_PARTITIVES and not any(c.dep_ == "prep" for c in root.children)
    if root.lower_ in {"they", "them", "their"} or bare_partitive:
        at = para.start + root.idx
        earlier = [
            t
            for t in doc[: root.i]
            if t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ in {"NNS", "NNPS"} and t.pos_ in {"NOUN", "PROPN"}
        ]
        group = speakers.speaker_from_token(ctx, para, doc, earlier[-1]) if earlier else None
        if group is None or group.type not in {"group", "organisation"}:
            # "Many say ...": the group the article last quoted, as for "they" (which resolved to it already)
            group = ctx.resolve_pronoun(para.index, at, "they") if bare_partitive else None
        if group is not None:
            return replace(group, start=at, end=at + len(root.text), resolution="pronoun")
    proper = [
        t for t in span if t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in {"", "PERSON"}
    ]  # not the "News" of "Fox News's reporting"
    if proper:
        at = para.start + proper[-1].idx
        person = ctx.person_by_single_name(proper[-1].text, at)
        if person is not None:
            speaker = speakers.person_speaker(ctx, person.name, at, at + len(proper[-1].text))
            speaker.resolution = "surname"
            return speaker
    return None


def _document_speaker(ctx, para: Paragraph, doc, span):
    """The person a document phrase names ("a statement from Grimm's attorney, William McGinley"), else the
    document itself as an unnamed source, named without its appositions and relative clauses ("the
    letter, which the faculty sent ..." is "the letter")."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and span.start <= e.start and e.end <= span.end]
    for ent in reversed(people):
        name, (s, e) = names._person_name(ent)
        if name:
            return speakers.person_speaker(ctx, name, para.start + s, para.start + e)
    tokens = [t for t in speakers.mention_tokens(doc, span.root) if not t.is_punct] or [span.root]
    start = para.start + tokens[0].idx
    end = para.start + tokens[-1].idx + len(tokens[-1].text)
    return names.Speaker(" ".join(ctx.text[start:end].split()), "unnamed", start, end)


def _is_time_phrase(doc, para: Paragraph, start: int, end: int) -> bool:
    """A tagged "content" that is mostly a date or time ("Two days before that") is the tagger's slip."""
    if doc is None:
        return False
    span = doc.char_span(start - para.start, end - para.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    words = [t for t in span if not t.is_punct]
    timed = [t for t in words if t.ent_type_ in {"DATE", "TIME"}]
    return bool(words) and len(timed) * 2 >= len(words)


def _named_head(doc, span):
    """The tagged source's head, or the person it names when its head is a title or role: the tagger often
    stops before the name ("New Jersey Gov." | "Chris Christie") or takes the role with it ("the host Steve
    Doocy"), and the issue wants the person, not the title, as the speaker. A verb as the head is a parse
    gone wrong: its subject names the speaker."""
    root = span.root
    if root.pos_ in {"VERB", "AUX"}:
        # A misparsed source phrase ("Mr. Cruz, a rare Cuban-American outlier ..., attended"): its subject.
        subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c in span]
        return subjects[0] if subjects else root
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not (span.start <= ent.start <= span.end) or ent.start <= root.i:
            continue
        # "New Jersey Gov. Chris Christie"; "White House hopeful Hillary Clinton", any role right before it
        if tables.is_title_word(root.lower_) or (ent.start == root.i + 1 and root.text.islower()):
            return ent.root
    return root


def merge(
    ctx, para: Paragraph, doc, statements: list[Statement], tagged: list[TaggedAttribution]
) -> list[Statement]:
    """The paragraph's statements with the tagger's attributions merged in (see the module doc)."""
    out = list(statements)
    tagged = [_source_in_its_sentence(para, doc, a) for a in tagged]
    for attribution in tagged:
        start, end = _trim(ctx.text, attribution.content.start, attribution.content.end)
        if end - start < 12:
            continue
        overlapping = [i for i, s in enumerate(out) if _overlap((s.start, s.end), (start, end)) > 0]
        if overlapping:
            # "Asked whether ..., Devine said": no rule named the asker, nor can the tagger
            asker_unnamed = any(out[i].speaker is None for i in overlapping) and _subject_not_source(
                doc, para, attribution.cue
            )
            for i in overlapping:
                if out[i].speaker is None and asker_unnamed:
                    continue
                if out[i].speaker is None or _tagger_decides(out[i], attribution.source):
                    speaker = _speaker(ctx, para, doc, attribution.source, fallback=out[i].speaker is None)
                    # Same person, two mentions: the quote's own '," she said' is the one PolNeAR marks.
                    if (
                        speaker is not None
                        and speaker.name == out[i].speaker
                        and (
                            _own_cue_after(ctx.text, out[i]) or _text(ctx, attribution.source).lower() == "it"
                        )
                    ):
                        continue
                    if speaker is not None:
                        cue = _text(ctx, attribution.cue)
                        out[i] = extract._with_speaker(
                            out[i], speaker, LEARNED_SOURCE_RULE, cue or out[i].cue
                        )
            continue
        if _is_time_phrase(doc, para, start, end):
            continue
        speaker = _speaker(ctx, para, doc, attribution.source, fallback=True)
        if speaker is None and not KEEP_UNRESOLVED:
            continue
        if _subject_not_source(doc, para, attribution.cue):
            speaker = None  # "X is expected to run": an unnamed source's statement about X
        inside_quotes = ctx.text[max(0, start - 1) : start] in _QUOTES and ctx.text[end : end + 1] in _QUOTES
        statement = Statement(
            paragraph=para.index,
            start=start,
            end=end,
            text=ctx.text[start:end],
            kind="direct" if inside_quotes else "indirect",
            cue=_text(ctx, attribution.cue),
            rule=LEARNED_RULE,
        )
        if speaker is not None:
            statement = extract._with_speaker(statement, speaker, LEARNED_RULE, statement.cue)
        out.append(statement)
    out.sort(key=lambda s: (s.start, s.end))
    sources = [a.source for a in tagged if a.source is not None]
    return [_mention_as_tagged(ctx.text, s, sources) for s in out]


def _source_in_its_sentence(para: Paragraph, doc, attribution: TaggedAttribution) -> TaggedAttribution:
    """The attribution with a source from its cue's own sentence. When the nearest tagged source stands across
    a sentence end (the tagger found no source beside the cue: "Many countries send people to Israel to learn
    about ..." took the names of the next sentence), the cue verb's subject is the source, and with no
    subject there is none. On the PolNeAR train articles this raised overlap source F1 by 0.003 to 0.005 and
    speaker-name accuracy by 0.003 to 0.005; content F1 fell 0.002 to 0.006 (contents with no source go)."""
    source = attribution.source
    if source is None:
        return attribution
    anchor = attribution.cue or attribution.content
    cue = (anchor.start - para.start, anchor.end - para.start)
    apart, _gap = learned.distance(para.text, (source.start - para.start, source.end - para.start), cue)
    if not apart:
        return attribution
    return replace(attribution, source=_cue_subject(para, doc, cue) if attribution.cue is not None else None)


def _cue_subject(para: Paragraph, doc, cue: tuple[int, int]) -> TaggedSpan | None:
    """The subject phrase of the first verb in the cue that has one, as a tagged source span."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if doc is not None else None
    for token in span if span is not None else ():
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and token.pos_ in {"VERB", "AUX"}:
            first, last = subjects[0].left_edge, subjects[0].right_edge
            return TaggedSpan("SOURCE", para.start + first.idx, para.start + last.idx + len(last.text))
    return None


def _subject_not_source(doc, para: Paragraph, cue: TaggedSpan | None) -> bool:
    """Whether the tagged cue makes its grammatical subject the topic rather than the speaker: a raising verb
    ("Manafort seemed unperturbed") or a passive without an agent ("Hollande is expected to run", "Sanders
    was asked to name"), from ``data/subject_not_source.csv``. A cue verb after it keeps the subject as the
    speaker ("appeared to imply that", "seemed to suggest")."""
    if cue is None or doc is None:
        return False
    span = doc.char_span(cue.start - para.start, cue.end - para.start, alignment_mode="expand")
    if span is None:
        return False
    verbs = tables.subject_not_source()
    cue_words = tables.cue_types()
    for token in span:
        voice = verbs.get(token.lemma_.lower())
        if token.pos_ not in {"VERB", "AUX"} or voice is None:
            continue
        if any(
            later.i > token.i and later.pos_ == "VERB" and later.lemma_.lower() in cue_words for later in span
        ):
            continue
        children = list(token.children)
        passive = any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)
        passive = passive or cues.participle_clause(token)
        if voice == "any" or passive:
            return True
    return False


_OWN_CUE_GAP = re.compile(r"[\s,\-–—\"”’']{0,4}")
_SENTENCE_PRONOUNS = {"He", "She", "They", "I", "We", "It"}


def _own_cue_after(text: str, statement: Statement) -> bool:
    """Whether a direct quote's speaker mention stands right after it ('"...," she said'): the quote's own cue,
    not a new sentence's subject ('dubbed "the little senator." He mocked')."""
    if (
        statement.kind != "direct"
        or statement.speaker_start is None
        or statement.speaker_start < statement.end
    ):
        return False
    if not _OWN_CUE_GAP.fullmatch(text[statement.end : statement.speaker_start]):
        return False
    mention = text[statement.speaker_start : statement.speaker_end]
    ends_sentence = re.search(r"[.!?][\"”’']*\s*$", statement.text) is not None
    return not (ends_sentence and mention in _SENTENCE_PRONOUNS)


def _tagger_decides(statement: Statement, source: TaggedSpan | None) -> bool:
    """Whether the tagged source replaces the speaker a rule found for the same content.

    Only where the two disagree (the rule's mention is outside the tagged source), and only for the rules
    that lost such disagreements on held-out PolNeAR train articles (``data/source_arbitration.csv``)."""
    if source is None or statement.speaker_start is None or statement.speaker_end is None:
        return False
    if _overlap((statement.speaker_start, statement.speaker_end), (source.start, source.end)) > 0:
        return False
    return tables.source_arbitration().get(statement.rule or "") == "tagger"


def _mention_as_tagged(text: str, statement: Statement, sources: list[TaggedSpan]) -> Statement:
    """The speaker's mention widened to the tagged source phrase that holds it (titles, appositions, ages):
    the phrase PolNeAR annotates, which the rules cut at the name."""
    if statement.speaker_start is None or statement.speaker_end is None:
        return statement
    mention = (statement.speaker_start, statement.speaker_end)
    holding = [
        (s.start, s.end)
        for s in sources
        if s.start <= mention[0] and mention[1] <= s.end and (s.start, s.end) != mention
    ]
    if not holding:
        return statement
    start, end = min(holding, key=lambda span: span[1] - span[0])
    end = start + len(text[start:end].rstrip())
    return replace(statement, speaker_start=start, speaker_end=end)


_RELATIVE = re.compile(r",?\s+(?:who|which)\b")


def with_relative_pronouns(text: str, statements: list[Statement]) -> list[Statement]:
    """A speaker mention followed by the relative pronoun that introduces the statement ("Crawford, who
    recalled that ...") takes the pronoun in: it is the clause's subject, the source PolNeAR annotates."""
    out = []
    for statement in statements:
        if statement.speaker_end is not None:
            match = _RELATIVE.match(text, statement.speaker_end)
            if (
                match
                and match.end() <= statement.start
                and statement.start - match.end() < 60
                and not re.search(r"[.;!?]", text[match.end() : statement.start])
            ):
                statement = replace(statement, speaker_end=match.end())
        out.append(statement)
    return out


def _text(ctx, span: TaggedSpan | None) -> str | None:
    return " ".join(ctx.text[span.start : span.end].split()) if span is not None else None


def with_cue_types(text: str, statements: list[Statement]) -> list[Statement]:
    return [
        replace(s, cue_type=cue_type(s.cue, kind=s.kind, boundary=_boundary(text, s))) for s in statements
    ]
