"""store stage: documents, stories and dossiers in SQLite (default) or PostgreSQL (by URL)."""

from newsprism.store.store import Added, Store, StoryRow, database_url

__all__ = ["Added", "Store", "StoryRow", "database_url"]
