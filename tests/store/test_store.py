from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprism.records import Document
from newsprism.store import Store
from newsprism.store.dedup import canonical_url

WIRE = (
    "An earthquake of magnitude 6.1 struck the coastal province early on Monday, damaging hundreds of homes "
    "and cutting power to several towns, the national seismology institute said. Rescue teams were searching "
    "collapsed buildings in the port city, where at least twelve people were reported dead. The governor "
    "declared a state of emergency and asked the army for help with shelters and water supplies. "
    "Aftershocks rattled the region through the afternoon, and schools in three districts were closed while "
    "engineers inspected their walls. The main highway along the coast was blocked by a landslide near the "
    "fishing village of the bay, forcing trucks with relief goods to take a mountain road that adds four hours. "
    "Hospitals in the provincial capital said they had treated more than two hundred injured people, most of "
    "them with cuts and broken bones, and appealed for blood donors. The prime minister, who cut short a visit "
    "abroad, is expected to tour the worst-hit neighbourhoods on Tuesday with the ministers of interior and health."
)


def doc(doc_id: str, body: str, url: str | None = None, title: str | None = None) -> Document:
    return Document(id=doc_id, text=body, body=((0, len(body)),), title=title, url=url, origin=f"{doc_id}.txt")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "news.db") as s:
        yield s


def test_migrations_apply_once(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as first:
        assert first.applied_migrations() == ["0001_documents", "0002_stories"]
    with Store(tmp_path / "a.db") as again:
        assert again.migrate() == []


def test_wal_mode_for_sqlite_files(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_reingest_is_idempotent_and_round_trips(store: Store) -> None:
    original = doc("quake", WIRE, "https://www.example.com/news/quake/?utm_source=rss", "Quake hits coast")
    assert [a.status for a in store.add_documents([original])] == ["new"]
    # the same text under another name, and the same URL with other tracking parameters
    same_url = doc("other", WIRE + " Updated.", "http://example.com/news/quake")
    again = store.add_documents([doc("quake-copy", WIRE), same_url])
    assert [(a.status, a.doc_id) for a in again] == [("exact", "quake"), ("exact", "quake")]
    assert store.document_ids() == ["quake"]
    assert store.documents(["quake"]) == [original]


def test_near_copies_are_linked_not_independent(store: Store) -> None:
    rewritten = "By Staff Reporter. " + WIRE.replace("early on Monday", "on Monday morning")
    unrelated = doc("vote", "Lawmakers approved the budget on Tuesday after a long night of debate. " * 5)
    added = store.add_documents([doc("wire", WIRE), doc("outlet-b", rewritten), unrelated])
    assert [a.status for a in added] == ["new", "near", "new"]
    assert added[1].of == "wire" and added[1].score >= 0.8
    assert store.duplicates() == {"outlet-b": ("wire", added[1].score)}
    store.save_assignments([("wire", "s1", 1.0), ("outlet-b", "s1", 1.0)], {"s1": "Quake"})
    (row,) = store.stories()
    assert row.documents == ("wire", "outlet-b") and row.independent == 1


def test_taken_id_gets_a_suffix(store: Store) -> None:
    store.add_documents([doc("a", WIRE)])
    other = "A completely different article about a football match and its goals. " * 4
    (added,) = store.add_documents([doc("a", other)])
    assert added.doc_id == "a-2"


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://WWW.Example.com/a/b/?utm_medium=x&id=3#top") == "example.com/a/b?id=3"
    assert canonical_url("not a url") is None


@pytest.mark.skipif(not os.environ.get("NEWSPRISM_TEST_PG_URL"), reason="set NEWSPRISM_TEST_PG_URL to test PostgreSQL")
def test_postgresql_store() -> None:
    import sqlalchemy as sa

    from newsprism.store.schema import metadata

    with Store(os.environ["NEWSPRISM_TEST_PG_URL"]) as pg:
        try:
            assert pg.add_documents([doc("pg", WIRE)])[0].status in {"new", "exact"}
            assert pg.add_documents([doc("pg2", WIRE)])[0].status == "exact"
            assert "0002_stories" in pg.applied_migrations()
        finally:
            with pg.engine.begin() as conn:
                metadata.drop_all(conn)
                conn.execute(sa.text("DROP TABLE IF EXISTS migrations"))
