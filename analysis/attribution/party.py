"""Party resolution: inline tags, group words, the legislators table, curated officials, titles.

Order (the first rule that decides wins, and its name is the ``party_source``):

1. ``inline_tag``: the text states it next to the name: ``(D-MA)``, ``, R-Fla.,``, ``Democrat of
   Massachusetts``, ``, a Republican,``, ``Republican Sen. X``.
2. ``group_word``: the speaker is a party group: ``Republicans``, ``Democratic lawmakers``.
3. ``legislators``: ``data/politicians.csv`` (derived from congress-legislators), the term covering the
   article date; a person with no covering term falls back to the nearest term (or the undated last term).
4. ``curated``: ``data/curated_officials.csv`` (cabinet members, governors, campaign officials).
5. ``title``: a party-bearing role in the text (``a Democratic presidential candidate``).

Unknown stays unknown: an ambiguous name (two people with different parties) gives ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from analysis.attribution import tables

PARTY_WORDS = {"democrat": "Democratic", "democratic": "Democratic", "republican": "Republican"}
PARTY_WORDS["independent"] = "Independent"

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")


def normalise_party(raw: str | None) -> str | None:
    """Map a table's party word to Democratic / Republican / Independent; anything else is unknown."""
    return PARTY_WORDS.get((raw or "").strip().lower())


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    names: tuple[str, ...]
    last: str
    party: str | None
    office: str
    start: date | None
    end: date | None
    source: str
    display: str
    state: str = ""


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@cache
def _index() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    """(full-name variant -> entries, last name -> entries) over legislators and curated rows."""
    by_name: dict[str, list[_Entry]] = {}
    by_last: dict[str, list[_Entry]] = {}
    for row in tables.politicians():
        entry = _Entry(
            key=row["bioguide"],
            names=tuple(row["names"].split("|")),
            last=row["last"],
            party=normalise_party(row["party"]),
            office=row["office"],
            start=_parse_date(row["start"]),
            end=_parse_date(row["end"]),
            source="legislators",
            display=row["display"],
            state=row["state"],
        )
        for name in entry.names:
            by_name.setdefault(name, []).append(entry)
        by_last.setdefault(entry.last, []).append(entry)
    for row in tables.curated_officials():
        names = tuple(n.strip().lower() for n in [row["name"], *row["variants"].split("|")] if n.strip())
        entry = _Entry(
            key="curated:" + row["name"].lower(),
            names=names,
            last=row["name"].split()[-1].lower(),
            party=normalise_party(row["party"]),
            office=row["office"].lower(),
            start=_parse_date(row["start"]),
            end=_parse_date(row["end"]),
            source="curated",
            display=row["name"],
            state=tables.state_named(row["office"]) or "",  # "governor of ohio"
        )
        for name in names:
            by_name.setdefault(name, []).append(entry)
        by_last.setdefault(entry.last, []).append(entry)
    return by_name, by_last


@cache
def _legislators_index() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    by_name, by_last = _index()
    return (
        {k: [e for e in v if e.source == "legislators"] for k, v in by_name.items()},
        {k: [e for e in v if e.source == "legislators"] for k, v in by_last.items()},
    )


def name_tokens(name: str) -> list[str]:
    """Lower-cased name tokens with titles, possessives and suffixes removed."""
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(name)]
    tokens = [t[:-2] if t.endswith("'s") else t for t in tokens]
    title_words = tables.title_words()
    while tokens and (tokens[0] in title_words or tokens[0] in PARTY_WORDS or tokens[0] in {"the", "gop"}):
        tokens.pop(0)
    while tokens and tokens[-1] in _SUFFIXES:
        tokens.pop()
    # "Secretary of State Mike Pompeo": drop a leftover "of state" chain before the name.
    while len(tokens) > 2 and tokens[0] in {"of", "state", "defense", "homeland", "security"}:
        tokens.pop(0)
    return [t.rstrip(",") for t in tokens if t not in _SUFFIXES]


def _covers(entry: _Entry, when: date) -> bool:
    return entry.start is not None and entry.start <= when and (entry.end is None or when < entry.end)


def _distance(entry: _Entry, when: date) -> int:
    if entry.start is None:
        return 10**6
    if when < entry.start:
        return (entry.start - when).days
    if entry.end is not None and when >= entry.end:
        return (when - entry.end).days
    return 0


def _decide(entries: list[_Entry], when: date | None) -> tuple[str | None, str | None]:
    """One person's (or one consistent) party from candidate entries, else (None, None)."""
    if not entries:
        return None, None
    if when is not None:
        covering = [e for e in entries if _covers(e, when)]
        # Legislators first, then curated (the documented order).
        for source in ("legislators", "curated"):
            chosen = [e for e in covering if e.source == source and e.party]
            parties = {e.party for e in chosen}
            if len(parties) == 1:
                return parties.pop(), source
            if len(parties) > 1:
                return None, None
    people = {e.key for e in entries}
    persons_by_party: dict[str | None, set[str]] = {}
    for entry in entries:
        persons_by_party.setdefault(entry.party, set()).add(entry.key)
    known = {p for p in persons_by_party if p}
    if not known:
        return None, None
    if len(known) == 1 and (len(people) == 1 or None not in persons_by_party):
        party = known.pop()
        best = min(
            (e for e in entries if e.party == party),
            key=lambda e: (_distance(e, when) if when else 0, e.source != "legislators"),
        )
        return party, best.source
    if when is not None and len(people) == 1:
        # Several parties for one person (a party switch): take the nearest dated term.
        dated = [e for e in entries if e.start is not None and e.party]
        if dated:
            best = min(dated, key=lambda e: _distance(e, when))
            return best.party, best.source
    return None, None


def lookup_person(
    *, name: str, article_date: date | None = None, office: str | None = None, include_curated: bool = True
) -> tuple[str | None, str | None]:
    """Party of a named person from the legislators and curated tables; ``office`` (sen, rep, prez) narrows
    a surname-only look-up. ``include_curated=False`` uses congress-legislators alone (the evaluation's
    reference)."""
    tokens = name_tokens(name)
    if not tokens:
        return None, None
    by_name, by_last = _index() if include_curated else _legislators_index()
    key = " ".join(tokens)
    entries = list(by_name.get(key, []))
    if not entries and len(tokens) >= 2:
        first, last = tokens[0], tokens[-1]
        formal = tables.nicknames().get(first)
        candidates = [f"{first} {last}"] + ([f"{formal} {last}"] if formal else [])
        for candidate in candidates:
            entries += by_name.get(candidate, [])
        if not entries:
            # Middle initials or names: match first + last against the variants of people with that surname.
            entries = [
                e
                for e in by_last.get(last, [])
                if any(n.split()[0] in {first, formal} for n in e.names if n.split())
            ]
    if not entries and len(tokens) == 1 and article_date is not None:
        # A bare surname: only when exactly one person with that surname held office (of that type) then.
        entries = [
            e
            for e in by_last.get(tokens[0], [])
            if (office is None or e.office == office) and _covers(e, article_date)
        ]
        # Several people (Bill and Hillary Clinton): fine only when they all share the party.
        if len({e.key for e in entries}) != 1 and len({e.party for e in entries}) != 1:
            entries = []
    return _decide(entries, article_date)


def party_from_tag(following: str) -> str | None:
    """Party stated by an inline tag at the start of ``following`` (the text right after a name)."""
    snippet = following[:60]
    for pattern, party in tables.party_tags():
        match = pattern.search(snippet)
        if match and (pattern.pattern.startswith("^") or match.start() <= 2):
            return party
    return None


def party_from_prefix(preceding: str) -> str | None:
    """Party stated by a party word right before the name or its title: ``Republican Sen. X``."""
    words = re.findall(r"[A-Za-z][A-Za-z.\-]*", preceding[-60:])
    prefixes = tables.party_prefixes()
    title_words = {w.rstrip(".") for w in tables.office_title_words()} - set(prefixes)
    index = len(words) - 1
    while index >= 0 and words[index].lower().rstrip(".") in title_words:
        index -= 1
    if index >= 0:
        return prefixes.get(words[index].lower())
    return None


def party_from_title(text: str) -> str | None:
    """Party from a party-bearing role such as ``a Democratic presidential candidate``."""
    lowered = " ".join(text.lower().split())
    for title, row in tables.titles().items():
        if row["party_hint"] and re.search(rf"\b{re.escape(title)}\b", lowered):
            return normalise_party(row["party_hint"]) or row["party_hint"]
    return None


def group_party(name: str) -> str | None:
    lowered = " ".join(name.lower().replace("’", "'").split())
    lowered = re.sub(r"^(the|some|many|several|other|top|leading|fellow)\s+", "", lowered)
    hit = tables.group_words().get(lowered)
    return hit[0] if hit else None


def resolve_party(*, name: str, article_date: date | None = None) -> tuple[str | None, str | None]:
    """(party, party_source) for a speaker name as an analyst might type it; (None, None) when unknown.

    Accepts ``Elizabeth Warren``, ``Sen. Elizabeth Warren (D-MA)``, ``Republicans``, ``Mike Pompeo``.
    Never raises.
    """
    try:
        text = name or ""
        tag = re.search(r"\((?:[DRI])\s*[-–—][^)]{1,14}\)", text)
        if tag:
            party = party_from_tag(text[tag.start() :])
            if party:
                return party, "inline_tag"
        base = text[: tag.start()] if tag else text
        party = group_party(base)
        if party:
            return party, "group_word"
        party, source = lookup_person(name=base, article_date=article_date, office=office_hint(base))
        if party:
            return party, source
        party = party_from_title(base)
        if party:
            return party, "title"
    except Exception:
        return None, None
    return None, None


def office_hint(mention: str) -> str | None:
    """Congress-table office type implied by a title in the mention (``Sen.`` -> ``sen``)."""
    lowered = " ".join(mention.lower().split())
    best = None
    for title, row in tables.titles().items():
        longer = best is None or len(title) > len(best[0])
        if row["term_type"] and longer and re.match(rf"(?:former\s+)?{re.escape(title)}(?:\s|$)", lowered):
            best = (title, row["term_type"])
    return best[1] if best else None


def office_holder(*, office: str, when: date) -> str | None:
    """Display name of the one person holding ``office`` (``prez``, ``viceprez``) on ``when``, if unique."""
    _by_name, by_last = _index()
    holders = {
        e.display for entries in by_last.values() for e in entries if e.office == office and _covers(e, when)
    }
    return holders.pop() if len(holders) == 1 else None


def _entries_named(name: str) -> list[_Entry]:
    by_name, _by_last = _index()
    return by_name.get(" ".join(name.lower().split()), [])


def offices_held(*, name: str, when: date | None) -> frozenset[str]:
    """The offices (``sen``, ``rep``, ``prez`` ...) the person so named held on ``when`` (any date when None)."""
    return frozenset(e.office for e in _entries_named(name) if when is None or _covers(e, when))


def states_served(*, name: str) -> frozenset[str]:
    """The states (two-letter codes) the person so named represented in Congress or governed (the curated
    table's "governor of ohio"), at any date; empty when neither table places the name in a state."""
    return frozenset(e.state for e in _entries_named(name) if e.state)


def identify(*, name: str, article_date: date | None) -> str | None:
    """Full display name for a bare surname when exactly one person with it held office on the date."""
    tokens = name_tokens(name)
    if len(tokens) != 1 or article_date is None:
        return None
    _by_name, by_last = _index()
    people = {e.display for e in by_last.get(tokens[0], []) if _covers(e, article_date)}
    return people.pop() if len(people) == 1 else None
