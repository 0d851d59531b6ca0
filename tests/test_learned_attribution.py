"""The learned attribution tagger's decoding and its merge into the rules (fast: no model), and cue types."""

from __future__ import annotations

import pytest

from analysis.attribution import learned, merge
from analysis.records import Paragraph

TAG = {name: number for number, name in enumerate(learned.TAGS)}


def _tags(*names: str) -> list[int]:
    return [TAG[name] for name in names]


@pytest.mark.parametrize(
    ("tags", "offsets", "spans"),
    [
        # "Roe said the strikes were reckless"
        (
            _tags("O", "B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "O"),
            [(0, 0), (0, 3), (4, 8), (9, 12), (13, 20), (21, 25), (26, 34), (0, 0)],
            [("SOURCE", 0, 3), ("CUE", 4, 8), ("CONTENT", 9, 34)],
        ),
        # an I- after O starts a span; two contents side by side stay two
        (
            _tags("I-CONTENT", "I-CONTENT", "B-CONTENT", "I-CONTENT"),
            [(0, 2), (3, 5), (6, 8), (9, 11)],
            [("CONTENT", 0, 5), ("CONTENT", 6, 11)],
        ),
        # nothing tagged: nothing found
        (_tags("O", "O"), [(0, 2), (3, 5)], []),
    ],
)
def test_bio_tags_become_character_spans(tags, offsets, spans):
    assert learned._char_spans(tags, offsets) == spans


def test_each_content_gets_the_nearest_cue_and_its_source():
    text = "Roe said the strikes were reckless. Doe argued that they were justified and necessary."
    paragraph = Paragraph(index=3, start=100, end=100 + len(text), text=text)
    spans = [
        (0, 3, "SOURCE"),
        (4, 8, "CUE"),
        (9, 34, "CONTENT"),
        (36, 39, "SOURCE"),
        (40, 46, "CUE"),
        (52, 85, "CONTENT"),
    ]
    grouped = learned._group(paragraph, spans)
    assert [(a.source.start, a.cue.start, a.content.start) for a in grouped] == [
        (100, 104, 109),
        (136, 140, 152),
    ]


def test_short_contents_are_dropped():
    paragraph = Paragraph(index=0, start=0, end=20, text="He said it was fine.")
    assert learned._group(paragraph, [(0, 2, "SOURCE"), (3, 7, "CUE"), (8, 10, "CONTENT")]) == []


@pytest.mark.parametrize(
    ("cue", "kind", "expected"),
    [
        ("said", "indirect", "speech"),
        ("told reporters", "indirect", "speech"),
        ("believes", "indirect", "belief"),
        ("thinks", "indirect", "belief"),
        ("vowed", "indirect", "plan"),
        ("has backed", "indirect", "plan"),
        ("called for", "indirect", "plan"),
        ("would vote", "indirect", "plan"),
        ("pledged", "indirect", "plan"),
        ("believes", "direct", "speech"),  # a direct quote is speech whatever the verb
        (None, "indirect", "speech"),
        ("according to", "indirect", "speech"),
    ],
)
def test_cue_types(cue, kind, expected):
    assert merge.cue_type(cue, kind=kind) == expected


@pytest.mark.parametrize(
    ("text", "span", "trimmed"),
    [
        ('He said, "we will win."', (8, 23), (10, 22)),
        ("that the plan works ", (0, 20), (0, 19)),
        ("plain", (0, 5), (0, 5)),
    ],
)
def test_contents_are_trimmed_of_quotes_and_punctuation(text, span, trimmed):
    assert merge._trim(text, *span) == trimmed


def test_tagger_path_can_be_turned_off(tmp_path):
    assert learned.tagger_path(environ={"STANCESCOPE_ATTRIBUTION_MODEL": "none"}) is None
    assert learned.tagger_path(environ={"STANCESCOPE_ATTRIBUTION_MODEL": str(tmp_path)}) == str(tmp_path)


def test_a_model_with_other_labels_is_refused(tiny_model_dirs):
    from analysis.models import ModelError

    with pytest.raises(ModelError, match="not an attribution tagger|Cannot load"):
        learned.load_tagger(str(tiny_model_dirs["stance"]))
