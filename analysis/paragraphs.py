"""Splitting decoded article text into paragraphs with exact character offsets.

Scraped articles come in layouts that no single line-break rule serves: one paragraph per line
(every line break ends a paragraph), text hard-wrapped at a fixed width (only the paragraph's
last line break does), blank lines between paragraphs, or a mix (a title, a blank line, then one
paragraph per line). So blank lines always end a paragraph, and every other line break is
decided from the two lines around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from analysis import rules
from analysis.records import Paragraph

MAX_PARAGRAPHS = 2000
"""Paragraphs analysed per article; the pipeline warns when an article has more."""

SENTENCE_END = (".", "!", "?", "…")
"""Final punctuation: a line ending in one of these (before any closing marks) ends its paragraph."""

CLOSING_MARKS = "\"'”’»)]} \t"
"""What may follow the final punctuation of a sentence: ``."``, ``.”``, ``?)``, the seed's ``. "``."""

CLOSING_QUOTES = ('"', "”", "»")
"""Marks that end a quotation, which a pull quote's dash line follows."""

NOT_FINAL_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "prof")
    + ("rev", "hon", "pres", "sec", "amb")
)
"""Titles written with a full stop: a wrapped line may end with ``Sen.``, a sentence never does."""

MAX_WRAP_WIDTH = 120
"""Longest line that can be a hard-wrapped line; a longer line is written as a paragraph of its own."""

MIN_WRAP_WIDTH = 25
"""A block whose lines are all narrower is a list of short lines (title, subtitle), not wrapped text."""

WRAP_SLACK = 0.1
"""Share of the width a wrapper may leave unused at a line end (GNU ``fmt`` aims at 93 % of its width)."""

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_HEADING = re.compile(r"#{1,6}\s")  # a Markdown heading, which the reader keeps
_PULL_QUOTE_DASH = re.compile(r"[–—―-]{1,2}\s*[A-Z]")  # "– Senator Elizabeth Warren (D-MA)"


class _Line(NamedTuple):
    start: int
    """Offset of the line's first character in the article text."""
    text: str
    """The line without its newline."""


def split_paragraphs(*, text: str) -> list[Paragraph]:
    """Paragraphs of ``text`` in reading order, debris and metadata lines left out.

    Each paragraph is trimmed of surrounding whitespace and ``text[p.start:p.end] == p.text``;
    a paragraph joined from hard-wrapped lines keeps the line breaks between them.
    """
    blank_separated = _blank_lines_separate_wrapped_paragraphs(text=text)
    paragraphs: list[Paragraph] = []
    for block in _blocks(text=text):
        width = _wrap_width(lines=block)
        segment = [block[0]]
        for previous, line in zip(block, block[1:], strict=False):
            if _continues(
                previous=previous.text,
                line=line.text,
                width=width,
                opens=len(segment) == 1,
                blank_separated=blank_separated,
            ):
                segment.append(line)
            else:
                _append(paragraphs=paragraphs, text=text, segment=segment)
                segment = [line]
        _append(paragraphs=paragraphs, text=text, segment=segment)
    return paragraphs


def _blocks(*, text: str) -> Iterator[list[_Line]]:
    """Runs of non-blank lines; a blank (or whitespace-only) line ends a run. One run is held at a time."""
    current: list[_Line] = []
    position = 0
    while position <= len(text):
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline
        line = _Line(start=position, text=text[position:end])
        if line.text.strip():
            current.append(line)
        elif current:
            yield current
            current = []
        position = end + 1
    if current:
        yield current


def _wrap_width(*, lines: list[_Line]) -> int:
    """The width a hard-wrapped block was wrapped at: its longest line that could be a wrapped one.

    Lines of one word are left out: a long word or URL overflows the width rather than setting it.
    """
    widths = [
        len(line.text.rstrip())
        for line in lines
        if len(line.text.rstrip()) <= MAX_WRAP_WIDTH and len(line.text.split()) > 1
    ]
    return max(widths, default=0)


def _blank_lines_separate_wrapped_paragraphs(*, text: str) -> bool:
    """Whether the text has several hard-wrapped blocks: then blank lines, not line ends, end its paragraphs."""
    if not _BLANK_LINE.search(text):
        return False  # one block: no need to read the text twice
    wrapped = 0
    for block in _blocks(text=text):
        if _is_wrapped(lines=block):
            wrapped += 1
            if wrapped == 2:
                return True
    return False


def _is_wrapped(*, lines: list[_Line]) -> bool:
    """Several lines of wrappable width, at least one of them breaking off mid-sentence."""
    return (
        len(lines) > 1
        and _wrap_width(lines=lines) >= MIN_WRAP_WIDTH
        and all(len(line.text.rstrip()) <= MAX_WRAP_WIDTH for line in lines)
        and any(not _ends_sentence(line=line.text.strip()) for line in lines[:-1])
    )


def _continues(*, previous: str, line: str, width: int, opens: bool, blank_separated: bool) -> bool:
    """Whether ``line`` continues the paragraph of ``previous`` (hard wrapping) rather than starting one.

    ``opens`` says that ``previous`` is the first line of its paragraph so far; ``width`` is the
    block's wrap width; ``blank_separated`` that blank lines separate the text's wrapped paragraphs.
    """
    before, after = previous.strip(), line.strip()
    # A pull quote's dash line ("– Senator Elizabeth Warren (D-MA)") names the speaker of the quote
    # above it, and attribution looks for it as a paragraph of its own. After a line that breaks
    # off mid-sentence a dash is hard wrapping instead; before a lower-case line, a dialogue dash.
    if _PULL_QUOTE_DASH.match(after) and (_ends_sentence(line=before) or before.endswith(CLOSING_QUOTES)):
        return False
    if opens and _PULL_QUOTE_DASH.match(before) and not after[0].islower():
        return False
    if _HEADING.match(before) or _HEADING.match(after) or _indent(line=line) > _indent(line=previous):
        return False  # a Markdown heading; an indented first line opens a paragraph in wrapped text
    wrapped = len(previous.rstrip()) <= MAX_WRAP_WIDTH and len(line.rstrip()) <= MAX_WRAP_WIDTH
    if not wrapped or width < MIN_WRAP_WIDTH:
        return False  # one paragraph per line, or a list of short lines
    # A wrapper breaks a line only when the next word does not fit on it; a line that had room
    # for the next word was ended on purpose (a title, a subheading, a paragraph's last line).
    if len(previous.rstrip()) + 1 + len(after.split()[0]) <= width * (1 - WRAP_SLACK):
        return False
    # A sentence can end at the margin in mid-paragraph. It did where blank lines separate the
    # paragraphs or the next line goes on in lower case ("the U.S.\nembassy"); otherwise a
    # sentence-final line end is taken as the paragraph's end.
    if _ends_sentence(line=before) and not (blank_separated or after[0].islower()):
        return False
    # A date or "Loading..." line glued above a paragraph is left out on its own (checked last: slow).
    return not (opens and _is_header(line=before))


def _ends_sentence(*, line: str) -> bool:
    """Whether ``line`` ends with final punctuation (``.``, ``!``, ``?``, ``…``), closing marks allowed after it."""
    bare = line.rstrip(CLOSING_MARKS)
    if not bare.endswith(SENTENCE_END):
        return False
    return bare.rsplit(maxsplit=1)[-1].rstrip(".").lower() not in NOT_FINAL_ABBREVIATIONS


def _is_header(*, line: str) -> bool:
    return rules.is_debris(line) or rules.is_metadata_line(line)


def _indent(*, line: str) -> int:
    return len(line) - len(line.lstrip())


def _append(*, paragraphs: list[Paragraph], text: str, segment: list[_Line]) -> None:
    """Add the paragraph made of ``segment``'s lines, unless they are all debris or metadata."""
    if all(_is_header(line=line.text) for line in segment):
        return
    first, last = segment[0], segment[-1]
    start = first.start + _indent(line=first.text)
    end = last.start + len(last.text.rstrip())
    paragraphs.append(Paragraph(index=len(paragraphs), start=start, end=end, text=text[start:end]))
