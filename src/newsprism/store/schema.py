"""Tables of the store, and the named migrations that create them (each applied once, in order).

SQLAlchemy Core only, no dialect-specific SQL: the same migrations run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

metadata = sa.MetaData()

migrations_table = sa.Table(
    "migrations",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(300), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("canonical_url", sa.String(2000), nullable=True, index=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("outlet", sa.String(300), nullable=True),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("origin", sa.Text, nullable=True),
    sa.Column("byline", sa.Text, nullable=True),
    sa.Column("dateline", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("body", sa.JSON, nullable=False),  # [[start, end], ...]
    sa.Column("headings", sa.JSON, nullable=False),
    sa.Column("metadata_sources", sa.JSON, nullable=False),
    sa.Column("minhash", sa.LargeBinary, nullable=True),  # uint64 signature for near-duplicate lookup
    sa.Column("duplicate_of", sa.String(300), sa.ForeignKey("documents.id"), nullable=True, index=True),
    sa.Column("duplicate_score", sa.Float, nullable=True),  # estimated Jaccard with the original
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

features = sa.Table(
    "features",
    metadata,
    sa.Column("doc_id", sa.String(300), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("version", sa.String(100), nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),  # float32, unit length
    sa.Column("entities", sa.JSON, nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

story_documents = sa.Table(
    "story_documents",
    metadata,
    sa.Column("doc_id", sa.String(300), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("story_id", sa.String(100), sa.ForeignKey("stories.id"), nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
)

dossiers = sa.Table(
    "dossiers",
    metadata,
    sa.Column("story_id", sa.String(100), sa.ForeignKey("stories.id"), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

ingest_log = sa.Table(
    "ingest_log",
    metadata,
    sa.Column("origin", sa.String(2000), primary_key=True),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("doc_id", sa.String(300), nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)


def _create(*tables: sa.Table) -> Callable[[sa.Connection], None]:
    def run(conn: sa.Connection) -> None:
        for table in tables:
            table.create(conn)

    return run


# (name, step): append new steps; never edit or reorder an applied one.
MIGRATIONS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    ("0001_documents", _create(documents, ingest_log)),
    ("0002_stories", _create(features, stories, story_documents, dossiers)),
]
