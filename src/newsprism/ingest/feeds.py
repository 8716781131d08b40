"""RSS and Atom feeds -> RawInput: each entry's linked page is fetched (politely, see fetch.py).

feedparser reads the feed; the entry's title, link and date become ``meta`` and win over what the
page extraction guesses.  When the page cannot be fetched, the entry's own full content (Atom
``content``, RSS ``content:encoded``) is used if the feed carries it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Container, Iterator
from pathlib import Path

import feedparser

from newsprism.errors import InputError
from newsprism.ingest.fetch import Fetcher
from newsprism.records import InputReport, Outcome, RawInput

FEED_SUFFIXES = (".rss", ".atom", ".xml")


def is_feed(source: str) -> bool:
    return source.startswith(("http://", "https://")) or source.lower().endswith(FEED_SUFFIXES)


def _published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return dt.date.fromtimestamp(time.mktime(parsed)).isoformat() if parsed.tm_year > 1970 else None


def _entry_html(entry: feedparser.FeedParserDict) -> str | None:
    for content in entry.get("content") or ():
        if "html" in (content.get("type") or "") and len(content.get("value") or "") > 500:
            return str(content["value"])
    return None


def read_feed(
    source: str,
    fetcher: Fetcher,
    reports: list[InputReport],
    *,
    skip_url: Container[str] = (),
    canonical: Callable[[str], str | None] = lambda u: u,
) -> Iterator[RawInput]:
    """Entries of the feed at ``source`` (a URL or a file) as RawInput with their page's HTML.

    Entries whose canonical URL is in ``skip_url`` (already stored) are not fetched again.
    """
    try:
        if source.startswith(("http://", "https://")):
            raw = fetcher.get(source).text
        else:
            raw = Path(source).read_text(encoding="utf-8", errors="replace")
    except (InputError, OSError) as exc:
        reports.append(InputReport(source, Outcome.FAILED, f"cannot read the feed: {exc}"))
        return
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        reason = f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}"
        reports.append(InputReport(source, Outcome.FAILED, reason))
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(feed.entries):
        link = entry.get("link")
        origin = link or f"{source}#{n}"
        if not link:
            reports.append(InputReport(origin, Outcome.SKIPPED, "feed entry without a link"))
            continue
        if canonical(link) in skip_url:
            reports.append(InputReport(origin, Outcome.DUPLICATE, "already stored (same URL)"))
            continue
        meta = {"url": link}
        if entry.get("title"):
            meta["title"] = entry["title"].strip()
        if (published := _published(entry)) is not None:
            meta["published"] = published
        if outlet:
            meta["outlet"] = outlet
        try:
            page = fetcher.get(link)
            html = page.text
        except InputError as exc:
            html = _entry_html(entry)
            if html is None:
                reports.append(InputReport(origin, Outcome.FAILED, str(exc)))
                continue
        yield RawInput(_doc_id(link, n), origin, html=html, meta=meta)


def _doc_id(url: str, n: int) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in tail)[:80].strip("-")
    return stem or f"entry-{n}"
