"""synthesize stage: an aligned story -> framing, text reuse, timeline and a neutral, cited summary."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.records import Alignment, StoryAnalysis, Synthesis

__all__ = ["synthesize"]


def synthesize(analysis: StoryAnalysis, alignment: Alignment, settings: Settings | None = None) -> Synthesis:
    """What a reader of the dossier needs beyond the facts: who names things how, who copied whom,
    what happened when, and a summary every sentence of which cites its outlets."""
    from newsprism.synthesize.framing import find_framing, minority_terms
    from newsprism.synthesize.reuse import find_reuse
    from newsprism.synthesize.summary import build_summary
    from newsprism.synthesize.timeline import build_timeline

    settings = settings or Settings()
    framing = find_framing(analysis)
    reuse = find_reuse(analysis, alignment, settings)
    timeline = build_timeline(analysis)
    loaded = minority_terms(framing, len(analysis.documents))
    summary = build_summary(analysis, alignment, framing, timeline, loaded)
    return Synthesis(framing=tuple(framing), reuse=tuple(reuse), timeline=tuple(timeline), summary=tuple(summary))
