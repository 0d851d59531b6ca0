"""Paragraph splitting: exact offsets, debris left out, and the layouts scraped articles come in."""

from __future__ import annotations

import textwrap

import pytest

from analysis.paragraphs import MAX_PARAGRAPHS, split_paragraphs
from tests.conftest import SEED_PATH

TITLE = "Embassy stormed in Baghdad"
LEDE = (
    "Iranian-backed militias on Tuesday invaded the US embassy in Baghdad, raising widespread concern "
    "among officials in Iraq and Washington over further attacks on American outposts in the days to come."
)
PROTEST = (
    "Protesters waved the flags of Kataib Hezbollah, which launched rocket attacks that killed an "
    "American contractor on Friday, and scrawled graffiti on the walls of the compound."
)
POMPEO = (
    '"We reacted defensively to the Iranian proxy attack that killed an American citizen," Secretary of '
    'State Mike Pompeo said on Tuesday. "Now Iranian-backed groups are threatening our embassy."'
)
WARREN_QUOTE = '"Trump\'s reckless decisions have brought us closer to war and endangered American troops. "'
WARREN_DASH = "– Senator Elizabeth Warren (D-MA)"
SHORT = '"No more Benghazis," said Graham.'

# The same three paragraphs hard-wrapped at 72 columns, as a mail client or `fmt` writes them.
LEDE_72 = (
    "Iranian-backed militias on Tuesday invaded the US embassy in Baghdad,\n"
    "raising widespread concern among officials in Iraq and Washington over\n"
    "further attacks on American outposts in the days to come."
)
PROTEST_72 = (
    "Protesters waved the flags of Kataib Hezbollah, which launched rocket\n"
    "attacks that killed an American contractor on Friday, and scrawled\n"
    "graffiti on the walls of the compound."
)
POMPEO_72 = (
    '"We reacted defensively to the Iranian proxy attack that killed an\n'
    'American citizen," Secretary of State Mike Pompeo said on Tuesday. "Now\n'
    'Iranian-backed groups are threatening our embassy."'
)


def _check(text: str) -> list[str]:
    """The paragraphs' texts, after checking the offsets contract every caller relies on."""
    paragraphs = split_paragraphs(text=text)
    previous_end = 0
    for number, paragraph in enumerate(paragraphs):
        assert paragraph.index == number
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip() and paragraph.text
        assert previous_end <= paragraph.start
        previous_end = paragraph.end
    return [paragraph.text for paragraph in paragraphs]


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
    assert _check(text) == expected


def test_debris_glued_to_a_paragraph_top_is_skipped():
    text = "date 2020-01-02\nLoading...\nThe real first sentence.\n\nSecond."
    assert _check(text) == ["The real first sentence.", "Second."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"{TITLE}\n\n{LEDE}\n{PROTEST}\n{POMPEO}",
            [TITLE, LEDE, PROTEST, POMPEO],
            id="line-per-paragraph-blank-after-title",
        ),
        pytest.param(
            f"{TITLE}\n{LEDE}\n{PROTEST}\n{POMPEO}",
            [TITLE, LEDE, PROTEST, POMPEO],
            id="line-per-paragraph-no-blank-line",
        ),
        pytest.param(
            f"{TITLE}\n\n{LEDE}\n\n{PROTEST}\n\n{POMPEO}",
            [TITLE, LEDE, PROTEST, POMPEO],
            id="blank-line-separated",
        ),
        pytest.param(
            f"{TITLE}\n\n{LEDE}\n{WARREN_QUOTE}\n{WARREN_DASH}\n{PROTEST}\n{SHORT}\n{POMPEO}",
            [TITLE, LEDE, WARREN_QUOTE, WARREN_DASH, PROTEST, SHORT, POMPEO],
            id="line-per-paragraph-with-dash-pull-quote",
        ),
        pytest.param(
            f" date 2020-01-02 Loading...\n\n{TITLE}\n\n{LEDE}\nAdvertisement\n{PROTEST}",
            [TITLE, LEDE, PROTEST],
            id="line-per-paragraph-with-debris-lines",
        ),
        pytest.param(
            f"{TITLE}\n\n{LEDE_72}\n\n{PROTEST_72}\n\n{POMPEO_72}",
            [TITLE, LEDE_72, PROTEST_72, POMPEO_72],
            id="hard-wrapped-72-blank-line-separated",
        ),
        pytest.param(
            f"{LEDE_72}\n{PROTEST_72}\n{POMPEO_72}",
            [LEDE_72, PROTEST_72, POMPEO_72],
            id="hard-wrapped-no-blank-lines-sentence-final-ends",
        ),
        pytest.param(
            f"{TITLE}\n{LEDE_72}\n{PROTEST_72}",
            [TITLE, LEDE_72, PROTEST_72],
            id="title-directly-above-hard-wrapped-text",
        ),
        pytest.param(
            f"{TITLE}\n\n{LEDE_72}\n\n{WARREN_QUOTE}\n{WARREN_DASH}\n\n{PROTEST_72}",
            [TITLE, LEDE_72, WARREN_QUOTE, WARREN_DASH, PROTEST_72],
            id="hard-wrapped-with-dash-pull-quote",
        ),
        pytest.param(
            "    " + LEDE_72 + "\n    " + PROTEST_72,
            [LEDE_72, PROTEST_72],
            id="hard-wrapped-indented-first-lines",
        ),
        pytest.param(
            "## What happens next\nThe committee meets on Friday.",
            ["## What happens next", "The committee meets on Friday."],
            id="markdown-heading-above-its-paragraph",
        ),
    ],
)
def test_scraped_layouts(text, expected):
    assert _check(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(LEDE_72, id="hard-wrapped-lines-end-mid-sentence"),
        pytest.param(LEDE, id="single-long-line"),
        pytest.param(
            'Senator Jane Doe said on Monday that the plan was a "disaster"\n'
            "for everyone involved and that she would vote against it next\n"
            "week.",
            id="wrapped-line-ends-with-a-closing-quote",
        ),
        pytest.param(
            "The committee heard from Defense Secretary Mark Esper and from Sen.\n"
            "Warren, who asked why the administration had not consulted Congress.",
            id="wrapped-line-ends-with-a-title-abbreviation",
        ),
        pytest.param(
            "The crowd eventually dispersed, but officials at the embassy of the U.S.\n"
            "said they would send additional troops to protect the embassy staff.",
            id="wrapped-line-ends-with-an-acronym",
        ),
        pytest.param(
            "The vote on the resolution, which Democrats forced on the floor late\n"
            "— Senator Warren among them — failed by a narrow margin on Thursday.",
            id="wrapped-line-starts-with-a-dash",
        ),
    ],
)
def test_layouts_that_must_not_split(text):
    assert _check(text) == [text]


def test_sentence_at_the_margin_does_not_split_blank_separated_wrapped_paragraphs():
    """Where blank lines separate wrapped paragraphs, a line that ends a sentence at the margin is mid-paragraph."""
    inner = (
        "The rocket attack at Kirkuk marked the peak of tensions this winter.\n"
        "Relations between the United States and Iran have grown hostile since\n"
        "the strikes."
    )
    assert _check(f"{LEDE_72}\n\n{inner}\n\n{PROTEST_72}") == [LEDE_72, inner, PROTEST_72]


def _seed_paragraphs() -> list[str]:
    lines = [line for line in SEED_PATH.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [line.strip() for line in lines[1:]]  # the first line is the date / "Loading..." header


def test_seed_keeps_its_paragraphs():
    text = SEED_PATH.read_text(encoding="utf-8")
    assert _check(text) == _seed_paragraphs()
    assert len(_seed_paragraphs()) == 25


@pytest.mark.parametrize("width", [60, 72, 80])
def test_seed_hard_wrapped_with_blank_lines_keeps_its_paragraphs(width):
    wrapped = [textwrap.fill(paragraph, width) for paragraph in _seed_paragraphs()]
    assert _check(f"{TITLE}\n\n" + "\n\n".join(wrapped)) == [TITLE, *wrapped]


def test_seed_one_paragraph_per_line_after_a_title_splits_per_line():
    paragraphs = _seed_paragraphs()
    found = _check(f"{TITLE}\n\n" + "\n".join(paragraphs))
    assert found == [TITLE, *paragraphs]
    assert "– Senator Elizabeth Warren (D-MA)" in found


def test_more_paragraphs_than_analysed_are_all_returned():
    """The pipeline analyses the first MAX_PARAGRAPHS and warns; splitting itself drops none."""
    text = "\n".join(f"Paragraph number {number} ends here." for number in range(MAX_PARAGRAPHS + 5))
    assert len(_check(text)) == MAX_PARAGRAPHS + 5


@pytest.mark.parametrize(
    ("line", "is_debris"),
    [
        ("Follow John Nolte on Twitter @NolteNC.", True),  # an author's social-media line
        ("Follow AWR Hawkins on Twitter: @AWRHawkins. Reach him directly at awrhawkins@breitbart.com.", True),
        ("Follow us on Twitter", True),
        ("Advertisement", True),
        ("Follow the money, Sanders said on Twitter, and you will see who pays.", False),  # a sentence
        ("Trump posted on Twitter that the debate was rigged.", False),
    ],
)
def test_debris_lines(line, is_debris):
    from analysis import rules

    assert rules.is_debris(line) is is_debris
