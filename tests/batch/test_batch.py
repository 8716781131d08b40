from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.batch import BatchOptions, analyze_stored_stories, run_batch
from newsprism.config import Settings
from newsprism.records import Document
from newsprism.store import Store

EVENTS = {
    "flood": "The Danube flooded the old town of Passau in Bavaria on Sunday; firefighters evacuated 300 residents.",
    "strike": "Dock workers at the port of Rotterdam walked out on Tuesday, halting container traffic there.",
}


def story_summary(documents: Sequence[Document], settings: Settings) -> dict[str, Any]:
    """A light stand-in for the dossier: which documents, and their word count."""
    return {"documents": sorted(d.id for d in documents), "words": sum(len(d.text.split()) for d in documents)}


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    for event, lead in EVENTS.items():
        for outlet in range(3):
            extra = " ".join(f"Outlet {outlet} adds detail {j} about the {event} and its effects." for j in range(12))
            (folder / f"{event}-{outlet}.txt").write_text(f"{lead} {extra}", encoding="utf-8")
    return folder


def test_batch_on_a_local_cluster_of_two_workers(tmp_path: Path) -> None:
    db = tmp_path / "batch.db"
    options = BatchOptions(workers=2, processes=True, chunk=2, out_dir=tmp_path / "out")
    settings = Settings()
    summary = run_batch([write_inputs(tmp_path / "in")], db, settings, options, story_fn=story_summary)
    assert summary.ingest.added == 6 and summary.clustered == 6 and not summary.failed
    with Store(db) as store:
        stories = {frozenset(s.documents) for s in store.stories()}
        assert stories == {frozenset(f"{e}-{i}" for i in range(3)) for e in EVENTS}
        for sid in summary.analysed:
            saved = store.dossier(sid)
            assert saved == json.loads((tmp_path / "out" / f"{sid}.json").read_text())
            assert len(saved["documents"]) == 3
    # a rerun finds everything stored and has nothing to cluster or analyse
    again = run_batch([tmp_path / "in"], db, settings, options, story_fn=story_summary)
    assert again.ingest.added == 0 and again.clustered == 0 and again.analysed == ()


def test_analyze_stored_stories_writes_one_dossier_per_story(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        body = EVENTS["flood"] * 3
        store.add_documents([Document(id="f1", text=body, body=((0, len(body)),))])
        store.save_assignments([("f1", "story-000001", 1.0)], {"story-000001": "Flood"})
    written = analyze_stored_stories(db, None, tmp_path / "out", Settings(), story_summary)
    assert [p.name for p in written] == ["story-000001.json"]
    assert json.loads(written[0].read_text())["documents"] == ["f1"]
