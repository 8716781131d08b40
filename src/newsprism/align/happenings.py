"""Happenings and their slots: when it happened, how long or how much.

Outlets name one happening with different nouns ("call", "conversation",
"discussion") that sentence embeddings do not join, and the phrase that dates
or measures it is often a fragment ("Following Thursday's call").  So units
that date or measure a happening are joined here by what they say about it:

* two units name the same happening when they share its head word, or when
  they give it agreeing amounts in the same unit (two outlets reporting a
  2.5-hour call of the same story speak of one call);
* each happening then yields one fact per slot: its day (every unit that
  dates it at day precision, whatever day it names, so a disagreement becomes
  a contradiction) and each measured quantity (every unit that measures it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from newsprism.align.facts import Unit
from newsprism.analyze.quantities import MEASURE_UNITS, agree
from newsprism.records import AnalyzedDocument, Precision, Quantity, TimeExpr

SAME_WORD_COSINE = 0.5  # units sharing only the happening's word must be at least this similar
LIGHT_VERBS = {"hold", "have", "make", "conduct", "host", "stage", "take", "give"}
# Amounts that say how big a happening is; ordinals and counts say which or how many of it.
SLOT_UNITS = MEASURE_UNITS - {"ordinal"}


def dates_head(t: TimeExpr, u: Unit) -> bool:
    """Does ``t`` date the happening unit ``u`` is about (not an announcement or briefing around it)?"""
    if u.clause.kind in {"attribution", "provenance"} or t.chrome or t.precision is not Precision.DAY:
        return False
    if not t.value or not t.span.overlaps(u.clause.span):
        return False
    if t.event and t.event == u.clause.head:
        return True
    # "the earthquake that hit Aldora on Tuesday": the time dates the noun the unit borrowed as its subject
    if (
        t.event
        and t.event == u.clause.subject
        and u.clause.kind == "claim"
        and t.event_span is not None
        and not u.clause.span.contains(t.event_span)
    ):
        return True
    # "held a two-hour call on Wednesday": the light verb's object is the happening
    return (
        u.clause.head in LIGHT_VERBS
        and t.event is not None
        and t.event_span is not None
        and u.clause.span.contains(t.event_span)
    )


def _point(q: Quantity) -> bool:
    """A stated amount ("nearly 2.5 hours"), not a window or a bound ("within two weeks", "at least 10")."""
    return q.low > 0 and q.high < float("inf") and q.high <= 1.5 * q.low


def _event_words(u: Unit, times: Sequence[TimeExpr]) -> set[str]:
    words = {t.event for t in times if t.event and dates_head(t, u)}
    if u.clause.kind == "event" or u.clause.head not in LIGHT_VERBS:
        words.add(u.clause.head)
    return words


def slot_groups(
    units: Sequence[Unit], docs: Sequence[AnalyzedDocument], vectors: np.ndarray
) -> list[tuple[str, list[int]]]:
    """(slot name, unit indices) for every dated or measured happening carried by two outlets or more."""
    times = {a.document.id: a.times for a in docs}
    dated = {u.index: [t for t in times[u.doc] if dates_head(t, u)] for u in units}
    measured = {
        u.index: [q for q in u.quantities if q.unit in SLOT_UNITS]
        for u in units
        if u.clause.kind not in {"attribution", "provenance"}
    }
    slotted = [u for u in units if dated.get(u.index) or measured.get(u.index)]
    words = {u.index: _event_words(u, times[u.doc]) for u in slotted}
    parent = {u.index: u.index for u in slotted}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(slotted):
        for b in slotted[n + 1 :]:
            if a.doc == b.doc:
                continue
            # one word ("meeting") names many happenings: the units must also name the same participants and
            # places (or none beyond the story's own), or read alike
            same_word = bool(words[a.index] & words[b.index]) and (
                a.key_entities == b.key_entities or float(vectors[a.index] @ vectors[b.index]) >= SAME_WORD_COSINE
            )
            same_measure = any(
                x.unit == y.unit and _point(x) and _point(y) and agree(x, y)
                for x in measured.get(a.index, [])
                for y in measured.get(b.index, [])
            )
            if same_word or same_measure:
                parent[find(a.index)] = find(b.index)
    happenings: dict[int, list[Unit]] = defaultdict(list)
    for u in slotted:
        happenings[find(u.index)].append(u)
    out: list[tuple[str, list[int]]] = []
    for members in happenings.values():
        day = [u.index for u in members if dated.get(u.index)]
        if len({units[i].doc for i in day}) > 1:
            out.append(("day", day))
        by_unit: dict[str, list[int]] = defaultdict(list)
        for u in members:
            for base in {q.unit for q in measured.get(u.index, []) if q.unit}:
                by_unit[base].append(u.index)
        for base, idx in sorted(by_unit.items()):
            if len({units[i].doc for i in idx}) > 1:
                out.append((base, idx))
    return out
