"""Property-based tests (hypothesis): reading, paragraph offsets and attribution never break their contracts.

* reading: arbitrary bytes under any file name give an Article or an ArticleError, nothing else; decoded
  text has no NUL, CR or other control characters;
* paragraphs: ``text[p.start:p.end] == p.text``, in order, non-overlapping, trimmed, never empty;
* attribution: never raises; every statement lies inside its paragraph and its offsets index the text.

Examples are kept moderate (``deadline=None``: two shared cores) so the file runs in well under two minutes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.paragraphs import split_paragraphs
from analysis.reading import SUPPORTED_SUFFIXES, ArticleError, decode_bytes, normalise_text, read_article

FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

names = st.sampled_from(
    [*(f"article{suffix}" for suffix in SUPPORTED_SUFFIXES), "noext", "x.TXT", "a.b.html"]
)

# Bytes that look like the starts of real formats, so the examples reach the PDF/docx/HTML/UTF-16 paths.
prefixes = st.sampled_from(
    [
        b"",
        b"%PDF-1.4\n",
        b"PK\x03\x04word/",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"<html><body><p>",
        b"<script>",
        b"# Title\n\n",
        b"MZ",
        b"\x89PNG",
    ]
)

# Text built from the pieces that matter to the splitter and the attribution rules.
pieces = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "\t",
        "\u00a0",
        "\r\n",
        "Loading...",
        "date 2020-01-02",
        "By Jane Doe",
        "Advertisement",
        '"',
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "'",
        "\u2014 ",
        "Senator Elizabeth Warren (D-MA)",
        "Mike Pompeo",
        "Rubio",
        "she",
        "he",
        "said",
        "told reporters",
        "according to",
        "the strikes were a mistake",
        "We acted to protect our people",
        ",",
        ".",
        "!",
        "?",
        ":",
        "(R-SC)",
        "\U0001f600",
        "\u202e",
        "\u0645\u0631\u062d\u0628\u0627",
        "\u4e2d\u56fd",
        "=SUM(A1)",
    ]
)
article_texts = st.lists(pieces, min_size=1, max_size=120).map("".join)
any_texts = st.one_of(article_texts, st.text(max_size=400))


@FAST
@given(data=st.binary(max_size=3000), prefix=prefixes, name=names)
@example(data=b"\x00" * 10, prefix=b"", name="a.txt")
@example(data=b"\xff\xfe\x00\xd8", prefix=b"", name="a.txt")  # a lone UTF-16 surrogate
def test_reading_arbitrary_bytes_gives_an_article_or_an_article_error(data, prefix, name):
    payload = prefix + data
    try:
        article = read_article(data=payload, name=name)
    except ArticleError as error:
        message = str(error)
        assert message.startswith(name + ":") and "\n" not in message
        return
    assert article.text.strip()
    assert not _CONTROL.search(article.text), repr(article.text[:200])
    assert "\r" not in article.text
    assert article.sha256 == hashlib.sha256(payload).hexdigest()
    article.text.encode("utf-8")  # no lone surrogates: every output path writes UTF-8


@FAST
@given(
    text=any_texts,
    codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "gb18030"]),
    tail=st.binary(max_size=1),  # a cut-off last byte
)
@example(text="Mike Pompeo said the strikes were a mistake.", codec="utf-16-le", tail=b"x")
def test_encoded_text_reads_back_or_is_refused_clearly(text, codec, tail):
    try:
        data = text.encode(codec) + tail
    except UnicodeEncodeError:
        data = text.encode(codec, errors="replace") + tail
    try:
        article = read_article(data=data, name="a.txt")
    except ArticleError:
        return
    assert not _CONTROL.search(article.text)
    article.text.encode("utf-8")


@FAST
@given(data=st.binary(max_size=2000))
@example(data=b" \x00\x01\x01\x01\x01\x01")  # odd-length UTF-16 without BOM raised UnicodeDecodeError
def test_decode_bytes_never_raises_anything_else(data):
    try:
        text, encoding = decode_bytes(data=data)
    except ArticleError:
        return
    assert isinstance(text, str) and encoding


def _check_paragraphs(text: str) -> list:
    paragraphs = split_paragraphs(text=text)
    previous_end = 0
    for number, paragraph in enumerate(paragraphs):
        assert paragraph.index == number
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        assert paragraph.text == paragraph.text.strip() and paragraph.text
        previous_end = paragraph.end
    return paragraphs


@FAST
@given(text=any_texts)
@example(text="Loading...\nword\n\n")
@example(text=" date 2020-01-02 Loading...\n \nBody.")
def test_paragraph_offsets_index_the_text(text):
    _check_paragraphs(text)


@FAST
@given(text=any_texts)
def test_paragraph_offsets_index_normalised_text(text):
    normalised = normalise_text(text)
    paragraphs = _check_paragraphs(normalised)
    # Splitting never loses words: every letter outside debris lines is inside some paragraph.
    covered = "".join(p.text for p in paragraphs)
    assert sum(ch.isalpha() for ch in covered) <= sum(ch.isalpha() for ch in normalised)


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


@contextlib.contextmanager
def _captured_errors():
    handler = _ErrorLog()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger("analysis")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


@SLOW
@given(text=article_texts, article_date=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
@example(text='"' * 300 + " said Warren", article_date=None)
@example(text="\u201cA\u201d said \u201d\u201c she (D-MA) \u2014 Pompeo\n\n\u2014 Rubio", article_date=None)
def test_attribution_never_raises_and_stays_inside_paragraphs(text, article_date):
    from analysis.attribution import find_statements

    text = normalise_text(text)
    paragraphs = split_paragraphs(text=text)
    with _captured_errors() as errors:
        statements = find_statements(text=text, paragraphs=paragraphs, article_date=article_date)
    # "Never raises" must not mean "fails inside and quietly returns nothing".
    assert not errors, errors[0]
    for statement in statements:
        paragraph = paragraphs[statement.paragraph]
        assert paragraph.start <= statement.start < statement.end <= paragraph.end, statement
        assert text[statement.start : statement.end] == statement.text
        assert statement.kind in ("direct", "indirect")
        if statement.speaker_start is not None:
            assert 0 <= statement.speaker_start < statement.speaker_end <= len(text)
        if statement.speaker is not None:
            assert statement.speaker.strip() == statement.speaker and statement.speaker
