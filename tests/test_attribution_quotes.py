"""Article-level quote spans of ``analysis.attribution.quotes._paragraph_quotes``."""

from __future__ import annotations

import pytest

from analysis.attribution.quotes import _paragraph_quotes
from analysis.paragraphs import split_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said "one" and "two".', [[('"one"', False), ('"two"', False)]]),
        # A quote over several paragraphs: the unclosed mark runs on, the next quote continues it.
        (
            '"First part of it.\n\n"Second part," she said.',
            [[('"First part of it.', False)], [('"Second part,"', True)]],
        ),
        # A pull quote before a dash attribution line.
        (
            '"Pull quote of many words\n\n– Senator Lindsey Graham (R-SC)',
            [[('"Pull quote of many words', False)], []],
        ),
        # An unbalanced mark with no continuation is ignored.
        ('He said "unbalanced and more.\n\nNext paragraph.', [[], []]),
        # NYT style: a quote within a quote closes with three marks, the doubled one last.
        (
            "''I said, 'No daylight,''' he recalled. ''He said, 'None.'.''",
            [[("''I said, 'No daylight,'''", False), ("''He said, 'None.'.''", False)]],
        ),
        ("''No nesting,'' she said.", [[("''No nesting,''", False)]]),
    ],
)
def test_paragraph_quotes(text, expected):
    spans = _paragraph_quotes(split_paragraphs(text=text))
    assert [[(text[s:e], continued) for s, e, continued in para] for para in spans] == expected
