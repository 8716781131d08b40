"""The store: documents, their cluster features, stories and dossiers, in SQLite or PostgreSQL.

A plain path (or ``sqlite:///...``) opens a SQLite file in WAL mode; ``postgresql://...`` opens
PostgreSQL.  Migrations run once when the store opens.  Writes go through one writer per process
(a lock around every write transaction): SQLite allows one writer at a time, and a Dask batch sends
results back to the driver, which is the only process that writes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from newsprism.cluster.features import FEATURES_VERSION, DocFeatures
from newsprism.errors import StoreError
from newsprism.records import Document, InputReport, Outcome
from newsprism.store import dedup
from newsprism.store.schema import (
    MIGRATIONS,
    documents,
    dossiers,
    features,
    ingest_log,
    migrations_table,
    stories,
    story_documents,
)


@dataclass(frozen=True, slots=True)
class Added:
    """What storing one document did: ``new``, ``exact`` copy of ``of`` (not stored), or ``near`` copy."""

    doc_id: str
    status: str  # new | exact | near
    of: str | None = None
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str | None
    documents: tuple[str, ...]
    independent: int  # documents that are not near copies of another member


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a path or URL; a bare path means a SQLite file."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):  # psycopg 3, not SQLAlchemy's default psycopg2
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """Documents, stories and dossiers in one database; see the module docstring."""

    def __init__(self, target: str | Path) -> None:
        self.url = database_url(target)
        try:
            self.engine = sa.create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self._write_lock = threading.Lock()
            self.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the store at {self._safe_url()}: {exc}",
                hint="check the path or the database URL and that the server is running",
            ) from exc
        except ImportError as exc:
            raise StoreError(
                f"no database driver for {self._safe_url()}: {exc.name} is not installed",
                hint="PostgreSQL needs `pip install psycopg[binary]`",
            ) from exc
        self._near: dedup.NearDuplicateIndex | None = None

    def _safe_url(self) -> str:
        return sa.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ migrations
    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; returns their names."""
        with self._write_lock, self.engine.begin() as conn:
            migrations_table.create(conn, checkfirst=True)
            done = set(conn.scalars(sa.select(migrations_table.c.name)))
            applied = []
            for name, step in MIGRATIONS:
                if name not in done:
                    step(conn)
                    conn.execute(migrations_table.insert().values(name=name, applied_at=_now()))
                    applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(sa.select(migrations_table.c.name).order_by(migrations_table.c.name)))

    # ------------------------------------------------------------- documents
    def _near_index(self, conn: sa.Connection) -> dedup.NearDuplicateIndex:
        if self._near is None:
            index = dedup.NearDuplicateIndex()
            rows = conn.execute(sa.select(documents.c.id, documents.c.minhash).where(documents.c.minhash.is_not(None)))
            for doc_id, data in rows:
                index.add(doc_id, dedup.minhash_from_bytes(data))
            self._near = index
        return self._near

    def add_documents(self, docs: Sequence[Document]) -> list[Added]:
        """Store documents in one transaction: exact copies are not stored again, near copies are linked."""
        out: list[Added] = []
        with self._write_lock:
            try:
                with self.engine.begin() as conn:
                    index = self._near_index(conn)
                    for doc in docs:
                        added, m = self._add_one(conn, doc, index)
                        out.append(added)
                        if m is not None:  # indexed at once: copies within one batch find each other
                            index.add(added.doc_id, m)
            except BaseException:
                self._near = None  # rebuilt from the database, so a rollback leaves no ghost entries
                raise
        return out

    def _add_one(self, conn: sa.Connection, doc: Document, index: dedup.NearDuplicateIndex) -> tuple[Added, Any]:
        digest = dedup.content_hash(doc)
        curl = dedup.canonical_url(doc.url)
        same = conn.execute(sa.select(documents.c.id).where(documents.c.content_hash == digest)).scalar()
        if same is None and curl is not None:
            same = conn.execute(sa.select(documents.c.id).where(documents.c.canonical_url == curl)).scalar()
        if same is not None:
            return Added(same, "exact", same), None
        doc_id = self._free_id(conn, doc.id)
        m = dedup.minhash(doc)
        near = index.match(m)
        conn.execute(
            documents.insert().values(
                id=doc_id,
                content_hash=digest,
                canonical_url=curl,
                title=doc.title,
                outlet=doc.outlet,
                published=doc.published,
                url=doc.url,
                origin=doc.origin,
                byline=doc.byline,
                dateline=doc.dateline,
                text=doc.text,
                body=[list(r) for r in doc.body],
                headings=[list(r) for r in doc.headings],
                metadata_sources=[list(r) for r in doc.metadata_sources],
                minhash=dedup.minhash_bytes(m),
                duplicate_of=near[0] if near else None,
                duplicate_score=near[1] if near else None,
                ingested_at=_now(),
            )
        )
        if near is not None:
            return Added(doc_id, "near", near[0], near[1]), m
        return Added(doc_id, "new"), m

    @staticmethod
    def _free_id(conn: sa.Connection, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``-3`` ... when another article already has that id."""
        taken = set(conn.scalars(sa.select(documents.c.id).where(documents.c.id.like(f"{wanted}%"))))
        if wanted not in taken:
            return wanted
        n = 2
        while f"{wanted}-{n}" in taken:
            n += 1
        return f"{wanted}-{n}"

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(sa.select(documents.c.id).order_by(documents.c.ingested_at, documents.c.id)))

    def known_urls(self) -> set[str]:
        with self.engine.connect() as conn:
            rows = conn.scalars(sa.select(documents.c.canonical_url).where(documents.c.canonical_url.is_not(None)))
            return set(rows)

    def duplicates(self) -> dict[str, tuple[str, float]]:
        """Near copy id -> (original id, estimated Jaccard)."""
        q = sa.select(documents.c.id, documents.c.duplicate_of, documents.c.duplicate_score).where(
            documents.c.duplicate_of.is_not(None)
        )
        with self.engine.connect() as conn:
            return {r.id: (r.duplicate_of, r.duplicate_score) for r in conn.execute(q)}

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        """Stored documents (all, or these ids in this order)."""
        q = sa.select(documents)
        wanted = list(ids) if ids is not None else None
        rows: list[Any] = []
        with self.engine.connect() as conn:
            if wanted is None:
                rows = list(conn.execute(q.order_by(documents.c.ingested_at, documents.c.id)))
            else:
                for i in range(0, len(wanted), 500):
                    rows.extend(conn.execute(q.where(documents.c.id.in_(wanted[i : i + 500]))))
        docs = {r.id: _document(r) for r in rows}
        return [docs[i] for i in wanted if i in docs] if wanted is not None else list(docs.values())

    # ------------------------------------------------------------- ingest log
    def log_inputs(self, reports: Sequence[InputReport]) -> None:
        if not reports:
            return
        with self._write_lock, self.engine.begin() as conn:
            origins = [r.origin for r in reports]
            conn.execute(ingest_log.delete().where(ingest_log.c.origin.in_(origins)))
            last = {r.origin: r for r in reports}
            conn.execute(
                ingest_log.insert(),
                [
                    {
                        "origin": r.origin,
                        "outcome": r.outcome.value,
                        "reason": r.reason,
                        "doc_id": r.doc_id,
                        "at": _now(),
                    }
                    for r in last.values()
                ],
            )

    def finished_origins(self) -> set[str]:
        """Inputs a previous run read to an end (ok, duplicate, skipped): not read again on resume."""
        done = (Outcome.OK.value, Outcome.DUPLICATE.value, Outcome.SKIPPED.value)
        with self.engine.connect() as conn:
            return set(conn.scalars(sa.select(ingest_log.c.origin).where(ingest_log.c.outcome.in_(done))))

    # ------------------------------------------------------------- features
    def save_features(self, feats: Sequence[DocFeatures]) -> None:
        if not feats:
            return
        with self._write_lock, self.engine.begin() as conn:
            conn.execute(features.delete().where(features.c.doc_id.in_([f.doc_id for f in feats])))
            conn.execute(
                features.insert(),
                [
                    {
                        "doc_id": f.doc_id,
                        "version": FEATURES_VERSION,
                        "vector": np.asarray(f.vector, np.float32).tobytes(),
                        "entities": list(f.entities),
                    }
                    for f in feats
                ],
            )

    def load_features(self, ids: Iterable[str] | None = None) -> dict[str, DocFeatures]:
        """Stored features of the current version, by document id."""
        q = (
            sa.select(
                features.c.doc_id, features.c.vector, features.c.entities, documents.c.published, documents.c.title
            )
            .join(documents, documents.c.id == features.c.doc_id)
            .where(features.c.version == FEATURES_VERSION)
        )
        wanted = set(ids) if ids is not None else None
        with self.engine.connect() as conn:
            return {
                r.doc_id: DocFeatures(
                    r.doc_id, np.frombuffer(r.vector, dtype=np.float32).copy(), tuple(r.entities), r.published, r.title
                )
                for r in conn.execute(q)
                if wanted is None or r.doc_id in wanted
            }

    # ------------------------------------------------------------- stories
    def assignments(self) -> dict[str, str]:
        """Document id -> story id, for every clustered document."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(story_documents.c.doc_id, story_documents.c.story_id))
            return {r.doc_id: r.story_id for r in rows}

    def save_assignments(
        self, pairs: Sequence[tuple[str, str, float]], titles: dict[str, str | None], dropped: Sequence[str] = ()
    ) -> None:
        """Record (doc id, story id, score) triples; new stories are created, titles refreshed.

        ``dropped`` stories (every member moved elsewhere) are deleted with their dossiers, in the same
        transaction.
        """
        if not pairs:
            return
        now = _now()
        with self._write_lock, self.engine.begin() as conn:
            existing = set(conn.scalars(sa.select(stories.c.id).where(stories.c.id.in_(list(titles)))))
            for sid, title in titles.items():
                if sid in existing:
                    conn.execute(stories.update().where(stories.c.id == sid).values(title=title, updated_at=now))
                else:
                    conn.execute(stories.insert().values(id=sid, title=title, created_at=now, updated_at=now))
            conn.execute(story_documents.delete().where(story_documents.c.doc_id.in_([p[0] for p in pairs])))
            conn.execute(story_documents.insert(), [{"doc_id": d, "story_id": s, "score": sc} for d, s, sc in pairs])
            if dropped:
                left = set(
                    conn.scalars(
                        sa.select(story_documents.c.story_id).where(story_documents.c.story_id.in_(list(dropped)))
                    )
                )
                if left:
                    raise StoreError(f"stories {', '.join(sorted(left))} still have documents; not dropped")
                conn.execute(dossiers.delete().where(dossiers.c.story_id.in_(list(dropped))))
                conn.execute(stories.delete().where(stories.c.id.in_(list(dropped))))

    def story_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(sa.select(stories.c.id).order_by(stories.c.id)))

    def stories(self) -> list[StoryRow]:
        """Every story with its documents (ingest order), biggest first."""
        q = (
            sa.select(stories.c.id, stories.c.title, story_documents.c.doc_id, documents.c.duplicate_of)
            .join(story_documents, story_documents.c.story_id == stories.c.id)
            .join(documents, documents.c.id == story_documents.c.doc_id)
            .order_by(stories.c.id, documents.c.ingested_at, documents.c.id)
        )
        grouped: dict[str, tuple[str | None, list[str], set[str]]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                _, members, copies = grouped.setdefault(r.id, (r.title, [], set()))
                members.append(r.doc_id)
                if r.duplicate_of is not None:
                    copies.add(r.doc_id)
        rows = [
            StoryRow(sid, title, tuple(members), sum(1 for m in members if m not in copies))
            for sid, (title, members, copies) in grouped.items()
        ]
        return sorted(rows, key=lambda s: (-len(s.documents), s.id))

    def next_story_number(self) -> int:
        return len(self.story_ids()) + 1

    # ------------------------------------------------------------- dossiers
    def save_dossier(self, story_id: str, data: dict[str, Any], n_documents: int) -> None:
        with self._write_lock, self.engine.begin() as conn:
            conn.execute(dossiers.delete().where(dossiers.c.story_id == story_id))
            conn.execute(
                dossiers.insert().values(story_id=story_id, data=data, n_documents=n_documents, created_at=_now())
            )

    def dossier(self, story_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(dossiers.c.data).where(dossiers.c.story_id == story_id)).scalar()


def _document(r: Any) -> Document:
    return Document(
        id=r.id,
        text=r.text,
        body=tuple(tuple(x) for x in r.body),
        headings=tuple(tuple(x) for x in r.headings),
        title=r.title,
        outlet=r.outlet,
        published=r.published,
        byline=r.byline,
        dateline=r.dateline,
        url=r.url,
        origin=r.origin,
        metadata_sources=tuple(tuple(x) for x in r.metadata_sources),
    )
