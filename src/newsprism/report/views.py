"""What the HTML and Markdown reports show, computed once from the dossier records (no markup here).

Both renderers read these views so they carry the same content: the outlets, the fact x outlet
matrix, contradictions with their differing words, quotes by speaker, framing, reuse and timeline.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.records import Contradiction, Dossier, Span, TimelineEntry
from newsprism.synthesize.outlets import outlet_labels

CARRIED, UNIQUE, OMITTED, CONTRADICTED = "carried", "unique", "omitted", "contradicted"
STATUS_MARK = {CARRIED: "●", UNIQUE: "★", OMITTED: "·", CONTRADICTED: "✕"}
TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Outlet:
    doc: str
    name: str
    short: str  # a few letters for matrix columns and graph nodes
    published: str | None
    title: str | None
    byline: str | None
    url: str | None
    body: str
    facts: int = 0
    unique: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    doc: str
    outlet: str
    text: str


@dataclass(frozen=True, slots=True)
class FactRow:
    id: str
    text: str
    status: tuple[str, ...]  # per outlet, in outlet order
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class SideView:
    value: str
    outlets: tuple[str, ...]
    segments: tuple[tuple[str, bool], ...]  # (words, differs from the other side) of the side's first sentence
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    speaker: str
    quotes: tuple[Evidence, ...]
    variants: tuple[tuple[Evidence, ...], ...]  # the same words rendered differently by several outlets


@dataclass(slots=True)
class Story:
    """Everything a report shows, in reading order."""

    title: str
    outlets: list[Outlet]
    names: dict[str, str] = field(default_factory=dict)  # doc id -> outlet name
    entity_names: dict[str, str] = field(default_factory=dict)


def story_of(dossier: Dossier) -> Story:
    """The outlets (with names, short marks and fact counts) and the story's title."""
    coverage = {c.doc: c for c in dossier.alignment.coverage} if dossier.alignment else {}
    carried: Counter[str] = Counter()
    if dossier.alignment:
        for f in dossier.alignment.facts:
            carried.update(set(f.outlets or {s.doc for s in f.support}))
    labels = outlet_labels(dossier.documents)
    outlets = []
    for d in dossier.documents:
        outlets.append(
            Outlet(
                doc=d.id,
                name=labels[d.id].label,
                short=labels[d.id].mark,
                published=d.published.isoformat() if d.published else None,
                title=d.title,
                byline=d.byline,
                url=d.url,
                body=d.body_text() or d.text,
                facts=carried[d.id],
                unique=len(coverage[d.id].unique) if d.id in coverage else 0,
            )
        )
    titles = Counter(d.title for d in dossier.documents if d.title)
    title = titles.most_common(1)[0][0] if titles else "One story across outlets"
    entity_names = {e.id: e.name for e in dossier.analysis.entities} if dossier.analysis else {}
    return Story(title=title, outlets=outlets, names={o.doc: o.name for o in outlets}, entity_names=entity_names)


def evidence(dossier: Dossier, spans: Sequence[Span], names: dict[str, str]) -> tuple[Evidence, ...]:
    texts = {d.id: d.text for d in dossier.documents}
    out, seen = [], set()
    for s in spans:
        key = (s.doc, s.start, s.end)
        if key in seen or s.doc not in texts:
            continue
        seen.add(key)
        out.append(Evidence(s.doc, names.get(s.doc, s.doc), " ".join(texts[s.doc][s.start : s.end].split())))
    return tuple(out)


def fact_matrix(dossier: Dossier, story: Story) -> list[FactRow]:
    """Every fact x outlet: carried, unique (only this outlet), omitted, or contradicted (the outlet takes a
    side in a contradiction about this fact).  Shared facts first, most widely carried first."""
    if dossier.alignment is None:
        return []
    contested: dict[str, set[str]] = {}
    for c in dossier.alignment.contradictions:
        if c.fact and not c.update:
            contested.setdefault(c.fact, set()).update(s.doc for side in c.sides for s in side.support)
    rows = []
    for f in dossier.alignment.facts:
        docs = set(f.outlets or {s.doc for s in f.support})
        status = []
        for o in story.outlets:
            if o.doc in contested.get(f.id, set()):
                status.append(CONTRADICTED)
            elif o.doc in docs:
                status.append(UNIQUE if len(docs) == 1 else CARRIED)
            else:
                status.append(OMITTED)
        shown = evidence(dossier, f.support, story.names)
        rows.append(FactRow(f.id, _labelled(f.text, f.slot, shown), tuple(status), shown))
    return sorted(rows, key=lambda r: (-sum(s in (CARRIED, CONTRADICTED) for s in r.status), r.id))


# what a slot fact says about its happening, put before its representative wording
SLOT_LABELS = {
    "day": "when",
    "clock": "what time",
    "hour": "how long",
    "km": "how far",
    "kg": "how heavy",
    "quote": "quoted",
    "place": "where",
}


def _labelled(text: str, slot: str | None, shown: Sequence[Evidence]) -> str:
    """A fact's wording, led by what it is about when it is one slot of a happening ("[when] In a nearly
    two-and-a-half-hour conversation on Thursday") or one outlet's detail ("[only here: Yemen] ...")."""
    words = " ".join(text.split())
    if slot is None:
        return words
    if slot == "detail":
        return f"[only here: {', '.join(dict.fromkeys(e.text for e in shown))}] {words}"
    return f"[{SLOT_LABELS.get(slot, slot)}] {words}"


def word_diff(a: str, b: str) -> tuple[tuple[tuple[str, bool], ...], tuple[tuple[str, bool], ...]]:
    """Both texts cut into (words, differs) runs, word by word (difflib: the standard library does this)."""
    wa, wb = TOKEN.findall(a), TOKEN.findall(b)
    key = lambda w: re.sub(r"\W", "", w.lower())  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[key(w) for w in wa], b=[key(w) for w in wb], autojunk=False)
    out_a: list[tuple[str, bool]] = []
    out_b: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            out_a.append((" ".join(wa[i1:i2]), tag != "equal"))
        if j2 > j1:
            out_b.append((" ".join(wb[j1:j2]), tag != "equal"))
    return tuple(out_a), tuple(out_b)


def _sentence_span(dossier: Dossier, span: Span) -> Span:
    """The analysed sentence holding ``span`` (the span itself when there is none)."""
    if dossier.analysis is not None:
        for a in dossier.analysis.documents:
            if a.document.id == span.doc:
                for sent in a.sentences:
                    if sent.span.start <= span.start < sent.span.end:
                        return sent.span
    return span


def _value_spans(dossier: Dossier, value: str, sentence: Span, support: Sequence[Span]) -> list[Span]:
    """Where a side's value stands in its sentence: the time expressions or amounts the value names,
    else the support spans when they are short, else the value's own words."""
    low = value.lower()
    # the dates a side names, as whole values: "2025" (this year) must not light up in "(2025-10-15)"
    named = set(re.findall(r"\d{4}-W\d{2}|\d{4}(?:-\d{2}){0,2}", value))
    out: list[Span] = []
    if dossier.analysis is not None:
        adoc = next((a for a in dossier.analysis.documents if a.document.id == sentence.doc), None)
        if adoc is not None:
            for t in adoc.times:
                if sentence.contains(t.span) and (
                    (t.value and t.value in named) or t.text.lower().rstrip("’'s") in low
                ):
                    out.append(t.span)
            for q in adoc.quantities:
                if sentence.contains(q.span) and (q.text.lower() in low or f"{q.value:g}" in low):
                    out.append(q.span)
    if not out:
        out = [sp for sp in support if sentence.contains(sp) and len(TOKEN.findall(_text(dossier, sp))) <= 6]
    if not out:
        text = _text(dossier, sentence)
        for word in {w for w in re.findall(r"\w+", value) if len(w) > 2}:
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, flags=re.I):
                out.append(Span(sentence.doc, sentence.start + m.start(), sentence.start + m.end()))
    return sorted(out, key=lambda sp: sp.start)


def _text(dossier: Dossier, span: Span) -> str:
    return next(d.text for d in dossier.documents if d.id == span.doc)[span.start : span.end]


def marked_segments(dossier: Dossier, sentence: Span, marks: Sequence[Span]) -> tuple[tuple[str, bool], ...]:
    """The sentence cut into (words, marked) runs, whitespace collapsed."""
    out: list[tuple[str, bool]] = []
    at = sentence.start
    for m in marks:
        if m.start < at:
            continue
        out += [(_text(dossier, Span(sentence.doc, at, m.start)), False), (_text(dossier, m), True)]
        at = m.end
    out.append((_text(dossier, Span(sentence.doc, at, sentence.end)), False))
    return tuple((" ".join(t.split()), flag) for t, flag in out if t.strip())


def contradiction_sides(dossier: Dossier, c: Contradiction, story: Story) -> list[SideView]:
    """Each side with its outlets and first sentence; only the differing value (the day, the number) is marked."""
    out = []
    for side in c.sides:
        if side.support:
            sentence = _sentence_span(dossier, side.support[0])
            segments = marked_segments(dossier, sentence, _value_spans(dossier, side.value, sentence, side.support))
        else:
            segments = ((side.value, True),)
        out.append(
            SideView(
                value=side.value,
                outlets=tuple(dict.fromkeys(story.names.get(s.doc, s.doc) for s in side.support)),
                segments=segments,
                evidence=evidence(dossier, side.support, story.names),
            )
        )
    return out


def quote_groups(dossier: Dossier, story: Story) -> list[QuoteGroup]:
    """Direct and reported quotes by speaker (most quoted first), with the variants the aligner found."""
    if dossier.analysis is None:
        return []
    by_speaker: dict[str, list[Span]] = {}
    for a in dossier.analysis.documents:
        for q in a.quotes:
            by_speaker.setdefault(q.speaker or "", []).append(q.span)
    variants: dict[str, list[tuple[Evidence, ...]]] = {}
    if dossier.alignment is not None:
        for v in dossier.alignment.quote_variants:
            if len({s.doc for s in v.renderings}) > 1:
                variants.setdefault(v.speaker or "", []).append(evidence(dossier, v.renderings, story.names))
    out = []
    for speaker in sorted(set(by_speaker) | set(variants), key=lambda s: (s == "", -len(by_speaker.get(s, [])))):
        name = story.entity_names.get(speaker, speaker) or "unattributed"
        out.append(
            QuoteGroup(
                name, evidence(dossier, by_speaker.get(speaker, []), story.names), tuple(variants.get(speaker, []))
            )
        )
    return out


def entry_period(entry: TimelineEntry) -> tuple[dt.date, dt.date] | None:
    """[first day, day after the last) of a timeline entry: its range when it has one, else its date's period."""
    if entry.start is not None and entry.end is not None:
        return entry.start, entry.end + dt.timedelta(days=1)
    return period(entry.date)


def readable_when(entry: TimelineEntry) -> str:
    """'Thu 16 Oct 2025', 'Oct 2025', 'week of 20 Oct 2025', '16–30 Oct 2025' (a range)."""
    p = entry_period(entry)
    if p is None:
        return entry.date
    first, last = p[0], p[1] - dt.timedelta(days=1)
    if first == last:
        return first.strftime("%a ") + f"{first.day} " + first.strftime("%b %Y")
    if re.fullmatch(r"\d{4}-\d{2}", entry.date) and p == period(entry.date):
        return first.strftime("%b %Y")
    if re.fullmatch(r"\d{4}-W\d{2}", entry.date) and (last - first).days == 6:
        return f"week of {first.day} " + first.strftime("%b %Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} " + first.strftime("%b %Y")
    return f"{first.day} " + first.strftime("%b") + f" – {last.day} " + last.strftime("%b %Y")


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """An ISO day, week, month or year -> [first day, day after the last)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = dt.date.fromisoformat(value)
            return d, d + dt.timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + dt.timedelta(days=7)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y + mo // 12, mo % 12 + 1, 1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value) + 1, 1, 1)
    except ValueError:
        return None
    return None
