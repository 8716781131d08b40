"""`newsprism batch` on Dask: ingest -> cluster -> per-story analysis.

Workers do the heavy, independent work (reading and cleaning chunks of files, NER + embeddings for
chunks of documents, one story's dossier); the driver does what must happen in one place, in order:
every write to the store (one writer), the incremental story assignment, fetching feeds politely.
Models load once per worker process (``analyze.resources`` caches them per process).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from newsprism.batch.analysis import StoryFn, analyze_story, write_dossier
from newsprism.cluster.stories import cluster_pending
from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.records import Document
from newsprism.store.ingest import IngestSummary, ingest_sources
from newsprism.store.store import Store

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run: a scheduler address, or a LocalCluster of ``workers`` processes (threads if not ``processes``)."""

    scheduler: str | None = None
    workers: int = 2
    threads_per_worker: int = 1
    processes: bool = True
    chunk: int = 128  # files or documents per task
    min_documents: int = 2  # stories with fewer articles have no outlets to compare: not analysed
    analyze: bool = True
    out_dir: Path | None = None
    fetch_delay: float = 1.0


@dataclass(frozen=True, slots=True)
class BatchSummary:
    ingest: IngestSummary
    clustered: int
    stories: int
    analysed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (story id, error)
    written: tuple[Path, ...]
    seconds: dict[str, float] = field(default_factory=dict)


@contextmanager
def dask_client(options: BatchOptions) -> Iterator[Any]:
    """A distributed Client: to ``options.scheduler`` if given, else on a fresh LocalCluster."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    # each worker process runs its models on as many threads as it has Dask threads: torch would
    # otherwise start one thread per core in every worker, and the workers would fight over the cores
    threads = str(options.threads_per_worker)
    extra = {"env": {"OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}} if options.processes else {}
    with (
        LocalCluster(
            n_workers=options.workers,
            threads_per_worker=options.threads_per_worker,
            processes=options.processes,
            dashboard_address=None,
            **extra,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dask_mapper(client: Any) -> Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]:
    """A ``map`` that runs each item as a Dask task and yields results in order."""

    def run(fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        futures = client.map(fn, list(items), pure=False)
        for fut in futures:
            yield fut.result()
            fut.release()

    return run


def _story_task(job: tuple[str, list[Document], Settings, StoryFn]) -> tuple[str, dict[str, Any] | None, str | None]:
    """One story's dossier on a worker; a story that fails is reported, the batch goes on."""
    sid, docs, settings, story_fn = job
    try:
        return sid, story_fn(docs, settings), None
    except NewsprismError as exc:
        return sid, None, str(exc)


def run_batch(
    sources: Sequence[str | Path],
    db: str | Path,
    settings: Settings,
    options: BatchOptions | None = None,
    *,
    story_fn: StoryFn = analyze_story,
    transport: httpx.BaseTransport | None = None,
    client: Any = None,
) -> BatchSummary:
    """Ingest ``sources`` into the store at ``db``, cluster new articles, analyse the stories they touched."""
    options = options or BatchOptions()
    seconds: dict[str, float] = {}
    with Store(db) as store, _given(client) if client is not None else dask_client(options) as dask:
        mapper = dask_mapper(dask)
        t0 = time.perf_counter()
        ingested = ingest_sources(
            sources,
            store,
            settings,
            transport=transport,
            fetch_delay=options.fetch_delay,
            chunk=options.chunk,
            mapper=mapper,
        )
        seconds["ingest"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        assignments = cluster_pending(store, settings, chunk=options.chunk, mapper=mapper)
        seconds["cluster"] = time.perf_counter() - t0
        touched = {a.story_id for a in assignments}
        stories = [s for s in store.stories() if s.id in touched and len(s.documents) >= options.min_documents]
        analysed: list[str] = []
        failed: list[tuple[str, str]] = []
        written: list[Path] = []
        t0 = time.perf_counter()
        if options.analyze and stories:
            jobs = [(s.id, store.documents(s.documents), settings, story_fn) for s in stories]
            sizes = {s.id: len(s.documents) for s in stories}
            for sid, data, error in mapper(_story_task, jobs):
                if data is None:
                    failed.append((sid, error or "failed"))
                    continue
                store.save_dossier(sid, data, sizes[sid])
                analysed.append(sid)
                if options.out_dir is not None:
                    written.append(write_dossier(options.out_dir, sid, data))
        seconds["analyze"] = time.perf_counter() - t0
        return BatchSummary(
            ingested, len(assignments), len(store.story_ids()), tuple(analysed), tuple(failed), tuple(written), seconds
        )


@contextmanager
def _given(client: Any) -> Iterator[Any]:
    yield client
