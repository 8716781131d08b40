"""Ingest: files, HTML, JSONL, feeds, WARC -> cleaned Documents, with an outcome for every input."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newsprism.config import Settings
from newsprism.errors import InputError
from newsprism.ingest.files import ReadState, read_raw
from newsprism.ingest.text import document_from_text
from newsprism.records import Document, InputReport, Outcome, RawInput

__all__ = ["documents_from_raw", "read_inputs"]

Progress = Callable[[str], None]


def documents_from_raw(
    raws: Iterable[RawInput], settings: Settings, state: ReadState | None = None, progress: Progress | None = None
) -> tuple[list[Document], list[InputReport]]:
    """Clean every RawInput into a Document; duplicates (same content) are read once and reported."""
    from newsprism.ingest.html import document_from_html

    state = state or ReadState(settings)
    docs: list[Document] = []
    for raw in raws:
        if progress is not None:
            progress(raw.origin)
        content = raw.text if raw.text is not None else raw.html or ""
        if (first := state.first_copy(content)) is not None:
            state.reports.append(InputReport(raw.origin, Outcome.DUPLICATE, f"same content as {first}", first))
            continue
        doc_id = state.new_id(raw.id)
        if doc_id != raw.id:
            raw = RawInput(doc_id, raw.origin, raw.text, raw.html, raw.meta, raw.encoding_note)
        try:
            doc = document_from_text(raw) if raw.text is not None else document_from_html(raw, settings)
        except InputError as exc:
            state.ids.discard(doc_id)
            state.reports.append(InputReport(raw.origin, Outcome.SKIPPED if exc.skip else Outcome.FAILED, str(exc)))
            continue
        if not doc.body:
            state.ids.discard(doc_id)
            state.reports.append(
                InputReport(
                    raw.origin,
                    Outcome.FAILED,
                    "no article prose found in the text",
                    notes=("a line of prose is long or ends a sentence; is this an article?",),
                )
            )
            continue
        state.remember(content, doc_id)
        notes = (raw.encoding_note,) if raw.encoding_note else ()
        state.reports.append(InputReport(raw.origin, Outcome.OK, None, doc_id, notes))
        docs.append(doc)
    return docs, state.reports


def read_inputs(
    paths: Sequence[Path], settings: Settings, manifest: Path | None = None, progress: Progress | None = None
) -> tuple[list[Document], list[InputReport]]:
    """Read files and folders (recursively) into cleaned Documents, and what became of every input."""
    state = ReadState(settings)
    return documents_from_raw(read_raw(paths, settings, manifest, state), settings, state, progress)
