"""Loading the rule tables in ``data/`` (read once, cached)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@cache
def us_states() -> dict[str, str]:
    """Lower-cased US state name -> its two-letter code ("florida" -> "FL")."""
    return {row["name"].lower(): row["code"] for row in _rows("us_states.csv")}


def state_named(phrase: str) -> str | None:
    """The code of the US state a phrase names ("the New Jersey governor" -> "NJ"), the longest name first
    ("West Virginia" before "Virginia")."""
    words = phrase.lower().split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            code = us_states().get(" ".join(words[i : i + size]))
            if code:
                return code
    return None


@cache
def reporting_verbs() -> dict[str, str]:
    """Cue lemma -> strength (speech, belief, evidence)."""
    return {row["lemma"].lower(): row["strength"] for row in _rows("reporting_verbs.csv")}


@cache
def object_contents() -> dict[str, str]:
    """Cue lemma -> what its object can report when no clause follows: ``complement`` (``told him to leave``,
    not ``told reporters``), ``clause`` (nothing: ``continued to fly``, ``posted the clip``); absent = the object."""
    return {
        row["lemma"].lower(): row["object_content"]
        for row in _rows("reporting_verbs.csv")
        if row["object_content"]
    }


@cache
def cue_types() -> dict[str, str]:
    """Cue word -> speech, belief or plan: the reporting verbs' strength, then the plan/position verbs."""
    classes = {
        lemma: ("belief" if strength == "belief" else "speech")
        for lemma, strength in reporting_verbs().items()
    }
    classes.update({row["word"]: row["cue_type"] for row in _rows("cue_types.csv")})
    return classes


@cache
def cue_type_particles() -> dict[str, frozenset[str]]:
    """Cue word -> the particles that make it a plan ("call" is a plan only as "call for" or "call on"); without
    one the word is speech."""
    return {
        row["word"]: frozenset(row["only_before"].split("|"))
        for row in _rows("cue_types.csv")
        if row.get("only_before")
    }


@cache
def subject_not_source() -> dict[str, str]:
    """Cue lemma -> ``any`` or ``passive``: where the subject of that verb is not who speaks ("Hollande is
    expected to run", "Manafort seemed unperturbed"): ``any`` for raising verbs, ``passive`` for verbs whose
    passive subject is what someone unnamed says, sees or asks about."""
    return {row["lemma"].lower(): row["voice"] for row in _rows("subject_not_source.csv")}


@cache
def given_name_genders() -> dict[str, str]:
    """Lower-cased given name -> ``m`` or ``f`` (US legislators who bear it; see ``build_politicians``)."""
    return {row["name"]: row["gender"] for row in _rows("given_names.csv")}


@cache
def gendered_nouns() -> dict[str, str]:
    """Lower-cased role or kinship noun -> ``m`` or ``f`` ("his wife, Huma Abedin")."""
    return {row["word"]: row["gender"] for row in _rows("gendered_nouns.csv")}


@cache
def source_arbitration() -> dict[str, str]:
    """Statement rule -> ``tagger`` or ``rule``: who names the speaker when the rule and the tagger disagree."""
    return {row["rule"]: row["prefer"] for row in _rows("source_arbitration.csv")}


@cache
def titles() -> dict[str, dict[str, str]]:
    """Lower-cased title -> row (office, term_type, party_hint)."""
    return {row["title"].lower(): row for row in _rows("titles.csv")}


@cache
def title_words() -> frozenset[str]:
    """Every single word that occurs in a title (for stripping titles off names)."""
    words: set[str] = set()
    for title in titles():
        words.update(title.split())
    return frozenset(words - {"of", "the"})


@cache
def bare_title_words() -> frozenset[str]:
    """``title_words`` without trailing dots (``sen.`` -> ``sen``)."""
    return frozenset(w.rstrip(".") for w in title_words())


def is_title_word(word: str) -> bool:
    """Whether a lower-cased word, trailing dot or not, is a title or role word ("sen.", "senator", "host")."""
    return word.rstrip(".") in bare_title_words()


@cache
def office_title_words() -> frozenset[str]:
    """Words of office and courtesy titles (Sen., Rep., Gov., Mr.); not roles such as candidate or nominee."""
    words: set[str] = set()
    for title, row in titles().items():
        if row["office"] or title.rstrip(".") in {"mr", "mrs", "ms", "miss", "dr"}:
            words.update(title.split())
    return frozenset(words - {"of", "the"})


@cache
def party_tags() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row["pattern"]), row["party"]) for row in _rows("party_tags.csv"))


@cache
def party_prefixes() -> dict[str, str]:
    return {row["prefix"].lower(): row["party"] for row in _rows("party_prefixes.csv")}


@cache
def group_words() -> dict[str, tuple[str, str]]:
    """Lower-cased phrase -> (party, speaker_type)."""
    return {row["phrase"].lower(): (row["party"], row["speaker_type"]) for row in _rows("group_words.csv")}


@cache
def non_speakers() -> dict[str, str]:
    return {row["phrase"].lower(): row["category"] for row in _rows("non_speakers.csv")}


@cache
def collective_nouns() -> frozenset[str]:
    return frozenset(row["noun"].lower() for row in _rows("collective_nouns.csv"))


@cache
def source_nouns() -> frozenset[str]:
    return frozenset(row["noun"].lower() for row in _rows("source_nouns.csv"))


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns that name a person ("spokesman", "neurosurgeon", "strategist"): coreferee's English
    lexicon, derived from WordNet (``coreferee/lang/en/data/person_words.dat``), read from the installed
    package without importing it; empty when coreferee is not installed (then nothing is checked). The words
    of ``not_person_nouns.csv`` are left out: WordNet's rare person senses of words that name things in news."""
    import importlib.util

    spec = importlib.util.find_spec("coreferee")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "data" / "person_words.dat"
    if not path.is_file():
        return frozenset()
    words = {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset(words - {row["noun"].lower() for row in _rows("not_person_nouns.csv")})


@cache
def speaking_nouns() -> frozenset[str]:
    """Every common noun that can head a speaker: person words, bodies, documents, polls, collectives."""
    return person_nouns() | source_nouns() | collective_nouns() | document_nouns()


@cache
def group_quantifiers() -> tuple[tuple[str, ...], ...]:
    """Leading words stripped from a group's name, longest first ("a handful of" before "a")."""
    phrases = {tuple(row["phrase"].lower().split()) for row in _rows("group_quantifiers.csv")}
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def pronouns() -> dict[str, str]:
    return {row["pronoun"].lower(): row["number"] for row in _rows("pronouns.csv")}


@cache
def document_nouns() -> frozenset[str]:
    return frozenset(row["noun"].lower() for row in _rows("document_nouns.csv"))


@cache
def nicknames() -> dict[str, str]:
    return {row["nickname"].lower(): row["first"].lower() for row in _rows("nicknames.csv")}


@cache
def politicians() -> list[dict[str, str]]:
    return _rows("politicians.csv")


@cache
def curated_officials() -> list[dict[str, str]]:
    return _rows("curated_officials.csv")
