"""Finding statements and their speakers: quote rules plus a dependency parse of reporting verbs.

Bounds (so any input finishes in near-linear time):

* quote scanning is one linear pass per paragraph (``quotes.find_quotes``);
* spaCy parses a paragraph only if it has at most ``MAX_PARSE_CHARS_PER_PARAGRAPH`` characters and no
  run of ``MAX_TOKEN_CHARS`` non-space characters, and at most ``MAX_PARSE_CHARS_PER_ARTICLE`` characters
  per article in all (about 15-30 s of parsing on a busy CPU core; news articles are 2-35k characters);
  the rest runs on quote rules alone (``"...," said X`` / ``"...," X said`` patterns);
* at most ``MAX_QUOTES_PER_PARAGRAPH`` quotes and ``MAX_CUES_PER_PARAGRAPH`` cues are considered per paragraph;
* coreference looks only at entities already registered (dictionary look-ups).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from analysis.attribution import nlp, party, tables
from analysis.attribution.quotes import find_quotes, starts_with_quote
from analysis.records import Paragraph, Statement

LOG = logging.getLogger(__name__)

MAX_PARSE_CHARS_PER_PARAGRAPH = 5_000
MAX_PARSE_CHARS_PER_ARTICLE = 60_000
MAX_TOKEN_CHARS = 120
"""A paragraph with a longer run of non-space characters (e.g. 2,000 quotation marks) is not parsed:
spaCy's tokenizer is slow on such runs, and it is not prose."""
MAX_QUOTES_PER_PARAGRAPH = 60
MAX_CUES_PER_PARAGRAPH = 60
MIN_QUOTE_WORDS = 4
"""Shorter quotes with no reporting verb next to them are scare quotes ("protesters"), not statements."""
PRONOUN_WINDOW_PARAGRAPHS = 4
RAISE_ERRORS = False
"""Tests set this to see bugs that ``find_statements`` would otherwise log and swallow."""
MAX_NAME_SEARCH_CHARS = 100_000
"""Surname-to-full-name text search runs only on articles up to this size (one regex pass per surname)."""
_NOT_GIVEN_NAMES = {
    "the",
    "and",
    "but",
    "when",
    "while",
    "if",
    "as",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "said",
}

_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|[A-Z])\."
)
_DASH_LINE = re.compile(r"^\s*[–—―-]{1,2}\s*(?P<who>\S.{1,150})$")
_WORD = re.compile(r"\w+")
_SPEAKER_RANK = {"person": 0, "organisation": 1, "group": 2, "unnamed": 3}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_DETERMINERS = {"the", "a", "an", "some", "this", "that", "these", "those"}
_LEADING_JUNK = {"but", "and", "or", "so", "yet", "meanwhile", "also", "still", "however"}
_MEDIUM_PREPS = {"at", "on", "in", "to", "via", "through", "during", "from"}


@dataclass(slots=True)
class Speaker:
    name: str
    type: str
    start: int
    end: int
    party: str | None = None
    party_source: str | None = None
    resolution: str = ""  # "pronoun", "surname", "title" when coreference decided the name


@dataclass(slots=True)
class Attribution:
    cue: str
    cue_start: int
    cue_end: int
    speaker: Speaker | None
    content: tuple[int, int] | None
    rule: str


@dataclass(slots=True)
class Person:
    name: str
    first: str
    last: str
    start: int
    titles: set[str] = field(default_factory=set)
    mentions: int = 0
    gender: str | None = None  # "m" / "f" from Mr. / Mrs. / Ms. or an earlier pronoun
    party: str | None = None
    party_source: str | None = None


class Context:
    """Article-level memory: people named so far and the statements' speakers (for coreference)."""

    def __init__(self, text: str, article_date: date | None) -> None:
        self.text = text
        self.article_date = article_date
        self.people: list[Person] = []
        self.by_name: dict[str, Person] = {}
        self.recent_speakers: list[tuple[int, Speaker]] = []  # (paragraph index, speaker)
        # Person mentions in text order: (position, paragraph index, person, is grammatical subject).
        self.person_mentions: list[tuple[int, int, Person, bool]] = []
        self._party_cache: dict[str, tuple[str | None, str | None]] = {}
        self._searched: set[str] = set()

    # -- people -----------------------------------------------------------------------------------
    def register(self, *, name: str, start: int, end: int) -> Person | None:
        tokens = name.split()
        if len(tokens) < 2:
            return None
        key = name.lower()
        person = self.by_name.get(key)
        if person is None:
            person = Person(name=name, first=tokens[0].lower(), last=tokens[-1].lower(), start=start)
            self.people.append(person)
            self.by_name[key] = person
        person.mentions += 1
        title = _title_before(self.text, start)
        if title:
            person.titles.add(title)
            person.gender = person.gender or _TITLE_GENDER.get(title.split()[-1])
        if person.party_source != "inline_tag":
            tag = party.party_from_tag(self.text[end : end + 60])
            prefix = party.party_from_prefix(self.text[max(0, start - 60) : start])
            if tag or prefix:
                person.party, person.party_source = tag or prefix, "inline_tag"
            elif person.party is None:
                hint = party.party_from_title(_appositive_after(self.text, end)) or party.party_from_title(
                    _role_before(self.text, start)
                )
                if hint:
                    person.party, person.party_source = hint, "title"
        return person

    def person_by_single_name(self, token: str, position: int) -> Person | None:
        token = token.lower().replace("’", "'").removesuffix("'s")
        before = [p for p in self.people if p.start <= position and token in (p.last, p.first)]
        by_last = [p for p in before if p.last == token]
        if by_last:
            # Namesakes ("Bill" and "Hillary Clinton"): the one the article names most, then the latest.
            return max(reversed(by_last), key=lambda p: p.mentions)
        if before:
            return before[-1]
        after = [p for p in self.people if token == p.last]
        if after:
            return after[0]
        return self._full_name_in_text(token)

    def _full_name_in_text(self, surname: str) -> Person | None:
        """``Franken`` when the tagger missed ``Al Franken`` elsewhere in the article: the first
        capitalised given name + surname in the text (searched once per surname, short articles only)."""
        if surname in self._searched or len(self.text) > MAX_NAME_SEARCH_CHARS or not surname.isalpha():
            return None
        self._searched.add(surname)
        pattern = rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?({re.escape(surname.capitalize())})\b"
        title_words = tables.bare_title_words() | party.PARTY_WORDS.keys()
        for match in re.finditer(pattern, self.text):
            if match.group(1).lower() in title_words or match.group(1).lower() in _NOT_GIVEN_NAMES:
                continue
            name = f"{match.group(1)} {match.group(2)}"
            return self.register(name=name, start=match.start(1), end=match.end(2))
        return None

    def person_by_title(self, title: str, position: int) -> Person | None:
        """The latest person named before ``position`` with a title of the same office (Sen. = senator)."""
        office = _office(title)
        if not office:
            return None
        for person in reversed(self.people):
            if person.start <= position and any(_office(t) == office for t in person.titles):
                return person
        return None

    def resolve_pronoun(self, paragraph: int, position: int, pronoun: str) -> Speaker | None:
        """The latest subject mention of a person before ``position`` (gender permitting), or the latest
        statement speaker, whichever comes later; plural pronouns go to the latest group speaker."""
        plural = tables.pronouns().get(pronoun) == "plural"
        gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun)
        best_speaker: tuple[int, Speaker] | None = None
        for index, speaker in reversed(self.recent_speakers):
            if paragraph - index > PRONOUN_WINDOW_PARAGRAPHS:
                break
            if plural == (speaker.type in {"group", "organisation"}) and speaker.start < position:
                person = self.by_name.get(speaker.name.lower())
                if gender and person is not None and person.gender and person.gender != gender:
                    continue
                best_speaker = (speaker.start, speaker)
                break
        if plural:
            return best_speaker[1] if best_speaker else None
        # First the latest subject mention within the previous paragraph, then any mention within three.
        for subjects_only, reach in ((True, 0), (False, 0), (True, 1), (False, 3)):
            if reach > 0 and best_speaker is not None:
                return best_speaker[1]
            for mention_at, index, person, is_subject in reversed(self.person_mentions):
                if mention_at >= position or (subjects_only and not is_subject):
                    continue
                if paragraph - index > reach:
                    break
                if gender and person.gender and person.gender != gender:
                    continue
                if best_speaker is not None and best_speaker[0] > mention_at:
                    return best_speaker[1]
                if gender:
                    person.gender = gender
                party_name, source = self.party_for(person.name, person)
                return Speaker(person.name, "person", 0, 0, party_name, source, "pronoun")
        return best_speaker[1] if best_speaker else None

    def party_for(self, person_name: str, person: Person | None) -> tuple[str | None, str | None]:
        if person is not None and person.party_source == "inline_tag":
            return person.party, person.party_source
        key = person_name.lower()
        if key not in self._party_cache:
            office = None
            if person is not None:
                for title in person.titles:
                    office = office or party.office_hint(title)
            self._party_cache[key] = party.lookup_person(
                name=person_name, article_date=self.article_date, office=office
            )
        found = self._party_cache[key]
        if found[0]:
            return found
        if person is not None and person.party:
            return person.party, person.party_source
        return None, None


_TITLE_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}


def _office(title: str) -> str:
    row = tables.titles().get(title.lower().removeprefix("former ").strip())
    return (row["office"] if row else "") or ""


def _title_before(text: str, start: int) -> str | None:
    before = " ".join(text[max(0, start - 40) : start].lower().split())
    best = None
    for title in tables.titles():
        if not before.endswith(title):
            continue
        boundary = len(before) == len(title) or not before[-len(title) - 1].isalnum()
        if boundary and (best is None or len(title) > len(best)):
            best = title
    return best


def _role_before(text: str, start: int) -> str:
    """The words right before a name back to the previous punctuation (``Democratic presidential candidate``)."""
    before = text[max(0, start - 60) : start]
    cut = max(before.rfind(c) for c in ',.;:()"“”\n')
    return before[cut + 1 :] if cut >= 0 else before


def _appositive_after(text: str, end: int) -> str:
    """``, a Democratic presidential candidate,`` right after a name (up to the next comma)."""
    rest = text[end : end + 120]
    rest = re.sub(r"^\s*\([^)]{0,20}\)", "", rest)
    match = re.match(r"\s*,\s*([^,.;]{3,80})", rest)
    return match.group(1) if match else ""


# ---------------------------------------------------------------------------------------------------
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
        statements = merge.with_cue_types(_find(text, list(paragraphs), article_date, tagged))
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
    # Second pass: every person mention (full name or surname) outside quotes, in order, for pronouns.
    for para, doc, para_quotes in zip(paragraphs, docs, quotes, strict=True):
        if doc is None:
            continue
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name, offset = _person_name(ent)
            if not name:
                continue
            at = para.start + offset[0]
            if _inside_any(at, para_quotes):
                continue
            person = ctx.by_name.get(name.lower())
            if person is None and len(name.split()) == 1:
                person = ctx.person_by_single_name(name, at)
                if person is not None:
                    title = _title_before(text, at)
                    if title and not person.gender:
                        person.gender = _TITLE_GENDER.get(title.split()[-1])
            if person is not None:
                subject = ent.root.dep_ in {"nsubj", "nsubjpass"} or (
                    ent.root.dep_ in {"compound", "poss"} and ent.root.head.dep_ in {"nsubj", "nsubjpass"}
                )
                ctx.person_mentions.append((at, para.index, person, subject))

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

            found = merge.merge(ctx, para, doc, found, tagged[index])
        by_paragraph[index] = found
        statements.extend(found)
        for statement in found:
            if statement.speaker and statement.speaker_type:
                ctx.recent_speakers.append(
                    (
                        index,
                        Speaker(
                            statement.speaker,
                            statement.speaker_type,
                            statement.speaker_start or 0,
                            statement.speaker_end or 0,
                            statement.party,
                            statement.party_source,
                        ),
                    )
                )
    statements.sort(key=lambda s: (s.start, s.end))
    return statements


def _paragraph_quotes(paragraphs: list[Paragraph]) -> list[list[tuple[int, int, bool]]]:
    """Absolute quote spans per paragraph: (start, end, continues_from_previous_paragraph).

    An unclosed quote runs to the paragraph end only when the next paragraph opens with a quotation mark
    (the convention for a quote over several paragraphs) or when it opens its own paragraph and the next
    paragraph is a dash attribution line; otherwise the unbalanced mark is ignored.
    """
    result: list[list[tuple[int, int, bool]]] = []
    carrying = False
    for i, para in enumerate(paragraphs):
        spans: list[tuple[int, int, bool]] = []
        found = find_quotes(para.text)[:MAX_QUOTES_PER_PARAGRAPH]
        next_text = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
        continued = carrying and starts_with_quote(para.text)
        carrying = False
        for k, q in enumerate(found):
            if q.closed:
                spans.append((para.start + q.start, para.start + q.end, continued and k == 0))
                continue
            runs_on = starts_with_quote(next_text) or (q.start == 0 and bool(_DASH_LINE.match(next_text)))
            body = para.text[q.start + 1 :].strip()
            if runs_on and len(_WORD.findall(body)) >= 1:
                end = para.start + len(para.text.rstrip())
                spans.append((para.start + q.start, end, continued and k == 0))
                carrying = starts_with_quote(next_text)
        result.append(spans)
    return result


# ---------------------------------------------------------------------------------------------------
def _person_name(ent) -> tuple[str | None, tuple[int, int]]:
    """Canonical name of a PERSON entity with titles and possessive stripped, and its offsets in the doc."""
    tokens = list(ent)
    bare_titles = tables.bare_title_words()
    while tokens and (tokens[0].lower_.rstrip(".") in bare_titles or not tokens[0].text[0].isalpha()):
        tokens.pop(0)
    while tokens and (tokens[-1].text in {"'s", "’s", "'", "’"} or not tokens[-1].text[0].isalnum()):
        tokens.pop()
    if not tokens:
        return None, (0, 0)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = " ".join(ent.doc.text[start:end].split())
    name = re.sub(r"[’']s$", "", name)
    name = " ".join(re.sub(r"[\[\]{}()\"“”]", "", name).split())
    if not re.search(r"[A-Za-z]", name) or name.lower() in tables.non_speakers():
        return None, (0, 0)
    return name, (start, end)


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
    if name.lower() in tables.non_speakers():
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
        elif paragraph_speaker is not None and _nearby(paragraph_speaker, q_start, q_end):
            speaker, rule, cue = paragraph_speaker.speaker, "same_paragraph", paragraph_speaker.cue
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
    if not sent_tokens:
        return None
    if len(sent_tokens) <= 4 and any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in sent_tokens):
        head = sent_tokens[-1]
        return _speaker_from_token(ctx, para, doc, head)
    # The clause before the colon: its top token(s) are attached outside it (often to the quote's verb).
    tops = [t for t in sent_tokens if t.head.i >= colon.i or t.head is t] or [colon.sent.root]
    subject = next(
        (c for top in tops for c in top.children if c.dep_ == "nsubj" and c.i < colon.i),
        next((t for t in tops if t.dep_ == "nsubj"), None),
    )
    if subject is None:
        return None
    return _speaker_from_token(ctx, para, doc, subject)


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


def _nearby(attribution: Attribution, q_start: int, q_end: int) -> bool:
    return True


def _speech_like(inner: str) -> bool:
    """A short quote counts as speech when it ends like a sentence or clause (``"No more Benghazis,"``)."""
    body = inner.strip().strip("\"“”‘’'«»‹› ")
    return inner.rstrip("\"”’'»› ").endswith((",", ".", "!", "?")) and len(body) > 1


def _is_title_like(inner: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", inner)]
    return (
        bool(words)
        and len(words) <= 8
        and all(w[0].isupper() for w in words)
        and not inner.rstrip("”\"' ").endswith((".", ",", "!", "?"))
    )


def _inside_any(position: int, quotes) -> bool:
    return any(s < position < e for s, e, _ in quotes)


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
        bare_gap = _ABBREVIATION.sub("", gap)
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
    for tok in doc:
        if len(found) >= MAX_CUES_PER_PARAGRAPH:
            break
        absolute = offset + tok.idx
        if _inside_any(absolute, quotes):
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
        source_tok, rule = _source_token(tok, lambda t: _inside_any(offset + t.idx, quotes))
        speaker = None
        if source_tok is not None and _inside_any(offset + source_tok.idx, quotes):
            source_tok, rule = None, "no_source"  # a name inside the quoted words is not its speaker
        if source_tok is None and rule != "passive":
            source_tok = _name_between_quote_and_cue(doc, tok, offset, quotes)
            rule = "reported_speech" if source_tok is not None else rule
        if source_tok is not None:
            speaker = _speaker_from_token(ctx, para, doc, source_tok)
        elif rule == "passive":
            pass
        content = _content_span(doc, tok)
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


def _source_token(tok, quoted=lambda _token: False):
    """The token heading the source of cue ``tok``, and the rule; subjects inside quotes are not sources."""
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
        # Inverted: "said Rubio", parsed as an object or attribute after the verb.
        if verb is tok:
            for child in tok.children:
                if (
                    child.i > tok.i
                    and child.i - tok.i <= 4
                    and not (
                        child.dep_ == "dobj" and tok.lemma_.lower() in {"tell", "ask", "remind", "inform"}
                    )
                    and not quoted(child)
                    and child.dep_ in {"dobj", "attr", "npadvmod", "nsubj", "oprd", "appos"}
                    and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON")
                ):
                    return child, "inverted"
        if verb.dep_ in {"xcomp", "advcl", "conj", "pcomp", "acomp"} and verb.head is not verb:
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            if infinitive and verb is tok and verb.head.lemma_.lower() in tables.reporting_verbs():
                # "denounce the media's use of 'protesters' to describe X": the purpose of one speech act
                # is not a second one by the same speaker.
                return None, "no_source"
            verb = verb.head
            continue
        break
    # Inverted with a title first ("said Senator Warren"): the next proper noun after the verb.
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc), tok.i + 6)):
        t = doc[j]
        if t.is_punct or t.is_sent_start or quoted(t):
            break
        if t.ent_type_ == "PERSON":
            return t, "inverted"
        if t.pos_ == "PROPN" and not t.ent_type_ and t.lower_.rstrip(".") not in tables.bare_title_words():
            return t, "inverted"  # "added Lauten": a bare proper name right after the cue
        if t.lower_.rstrip(".") not in tables.bare_title_words():
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
        if end > start:
            return _trim(doc, start, end)
    # "urged him to bow out", "called Palin a clown", "accused X of Y": the object and its complement.
    objects = [c for c in tok.children if c.i > tok.i and c.dep_ in _OBJECT_DEPS]
    if any(c.dep_ in {"dobj", "xcomp"} for c in objects):
        first = min(c.left_edge.i for c in objects)
        last = max(c.right_edge.i for c in objects)
        return _trim(doc, first, last)
    return None


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
    speaker = _speaker_from_token(ctx, para, doc, pobj)
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
def _mention_tokens(doc, head):
    """The noun phrase of ``head`` without appositions, relative clauses and medium phrases."""
    keep = [head]
    for child in head.children:
        if child.i < head.i:
            if child.dep_ in {"punct", "cc"} and child.text not in {"'s", "’s"}:
                continue
            keep.extend(child.subtree)
        else:
            if child.dep_ in {"appos", "relcl", "acl", "punct", "advmod", "cc", "conj", "npadvmod"}:
                continue
            if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS:
                continue
            keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # Make it contiguous around the head.
    indices = {t.i for t in keep}
    first = head.i
    while first - 1 in indices:
        first -= 1
    last = head.i
    while last + 1 in indices:
        last += 1
    tokens = [doc[i] for i in range(first, last + 1)]
    while tokens and (
        tokens[0].lower_ in _LEADING_JUNK
        or tokens[0].is_punct
        or tokens[0].is_space
        or (tokens[0].pos_ in {"VERB", "AUX"} and tokens[0] is not head)
    ):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in {"."}:
        tokens.pop()
    # Never run into a "(D-MA)" tag.
    for k, t in enumerate(tokens):
        if t.text == "(":
            tokens = tokens[:k]
            break
    return tokens


def _speaker_from_token(ctx: Context, para: Paragraph, doc, head) -> Speaker | None:
    """The speaker named by the noun phrase of ``head``; its mention is the whole phrase (titles included)."""
    speaker = _speaker_from_phrase(ctx, para, doc, head)
    if speaker is None or speaker.resolution == "pronoun":
        return speaker
    tokens = _mention_tokens(doc, head)
    if tokens:
        start = para.start + tokens[0].idx
        end = para.start + tokens[-1].idx + len(tokens[-1].text)
        if start <= speaker.start and speaker.end <= end and "," not in ctx.text[start:end]:
            speaker.start, speaker.end = start, end
    return speaker


def _speaker_from_phrase(ctx: Context, para: Paragraph, doc, head) -> Speaker | None:
    tokens = _mention_tokens(doc, head)
    if not tokens:
        return None
    offset = para.start
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    mention = " ".join(ctx.text[start:end].split())
    lowered = mention.lower()
    non_speakers = tables.non_speakers()
    if lowered in non_speakers or lowered.removeprefix("the ") in non_speakers:
        return None
    if head.ent_type_ == "DATE" or head.ent_type_ == "TIME":
        return None
    # Pronouns.
    pronouns = tables.pronouns()
    if len(tokens) == 1 and lowered in pronouns:
        if lowered in {"i", "we"}:
            return None
        resolved = ctx.resolve_pronoun(para.index, start, lowered)
        if resolved is None:
            return None
        return Speaker(
            resolved.name, resolved.type, start, end, resolved.party, resolved.party_source, "pronoun"
        )
    # A named person.
    person_ents = [e for e in doc.ents if e.label_ == "PERSON" and e.start <= head.i < e.end]
    if not person_ents:
        person_ents = [
            e
            for e in doc.ents
            if e.label_ == "PERSON" and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1
        ]
    if person_ents:
        ent = person_ents[-1]
        name, (s, e) = _person_name(ent)
        if name:
            return _person_speaker(ctx, name, offset + s, offset + e)
    # Party groups.
    group_text = re.sub(r"^(the|some|many|several|other|top|leading|fellow)\s+", "", lowered)
    if group_text in tables.group_words():
        group_party, kind = tables.group_words()[group_text]
        return Speaker(
            mention if not mention.lower().startswith("the ") else mention[4:],
            kind,
            start + (4 if lowered.startswith("the ") else 0),
            end,
            party.normalise_party(group_party) or group_party,
            "group_word",
        )
    # "the senator", "the Texas governor", "the House speaker": an earlier person with that office;
    # "the president" with no earlier president named: the US president in office on the article date.
    if (
        2 <= len(tokens) <= 4
        and tokens[0].lower_ == "the"
        and head.lower_ in tables.titles()
        and head.i == tokens[-1].i
    ):
        person = ctx.person_by_title(head.lower_, start)
        if person:
            speaker = _person_speaker(ctx, person.name, start, end)
            speaker.resolution = "title"
            return speaker
        if len(tokens) == 2 and head.lower_ == "president" and ctx.article_date is not None:
            sitting = party.office_holder(office="prez", when=ctx.article_date)
            if sitting:
                found_party, source = party.resolve_party(name=sitting, article_date=ctx.article_date)
                return Speaker(sitting, "person", start, end, found_party, source, "title")
    # "Mr. Fox wrote": a courtesy title makes it a person even when NER says otherwise.
    if tokens[0].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss"} and head.pos_ == "PROPN":
        name_tokens = [t for t in tokens[1:] if t.pos_ == "PROPN"]
        if name_tokens:
            name = " ".join(t.text for t in name_tokens)
            s0, e0 = offset + name_tokens[0].idx, offset + name_tokens[-1].idx + len(name_tokens[-1].text)
            speaker = _person_speaker(ctx, name, s0, e0)
            return speaker
    # A single proper name: surname of an earlier person.
    propns = [t for t in tokens if _name_like(t)]
    single = len(tokens) == 1 and head.text[:1].isupper() and head.text.isalpha()
    if single and head.lower_ in {p.last for p in ctx.people}:
        # A surname of someone the article names in full wins over the tagger's ORG/GPE guess.
        person = ctx.person_by_single_name(head.text, start)
        if person:
            speaker = _person_speaker(ctx, person.name, start, end)
            speaker.resolution = "surname"
            return speaker
    if (single or (len(propns) == 1 and _name_like(head))) and head.ent_type_ not in _ORG_LABELS - {"NORP"}:
        person = ctx.person_by_single_name(head.text, start)
        h_start, h_end = offset + head.idx, offset + head.idx + len(head.text)
        if person:
            speaker = _person_speaker(ctx, person.name, h_start, h_end)
            speaker.resolution = "surname"
            return speaker
        # Not named in full in the article: the one office holder with that surname on the date.
        display = party.identify(name=head.text, article_date=ctx.article_date)
        if display:
            speaker = _person_speaker(ctx, display, h_start, h_end)
            speaker.resolution = "surname"
            return speaker
    # A role with no name ("the Pentagon's Chief Inspector General"): kept as the text calls it.
    if head.lower_.rstrip(".") in tables.bare_title_words() and not any(
        e.start <= head.i < e.end for e in doc.ents if e.label_ in _ORG_LABELS
    ):
        return Speaker(mention, "unnamed", start, end)
    # Organisations (with document nouns stripped) and named things.
    org_ents = [
        e
        for e in doc.ents
        if e.label_ in _ORG_LABELS and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1
    ]
    documents = tables.document_nouns()
    if head.lemma_.lower() in documents or head.lower_ in documents:
        if org_ents:
            ent = org_ents[0]
            return _org_speaker(ctx, doc, offset, ent.start, ent.end)
        names = [t for t in tokens if t.pos_ == "PROPN"]
        if names:
            return _org_speaker(ctx, doc, offset, names[0].i, names[-1].i + 1)
        return None
    if head.pos_ == "PROPN" or (org_ents and any(e.start <= head.i < e.end for e in org_ents)):
        first = tokens[0].i
        if tokens[0].lower_ == "the":
            first += 1
        if first > head.i:
            return None
        kind = "organisation"
        if head.tag_ in {"NNPS", "NNS"} and head.ent_type_ == "NORP":
            kind = "group"
        elif head.ent_type_ not in _ORG_LABELS and _looks_like_person(tokens):
            name = " ".join(t.text for t in tokens if t.pos_ == "PROPN")
            return _person_speaker(
                ctx, name, offset + propns[0].idx, offset + propns[-1].idx + len(propns[-1].text)
            )
        speaker = _org_speaker(ctx, doc, offset, first, tokens[-1].i + 1)
        if speaker:
            speaker.type = kind
        return speaker
    if head.pos_ in {"NOUN"}:
        plural = head.tag_ == "NNS"
        if plural:
            first = 1 if tokens[0].lower_ == "the" else 0
            s = offset + tokens[first].idx
            name = ctx.text[s:end]
            if not name:
                return None
            return Speaker(" ".join(name.split()), "group", s, end)
        return Speaker(mention, "unnamed", start, end)
    return None


def _name_like(token) -> bool:
    """A proper noun, or a capitalised noun the tagger took for a common one (``Trump``)."""
    return token.pos_ == "PROPN" or (
        token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_sent_start and token.text.isalpha()
    )


def _looks_like_person(tokens) -> bool:
    propns = [t for t in tokens if t.pos_ == "PROPN"]
    return 2 <= len(propns) <= 4 and all(t.text[:1].isupper() and t.text.isalpha() for t in propns)


def _person_speaker(ctx: Context, name: str, start: int, end: int) -> Speaker:
    person = ctx.by_name.get(name.lower())
    resolution = ""
    if person is None and len(name.split()) == 1:
        person = ctx.person_by_single_name(name, start)
        if person:
            name = person.name
            resolution = "surname"
    elif person is None:
        person = ctx.register(name=name, start=start, end=end)
    party_name, source = ctx.party_for(name, person)
    return Speaker(name, "person", start, end, party_name, source, resolution)


def _org_speaker(ctx: Context, doc, offset: int, first: int, end_i: int) -> Speaker | None:
    tokens = [doc[i] for i in range(first, end_i)]
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens.pop(0)
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens.pop()
    if not tokens:
        return None
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    name = " ".join(ctx.text[start:end].split())
    if name.lower() in tables.non_speakers():
        return None
    found_party, source = party.resolve_party(name=name, article_date=ctx.article_date)
    return Speaker(name, "organisation", start, end, found_party, source)


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
            speaker = _person_speaker(
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
            speaker = _person_speaker(ctx, display or name, who_start, who_end)
            speaker.resolution = "surname" if display else ""
        cue_start = q_end + match.start("cue" if match.group("cue") else "cue2")
        found.append(Attribution(cue, cue_start, cue_start + len(cue), speaker, None, "quote_cue_after"))
    return found
