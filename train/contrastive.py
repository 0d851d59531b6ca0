"""Target-contrastive copies of stance examples: the same text with another target and the label that target
gets, so that a model cannot score well without reading the target.

* an **unrelated** target (one from another topic, sharing no content word with the text or its target): none;
* an **opposite** target (the claim negated, or the phrase wrapped in an opposing frame such as "scrapping X"):
  the label flipped;
* a **phrase** target taken out of a motion ("We should ban X" -> "X", the label flipped because the motion
  opposes X; "We should subsidize X" -> "X", the label kept).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from train.common import Example
from train.data import AGAINST, FAVOR, FLIP_STANCE, NONE, content_words

# verbs of a motion and whether the motion is for (+1) or against (-1) the thing it names
MOTION_VERBS: dict[str, int] = {
    **dict.fromkeys(
        [
            "ban",
            "banned",
            "abolish",
            "abolished",
            "end",
            "ended",
            "abandon",
            "abandoned",
            "fight",
            "limit",
            "limited",
            "oppose",
            "prohibit",
            "prohibited",
            "stop",
            "stopped",
            "close",
            "closed",
            "cancel",
            "cancelled",
            "restrict",
            "restricted",
            "criminalize",
            "criminalise",
            "criminalized",
            "reduce",
            "reduced",
            "cut",
            "forbid",
            "forbidden",
            "outlaw",
            "outlawed",
            "eliminate",
            "eliminated",
            "discourage",
            "discouraged",
            "disband",
            "disbanded",
            "repeal",
            "repealed",
            "scrap",
            "scrapped",
            "boycott",
            "boycotted",
        ],
        -1,
    ),
    **dict.fromkeys(
        [
            "subsidize",
            "subsidise",
            "subsidized",
            "subsidised",
            "legalize",
            "legalise",
            "legalized",
            "legalised",
            "adopt",
            "adopted",
            "introduce",
            "introduced",
            "support",
            "supported",
            "increase",
            "increased",
            "expand",
            "expanded",
            "protect",
            "protected",
            "allow",
            "allowed",
            "fund",
            "funded",
            "promote",
            "promoted",
            "embrace",
            "embraced",
            "encourage",
            "encouraged",
            "invest",
            "keep",
            "kept",
            "maintain",
            "maintained",
            "mandatory",
            "compulsory",
            "permitted",
            "permit",
        ],
        1,
    ),
}

# frames that turn a phrase X into its opposite (label flipped) or into a paraphrase (label kept)
OPPOSING_FRAMES = (
    "opposition to {}",
    "scrapping {}",
    "stopping {}",
    "a ban on {}",
    "ending {}",
    "rejecting {}",
    "abolishing {}",
    "protests against {}",
    "blocking {}",
    "cutting back {}",
)
SUPPORTING_FRAMES = (
    "support for {}",
    "expanding {}",
    "protecting {}",
    "more {}",
    "promoting {}",
    "defending {}",
    "backing {}",
)

_MOTION_FORMS = (
    # "We should (not) ban X", "Should we ban X?", "We have to ban X"
    re.compile(
        r"^(?:we|you|i|governments?|the \w+)\s+(?:should|must|have to|ought to)\s+(not\s+)?(\w+)\s+(?:in\s+)?(.+)$",
        re.I,
    ),
    re.compile(r"^should\s+(?:we|you|i|governments?)\s+(not\s+)?(\w+)\s+(?:in\s+)?(.+)$", re.I),
    # "X should (not) be banned", "Shouldn't X be forbidden", "Should X be mandatory"
    re.compile(r"^(.+?)\s+(?:should|must)\s+(not\s+)?be\s+(?:made\s+)?(\w+)$", re.I),
    re.compile(r"^should()\s+(.+?)\s+be\s+(?:made\s+)?(\w+)$", re.I),
)
_MODAL = re.compile(r"\b(should|must|will|can|would|is|are)\b(?! not\b)", re.I)


def motion_phrase(motion: str) -> tuple[str, int] | None:
    """("X", +1/-1) for a motion that names a thing X and is for (+1) or against (-1) it; None otherwise."""
    text = motion.strip().rstrip("?.! ")
    for number, form in enumerate(_MOTION_FORMS):
        m = form.match(text)
        if not m:
            continue
        if number < 2:
            negated, verb, phrase = m.group(1), m.group(2), m.group(3)
        elif number == 2:
            phrase, negated, verb = m.group(1), m.group(2), m.group(3)
        else:
            negated, phrase, verb = m.group(1), m.group(2), m.group(3)
        polarity = MOTION_VERBS.get(verb.lower())
        # "fight for X" is for X, "fight against X" against it
        for word, sign in (("for ", 1), ("against ", -1)):
            if phrase.lower().startswith(word) and number < 2:
                phrase, polarity = phrase[len(word) :], sign
        if polarity is None or len(phrase.split()) > 10:
            return None
        if negated:
            polarity = -polarity
        return phrase.strip(), polarity
    m = re.match(r"^(.+?)\s+(?:brings|does|causes) more harm than good$", text, re.I)
    if m:
        return m.group(1).strip(), -1
    return None


def negate_claim(claim: str) -> str | None:
    """'We should ban X' -> 'We should not ban X'; None when there is no modal or copula to negate."""
    m = _MODAL.search(claim)
    if not m:
        return None
    return claim[: m.end()] + " not" + claim[m.end() :]


def is_phrase(target: str) -> bool:
    """A short noun-phrase target (no modal or copula), the kind an analyst types."""
    words = target.split()
    return (
        0 < len(words) <= 7
        and not _MODAL.search(target)
        and words[0].lower() not in MOTION_VERBS  # "Abolish X" is a claim, not a phrase
    )


@dataclass(frozen=True)
class ContrastConfig:
    unrelated_share: float
    opposite_share: float
    supporting_share: float = 0.0


def unrelated_copies(xs: list[Example], *, pool: list[str], n: int, seed: int, source: str) -> list[Example]:
    """Each text with a target from ``pool`` that shares no content word with the text or its own target."""
    rng = random.Random(seed)
    out = []
    for e in rng.sample(xs, min(n, len(xs))):
        words = content_words(e.a) | content_words(e.b or "")
        for _ in range(20):
            target = rng.choice(pool)
            if not (content_words(target) & words):
                out.append(Example(target, e.b, NONE, source))
                break
    return out


def opposite_copies(xs: list[Example], *, n: int, seed: int, source: str) -> list[Example]:
    """Each favor/against text with an opposite target: the claim negated, or the phrase in an opposing frame."""
    rng = random.Random(seed)
    polar = [e for e in xs if e.label in (AGAINST, FAVOR)]
    out = []
    for e in rng.sample(polar, min(len(polar), n * 2)):
        if is_phrase(e.a):
            target = rng.choice(OPPOSING_FRAMES).format(
                e.a[:1].lower() + e.a[1:] if not e.a[:2].isupper() else e.a
            )
        else:
            target = negate_claim(e.a)
        if target:
            out.append(Example(target, e.b, FLIP_STANCE[e.label], source))
        if len(out) >= n:
            break
    return out


def supporting_copies(xs: list[Example], *, n: int, seed: int, source: str) -> list[Example]:
    """Phrase targets in a supporting frame ("support for X"): same label, so frames are read, not just present."""
    rng = random.Random(seed)
    cands = [e for e in xs if e.label in (AGAINST, FAVOR) and is_phrase(e.a)]
    return [
        Example(rng.choice(SUPPORTING_FRAMES).format(e.a), e.b, e.label, source)
        for e in rng.sample(cands, min(n, len(cands)))
    ]


def _motions(xs: list[Example], rng: random.Random):
    """(example, the thing its motion names, the motion's direction) for the polar examples whose target parses
    as a motion, in a random order."""
    for e in rng.sample(xs, len(xs)):
        parsed = motion_phrase(e.a) if e.label != NONE else None
        if parsed is not None:
            yield e, parsed[0], parsed[1]


def phrase_copies(xs: list[Example], *, n: int, seed: int, source: str) -> list[Example]:
    """Motion examples re-targeted at the thing the motion names, with the label the motion's polarity gives."""
    out = []
    for e, phrase, polarity in _motions(xs, random.Random(seed)):
        out.append(Example(phrase, e.b, e.label if polarity > 0 else FLIP_STANCE[e.label], source))
        if len(out) >= n:
            break
    return out


def tone_injected(
    xs: list[Example],
    *,
    negative: list[str],
    positive: list[str],
    n: int,
    seed: int,
    source: str,
) -> list[Example]:
    """Texts whose tone is made to disagree with their stance, the label kept.

    A favor text gets a hostile sentence about something else, an against text a warm one ("I admire the
    mayor's ambition, but ..."), before or after it. The stance toward the target does not change, so the
    model learns to find the part of the text that is about the target instead of reading the overall tone:
    angry support and polite opposition are common in news quotes and rare in the stance sets."""
    rng = random.Random(seed)
    polar = [e for e in xs if e.label in (AGAINST, FAVOR) and e.b]
    out = []
    for e in rng.sample(polar, min(len(polar), n * 2)):
        pool = negative if e.label == FAVOR else positive
        words = content_words(e.a) | content_words(e.b or "")
        for _ in range(10):
            extra = rng.choice(pool)
            if not (content_words(extra) & words):
                break
        else:
            continue
        extra = extra.strip()
        if not extra.endswith((".", "!", "?")):
            extra += "."
        text = f"{extra} {e.b}" if rng.random() < 0.7 else f"{e.b} {extra}"  # mostly before, as a lead-in
        out.append(Example(e.a, text, e.label, source))
        if len(out) >= n:
            break
    return out


# Actions on a thing, as an analyst types them ("banning boxing", "keeping the tax"), by direction.
ACTIONS_FOR = (
    "allowing",
    "keeping",
    "protecting",
    "expanding",
    "supporting",
    "funding",
    "increasing",
    "raising",
    "extending",
    "introducing",
    "approving",
    "legalizing",
    "adopting",
    "building",
    "continuing",
    "promoting",
)
ACTIONS_AGAINST = (
    "banning",
    "scrapping",
    "ending",
    "cutting",
    "abolishing",
    "rejecting",
    "blocking",
    "reducing",
    "halting",
    "repealing",
    "outlawing",
    "lowering",
    "stopping",
    "phasing out",
    "freezing",
    "dropping",
)


def action_copies(xs: list[Example], *, n: int, seed: int, source: str) -> list[Example]:
    """Motion examples re-targeted at an action on the thing the motion names, in both directions.

    "We should ban boxing" (an argument for it) gives "banning boxing" (favor), "outlawing boxing" (favor),
    "allowing boxing" (against) and "protecting boxing" (against): the same text, targets that differ only in
    the action's direction, and labels that follow it. Analysts type targets this way, and a statement that
    says "cut the tax" must read against "raising the tax"."""
    rng = random.Random(seed)
    out = []
    for e, phrase, polarity in _motions(xs, rng):
        thing = phrase[:1].lower() + phrase[1:] if not phrase[:2].isupper() else phrase
        toward_thing = e.label if polarity > 0 else FLIP_STANCE[e.label]  # stance toward the thing itself
        out.append(Example(f"{rng.choice(ACTIONS_FOR)} {thing}", e.b, toward_thing, source))
        out.append(Example(f"{rng.choice(ACTIONS_AGAINST)} {thing}", e.b, FLIP_STANCE[toward_thing], source))
        if len(out) >= n:
            break
    return out
