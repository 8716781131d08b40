"""An HTML page -> Document: the article's text (trafilatura), its headings, its metadata.

trafilatura finds the main text and the metadata (title, site name, date,
author, canonical URL).  What it does not give is *where* the headings are in
its plain-text output, so the text is rebuilt block by block from its XML body
with its own serialiser (``xmltotxt``), so every block's offsets are known as it
is written.  Line for line the text is trafilatura's txt output (checked on all
181 benchmark pages), with edge whitespace stripped and the headline left out.

Extraction mode, measured on the article-extraction-benchmark (181 pages,
``benchmarks/html_extraction.py``, shingle F1 as its evaluate.py computes it):

    trafilatura.extract defaults (comments appended)      F1 0.9525  P 0.928  R 0.978
    include_comments=False                                F1 0.9598  P 0.942  R 0.978
      + favor_recall                                      F1 0.9593  P 0.941  R 0.979
      + favor_precision                                   F1 0.9641  P 0.958  R 0.971
      + favor_precision, balanced retry when short       F1 0.9688  P 0.962  R 0.976
        and headings repeating the title left out       F1 0.9709  P 0.966  R 0.976

Reader comments are never the article.  Precision mode drops more furniture
(teasers, "read more" lists) but on a few pages latches onto one small wrong
block (a reprint notice instead of the story); so when it yields less than
``_SHORT_CHARS`` of text, the balanced extraction is run too and taken if it
holds at least ``_RECOVERY_RATIO`` times more text (the result is the same for
any ``_SHORT_CHARS`` from 300 to 1500).  The headline is the document's
``title``, so a heading that repeats it is not kept in the text.
"""

from __future__ import annotations

import codecs
import re
from copy import copy
from dataclasses import dataclass
from typing import Any

from lxml.etree import _Element
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from trafilatura import bare_extraction
from trafilatura.settings import Document as Extracted
from trafilatura.utils import normalize_unicode, sanitize
from trafilatura.xml import xmltotxt

from newsprism.config import Settings
from newsprism.errors import NoArticle
from newsprism.ingest.text import build_document
from newsprism.records import Document, RawInput

__all__ = ["decode_html_bytes", "document_from_html", "extract_blocks"]

_SHORT_CHARS = 600  # precision output under this many characters gets a second, balanced look
_RECOVERY_RATIO = 2.0  # ... and the balanced output replaces it when at least this many times longer
_TITLE_MATCH = 90  # rapidfuzz ratio above which a first heading is the headline
_TITLE_PARTS = re.compile(r"\s+[|·•–—-]\s+|\s*::\s*")  # "Headline | Outlet", "Outlet - Headline"
_CONTAINERS = {"body", "div", "section", "article", "main"}  # walked into, not serialised whole

# <meta charset=...>, <meta http-equiv="Content-Type" content="...; charset=...">, <?xml encoding=...?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
# WHATWG Encoding Standard: these labels mean windows-1252 in a browser, which is what the page was written for.
_BROWSER_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# ----------------------------------------------------------------- bytes
def decode_html_bytes(data: bytes) -> tuple[str, str | None]:
    """HTML bytes -> (text, note); the note is None unless the encoding had to be guessed.

    Order: a byte-order mark, the charset the page declares (``<meta charset>``,
    ``http-equiv``, XML declaration), UTF-8 when the bytes are valid UTF-8, then
    charset-normalizer's guess, which the note reports.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    declared = _declared_encoding(data)
    problem = None
    if declared is not None:
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            problem = f"the page declares charset {declared} but its bytes do not decode as such"
    try:
        return data.decode("utf-8"), problem
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Ties are common between single-byte code pages (cp1250 and cp1252 read most Latin text alike); the HTML
        # standard's fallback for an undeclared page is windows-1252, so it wins a tie.
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    prefix = f"{problem}; " if problem else "no charset declared and not UTF-8; "
    if best is None:
        return data.decode("utf-8", errors="replace"), f"{prefix}decoded as UTF-8 with replacement characters"
    return str(best), f"{prefix}encoding guessed as {best.encoding}"


def _declared_encoding(data: bytes) -> str | None:
    """The Python codec name of the charset the page declares in its first 4 KB, or None."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(name, name)


# ------------------------------------------------------------ extraction
@dataclass(frozen=True, slots=True)
class Block:
    """One line of the extracted text and whether it is a section heading."""

    text: str
    heading: bool


def extract_blocks(body: _Element) -> list[Block]:
    """trafilatura's XML body -> its lines in order, headings marked (``head`` elements)."""
    blocks: list[Block] = []
    _walk(body, blocks)
    return blocks


def _walk(element: _Element, blocks: list[Block]) -> None:
    if element.text and element.text.strip():
        _add(blocks, sanitize(element.text) or "", heading=False)
    for child in element:
        if child.tag in _CONTAINERS:
            _walk(child, blocks)
        else:
            alone = copy(child)  # lxml copies are deep; the tail is serialised as its own block below
            alone.tail = None
            _add(blocks, xmltotxt(alone, False), heading=child.tag == "head")
        if child.tail and child.tail.strip():
            _add(blocks, sanitize(child.tail) or "", heading=False)


def _add(blocks: list[Block], text: str, *, heading: bool) -> None:
    for line in normalize_unicode(text).split("\n"):
        if line.strip():
            blocks.append(Block(line.strip(), heading))


def _bare(html: str, **options: Any) -> Extracted | None:
    """trafilatura's extraction as its Document (body tree and metadata), None when it finds nothing."""
    found = bare_extraction(html, include_comments=False, include_tables=True, **options)
    return found if isinstance(found, Extracted) else None


def _extract(html: str, url: str | None) -> tuple[Extracted | None, _Element | None]:
    """(trafilatura document with metadata, body) from precision mode, balanced mode when precision comes short."""
    found = _bare(html, url=url, with_metadata=True, favor_precision=True)
    body = found.body if found is not None else None
    size = len(xmltotxt(body, False)) if body is not None else 0
    if size < _SHORT_CHARS:
        balanced = _bare(html, url=url, with_metadata=found is None)
        if balanced is not None and len(xmltotxt(balanced.body, False)) >= max(1, size) * _RECOVERY_RATIO:
            body = balanced.body
            found = found or balanced
    return found, body


def _drop_headline(blocks: list[Block], *titles: str | None) -> list[Block]:
    """Without the headings that repeat the title: the headline is metadata (``Document.title``), not article text.

    Titles often carry the site's name ("Headline | Outlet", "Headline - Outlet"), so each part of the
    title of two words or more is compared too; quotes, case and punctuation are ignored.
    """
    wanted = [default_process(t) for t in titles if t]
    wanted += [default_process(p) for t in titles if t for p in _TITLE_PARTS.split(t) if len(p.split()) >= 2]
    if not wanted:
        return blocks
    return [
        b
        for b in blocks
        if not (b.heading and max(fuzz.ratio(default_process(b.text), w) for w in wanted) >= _TITLE_MATCH)
    ]


def document_from_html(raw: RawInput, settings: Settings) -> Document:
    """A RawInput holding HTML -> Document; ``raw.meta`` (manifest, record fields) wins over extracted metadata.

    Raises NoArticle when the page holds no article text, or less than ``settings.min_article_chars`` of it.
    """
    if raw.html is None or not raw.html.strip():
        raise NoArticle(raw.origin, "the page is empty", hint="check that the file or URL holds the article's HTML")
    found, body = _extract(raw.html, raw.meta.get("url"))
    blocks = extract_blocks(body) if body is not None else []
    blocks = _drop_headline(blocks, raw.meta.get("title"), found.title if found is not None else None)

    text_parts: list[str] = []
    prose: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for block in blocks:
        (headings if block.heading else prose).append((pos, pos + len(block.text)))
        text_parts.append(block.text)
        pos += len(block.text) + 1
    text = "\n".join(text_parts)

    prose_chars = sum(end - start for start, end in prose)
    if prose_chars == 0:
        raise NoArticle(
            raw.origin,
            "no article text found in the page; index pages, login walls and pages built by JavaScript look like this",
            hint="save the article page itself, or paste its text into a .txt file",
        )
    if prose_chars < settings.min_article_chars:
        raise NoArticle(
            raw.origin,
            f"only {prose_chars} characters of article text found, fewer than min_article_chars="
            f"{settings.min_article_chars}",
            hint="if the article really is this short, lower min_article_chars; "
            "else save the full page or paste its text into a .txt file",
        )
    guessed: dict[str, object] = {}
    if found is not None:
        guessed = {
            "title": found.title,
            "outlet": found.sitename,
            "byline": found.author,
            "published": found.date,
            "url": found.url,
        }
    return build_document(raw, text, prose, headings, guessed, "html")
