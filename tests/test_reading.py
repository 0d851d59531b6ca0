"""Reading articles: encodings, formats, debris, title and date, and clear refusals."""

from __future__ import annotations

import codecs
import io
from datetime import date

import pytest

from analysis.paragraphs import split_paragraphs
from analysis.reading import ArticleError, decode_bytes, find_date, find_title, looks_english, read_article

ARTICLE = 'Senator Jane Doe said on Monday the plan was "a disaster for everyone."\n\nThe vote is next week.'


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decodes_unicode_encodings(data, encoding):
    text, found = decode_bytes(data=data)
    assert text.lstrip("\ufeff") == ARTICLE
    assert found == encoding


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_decodes_western_single_byte_encodings(codec):
    original = "Café owners said the “reform” was naïve – a mistake. " * 5
    original = (
        original if codec == "cp1252" else original.replace("“", '"').replace("”", '"').replace("–", "-")
    )
    text, _ = decode_bytes(data=original.encode(codec))
    assert text == original


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\t  ", "blank.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.txt", "PNG image"),
        (b"\x00\x01\x02\x03" * 500, "random.txt", "binary"),
        (b"x" * (5 * 1024 * 1024 + 1), "huge.txt", "limit is 5 MB"),
        (b"1234 5678 ... !!! 42", "digits.txt", "no words"),
        (b"%PDF-1.4 broken", "broken.pdf", "PDF is damaged"),
    ],
)
def test_refuses_what_is_not_an_article(data, name, message):
    with pytest.raises(ArticleError, match=message):
        read_article(data=data, name=name)


def test_html_drops_scripts_iframes_comments_and_decodes_entities():
    html = b"""<html><head><title>Embassy attack</title><style>p{color:red}</style>
    <script>alert('x')</script></head><body><nav>Home | World</nav>
    <p>Officials said &quot;no plans&quot; to evacuate &amp; leave.</p><!-- tracking -->
    <iframe src="https://evil.example"></iframe><p onclick="steal()">Second <b>paragraph</b>.</p>
    <a href="javascript:alert(1)">link text</a></body></html>"""
    article = read_article(data=html, name="page.html")
    assert article.title == "Embassy attack"
    assert article.source_format == "html"
    assert 'Officials said "no plans" to evacuate & leave.' in article.text
    for leaked in ("alert", "color:red", "tracking", "evil.example", "steal", "Home | World"):
        assert leaked not in article.text
    assert [p.text for p in split_paragraphs(text=article.text)][:2] == [
        'Officials said "no plans" to evacuate & leave.',
        "Second paragraph.",
    ]


def test_markdown_keeps_words_and_title():
    article = read_article(
        data=b"# The headline\n\nShe said it was **very** [good](http://x.y).\n\n> Quoted block",
        name="a.md",
    )
    assert article.title == "The headline"
    assert "She said it was very good." in article.text
    assert "http" not in article.text


def test_docx_is_read():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Word title"
    document.add_paragraph('Senator Jane Doe said "yes."')
    document.add_paragraph("Second paragraph.")
    buffer = io.BytesIO()
    document.save(buffer)
    article = read_article(data=buffer.getvalue(), name="a.docx")
    assert article.title == "Word title"
    assert 'Senator Jane Doe said "yes."' in article.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2020-01-02 Loading...\n\nBody.", date(2020, 1, 2)),
        ("Published: January 2, 2020\n\nBody.", date(2020, 1, 2)),
        ("By Jo Roe, 3 March 2019\n\nBody.", date(2019, 3, 3)),
        ('<meta property="article:published_time" content="2021-06-30T10:00:00Z">', date(2021, 6, 30)),
        ("No date in this article at all.", None),
        ("The 1999-13-45 code is not a date.", None),
    ],
)
def test_find_date(text, expected):
    assert find_date(text=text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading here\n\nBody.", "Heading here"),
        ("Embassy stormed in Baghdad\n\nBody text here.", "Embassy stormed in Baghdad"),
        ("This first line is a full sentence.\n\nBody.", None),
        (" date 2020-01-02 Loading...\n\nLong first paragraph that ends with a full stop.", None),
    ],
)
def test_find_title(text, expected):
    assert find_title(text=text) == expected


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (ARTICLE * 3, True),
        ("Die Regierung hat am Montag erklärt, dass die Botschaft nicht geräumt wird. " * 3, False),
        ("الحكومة قالت يوم الاثنين إن السفارة لن يتم إخلاؤها " * 3, False),
        ("政府周一表示，大使馆不会撤离。" * 5, False),
        ("Short", True),
    ],
)
def test_looks_english(text, english):
    assert looks_english(text=text) is english


def test_non_english_article_warns_but_reads():
    article = read_article(
        data=("Die Regierung hat erklärt, dass sie nicht geht. " * 10).encode(), name="de.txt"
    )
    assert article.warnings and "English-only" in article.warnings[0]


def test_seed_is_read_with_date_and_debris_dropped(seed_article):
    assert seed_article.date == date(2020, 1, 2)
    paragraphs = split_paragraphs(text=seed_article.text)
    assert paragraphs[0].text.startswith("Iranian-backed militias on Tuesday")
    assert all("Loading..." not in p.text for p in paragraphs)
    assert len(paragraphs) == 25
