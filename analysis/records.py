"""Named records shared by every stage of the analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StatementKind = Literal["direct", "indirect"]
SpeakerType = Literal["person", "organisation", "group", "unnamed"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the decoded article; ``text == article_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement.

    Offsets are character offsets into the decoded article text, so
    ``article_text[start:end] == text`` and, when a speaker mention exists,
    ``article_text[speaker_start:speaker_end]`` is the mention that names the speaker.
    A statement never leaves its paragraph: a quote running over several paragraphs
    becomes one statement per paragraph, all with the same speaker.
    """

    paragraph: int
    start: int
    end: int
    text: str
    kind: StatementKind
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: SpeakerType | None = None
    party: str | None = None
    party_source: str | None = None
    cue: str | None = None
    rule: str = ""
    cue_type: str | None = None
    """speech, belief or plan (announced plans, promises and positions); see ``attribution.merge``."""
