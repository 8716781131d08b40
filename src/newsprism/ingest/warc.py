"""WARC files (e.g. CC-NEWS archives) -> RawInput: every HTTP response holding HTML is one page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprism.errors import InputError
from newsprism.ingest.html import decode_html_bytes
from newsprism.records import InputReport, Outcome, RawInput

HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def read_warc(path: Path, reports: list[InputReport], max_bytes: int = 20_000_000) -> Iterator[RawInput]:
    """HTML responses in the archive, as RawInput (``meta``: url, published from WARC-Date).

    Non-HTML records are passed over silently (an archive is mostly requests, images, scripts);
    an unreadable archive or record becomes a failed InputReport.
    """
    try:
        if not _looks_like_archive(path):
            reports.append(
                InputReport(
                    str(path),
                    Outcome.FAILED,
                    "not a WARC archive (no WARC/1.x header)",
                    notes=("give .warc or .warc.gz files as crawlers write them",),
                )
            )
            return
        with path.open("rb") as stream:
            for n, record in enumerate(ArchiveIterator(stream)):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
                if not any(t in ctype for t in HTML_TYPES) or status != "200":
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    reports.append(InputReport(url, Outcome.FAILED, f"the page is over {max_bytes:,} bytes"))
                    continue
                try:
                    html, note = decode_html_bytes(data)
                except InputError as exc:
                    reports.append(InputReport(url, Outcome.FAILED, str(exc)))
                    continue
                meta = {"url": url}
                warc_date = record.rec_headers.get_header("WARC-Date")
                if warc_date:
                    meta["fetched"] = warc_date[:10]
                yield RawInput(_doc_id(url, n), url, html=html, meta=meta, encoding_note=note)
    except (ArchiveLoadFailed, OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        reports.append(InputReport(str(path), Outcome.FAILED, f"not a readable WARC archive: {exc}"))


def _looks_like_archive(path: Path) -> bool:
    """The first record starts with ``WARC/`` (or an ARC ``filedesc://`` line), gzipped or not.

    warcio reads any bytes as a lenient ARC file instead of failing, so this is checked first.
    """
    import gzip

    with path.open("rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
        start = stream.read(64).lstrip()
    return start.startswith((b"WARC/", b"filedesc://"))


def _doc_id(url: str, n: int) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in tail)[:80].strip("-")
    return stem or f"warc-{n}"
