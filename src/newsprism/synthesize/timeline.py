"""Timeline: the story's dated happenings, merged across outlets, with disputes shown on both sides.

Resolved time expressions are grouped by (happening, date).  The same happening dated to different
days by outlets that never mention the other date is a dispute: each entry lists the rival dates.
An entry dating only an act of reporting ("said earlier this month") is dropped when something else
is dated then; year-only dates are too coarse for the timeline's contract and are left out.  Each
entry carries a short description -- the clause around its time expression, in an outlet's words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsprism.analyze.reporting import REPORTING
from newsprism.records import AnalyzedDocument, Clause, Precision, Span, StoryAnalysis, TimeExpr, TimelineEntry
from newsprism.synthesize.text import clean, sentence_of

DISPUTE_WINDOW_DAYS = 7  # two days for one happening further apart than this are two happenings
REPORTING_KINDS = {"attribution", "provenance"}  # clause kinds that report someone's words
DESCRIPTION_CHARS = 120  # a description longer than this is cut at a word
BREAK = re.compile(r"[,;:]\s|\s[—–-]\s")
TIMELINE_PRECISIONS = {Precision.DAY, Precision.WEEK, Precision.MONTH}  # the contract has no year-only dates


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _sort_key(entry: TimelineEntry) -> tuple[dt.date, int, str]:
    # by first possible day; a day before the week or month starting on it
    order = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3}
    return entry.start or dt.date.max, order[entry.precision], entry.event


def dated_times(analysis: StoryAnalysis) -> list[TimeExpr]:
    """Time expressions that date something in the story (resolved, not page furniture, finer than a year)."""
    return [
        t
        for a in analysis.documents
        for t in a.times
        if t.value and t.precision in TIMELINE_PRECISIONS and not t.chrome
    ]


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


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def contract_date(t: TimeExpr) -> str:
    """The entry's date as YYYY-MM-DD, YYYY-MM or YYYY-Www.  A range ("within two weeks",
    "2025-10-16/2025-10-30") becomes the smallest week or month holding it, else its start at its precision."""
    value = t.value or ""
    if "/" not in value:
        return value
    start, end = t.start or _day(value.split("/")[0]), t.end or _day(value.split("/")[-1])
    if start is None:
        return value.split("/")[0]
    if end is not None and _week(start) == _week(end):
        return _week(start)
    if end is not None and (start.year, start.month) == (end.year, end.month):
        return start.strftime("%Y-%m")
    if t.precision is Precision.WEEK:
        return _week(start)
    if t.precision is Precision.MONTH:
        return start.strftime("%Y-%m")
    return start.isoformat()


def _bounds(t: TimeExpr) -> tuple[dt.date | None, dt.date | None]:
    """First and last day ``t`` may fall on: the analyser's range, else the ISO day, week or month."""
    if t.start is not None:
        return t.start, t.end or t.start
    value = (t.value or "").split("/")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
    except ValueError:
        return None, None
    day = _day(value)
    return day, day


def _clause_around(adoc: AnalyzedDocument, t: TimeExpr) -> Clause | None:
    """The smallest clause holding both the time expression and the happening it dates,
    preferring what was done over the act of saying it."""
    ev = t.event_span or t.span
    lo, hi = min(ev.start, t.span.start), max(ev.end, t.span.end)
    holding = [c for c in adoc.clauses if c.span.start <= lo and hi <= c.span.end and c.kind != "attribution"]
    return min(holding, key=len_of) if holding else None


def len_of(c: Clause) -> int:
    return len(c.span)


def _segment(text: str, sentence: Span, lo: int, hi: int) -> Span:
    """The stretch of the sentence between punctuation breaks (, ; : dashes) that holds [lo, hi)."""
    start = max((m.end() for m in BREAK.finditer(text, sentence.start, lo)), default=sentence.start)
    after = BREAK.search(text, hi, sentence.end)
    return Span(sentence.doc, start, after.start() if after else sentence.end)


def _balanced(text: str) -> str:
    """Drops a quotation mark left open or closed by the cut."""
    if text.count("“") != text.count("”"):  # single marks are left alone: ’ is also the apostrophe
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text.strip()


def describe(adoc: AnalyzedDocument, t: TimeExpr) -> str:
    """What happened then, in the outlet's words: the clause around the time expression and its happening,
    else the stretch of its sentence between punctuation breaks."""
    text = adoc.document.text
    clause = _clause_around(adoc, t)
    if clause is not None and len(clause.span) <= 2 * DESCRIPTION_CHARS:
        span = clause.span
    else:
        ev = t.event_span or t.span
        span = _segment(text, sentence_of(adoc, t.span), min(ev.start, t.span.start), max(ev.end, t.span.end))
    desc = _balanced(clean(text[span.start : span.end]).strip(" ,;:—–-."))
    desc = re.sub(r"[,;]?\s+(but|and|or|while|as|which|that)$", "", desc)
    if len(desc) > DESCRIPTION_CHARS:
        desc = desc[:DESCRIPTION_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–-") + " …"
    return desc[:1].upper() + desc[1:]


def reports_speech(adoc: AnalyzedDocument, t: TimeExpr) -> bool:
    """Does ``t`` date only an act of saying ("said earlier this month")?  Decided by the clause analyser
    (the happening is the predicate of an attribution clause); without clauses, by the reporting lemmas."""
    if not t.event:
        return False
    if t.event_span is not None and adoc.clauses:
        ev = t.event_span
        return any(
            c.kind in REPORTING_KINDS and c.head == t.event and c.span.start <= ev.start and ev.end <= c.span.end
            for c in adoc.clauses
        )
    return t.event.lower() in REPORTING


def _drop_reporting(
    groups: dict[tuple[str, str], list[TimeExpr]], adocs: dict[str, AnalyzedDocument]
) -> dict[tuple[str, str], list[TimeExpr]]:
    """Entries that date only an act of reporting go when something else is dated then; when nothing is,
    the reporting acts of that date become one entry (what was said then is the news)."""
    by_date: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in groups:
        by_date[key[1]].append(key)
    out: dict[tuple[str, str], list[TimeExpr]] = {}
    for date, keys in by_date.items():
        kept = [k for k in keys if not all(reports_speech(adocs[t.span.doc], t) for t in groups[k])]
        if kept:
            out.update({k: groups[k] for k in kept})
            continue
        lead = max(keys, key=lambda k: (len({t.span.doc for t in groups[k]}), len(groups[k])))
        out[(lead[0], date)] = [t for k in keys for t in groups[k]]
    return out


def build_timeline(analysis: StoryAnalysis) -> list[TimelineEntry]:
    adocs = {a.document.id: a for a in analysis.documents}
    groups: dict[tuple[str, str], list[TimeExpr]] = defaultdict(list)
    times = dated_times(analysis)
    names = event_names(times)
    for t in times:
        groups[(names.get(t.event or "", ""), contract_date(t))].append(t)
    groups = _drop_reporting(groups, adocs)
    # happening -> date -> documents that give that date (day precision only: only days can clash)
    day_docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (event, value), ts in groups.items():
        if event and ts[0].precision is Precision.DAY and _day(value) is not None:
            day_docs[event][value] = {t.span.doc for t in ts}
    entries = []
    for (event, value), ts in groups.items():
        docs = {t.span.doc for t in ts}
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
        support = tuple(sorted({t.span for t in ts}, key=lambda s: (s.doc, s.start)))
        bounds = [b for t in ts if (b := _bounds(t))[0] is not None]
        start = min((b[0] for b in bounds if b[0]), default=None)
        end = max((b[1] for b in bounds if b[1]), default=None)
        entries.append(
            TimelineEntry(
                date=value,
                precision=ts[0].precision or Precision.DAY,
                event=event,
                support=support,
                disputed=tuple(disputed),
                description=_best_description(adocs, ts),
                start=start,
                end=end,
            )
        )
    return sorted(entries, key=_sort_key)


def _best_description(adocs: dict[str, AnalyzedDocument], ts: Sequence[TimeExpr]) -> str:
    """The clearest of the outlets' descriptions: one not opening on a pronoun, of middling length."""
    options = [describe(adocs[t.span.doc], t) for t in ts if t.span.doc in adocs]
    if not options:
        return ""
    pronoun = ("he ", "she ", "it ", "they ", "this ", "that ")
    return min(options, key=lambda d: (d.lower().startswith(pronoun), abs(len(d) - 80), d))
