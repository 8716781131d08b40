"""Dossier -> the JSON contract of shared/eval/README.md (versioned by ``schema``).

Dicts appear here and in store/ only; everything upstream is typed records.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from newsprism.analyze.pipeline import ANALYSERS
from newsprism.records import (
    SCHEMA_VERSION,
    AnalyzedDocument,
    Document,
    Dossier,
    Quote,
    Span,
    TimeExpr,
)


def span_dict(span: Span, texts: dict[str, str]) -> dict[str, Any]:
    return {"doc": span.doc, "start": span.start, "end": span.end, "text": texts[span.doc][span.start : span.end]}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def document_dict(doc: Document, analyzed: AnalyzedDocument | None, texts: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "text": doc.text,
        "body": [list(r) for r in doc.body],
        "headings": [list(r) for r in doc.headings],
        "title": doc.title,
        "outlet": doc.outlet,
        "published": _date(doc.published),
        "byline": doc.byline,
        "dateline": doc.dateline,
        "url": doc.url,
        "origin": doc.origin,
        "metadata_sources": dict(doc.metadata_sources),
    }
    if analyzed is not None:
        out["reference_date"] = {
            "date": _date(analyzed.reference_date),
            "estimated": analyzed.reference_estimated,
            "reason": analyzed.reference_reason,
        }
        out["sentences"] = [[s.span.start, s.span.end] for s in analyzed.sentences]
        out["times"] = [time_dict(t, texts) for t in analyzed.times]
        out["quantities"] = [
            {
                **span_dict(q.span, texts),
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "hedge": q.hedge,
            }
            for q in analyzed.quantities
        ]
    return out


def time_dict(t: TimeExpr, texts: dict[str, str]) -> dict[str, Any]:
    return {
        **span_dict(t.span, texts),
        "value": t.value,
        "precision": t.precision.value if t.precision else None,
        "range": [_date(t.start), _date(t.end)],
        "anchor": _date(t.anchor),
        "estimated": t.estimated,
        "reason": t.reason,
        "event": t.event,
    }


def quote_dict(q: Quote, texts: dict[str, str]) -> dict[str, Any]:
    return {
        **span_dict(q.span, texts),
        "kind": q.kind,
        "speaker": q.speaker,
        "via": list(q.via),
        "speaker_span": span_dict(q.speaker_span, texts) if q.speaker_span else None,
        "cue": q.cue,
        "confidence": round(q.confidence, 3),
    }


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    texts = {d.id: d.text for d in dossier.documents}
    analysed = {a.document.id: a for a in dossier.analysis.documents} if dossier.analysis else {}
    sp = lambda spans: [span_dict(s, texts) for s in spans]  # noqa: E731
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "generator": {
            "name": "newsprism",
            "version": dossier.version,
            "created": dossier.created,
            "analysers": list(ANALYSERS),
        },
        "inputs": [
            {
                "origin": r.origin,
                "outcome": r.outcome.value,
                "reason": r.reason,
                "doc": r.doc_id,
                "notes": list(r.notes),
            }
            for r in dossier.inputs
        ],
        "documents": [document_dict(d, analysed.get(d.id), texts) for d in dossier.documents],
        "entities": [],
        "quotes": [],
        "facts": [],
        "contradictions": [],
        "updates": [],
        "quote_variants": [],
        "coverage": [],
        "framing": [],
        "reuse": [],
        "timeline": [],
        "summary": [],
    }
    if dossier.analysis is not None:
        out["entities"] = [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "roles": list(e.roles),
                "mentions": sp(e.mentions),
            }
            for e in dossier.analysis.entities
        ]
        # direct quotations first: a reported-speech span often contains one, and the words in marks are the
        # more precise record of who said what
        quotes = [q for a in dossier.analysis.documents for q in a.quotes]
        quotes.sort(key=lambda q: (q.kind != "direct", q.span.doc, q.span.start))
        out["quotes"] = [quote_dict(q, texts) for q in quotes]
    if (al := dossier.alignment) is not None:
        out["facts"] = [
            {
                "id": f.id,
                "text": f.text,
                "support": sp(f.support),
                "outlets": list(f.outlets),
                "corroboration": f.corroboration.value,
                "sources": list(f.sources),
                "score": round(f.score, 3),
                "slot": f.slot,
            }
            for f in al.facts
        ]
        conflict = [
            {
                "id": c.id,
                "kind": c.kind,
                "about": c.about,
                "reason": c.reason,
                "fact": c.fact,
                "confidence": round(c.confidence, 3),
                "update": c.update,
                "sides": [{"value": s.value, "support": sp(s.support)} for s in c.sides],
            }
            for c in al.contradictions
        ]
        # a later report revising an earlier one is not a conflict between outlets
        out["contradictions"] = [c for c in conflict if not c["update"]]
        out["updates"] = [c for c in conflict if c["update"]]
        out["quote_variants"] = [
            {"id": v.id, "speaker": v.speaker, "similarity": round(v.similarity, 3), "renderings": sp(v.renderings)}
            for v in al.quote_variants
        ]
        out["coverage"] = [
            {"doc": c.doc, "unique": list(c.unique), "omitted": [{"fact": f, "carried_by": n} for f, n in c.omitted]}
            for c in al.coverage
        ]
    out["framing"] = [
        {
            "referent": f.referent,
            "entity": f.entity,
            "kind": f.kind,
            "choices": {doc: list(terms) for doc, terms in f.choices},
            "in_quotes": {doc: list(terms) for doc, terms in f.in_quotes},
        }
        for f in dossier.framing
    ]
    out["reuse"] = [
        {
            "source": r.source,
            "derived": r.derived,
            "score": round(r.score, 4),
            "kind": r.kind,
            "direction_from": r.direction_from,
            "evidence": [[span_dict(a, texts), span_dict(b, texts)] for a, b in r.evidence],
        }
        for r in dossier.reuse
    ]
    out["timeline"] = [
        {
            "date": t.date,
            "precision": t.precision.value,
            "event": t.event,
            "description": t.description,
            "range": [_date(t.start), _date(t.end)],
            "support": sp(t.support),
            "disputed": [{"doc": d, "date": v} for d, v in t.disputed],
        }
        for t in dossier.timeline
    ]
    out["summary"] = [
        {"text": s.text, "facts": list(s.facts), "sources": list(s.sources), "support": sp(s.support)}
        for s in dossier.summary
    ]
    return out


def write_json(dossier: Dossier, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
