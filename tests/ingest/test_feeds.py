from __future__ import annotations

from pathlib import Path

import httpx

from newsprism.config import Settings
from newsprism.ingest.fetch import Fetcher
from newsprism.records import Outcome
from newsprism.store import Store
from newsprism.store.ingest import ingest_sources

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example News</title>
<item><title>Bridge closed after crash</title><link>https://news.example/bridge</link>
<pubDate>Tue, 03 Sep 2024 08:00:00 GMT</pubDate></item>
<item><title>Port strike enters third day</title><link>https://news.example/strike</link>
<pubDate>Wed, 04 Sep 2024 09:30:00 GMT</pubDate></item>
<item><title>Gone</title><link>https://news.example/missing</link></item>
</channel></rss>"""


def article(topic: str) -> str:
    paras = "".join(
        f"<p>Paragraph {i}: the {topic} continued to affect commuters and businesses across the city, "
        f"officials said on the {i}th briefing of the day.</p>"
        for i in range(6)
    )
    return f"<html><body><article><h1>Headline</h1>{paras}</article></body></html>"


def transport(requests: list[str]) -> httpx.MockTransport:
    pages = {
        "/feed.xml": (FEED, "application/rss+xml"),
        "/bridge": (article("bridge closure"), "text/html"),
        "/strike": (article("port strike"), "text/html"),
    }

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request.url.path)
        assert request.headers["user-agent"].startswith("newsprism/")
        if request.url.path not in pages:
            return httpx.Response(404)
        body, ctype = pages[request.url.path]
        return httpx.Response(200, text=body, headers={"content-type": ctype})

    return httpx.MockTransport(handle)


def test_feed_entries_are_fetched_and_stored_with_feed_metadata(tmp_path: Path) -> None:
    requests: list[str] = []
    with Store(tmp_path / "db.sqlite") as store:
        summary = ingest_sources(
            ["https://news.example/feed.xml"], store, Settings(), transport=transport(requests), fetch_delay=0
        )
        assert summary.added == 2
        by_url = {d.url: d for d in store.documents()}
        assert by_url["https://news.example/bridge"].title == "Bridge closed after crash"
        assert str(by_url["https://news.example/strike"].published) == "2024-09-04"
        failed = [r for r in summary.reports if r.outcome is Outcome.FAILED]
        assert [r.origin for r in failed] == ["https://news.example/missing"]
        # a second run does not fetch stored articles again
        requests.clear()
        again = ingest_sources(
            ["https://news.example/feed.xml"], store, Settings(), transport=transport(requests), fetch_delay=0
        )
        assert again.added == 0 and "/bridge" not in requests and "/strike" not in requests


def test_fetcher_waits_between_requests_to_one_host() -> None:
    waits: list[float] = []
    with Fetcher(transport([]), delay=5.0, sleep=waits.append) as fetcher:
        fetcher.get("https://news.example/bridge")
        fetcher.get("https://news.example/strike")
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0
