"""The parse-free cue rule of ``analysis.attribution.cues`` (over-long paragraphs, no spaCy model)."""

from __future__ import annotations

import pytest

from analysis.attribution.cues import _regex_attributions
from analysis.attribution.names import Context
from analysis.attribution.quotes import _paragraph_quotes
from analysis.paragraphs import split_paragraphs


def _speakers(quote: str) -> list[tuple[str, str, str]]:
    text = "Lindsey Graham is here.\n\n" + quote
    ctx = Context(text, None)
    ctx.register(name="Lindsey Graham", start=0, end=14)
    paragraphs = split_paragraphs(text=text)
    found = _regex_attributions(ctx, paragraphs[1], _paragraph_quotes(paragraphs)[1])
    return [(a.speaker.name, a.speaker.resolution, text[a.speaker.start : a.speaker.end]) for a in found]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ('"We will win," said Sen. Ted Cruz.', [("Ted Cruz", "", "Sen. Ted Cruz")]),
        ('"We will win," Graham said.', [("Lindsey Graham", "surname", "Graham")]),
        ('"We will win," he said.', []),  # a lower-case word is not taken for a name
        ('"We will win," reporters said.', []),
        ('"We will win." The end came, said Bob.', []),
    ],
)
def test_regex_attributions(quote, expected):
    assert _speakers(quote) == expected
