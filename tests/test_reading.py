"""Reading articles: encodings, formats, debris, title and date, and clear refusals."""

from __future__ import annotations

import codecs
import io
from datetime import date

import pytest

from analysis.paragraphs import split_paragraphs
from analysis.reading import (
    ArticleError,
    decode_bytes,
    display_name,
    find_date,
    find_title,
    looks_english,
    read_article,
)

ARTICLE = 'Senator Jane Doe said on Monday the plan was "a disaster for everyone."\n\nThe vote is next week.'
TITLE = "Embassy stormed in Baghdad"
LEDE = (
    "Iranian-backed militias on Tuesday invaded the US embassy in Baghdad, raising widespread concern "
    "among officials in Iraq and Washington over further attacks on American outposts."
)
SECOND = "The State Department said there were no plans to evacuate the complex."


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
        pytest.param(f"{TITLE}\n{LEDE}\n{SECOND}", TITLE, id="line-per-paragraph-no-blank"),
        pytest.param(f"{TITLE}\n\n{LEDE}\n{SECOND}", TITLE, id="line-per-paragraph-blank-after-title"),
        pytest.param(f" date 2020-01-02 Loading...\n\n{TITLE}\n\n{LEDE}", TITLE, id="after-seed-debris-line"),
        pytest.param(f"Tuesday, Jan. 2, 2020 10:00 a.m. EST\n{TITLE}\n{LEDE}", TITLE, id="after-date-line"),
        pytest.param(f"Updated 2 hours ago\n\n{TITLE}\n\n{LEDE}", TITLE, id="after-relative-date"),
        pytest.param(f"https://www.example.com/2020/01/02/embassy\n{TITLE}\n\n{LEDE}", TITLE, id="after-url"),
        pytest.param(f"By Jane Doe, Reuters\n\n{TITLE}\n\n{LEDE}", TITLE, id="after-byline"),
        pytest.param(
            'Warren calls strikes "reckless"\n\nBody.', 'Warren calls strikes "reckless"', id="quote"
        ),
        pytest.param("Iran crisis: what happens next\n\nBody.", "Iran crisis: what happens next", id="colon"),
        pytest.param(
            "By the numbers: Iran strikes\n\nBody.", "By the numbers: Iran strikes", id="not-byline"
        ),
        # No title: the article opens with prose, or the first line is no headline.
        ("This first line is a full sentence.\n\nBody.", None),
        (" date 2020-01-02 Loading...\n\nLong first paragraph that ends with a full stop.", None),
        pytest.param(f"{LEDE}\n\n{SECOND}", None, id="opens-with-prose"),
        pytest.param("Here is what we know so far:\n\nBody.", None, id="ends-with-colon"),
        pytest.param("The plan failed, the vote is next week;\n\nBody.", None, id="ends-with-semicolon"),
        pytest.param("Is war with Iran coming?\n\nBody.", None, id="ends-with-question-mark"),
        pytest.param("Stop the war now!\n\nBody.", None, id="ends-with-exclamation-mark"),
        pytest.param(LEDE.rstrip(".") + "\n\nBody.", None, id="very-long-first-line"),
        pytest.param(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
            "\n\nBody.",
            None,
            id="more-than-15-words",
        ),
        pytest.param(
            "Iranian-backed militias on Tuesday invaded the US embassy in Baghdad,\n"
            "raising widespread concern among officials in Iraq and Washington over\n"
            "further attacks on American outposts in the days to come.",
            None,
            id="first-line-of-hard-wrapped-prose",
        ),
        pytest.param("January 2, 2020\n\nThe Senate voted.", None, id="only-a-date-line"),
        pytest.param("By Jane Doe\n\nThe Senate voted on the bill.", None, id="only-a-byline"),
        pytest.param("https://www.example.com/embassy\n\nThe Senate voted.", None, id="only-a-url"),
    ],
)
def test_find_title(text, expected):
    assert find_title(text=text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading here\n\nBody.", "Heading here"),
        ("Intro line without a stop\n\n# Real title\n\nBody.", "Real title"),
        ("### Section\n\n## The title\n\nBody.", "The title"),
        ("### Only a section\n\nBody.", "Only a section"),
        ("A plain headline\n\nBody.", "A plain headline"),
        ("Body that opens with a sentence.\n\n### Section", None),
        ("Body that opens with a sentence.\n\n## Background\n\nMore.", None),
        ("Loading...\n\n# After debris\n\nBody.", "After debris"),
    ],
)
def test_find_title_in_markdown(text, expected):
    assert find_title(text=text, markdown=True) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ("<title>Embassy attack</title>", "", "Embassy attack"),
        ("<title>Embassy stormed | The Daily Beast</title>", f"<h1>{TITLE}</h1>", TITLE),
        ("<title>Embassy stormed | The Daily Beast</title>", "<h1>The Daily Beast</h1>", "Embassy stormed"),
        (f'<title>Embassy stormed - BBC News</title><meta property="og:title" content="{TITLE}">', "", TITLE),
        ("<title>Embassy stormed in Baghdad - BBC News</title>", "", TITLE),
        ("<title>Embassy attack | World news | The Guardian</title>", "", "Embassy attack"),
        (
            '<title>Embassy attack — The Guardian</title><meta property="og:site_name" content="The Guardian">',
            "",
            "Embassy attack",
        ),
        ("<title>Iran - US tensions rise</title>", "", "Iran - US tensions rise"),
        (
            "<title>Budget | Site</title>",
            "<h1>Senate passes budget bill - again</h1>",
            "Senate passes budget bill - again",
        ),
        ("", f"<p>{TITLE}</p><p>{LEDE}</p>", TITLE),
    ],
)
def test_html_title(head, body, expected):
    html = f"<html><head>{head}</head><body>{body}<p>{LEDE}</p></body></html>"
    assert read_article(data=html.encode(), name="page.html").title == expected


@pytest.mark.parametrize("name", ["article.txt", "pasted text"])
def test_plain_text_title_and_paragraphs_with_windows_line_endings(name):
    data = f"{TITLE}\r\n\r\n{LEDE}\r\n{SECOND}\r\n".encode()
    article = read_article(data=data, name=name)
    assert article.title == TITLE
    assert "\r" not in article.text
    assert [p.text for p in split_paragraphs(text=article.text)] == [TITLE, LEDE, SECOND]


@pytest.mark.parametrize(
    ("title", "text", "source_name", "taken", "expected"),
    [
        (TITLE, LEDE, "a.txt", (), TITLE),
        ("  Embassy\n stormed  ", LEDE, "a.txt", (), "Embassy stormed"),
        (None, LEDE, "a.txt", (), "Iranian-backed militias on Tuesday invaded the US embassy…"),
        ("", LEDE, "a.txt", (), "Iranian-backed militias on Tuesday invaded the US embassy…"),
        (
            None,
            f" date 2020-01-02 Loading...\n\n{LEDE}",
            "a.txt",
            (),
            "Iranian-backed militias on Tuesday invaded the US embassy…",
        ),
        (
            None,
            "The plan failed, officials said, and the vote is off.",
            "a.txt",
            (),
            "The plan failed, officials said, and the vote…",
        ),
        (
            None,
            "Officials said on Tuesday that the plan failed, and the vote is off.",
            "a.txt",
            (),
            "Officials said on Tuesday that the plan failed…",  # no "failed,…"
        ),
        (None, "The vote is next week.", "a.txt", (), "The vote is next week."),
        (None, "x" * 300, "a.txt", (), "x" * 79 + "…"),
        (None, "", "reports/embassy.txt", (), "embassy.txt"),
        (None, "  \n ", "C:\\news\\embassy.txt", (), "embassy.txt"),
        (None, LEDE, "pasted text", (), "Iranian-backed militias on Tuesday invaded the US embassy…"),
        (None, "", "pasted text", (), "pasted text"),
        (TITLE, LEDE, "a.txt", (TITLE,), f"{TITLE} (2)"),
        (TITLE, LEDE, "a.txt", [TITLE, f"{TITLE} (2)"], f"{TITLE} (3)"),
        (TITLE, LEDE, "a.txt", {f"{TITLE} (2)"}, TITLE),
        (None, "", "a.txt", ("a.txt",), "a.txt (2)"),
    ],
)
def test_display_name(title, text, source_name, taken, expected):
    assert display_name(title=title, text=text, source_name=source_name, taken=taken) == expected


def test_pasted_text_is_never_named_pasted_text():
    for text in (LEDE, "Loading...", "12 34", "A"):
        assert display_name(title=None, text=text, source_name="pasted text") != "pasted text"


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
    # The seed has no headline: its first line is a date and "Loading...", its next the lede.
    assert seed_article.title is None
    assert display_name(
        title=seed_article.title, text=seed_article.text, source_name=seed_article.source_name
    ) == ("Iranian-backed militias on Tuesday invaded the US embassy…")


def test_a_deep_page_is_freed_without_waiting_for_the_garbage_collector():
    """The parses of one page (its text, then its title and outlet) once piled up to 89 MB when no full
    collection ran, as in a long process holding the models; freed as they go, the peak is one parse's."""
    import gc
    import tracemalloc

    data = b"<div>" * 100_000 + b"Senator Jane Doe said the plan would fail." + b"</div>" * 100_000
    read_article(data=b"<p>A warm-up page.</p>", name="warm.html")
    gc.disable()
    tracemalloc.start()
    try:
        article = read_article(data=data, name="deep.html")
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    assert "Jane Doe said the plan" in article.text
    assert peak < 70e6, f"peak {peak / 1e6:.0f} MB"
    assert current < 10e6, f"{current / 1e6:.0f} MB still held after reading"
