from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.records import Outcome
from newsprism.store import Store
from newsprism.store.ingest import ingest_sources


def page(title: str, topic: str) -> bytes:
    paras = "".join(
        f"<p>Paragraph {i} of the report on {topic}: officials gave new details on {topic} and residents described "
        f"what they saw in the hours after it began, number {i}.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>© News</footer></body></html>"
    ).encode()


def write_warc(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        records = [
            ("https://news.example/flood", "text/html; charset=utf-8", page("River floods the old town", "the flood")),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
            ("https://news.example/fire", "text/html", page("Fire destroys a warehouse", "the warehouse fire")),
        ]
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
                )
            )
    return path


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc.gz")
    with Store(tmp_path / "db.sqlite") as store:
        summary = ingest_sources([archive], store, Settings())
        assert summary.added == 2
        docs = store.documents()
        assert {d.url for d in docs} == {"https://news.example/flood", "https://news.example/fire"}
        assert {d.title for d in docs} == {"River floods the old town", "Fire destroys a warehouse"}
        assert all("Home | World" not in d.text for d in docs)
        assert ingest_sources([archive], store, Settings()).resumed == 1


def test_broken_archive_is_a_failed_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not a warc file at all\n" * 20)
    with Store(tmp_path / "db.sqlite") as store:
        summary = ingest_sources([broken], store, Settings())
    assert summary.added == 0
    assert [r.outcome for r in summary.reports] == [Outcome.FAILED]
