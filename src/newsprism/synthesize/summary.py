"""Neutral summary: 5-10 sentences on the most corroborated facts, each citing its facts, outlets and spans.

Sentences are extractive -- an outlet's own sentence for a fact -- so nothing is stated that no outlet
states.  A wording is passed over when it uses a label only a minority of outlets use in their own
voice, when it states one side of a disputed date or value, or when it leans on a pronoun from the
sentence before.  Each contradiction (and each date the timeline shows disputed) gets its own sentence
naming both sides and who says what.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from statistics import mean

from rapidfuzz import fuzz

from newsprism.records import (
    Alignment,
    AnalyzedDocument,
    Contradiction,
    Fact,
    FramingChoice,
    Span,
    StoryAnalysis,
    SummarySentence,
    TimelineEntry,
)
from newsprism.synthesize.outlets import label_names
from newsprism.synthesize.text import clean, inside, quoted_regions, sentence_of

MAX_SENTENCES = 10
MIN_SENTENCES = 5
MAX_DISPUTES = 3
IDEAL_LENGTH = 170  # characters: a full sentence, not a paragraph
DUPLICATE_SIMILARITY = 80.0  # rapidfuzz token_set_ratio at which two chosen sentences say the same
FUTURE = re.compile(
    r"\b(will|shall|is (?:set|expected|due|scheduled) to|are (?:set|expected|due|scheduled) to|"
    r"plans? to|next (?:week|month|year))\b",
    re.I,
)
SAID, HAPPENED, NEXT = 1, 0, 2  # story order: what happened, what was said, what comes next
DANGLING = re.compile(r"^(he|she|they|it|this|that|these|those|his|her|their|its|but|and|also|however)\b", re.I)


def outlet_name(adoc: AnalyzedDocument) -> str:
    """A readable label for one outlet (see ``outlets``); prefer ``label_names`` for a whole story."""
    return label_names([adoc.document])[adoc.document.id]


def _names(docs: Sequence[str], names: dict[str, str]) -> str:
    named = [names.get(d, d) for d in docs]
    if len(named) <= 2:
        return " and ".join(named)
    return ", ".join(named[:-1]) + " and " + named[-1]


def readable_value(value: str) -> str:
    """'2025-03-06' -> 'Thursday 6 March 2025' (weekday named: how outlets date things); others unchanged."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return value
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def _short(text: str, limit: int = 110) -> str | None:
    text = clean(text)
    return text if 0 < len(text) <= limit else None


def contradiction_sentence(c: Contradiction, names: dict[str, str], texts: dict[str, str]) -> SummarySentence:
    """'Outlets disagree on X: A gives V1 ("..."); B gives V2 ("...").' -- both sides, each with its outlets."""
    parts = []
    docs: list[str] = []
    support: list[Span] = []
    for side in c.sides:
        side_docs = sorted({s.doc for s in side.support})
        docs += [d for d in side_docs if d not in docs]
        support += side.support
        evidence = next((q for s in side.support if (q := _short(texts[s.doc][s.start : s.end]))), None)
        verb = "gives" if len(side_docs) == 1 else "give"
        said = f" (“{evidence}”)" if evidence else ""
        parts.append(f"{_names(side_docs, names)} {verb} {readable_value(side.value)}{said}")
    text = f"Outlets disagree on {clean(c.about)}: " + "; ".join(parts) + "."
    return SummarySentence(text=text, facts=(c.fact,) if c.fact else (), sources=tuple(docs), support=tuple(support))


def timeline_dispute_sentence(entry: TimelineEntry, names: dict[str, str]) -> SummarySentence:
    """A date the timeline shows disputed: both dates, each with the outlets that give it."""
    mine = sorted({s.doc for s in entry.support})
    rivals: dict[str, list[str]] = {}
    for doc, date in entry.disputed:
        rivals.setdefault(date, []).append(doc)
    parts = [f"{_names(mine, names)} {'dates' if len(mine) == 1 else 'date'} it {readable_value(entry.date)}"]
    parts += [
        f"{_names(d, names)} {'gives' if len(d) == 1 else 'give'} {readable_value(date)}" for date, d in rivals.items()
    ]
    text = f"Outlets give different dates for the {entry.event or 'happening'}: " + "; ".join(parts) + "."
    docs = tuple(mine + [d for ds in rivals.values() for d in ds])
    return SummarySentence(text=text, facts=(), sources=docs, support=entry.support)


class _Wordings:
    """Picks an outlet's own sentence for a fact, passing over wordings a neutral summary cannot use."""

    def __init__(self, analysis: StoryAnalysis, loaded: set[str], disputed: Sequence[Span]) -> None:
        self.docs = {a.document.id: a for a in analysis.documents}
        self.regions = {d: quoted_regions(a) for d, a in self.docs.items()}
        self.loaded = [t.lower() for t in loaded]
        self.disputed = list(disputed)

    def _usable(self, sent: Span) -> bool:
        text = self.docs[sent.doc].document.text[sent.start : sent.end]
        if any(sent.overlaps(d) for d in self.disputed) or DANGLING.match(text.lstrip('“"‘ ')):
            return False
        low = text.lower()
        for term in self.loaded:
            for m in re.finditer(re.escape(term), low):
                if not inside(self.regions[sent.doc], sent.start + m.start(), sent.start + m.end()):
                    return False  # one side's label in the outlet's own voice
        return True

    def choose(self, fact: Fact) -> Span | None:
        options = []
        for sp in fact.support:
            adoc = self.docs.get(sp.doc)
            if adoc is None:
                continue
            sent = sentence_of(adoc, sp)
            if self._usable(sent):
                options.append(sent)
        if not options:
            return None
        return min(options, key=lambda s: (abs(len(s) - IDEAL_LENGTH), s.doc, s.start))

    def text(self, span: Span) -> str:
        return clean(self.docs[span.doc].document.text[span.start : span.end])

    def stage(self, sent: Span, fact: Fact) -> int:
        """Where a sentence belongs in the story: a happening, someone's words, or what comes next."""
        adoc = self.docs[sent.doc]
        text = adoc.document.text
        regions = self.regions[sent.doc]
        chars = enumerate(text[sent.start : sent.end], sent.start)
        own = "".join(ch for i, ch in chars if not inside(regions, i, i + 1))
        ref = adoc.reference_date or adoc.document.published
        future = any(
            t.start is not None and ref is not None and t.start > ref and sent.start <= t.span.start < sent.end
            for t in adoc.times
        )
        if future or FUTURE.search(own):
            return NEXT
        quoted = len(text[sent.start : sent.end]) - len(own)
        reports = any(
            c.kind in {"attribution", "provenance"} and sent.start <= c.span.start < sent.end for c in adoc.clauses
        )
        if fact.sources or reports or quoted > 0.3 * max(1, len(sent)):
            return SAID
        return HAPPENED

    def position(self, fact: Fact) -> float:
        """Mean relative position of the fact in the outlets carrying it: news puts the lead first."""
        rel = []
        for sp in fact.support:
            doc = self.docs[sp.doc].document
            rel.append(sp.start / max(1, len(doc.text)))
        return mean(rel) if rel else 1.0


def _disputed_spans(alignment: Alignment, timeline: Sequence[TimelineEntry]) -> list[Span]:
    spans = [s for c in alignment.contradictions if not c.update for side in c.sides for s in side.support]
    spans += [s for e in timeline if e.disputed for s in e.support]
    dates = {(e.event, d) for e in timeline for _doc, d in e.disputed}
    spans += [s for e in timeline if (e.event, e.date) in dates for s in e.support]
    return spans


def build_summary(
    analysis: StoryAnalysis,
    alignment: Alignment,
    framing: Sequence[FramingChoice],
    timeline: Sequence[TimelineEntry],
    loaded: set[str],
) -> list[SummarySentence]:
    """The neutral summary told as a story -- what happened (the most widely carried first), what was said,
    what comes next -- then the disputes with both sides, each outlet named readably."""
    names = label_names([a.document for a in analysis.documents])
    texts = {a.document.id: a.document.text for a in analysis.documents}
    contradictions = sorted((c for c in alignment.contradictions if not c.update), key=lambda c: -c.confidence)
    disputes = [contradiction_sentence(c, names, texts) for c in contradictions[:MAX_DISPUTES]]
    for entry in sorted((e for e in timeline if e.disputed), key=lambda e: -len(e.support)):
        rivals = {d for _doc, d in entry.disputed}
        spans = [s for e in timeline if e.event == entry.event and (e is entry or e.date in rivals) for s in e.support]
        told = any(sp.overlaps(s) for d in disputes for s in d.support for sp in spans)
        if not told and len(disputes) < MAX_DISPUTES:
            disputes.append(replace(timeline_dispute_sentence(entry, names), support=tuple(spans)))
    disputed_facts = {c.fact for c in alignment.contradictions if c.fact and not c.update}
    wordings = _Wordings(analysis, loaded, _disputed_spans(alignment, timeline))
    facts = sorted(
        (f for f in alignment.facts if f.id not in disputed_facts),
        key=lambda f: (-len(set(f.outlets)), -f.score, wordings.position(f)),
    )
    room = MAX_SENTENCES - len(disputes)
    chosen: list[tuple[tuple[int, int, float], SummarySentence]] = []
    used: list[Span] = []
    for fact in facts:
        if len(chosen) >= room or (len(set(fact.outlets)) < 2 and len(chosen) >= MIN_SENTENCES - len(disputes)):
            break
        sent = wordings.choose(fact)
        if sent is None or any(sent.overlaps(u) for u in used):
            continue
        text = wordings.text(sent)
        if any(fuzz.token_set_ratio(text, c.text) >= DUPLICATE_SIMILARITY for _p, c in chosen):
            continue
        used.append(sent)
        support = (sent, *(s for s in fact.support if not s.overlaps(sent)))
        sources = tuple(dict.fromkeys(fact.outlets or tuple(s.doc for s in fact.support)))
        stage = wordings.stage(sent, fact)
        # the main happening leads (most outlets first); words and next steps follow in reading order
        key = (stage, -len(sources) if stage == HAPPENED else 0, wordings.position(fact))
        chosen.append((key, SummarySentence(text, (fact.id,), sources, support)))
    ordered = [s for _k, s in sorted(chosen, key=lambda x: x[0])]
    return ordered + disputes
