"""Finding statements and their speakers: the orchestration of the attribution rules over an article.

``find_statements`` parses the paragraphs (``_parse``), registers every person named (``names.Context``),
finds quote spans (``quotes``) and cues (``cues``), then decides each paragraph's statements
(``_paragraph_statements``): a direct quote takes the speaker of its cue, of a quote it continues, of the
paragraph, of a colon intro or of the previous paragraph; reported contents not covered by a quote become
indirect statements. Pull-quote dash lines (``– Senator X (D-MA)``) are handled here too.

Bounds (so any input finishes in near-linear time):

* quote scanning is one linear pass per paragraph (``quotes.find_quotes``);
* spaCy parses a paragraph only if it has at most ``MAX_PARSE_CHARS_PER_PARAGRAPH`` characters and no
  run of ``MAX_TOKEN_CHARS`` non-space characters, and at most ``MAX_PARSE_CHARS_PER_ARTICLE`` characters
  per article in all (about 15-30 s of parsing on a busy CPU core; news articles are 2-35k characters);
  the rest runs on quote rules alone (``"...," said X`` / ``"...," X said`` patterns);
* at most ``quotes.MAX_QUOTES_PER_PARAGRAPH`` quotes and ``cues.MAX_CUES_PER_PARAGRAPH`` cues are considered
  per paragraph;
* coreference looks only at entities already registered (dictionary look-ups, ``names.Context``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from analysis.attribution import nlp, party, tables
from analysis.attribution.cues import (
    Attribution,
    _attributions,
    _best_attribution,
    _regex_attributions,
)
from analysis.attribution.names import (
    Context,
    Person,
    Speaker,
    _gender_of_title,
    _person_name,
    _title_before,
)
from analysis.attribution.quotes import _DASH_LINE, _WORD, _inside_any, _paragraph_quotes
from analysis.attribution.speakers import speaker_from_token
from analysis.records import Paragraph, Statement

LOG = logging.getLogger(__name__)

MAX_PARSE_CHARS_PER_PARAGRAPH = 5_000
MAX_PARSE_CHARS_PER_ARTICLE = 60_000
MAX_TOKEN_CHARS = 120
"""A paragraph with a longer run of non-space characters (e.g. 2,000 quotation marks) is not parsed:
spaCy's tokenizer is slow on such runs, and it is not prose."""
MIN_QUOTE_WORDS = 4
"""Shorter quotes with no reporting verb next to them are scare quotes ("protesters"), not statements."""
RAISE_ERRORS = False
"""Tests set this to see bugs that ``find_statements`` would otherwise log and swallow."""


def find_statements(
    *, text: str, paragraphs: Sequence[Paragraph], article_date: date | None = None, tagger=None
) -> list[Statement]:
    """Statements of the article, one per quote or reported content per paragraph (see the package doc).

    With ``tagger`` (``learned.Tagger``), the learned attributions are merged in (``merge.py``)."""
    from analysis.attribution import merge

    try:
        if isinstance(article_date, datetime):
            article_date = article_date.date()
        elif not isinstance(article_date, date):
            article_date = None
        tagged = tagger.tag(list(paragraphs)) if tagger is not None else None
        statements = merge.with_cue_types(
            text, merge.with_relative_pronouns(text, _find(text, list(paragraphs), article_date, tagged))
        )
    except Exception:
        if RAISE_ERRORS:
            raise
        LOG.exception("attribution failed; returning no statements")  # the pipeline must get an answer
        return []
    by_index = {p.index: p for p in paragraphs}
    return [s for s in statements if _valid(s, text, by_index)]


def _valid(statement: Statement, text: str, paragraphs: dict[int, Paragraph]) -> bool:
    if not (0 <= statement.start < statement.end <= len(text)):
        return False
    if text[statement.start : statement.end] != statement.text:
        return False
    para = paragraphs.get(statement.paragraph)
    if para is None or not (para.start <= statement.start and statement.end <= para.end):
        return False
    if statement.speaker_start is None:
        return True
    return statement.speaker_end is not None and 0 <= statement.speaker_start < statement.speaker_end <= len(
        text
    )


_MONONYM = re.compile(r"[A-Z][a-z]{2,}")
"""One capitalised word: a person known by one name ("Rihanna") or a surname the article never completes."""


def _parse(paragraphs: list[Paragraph]) -> list[object | None]:
    model = nlp.load()
    docs: list[object | None] = [None] * len(paragraphs)
    if model is None:
        return docs
    budget = MAX_PARSE_CHARS_PER_ARTICLE
    chosen: list[int] = []
    for i, para in enumerate(paragraphs):
        size = len(para.text)
        longest_run = max((len(run) for run in para.text.split()), default=0)
        if 0 < size <= MAX_PARSE_CHARS_PER_PARAGRAPH and size <= budget and longest_run <= MAX_TOKEN_CHARS:
            chosen.append(i)
            budget -= size
    for i, doc in zip(chosen, model.pipe([paragraphs[i].text for i in chosen], batch_size=32), strict=True):
        docs[i] = doc
    return docs


def _find(text: str, paragraphs: list[Paragraph], article_date: date | None, tagged=None) -> list[Statement]:
    for i, para in enumerate(paragraphs):
        if text[para.start : para.end] != para.text:
            raise ValueError(f"paragraph {i} does not match the text")
    docs = _parse(paragraphs)
    ctx = Context(text, article_date)
    # Pre-pass: every full person name, so "Graham" resolves even when the first mention is not a speaker.
    for para, doc in zip(paragraphs, docs, strict=True):
        if doc is None:
            continue
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name, offset = _person_name(ent)
                if name:
                    ctx.register(name=name, start=para.start + offset[0], end=para.start + offset[1])
        dash = _DASH_LINE.match(para.text)
        if dash:
            _dash_person(ctx, para, doc)
    quotes = _paragraph_quotes(paragraphs)
    ctx.quote_spans = [span for spans in quotes for span in spans]
    # Second pass: every person mention (full name or surname) outside quotes, in order, for pronouns.
    for para, doc, para_quotes in zip(paragraphs, docs, quotes, strict=True):
        if doc is None:
            continue
        mentions = _office_subjects(ctx, para, doc, para_quotes)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name, offset = _person_name(ent)
            if not name:
                continue
            at = para.start + offset[0]
            if _inside_any(at, para_quotes):
                continue
            subject = _is_subject_mention(ent.root, via={"compound", "poss"})
            person = ctx.by_name.get(name.lower())
            if person is None and len(name.split()) == 1:
                person = ctx.person_by_single_name(name, at)
                if person is not None:
                    title = _title_before(text, at)
                    if not person.gender:
                        person.gender = _gender_of_title(title)
                elif officeholder := party.identify(name=name, article_date=ctx.article_date):
                    # "President Trump spoke ... He said": an article that never gives the full name; the one
                    # officeholder of that surname on the article's date is the person a later "he" goes on with
                    person = ctx.register(name=officeholder, start=at, end=at + len(name))
                elif ent.root.dep_ == "nsubj" and _MONONYM.fullmatch(name) and ctx.is_new_single_name(name):
                    # "Meanwhile Rihanna ... spoke", "Judge Berman took a recess": one name, no one else's,
                    # the subject of a verb; a later "she" or "he" is that person
                    person = ctx.register_mononym(name=name, start=at, end=at + len(name))
            if person is not None:
                mentions.append((at, para.index, person, subject))
        mentions.extend(_surnames_spacy_missed(ctx, para, doc, para_quotes))
        # In text order within the paragraph; earlier paragraphs' mentions all come before it.
        ctx.person_mentions.extend(sorted(mentions, key=lambda mention: mention[0]))

    statements: list[Statement] = []
    by_paragraph: dict[int, list[Statement]] = {}
    for index, (para, doc) in enumerate(zip(paragraphs, docs, strict=True)):
        if _DASH_LINE.match(para.text) and len(para.text) < 160:
            _attach_dash_line(ctx, para, doc, by_paragraph, statements)
            continue
        next_is_dash = index + 1 < len(paragraphs) and bool(_DASH_LINE.match(paragraphs[index + 1].text))
        found = _paragraph_statements(ctx, para, doc, quotes[index], by_paragraph, next_is_dash)
        if tagged is not None and tagged[index]:
            from analysis.attribution import merge

            # "The company said ... It also said ...": the rules' speakers of this paragraph, for "it"
            ctx.paragraph_speakers = [(index, s) for s in _speakers_of(found)]
            found = merge.merge(ctx, para, doc, found, tagged[index])
            ctx.paragraph_speakers = []
        by_paragraph[index] = found
        statements.extend(found)
        ctx.recent_speakers.extend((index, speaker) for speaker in _speakers_of(found))
    statements.sort(key=lambda s: (s.start, s.end))
    return _one_spelling(statements)


def _one_spelling(statements: list[Statement]) -> list[Statement]:
    """One spelling per speaker: "Governors" opening a sentence and "governors" later are one actor in the
    charts. A capital that only opens a sentence is typography, so a spelling in lower case first wins ("the
    spokesman", "de Blasio"), then the article's most frequent one."""
    spellings: dict[str, Counter[str]] = {}
    for statement in statements:
        if statement.speaker:
            spellings.setdefault(statement.speaker.casefold(), Counter())[statement.speaker] += 1
    chosen = {
        key: min(counts, key=lambda spelling: (spelling[:1].isupper(), -counts[spelling]))
        for key, counts in spellings.items()
        if len(counts) > 1
    }
    return [
        replace(s, speaker=chosen[s.speaker.casefold()])
        if s.speaker and s.speaker.casefold() in chosen
        else s
        for s in statements
    ]


def _speakers_of(statements: list[Statement]) -> list[Speaker]:
    return [
        Speaker(
            s.speaker,
            s.speaker_type,
            s.speaker_start or 0,
            s.speaker_end or 0,
            s.party,
            s.party_source,
        )
        for s in statements
        if s.speaker and s.speaker_type
    ]


# ---------------------------------------------------------------------------------------------------
def _dash_person(ctx: Context, para: Paragraph, doc) -> None:
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name, (s, e) = _person_name(ent)
                if name:
                    ctx.register(name=name, start=para.start + s, end=para.start + e)


def _dash_speaker(ctx: Context, para: Paragraph, doc) -> Speaker | None:
    match = _DASH_LINE.match(para.text)
    if not match:
        return None
    who_start = match.start("who")
    who = para.text[who_start:]
    cut = re.search(r"\s*[(,]", who)
    name_text = who[: cut.start()] if cut else who.rstrip(" .")
    # Strip titles.
    words = list(re.finditer(r"\S+", name_text))
    title_words = tables.bare_title_words()
    while words and words[0].group().lower().rstrip(".") in title_words:
        words.pop(0)
    if not words:
        return None
    start = para.start + who_start + words[0].start()
    end = para.start + who_start + words[-1].end()
    name = " ".join(w.group() for w in words)
    if name.lower() in tables.non_speakers() or not _names_someone(doc, start - para.start, end - para.start):
        return None
    person = ctx.register(name=name, start=start, end=end) if len(words) >= 2 else None
    kind = "person" if person else "organisation"
    if person is None and len(words) == 1:
        person = ctx.person_by_single_name(name, start)
        kind = "person" if person else "organisation"
        if person:
            name = person.name
    speaker = Speaker(name, kind, start, end)
    if kind == "person":
        speaker.party, speaker.party_source = ctx.party_for(name, person)
    else:
        speaker.party, speaker.party_source = party.resolve_party(name=name, article_date=ctx.article_date)
    return speaker


def _names_someone(doc, start: int, end: int) -> bool:
    """Whether a dash line's words hold a proper noun: "– An immigrant himself –." under a quote is an aside
    about the speaker named before, not a speaker to chart (and "he" after it must not resolve to it)."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is None or any(token.pos_ == "PROPN" or token.ent_type_ for token in span)


def _attach_dash_line(ctx, para, doc, by_paragraph, statements) -> None:
    """A dash line names the speaker of the pull quote just before it; with no quote there, nothing."""
    previous = by_paragraph.get(para.index - 1)
    if not previous:
        return
    targets = [s for s in previous if s.kind == "direct" and s.speaker is None]
    if not targets or len(targets) != len(previous):
        return
    speaker = _dash_speaker(ctx, para, doc)
    if speaker is None:
        return
    for old in targets:
        new = _with_speaker(old, speaker, "pull_quote_dash", None)
        statements[statements.index(old)] = new
        previous[previous.index(old)] = new
    ctx.recent_speakers.append((para.index, speaker))


def _with_speaker(statement: Statement, speaker: Speaker, rule: str, cue: str | None) -> Statement:
    return Statement(
        paragraph=statement.paragraph,
        start=statement.start,
        end=statement.end,
        text=statement.text,
        kind=statement.kind,
        speaker=speaker.name,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_type=speaker.type,
        party=speaker.party,
        party_source=speaker.party_source,
        cue=cue,
        rule=speaker.resolution or rule,
    )


# ---------------------------------------------------------------------------------------------------
def _is_subject_mention(token, *, via: set[str]) -> bool:
    """Whether a person mention is a clause's subject, itself or through the dependency ``via`` ("Trump's
    campaign said"), for pronouns to go on with. The subject of a "whether"/"if" question is what is asked
    about ("asked whether Mr. Lieberman was among the finalists"), not whom a later "he" goes on with."""
    subjects = {"nsubj", "nsubjpass"}
    if token.dep_ in subjects:
        verb = token.head
    elif token.dep_ in via and token.head.dep_ in subjects:
        verb = token.head.head
    else:
        return False
    return not any(child.dep_ == "mark" and child.lower_ in {"whether", "if"} for child in verb.children)


def _office_subjects(ctx, para: Paragraph, doc, para_quotes) -> list[tuple[int, int, Person, bool]]:
    """Subjects that name a person by office ("The president opted not to ..."), as person mentions: a later
    "he" is that person, not the last person named in full."""
    found = []
    for token in doc:
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.ent_type_ == "PERSON":
            continue
        if not tables.is_title_word(token.lower_) or not any(c.lower_ == "the" for c in token.children):
            continue
        at = para.start + token.idx
        if _inside_any(at, para_quotes):
            continue
        qualifier = " ".join(
            c.text for c in token.children if c.i < token.i and c.dep_ in {"compound", "amod"}
        )
        person = ctx.person_by_title(token.lower_, at, state=tables.state_named(qualifier))
        if person is not None:
            found.append((at, para.index, person, True))
    return found


def _surnames_spacy_missed(ctx, para: Paragraph, doc, para_quotes) -> list[tuple[int, int, Person, bool]]:
    """Bare surnames of people already named that spaCy's entity tagger left out ("Trump spoke about the
    economy": the small model reads a sentence-initial "Trump" as a verb), as person mentions for pronouns.
    Measured on the PolNeAR train sets: overlap source F1 +0.0006 (held-out), +0.0002 (train[:150]),
    +0.0008 (train[150:300]); speaker-name accuracy +0.0011, 0, +0.0008."""
    in_person = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    surnames = {p.last for p in ctx.people}
    found = []
    for token in doc:
        if token.i in in_person or not token.is_alpha or len(token.text) < 3 or not token.text[0].isupper():
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # "Trump Tower"
        at = para.start + token.idx
        if _inside_any(at, para_quotes):
            continue
        key = token.lower_
        if key not in surnames or not any(p.last == key and p.start < at for p in ctx.people):
            continue
        person = ctx.person_by_single_name(token.text, at)
        if person is None:
            continue
        # Not through a compound: that skipped "Trump Tower" above.
        found.append((at, para.index, person, _is_subject_mention(token, via={"poss"})))
    return found


def _paragraph_statements(
    ctx, para: Paragraph, doc, quotes, by_paragraph, next_is_dash: bool = False
) -> list[Statement]:
    attributions = (
        _attributions(ctx, para, doc, quotes) if doc is not None else _regex_attributions(ctx, para, quotes)
    )
    statements: list[Statement] = []
    used_content: list[tuple[int, int]] = []  # direct quotes only: reported contents may nest
    para_end = para.start + len(para.text)
    # Direct quotes first.
    quote_speakers: list[tuple[int, int, Attribution | None, bool]] = []
    for q_start, q_end, continued in quotes:
        best = _best_attribution(attributions, q_start, q_end, text=ctx.text)
        quote_speakers.append((q_start, q_end, best, continued))
    paragraph_speaker = next((a for *_, a, _c in quote_speakers if a and a.speaker), None)
    if paragraph_speaker is None:
        paragraph_speaker = next(
            (a for a in attributions if a.speaker and a.content and not _inside_any(a.cue_start, quotes)),
            None,
        ) or next((a for a in attributions if a.speaker and not _inside_any(a.cue_start, quotes)), None)
    for q_start, q_end, best, continued in quote_speakers:
        inner = ctx.text[q_start:q_end]
        words = len(_WORD.findall(inner))
        if words == 0:
            continue
        rule, cue, speaker = "", None, None
        if _is_named_work(ctx.text, q_start, inner):
            continue  # CNN's "State of the Union," is where it was said, not what
        if words < MIN_QUOTE_WORDS and not _speech_like(inner):
            continue  # scare quote: "protesters"
        if best is not None and best.speaker is not None:
            speaker, rule, cue = best.speaker, best.rule, best.cue
        elif continued and by_paragraph.get(para.index - 1):
            last = by_paragraph[para.index - 1][-1]
            if last.speaker:
                speaker = Speaker(
                    last.speaker,
                    last.speaker_type or "person",
                    last.speaker_start or 0,
                    last.speaker_end or 0,
                    last.party,
                    last.party_source,
                )
                rule, cue = "continued_quote", last.cue
        elif words < MIN_QUOTE_WORDS or _is_title_like(inner):
            continue  # scare quote or title
        elif (owner := _last_quote_speaker(quote_speakers, q_start) or paragraph_speaker) is not None:
            speaker, rule, cue = owner.speaker, "same_paragraph", owner.cue
        elif (colon := _colon_speaker(ctx, para, doc, q_start)) is not None:
            speaker, rule, cue = colon, "colon_intro", ":"
        elif (
            not next_is_dash
            and _only_quotes(ctx.text, para, quotes)
            and (previous := _previous_speaker(by_paragraph, para.index))
        ):
            speaker, rule, cue = previous, "previous_paragraph", None
        if speaker is None and words < MIN_QUOTE_WORDS:
            continue
        if best is not None and best.speaker is None and best.rule == "passive":
            continue
        statement = Statement(
            paragraph=para.index,
            start=q_start,
            end=min(q_end, para_end),
            text=ctx.text[q_start : min(q_end, para_end)],
            kind="direct",
            rule=rule or "unattributed_quote",
            cue=cue,
        )
        if speaker is not None:
            statement = _with_speaker(statement, speaker, rule, cue)
        statements.append(statement)
        used_content.append((q_start, q_end))
    # Reported speech: contents not already covered by a direct quote.
    for attribution in attributions:
        if attribution.speaker is None or attribution.content is None:
            continue
        c_start, c_end = attribution.content
        if _inside_any(attribution.cue_start, quotes):
            continue
        quoted_chars = sum(max(0, min(c_end, e) - max(c_start, s)) for s, e in used_content)
        if quoted_chars >= 0.6 * (c_end - c_start):
            continue
        if len(_WORD.findall(ctx.text[c_start:c_end])) < 3:
            continue
        # Drop direct quotes fully inside this content (a partial quote within reported speech).
        inside = [s for s in statements if s.kind == "direct" and c_start <= s.start and s.end <= c_end]
        for s in inside:
            statements.remove(s)
        base = Statement(
            paragraph=para.index,
            start=c_start,
            end=c_end,
            text=ctx.text[c_start:c_end],
            kind="indirect",
            rule=attribution.rule,
            cue=attribution.cue,
        )
        statements.append(_with_speaker(base, attribution.speaker, attribution.rule, attribution.cue))
    statements.sort(key=lambda s: s.start)
    return statements


def _colon_speaker(ctx: Context, para: Paragraph, doc, q_start: int) -> Speaker | None:
    """``Clinton: "..."`` or ``Sanders delivered a snappy retort: "..."``: who introduces the quote."""
    before = ctx.text[para.start : q_start].rstrip()
    if doc is None or not before.endswith(":"):
        return None
    colon_at = len(before) - 1
    colon = next((t for t in doc if t.idx == colon_at), None)
    if colon is None:
        return None
    sent_tokens = [t for t in colon.sent if t.i < colon.i]
    # "VOTERS CARE MORE ABOUT ... - Frank Newport and Jim Harter: "...": a headline, a dash, then the speaker.
    dashes = [
        i
        for i, t in enumerate(sent_tokens)
        if t.text in {"-", "--", "—", "–"} and t.whitespace_ and t.i > 0 and doc[t.i - 1].whitespace_
    ]  # spaced, so not the hyphen of "Seitz-Wald"
    if dashes:
        sent_tokens = sent_tokens[dashes[-1] + 1 :]
    if not sent_tokens:
        return None
    if len(sent_tokens) <= 4 and any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in sent_tokens):
        head = sent_tokens[-1]
        return speaker_from_token(ctx, para, doc, head)
    # The clause before the colon: its top token(s) are attached outside it (often to the quote's verb).
    tops = [t for t in sent_tokens if t.head.i >= colon.i or t.head is t] or [colon.sent.root]
    subject = next(
        (c for top in tops for c in top.children if c.dep_ == "nsubj" and c.i < colon.i),
        next((t for t in tops if t.dep_ == "nsubj"), None),
    )
    if subject is None:
        return None
    return speaker_from_token(ctx, para, doc, subject)


def _last_quote_speaker(quote_speakers, before: int) -> Attribution | None:
    """The attribution of the paragraph's last quote before ``before`` that has one: an unattributed quote
    after '"…," Conant said.' goes on with Conant, not with whoever spoke first in the paragraph."""
    earlier = [a for q_start, _e, a, _c in quote_speakers if q_start < before and a and a.speaker]
    return earlier[-1] if earlier else None


def _only_quotes(text: str, para: Paragraph, quotes) -> bool:
    """The paragraph is nothing but quoted words (no attribution of its own)."""
    rest = text[para.start : para.end]
    for q_start, q_end, _c in sorted(quotes, reverse=True):
        rest = rest[: q_start - para.start] + rest[q_end - para.start :]
    return bool(quotes) and not re.search(r"[A-Za-z]", rest)


def _previous_speaker(by_paragraph, index: int) -> Speaker | None:
    previous = [s for s in by_paragraph.get(index - 1, []) if s.speaker]
    if not previous:
        return None
    last = previous[-1]
    return Speaker(
        last.speaker,
        last.speaker_type or "person",
        last.speaker_start or 0,
        last.speaker_end or 0,
        last.party,
        last.party_source,
    )


def _speech_like(inner: str) -> bool:
    """A short quote counts as speech when it ends like a sentence or clause (``"No more Benghazis,"``)."""
    body = inner.strip().strip("\"“”‘’'«»‹› ")
    return inner.rstrip("\"”’'»› ").endswith((",", ".", "!", "?")) and len(body) > 1


_SMALL_TITLE_WORDS = {
    "a", "an", "the", "of", "and", "or", "with", "in", "on", "at", "for", "to", "by", "from",
}  # fmt: skip
_WORK_BEFORE = re.compile(
    r"(?:[’']s|\b(?:the|of|on|in|for|as|called|titled|entitled|dubbed|named|nicknamed|according to)"
    r"|\b(?:autobiography|biography|book|memoir|novel|film|movie|documentary|show|series|program|programme"
    r"|podcast|song|album|column|essay|article|headline|play),?)\s*$",
    re.IGNORECASE,
)


def _is_named_work(text: str, q_start: int, inner: str) -> bool:
    """A show, book, group or song named in quotes after a possessive, an article or a preposition
    or a work noun (``Fox News’s "Sunday Morning Futures,"``, ``the "Gang of Eight,"``, ``known as
    "Guccifer,"``, ``his 2012 book, "An American Son."``): title case, at most six words."""
    words = re.findall(r"[A-Za-z][\w'’-]*", inner)
    return (
        0 < len(words) <= 6
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _SMALL_TITLE_WORDS for w in words)
        and not inner.rstrip("”\"'’ ").endswith(("!", "?"))
        and _WORK_BEFORE.search(text[max(0, q_start - 20) : q_start]) is not None
    )


def _is_title_like(inner: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", inner)]
    return (
        bool(words)
        and len(words) <= 8
        and all(w[0].isupper() for w in words)
        and not inner.rstrip("”\"' ").endswith((".", ",", "!", "?"))
    )
