"""Per-story analysis of stored stories: the dossier of each story, saved in the store and as JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.errors import StoreError
from newsprism.records import Document, InputReport, Outcome

StoryFn = Callable[[Sequence[Document], Settings], dict[str, Any]]


def analyze_story(documents: Sequence[Document], settings: Settings) -> dict[str, Any]:
    """The dossier of one story's documents, as its JSON dict (pipeline.build_dossier + report.json)."""
    from newsprism.pipeline import build_dossier
    from newsprism.report.json import dossier_to_dict

    inputs = [InputReport(d.origin or d.id, Outcome.OK, None, d.id) for d in documents]
    return dossier_to_dict(build_dossier(documents, inputs, settings))


def dossier_path(out_dir: Path, story_id: str) -> Path:
    return out_dir / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', story_id)}.json"


def write_dossier(out_dir: Path, story_id: str, data: dict[str, Any]) -> Path:
    path = dossier_path(out_dir, story_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def analyze_stored_stories(
    db_url: str | Path,
    story_ids: Sequence[str] | None,
    out_dir: Path,
    settings: Settings,
    story_fn: StoryFn = analyze_story,
) -> list[Path]:
    """Analyse the named stored stories (or all), one after the other in this process.

    Each dossier is saved in the store and written to ``out_dir/<story id>.json``.
    """
    from newsprism.store.store import Store

    with Store(db_url) as store:
        stories = {s.id: s for s in store.stories()}
        wanted = list(story_ids) if story_ids else list(stories)
        unknown = [s for s in wanted if s not in stories]
        if unknown:
            raise StoreError(
                f"no story {', '.join(unknown)} in the store", hint="list them with `newsprism stories --db ...`"
            )
        written = []
        for sid in wanted:
            docs = store.documents(stories[sid].documents)
            data = story_fn(docs, settings)
            store.save_dossier(sid, data, len(docs))
            written.append(write_dossier(out_dir, sid, data))
    return written
