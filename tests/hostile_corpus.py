"""A generated corpus of hostile article inputs (issue 6), deterministic from a seed.

Every :class:`Case` says what a correct outcome is: ``ok`` (the article is read and analysed;
``contains`` must be in the decoded text, ``absent`` must not) or ``error`` (one
:class:`~analysis.reading.ArticleError` / ``AnalysisError`` whose message matches ``message``).
Large inputs are built lazily (:meth:`Case.data`), so importing this module costs nothing.

Use :func:`hostile_cases` in memory, or :func:`write_corpus` to put every case into a folder.
"""

from __future__ import annotations

import codecs
import functools
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ENGLISH = (
    'Senator Jane Doe (D-MA) said on Monday that the strikes were "a reckless escalation that '
    'puts American troops at risk." Her colleague disagreed.\n\n'
    '"We acted to protect our people," Secretary of State Mike Pompeo told reporters in Washington.\n\n'
    "Officials in Baghdad said the embassy protest had ended by the evening, and the crowd dispersed."
)

_WORDS = (  # noqa: SIM905 (readable as prose)
    "the senator said officials government strikes militia embassy troops policy vote congress "
    "committee defence minister decision response attack protest statement reporters week "
    "agreement region security council analysts warned budget election campaign "
    "the of to and a in that it was for on with as by at from the of to and a in that"
).split()

Outcome = Literal["ok", "error"]


@dataclass(frozen=True)
class Case:
    """One hostile input and what a correct outcome looks like."""

    id: str
    name: str
    """File name as uploaded (its suffix picks the reader)."""
    build: Callable[[], bytes] = field(repr=False)
    expect: Outcome
    message: str = ""
    """For ``error``: a regular expression the one error message must match."""
    contains: tuple[str, ...] = ()
    """For ``ok``: substrings the decoded article text must contain."""
    absent: tuple[str, ...] = ()
    """Substrings the decoded article text must not contain (script, CSS, comments, markup)."""
    english: bool = True
    """False: the reader must warn that the models are English-only."""
    min_paragraphs: int = 1
    warning: str = ""
    """For ``ok``: a regular expression one of the reader's or the analysis's warnings must match."""
    big: bool = False
    """Large input (megabytes): tests may write it to disk instead of keeping it around."""

    def data(self) -> bytes:
        return self.build()


def _const(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _once(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """Build an expensive but small input (a compressed bomb) once per process."""
    return functools.cache(build)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))


def varied_article(seed: int, *, paragraphs: int = 6) -> str:
    """A plausible English article with quotes and speakers, different for every seed."""
    rng = random.Random(seed)
    people = [
        ("Senator Elizabeth Warren (D-MA)", "Warren"),
        ("Secretary of State Mike Pompeo", "Pompeo"),
        ("Senator Marco Rubio (R-FL)", "Rubio"),
        ("Senator Lindsey Graham (R-SC)", "Graham"),
        ("Representative Ilhan Omar (D-MN)", "Omar"),
        ("Defence Secretary Mark Esper", "Esper"),
    ]
    verbs = ["said", "told reporters", "wrote on Twitter", "argued", "warned"]
    out = [f"Article {seed}: {_words(rng, 5).capitalize()}", "date 2020-01-0" + str(1 + seed % 9)]
    for _ in range(paragraphs):
        who, surname = rng.choice(people)
        quote = _words(rng, rng.randint(8, 24)).capitalize()
        if rng.random() < 0.5:
            out.append(f'"{quote}," {who} {rng.choice(verbs)} on {rng.choice(["Monday", "Tuesday"])}.')
        else:
            out.append(
                f'{who} {rng.choice(verbs)} that {_words(rng, rng.randint(8, 20))}. "{quote}," {surname} added.'
            )
        out.append(_words(rng, rng.randint(15, 40)).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def _png(rng: random.Random) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = (16).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(bytes(rng.getrandbits(8) for _ in range(16 * (1 + 16 * 3))))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def minimal_pdf(text: str, *, stream: bytes | None = None, filters: bytes = b"") -> bytes:
    """A valid one-page PDF showing ``text`` (Helvetica), built by hand with a correct xref table."""
    if stream is None:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + filters + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def multipage_pdf(texts: list[str]) -> bytes:
    """A valid PDF with one page per text (Helvetica), built by hand with a correct xref table."""
    count = len(texts)
    font = 3 + 2 * count
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, text in enumerate(texts):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def flate_pdf(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, FlateDecode-compressed (a bomb when huge)."""
    stream = zlib.compress(content, 9)
    return minimal_pdf("", stream=stream, filters=b" /Filter /FlateDecode")


def docx_bytes(paragraphs: list[str] | None = None, *, repeat: int = 1) -> bytes:
    """A minimal valid .docx; ``repeat`` copies of the paragraphs (a zip bomb when huge)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    paragraphs = paragraphs or [ENGLISH.replace("\n\n", " ")]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs) * repeat
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Strikes &amp; the embassy</title>
<style>body { background: url("javascript:alert('css')"); } .secret-css-rule { color: red }</style>
<script>alert("script-payload"); document.cookie = "stolen";</script>
<meta property="article:published_time" content="2020-01-02T10:00:00Z">
</head>
<body onload="alert('body-onload')">
<!-- hidden-comment-payload: do not show -->
<h1>Strikes &amp; the embassy</h1>
<p>Senator Jane Doe said the strikes were &ldquo;a reckless escalation&rdquo; &mdash; and &quot;dangerous&quot;.</p>
<p><img src="x" onerror="alert('img-onerror')">Caf&eacute; owners &amp; residents watched&nbsp;the crowd.</p>
<iframe src="javascript:alert('iframe-payload')">iframe-fallback-payload</iframe>
<p>Read <a href="javascript:alert('link-payload')">the full statement</a> here.</p>
<p>Escaped markup stays text: &lt;b&gt;bold&lt;/b&gt; and 5 &lt; 6 &gt; 4.</p>
<script type="text/javascript">var s = "</scr" + "ipt>"; eval("second-script-payload");</script>
<noscript>noscript-payload</noscript>
<svg onload="alert('svg-payload')"><text>svg-text-payload</text></svg>
<p>"We acted to protect our people," Secretary of State Mike Pompeo said on Tuesday.</p>
<![CDATA[ cdata-payload ]]>
<!-- <script>alert("commented-payload")</script> <p>comment-paragraph-payload</p> -->
</body></html>
"""


def hostile_cases(seed: int = 0) -> list[Case]:
    """Every hostile case, deterministic for ``seed``."""
    rng = random.Random(seed)
    random_bytes = rng.randbytes(8192)
    english = ENGLISH
    german = (
        "Der Bundeskanzler sagte am Montag in Berlin, die Regierung werde die Lage im Irak genau beobachten. "
        "„Wir sind sehr besorgt über die Eskalation“, sagte er vor Journalisten.\n\n"
        "Die Opposition kritisierte die Entscheidung scharf und forderte eine Debatte im Bundestag. "
        "Der Außenminister äußerte sich zunächst nicht zu den Angriffen."
    )
    arabic = (
        "قال المتحدث باسم الحكومة العراقية إن الضربات الأمريكية تمثل انتهاكا للسيادة الوطنية.\n\n"
        "وأضاف أن الحكومة ستتخذ الإجراءات اللازمة لحماية المواطنين، داعيا جميع الأطراف إلى ضبط النفس."
    )
    chinese = (
        "中国外交部发言人今天在北京表示，美国对伊拉克民兵的空袭违反了国际法。\n\n"
        "他说：“这种行为将加剧地区紧张局势。”发言人呼吁各方保持克制，通过对话解决分歧。"
    )
    long_paragraph = "Senator Jane Doe said " + _words(random.Random(seed + 1), 20_000) + "."
    one_line_paragraphs = "\n".join(
        f"Line {i}: {_words(random.Random(seed * 7919 + i), 6)}." for i in range(5000)
    )
    many_quotes = "Senator Jane Doe said " + '"' * 2000 + " and left."
    alternating_quotes = "The crowd chanted " + " ".join(f'"{w}"' for w in _WORDS * 35)[:12000] + "."
    curly_storm = "He said " + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e" * 300 + " and more words here."
    unbalanced = (
        'Senator Jane Doe said "this quote never closes and runs on.\n\n'
        "A second paragraph \u201cwith a curly opener only, said Pompeo.\n\n"
        "\u201d Closing first, then opening \u201c, said nobody.\n\n"
        "Some 'single quotes and an apostrophe's trouble, Rubio said."
    )
    nested = (
        "Warren said, \"He told me 'we will win this' yesterday, and I believe him,\" adding that she was "
        "worried.\n\n"
        "\u201cThey said \u2018never again\u2019 and then \u201cdid it again\u201d anyway,\u201d Graham told reporters.\n\n"
        '"Outer "inner "innermost" inner" outer," a spokesman said.'
    )
    rtl_emoji = (
        'The minister said "\u202eevil reversed\u202c text" in Baghdad \U0001f600\U0001f525 today.\n\n'
        "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 Senator Jane Doe told reporters "
        "\u201cthe \U0001f469\u200d\U0001f469\u200d\U0001f467 families \U0001f44d\U0001f3fd deserve "
        "better\u201d on Monday.\n\n"
        "\u200f\u200eZero\u200bwidth\u2060joiners and \u2066isolates\u2069 stay in the text, said Pompeo."
    )
    mixed_endings = (
        "Title line\r\n\r\nFirst paragraph with CRLF, said Jane Doe.\r\n\r\n"
        "Second paragraph with LF.\n\nThird with old Mac CR, Pompeo said.\r\rFourth\u2028with a line "
        "separator.\u2029Fifth after a paragraph separator.\r\n"
    )
    cp1252 = (
        "Caf\u00e9 owners said the \u201creform\u201d was na\u00efve \u2013 a mistake, Senator Jane Doe "
        "told reporters on Monday. \u201cWe will fight it,\u201d she said \u2026 and left.\n\n"
        "The vote is next week, officials said."
    )
    latin1 = (
        "Caf\u00e9 owners in M\u00fcnchen said the plan was na\u00efve, Senator Jane Doe told reporters. "
        '"We will fight it," she said.\n\nThe vote is next week and the \u00a3 fell, officials said.'
    )
    formula = (
        '"=HYPERLINK(""http://evil.example"",""click"")" Senator Jane Doe said on Monday.\n\n'
        "\"+cmd|' /C calc'!A0 is what they want,\" Pompeo said.\n\n"
        '"-2+3 and @SUM(A1:A9) are not arguments," Rubio told reporters.'
    )
    markdown_hostile = (
        "# Strikes [debated](javascript:alert('md-link'))\n\n"
        "Senator Jane Doe said the plan was **reckless** and ![pixel](http://evil.example/track.png) "
        "[click here](javascript:alert('md-payload')).\n\n"
        '> "We acted to protect our people," Pompeo said.\n'
    )
    nul_sprinkled = ("\x00".join(english.split("Her colleague"))) * 3

    cases = [
        Case("empty", "empty.txt", _const(b""), "error", "empty"),
        Case("whitespace-only", "blank.txt", _const(b" \n\t\r\n   \x0b\x0c  "), "error", "empty"),
        Case(
            "whitespace-unicode",
            "blank2.txt",
            _const("\u00a0\u2003\u3000\n\n".encode()),
            "error",
            "no readable text|no words|empty",
        ),
        Case("png-renamed-txt", "photo.txt", _const(_png(rng)), "error", "PNG image"),
        Case(
            "pdf-renamed-txt",
            "report.txt",
            _const(minimal_pdf("Senator Jane Doe said the plan would fail badly.")),
            "ok",
            contains=("Jane Doe said the plan",),
        ),
        Case(
            "pdf-250-pages",
            "long.pdf",
            _once(
                lambda: multipage_pdf(
                    [f"Page {i}: Senator Jane Doe said the plan would fail." for i in range(250)]
                )
            ),
            "ok",
            contains=("Page 0:", "Page 199:"),
            absent=("Page 200:",),
            warning="250 pages; the first 200 were read",
        ),
        Case(
            "pdf-damaged",
            "broken.txt",
            _const(b"%PDF-1.7\n" + random_bytes[:2000]),
            "error",
            "PDF is damaged",
        ),
        Case(
            "pdf-flate-bomb",
            "bomb.pdf",
            _once(lambda: flate_pdf(b"BT /F1 12 Tf 72 720 Td (" + b"A" * 200_000_000 + b") Tj ET")),
            "error",
            "PDF is damaged|limit",
            big=True,
        ),
        Case("docx-valid", "article.docx", _const(docx_bytes()), "ok", contains=("Mike Pompeo",)),
        Case("docx-renamed-txt", "article.txt", _const(docx_bytes()), "ok", contains=("Mike Pompeo",)),
        Case(
            "docx-zip-bomb",
            "bomb.docx",
            _once(lambda: docx_bytes(["The senator said the plan would fail."], repeat=2_000_000)),
            "error",
            "unpacks to",
            big=True,
        ),
        Case(
            "docx-damaged",
            "broken.docx",
            _const(b"PK\x03\x04" + random_bytes[:3000]),
            "error",
            "damaged or not a Word",
        ),
        Case(
            "starts-with-MZ",
            "mz.txt",
            _const(
                b"MZ Wallace, the bag maker, said on Monday that its sales rose in the first quarter of the year."
            ),
            "ok",
            contains=("MZ Wallace",),
        ),
        Case("random-bytes", "random.txt", _const(random_bytes), "error", "binary|not an article"),
        Case(
            "random-bytes-html", "random.html", _const(random_bytes[:4096]), "error", "binary|not an article"
        ),
        Case(
            "nul-heavy",
            "nul.txt",
            _const(b"\x00" * 500 + english.encode() + b"\x00" * 500),
            "error",
            "binary",
        ),
        Case(
            "nul-sprinkled",
            "nul2.txt",
            _const(nul_sprinkled.encode()),
            "ok",
            contains=("Jane Doe",),
            absent=("\x00",),
        ),
        Case(
            "latin-1",
            "latin1.txt",
            _const(latin1.encode("latin-1")),
            "ok",
            contains=("M\u00fcnchen", "na\u00efve", "\u00a3"),
        ),
        Case(
            "windows-1252",
            "cp1252.txt",
            _const(cp1252.encode("cp1252")),
            "ok",
            contains=("\u201creform\u201d", "\u2013", "\u2026"),
        ),
        Case(
            "utf-16-bom-le",
            "u16.txt",
            _const(codecs.BOM_UTF16_LE + english.encode("utf-16-le")),
            "ok",
            contains=("Mike Pompeo",),
            absent=("\ufeff",),
        ),
        Case(
            "utf-16-bom-be",
            "u16be.txt",
            _const(codecs.BOM_UTF16_BE + english.encode("utf-16-be")),
            "ok",
            contains=("Mike Pompeo",),
            absent=("\ufeff",),
        ),
        Case(
            "utf-16-le-no-bom",
            "u16n.txt",
            _const(english.encode("utf-16-le")),
            "ok",
            contains=("Mike Pompeo",),
        ),
        Case(
            "utf-16-be-no-bom",
            "u16nbe.txt",
            _const(english.encode("utf-16-be")),
            "ok",
            contains=("Mike Pompeo",),
        ),
        Case(
            "utf-16-le-no-bom-odd-length",
            "u16nodd.txt",
            _const(english.encode("utf-16-le") + b"x"),
            "ok",
            contains=("Mike Pompeo",),
        ),
        Case(
            "utf-16-odd-length",
            "u16odd.txt",
            _const(codecs.BOM_UTF16_LE + english.encode("utf-16-le") + b"\x41"),
            "error",
            "utf-16",
        ),
        Case(
            "utf-8-bom",
            "u8bom.txt",
            _const(codecs.BOM_UTF8 + english.encode()),
            "ok",
            contains=("Mike Pompeo",),
            absent=("\ufeff",),
        ),
        Case(
            "mixed-line-endings",
            "endings.txt",
            _const(mixed_endings.encode()),
            "ok",
            contains=("Fifth after",),
            absent=("\r", "\u2028", "\u2029"),
            min_paragraphs=5,
        ),
        Case(
            "over-upload-limit-50mb",
            "huge.txt",
            lambda: ((english + "\n\n").encode() * (50 * 1024 * 1024 // 300))[: 50 * 1024 * 1024],
            "error",
            "limit is 5 MB",
            big=True,
        ),
        Case(
            "over-text-limit",
            "long.txt",
            lambda: (english + "\n\n").encode() * 3000,
            "error",
            "limit is 1,000,000",
            big=True,
        ),
        Case(
            "one-20000-word-paragraph",
            "long_paragraph.txt",
            _const(long_paragraph.encode()),
            "ok",
            contains=("Jane Doe said",),
            warning="spread evenly over the whole text",
        ),
        Case(
            "5000-one-line-paragraphs",
            "lines.txt",
            _const(one_line_paragraphs.encode()),
            "ok",
            contains=("Line 4999:",),
            min_paragraphs=2000,
            warning="5,000 paragraphs; the first 2,000 were analysed",
        ),
        Case(
            "2000-quotation-marks", "quotes.txt", _const(many_quotes.encode()), "ok", contains=('"' * 2000,)
        ),
        Case(
            "2000-alternating-quotes",
            "quotes2.txt",
            _const(alternating_quotes.encode()),
            "ok",
            contains=("The crowd chanted",),
        ),
        Case("only-quotation-marks", "onlyquotes.txt", _const(b'"' * 2000), "error", "no words"),
        Case(
            "curly-quote-storm",
            "curly.txt",
            _const(curly_storm.encode()),
            "ok",
            contains=("more words here",),
        ),
        Case(
            "unbalanced-quotes",
            "unbalanced.txt",
            _const(unbalanced.encode()),
            "ok",
            contains=("never closes",),
            min_paragraphs=4,
        ),
        Case(
            "nested-quotes",
            "nested.txt",
            _const(nested.encode()),
            "ok",
            contains=("never again",),
            min_paragraphs=3,
        ),
        Case(
            "rtl-and-emoji",
            "rtl.txt",
            _const(rtl_emoji.encode()),
            "ok",
            contains=("\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\u05e9\u05dc\u05d5\u05dd"),
        ),
        Case(
            "only-emoji",
            "emoji.txt",
            _const("\U0001f600\U0001f525 \U0001f44d\n\n\U0001f3fd".encode()),
            "error",
            "no words",
        ),
        Case("german", "de.txt", _const(german.encode()), "ok", contains=("Außenminister",), english=False),
        Case(
            "arabic",
            "ar.txt",
            _const(arabic.encode()),
            "ok",
            contains=("\u0627\u0644\u062d\u0643\u0648\u0645\u0629",),
            english=False,
        ),
        Case("chinese", "zh.txt", _const(chinese.encode()), "ok", contains=("外交部",), english=False),
        Case(
            "chinese-gb18030",
            "zh_gb.txt",
            _const(chinese.encode("gb18030")),
            "ok",
            contains=("外交部",),
            english=False,
        ),
        Case(
            "html-hostile",
            "page.html",
            _const(HOSTILE_HTML.encode()),
            "ok",
            contains=(
                "\u201ca reckless escalation\u201d \u2014",
                'and "dangerous"',
                "Caf\u00e9 owners & residents",
                "the full statement",
                "<b>bold</b>",
                "5 < 6 > 4",
                "Mike Pompeo",
            ),
            absent=(
                "payload",
                "alert",
                "javascript",
                "onerror",
                "onload",
                "secret-css-rule",
                "document.cookie",
                "&amp;",
                "&lt;",
                "&quot;",
                "&nbsp;",
                "<script",
                "<iframe",
                "<img",
                "\u00a0",
            ),
        ),
        Case(
            "html-renamed-txt",
            "page.txt",
            _const(HOSTILE_HTML.encode()),
            "ok",
            contains=("Mike Pompeo",),
            absent=("payload", "alert", "javascript"),
        ),
        Case(
            "html-only-script",
            "script.html",
            _const(b"<html><head><script>alert('x is the payload here')</script></head><body></body></html>"),
            "error",
            "no readable text|no words",
        ),
        Case(
            "html-entity-surrogates",
            "entities.html",
            _const(
                b"<p>Bad &#xD800; and &#0; and &#x110000; entities, &#x202E;reversed, Senator Jane Doe said.</p>"
            ),
            "ok",
            contains=("Jane Doe",),
            absent=("\x00", "&#"),
        ),
        Case(
            "html-deep-nesting",
            "deep.html",
            _const(b"<div>" * 100_000 + b"Senator Jane Doe said the plan would fail." + b"</div>" * 100_000),
            "ok",
            contains=("Jane Doe said the plan",),
        ),
        Case(
            "markdown-pathological-emphasis",
            "stars.md",
            _const(b"Senator Jane Doe said the plan would fail.\n\n" + b"*a " * 300_000),
            "ok",
            contains=("Jane Doe",),
            big=True,
        ),
        Case(
            "markdown-pathological-links",
            "links.md",
            _const(b"Senator Jane Doe said the plan would fail.\n\n" + b"![[a" * 240_000),
            "ok",
            contains=("Jane Doe",),
            big=True,
        ),
        Case(
            "markdown-hostile",
            "hostile.md",
            _const(markdown_hostile.encode()),
            "ok",
            contains=("click here", "reckless"),
            absent=("javascript", "evil.example", "**"),
        ),
        Case("formula-injection", "formula.txt", _const(formula.encode()), "ok", contains=("=HYPERLINK",)),
        Case(
            "control-characters",
            "controls.txt",
            _const(("\x1b[31mRed\x1b[0m " + english + "\x07\x08\x7f").encode()),
            "ok",
            contains=("Jane Doe",),
            absent=("\x1b", "\x07", "\x08", "\x7f"),
        ),
        Case(
            "seed-like-varied",
            "varied.txt",
            _const(varied_article(seed).encode()),
            "ok",
            contains=("said",),
            min_paragraphs=5,
        ),
    ]
    return cases


def case_by_id(case_id: str, seed: int = 0) -> Case:
    return next(case for case in hostile_cases(seed) if case.id == case_id)


def write_corpus(folder: Path, *, seed: int = 0, include_big: bool = True) -> dict[str, Path]:
    """Write every case to ``folder/<id>/<name>``; returns the path per case id."""
    paths: dict[str, Path] = {}
    for case in hostile_cases(seed):
        if case.big and not include_big:
            continue
        path = Path(folder) / case.id / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data())
        paths[case.id] = path
    return paths


if __name__ == "__main__":  # python -m tests.hostile_corpus OUT_DIR
    import sys

    for case_id, path in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")).items():
        print(f"{case_id}\t{path}\t{path.stat().st_size}")
