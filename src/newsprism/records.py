"""Typed, frozen records that cross stage boundaries.

Data flows one way::

    RawInput -> Document -> AnalyzedDocument -> Fact / Contradiction -> Dossier

Every span is a pair of character offsets into ``Document.text`` (Python ``str``
indices, end exclusive), never a spaCy object, so records can be pickled,
stored and sent to Dask workers.  Each stage adds its own records and never
reaches back into an earlier one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text."""

    doc: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} in {self.doc}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.doc == other.doc and min(self.end, other.end) > max(self.start, other.start)

    def contains(self, other: Span) -> bool:
        return self.doc == other.doc and self.start <= other.start and other.end <= self.end


# ----------------------------------------------------------------- ingest
@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as it arrived, before cleaning.

    ``text`` is the decoded file content for plain text, ``html`` the page for
    HTML; exactly one of them is set.  ``meta`` carries metadata supplied from
    outside the text (manifest, JSONL fields, feed entries) and wins over guesses.
    """

    id: str
    origin: str  # file path, "file.jsonl#3", URL ...
    text: str | None = None
    html: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    encoding_note: str | None = None


class Outcome(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class InputReport:
    """What became of one input: read, skipped (why) or failed (why)."""

    origin: str
    outcome: Outcome
    reason: str | None = None
    doc_id: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article.

    ``text`` is what the offsets index: the file's exact decoded content for a
    ``.txt`` input, the extracted text for HTML.  ``body`` holds the article's
    prose as (start, end) ranges of ``text``; ``headings`` the section heads.
    """

    id: str
    text: str
    body: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, int], ...] = ()
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    dateline: str | None = None
    url: str | None = None
    origin: str | None = None
    metadata_sources: tuple[tuple[str, str], ...] = ()  # (field, "manifest"|"text"|"html"|...)

    def body_text(self) -> str:
        return "\n".join(self.text[s:e] for s, e in self.body)

    def span_text(self, span: Span | tuple[int, int]) -> str:
        if isinstance(span, Span):
            return self.text[span.start : span.end]
        return self.text[span[0] : span[1]]


# ---------------------------------------------------------------- analyze
@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a person, place or organisation; ``entity`` is set once resolved."""

    span: Span
    text: str
    label: str  # PERSON, GPE, ORG, LOC, NORP ...
    entity: str | None = None
    role: str | None = None  # "President", "Kremlin aide" ... when stripped from the name
    role_span: Span | None = None  # where ``role`` stands in the text (a title before the name, an apposition)
    nominal: bool = False  # a role description standing for a name ("the Kremlin aide"), not a name


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent across all documents of a story."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (``direct``) or reported speech (``indirect``).

    ``speaker`` is an entity id, or None when it cannot be determined;
    ``via`` the reporting chain between outlet and speaker, nearest first.
    """

    span: Span
    kind: str  # "direct" | "indirect"
    speaker: str | None
    via: tuple[str, ...] = ()
    speaker_span: Span | None = None  # the mention naming the speaker (pronouns resolved)
    via_spans: tuple[Span, ...] = ()  # mentions of the reporting chain, nearest first
    cue: str | None = None
    confidence: float = 1.0
    analyser: str = ""
    speaker_local: Span | None = None  # the speaker as written in the sentence ("he"), before pronoun resolution


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression resolved against the document's reference date.

    ``value`` is ISO: YYYY-MM-DD (day), YYYY-Www (week), YYYY-MM (month), YYYY.
    ``start``/``end`` bound it for comparisons (an interval for weeks, ranges).
    """

    span: Span
    text: str
    value: str | None
    precision: Precision | None
    start: dt.date | None = None
    end: dt.date | None = None
    anchor: dt.date | None = None
    estimated: bool = False
    reason: str | None = None
    weekday: int | None = None  # 0=Monday when a weekday is named
    event: str | None = None  # lemma of the happening it dates ("call", "announce", "meet")
    event_span: Span | None = None
    chrome: bool = False  # page furniture ("one day ago"), not a fact of the text


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """The date a document's relative time expressions are resolved against, and where it came from."""

    date: dt.date | None
    estimated: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or amount, normalised: hedges give a range ``low``..``high``."""

    span: Span
    text: str
    value: float
    low: float
    high: float
    unit: str | None = None
    hedge: str | None = None  # "nearly", "about", "at least" ...


Mood = Literal["done", "possible", ""]


@dataclass(frozen=True, slots=True)
class Clause:
    """A claim-sized unit of a sentence, the atom of cross-outlet alignment.

    ``attribution`` is the provenance span ("Ushakov told reporters") when the
    clause reports someone's words; ``source`` the entity it is attributed to;
    ``agent`` the person its subject names ("Trump stressed ...", a "he" resolved).
    """

    span: Span
    sentence: Span
    attribution: Span | None = None
    source: str | None = None
    agent: str | None = None
    negated: bool = False
    hedged: bool = False
    kind: str = "claim"  # claim | attribution | provenance | event (a dated or measured happening inside a clause)
    text: str = ""  # the words compared across outlets (a missing subject filled in from its clause)
    head: str = ""  # lemma of the predicate or event noun
    subject: str = ""  # lemma of the subject's head word (borrowed from the clause it hangs on if need be)
    entities: tuple[str, ...] = ()  # filled by the pipeline: entity ids mentioned inside the span
    subject_span: Span | None = None  # the subject's head word (a pronoun stays a pronoun), borrowed or own
    mood: Mood = ""  # of the head verb: "done" (past, no modal: "agreed"), "possible" ("may agree"), else ""
    places: tuple[Span, ...] = ()  # places it puts what happens at ("overturned near Chandpur"), not "war in Ukraine"


@dataclass(frozen=True, slots=True)
class AnalyzedDocument:
    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    times: tuple[TimeExpr, ...]
    quantities: tuple[Quantity, ...]
    clauses: tuple[Clause, ...] = ()
    reference_date: dt.date | None = None
    reference_estimated: bool = False
    reference_reason: str | None = None
    # base noun phrases of the body: (start, end, head lemma); lets later stages read phrases without re-parsing
    noun_chunks: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """All analysed documents of one story, with entities resolved across them."""

    documents: tuple[AnalyzedDocument, ...]
    entities: tuple[Entity, ...]


# ------------------------------------------------------------------ align
class Corroboration(StrEnum):
    SINGLE = "single"  # one outlet
    SOME = "some"  # several, not most
    MOST = "most"  # at least half
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str  # a representative wording
    support: tuple[Span, ...]
    outlets: tuple[str, ...]  # document ids
    corroboration: Corroboration
    sources: tuple[str, ...] = ()  # entity ids it is attributed to
    score: float = 1.0
    slot: str | None = None  # "day", "hour", "km" ...: a fact about one attribute of a happening


@dataclass(frozen=True, slots=True)
class ContradictionSide:
    value: str
    support: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    kind: str  # date | number | place | who | polarity | certainty
    about: str
    sides: tuple[ContradictionSide, ...]
    reason: str
    fact: str | None = None
    confidence: float = 1.0
    update: bool = False  # a later report updating an earlier one, not a conflict


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    id: str
    speaker: str | None
    renderings: tuple[Span, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class Coverage:
    doc: str
    unique: tuple[str, ...]  # fact ids
    omitted: tuple[tuple[str, int], ...]  # (fact id, how many others carry it)


@dataclass(frozen=True, slots=True)
class Alignment:
    facts: tuple[Fact, ...]
    contradictions: tuple[Contradiction, ...]
    quote_variants: tuple[QuoteVariant, ...]
    coverage: tuple[Coverage, ...]


# ------------------------------------------------------------- synthesize
@dataclass(frozen=True, slots=True)
class FramingChoice:
    referent: str
    entity: str | None
    choices: tuple[tuple[str, tuple[str, ...]], ...]  # (doc id, terms)
    in_quotes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # terms seen only inside quotes
    kind: str = "name"  # name | label | loaded


@dataclass(frozen=True, slots=True)
class ReuseEdge:
    source: str
    derived: str
    score: float
    kind: str  # copy | paraphrase | common-source
    evidence: tuple[tuple[Span, Span], ...] = ()
    direction_from: str = "containment"  # "publication" | "quotation" | "containment"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    precision: Precision
    event: str
    support: tuple[Span, ...]
    disputed: tuple[tuple[str, str], ...] = ()  # (doc id, other date)
    description: str = ""  # what happened then, in an outlet's words (the clause around the time expression)
    start: dt.date | None = None  # first and last day the entry may fall on (a range, a week, a month)
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    facts: tuple[str, ...]
    sources: tuple[str, ...]
    support: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Synthesis:
    """What the synthesize stage adds to a story: framing, text reuse, timeline, neutral summary."""

    framing: tuple[FramingChoice, ...] = ()
    reuse: tuple[ReuseEdge, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummarySentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Dossier:
    documents: tuple[Document, ...]
    inputs: tuple[InputReport, ...]
    analysis: StoryAnalysis | None = None
    alignment: Alignment | None = None
    framing: tuple[FramingChoice, ...] = ()
    reuse: tuple[ReuseEdge, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    created: str = ""
    version: str = ""
