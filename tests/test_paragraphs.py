"""Paragraph splitting: exact offsets, debris left out, single-newline articles."""

from __future__ import annotations

import pytest

from analysis.paragraphs import split_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("  One.  \n \n\n Two.\n", ["One.", "Two."]),
        ("Line one.\nLine two.\nLine three.", ["Line one.", "Line two.", "Line three."]),
        ("Loading...\n\nBody.\n\nAdvertisement\n\nEnd.", ["Body.", "End."]),
        ("Share on Facebook\n\nBody text.", ["Body text."]),
        (" date 2020-01-02 Loading...\n\nBody.", ["Body."]),
        ("", []),
        ("\n\n\n", []),
        ("Loading...", []),
    ],
)
def test_split_paragraphs(text, expected):
    paragraphs = split_paragraphs(text=text)
    assert [p.text for p in paragraphs] == expected
    assert [p.index for p in paragraphs] == list(range(len(expected)))
    for paragraph in paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text


def test_debris_glued_to_a_paragraph_top_is_skipped():
    text = "date 2020-01-02\nLoading...\nThe real first sentence."
    (paragraph,) = split_paragraphs(text=text.replace("\n", "\n", 1) + "\n\nSecond.")[:1]
    assert paragraph.text == "The real first sentence."
