"""Happenings and their slots: when and where it happened, how long or how much; and people's ages.

Outlets name one happening with different nouns ("call", "conversation",
"discussion"), and the phrase that dates or measures it is often a fragment
("Following Thursday's call").  So units that date or measure a happening are
joined here by what they say about it:

* two units name the same happening when they share its word or a near
  synonym ("quake"/"earthquake", by the words' embeddings), with the same
  participants or similar wording and never two different places, or when
  they give it agreeing amounts ("nearly 2.5 hours" / "two-and-a-half-hour");
* a join that would make an outlet contradict itself (two different amounts
  for one happening on one authority) is refused: those are two happenings,
  this quake and an earlier one;
* each happening then yields one fact per slot: its day (every unit that
  dates it at day precision, whatever day it names, so a disagreement becomes
  a contradiction) and each measured quantity (every unit that measures it).

Ages are slots of a person: units giving the age of the person named right
next to it ("Ana Ruiz, 41," / "41-year-old Ana Ruiz") form one fact per person.

Places are slots too: where a happening is put ("overturned near Chandpur")
is a fact of its own, one per place, from the outlets' units that put
something there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

import numpy as np

from newsprism.align.facts import Unit
from newsprism.analyze.clauses import PLACE_TYPES
from newsprism.analyze.clock import CLOCK_UNITS
from newsprism.analyze.quantities import MEASURE_UNITS, agree
from newsprism.analyze.resources import embed
from newsprism.records import AnalyzedDocument, Entity, Precision, Quantity, Span, TimeExpr

SAME_WORD_COSINE = 0.5  # units sharing only the happening's word must be at least this similar
LIGHT_VERBS = {"hold", "have", "make", "conduct", "host", "stage", "take", "give"}
# Amounts that say how big a happening is; ordinals and counts say which or how many of it, a share
# ("40 percent of the buildings") is of something inside it, and an age is a person's.
SLOT_UNITS = MEASURE_UNITS - {"ordinal", "%", "age"}
DAY_VALUE = len("YYYY-MM-DD")
SYNONYM_COSINE = 0.6  # two happening words this similar name one kind of happening ("quake"/"earthquake")
MEASURED_REACH = 20  # characters between an amount and the noun it measures ("earthquake of magnitude 5.8")
AGE_REACH = 2  # characters between an age and the name it belongs to ("Anthony Smith, 38," / "38-year-old Smith")


def day_key(t: TimeExpr) -> str:
    """The day a time expression names: its date, or its weekday when there is no date to resolve it
    against (no outlet dated): "Monday" and "Tuesday" for one happening still conflict."""
    if t.precision is Precision.DAY and t.value:
        return t.value
    if t.value is None and t.weekday is not None:
        return f"weekday {t.weekday}"
    return ""


def dates_head(t: TimeExpr, u: Unit) -> bool:
    """Does ``t`` date the happening unit ``u`` is about (not an announcement or briefing around it)?"""
    if u.clause.kind in {"attribution", "provenance"} or t.chrome or not day_key(t):
        return False
    if not t.span.overlaps(u.clause.span):
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


def _event_words(u: Unit, times: Sequence[TimeExpr], amounts: Sequence[Quantity]) -> set[str]:
    words = {t.event for t in times if t.event and dates_head(t, u)}
    if u.clause.kind == "event" or u.clause.head not in LIGHT_VERBS:
        words.add(u.clause.head)
    # "The 5.8-magnitude quake struck": the subject the amount measures names the happening too
    subject = u.clause.subject_span
    if u.clause.subject and subject is not None and any(_gap(q.span, subject) <= MEASURED_REACH for q in amounts):
        words.add(u.clause.subject)
    return words


def unit_settings(
    units: Sequence[Unit], entities: Sequence[Entity]
) -> tuple[dict[int, set[str]], dict[int, frozenset[str]]]:
    """Places and dates of each unit; a phrase ("A 6.4-magnitude quake") takes its sentence's, which say
    which happening it is ("... hit the town of Zarand in February")."""
    place_ids = {e.id for e in entities if e.type in PLACE_TYPES}
    by_sentence: dict[Span, list[Unit]] = defaultdict(list)
    for u in units:
        by_sentence[u.clause.sentence].append(u)
    places, dates = {}, {}
    for u in units:
        around = by_sentence[u.clause.sentence] if u.clause.kind == "event" else [u]
        places[u.index] = {e for v in around for e in v.entities & place_ids}
        dates[u.index] = frozenset(d for v in around for d in v.dates)
    return places, dates


def one_setting(a: int, b: int, places: dict[int, set[str]], dates: dict[int, frozenset[str]]) -> bool:
    """Could units ``a`` and ``b`` be about one happening, by where and when they place it?"""
    return not (places[a] and places[b] and not places[a] & places[b]) and _compatible(dates[a], dates[b])


def _one_day(a: Unit, b: Unit) -> bool:
    """Do two units leave room for one day?  Not when both name days (or weekdays) and none in common."""
    days_a, days_b = {d for d in a.dates if len(d) == DAY_VALUE}, {d for d in b.dates if len(d) == DAY_VALUE}
    if days_a and days_b and not days_a & days_b:
        return False
    return not (a.weekdays and b.weekdays and not a.weekdays & b.weekdays)


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Could two units' dates be one happening's?  Two different days can (that is a conflict to surface);
    a month that holds neither day cannot ("In February" recalls another quake than "on Sunday" in November)."""
    if not a or not b:
        return True
    for x in a:
        for y in b:
            if "W" in x or "W" in y or x.startswith(y) or y.startswith(x) or (len(x) == len(y) == DAY_VALUE):
                return True
    return False


def _authority(u: Unit, texts: dict[str, str]) -> str | None:
    """Who a unit's figures come from: its source, else the words of its attribution ("officials said")."""
    if u.clause.source:
        return u.clause.source
    span = u.clause.attribution
    return texts[span.doc][span.start : span.end].lower() if span is not None else None


def _alike_words(words: set[str], package: str) -> Callable[[str, str], bool]:
    """Same word, or near-synonyms by their embeddings ("quake"/"earthquake", "discussion"/"conversation")."""
    ordered = sorted(w for w in words if w)
    vecs = dict(zip(ordered, embed(ordered, package), strict=True)) if ordered else {}

    def alike(x: str, y: str) -> bool:
        return x == y or (x in vecs and y in vecs and float(vecs[x] @ vecs[y]) >= SYNONYM_COSINE)

    return alike


class _Linker:
    """Union-find over units that name one happening, refusing a union that would make an outlet contradict
    itself: an outlet does not give one happening two different amounts on one authority, so two groups it
    gives different amounts to are two happenings (this quake and an earlier one).  Two sources' figures
    may differ ("Tehran's centre said 5.9, the USGS 6.1")."""

    def __init__(self, amounts: dict[int, tuple[str, list[tuple[Quantity, str | None]]]]) -> None:
        self.parent = {i: i for i in amounts}
        self.amounts = {i: {doc: list(qs)} for i, (doc, qs) in amounts.items()}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        a, b = self.amounts[ri], self.amounts[rj]
        for doc in set(a) & set(b):
            if any(
                x.unit == y.unit and agree(x, y) is False and (sx is None or sy is None or sx == sy)
                for x, sx in a[doc]
                for y, sy in b[doc]
            ):
                return
        self.parent[rj] = ri
        for doc, qs in b.items():
            a.setdefault(doc, []).extend(qs)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in self.parent:
            out[self.find(i)].append(i)
        return list(out.values())


def slot_groups(
    units: Sequence[Unit],
    docs: Sequence[AnalyzedDocument],
    entities: Sequence[Entity],
    vectors: np.ndarray,
    package: str,
    same_fact: Iterable[tuple[int, int]] = (),
) -> list[tuple[str, list[int]]]:
    """(slot name, unit indices) for every dated or measured happening carried by two outlets or more.

    Two units name one happening when their happening words are alike (same word or near-synonyms) or
    they give one measure.  For days, also when they have one subject and are a pair in ``same_fact``
    (pairs of unit indices the pair model is sure state one fact): the pair model is surer of "the ferry
    overturned" and "the ferry capsized" in like sentences than single-word embeddings are, and the
    subject keeps "the president signed the bill on Monday" apart from "the bill was debated on
    Tuesday"."""
    places, dates = unit_settings(units, entities)
    times = {a.document.id: a.times for a in docs}
    texts = {a.document.id: a.document.text for a in docs}
    dated = {u.index: [t for t in times[u.doc] if dates_head(t, u)] for u in units}
    measured = {
        u.index: [q for q in u.quantities if q.unit in SLOT_UNITS]
        for u in units
        if u.clause.kind not in {"attribution", "provenance"}
    }
    slotted = [u for u in units if dated.get(u.index) or measured.get(u.index)]
    words = {u.index: _event_words(u, times[u.doc], measured.get(u.index, [])) for u in slotted}
    alike = _alike_words({w for ws in words.values() for w in ws}, package)
    linker = _Linker(
        {u.index: (u.doc, [(q, _authority(u, texts)) for q in measured.get(u.index, []) if _point(q)]) for u in slotted}
    )
    for n, a in enumerate(slotted):
        for b in slotted[n + 1 :]:
            if a.doc == b.doc:
                continue
            # one word ("meeting") names many happenings: the units must also name the same participants and
            # places (or none beyond the story's own), or read alike, and never two different places
            same_word = (
                any(alike(x, y) for x in words[a.index] for y in words[b.index])
                and (a.key_entities == b.key_entities or float(vectors[a.index] @ vectors[b.index]) >= SAME_WORD_COSINE)
                and one_setting(a.index, b.index, places, dates)
            )
            # one clock reading in two outlets names one moment, unless they place it on different days
            same_measure = any(
                x.unit == y.unit
                and _point(x)
                and _point(y)
                and agree(x, y)
                and (x.unit not in CLOCK_UNITS or (one_setting(a.index, b.index, places, dates) and _one_day(a, b)))
                for x in measured.get(a.index, [])
                for y in measured.get(b.index, [])
            )
            if same_word or same_measure:
                linker.union(a.index, b.index)
    happenings: dict[int, list[Unit]] = defaultdict(list)
    for u in slotted:
        happenings[linker.find(u.index)].append(u)
    # days: the same happenings, joined further where the pair model is sure two dated units state one fact
    # (amounts are left out of that: "110 billion in loans" and "a 22 billion share" read alike too)
    days = _Linker({u.index: (u.doc, []) for u in slotted if dated[u.index]})
    for members in happenings.values():
        day = [u.index for u in members if dated.get(u.index)]
        for i, j in pairwise(day):
            days.union(i, j)
    for i, j in same_fact:
        a, b = units[i], units[j]
        if (
            dated[i]
            and dated[j]
            and a.doc != b.doc
            and a.clause.subject
            and a.clause.subject == b.clause.subject  # "the ferry capsized" / "the ferry sank"
            and one_setting(i, j, places, dates)
        ):
            days.union(i, j)
    out: list[tuple[str, list[int]]] = [
        ("day", sorted(day)) for day in days.groups() if len({units[i].doc for i in day}) > 1
    ]
    for members in happenings.values():
        by_unit: dict[str, list[int]] = defaultdict(list)
        for u in members:
            for base in {q.unit for q in measured.get(u.index, []) if q.unit}:
                by_unit[base].append(u.index)
        for base, idx in sorted(by_unit.items()):
            if len({units[i].doc for i in idx}) > 1:
                out.append((base, idx))
    return out


def ages(units: Sequence[Unit], docs: Sequence[AnalyzedDocument]) -> dict[int, dict[str, Quantity]]:
    """Per unit: the ages it gives, keyed by the person each belongs to: the name right next to it
    ("Ana Ruiz, 41,"), else, for an age given without a name ("the 35-year-old deputy"), the one named
    person the story gives that age, else the age itself ("age 27": outlets rarely give two unnamed
    people one age, so one unnamed age in two outlets is taken for one person's)."""
    mentions = {a.document.id: [m for m in a.mentions if m.entity and m.label == "PERSON"] for a in docs}
    named: dict[int, dict[str, Quantity]] = {}
    unnamed: dict[int, list[Quantity]] = defaultdict(list)
    for u in units:
        if u.clause.kind in {"attribution", "provenance"}:
            continue
        for q in u.quantities:
            if q.unit != "age":
                continue
            near = [(_gap(m.span, q.span), m.entity) for m in mentions[u.doc] if _gap(m.span, q.span) <= AGE_REACH]
            if near:
                named.setdefault(u.index, {})[min(near)[1]] = q
            else:
                unnamed[u.index].append(q)
    people_aged: dict[float, set[str]] = defaultdict(set)
    for per in named.values():
        for person, q in per.items():
            if q.low == q.high:
                people_aged[q.low].add(person)
    for i, found in unnamed.items():
        for q in found:
            people = people_aged.get(q.low, set())
            if q.low != q.high or len(people) > 1:
                continue  # a range, or two people of that age: whose it is stays unknown
            named.setdefault(i, {}).setdefault(next(iter(people), f"age {q.low:g}"), q)
    return named


def _gap(a: Span, b: Span) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def age_groups(units: Sequence[Unit], docs: Sequence[AnalyzedDocument]) -> list[tuple[str, list[int], set[Span]]]:
    """("age", units, the age spans) for every person whose age two outlets or more give."""
    by_person: dict[str, list[tuple[int, Quantity]]] = defaultdict(list)
    for i, per in ages(units, docs).items():
        for person, q in per.items():
            by_person[person].append((i, q))
    return [
        ("age", sorted({i for i, _ in found}), {q.span for _, q in found})
        for _, found in sorted(by_person.items())
        if len({units[i].doc for i, _ in found}) > 1
    ]


def place_groups(units: Sequence[Unit], entities: Sequence[Entity], vectors: np.ndarray) -> list[tuple[str, list[int]]]:
    """("place", units) for every place two outlets or more put a happening at ("in Hawaiian Gardens", "near
    Chandpur"): where it happened is a fact of its own, whatever else the unit saying it states.  An outlet
    that puts several things there gives the unit closest to what the other outlets put there ("Ferry
    accidents are common in Bangladesh", not "A ferry capsized in central Bangladesh")."""
    place_of = {(s.doc, s.start, s.end): e.id for e in entities if e.type in PLACE_TYPES for s in e.mentions}
    placed: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))  # place -> outlet -> units
    for u in units:
        for span in u.clause.places:
            if (place := place_of.get((span.doc, span.start, span.end))) and u.index not in placed[place][u.doc]:
                placed[place][u.doc].append(u.index)
    out = []
    for _, per_doc in sorted(placed.items()):
        if len(per_doc) < 2:
            continue
        chosen = []
        for doc, mine in per_doc.items():
            others = [i for d, found in per_doc.items() if d != doc for i in found]
            chosen.append(max(mine, key=lambda i: float(np.sum(vectors[others] @ vectors[i]))))
        out.append(("place", sorted(chosen)))
    return out
