"""`newsprism ingest`: folders, JSONL, WARC archives and feeds into the store, resumably.

Work is committed in chunks, and every finished input is logged; a rerun after an interruption
skips the inputs already finished and stores nothing twice (content hash and canonical URL).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby, islice
from pathlib import Path
from typing import TypeVar

import httpx

from newsprism.config import Settings
from newsprism.ingest import documents_from_raw, read_inputs
from newsprism.ingest.feeds import is_feed, read_feed
from newsprism.ingest.fetch import Fetcher
from newsprism.ingest.files import MANIFEST_NAME, walk
from newsprism.ingest.warc import is_warc, read_warc
from newsprism.records import Document, InputReport, Outcome, RawInput
from newsprism.store import dedup
from newsprism.store.store import Added, Store

Progress = Callable[[str], None]
T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]  # builtin map, or a Dask one


def read_file_chunk(job: tuple[list[Path], Path | None, Settings]) -> tuple[list[Document], list[InputReport]]:
    """Read one chunk of files (a picklable unit of work for a Dask worker)."""
    paths, manifest, settings = job
    return read_inputs(paths, settings, manifest)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    reports: tuple[InputReport, ...]
    added: int
    near_duplicates: int
    already_stored: int
    resumed: int  # inputs skipped because an earlier run finished them

    def counts(self) -> Counter[str]:
        return Counter(r.outcome.value for r in self.reports)


def _chunks(items: Iterable[RawInput], size: int) -> Iterator[list[RawInput]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Run:
    def __init__(self, store: Store, settings: Settings, progress: Progress | None) -> None:
        self.store, self.settings, self.progress = store, settings, progress
        self.reports: list[InputReport] = []
        self.tally: Counter[str] = Counter()

    def store_docs(self, docs: Sequence[Document], reports: Sequence[InputReport]) -> None:
        """Store one chunk, fix up the reports with what the store did, log them (one transaction each)."""
        results: dict[str, Added] = {d.id: a for d, a in zip(docs, self.store.add_documents(docs), strict=True)}
        fixed: list[InputReport] = []
        for r in reports:
            added = results.get(r.doc_id or "") if r.outcome is Outcome.OK else None
            if added is not None and added.status == "exact":
                r = replace(
                    r, outcome=Outcome.DUPLICATE, reason=f"already stored as {added.doc_id}", doc_id=added.doc_id
                )
            elif added is not None:
                notes = r.notes + ((f"near copy of {added.of} (~{added.score:.2f})",) if added.status == "near" else ())
                r = replace(r, doc_id=added.doc_id, notes=notes)
            fixed.append(r)
        self.tally.update(a.status for a in results.values())
        self.store.log_inputs(fixed)
        self.reports.extend(fixed)

    def raws(self, raws: Iterable[RawInput], side_reports: list[InputReport], chunk: int) -> None:
        for part in _chunks(raws, chunk):
            docs, reports = documents_from_raw(part, self.settings, progress=self.progress)
            reports = list(reports) + side_reports
            side_reports.clear()
            self.store_docs(docs, reports)
        if side_reports:
            self.store.log_inputs(side_reports)
            self.reports.extend(side_reports)
            side_reports.clear()


def ingest_sources(
    sources: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    fetch_delay: float = 1.0,
    chunk: int = 200,
    progress: Progress | None = None,
    mapper: Mapper | None = None,
) -> IngestSummary:
    """Read every source into the store; each input ends with an outcome, none stops the run."""
    run = _Run(store, settings, progress)
    finished = store.finished_origins()
    resumed = 0
    files: list[tuple[Path, Path | None]] = []  # (file, the manifest of the folder it was found in)
    with Fetcher(transport, delay=fetch_delay, max_bytes=settings.max_input_bytes) as fetcher:
        for source in map(str, sources):
            if source in finished:
                resumed += 1
                continue
            side: list[InputReport] = []
            if is_warc(Path(source)):
                run.raws(read_warc(Path(source), side, settings.max_input_bytes), side, chunk)
                run.store.log_inputs([InputReport(source, Outcome.OK, "archive read to its end")])
            elif is_feed(source):
                raws = read_feed(source, fetcher, side, skip_url=store.known_urls(), canonical=dedup.canonical_url)
                run.raws(raws, side, chunk)
            else:
                manifest = Path(source) / MANIFEST_NAME
                files.extend((f, manifest if manifest.is_file() else None) for f in walk([Path(source)]))
    todo = [(f, m) for f, m in files if str(f) not in finished]
    resumed += len(files) - len(todo)
    jobs: list[tuple[list[Path], Path | None, Settings]] = []
    for manifest, group in groupby(todo, key=lambda fm: fm[1]):  # files of one source folder are contiguous
        paths = [f for f, _ in group]
        jobs.extend((paths[i : i + chunk], manifest, settings) for i in range(0, len(paths), chunk))
    for (part, _, _), (docs, reports) in zip(jobs, (mapper or map)(read_file_chunk, jobs), strict=True):
        seen = {r.origin for r in reports}
        for r in reports:
            if progress is not None:
                progress(r.origin)
        run.store_docs(docs, list(reports))
        store.log_inputs([InputReport(str(p), Outcome.OK, "file read to its end") for p in part if str(p) not in seen])
    return IngestSummary(
        tuple(run.reports), run.tally["new"] + run.tally["near"], run.tally["near"], run.tally["exact"], resumed
    )
