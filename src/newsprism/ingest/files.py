"""Files and folders -> RawInput records, each input ending as ok / skipped / failed / duplicate.

A reader is registered per file suffix (``READERS``); the built-ins register the
same way a plugin would.  Reading never raises for a bad file: the error becomes
an ``InputReport`` and the run goes on.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.config import Settings
from newsprism.errors import BinaryInput, EmptyInput, InputError, InputTooLarge
from newsprism.records import InputReport, Outcome, RawInput

MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("outlet", "url", "published", "title", "byline", "dateline")
RECORD_FIELDS = ("url", "outlet", "published", "title", "byline", "dateline")


def decode_text(origin: str, data: bytes) -> tuple[str, str | None]:
    """Bytes -> str; UTF-8 when it decodes, else a detected encoding with a note saying so.

    UTF-8 is decoded as-is (a BOM stays a character) so that offsets index the
    file exactly as the evaluation contract requires.
    """
    if not data.strip():
        raise EmptyInput(origin, "the file is empty", hint="nothing to read; remove it or fill it")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInput(origin, "the file holds binary data, not text", hint="give newsprism .txt, .html or .jsonl")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryInput(origin, "the bytes decode in no known text encoding", hint="save the file as UTF-8")
    text = str(best)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(5, len(text) // 100):
        raise BinaryInput(origin, "the file holds binary data, not text", hint="give newsprism .txt, .html or .jsonl")
    return text, f"not UTF-8: decoded as {best.encoding} (a guess; offsets index the decoded text)"


@dataclass(slots=True)
class ReadState:
    """What one run has read so far: duplicate detection and id allocation."""

    settings: Settings
    seen: dict[str, str] = field(default_factory=dict)  # content hash -> doc id
    ids: set[str] = field(default_factory=set)
    reports: list[InputReport] = field(default_factory=list)

    def new_id(self, wanted: str) -> str:
        doc_id, n = wanted, 2
        while doc_id in self.ids:
            doc_id, n = f"{wanted}-{n}", n + 1
        self.ids.add(doc_id)
        return doc_id

    def first_copy(self, content: str) -> str | None:
        """The id that already holds this content, else None (and remember it)."""
        key = hashlib.sha256(content.strip().encode("utf-8")).hexdigest()
        return self.seen.get(key)

    def remember(self, content: str, doc_id: str) -> None:
        self.seen[hashlib.sha256(content.strip().encode("utf-8")).hexdigest()] = doc_id


Reader = Callable[[Path, bytes, dict[str, str], ReadState], Iterator[RawInput]]


def read_txt(path: Path, data: bytes, meta: dict[str, str], state: ReadState) -> Iterator[RawInput]:
    text, note = decode_text(str(path), data)
    yield RawInput(id=path.stem, origin=str(path), text=text, meta=meta, encoding_note=note)


def read_html(path: Path, data: bytes, meta: dict[str, str], state: ReadState) -> Iterator[RawInput]:
    from newsprism.ingest.html import decode_html_bytes

    if not data.strip():
        raise EmptyInput(str(path), "the file is empty", hint="nothing to read; remove it or fill it")
    html, note = decode_html_bytes(data)
    yield RawInput(id=path.stem, origin=str(path), html=html, meta=meta, encoding_note=note)


def _records_from_json(path: Path, text: str) -> Iterator[tuple[str, object]]:
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield f"{path}#{n}", json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"{path}#{n}", InputError(f"{path}#{n}", f"line {n} is not valid JSON: {exc.msg}")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, 1):
        yield f"{path}#{n}", item


def read_records(path: Path, data: bytes, meta: dict[str, str], state: ReadState) -> Iterator[RawInput]:
    """JSONL / JSON: one article per record with ``text`` or ``html`` and optional metadata."""
    text, _ = decode_text(str(path), data)
    for origin, item in _records_from_json(path, text):
        if isinstance(item, InputError):
            state.reports.append(InputReport(origin, Outcome.FAILED, str(item)))
            continue
        if not isinstance(item, dict) or not (item.get("text") or item.get("html")):
            state.reports.append(
                InputReport(origin, Outcome.SKIPPED, "record has no 'text' or 'html' field (need one of them)")
            )
            continue
        rec_meta = {k: str(item[k]) for k in RECORD_FIELDS if item.get(k) not in (None, "")}
        rec_meta.update(meta)
        doc_id = str(item.get("id") or f"{path.stem}-{origin.rsplit('#', 1)[1]}")
        if item.get("text"):
            yield RawInput(id=doc_id, origin=origin, text=str(item["text"]), meta=rec_meta)
        else:
            yield RawInput(id=doc_id, origin=origin, html=str(item["html"]), meta=rec_meta)


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_records,
    ".json": read_records,
}


def load_manifest(path: Path) -> dict[Path, dict[str, str]]:
    """manifest.csv: ``path,outlet,url,published,title`` (any subset after path) -> metadata by resolved path."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read the manifest: {exc}") from exc
    if rows and "path" not in rows[0]:
        raise InputError(str(path), "the manifest has no 'path' column", hint="header: path,outlet,url,published,title")
    out: dict[Path, dict[str, str]] = {}
    for row in rows:
        target = (path.parent / row["path"]).resolve()
        out[target] = {k: v.strip() for k in MANIFEST_FIELDS if (v := row.get(k)) and v.strip()}
    return out


def walk(paths: Sequence[Path]) -> Iterator[Path]:
    """Files under ``paths`` (folders recursively, sorted), manifests excluded."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.name != MANIFEST_NAME and not f.name.startswith("."):
                    yield f
        else:
            yield p


def manifests_for(paths: Sequence[Path], extra: Path | None) -> dict[Path, dict[str, str]]:
    meta: dict[Path, dict[str, str]] = {}
    for p in paths:
        if p.is_dir():
            for m in sorted(p.rglob(MANIFEST_NAME)):
                meta.update(load_manifest(m))
    if extra is not None:
        meta.update(load_manifest(extra))
    return meta


def read_raw(
    paths: Sequence[Path], settings: Settings, manifest: Path | None = None, state: ReadState | None = None
) -> Iterator[RawInput]:
    """Every article found under ``paths``; problems go to ``state.reports``."""
    state = state or ReadState(settings)
    meta_by_path = manifests_for(paths, manifest)
    for path in walk(paths):
        origin = str(path)
        if not path.exists():
            state.reports.append(InputReport(origin, Outcome.FAILED, "no such file or folder"))
            continue
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            state.reports.append(
                InputReport(origin, Outcome.SKIPPED, f"not a format newsprism reads ({path.suffix or 'no suffix'})")
            )
            continue
        try:
            size = path.stat().st_size
            if size > settings.max_input_bytes:
                raise InputTooLarge(
                    origin,
                    f"the file is {size:,} bytes, over the limit of {settings.max_input_bytes:,}",
                    hint="raise it with --set max_input_bytes=N",
                )
            data = path.read_bytes()
            yield from reader(path, data, dict(meta_by_path.get(path.resolve(), {})), state)
        except InputError as exc:
            outcome = Outcome.SKIPPED if exc.skip else Outcome.FAILED
            state.reports.append(InputReport(origin, outcome, str(exc)))
        except OSError as exc:
            state.reports.append(InputReport(origin, Outcome.FAILED, f"cannot read: {exc.strerror or exc}"))
