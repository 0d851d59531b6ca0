"""Splitting decoded article text into paragraphs with exact character offsets."""

from __future__ import annotations

import re

from analysis import rules
from analysis.records import Paragraph

MAX_PARAGRAPHS = 2000
"""Paragraphs analysed per article; the pipeline warns when an article has more."""

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def split_paragraphs(*, text: str) -> list[Paragraph]:
    """Paragraphs of ``text`` in reading order, debris and metadata lines left out.

    Blank lines separate paragraphs. Text that has no blank line but several lines
    (one paragraph per line, as many scrapers write) is split on every line break.
    Each paragraph is trimmed of surrounding whitespace, and ``text[p.start:p.end] == p.text``.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        block_end = match.start() if match else len(text)
        block = text[position:block_end]
        lines = [line for line in block.split("\n") if line.strip()]
        keep = lines and not all(rules.is_debris(line) or rules.is_metadata_line(line) for line in lines)
        if keep:
            start = position + (len(block) - len(block.lstrip()))
            end = position + len(block.rstrip())
            start = _skip_leading_debris(text=text, start=start, end=end)
            paragraphs.append(Paragraph(index=len(paragraphs), start=start, end=end, text=text[start:end]))
        position = match.end() if match else len(text)
    return paragraphs


def _skip_leading_debris(*, text: str, start: int, end: int) -> int:
    """Drop header lines (date, ``Loading...``) glued to the top of a paragraph."""
    while True:
        newline = text.find("\n", start, end)
        if newline == -1:
            return start
        line = text[start:newline]
        if not (rules.is_debris(line) or rules.is_metadata_line(line)):
            return start
        rest = newline + 1
        while rest < end and text[rest].isspace():
            rest += 1
        start = rest
