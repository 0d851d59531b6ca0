"""Rules as data for reading articles: debris lines, date patterns, language hints.

Attribution rules (reporting verbs, titles, party tags) live in ``analysis/attribution/data``.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ),
        1,
    )
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

DATE_PATTERNS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # HTML metadata first: it is the publisher's own date.
        r"(?:article:published_time|datePublished|pubdate|publish[-_]?date)[\"']?\s*(?:content\s*=|:|=)\s*[\"']?(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",
        r"<time[^>]*datetime=[\"'](?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",
        r"\b(?:date|dated|published|updated)\s*:?\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b",
        r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b",
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b",
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b",
    )
)

BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "program (ELF)"),
    (b"MZ", "Windows program"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document .doc/.xls; save it as .docx"),
    (b"OggS", "audio file"),
    (b"ID3", "audio file"),
    (b"RIFF", "audio or video file"),
    (b"\x00\x00\x00", "binary file"),
)

HTML_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "template",
    "svg",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "head",
    "figure",
]
HTML_BLOCK_TAGS = [
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "main",
    "hr",
]

ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "said",
        "says",
        "who",
        "which",
        "what",
        "when",
        "where",
        "there",
        "than",
        "then",
        "also",
        "into",
        "about",
        "after",
        "before",
        "over",
        "under",
        "more",
        "most",
        "some",
        "any",
        "all",
        "one",
        "two",
    ]
)


@cache
def debris_patterns() -> tuple[re.Pattern[str], ...]:
    """Lines that are scraping debris when they stand alone, from ``data/debris.csv``."""
    with (DATA_DIR / "debris.csv").open(encoding="utf-8") as handle:
        return tuple(re.compile(rf"(?:{row['pattern']})\W*", re.I) for row in csv.DictReader(handle))


def is_debris(line: str) -> bool:
    """True when a whole line is scraping debris (``Loading...``, share buttons)."""
    stripped = line.strip()
    return bool(stripped) and any(pattern.fullmatch(stripped) for pattern in debris_patterns())


_METADATA_LINE = re.compile(
    r"^\W*(?:(?:date|dated|published|updated|posted)\s*:?\s*(?=[^\n]*\d)[\w ,:/.+-]{4,40}"
    r"|by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}"
    r"|\d{4}-\d{2}-\d{2})(?:\s+(?:loading\.*|advertisement))?\W*$",
    re.I,
)


def is_metadata_line(line: str) -> bool:
    """True for a header line that carries only a date or byline (the seed's `` date 2020-01-02 Loading...``)."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= 100 and bool(_METADATA_LINE.match(stripped))
