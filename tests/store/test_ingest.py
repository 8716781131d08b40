from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsprism.store.ingest as ingest_mod
from newsprism.config import Settings
from newsprism.records import Outcome
from newsprism.store import Store
from newsprism.store.ingest import ingest_sources

STORIES = {
    f"a{i}": f"Article number {i} reports on topic {i}. "
    + " ".join(f"Sentence {j} about matter {i * 7 + j}." for j in range(30))
    for i in range(6)
}


def write_jsonl(path: Path) -> Path:
    path.write_text("\n".join(json.dumps({"id": k, "title": f"Title {k}", "text": v}) for k, v in STORIES.items()))
    return path


def write_folder(folder: Path) -> Path:
    folder.mkdir()
    for k, v in STORIES.items():
        (folder / f"{k}.txt").write_text(v, encoding="utf-8")
    return folder


def test_jsonl_ids_are_document_ids_and_reingest_stores_nothing(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "feed.jsonl")
    with Store(tmp_path / "db.sqlite") as store:
        first = ingest_sources([source], store, Settings())
        assert first.added == 6 and set(store.document_ids()) == set(STORIES)
        second = ingest_sources([source], store, Settings())
        assert second.added == 0 and second.resumed == 1
        assert len(store.document_ids()) == 6


def test_same_articles_from_another_file_are_duplicates(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        ingest_sources([write_jsonl(tmp_path / "a.jsonl")], store, Settings())
        again = ingest_sources([write_folder(tmp_path / "copy")], store, Settings())
        assert again.added == 0 and again.already_stored == 6
        assert {r.outcome for r in again.reports} == {Outcome.DUPLICATE}
        assert len(store.document_ids()) == 6


def test_interrupted_ingest_resumes_without_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "in")
    real = ingest_mod.read_file_chunk
    calls = {"n": 0}

    def crash_on_third_chunk(job):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(ingest_mod, "read_file_chunk", crash_on_third_chunk)
    with Store(tmp_path / "db.sqlite") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_sources([folder], store, Settings(), chunk=2)
        assert len(store.document_ids()) == 4
        monkeypatch.setattr(ingest_mod, "read_file_chunk", real)
        resumed = ingest_sources([folder], store, Settings(), chunk=2)
        assert resumed.resumed == 4 and resumed.added == 2
        assert sorted(store.document_ids()) == sorted(STORIES)
