"""Small text helpers shared by the synthesize modules: quoted regions, words with offsets, sentence lookup."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from newsprism.records import AnalyzedDocument, Document, Span

OPENING = '"“„«‘'
CLOSING = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’"}
WORD = re.compile(r"\w+(?:[’'.-]\w+)*", re.UNICODE)


def quote_mark_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of text between paired quotation marks, marks included; unpaired marks close at the line end.

    Written by hand because no installed library pairs quotation marks; the quote analyser gives
    speakers, this gives the exact extent of the quoted words (the framing rule is "inside the marks").
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENING and not (ch == "‘" and i > 0 and text[i - 1].isalnum()):
            close = CLOSING[ch]
            line_end = text.find("\n", i + 1)
            line_end = n if line_end < 0 else line_end
            j = text.find(close, i + 1, line_end)
            if ch == "‘":  # a single quote closes only before a non-letter (not in "don’t")
                while j >= 0 and j + 1 < n and text[j + 1].isalpha():
                    j = text.find(close, j + 1, line_end)
            end = line_end if j < 0 else j + 1
            if end - i > 2:
                out.append((i, end))
            i = end
        else:
            i += 1
    return out


def quoted_regions(adoc: AnalyzedDocument) -> list[tuple[int, int]]:
    """Where the outlet carries someone else's words: quotation marks and direct-quote spans, merged, sorted."""
    regions = quote_mark_regions(adoc.document.text)
    regions += [(q.span.start, q.span.end) for q in adoc.quotes if q.kind == "direct"]
    return merge_ranges(regions)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(regions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) within one of the sorted, merged ``regions``?"""
    i = bisect.bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens of ``text[start:end]`` with their offsets in ``text``."""
    return [
        (m.group().lower().replace("’", "'"), m.start(), m.end()) for m in WORD.finditer(text, start, end or len(text))
    ]


def sentence_of(adoc: AnalyzedDocument, span: Span) -> Span:
    """The analysed sentence containing ``span``'s start (the span itself when none does)."""
    for s in adoc.sentences:
        if s.span.start <= span.start < s.span.end:
            return s.span
    return span


def masked_body(doc: Document) -> str:
    """``doc.text`` with non-body characters blanked (newlines kept): the same masking the analyser parses,
    so the offsets of a parse of it are the document's own."""
    keep = bytearray(len(doc.text))
    for s, e in doc.body:
        keep[s:e] = b"\x01" * (e - s)
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(doc.text))


def clean(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())
