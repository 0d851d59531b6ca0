"""Reading an article: bytes in, clean decoded text with title and date out.

Every failure becomes an :class:`ArticleError` whose message is written for the analyst;
callers show it as it is (app) or print it on one line (command line).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analysis import rules
from analysis.paragraphs import CLOSING_MARKS, split_paragraphs

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest article accepted, in bytes of the uploaded file (app, command line and library)."""

MAX_TEXT_CHARS = 1_000_000
"""Largest decoded text kept; longer text is refused rather than silently cut."""

MAX_DOCX_XML_BYTES = 25 * 1024 * 1024
"""Largest uncompressed ``word/document.xml`` read from a .docx (a 5 MB zip can unpack to gigabytes)."""

MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total uncompressed size of all parts of a .docx."""

MAX_PDF_PAGES = 200
"""Pages read from a PDF; a longer PDF is read up to here, with a warning."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

TITLE_MAX_WORDS = 15
TITLE_MAX_CHARS = 150
"""A headline is short; a longer first line is the opening paragraph."""

TITLE_NOT_FINAL = (".", "!", "?", "…", ":", ";")
"""A first line ending so (before closing quotes) is a sentence or a lead-in, not a headline."""

TITLE_HEAD_LINES = 20
"""Lines read for the title: date, byline and URL lines above the headline are skipped, prose is not."""

MARKDOWN_TITLE_LINES = 30
"""Lines of a Markdown file searched for its first ``#`` or ``##`` heading."""

DATE_LINE_WORDS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july", "august", "september"),
        *("october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep"),
        *("sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday"),
        *("saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"),
        *("am", "pm", "a", "m", "p", "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"),
        *("bst", "cet", "cest", "et", "ct", "pt", "st", "nd", "rd", "th", "date", "dated", "published"),
        *("updated", "posted", "modified", "last", "on", "at", "ago", "today", "yesterday", "loading"),
        *("second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs"),
        *("day", "days", "week", "weeks"),
    )
)
"""Words of a date line (``Tuesday, Jan. 2, 2020 10:00 a.m. EST``, ``Updated 2 hours ago``): a line with a
digit and no other words is the article's date, not its headline."""

HTML_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
"""What joins a page title to the site name: ``Embassy stormed in Baghdad | The Daily Beast``."""

HTML_TITLE_SITE_ONLY_SEPARATORS = (" | ", " :: ")
"""Separators a headline itself never holds (a dash it may: ``Iran - US tensions rise``)."""

SITE_NAME_MAX_WORDS = 4
"""A trailing part of a page title longer than this is part of the headline, not the site's name."""

DISPLAY_NAME_WORDS = 8
"""Opening words that name an article without a title in a picker."""

DISPLAY_NAME_MAX_CHARS = 80
"""Longest name built from opening words (a few very long words, a URL)."""

_MARKDOWN_HEADING = re.compile(r"(?P<marks>#{1,6})[ \t]+(?P<text>.*)")
_URL = re.compile(r"\w+://|\bwww\.\w", re.I)
_BYLINE = re.compile(r"(?i:(?:(?:written|reported|reporting|story|words|text)\s+)?by)\s+[A-Z][\w.'’-]*")
_BYLINE_MAX_WORDS = 10


class ArticleError(ValueError):
    """The input cannot be read as an article; ``str(error)`` is the message for the analyst."""


@dataclass(frozen=True, slots=True)
class Article:
    """A decoded, cleaned article. Paragraph and statement offsets index into ``text``."""

    text: str
    title: str | None
    date: date | None
    sha256: str
    source_name: str
    source_format: str
    encoding: str
    warnings: tuple[str, ...] = field(default_factory=tuple)
    outlet: str | None = None
    """The publisher (from a corpus record, HTML metadata or the analyst); None when unknown."""
    url: str | None = None


def read_article(*, data: bytes, name: str = "pasted text", max_bytes: int = MAX_UPLOAD_BYTES) -> Article:
    """Decode and clean one uploaded file or pasted text.

    The format follows the file suffix (``.txt``, ``.md``, ``.html``, ``.docx``, ``.pdf``);
    text that looks like HTML is read as HTML whatever its suffix.
    """
    if len(data) > max_bytes:
        raise ArticleError(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB. "
            "Split the article or paste the part you need."
        )
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty.")
    sha256 = hashlib.sha256(data).hexdigest()
    pdf_pages = 0
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or (suffix != ".pdf" and data[:4] == b"PK\x03\x04" and b"word/" in data[:4096]):
        text, encoding, fmt = _docx_text(data, name=name), "docx", "docx"
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        (text, pdf_pages), encoding, fmt = _pdf_text(data, name=name), "pdf", "pdf"
    else:
        _refuse_binary(data, name=name)
        decoded, encoding = decode_bytes(data=data, name=name)
        fmt = _text_format(decoded, suffix=suffix)
        text = _html_text(decoded) if fmt == "html" else decoded
    text = normalise_text(text)
    if fmt == "markdown":
        text = _markdown_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"{name}: the text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split the article into smaller files."
        )
    if not text.strip():
        raise ArticleError(f"{name}: no readable text was found in the file.")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(f"{name}: the file has no words to analyse.")
    html_title, html_outlet = _html_heading(decoded) if fmt == "html" else (None, None)
    warnings = []
    if fmt == "pdf" and pdf_pages > MAX_PDF_PAGES:
        warnings.append(f"The PDF has {pdf_pages:,} pages; the first {MAX_PDF_PAGES} were read.")
    if not looks_english(text=text):
        warnings.append(
            "This article does not look like English. StanceScope's models are English-only: "
            "statements and speakers are shown, but sentiment and stance scores are unreliable."
        )
    return Article(
        text=text,
        title=html_title or find_title(text=text, markdown=fmt == "markdown"),
        date=find_date(text=decoded if fmt == "html" else text),
        sha256=sha256,
        source_name=name,
        source_format=fmt,
        encoding=encoding,
        warnings=tuple(warnings),
        outlet=html_outlet,
    )


def read_path(path: str | Path) -> Article:
    """Read an article file from disk, with the same checks as an upload."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file.")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article file.")
    if not path.is_file():
        # /dev/zero would be read until memory runs out, a named pipe would block forever.
        raise ArticleError(f"{path}: is not a regular file (a device, pipe or socket), not an article file.")
    try:
        size = path.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise ArticleError(
                f"{path}: the file is {size / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES / 1e6:.0f} MB. "
                "Split the article or paste the part you need."
            )
        with path.open("rb") as handle:
            # Read at most one byte past the limit: the size can grow after stat (or be 0 in /proc).
            data = handle.read(MAX_UPLOAD_BYTES + 1)
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror or error}).") from None
    return read_article(data=data, name=str(path))


def decode_bytes(*, data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode bytes to text: BOMs first, then UTF-8, UTF-16 without BOM, then a detector."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ArticleError(
                    f"{name}: the file says it is {encoding} but is not valid {encoding}."
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        # A dangling last byte (a cut-off file) is dropped, as the detector did when it checked the text.
        return data[: len(data) - len(data) % 2].decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Western news sites that are not UTF-8 are almost always Windows-1252 (a superset of
    # Latin-1's printable range); a statistical detector often mistakes it for Baltic or Cyrillic.
    try:
        text = data.decode("cp1252")
        if looks_english(text=text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _control_ratio(text) < 0.01:
            return text, best.encoding
    return data.decode("latin-1"), "latin-1"


def normalise_text(text: str) -> str:
    """Unify line endings and drop characters that are never part of an article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x00", "").replace("\ufeff", "")
    return re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)


def looks_english(*, text: str) -> bool:
    """A cheap check: mostly Latin letters, and common English function words make up a fair share of the words.

    Scripts written without spaces (Chinese, Japanese) give few "words", so the script is checked first.
    """
    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters and sum(1 for ch in letters if ch > "\u024f") / len(letters) > 0.3:
        return False
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 8:
        return True
    share = sum(word in rules.ENGLISH_FUNCTION_WORDS for word in words) / len(words)
    return share >= 0.12


def find_date(*, text: str) -> date | None:
    """The article's date from its metadata or first lines, or None."""
    head = text[:3000]
    for pattern in rules.DATE_PATTERNS:
        match = pattern.search(head)
        if match:
            found = _parse_date(match)
            if found:
                return found
    return None


def find_title(*, text: str, markdown: bool = False) -> str | None:
    """The article's headline, or None when the article opens with prose.

    A leading Markdown heading, or (``markdown``) the first ``#``/``##`` heading near the top;
    otherwise the first line when it is a short paragraph of its own that does not end like a
    sentence. Date, byline, URL and debris lines above it are skipped.
    """
    if markdown:
        for line in text.split("\n", MARKDOWN_TITLE_LINES)[:MARKDOWN_TITLE_LINES]:
            heading = _MARKDOWN_HEADING.match(line.strip())
            if heading and len(heading["marks"]) <= 2 and heading["text"].strip(" \t#"):
                return heading["text"].strip(" \t#")[:200]
            if not heading and _ends_like_prose(line=line.strip()) and not _is_header_line(line=line.strip()):
                break  # a heading after the opening prose names a section, not the article
    lines = text.split("\n", TITLE_HEAD_LINES)[:TITLE_HEAD_LINES]
    # Date, byline, URL and debris lines above the headline are dropped line by line: glued to the
    # headline, they would make one paragraph with it.
    while lines and (not lines[0].strip() or _is_header_line(line=lines[0].strip())):
        lines.pop(0)
    # Whole paragraphs, not lines: the first line of hard-wrapped prose is short and has no final
    # full stop either, but it is not a paragraph of its own.
    paragraphs = split_paragraphs(text="\n".join(lines))
    if not paragraphs:
        return None
    first = paragraphs[0].text
    heading = _MARKDOWN_HEADING.match(first)
    if heading:
        return heading["text"].strip(" \t#")[:200] or None
    return first if _looks_like_title(line=first) else None


def _looks_like_title(*, line: str) -> bool:
    """A short single line of words that does not end like a sentence."""
    return (
        "\n" not in line
        and len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and any(ch.isalpha() for ch in line)
        and not _ends_like_prose(line=line)
    )


def _ends_like_prose(*, line: str) -> bool:
    return line.rstrip(CLOSING_MARKS).endswith(TITLE_NOT_FINAL)


def _is_header_line(*, line: str) -> bool:
    """A line printed above the headline: a date, a byline, a URL, debris."""
    return (
        rules.is_debris(line)
        or rules.is_metadata_line(line)
        or _is_date_line(line=line)
        or bool(_URL.search(line))
        or (bool(_BYLINE.match(line)) and len(line.split()) <= _BYLINE_MAX_WORDS)
    )


def _is_date_line(*, line: str) -> bool:
    words = re.findall(r"[^\W\d_]+", line.lower())
    return any(ch.isdigit() for ch in line) and all(word in DATE_LINE_WORDS for word in words)


def display_name(*, title: str | None, text: str, source_name: str, taken: Collection[str] = ()) -> str:
    """A name for an article in a picker: its title, else its opening words and "…", else its file name.

    Text always names the article before its source name does, so pasted text is never called by
    the generic "pasted text" unless it is empty. A name already in ``taken`` gets " (2)", " (3)", … so that two articles never share a name.
    """
    name = (
        _one_line(text=title or "")
        or _opening_words(text=text)
        or re.split(r"[\\/]", source_name.strip())[-1]
        or source_name
    )
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


def _opening_words(*, text: str) -> str:
    """The first words of the first paragraph (date and debris lines skipped), or "" without words."""
    head = text[:5000]
    paragraphs = split_paragraphs(text=head)
    words = (paragraphs[0].text if paragraphs else head).split()
    if not words:
        return ""
    name = " ".join(words[:DISPLAY_NAME_WORDS])
    cut = len(words) > DISPLAY_NAME_WORDS or len(name) > DISPLAY_NAME_MAX_CHARS
    name = name[: DISPLAY_NAME_MAX_CHARS - 1]
    return name.rstrip(" ,;:–—-") + "…" if cut else name


def _parse_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        year = int(groups["year"])
        month_text = groups.get("month") or ""
        month = int(month_text) if month_text.isdigit() else rules.MONTHS.get(month_text.lower()[:3])
        day = int(groups.get("day") or 1)
        if month is None:
            return None
        return date(year, month, day)
    except (ValueError, TypeError, KeyError):
        return None


def _refuse_binary(data: bytes, *, name: str) -> None:
    head = data[:8]
    for magic, kind in rules.BINARY_MAGIC:
        # Short magics ("MZ", "ID3") also start ordinary words; trust them only with binary bytes nearby.
        if head.startswith(magic) and (len(magic) >= 4 or b"\x00" in data[:1024]):
            raise ArticleError(
                f"{name}: this file is not an article ({kind}). Upload .txt, .md, .html, .docx or .pdf."
            )
    if _utf16_without_bom(data):
        return
    sample = data[:65536]
    nul_share = sample.count(0) / len(sample)
    if nul_share > 0.01:
        raise ArticleError(
            f"{name}: this looks like a binary file, not text. Upload .txt, .md, .html, .docx or .pdf."
        )
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls / len(sample) > 0.05:
        raise ArticleError(
            f"{name}: this looks like a binary file, not text. Upload .txt, .md, .html, .docx or .pdf."
        )


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    encoding = (
        "utf-16-le"
        if odd_nul > 0.3 and even_nul < 0.05
        else "utf-16-be"
        if even_nul > 0.3 and odd_nul < 0.05
        else None
    )
    if encoding is None:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    # Random bytes can pass as UTF-16; real text is printable.
    return encoding if _control_ratio(text) < 0.01 else None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t") / len(sample)


def _text_format(text: str, *, suffix: str) -> str:
    if suffix in (".html", ".htm") or re.search(
        r"<(html|body|p|div|article|script|iframe)\b", text[:5000], re.I
    ):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _html_text(html: str) -> str:
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import PreformattedString, Script, Stylesheet, TemplateString

    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    # One iterative walk, linear in the document: inserting separators into the tree (insert_before)
    # costs O(depth) per tag, so 100,000 nested <div>s took most of an hour; recursion would overflow.
    drop, blocks = set(rules.HTML_DROP_TAGS), set(rules.HTML_BLOCK_TAGS)
    hidden = (PreformattedString, Script, Stylesheet, TemplateString)  # comments, CDATA, doctype, code
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(body, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append("\n\n")
        elif isinstance(node, NavigableString):
            if not isinstance(node, hidden):
                parts.append(str(node))
        elif node.name in drop:
            continue
        elif node.name == "br":
            parts.append("\n")
        else:
            if node.name in blocks:
                parts.append("\n\n")
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
    _free_tree(soup)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _free_tree(soup) -> None:
    """Break a parsed page's parent/child cycles now. Otherwise a 100,000-tag page waits for a full garbage
    collection, which in a process holding the models comes rarely, and the parses of one page (its text,
    its heading) pile up. ``decompose()`` stops at once on a root whose ``next_element`` is None."""
    for element in list(soup.descendants):
        element.__dict__.clear()
    soup.__dict__.clear()


def _html_heading(html: str) -> tuple[str | None, str | None]:
    """The page's title and its outlet, from one parse of its head. The title is its og:title, else its first
    ``<h1>``, else its ``<title>``, without the site's name; the outlet is the publisher the page names
    (og:site_name, else the site suffix of its ``<title>``)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html[:200_000], "lxml")

    def meta(prop: str) -> str:
        tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
        content = tag.get("content") if tag else None
        return content if isinstance(content, str) else ""

    def text_of(tag_name: str) -> str:
        tag = soup.find(tag_name)
        return tag.get_text(" ", strip=True) if tag else ""

    page_title = _one_line(text=text_of("title"))
    site = _one_line(text=meta("og:site_name")) or _site_suffix(title=page_title)
    h1 = _one_line(text=text_of("h1"))
    og_title = _one_line(text=meta("og:title"))
    _free_tree(soup)
    outlet = site[:120] or None
    if site and h1.casefold() == site.casefold():
        h1 = ""  # the site's logo set as a heading
    # A heading is the page's own words: only the site's known name is cut from it, never a guessed one.
    for candidate, guess in ((og_title, True), (h1, False), (page_title, True)):
        cleaned = _strip_site_name(title=candidate, site=site, guess=guess)
        if cleaned:
            return cleaned[:200], outlet
    return None, outlet


def _one_line(*, text: str) -> str:
    return " ".join(text.split())


def _site_suffix(*, title: str) -> str:
    """The site's name after the last separator of a page title, or "" when the title has none."""
    split = _split_last(title=title)
    if split is None or _strip_site_name(title=title, site="", guess=True) == title:
        return ""
    return split[2]


def _strip_site_name(*, title: str, site: str, guess: bool) -> str:
    """``Embassy stormed | World | The Daily Beast`` -> ``Embassy stormed``.

    The known ``site`` name is cut; with ``guess``, so is each short trailing part, after a dash
    only when it is shorter than what stays, so that ``Iran - US tensions rise`` keeps its words.
    """
    if site:
        for separator in HTML_TITLE_SEPARATORS:
            if title.casefold().endswith((separator + site).casefold()):
                title = title[: -len(separator + site)]
                break
    while guess and (split := _split_last(title=title)) is not None:
        keep, separator, suffix = split
        sure = separator in HTML_TITLE_SITE_ONLY_SEPARATORS
        if len(suffix.split()) > SITE_NAME_MAX_WORDS or (not sure and len(suffix) >= len(keep)):
            break
        title = keep
    return title.strip()


def _split_last(*, title: str) -> tuple[str, str, str] | None:
    """``title`` split at its last separator: what comes before, the separator, what comes after; or None."""
    at, separator = max((title.rfind(separator), separator) for separator in HTML_TITLE_SEPARATORS)
    if at <= 0:
        return None
    return title[:at].strip(), separator, title[at + len(separator) :].strip()


def _markdown_text(text: str) -> str:
    """Drop Markdown markup that is not article text, keeping the words."""
    # Link targets may hold one level of parentheses (Wikipedia URLs, ``javascript:f('x')``).
    # Every span is bounded and stays on its line: unbounded ones rescan the rest of the line for each
    # opener, so 1 MB of "*a " or "![" took hours (quadratic).
    target = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"
    text = re.sub(r"!\[([^\[\]\n]{0,500})\]" + target, r"\1", text)
    text = re.sub(r"\[([^\[\]\n]{1,500})\]" + target, r"\1", text)
    # [ \t], not \s: \s would also eat the blank line before a quote or rule, merging paragraphs.
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.M)
    text = re.sub(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.{1,500}?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]{1,500})(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`\n]{0,500})`", r"\1", text)
    return text


def _docx_text(data: bytes, *, name: str) -> str:
    _refuse_zip_bomb(data, name=name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise ArticleError(f"{name}: this .docx file is damaged or not a Word document.") from None
    title = document.core_properties.title
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, f"# {title}")
    return "\n\n".join(paragraphs)


def _refuse_zip_bomb(data: bytes, *, name: str) -> None:
    """Check a .docx's unpacked sizes before python-docx loads every part into memory."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ArticleError(f"{name}: this .docx file is damaged or not a Word document.") from None
    body = sum(part.file_size for part in parts if part.filename == "word/document.xml")
    total = sum(part.file_size for part in parts)
    if len(parts) > 5000 or body > MAX_DOCX_XML_BYTES or total > MAX_DOCX_UNPACKED_BYTES:
        raise ArticleError(
            f"{name}: this .docx unpacks to {total / 2**20:,.0f} MB ({body / 2**20:,.0f} MB of text markup, "
            f"{len(parts):,} parts); the limits are {MAX_DOCX_UNPACKED_BYTES // 2**20} MB, "
            f"{MAX_DOCX_XML_BYTES // 2**20} MB of markup and 5,000 parts. Save the article as .txt, or split it."
        )


def _pdf_text(data: bytes, *, name: str) -> tuple[str, int]:
    """The PDF's text (its first MAX_PDF_PAGES pages) and its page count."""
    import logging

    # pypdf logs its repairs of damaged files; the analyst gets one message, not the repair log.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except Exception:
        raise ArticleError(f"{name}: this PDF is damaged, encrypted or not a PDF.") from None
    text = "\n\n".join(pages)
    # PDF text comes as hard-wrapped lines; join lines inside a paragraph.
    text = re.sub(r"(?<![.!?:\"\u201d])\n(?!\n)", " ", text)
    return text, count
