"""Documents of one story -> StoryAnalysis: sentences, mentions, entities, quotes, times, quantities, clauses.

spaCy parses a *masked* copy of each text: every character outside the body
is replaced by a space (newlines kept), so the parse's character offsets are
the document's own and headings or page furniture never become sentences.
Names the prose uses are looked up again in the title and headings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.analyze import agents as agents_mod
from newsprism.analyze import clauses as clause_mod
from newsprism.analyze import entities as entity_mod
from newsprism.analyze import mentions as mention_mod
from newsprism.analyze import quantities as quantity_mod
from newsprism.analyze import quotes as quote_mod
from newsprism.analyze import timex as timex_mod
from newsprism.analyze.resources import load_spacy
from newsprism.config import Settings
from newsprism.records import AnalyzedDocument, Document, Mention, Quote, Sentence, Span, StoryAnalysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

ANALYSERS = (
    entity_mod.ANALYSER,
    quote_mod.ANALYSER,
    timex_mod.ANALYSER,
    quantity_mod.ANALYSER,
    clause_mod.ANALYSER,
    agents_mod.ANALYSER,
)


def masked_text(doc: Document) -> str:
    """``doc.text`` with every non-body character blanked (newlines kept): same length, same offsets."""
    keep = bytearray(len(doc.text))
    for s, e in doc.body:
        keep[s:e] = b"\x01" * (e - s)
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(doc.text))


def headlines(doc: Document) -> list[tuple[int, int]]:
    """The section headings and the title, wherever the page repeats it, outside the body."""
    spans = list(doc.headings)
    if doc.title:
        spans += [m.span() for m in re.finditer(re.escape(doc.title), doc.text)]
    return [(s, e) for s, e in spans if not any(b <= s < f for b, f in doc.body)]


def headline_mentions(documents: Sequence[Document], known: dict[str, str]) -> dict[str, list[Mention]]:
    """The names the story's prose uses (``known``: name -> label), found again in each document's title
    and headings: they are the outlet's mentions too.  Matched as strings, not tagged: title case misleads
    the tagger ("Trump Hints at Breakthrough" is tagged as a person "Trump Hints")."""
    if not known:
        return {}
    names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(known, key=len, reverse=True))) + r")\b")
    out = {}
    for doc in documents:
        found = {
            Mention(Span(doc.id, m.start(), m.end()), m.group(), known[m.group()])
            for s, e in headlines(doc)
            for m in names.finditer(doc.text, s, e)
        }
        out[doc.id] = sorted(found, key=lambda m: m.span.start)
    return out


def sentences_of(sdoc: Doc, document: Document) -> list[Sentence]:
    """Sentences inside the body, trimmed of the blanked furniture and whitespace around them."""
    masked = sdoc.text  # rebuilt from the tokens at every access: read once
    out = []
    for sent in sdoc.sents:
        start, end = sent.start_char, sent.end_char
        text = masked[start:end]
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        if end > start and any(s <= start < e for s, e in document.body):
            out.append(Sentence(Span(document.id, start, end)))
    return out


def parse(documents: Sequence[Document], settings: Settings) -> list[Doc]:
    """spaCy parses of the masked texts; a newline always starts a new sentence."""
    nlp = load_spacy(settings.spacy_model)
    return list(nlp.pipe((masked_text(d) for d in documents), batch_size=settings.batch_size))


def _entity_at(span: Span | None, owner: dict[tuple[str, int, int], str], mentions: Sequence[Mention]) -> str | None:
    """The entity a span names: its own mention's, else that of a resolved mention it overlaps."""
    if span is None:
        return None
    if (key := (span.doc, span.start, span.end)) in owner:
        return owner[key]
    for m in mentions:
        if m.entity and m.span.overlaps(span):
            return m.entity
    return None


def attach_speakers(
    quotes: Sequence[Quote], owner: dict[tuple[str, int, int], str], mentions: Sequence[Mention]
) -> list[Quote]:
    """Quote speaker and chain spans -> entity ids (a span belongs to the entity whose mention overlaps it)."""
    out = []
    for q in quotes:
        speaker = _entity_at(q.speaker_span, owner, mentions)
        via = tuple(v for v in (_entity_at(s, owner, mentions) for s in q.via_spans) if v and v != speaker)
        out.append(replace(q, speaker=speaker, via=via))
    return out


def analyze_documents(
    documents: Sequence[Document], settings: Settings | None = None, progress: Callable[[str], None] | None = None
) -> StoryAnalysis:
    """Analyse every document of one story; entities are resolved across all of them."""
    settings = settings or Settings()
    sdocs = parse(documents, settings)
    refs = timex_mod.estimate_references(list(zip(documents, sdocs, strict=True)))
    mentions: dict[str, list[Mention]] = {}  # the body's and the headlines', resolved across documents
    partial = []
    for document, sdoc in zip(documents, sdocs, strict=True):
        if progress is not None:
            progress(document.id)
        ms = mention_mod.find_mentions(sdoc, document)
        mentions[document.id] = ms
        ref = refs.get(document.id)
        ref_date: dt.date | None = ref.date if ref else None
        times = timex_mod.find_times(sdoc, document, ref_date)
        if ref is not None and ref.estimated:
            times = [
                replace(t, estimated=True, reason=f"{t.reason}; reference date estimated: {ref.reason}") for t in times
            ]
        partial.append(
            (
                document,
                sentences_of(sdoc, document),
                quote_mod.find_quotes(sdoc, document, ms),
                times,
                quantity_mod.find_quantities(sdoc, document),
                clause_mod.find_clauses(sdoc, document, ms),
                ref,
            )
        )
    known = {m.text: m.label for found in mentions.values() for m in found if not m.nominal}
    for doc_id, found in headline_mentions(documents, known).items():
        mentions[doc_id] = sorted(mentions[doc_id] + found, key=lambda m: m.span.start)
    entities = entity_mod.resolve_entities(mentions)
    owner = {(s.doc, s.start, s.end): e.id for e in entities for s in e.mentions}
    analysed = []
    for (document, sents, quotes, times, quantities, clauses, ref), sdoc in zip(partial, sdocs, strict=True):
        resolved = tuple(
            replace(m, entity=owner.get((m.span.doc, m.span.start, m.span.end))) for m in mentions[document.id]
        )
        agents = agents_mod.clause_agents(document.text, clauses, resolved)
        clauses = [
            replace(c, source=_entity_at(c.attribution, owner, resolved), agent=agents.get(c.span)) for c in clauses
        ]
        analysed.append(
            AnalyzedDocument(
                document=document,
                sentences=tuple(sents),
                mentions=resolved,
                quotes=tuple(attach_speakers(quotes, owner, resolved)),
                times=tuple(times),
                quantities=tuple(quantities),
                clauses=tuple(clauses),
                reference_date=ref.date if ref else None,
                reference_estimated=bool(ref and ref.estimated),
                reference_reason=ref.reason if ref else None,
                noun_chunks=tuple((c.start_char, c.end_char, c.root.lemma_) for c in sdoc.noun_chunks),
            )
        )
    return StoryAnalysis(documents=tuple(analysed), entities=tuple(entities))
