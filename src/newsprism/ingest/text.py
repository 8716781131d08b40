"""Plain text pasted from a web page -> Document: the article's prose, its headings, its metadata.

Written by hand because no library does this: trafilatura and jusText work on
HTML (tags, link density); once a page has been copied as text, only the shape
of each line is left.  The rules read that shape and hold for any outlet:

* the article's prose is made of *prose lines* (long, or ending a sentence);
* short lines before the first prose line are page furniture, a headline (the
  line that repeats, or that shares most words with the article), a byline or a
  date line; short lines after the last prose line are the page's footer;
* a short capitalised line between prose lines is a section heading, unless it
  looks like furniture (share/subscribe lines, breadcrumbs, captions, URLs, UI
  labels glued to words such as ``folder_openInternational News``);
* inside the first prose line, a leading ``date YYYY-MM-DD`` marker and a
  dateline ``CITY (Outlet).`` are metadata, not prose.

Offsets always index the original text, which is never altered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsprism.records import Document, RawInput

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*\s*$")
_TERMINAL = re.compile(r"[.!?…]['\"”’)\]]*\s*$|[\"”]\s*$")
_DATE_MARKER = re.compile(r"^\s*(?:date|published|posted|updated)\s*[:\s]\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I)
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'\- ]{1,30}[A-Z])(?:,\s*[A-Z][\w.]+)?\s*\((?P<outlet>[^()]{2,40})\)\s*[.:—–-]+\s*"
)
_BYLINE = re.compile(r"^\s*By\s+(?P<by>[A-Z][^\n]{1,80}?)\s*$")
# UI icon ligatures glued to labels ("folder_openInternational", "starAdd"): lowercase run + Capital.
_GLUED_UI = re.compile(r"(?:\b[a-z]+_[a-z]+|\b[a-z]{3,})[A-Z][a-z]")
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
_BREADCRUMB_SEP = re.compile(r"\s[/›»|>]\s|\u00a0[/›»|>]\u00a0")
_CAPTION_MARK = re.compile(
    r"\((?:right|left|centre|center|L|R|C|top|bottom|front|back|file|file photo|photo)\)|\b(?:photo|image|picture)"
    r"\s*(?:credit)?\s*:|©|\bGetty Images\b|\b(?:AFP|AP|Reuters|EPA)\s*/|/\s*(?:AFP|AP|Reuters|EPA)\b"
    r"|\((?:AFP|AP|Reuters|EPA|Getty(?: Images)?|Xinhua|Bloomberg|Anadolu)\)\s*$",  # a credit closing a caption
    re.I,
)
# Footer legal lines ("© 2024 X. All rights reserved.") end like sentences but are not prose.
_LEGAL = re.compile(r"©|^\s*copyright\s*(?:\(c\)|\d{4})|\ball rights reserved\b", re.I)
# Wire credits closing a story: "Reporting by A; Editing by B", "(Additional reporting by C)".
_CREDITS = re.compile(r"^\s*\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b", re.I)
# Teasers for other articles: "Read more: ...", "Related: ...", "See also - ...".
_TEASER = re.compile(
    r"^\s*(?:read more|read also|also read|more on this|related(?: articles?| stories| coverage)?|see also|"
    r"recommended|watch|listen)\s*[:|›»—–-]",
    re.I,
)
# A page's date line above the article, alone on its line, perhaps after a glued icon label
# ("calendar_todayMarch 3, 2024") or a label ("Published: 3 March 2024 10:42 GMT").  Absolute dates only:
# relative ones ("one day ago") are chrome, not a publication date.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_LEAD_DATE = re.compile(
    r"^\s*(?-i:[a-z_]{3,}(?=[A-Z0-9]))?(?:(?P<label>published|posted|updated|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:[,|–—-]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?\s*$",
    re.I,
)
# Words of page furniture.  A short line made mostly of them is chrome, not prose or a heading.
_UI_WORDS = {
    "share",
    "this",
    "article",
    "subscribe",
    "comments",
    "comment",
    "print",
    "email",
    "e-mail",
    "tweet",
    "follow",
    "us",
    "on",
    "add",
    "to",
    "favorites",
    "favourites",
    "read",
    "more",
    "related",
    "advertisement",
    "loading",
    "please",
    "wait",
    "sign",
    "in",
    "up",
    "log",
    "newsletter",
    "menu",
    "search",
    "home",
    "news",
    "copy",
    "link",
    "facebook",
    "twitter",
    "x",
    "telegram",
    "whatsapp",
    "linkedin",
    "reddit",
    "download",
    "app",
    "roku",
    "ios",
    "android",
    "tv",
    "also",
    "see",
    "watch",
    "listen",
    "video",
    "videos",
    "photos",
    "gallery",
    "top",
    "stories",
    "latest",
    "most",
    "popular",
    "trending",
    "back",
    "next",
    "previous",
    "next:",
    "prev",
    "cookie",
    "cookies",
    "accept",
    "close",
    "skip",
    "content",
    "tags",
    "topics",
    "save",
    "bookmark",
    "the",
    "and",
    "of",
    "for",
    "a",
    "story",
    "continue",
    "continues",
    "reading",
    "below",
    "scroll",
    "click",
    "here",
}
_SELF_NAME = [
    re.compile(r"^\s*(?P<o>[A-Z][\w&.\- ]{1,40}?)['’]s\s+(?:website|site|app|newsletter|homepage)\b"),
    re.compile(r"©\s*(?:\d{4}\s*)?(?P<o>[A-Z][\w&.\- ]{1,40}?)\s*(?:\.|,|$|All rights)", re.M),
    re.compile(r"\bCopyright\s+(?:\d{4}\s+)?(?P<o>[A-Z][\w&.\- ]{1,40}?)\s*(?:\.|,|$|All rights)", re.M),
]
_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "with", "by", "from", "after", "about"}


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offsets of the stripped line in the text
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped content."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return out


def is_prose(line: Line) -> bool:
    """A line of article prose: a sentence's end, or long enough to be one."""
    n = len(line.words)
    if is_chrome(line):
        return False
    if n >= 20:
        return True
    return n >= 6 and bool(_TERMINAL.search(line.text)) and not line.text.rstrip().endswith(":")


def is_chrome(line: Line) -> bool:
    """Page furniture: UI labels, breadcrumbs, share lines, URLs, captions."""
    t = line.text
    words = [w.lower() for w in line.words]
    if _URL.match(t) or _GLUED_UI.search(t) or _TEASER.match(t) or _CREDITS.match(t):
        return True
    if _LEGAL.search(t) and len(words) <= 15:
        return True
    if len(_BREADCRUMB_SEP.findall(t)) >= 2 and len(words) <= 12:
        return True
    if _CAPTION_MARK.search(t) and len(words) <= 25 and not _TERMINAL.search(t):
        return True
    if len(words) <= 8 and t.isupper() and len(t) > 3:
        return True
    if t.rstrip().endswith(("...", "…")) and len(words) <= 4:
        return True
    return bool(words) and len(words) <= 6 and sum(w in _UI_WORDS for w in words) >= max(1, len(words) - 1)


def _closing_sentence(line: Line) -> bool:
    """A short sentence right after the prose: capitalised, ends a sentence, no furniture, no outlet self-naming."""
    t = line.text.lstrip("“\"‘'«")
    return (
        len(line.words) >= 3
        and t[:1].isupper()
        and bool(_SENTENCE_END.search(line.text))
        and not is_chrome(line)
        and not any(p.search(line.text) for p in _SELF_NAME)
    )


def _heading_like(line: Line) -> bool:
    t = line.text.lstrip("“\"‘'«")
    n = len(line.words)
    return 1 <= n <= 14 and t[:1].isupper() and not _TERMINAL.search(line.text) and not is_chrome(line)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _pick_title(candidates: list[Line], body_words: set[str]) -> Line | None:
    """The headline among the short lines above the article: the one that repeats, else the one sharing most words."""
    texts = [c.text for c in candidates]
    for c in candidates:
        if texts.count(c.text) > 1 and len(c.words) >= 3:
            return c
    best, best_score = None, 0.0
    for c in candidates:
        words = _content_words(c.text)
        if len(c.words) < 3 or not words:
            continue
        shared = len(words & body_words)
        score = shared / len(words)
        if shared >= 2 and score >= 0.4 and score > best_score:
            best, best_score = c, score
    return best


@dataclass(slots=True)
class Cleaned:
    body: list[tuple[int, int]]
    headings: list[tuple[int, int]]
    boilerplate: list[tuple[int, int]]
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


def clean_text(text: str) -> Cleaned:
    """Split pasted article text into body, headings and furniture, and read its metadata."""
    lines = split_lines(text)
    prose = [i for i, ln in enumerate(lines) if is_prose(ln)]
    out = Cleaned(body=[], headings=[], boilerplate=[])
    if not prose:
        return out
    first, last = prose[0], prose[-1]
    while last + 1 < len(lines) and _closing_sentence(lines[last + 1]):
        last += 1  # a short sentence ending the article ("Talks resume on Friday.") is prose, not footer
    body_words = set().union(*(_content_words(lines[i].text) for i in prose))
    lead = lines[:first]
    lead_dates: list[tuple[bool, str]] = []  # (is an "updated" line, the date as written)
    for ln in lead:
        if (m := _BYLINE.match(ln.text)) and not out.byline:
            out.byline = m.group("by").strip()
        elif (m := _DATE_MARKER.match(ln.text)) and m.end() >= len(ln.text.rstrip()) and not out.published:
            out.published = _iso_date(m.group(1))
        elif m := _LEAD_DATE.match(ln.text):
            lead_dates.append(((m.group("label") or "").lower() == "updated", m.group("date")))
    if lead_dates and not out.published:  # the first date line, an "updated" one only when there is no other
        out.published = parse_published(sorted(lead_dates, key=lambda d: d[0])[0][1])
    title = _pick_title([ln for ln in lead if not is_chrome(ln) and not _BYLINE.match(ln.text)], body_words)
    if title is not None:
        out.title = title.text
    for i, ln in enumerate(lines):
        if i < first or i > last:
            out.boilerplate.append((ln.start, ln.end))
        elif i in prose or i == first:
            out.body.append((ln.start, ln.end))
        elif _heading_like(ln):
            out.headings.append((ln.start, ln.end))
        elif is_chrome(ln):
            out.boilerplate.append((ln.start, ln.end))
        else:  # a short line between paragraphs that is neither: keep it, nothing is lost
            out.body.append((ln.start, ln.end))
    _read_first_paragraph(text, out)
    for ln in lines[last + 1 :]:
        for pattern in _SELF_NAME:
            if (m := pattern.search(ln.text)) and not out.outlet:
                out.outlet = m.group("o").strip()
    return out


def _read_first_paragraph(text: str, out: Cleaned) -> None:
    """A leading date marker and a dateline belong to metadata: move the body start past them."""
    start, end = out.body[0]
    para = text[start:end]
    cut = 0
    if m := _DATE_MARKER.match(para):
        out.published = out.published or _iso_date(m.group(1))
        cut = m.end()
    if m := _DATELINE.match(para[cut:]):
        out.dateline = m.group("city").strip()
        out.outlet = m.group("outlet").strip()
        cut += m.end()
    if cut:
        out.boilerplate.append((start, start + cut))
        out.body[0] = (start + cut, end)


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def document_from_text(raw: RawInput) -> Document:
    """A RawInput holding plain text -> Document; ``raw.meta`` (manifest, record fields) wins over guesses."""
    assert raw.text is not None
    cleaned = clean_text(raw.text)
    guessed = {
        "title": cleaned.title,
        "outlet": cleaned.outlet,
        "byline": cleaned.byline,
        "dateline": cleaned.dateline,
        "published": cleaned.published,
    }
    return build_document(raw, raw.text, cleaned.body, cleaned.headings, guessed, "text")


def build_document(
    raw: RawInput,
    text: str,
    body: list[tuple[int, int]],
    headings: list[tuple[int, int]],
    guessed: dict[str, object],
    guessed_from: str,
) -> Document:
    """Merge guessed metadata with the user's (which wins) and build the Document."""
    values: dict[str, object] = {}
    sources: list[tuple[str, str]] = []
    for key in ("title", "outlet", "byline", "dateline", "published", "url"):
        if raw.meta.get(key):
            values[key] = raw.meta[key]
            sources.append((key, "given"))
        elif guessed.get(key) is not None:
            values[key] = guessed[key]
            sources.append((key, guessed_from))
    published = values.get("published")
    if isinstance(published, str):
        published = parse_published(published)
    return Document(
        id=raw.id,
        text=text,
        body=tuple(body),
        headings=tuple(headings),
        title=_opt_str(values.get("title")),
        outlet=_opt_str(values.get("outlet")),
        published=published if isinstance(published, dt.date) else None,
        byline=_opt_str(values.get("byline")),
        dateline=_opt_str(values.get("dateline")),
        url=_opt_str(values.get("url")),
        origin=raw.origin,
        metadata_sources=tuple(sources),
    )


def parse_published(value: str) -> dt.date | None:
    """ISO dates directly; anything else through dateparser (e.g. 'Oct 16, 2025', RFC 822 feed dates)."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
