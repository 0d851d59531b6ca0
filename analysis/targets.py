"""Stance targets with a frame: "scrapping the stadium project" is the stadium project with the sign flipped.

An analyst types targets as actions on a thing ("ending US air strikes", "a ban on plastic bags",
"re-electing Senator Collins"). Stance toward the action is stance toward the thing, kept or flipped by the
action's direction. The stance scorer scores the thing as well as the whole target and combines the two, so
a target and its opposite ("building the wall" / "halting the wall") always get opposite scores.
The frames are data: a table of leading words and their direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPPOSING_FRAMES = (
    "opposition to",
    "protests against",
    "a ban on",
    "the ban on",
    "a freeze on",
    "the recall of",
    "the repeal of",
    "the end of",
    "an end to",
    "cuts to",
    "withdrawing from",
    "withdrawal from",
    "pulling out of",
    "phasing out",
    "shutting down",
    "scaling back",
    "cutting back",
    "doing away with",
    "getting rid of",
    "scrapping",
    "stopping",
    "halting",
    "blocking",
    "cancelling",
    "canceling",
    "ending",
    "abolishing",
    "repealing",
    "rejecting",
    "lifting",
    "removing",
    "banning",
    "opposing",
    "defeating",
    "cutting",
    "freezing",
    "eliminating",
    "outlawing",
    "prohibiting",
    "recalling",
    "impeaching",
    "closing",
    "dismantling",
    "reducing",
    "limiting",
    "restricting",
    "defunding",
    "lowering",
    "capping",
    "refraining from",
    "against",
)
SUPPORTING_FRAMES = (
    "support for",
    "funding for",
    "more",
    "supporting",
    "expanding",
    "protecting",
    "building",
    "keeping",
    "allowing",
    "raising",
    "increasing",
    "re-electing",
    "reelecting",
    "electing",
    "backing",
    "defending",
    "funding",
    "sending",
    "hiring",
    "legalizing",
    "legalising",
    "adopting",
    "introducing",
    "passing",
    "approving",
    "maintaining",
    "continuing",
    "extending",
    "strengthening",
    "promoting",
    "creating",
    "launching",
)
_FRAMES = sorted(
    [(f, -1) for f in OPPOSING_FRAMES] + [(f, 1) for f in SUPPORTING_FRAMES], key=lambda item: -len(item[0])
)
MAX_FRAMES = 3
"""Frames peeled off one target ("cancelling more funding for X" has three)."""


@dataclass(frozen=True, slots=True)
class FramedTarget:
    core: str
    """The thing the target is about, frames removed ("the stadium project")."""
    sign: int
    """+1 when stance toward the target is stance toward the core, -1 when it is the opposite."""


def framed(target: str) -> FramedTarget | None:
    """The core and direction of a target that starts with a frame; None for a plain target (no frame, or
    nothing left after it)."""
    rest, sign, peeled = " ".join(target.split()), 1, 0
    while peeled < MAX_FRAMES:
        lowered = rest.lower()
        for frame, direction in _FRAMES:
            if lowered.startswith(frame + " ") and len(rest) > len(frame) + 1:
                rest, sign, peeled = rest[len(frame) + 1 :].strip(), sign * direction, peeled + 1
                break
        else:
            break
    rest = re.sub(r"^(?:on|of|to|for)\s+", "", rest, flags=re.I)
    if not peeled or len(rest.split()) < 1 or not re.search(r"[A-Za-z]{3}", rest):
        return None
    return FramedTarget(core=rest, sign=sign)
