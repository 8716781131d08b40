"""Timeline: the story's dated happenings, merged across outlets, with disputes shown on both sides.

Resolved time expressions are grouped by (happening, date).  The same happening dated to different
days by outlets that never mention the other date is a dispute: each entry lists the rival dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from newsprism.records import Precision, StoryAnalysis, TimeExpr, TimelineEntry

DISPUTE_WINDOW_DAYS = 7  # two days for one happening further apart than this are two happenings


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _sort_key(entry: TimelineEntry) -> tuple[str, str]:
    # ISO months and weeks sort before the days inside them; good enough for reading order.
    return entry.date, entry.event


def dated_times(analysis: StoryAnalysis) -> list[TimeExpr]:
    """Time expressions that date something in the story (resolved, not page furniture)."""
    return [t for a in analysis.documents for t in a.times if t.value and t.precision is not None and not t.chrome]


def related(a: str, b: str) -> bool:
    """Two lemmas of one happening: a verb and its noun ("meet"/"meeting", "announce"/"announcement")."""
    n = 0
    for x, y in zip(a.lower(), b.lower(), strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.75 * min(len(a), len(b))


def event_names(times: list[TimeExpr]) -> dict[str, str]:
    """Event lemma -> the name its happening is shown under (related lemmas joined, most frequent first)."""
    counts = Counter(t.event for t in times if t.event)
    canon: dict[str, list[str]] = {}
    for lemma, _n in counts.most_common():
        home = next((c for c in canon if related(c, lemma)), lemma)
        canon.setdefault(home, []).append(lemma)
    return {lemma: "/".join(group) for group in canon.values() for lemma in group}


def build_timeline(analysis: StoryAnalysis) -> list[TimelineEntry]:
    groups: dict[tuple[str, str], list[TimeExpr]] = defaultdict(list)
    times = dated_times(analysis)
    names = event_names(times)
    for t in times:
        groups[(names.get(t.event or "", ""), t.value or "")].append(t)
    # happening -> date -> documents that give that date (day precision only: only days can clash)
    day_docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (event, value), times in groups.items():
        if event and times[0].precision is Precision.DAY:
            day_docs[event][value] = {t.span.doc for t in times}
    entries = []
    for (event, value), times in groups.items():
        docs = {t.span.doc for t in times}
        disputed: list[tuple[str, str]] = []
        mine = _day(value)
        if event and mine is not None:
            for other, other_docs in day_docs[event].items():
                theirs = _day(other)
                if other == value or theirs is None or abs((theirs - mine).days) > DISPUTE_WINDOW_DAYS:
                    continue
                if other_docs & docs:  # an outlet giving both dates is telling of two happenings
                    continue
                disputed += [(d, other) for d in sorted(other_docs)]
        support = tuple(sorted({t.span for t in times}, key=lambda s: (s.doc, s.start)))
        precision = times[0].precision or Precision.DAY
        entries.append(
            TimelineEntry(date=value, precision=precision, event=event, support=support, disputed=tuple(disputed))
        )
    return sorted(entries, key=_sort_key)
