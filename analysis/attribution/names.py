"""Resolving names and speakers: who a mention of a person, group or organisation refers to.

``Context`` is the article's memory: the people named so far (``register``, with their titles, gender and
inline party tags), person mentions in text order (for pronouns) and the statements' speakers. It resolves a
surname or given name (``person_by_single_name``), a title (``the senator``, ``the Florida senator``:
``person_by_title``) and a pronoun (``resolve_pronoun``) to a person named earlier, a speaking "it" to the
organisation or document just before (``resolve_it``), and looks up a person's party (``party_for``). A
person known by one name ("Rihanna") is registered with ``register_mononym``.

``_person_name`` gives the canonical name of a spaCy PERSON entity. Turning a parsed noun phrase into a
``Speaker`` is ``speakers.speaker_from_token``.

Bounds: coreference looks only at people already registered (dictionary look-ups); the surname-to-full-name
text search runs once per surname, on articles up to ``MAX_NAME_SEARCH_CHARS`` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from analysis.attribution import party, tables
from analysis.attribution.quotes import _inside_any

PRONOUN_WINDOW_PARAGRAPHS = 4
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
_LEADING_JUNK = {
    "but", "and", "or", "so", "yet", "meanwhile", "also", "still", "however",
    # sentence openers that capitalisation makes look like a first name ("Plus Obama said ...", seen in BASIL)
    "plus", "after", "before", "say", "says", "like", "unlike", "when", "while", "if", "as", "even", "then",
    "both",  # "Both the Senate and the House committees"
    "why", "how", "what", "where", "maybe", "perhaps",  # headline openers ("Why Obama ...")
}  # fmt: skip


@dataclass(slots=True)
class Speaker:
    name: str
    type: str
    start: int
    end: int
    party: str | None = None
    party_source: str | None = None
    resolution: str = ""  # "pronoun", "surname", "title" when coreference decided the name


AUTHOR = "the author"
"""The speaker of the writer's own first-person statements ("I think", "we know") outside quotes."""


@dataclass(slots=True)
class Person:
    name: str
    first: str
    last: str
    start: int
    titles: set[str] = field(default_factory=set)
    mentions: int = 0
    gender: str | None = None  # "m" / "f": the given name, Mr. / Mrs. / Ms., or an earlier pronoun
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
        # The rules' speakers of the paragraph in hand, while the tagger's statements are merged into it.
        self.paragraph_speakers: list[tuple[int, Speaker]] = []
        # Person mentions in text order: (position, paragraph index, person, is grammatical subject).
        self.person_mentions: list[tuple[int, int, Person, bool]] = []
        self._party_cache: dict[str, tuple[str | None, str | None]] = {}
        self._searched: set[str] = set()
        self.quote_spans: list[
            tuple[int, int, bool]
        ] = []  # (start, end, continued), as ``_paragraph_quotes``

    def inside_quote(self, position: int) -> bool:
        return _inside_any(position, self.quote_spans)

    # -- people -----------------------------------------------------------------------------------
    def register(self, *, name: str, start: int, end: int) -> Person | None:
        tokens = name.split()
        if len(tokens) < 2:
            return None
        key = name.lower()
        person = self.by_name.get(key)
        if person is None:
            last = tokens[-1].lower()
            if last in _NUMERALS and len(tokens) > 2:
                last = tokens[-2].lower().rstrip(",")  # George T. Conway III is Mr. Conway
            person = Person(name=name, first=tokens[0].lower(), last=last, start=start)
            person.gender = tables.given_name_genders().get(person.first)
            self.people.append(person)
            self.by_name[key] = person
        person.mentions += 1
        title = _title_before(self.text, start)
        title_gender = _gender_of_title(title)
        if title:
            person.titles.add(title)
        # Mr. / Ms. first, then "his wife, Huma Abedin", then the given name (a table of US legislators').
        person.gender = title_gender or _role_gender(self.text, start, end) or person.gender
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

    def is_new_single_name(self, name: str) -> bool:
        """Whether one name is no known person's given name or family ("Jeb", "the Clintons")."""
        token = name.lower()
        known = {p.first for p in self.people} | {p.last for p in self.people}
        return (
            token not in known
            and token.removesuffix("s") not in known
            and token.removesuffix("es") not in known
        )

    def register_mononym(self, *, name: str, start: int, end: int) -> Person:
        """A person known by one name ("Rihanna"), so a later "she" and "Rihanna said" find her."""
        person = Person(name=name, first=name.lower(), last=name.lower(), start=start)
        person.gender = _gender_of_title(_title_before(self.text, start)) or _role_gender(
            self.text, start, end
        )
        self.people.append(person)
        self.by_name[name.lower()] = person
        person.mentions += 1
        return person

    def person_by_single_name(self, token: str, position: int) -> Person | None:
        token = token.lower().replace("’", "'").removesuffix("'s")
        gender = _courtesy_gender(self.text, position)
        if gender:
            # Namesakes ("Mrs. Clinton" beside Bill Clinton): the courtesy title picks the one named before of its
            # gender. Where none is, the choice below stands: a gender can come from a wrong clue ("Ms. Epstein"
            # for Lee Epstein, whom the given-name table calls male), and the people of unknown gender include
            # headline debris ("Trump Lashes Out").
            same = [p for p in self.people if p.start <= position and p.last == token and p.gender == gender]
            if same:
                return max(reversed(same), key=lambda p: p.mentions)
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
            given = match.group(1).lower()
            if given in title_words or given in _NOT_GIVEN_NAMES or given in _LEADING_JUNK:
                continue
            name = f"{match.group(1)} {match.group(2)}"
            return self.register(name=name, start=match.start(1), end=match.end(2))
        return None

    def person_by_title(self, title: str, position: int, *, state: str | None = None) -> Person | None:
        """The latest person named before ``position`` with a title of the same office (Sen. = senator);
        with a ``state`` code ("the Florida senator"), not one the congress table places in another state."""
        office = _office(title)
        if not office:
            return None

        def from_state(person: Person) -> bool:
            served = party.states_served(name=person.name) if state else frozenset()
            return not served or state in served

        for person in reversed(self.people):
            if (
                person.start <= position
                and any(_office(t) == office for t in person.titles)
                and from_state(person)
            ):
                return person
        # "Bernie Sanders ... The Vermont senator": named without the title, in office on the date.
        term = party.office_hint(title)
        if not term:
            return None
        for person in reversed(self.people):
            if (
                person.start <= position
                and term in party.offices_held(name=person.name, when=self.article_date)
                and from_state(person)
            ):
                return person
        return None

    def _speakers_so_far(self) -> list[tuple[int, Speaker]]:
        """Statement speakers of earlier paragraphs and the rules' speakers of the paragraph in hand, in text
        order."""
        if not self.paragraph_speakers:
            return self.recent_speakers
        return sorted(
            [*self.recent_speakers, *self.paragraph_speakers], key=lambda item: (item[0], item[1].start)
        )

    def resolve_it(self, paragraph: int, position: int) -> Speaker | None:
        """What "it" stands for when it speaks ("The ad says ... It makes no mention of", "Twitter said it
        ..."): the latest speaker before ``position``, in this paragraph or the one before, that is an
        organisation or a thing that speaks (a document, a poll, a body), never a person or a group."""
        for index, speaker in reversed(self._speakers_so_far()):
            if paragraph - index > 1:
                break
            if speaker.start >= position or speaker.name == AUTHOR:
                continue
            if speaker.type == "organisation" or (speaker.type == "unnamed" and _is_a_thing(speaker.name)):
                return speaker
        return None

    def resolve_pronoun(self, paragraph: int, position: int, pronoun: str) -> Speaker | None:
        """The latest subject mention of a person before ``position`` (gender permitting), or the latest
        statement speaker, whichever comes later; plural pronouns go to the latest group speaker."""
        plural = tables.pronouns().get(pronoun) == "plural"
        gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pronoun)
        best_speaker: tuple[int, Speaker] | None = None
        # Earlier paragraphs only: the paragraph's own rule speakers gave "she" to "A video of the episode"
        # and "he" to roles where the person was named (measured on PolNeAR train, not kept).
        for index, speaker in reversed(self.recent_speakers):
            if paragraph - index > PRONOUN_WINDOW_PARAGRAPHS:
                break
            if plural == (speaker.type in {"group", "organisation"}) and speaker.start < position:
                if not plural and not _can_be_one_person(speaker):
                    continue
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


def _is_a_thing(name: str) -> bool:
    """Whether an unnamed speaker is a document, poll or body ("the ad", "a new poll", "the company"), not a
    person's role ("the spokesman")."""
    head_words = name.lower().split(" of ")[0].split()
    head = head_words[-1] if head_words else ""
    if head in tables.collective_nouns():
        return True
    # "a Pentagon spokesman" is a role, although the document table strips "spokesman" from names.
    named_thing = head in tables.source_nouns() or head in tables.document_nouns()
    return named_thing and not tables.is_title_word(head)


def _can_be_one_person(speaker: Speaker) -> bool:
    """Whether "he" or "she" may stand for this speaker: a person, or an unnamed role ("the spokesman"),
    not an unnamed pair, body or document ("the couple", "the campaign", "the statement")."""
    if speaker.type == "person":
        return True
    if speaker.name == AUTHOR:
        return False  # "I think ..., he said": the writer is never the "he" of the story
    return not _is_a_thing(speaker.name)  # "the chorus of detractors", "A video of the episode"


_TITLE_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}


_NUMERALS = {"ii", "iii", "iv"}
"""Generations after a surname. "Jr." stays the last word: the father is often in the same article (Donald
Trump and Donald Trump Jr.), and "Trump" is the father's name more often than the son's."""
_COURTESY = re.compile(r"(mrs|mr|ms|miss)\.?\s", re.IGNORECASE)


def _courtesy_gender(text: str, position: int) -> str | None:
    """``m`` or ``f`` from a Mr./Mrs./Ms. that starts the mention at ``position`` or stands right before it."""
    match = _COURTESY.match(text, position)
    if match:
        return _TITLE_GENDER[match.group(1).lower()]
    return _gender_of_title(_title_before(text, position))


def _gender_of_title(title: str | None) -> str | None:
    """``m`` or ``f`` from a courtesy title ending ``title`` (Mr., Mrs., Ms., Miss); None otherwise."""
    return _TITLE_GENDER.get(title.split()[-1]) if title else None


def _role_gender(text: str, start: int, end: int) -> str | None:
    """The gender a kinship or role noun gives the name next to it: "his wife, Huma Abedin", "Huma Abedin,
    Weiner's wife," (not "X, whose wife", "X, a friend of his wife", "X, his wife's lawyer")."""
    nouns = tables.gendered_nouns()
    before = re.search(r"([\w-]+)\s*,?\s*$", text[max(0, start - 30) : start])
    if before and before.group(1).lower() in nouns:
        return nouns[before.group(1).lower()]
    appositive = re.match(r"\s*,\s*([^,.;]{0,60})", text[end : end + 90])
    if appositive is None:
        return None
    words = re.findall(r"[\w’'-]+", appositive.group(1).lower())
    if "and" in words:
        return None  # a list ("Jesse L. Jackson, his mother and several brothers"), not an apposition
    for word in words:
        if word in _APPOSITIVE_STOPS:
            return None
        if word in nouns:
            return nouns[word]
    return None


_APPOSITIVE_STOPS = {"who", "whose", "which", "of", "to", "for", "with", "and", "said", "says"}


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


def _person_name(ent) -> tuple[str | None, tuple[int, int]]:
    """Canonical name of a PERSON entity with titles and possessive stripped, and its offsets in the doc."""
    tokens = list(ent)
    bare_titles = tables.bare_title_words()
    while tokens and (
        tokens[0].lower_.rstrip(".") in bare_titles
        or not tokens[0].text[0].isalpha()
        or (tokens[0].lower_ in _LEADING_JUNK and len(tokens) > 1)
    ):
        tokens.pop(0)
    # A title-case headline runs on past the name ("Marco Rubio Responds To Question", "Trump May Not Have
    # Suggested"): the name ends before a function word (not a last one: Theresa May) or a reporting verb.
    tokens = _without_trailing_possessive(tokens)
    for i in range(1, len(tokens)):
        word = tokens[i].lower_
        if word not in _NAME_PARTICLES and (
            (tokens[i].is_stop and i < len(tokens) - 1) or _inflected_cue(word)
        ):
            tokens = _without_trailing_possessive(tokens[:i])
            break
    if not tokens:
        return None, (0, 0)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = " ".join(ent.doc.text[start:end].split())
    name = re.sub(r"[’']s$", "", name)
    name = " ".join(re.sub(r"[\[\]{}()\"“”]", "", name).split())
    if not re.search(r"[A-Za-z]", name) or name.lower() in tables.non_speakers():
        return None, (0, 0)
    if _CASE_NAME.search(name):  # "Trump v. Trump", "Roe v. Wade": a lawsuit or a book, not a person
        return None, (0, 0)
    return name, (start, end)


def _without_trailing_possessive(tokens: list) -> list:
    while tokens and (tokens[-1].text in {"'s", "’s", "'", "’"} or not tokens[-1].text[0].isalnum()):
        tokens = tokens[:-1]
    return tokens


def _inflected_cue(word: str) -> bool:
    """A reporting verb with an ending ("responds", "blasts", "described") is never part of a name; a bare
    lemma can be (Stevie Wonder, Russell Brand)."""
    verbs = tables.reporting_verbs()
    stems = {word[:-1], word[:-2]} if word.endswith("s") else set()
    stems |= {word[:-1], word[:-2]} if word.endswith("ed") else set()
    return any(stem in verbs for stem in stems)


_NAME_PARTICLES = {
    "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "bin", "al", "el", "st.",
}  # fmt: skip
_CASE_NAME = re.compile(r"\s(?:v|vs)\.?\s", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------
