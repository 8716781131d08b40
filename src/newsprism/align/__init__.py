"""Align: analysed documents of one story -> facts across outlets, coverage, contradictions, quote variants."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from newsprism.align.contradictions import Checker
from newsprism.align.facts import Unit, group_facts, unit_vectors, units_of
from newsprism.align.happenings import age_groups, place_groups, slot_groups
from newsprism.align.pair_model import TRAINED, PairModel, pair_score
from newsprism.align.variants import quote_variants
from newsprism.config import Settings
from newsprism.records import (
    Alignment,
    Contradiction,
    Corroboration,
    Coverage,
    Fact,
    Mention,
    QuoteVariant,
    Span,
    StoryAnalysis,
)

__all__ = ["align_story"]

SAME_HAPPENING = 0.5  # pair probability at which two dated units with one subject name one happening


def corroboration(n_outlets: int, n_docs: int) -> Corroboration:
    if n_outlets <= 1:
        return Corroboration.SINGLE
    if n_outlets == n_docs:
        return Corroboration.ALL
    return Corroboration.MOST if 2 * n_outlets >= n_docs else Corroboration.SOME


def _representative(group: Sequence[int], vectors: np.ndarray) -> int:
    if len(group) == 1:
        return group[0]
    sims = vectors[group] @ vectors[group].T
    return group[int(np.argmax(sims.sum(axis=1)))]


def coverage(facts: Sequence[Fact], docs: Sequence[str]) -> list[Coverage]:
    """Per outlet: the facts only it reports, and the facts most others carry that it leaves out."""
    out = []
    for doc in docs:
        unique = tuple(f.id for f in facts if f.outlets == (doc,))
        others = len(docs) - 1
        omitted = sorted(
            (
                (f.id, len(f.outlets))
                for f in facts
                if doc not in f.outlets and len(f.outlets) >= 2 and 2 * len(f.outlets) >= others
            ),
            key=lambda x: -x[1],
        )
        out.append(Coverage(doc, unique, tuple(omitted)))
    return out


def _fact_holding(c: Contradiction, facts: Sequence[Fact]) -> str:
    """The fact whose support holds the first side of a story-wide contradiction, if any."""
    first = next((sp for side in c.sides for sp in side.support), None)
    return next((f.id for f in facts if first in f.support), "") if first is not None else ""


def _distinct(found: Sequence[Contradiction]) -> list[Contradiction]:
    """One contradiction per kind and pair of sides, however many facts surfaced it."""
    seen: set[tuple[str, frozenset[tuple[str, frozenset[str]]]]] = set()
    out = []
    for c in found:
        key = (c.kind, frozenset((s.value, frozenset(sp.doc for sp in s.support)) for s in c.sides))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


class Grouping(NamedTuple):
    """Units that state one fact, as the grouping, a slot, an age or a quoted utterance found them."""

    slot: str | None
    members: list[int]
    amounts: set[Span] | None = None  # the amounts a slot fact compares, when not all of its units'
    evidence: tuple[Span, ...] = ()  # what the fact rests on when not its units' whole clauses


def utterance_groups(units: Sequence[Unit], variants: Sequence[QuoteVariant], known: list[set[int]]) -> list[Grouping]:
    """A "quote" grouping for each utterance two outlets or more render in quotation marks: what someone
    said is a fact of its own, even when an outlet packs it into a unit that says more ("the two-hour
    meeting was 'tough but constructive'"); its evidence is the quotations, not the units around them.
    Groups already in ``known`` are skipped; new ones are added to it."""
    out: list[Grouping] = []
    for variant in variants:
        members = sorted(
            u.index
            for u in units
            if u.clause.kind in {"claim", "event"} and any(r.overlaps(u.clause.span) for r in variant.renderings)
        )
        if len({units[i].doc for i in members}) > 1 and set(members) not in known:
            known.append(set(members))
            quotations = [r for r in variant.renderings if any(r.overlaps(units[i].clause.span) for i in members)]
            out.append(Grouping("quote", members, None, tuple(sorted(quotations, key=lambda r: (r.doc, r.start)))))
    return out


def detail_groups(units: Sequence[Unit], groups: Sequence[Grouping], analysis: StoryAnalysis) -> list[Grouping]:
    """A "detail" grouping for what one outlet adds inside a fact others share: a name or a figure that no
    other outlet gives anywhere in its coverage ("foiled an attack between Somalia and Yemen": only this
    outlet names Yemen).  Its evidence is those words; the outlet's unit stays in the shared fact too."""
    texts = {a.document.id: a.document.text for a in analysis.documents}
    entity_docs: dict[str, set[str]] = defaultdict(set)  # a resolved entity -> the outlets naming it
    name_docs: dict[str, set[str]] = defaultdict(set)  # the words of a name -> the outlets using them
    for a in analysis.documents:
        for m in a.mentions:
            name_docs[texts[m.span.doc][m.span.start : m.span.end].lower()].add(m.span.doc)
            if m.entity:
                entity_docs[m.entity].add(m.span.doc)
    figures = {a.document.id: a.quantities for a in analysis.documents}
    mentions = {a.document.id: a.mentions for a in analysis.documents}
    named_by: dict[str, set[str]] = {}  # the words of a name -> every outlet naming it or a name holding it

    def said_elsewhere(m: Mention, doc: str) -> bool:
        # the words too, for what entity resolution kept apart ("INS Sukanya" / "Warship INS Sukanya")
        said = texts[m.span.doc][m.span.start : m.span.end].lower()
        if said not in named_by:
            named_by[said] = {d for w, ds in name_docs.items() if said in w or w in said for d in ds}
        return bool((named_by[said] | entity_docs.get(m.entity or "", set())) - {doc})

    done: set[int] = set()
    out = []
    for group in groups:
        if group.slot is not None or len({units[i].doc for i in group.members}) < 2:
            continue
        for i in group.members:
            u = units[i]
            if i in done or u.clause.kind == "attribution":
                continue
            others = set(texts) - {u.doc}
            spans = [
                m.span
                for m in mentions[u.doc]
                if m.entity in u.key_entities and m.span.overlaps(u.clause.span) and not said_elsewhere(m, u.doc)
            ]
            spans += [
                q.span
                for q in u.quantities
                if q.unit != "ordinal" and not any(x.low <= q.value <= x.high for d in others for x in figures[d])
            ]
            if spans:
                done.add(i)
                out.append(Grouping("detail", [i], None, tuple(sorted(set(spans), key=lambda sp: sp.start))))
    return out


def align_story(analysis: StoryAnalysis, settings: Settings | None = None, model: PairModel = TRAINED) -> Alignment:
    """Put the outlets side by side, fact by fact.  ``model`` decides which units state one fact (its
    fitting script passes its own)."""
    settings = settings or Settings()
    variants = quote_variants(analysis, settings.embedding_model)
    units: list[Unit] = units_of(analysis, {span: v.id for v in variants for span in v.renderings})
    texts = {a.document.id: a.document.text for a in analysis.documents}
    embedded = unit_vectors(units, analysis, settings.embedding_model, settings.batch_size)
    vectors = embedded.mixed
    probabilities: dict[tuple[int, int], float] = {}  # each pair scored once: by the grouping, then the facts

    def scored(a: Unit, b: Unit) -> float:
        key = (min(a.index, b.index), max(a.index, b.index))
        if key not in probabilities:
            probabilities[key] = pair_score(a, b, embedded, model)
        return probabilities[key]

    # (slot, units, the amounts a slot fact compares when not all of its units' amounts)
    groups = [Grouping(None, g) for g in group_facts(embedded, units, settings.fact_threshold, scored)]
    groups += [
        Grouping(slot, g)
        for slot, g in slot_groups(
            units,
            analysis.documents,
            analysis.entities,
            vectors,
            settings.embedding_model,
            # among the pairs the grouping scored: the blocking already found every likely partner
            [pair for pair, p in probabilities.items() if p >= SAME_HAPPENING],
        )
    ]
    groups += [Grouping(*g) for g in age_groups(units, analysis.documents)]
    groups += [Grouping(*g) for g in place_groups(units, analysis.entities, vectors)]
    groups += utterance_groups(units, variants, [set(g.members) for g in groups])
    groups += detail_groups(units, groups, analysis)
    n_docs = len(analysis.documents)
    groups.sort(key=lambda sg: (-len({units[i].doc for i in sg[1]}), min(sg[1]), sg[0] or ""))
    checker = Checker(analysis.documents, analysis.entities, settings.embedding_model, units)
    facts: list[Fact] = []
    contradictions: list[Contradiction] = []
    for n, (slot, group, only, evidence) in enumerate(groups, 1):
        rep = units[_representative(group, vectors)]
        outlets = tuple(sorted({units[i].doc for i in group}))
        sources = Counter(units[i].clause.source for i in group if units[i].clause.source)
        fid = f"f{n}"
        support = evidence or tuple(
            units[i].clause.span for i in sorted(group, key=lambda i: (units[i].doc, units[i].index))
        )
        text = texts[rep.doc][rep.clause.span.start : rep.clause.span.end]
        # how sure the grouping is: the pair model's mean probability over the fact's cross-outlet pairs
        cross = [
            scored(units[i], units[j])
            for k, i in enumerate(group)
            for j in group[k + 1 :]
            if units[i].doc != units[j].doc
        ]
        score = sum(cross) / len(cross) if cross else 1.0
        facts.append(
            Fact(
                fid,
                text,
                support,
                outlets,
                corroboration(len(outlets), n_docs),
                tuple(s for s, _ in sources.most_common()),
                score,
                slot,
            )
        )
        if len(outlets) > 1:
            members = [units[i] for i in group]
            about = text if len(text) < 80 else text[:77] + "..."
            if slot in {None, "day"}:
                contradictions += checker.dates(members, fid, f"the {rep.clause.head}", same_happening=slot == "day")
            contradictions += checker.numbers(
                members, fid, about, slot=None if slot in {None, "day"} else slot, only=only
            )
            if slot is None:
                contradictions += checker.places(members, fid, about)
                contradictions += checker.who(members, vectors, fid, about)
                contradictions += checker.polarity(members, vectors, fid, about)
                contradictions += checker.certainty(members, vectors, fid, about)
    # counts of things ("four people killed") are compared across the whole story, aligned or not
    contradictions += [replace(c, fact=_fact_holding(c, facts)) for c in checker.numbers(units, "", "", counts=True)]
    contradictions = _distinct(contradictions)
    return Alignment(
        facts=tuple(facts),
        contradictions=tuple(contradictions),
        quote_variants=tuple(variants),
        coverage=tuple(coverage(facts, [a.document.id for a in analysis.documents])),
    )
