"""The whole per-story pipeline: Documents -> analysis -> alignment -> synthesis -> Dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from newsprism import __version__
from newsprism.config import Settings
from newsprism.records import Document, Dossier, InputReport

Progress = Callable[[str], None]


def build_dossier(
    documents: Sequence[Document],
    inputs: Sequence[InputReport],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Dossier:
    """Analyse one story's documents and put the outlets side by side."""
    from newsprism.align import align_story
    from newsprism.analyze.pipeline import analyze_documents
    from newsprism.synthesize import synthesize

    settings = settings or Settings()
    step = progress or (lambda _msg: None)
    step("analysing language")
    analysis = analyze_documents(documents, settings)
    step("aligning facts across outlets")
    alignment = align_story(analysis, settings)
    step("writing the dossier")
    parts = synthesize(analysis, alignment, settings)
    return Dossier(
        documents=tuple(documents),
        inputs=tuple(inputs),
        analysis=analysis,
        alignment=alignment,
        framing=parts.framing,
        reuse=parts.reuse,
        timeline=parts.timeline,
        summary=parts.summary,
        created=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        version=__version__,
    )
