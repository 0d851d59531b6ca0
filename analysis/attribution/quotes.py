"""Direct-quote spans: a single linear scan per paragraph, every quotation-mark style.

Double marks (straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »`` and ``‹ ›``) open and close
quotes at the top level; single marks (``‘ ’`` and straight ``'``) count only when they stand where a quote
can start and a matching close follows in the paragraph (so apostrophes in ``don't`` or ``'90s`` are not
quotes). Marks inside an open quote are content. An opening mark that never closes is reported with
``closed=False`` and the caller decides (a continuation paragraph, or an unbalanced mark that is ignored).

``_paragraph_quotes`` makes that decision for an article: absolute spans per paragraph, with a quote over
several paragraphs (or a pull quote before a ``_DASH_LINE`` attribution line) running to the paragraph end.
At most ``MAX_QUOTES_PER_PARAGRAPH`` quotes are kept per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.records import Paragraph

ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|[A-Z])\."
)
"""A title or initial whose full stop ends no sentence ("Sen. Smith", "J. Smith")."""

MAX_QUOTES_PER_PARAGRAPH = 60
_DASH_LINE = re.compile(r"^\s*[–—―-]{1,2}\s*(?P<who>\S.{1,150})$")
"""A pull-quote attribution line (``– Senator X (D-MA)``); ``extract`` attaches its speaker."""
_WORD = re.compile(r"\w+")
_NESTED_CLOSE = re.compile(r"(?<=[^\s'])'{3}(?!')")

OPEN_TO_CLOSE = {
    "“": '”"',
    "„": '“”"',
    "«": "»",
    "»": "«",  # Danish/German style » … «
    "‹": "›",
    '"': '"”“',
    "”": '”"',  # some writers use ” for both
}
SINGLE_OPEN_TO_CLOSE = {"‘": "’", "'": "'’"}
ALL_MARKS = frozenset(OPEN_TO_CLOSE) | frozenset(SINGLE_OPEN_TO_CLOSE) | {"’", "›", "»"}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offset of the opening mark, relative to the paragraph
    end: int  # offset after the closing mark (or paragraph end when not closed)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, (self.end - 1 if self.closed else self.end)


def _can_open_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and (after.isalpha() or after in '“"')


def _can_close_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quote spans of ``text`` (one paragraph), in order. Linear in ``len(text)``.

    Doubled single marks (``''`` and ````` `` `````, as in NYT and PTB-style text) count as one double mark.
    """
    original = text
    # A nested single quote closing right before the doubled mark (NYT style: a quote within a quote): read
    # left to right, the doubled mark would close one character early.
    text = _NESTED_CLOSE.sub("'\" ", text)
    text = text.replace("``", '" ').replace("''", '" ')
    spans = [
        QuoteSpan(q.start, q.end + 1, True) if q.closed and original[q.end - 1 : q.end + 1] == "''" else q
        for q in _find_quotes(text)
    ]
    return spans


def _find_quotes(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    n = len(text)
    i = 0
    # For single marks: the next position (>= j) of a mark that can close a single quote, and of a newline.
    next_single_close = [n] * (n + 1)
    next_newline = [n] * (n + 1)
    for j in range(n - 1, -1, -1):
        next_single_close[j] = (
            j if text[j] in "’'" and _can_close_single(text, j) else next_single_close[j + 1]
        )
        next_newline[j] = j if text[j] == "\n" else next_newline[j + 1]
    while i < n:
        char = text[i]
        if char in SINGLE_OPEN_TO_CLOSE and _can_open_single(text, i):
            close_at = next_single_close[i + 1]
            if close_at < next_newline[i + 1] and close_at < n:
                spans.append(QuoteSpan(i, close_at + 1, True))
                i = close_at + 1
            else:
                i += 1
            continue
        closers = OPEN_TO_CLOSE.get(char)
        if closers is None or (char in "”»" and not _can_open_double_closer(text, i)):
            i += 1
            continue
        j = i + 1
        while j < n and text[j] not in closers:
            j += 1
        if j >= n:
            spans.append(QuoteSpan(i, n, False))
            break
        spans.append(QuoteSpan(i, j + 1, True))
        i = j + 1
    return spans


def _can_open_double_closer(text: str, i: int) -> bool:
    """``”`` or ``»`` used as an opening mark: only directly before a word, after a space or start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([") and after.isalnum()


def starts_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in "\"“„«‹‘'"


# ---------------------------------------------------------------------------------------------------
def _paragraph_quotes(paragraphs: list[Paragraph]) -> list[list[tuple[int, int, bool]]]:
    """Absolute quote spans per paragraph: (start, end, continues_from_previous_paragraph).

    An unclosed quote runs to the paragraph end only when the next paragraph opens with a quotation mark
    (the convention for a quote over several paragraphs) or when it opens its own paragraph and the next
    paragraph is a dash attribution line; otherwise the unbalanced mark is ignored.
    """
    result: list[list[tuple[int, int, bool]]] = []
    carrying = False
    for i, para in enumerate(paragraphs):
        spans: list[tuple[int, int, bool]] = []
        found = find_quotes(para.text)[:MAX_QUOTES_PER_PARAGRAPH]
        next_text = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
        continued = carrying and starts_with_quote(para.text)
        carrying = False
        for k, q in enumerate(found):
            if q.closed:
                spans.append((para.start + q.start, para.start + q.end, continued and k == 0))
                continue
            runs_on = starts_with_quote(next_text) or (q.start == 0 and bool(_DASH_LINE.match(next_text)))
            body = para.text[q.start + 1 :].strip()
            if runs_on and len(_WORD.findall(body)) >= 1:
                end = para.start + len(para.text.rstrip())
                spans.append((para.start + q.start, end, continued and k == 0))
                carrying = starts_with_quote(next_text)
        result.append(spans)
    return result


def _inside_any(position: int, quotes) -> bool:
    return any(s < position < e for s, e, _ in quotes)
