"""Aligned facts -> contradictions, compared slot by slot.

False alarms are worse than misses, so each check states what must hold
before two outlets are said to conflict:

* **date**: both units date the happening they are about (the time expression
  dates the unit's own head event, not an announcement or briefing around it),
  at day precision, and the days differ;
* **number**: both carry an amount in the same unit and the ranges their hedges
  allow do not overlap ("nearly two and a half hours" agrees with
  "two-and-a-half-hour"); in a loosely aligned fact the two must also make one
  claim (same predicate, subjects alike, no differing places or dates); in any
  fact, neither may be placed where the other outlet never goes (a recalled
  earlier quake elsewhere is not this quake);
* **place**: both name a place in the same fact, the places differ, and neither
  outlet mentions the other's place anywhere (so "Budapest" vs "Hungary" in an
  outlet that says "Budapest, Hungary" is not a conflict);
* **who**: closely similar claims on one predicate give the act to different
  named people, and neither outlet names the other's person anywhere;
* **polarity**: near-identical claims on the same predicate, one negated;
* **certainty**: closely similar claims on the same predicate, one a plain past
  ("agreed"), the other a modal on the verb itself ("may agree").

A difference between two outlets whose publication dates are both known and
differ is reported as an *update* (the later report revises the earlier), not a
conflict.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from newsprism.align.facts import Unit
from newsprism.align.happenings import SYNONYM_COSINE, dates_head, day_key, one_setting, unit_settings
from newsprism.analyze.clauses import PLACE_TYPES
from newsprism.analyze.clock import CLOCK, CLOCK_UNITS
from newsprism.analyze.quantities import COUNT_NOUN, MEASURE_UNITS, TOLL, agree
from newsprism.analyze.resources import embed
from newsprism.records import (
    AnalyzedDocument,
    Contradiction,
    ContradictionSide,
    Entity,
    Quantity,
    Span,
    TimeExpr,
)

NEAR_DAYS = 31  # a dated unit this close to the other report's date may be about the same happening
MAGNITUDE = 5.0  # figures further apart than this factor are not read as one figure stated twice
SAME_HAPPENING = 0.7  # cosine of "subject verb" phrases above which two dated heads are one happening
SAME_CLAIM = 0.7  # unit cosine above which a plain past and a modal of one predicate are one claim
# what a figure in each base unit is a figure of, as a reader would say it; counts keep their noun
MEASURE_NAMES = {"hour": "duration", "km": "distance", "kg": "weight", "%": "share", "ordinal": "rank"}
MEASURE_NAMES |= {currency: f"amount in {currency}" for currency in ("USD", "EUR", "GBP", "RUB", "CNY")}
MEASURE_NAMES |= {clock: "time of day" + clock.removeprefix(CLOCK) for clock in CLOCK_UNITS}  # "time of day GMT"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _label(t: TimeExpr) -> str:
    if t.weekday is not None:
        return f"{WEEKDAYS[t.weekday]} ({t.value})" if t.value else WEEKDAYS[t.weekday]
    return t.value or t.text


class Checker:
    """Slot checks over the units of one fact group, and of the whole story for counts ("four people")."""

    def __init__(
        self, docs: Sequence[AnalyzedDocument], entities: Sequence[Entity], package: str, units: Sequence[Unit]
    ) -> None:
        self.package = package
        self.where, self.when = unit_settings(units, entities)  # per unit index
        self._phrases: dict[str, np.ndarray] = {}
        self.docs = {a.document.id: a for a in docs}
        self.type_of = {e.id: e.type for e in entities}
        self.name_of = {e.id: e.name for e in entities}
        self.entity_docs = {e.id: {s.doc for s in e.mentions} for e in entities}
        self.count = 0
        # the words claims are compared by, embedded in one call (many small calls cost more than the work)
        self._phrase_vectors(
            [u.clause.head for u in units] + [f"{u.clause.subject} {u.clause.head}".strip() for u in units]
        )

    def _new(
        self, kind: str, about: str, sides: dict[str, list[Span]], reason: str, fact: str, confidence: float
    ) -> Contradiction:
        self.count += 1
        published = {self.docs[s.doc].document.published for spans in sides.values() for s in spans}
        update = None not in published and len(published) > 1
        return Contradiction(
            id=f"c{self.count}",
            kind=kind,
            about=about,
            sides=tuple(ContradictionSide(v, tuple(sp)) for v, sp in sides.items()),
            reason=reason + (" Publication dates differ: the later report may update the earlier." if update else ""),
            fact=fact,
            confidence=confidence,
            update=update,
        )

    def dates(self, units: Sequence[Unit], fact: str, about: str, same_happening: bool) -> list[Contradiction]:
        """Days given to one happening.  ``same_happening``: the units are already known to name one
        happening (linked by its word or its measure); otherwise only dated heads that read alike as
        subject-and-verb phrases ("earthquake strike" / "earthquake hit") are compared."""
        dated = [(u, t) for u in units for t in self.docs[u.doc].times if dates_head(t, u)]
        if not same_happening or any(not t.value for _, t in dated):
            # bare weekdays (nothing to date them by) are weaker evidence: the happenings must read alike too
            dated = self._one_happening(dated)
        by_value: dict[str, list[tuple[Unit, TimeExpr]]] = defaultdict(list)
        for u, t in dated:
            by_value[day_key(t)].append((u, t))
        docs_per_value = {v: {u.doc for u, _ in items} for v, items in by_value.items()}
        if len(by_value) < 2 or not _disjoint_outlets(docs_per_value):
            return []
        sides = {_label(items[0][1]): [u.clause.span for u, _ in items] for items in by_value.values()}
        reason = (
            "The same happening is dated to different days: "
            + "; ".join(
                f"{', '.join(sorted(docs_per_value[v]))} say {_label(items[0][1])}" for v, items in by_value.items()
            )
            + "."
        )
        return [self._new("date", f"the day of {about}", sides, reason, fact, 0.9)]

    def _one_happening(self, dated: Sequence[tuple[Unit, TimeExpr]]) -> list[tuple[Unit, TimeExpr]]:
        """The dated heads that name one happening: the largest group of them, across outlets, whose
        subject-and-verb phrases read alike (or share the dated word)."""
        if len(dated) < 2:
            return []
        vectors = self._phrase_vectors([self._event_phrase(u, t) for u, t in dated])
        best: list[int] = []
        for i, (_, ta) in enumerate(dated):
            group = [
                j
                for j, (_, tb) in enumerate(dated)
                if j == i or ta.event == tb.event or float(vectors[i] @ vectors[j]) >= SAME_HAPPENING
            ]
            if len({dated[j][0].doc for j in group}) > 1 and len(group) > len(best):
                best = group
        return [dated[j] for j in best]

    def _phrase_vectors(self, phrases: list[str]) -> np.ndarray:
        """Embeddings of event phrases, each phrase encoded once per story."""
        missing = [p for p in dict.fromkeys(phrases) if p not in self._phrases]
        if missing:
            self._phrases.update(zip(missing, embed(missing, self.package), strict=True))
        return np.stack([self._phrases[p] for p in phrases])

    @staticmethod
    def _event_phrase(u: Unit, t: TimeExpr) -> str:
        """Who did what: the unit's subject and its head ("earthquake strike"), or the dated noun itself."""
        if u.clause.kind == "event" or not u.clause.subject:
            return t.event or u.clause.head
        return f"{u.clause.subject} {u.clause.head}"

    def numbers(
        self,
        units: Sequence[Unit],
        fact: str,
        about: str,
        slot: str | None = None,
        only: set[Span] | None = None,
        counts: bool = False,
    ) -> list[Contradiction]:
        """Amounts in one unit of measure whose hedged ranges do not overlap.  In a slot fact only the slot's
        amounts are compared: a happening's measure, or (``only``) one person's age.  In a loosely aligned
        fact, measures ("two hours") are compared, and both units must make one claim (see ``_same_claim``),
        so that "killed 40" and "injured 200", or a toll of this quake and of an earlier one, never clash.
        Counts of things ("four people") are compared with ``counts`` over the whole story instead: "four
        people were killed" and "three people died" are one toll even when they do not align as claims."""
        found: list[tuple[Unit, Quantity]] = []
        for u in units:
            if u.clause.kind == "attribution":
                continue
            found += [
                (u, q)
                for q in self.docs[u.doc].quantities
                if q.span.overlaps(u.clause.span) and _compared(q, slot, only, counts)
            ]
        by_measure: dict[str, list[tuple[Unit, Quantity]]] = defaultdict(list)
        for u, q in found:
            by_measure[q.unit or ""].append((u, q))
        clashing: dict[str, list[tuple[Unit, Quantity]]] = defaultdict(list)  # per unit of measure
        for same_measure in by_measure.values():
            for (ua, qa), (ub, qb) in self._clashes(same_measure, slot):
                for entry in ((ua, qa), (ub, qb)):
                    if entry not in clashing[qa.unit or ""]:
                        clashing[qa.unit or ""].append(entry)
        return self._number_contradictions(clashing, fact, about)

    def _clashes(
        self, found: Sequence[tuple[Unit, Quantity]], slot: str | None
    ) -> list[tuple[tuple[Unit, Quantity], tuple[Unit, Quantity]]]:
        """Pairs of amounts in one unit of measure, from two outlets, that cannot be one figure."""
        out = []
        for i, (ua, qa) in enumerate(found):
            for ub, qb in found[i + 1 :]:
                if ua.doc == ub.doc or agree(qa, qb) is not False:
                    continue
                counted = qa.unit if qa.unit not in MEASURE_UNITS else None  # "four people", not "four hours"
                if slot is None and not (self._same_claim(ua, ub, counted) and _same_order(qa, qb)):
                    continue
                if slot not in {None, "age"} and not (
                    _same_object(ua, qa, ub, qb)
                    and one_setting(ua.index, ub.index, self.where, self.when)
                    and not self._place_unknown_to_other(ua, ub)
                ):
                    continue
                # only when neither outlet also states a value agreeing with the other
                if any(agree(qx, qb) for ux, qx in found if ux.doc == ua.doc) or any(
                    agree(qa, qy) for uy, qy in found if uy.doc == ub.doc
                ):
                    continue
                out.append(((ua, qa), (ub, qb)))
        return out

    def _number_contradictions(
        self, clashing: dict[str, list[tuple[Unit, Quantity]]], fact: str, about: str
    ) -> list[Contradiction]:
        """One contradiction per unit of measure, its sides the clashing values that agree among themselves."""
        out = []
        for measure, entries in clashing.items():
            # one contradiction per figure, its sides the values that agree among themselves
            sides_of: list[list[tuple[Unit, Quantity]]] = []
            for u, q in entries:
                side = next((s for s in sides_of if all(agree(q, x) for _, x in s)), None)
                if side is None:
                    sides_of.append([(u, q)])
                else:
                    side.append((u, q))
            sides = {side[0][1].text: [u.clause.span for u, _ in side] for side in sides_of}
            said = "; ".join(
                f"{', '.join(sorted({u.doc for u, _ in side}))} {'gives' if len(side) == 1 else 'give'} "
                f"{side[0][1].text!r}"
                for side in sides_of
            )
            reason = f"{said}: the ranges these figures allow do not overlap."
            first = sides_of[0][0][0]
            where = about or (first.clause.text if len(first.clause.text) < 80 else first.clause.text[:77] + "...")
            name = MEASURE_NAMES.get(measure, f"{measure} figure")
            out.append(self._new("number", f"the {name} in “{where}”", sides, reason, fact, 0.8))
        return out

    def _same_claim(self, ua: Unit, ub: Unit, counted: str | None = None) -> bool:
        """Two loosely aligned units make the same claim about the same happening: one predicate (or near
        synonyms: "killed" / "died"), subjects that read alike ("the quake killed" / "the earthquake killed",
        not "we are on" / "the gunman walked") or both the thing ``counted`` ("four people were killed" /
        "three people died"), and no sign of two happenings (places or dates that differ)."""
        subjects = {ua.clause.subject, ub.clause.subject}
        # "the death toll rose to 21" / "the number of people killed rose to 21" / "17 people died": a toll
        # and a count of the dead, whatever the verbs
        toll = counted is not None and bool(subjects & {TOLL, COUNT_NOUN}) and subjects <= {TOLL, COUNT_NOUN, counted}
        if not toll and not self._alike_heads(ua.clause.head, ub.clause.head):
            return False
        if not ua.clause.subject or not ub.clause.subject:
            return False  # a phrase ("on the third floor") says too little of whose claim it is
        if ua.dates and ub.dates and not ua.dates & ub.dates:
            return False
        if ua.weekdays and ub.weekdays and not ua.weekdays & ub.weekdays:
            return False  # "on Sunday" / "on Monday", even when the story gives no date to resolve them
        # "In 2015, more than 70 people died" is background: a dated unit far from the other report's own
        # time is another happening than an undated one ("Seventeen people died")
        for dated, other in ((ua, ub), (ub, ua)):
            if dated.dates and not other.dates and not _near(dated.dates, self.docs[other.doc].reference_date):
                return False
        pa, pb = self._places(ua), self._places(ub)
        if pa and pb and not pa & pb:
            return False
        if self._place_unknown_to_other(ua, ub):
            return False
        if toll or (counted and ua.clause.subject == ub.clause.subject == counted):
            return True
        phrases = [f"{u.clause.subject} {u.clause.head}".strip() for u in (ua, ub)]
        vectors = self._phrase_vectors(phrases)
        return float(vectors[0] @ vectors[1]) >= SAME_HAPPENING

    def _place_unknown_to_other(self, ua: Unit, ub: Unit) -> bool:
        """One unit places its claim where the other's outlet never goes: "a 6.4 quake hit Zarand in
        February" is background to an outlet that reports only this quake's 5.9 and never names Zarand."""
        return any(
            other.doc not in self.entity_docs.get(p, ())
            for u, other in ((ua, ub), (ub, ua))
            for p in self.where[u.index] | self._places(u)
        )

    def _alike_heads(self, a: str, b: str) -> bool:
        if a == b:
            return True
        if not a or not b:
            return False
        vectors = self._phrase_vectors([a, b])
        return float(vectors[0] @ vectors[1]) >= SYNONYM_COSINE

    def _places(self, u: Unit) -> set[str]:
        return {e for e in u.entities if self.type_of.get(e) in PLACE_TYPES}

    def places(self, units: Sequence[Unit], fact: str, about: str) -> list[Contradiction]:
        places = {u.index: self._places(u) for u in units}
        out = []
        for i, ua in enumerate(units):
            for ub in units[i + 1 :]:
                pa, pb = places[ua.index], places[ub.index]
                if ua.doc == ub.doc or not pa or not pb or pa & pb:
                    continue
                if any(ub.doc in self.entity_docs[p] for p in pa) or any(ua.doc in self.entity_docs[p] for p in pb):
                    continue
                sides = {"/".join(sorted(pa)): [ua.clause.span], "/".join(sorted(pb)): [ub.clause.span]}
                reason = "The outlets place the same fact in different places, and neither names the other's."
                out.append(self._new("place", f"where: {about}", sides, reason, fact, 0.6))
        return out

    def who(self, units: Sequence[Unit], vectors: np.ndarray, fact: str, about: str) -> list[Contradiction]:
        """Two outlets give one act to different people: closely similar claims on one predicate, each with
        a named person as its subject, and neither outlet names the other's person anywhere (an outlet that
        names both may well be telling two acts apart)."""
        out = []
        for i, ua in enumerate(units):
            for ub in units[i + 1 :]:
                a, b = ua.agent, ub.agent
                if ua.doc == ub.doc or not a or not b or a == b:
                    continue
                if ua.clause.kind != "claim" or ub.clause.kind != "claim" or ua.clause.negated != ub.clause.negated:
                    continue
                if ub.doc in self.entity_docs.get(a, ()) or ua.doc in self.entity_docs.get(b, ()):
                    continue
                if not self._alike_heads(ua.clause.head, ub.clause.head):
                    continue
                if float(vectors[ua.index] @ vectors[ub.index]) < SAME_CLAIM:
                    continue
                name_a, name_b = self.name_of.get(a, a), self.name_of.get(b, b)
                sides = {name_a: [ua.clause.span], name_b: [ub.clause.span]}
                reason = f"{ua.doc} says {name_a} did it, {ub.doc} says {name_b}; neither names the other's."
                out.append(self._new("who", f"who: {about}", sides, reason, fact, 0.6))
        return out

    def certainty(self, units: Sequence[Unit], vectors: np.ndarray, fact: str, about: str) -> list[Contradiction]:
        """One outlet says it happened ("the leaders agreed"), another only that it may ("may agree"): the
        same predicate, plain past against a modal on the verb itself, in closely similar claims."""
        out = []
        for i, ua in enumerate(units):
            for ub in units[i + 1 :]:
                if ua.doc == ub.doc or {ua.clause.mood, ub.clause.mood} != {"done", "possible"}:
                    continue
                if ua.clause.negated or ub.clause.negated or not self._same_claim(ua, ub):
                    continue
                if float(vectors[ua.index] @ vectors[ub.index]) < SAME_CLAIM:
                    continue
                done, possible = (ua, ub) if ua.clause.mood == "done" else (ub, ua)
                head = done.clause.head
                sides = {f"{head}: done": [done.clause.span], f"{head}: only possible": [possible.clause.span]}
                reason = f"{done.doc} states it as done; {possible.doc} only as possible."
                out.append(self._new("certainty", about, sides, reason, fact, 0.6))
        return out

    def polarity(self, units: Sequence[Unit], vectors: np.ndarray, fact: str, about: str) -> list[Contradiction]:
        out = []
        for i, ua in enumerate(units):
            for ub in units[i + 1 :]:
                if ua.doc == ub.doc or ua.clause.kind != "claim" or ub.clause.kind != "claim":
                    continue
                if ua.clause.head != ub.clause.head or ua.clause.negated == ub.clause.negated:
                    continue
                if ua.clause.hedged or ub.clause.hedged or float(vectors[ua.index] @ vectors[ub.index]) < 0.85:
                    continue
                pos, neg = (ua, ub) if ub.clause.negated else (ub, ua)
                sides = {f"{ua.clause.head}: yes": [pos.clause.span], f"{ua.clause.head}: no": [neg.clause.span]}
                reason = f"{neg.doc} negates what {pos.doc} states, in near-identical words."
                out.append(self._new("polarity", about, sides, reason, fact, 0.6))
        return out


def _near(values: frozenset[str], reference: dt.date | None) -> bool:
    """Does any of the dates ("2015", "2026-03", "2026-03-16") fall within about a month of ``reference``?"""
    if reference is None:
        return True
    for value in values:
        try:
            if len(value) == len("2026"):
                near = int(value) == reference.year
            elif len(value) == len("2026-03"):
                year, month = map(int, value.split("-"))
                near = abs((year * 12 + month) - (reference.year * 12 + reference.month)) <= 1
            else:
                near = abs((dt.date.fromisoformat(value[:10]) - reference).days) <= NEAR_DAYS
        except ValueError:
            near = True  # a week ("2026-W12") or a form we do not read: no evidence of another time
        if near:
            return True
    return False


def _compared(q: Quantity, slot: str | None, only: set[Span] | None, counts: bool) -> bool:
    """Is amount ``q`` one that this number check compares?"""
    if not q.unit:
        return False
    if only is not None:
        return q.span in only  # one person's ages, say
    if q.unit in CLOCK_UNITS:
        # readings are compared only between units that make one claim ("the shooting occurred at 3 p.m." /
        # "at 5 p.m."): a happening's clock fact gathers readings of its moments ("broke out", "was contained")
        return slot is None and not counts
    if slot is not None:
        return q.unit == slot
    if q.unit == "age":
        return False  # ages are compared per person, in age slots
    return (q.unit not in MEASURE_UNITS) == counts  # counts story-wide, measures inside a fact


def _same_object(ua: Unit, qa: Quantity, ub: Unit, qb: Quantity) -> bool:
    """Do two amounts of one happening measure the same thing?  When both units name what they measure
    beyond the verb ("worked for the department for 15 years" / "with the gang team for five years"), those
    words must meet; "married two weeks ago" / "wed about three weeks ago" name nothing more, and compare."""
    rest_a = ua.stems - _stems(qa.text) - {ua.clause.head[:5]}
    rest_b = ub.stems - _stems(qb.text) - {ub.clause.head[:5]}
    return not (rest_a and rest_b) or bool(rest_a & rest_b)


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in text.split()}


def _same_order(a: Quantity, b: Quantity) -> bool:
    """Exact figures of one order of magnitude: "10 dead" against "tens of thousands dead" in one loosely
    aligned fact is far likelier two tolls (this quake's and an earlier one's) than a conflict."""
    if "vague" in {a.hedge, b.hedge} or min(a.value, b.value) <= 0:
        return False
    return max(a.value, b.value) / min(a.value, b.value) <= MAGNITUDE


def _disjoint_outlets(docs_per_value: dict[str, set[str]]) -> bool:
    """At least two values each held by an outlet that does not also hold the other."""
    values = list(docs_per_value)
    return any(
        docs_per_value[a] - docs_per_value[b] and docs_per_value[b] - docs_per_value[a]
        for i, a in enumerate(values)
        for b in values[i + 1 :]
    )
