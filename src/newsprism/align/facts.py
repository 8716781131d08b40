"""Claim units of all outlets -> facts: groups of units that state the same thing.

Whether two units state the same fact is the pair model's call (``pair_model``: embedding similarity plus
agreement on entities, predicate, amounts and dates, weights learned on annotated events).  Agreeing
values count for a pair, but differing values never count against it: two outlets that disagree on the
day of a call state the same fact differently, and the contradiction stage needs them in one group.

Comparison is blocked: each unit is scored only against its nearest neighbours in other outlets
(``NEIGHBOURS``), so work grows with n·k, not n².  Groups are then built by average linkage over those
scored pairs, and single units are moved between groups while that raises the grouping's worth
(``refine_groups``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsprism.analyze.quantities import MEASURE_UNITS
from newsprism.analyze.resources import embed_with_words
from newsprism.records import AnalyzedDocument, Clause, Quantity, Span, StoryAnalysis

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORD_TEXT = (
    "also been both could does from have having into more most much must only other over said says since "
    "some such than that their them then there these they this those very were what when where which "
    "while will with would about after again against before being between during further once under until "
    "would "
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

CONTEXT = 0.5  # at most this share of the sentence's vector goes into a (very short) unit's vector
SHORT_UNIT = 10  # units of this many words or more stand on their own words
TOPIC_SHARE = 0.08  # a stem in this share of a story's units is a topic word
TOPIC_ENTITY_SHARE = 0.15  # an entity named in this share of the units is what the story is about
FOCUS = 0.4  # weight of the topic-free words in a unit's vector
SPREAD = 0.15  # how far below the threshold (a probability) the weakest pair of a group may fall
SAME_OUTLET_MARGIN = 0.2  # a second unit from one outlet must fit every other outlet's unit this far above it
NEIGHBOURS = 12  # candidate partners per unit, per the blocking above
MOVE_PASSES = 10  # rounds of single-unit moves after linkage (``refine_groups``); few are ever needed
FLOOR = 0.40  # cosine below which a pair is never a candidate


@dataclass(frozen=True, slots=True)
class Unit:
    """A clause with what alignment needs to know about it."""

    index: int
    doc: str
    clause: Clause
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]  # amounts with a unit inside the unit
    dates: frozenset[str]  # resolved time values inside the unit
    stems: frozenset[str]  # content words (prefix stems), names excluded
    quoted: tuple[tuple[str, str, str], ...] = ()  # (speaker, words, utterance id) of quotations inside the unit
    focus: str = ""  # the unit's words without names and the story's topic words
    key_entities: frozenset[str] = frozenset()  # its entities less those the whole story is about
    speaker: str = ""  # who a claim is attributed to, or who speaks in an attribution ("he told reporters")
    vouchers: frozenset[str] = frozenset()  # the speaker and whoever the sentence is "according to"
    weekdays: frozenset[int] = frozenset()  # weekdays it names, even when no date could be resolved
    agent: str = ""  # the person the claim's subject names ("Trump stressed ..."), a "he" / "she" resolved

    @property
    def measured(self) -> bool:
        return bool(self.quantities)

    @property
    def dated(self) -> bool:
        return bool(self.dates)


def units_of(analysis: StoryAnalysis, utterances: dict[Span, str] | None = None) -> list[Unit]:
    """Alignable units of every document; ``utterances`` maps a quotation's span to the utterance it renders
    (from the quote variants), so renderings of one utterance in different words still count as shared."""
    utterances = utterances or {}
    out: list[Unit] = []
    for adoc in analysis.documents:
        claims = [c.span for c in adoc.clauses if c.kind in {"claim", "attribution"}]
        according = _according(adoc)
        for clause in adoc.clauses:
            if clause.kind == "provenance":
                continue
            sp = clause.span
            # a clause inside this one's span ("the ferry, which carried 200 people, sank") keeps its own
            # amounts and dates: they are not this unit's
            inside = [o for o in claims if o != sp and sp.start <= o.start and o.end <= sp.end]
            ents = frozenset(m.entity for m in adoc.mentions if m.entity and m.span.overlaps(sp))
            qs = tuple(q for q in adoc.quantities if _own(q.span, sp, inside) and is_measure(q))
            dates, weekdays = _days(adoc, sp, inside)
            names = [m.span for m in adoc.mentions if m.span.overlaps(sp)]
            names += _descriptors(adoc, names)
            quoted = tuple(
                (q.speaker, adoc.document.text[q.span.start : q.span.end], utterances.get(q.span, ""))
                for q in adoc.quotes
                if q.kind == "direct" and q.speaker and q.span.overlaps(sp)
            )
            stems = content_stems(adoc.document.text, sp, names)
            speaker = _speaker_in(adoc, sp) if clause.kind == "attribution" else clause.source
            vouchers = ({speaker} | according.get(clause.sentence, set())) - {None}
            out.append(
                Unit(
                    len(out),
                    adoc.document.id,
                    clause,
                    ents,
                    qs,
                    dates,
                    stems,
                    quoted,
                    speaker=speaker or "",
                    vouchers=frozenset(vouchers),
                    weekdays=weekdays,
                    agent=clause.agent or "",
                )
            )
    return without_topic(out)


def _according(adoc: AnalyzedDocument) -> dict[Span, set[str]]:
    """Per sentence, who it is "according to": the outlet's source for all of it, also when a claim in it
    is someone else's ("According to the Kremlin aide, Moscow told Washington that ...")."""
    out: dict[Span, set[str]] = defaultdict(set)
    for c in adoc.clauses:
        if c.kind == "provenance" and c.head == "accord":  # the lemma of "according"
            out[c.sentence] |= {m.entity for m in adoc.mentions if m.entity and m.span.overlaps(c.span)}
    return out


def _days(adoc: AnalyzedDocument, span: Span, inner: Sequence[Span]) -> tuple[frozenset[str], frozenset[int]]:
    """The resolved dates a unit states, and the weekdays it names (resolved or not)."""
    times = [t for t in adoc.times if _own(t.span, span, inner) and not t.chrome]
    return (
        frozenset(t.value for t in times if t.value),
        frozenset(t.weekday for t in times if t.weekday is not None),
    )


def _descriptors(adoc: AnalyzedDocument, names: Sequence[Span]) -> list[Span]:
    """The words before the head of a noun phrase that holds a name ("the embattled Italian leader Silvio
    Berlusconi"): they describe the named thing, which the entity check compares, not the claim."""
    out = []
    for start, end, _ in adoc.noun_chunks:
        if any(start <= n.start and n.end <= end for n in names):
            last = adoc.document.text.rfind(" ", start, end)
            if last > start:
                out.append(Span(adoc.document.id, start, last))
    return out


def _own(x: Span, span: Span, inner: Sequence[Span]) -> bool:
    return x.overlaps(span) and not any(x.overlaps(o) for o in inner)


def _speaker_in(adoc: AnalyzedDocument, span: Span) -> str | None:
    """The resolved speaker of the words an attribution unit reports: "he" in "he told reporters" is
    whoever the quotation analysis found him to be."""
    return next(
        (q.speaker for q in adoc.quotes if q.speaker and q.speaker_local and q.speaker_local.overlaps(span)), None
    )


def without_topic(units: list[Unit]) -> list[Unit]:
    """Drop the story's topic words from each unit's stems, and keep the rest as its focus text.

    Every unit of a story about missile deliveries says "missiles"; what tells its facts apart is the rest
    (the predicate, its other arguments).  A stem counts as topic when it occurs in at least TOPIC_SHARE of
    the units (and at least three): the within-story analogue of a stop word.
    """
    cutoff = max(3, TOPIC_SHARE * len(units))
    df = Counter(stem for u in units for stem in u.stems)
    topic = {stem for stem, n in df.items() if n >= cutoff}
    entity_df = Counter(e for u in units for e in u.entities)
    topic_entities = {e for e, n in entity_df.items() if n >= max(cutoff, TOPIC_ENTITY_SHARE * len(units))}
    out = []
    for u in units:
        focus = " ".join(w for w in _WORD.findall(u.clause.text) if w.lower()[:5] not in topic and len(w) > 2)
        out.append(replace(u, stems=u.stems - topic, focus=focus, key_entities=u.entities - topic_entities))
    return out


def content_stems(text: str, span: Span, names: Sequence[Span]) -> frozenset[str]:
    """Content words of a span as 5-letter prefixes ("relations"/"relation", "peaceful"/"peace" meet),
    leaving out names, which the entity check already compares."""
    out = set()
    for m in _WORD.finditer(text, span.start, span.end):
        if any(n.start <= m.start() < n.end for n in names):
            continue
        word = m.group().lower()
        if len(word) > 3 and word not in STOPWORDS:
            out.add(word[:5])
    return frozenset(out)


def is_measure(q: Quantity) -> bool:
    """An amount worth comparing: a measure, or a count that is more than "the two leaders"."""
    return q.unit is not None and (q.unit in MEASURE_UNITS or q.value > 2 or q.hedge is not None)


@dataclass(frozen=True, slots=True)
class UnitVectors:
    """Row ``i`` of each matrix embeds unit ``i``: its words, its sentence, its focus words, and their mix."""

    own: np.ndarray
    sentence: np.ndarray
    focus: np.ndarray
    mixed: np.ndarray  # what blocking, grouping and the later stages compare
    words: Sequence[np.ndarray] = ()  # per unit, its content word pieces' contextual vectors (one row each)


def unit_vectors(units: Sequence[Unit], analysis: StoryAnalysis, package: str, batch_size: int) -> UnitVectors:
    """Embeddings of the units' words, of their sentences and of their topic-free focus words, and a mix
    of the three (short units lean on their sentence).  All texts go to the embedder in one call, each
    distinct text once (a sentence holding several units is embedded once)."""
    texts = {a.document.id: a.document.text for a in analysis.documents}
    if not units:
        empty = np.zeros((0, 0), dtype=np.float32)
        return UnitVectors(empty, empty, empty, empty)
    own_texts = [u.clause.text or texts[u.doc][u.clause.span.start : u.clause.span.end] for u in units]
    words = np.array([len(t.split()) for t in own_texts], dtype=np.float32).reshape(-1, 1)
    weight = CONTEXT * np.clip((SHORT_UNIT - words) / SHORT_UNIT, 0.0, 1.0)  # short units lean on context
    sentence_texts = [texts[u.doc][u.clause.sentence.start : u.clause.sentence.end] for u in units]
    focus_texts = [u.focus or own for u, own in zip(units, own_texts, strict=True)]
    n = len(units)
    vecs, words = embed_with_words(own_texts + sentence_texts + focus_texts, package, batch_size)
    own, sentence, focus = vecs[:n], vecs[n : 2 * n], vecs[2 * n :]
    mixed = (1 - weight) * own + weight * sentence
    mixed /= np.linalg.norm(mixed, axis=1, keepdims=True).clip(1e-9)
    both = (1 - FOCUS) * mixed + FOCUS * focus
    return UnitVectors(own, sentence, focus, both / np.linalg.norm(both, axis=1, keepdims=True).clip(1e-9), words[:n])


PairScore = Callable[[Unit, Unit], float]  # the probability that two units state one fact (``pair_model``)


def candidate_pairs(units: Sequence[Unit], vectors: UnitVectors, score: PairScore) -> dict[tuple[int, int], float]:
    """Scored cross-outlet pairs among each unit's nearest neighbours."""
    _, docs = np.unique([u.doc for u in units], return_inverse=True)  # integer codes compare fast
    pairs: dict[tuple[int, int], float] = {}
    chunk = 512
    for lo in range(0, len(units), chunk):
        sims = vectors.mixed[lo : lo + chunk] @ vectors.mixed.T
        for r in range(sims.shape[0]):
            i = lo + r
            row = sims[r]
            row[docs == docs[i]] = -1.0
            k = min(NEIGHBOURS, len(units) - 1)
            if k <= 0:
                continue
            top = np.argpartition(-row, k - 1)[:k]
            for j in top:
                cos = float(row[j])
                if cos < FLOOR:
                    continue
                key = (min(i, int(j)), max(i, int(j)))
                if key not in pairs:
                    pairs[key] = score(units[key[0]], units[key[1]])
    return pairs


def group_units(
    units: Sequence[Unit], pairs: dict[tuple[int, int], float], threshold: float, score_pair: PairScore
) -> list[list[int]]:
    """Average-linkage grouping over the scored pairs; a pair outside the blocking is scored when needed
    (and added to ``pairs``)."""
    group_of = {u.index: u.index for u in units}
    members: dict[int, list[int]] = {u.index: [u.index] for u in units}
    score = _lookup(units, pairs, score_pair)
    version: dict[int, int] = defaultdict(int)  # bumped when a group grows
    rejected: dict[tuple[int, int], tuple[int, int]] = {}  # group pairs refused, at the versions refused
    for (i, j), s in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if s < threshold:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        key = (min(gi, gj), max(gi, gj))
        if rejected.get(key) == (version[key[0]], version[key[1]]):
            continue  # nothing changed since these two groups were refused
        a, b = members[gi], members[gj]
        cross = [score(x, y) for x in a for y in b if units[x].doc != units[y].doc]
        if not cross or sum(cross) / len(cross) < threshold or min(cross) < threshold - SPREAD:
            rejected[key] = (version[key[0]], version[key[1]])
            continue
        # a second unit from one outlet must fit every other outlet's unit: complete linkage for it
        docs_a, docs_b = Counter(units[x].doc for x in a), Counter(units[y].doc for y in b)
        shared_docs = set(docs_a) & set(docs_b)
        if shared_docs and (
            min(cross) < threshold + SAME_OUTLET_MARGIN or any(docs_a[d] + docs_b[d] > 2 for d in shared_docs)
        ):
            rejected[key] = (version[key[0]], version[key[1]])
            continue
        for y in b:
            group_of[y] = gi
        a.extend(b)
        del members[gj]
        version[gi] += 1
    return [sorted(m) for m in members.values()]


def _lookup(
    units: Sequence[Unit], pairs: dict[tuple[int, int], float], score_pair: PairScore
) -> Callable[[int, int], float]:
    """The score of two units by index: from ``pairs``, else scored now and added to it."""

    def score(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in pairs:
            pairs[key] = score_pair(units[i], units[j])
        return pairs[key]

    return score


def refine_groups(
    units: Sequence[Unit],
    groups: list[list[int]],
    pairs: dict[tuple[int, int], float],
    threshold: float,
    score_pair: PairScore,
) -> list[list[int]]:
    """Undo the greedy linkage's early mistakes by moving single units while that raises the grouping's worth.

    Linkage decides in score order and never revisits a join: a wrong unit that joins a fact first takes
    its outlet's place there, and the right one is then refused.  This is a local search on the
    correlation-clustering objective (each cross-outlet pair inside a fact is worth its probability less
    ``threshold``): a unit moves to a fact holding one of its candidate partners (taking the place of
    that outlet's unit there, which is left on its own) or out on its own, when that raises the sum.
    Every move raises the sum, so the search ends; MOVE_PASSES bounds it.
    """
    score = _lookup(units, pairs, score_pair)
    group_of = {i: k for k, group in enumerate(groups) for i in group}
    members = {k: set(group) for k, group in enumerate(groups)}
    fresh = len(groups)  # the next unused group key
    partners: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in pairs.items():
        if s >= threshold - SPREAD:
            partners[i].add(j)
            partners[j].add(i)

    def worth(u: int, others: Iterable[int]) -> float:
        return sum(score(u, j) - threshold for j in others if j != u and units[j].doc != units[u].doc)

    for _ in range(MOVE_PASSES):
        moves = 0
        for u in range(len(units)):
            here = worth(u, members[group_of[u]])
            best, target, evicted = 0.0, None, None
            for g in sorted({group_of[j] for j in partners[u]} - {group_of[u]}):
                same = [v for v in members[g] if units[v].doc == units[u].doc]
                if len(same) > 1:
                    continue
                rest = [j for j in members[g] if j not in same]
                gain = worth(u, rest) - here - (worth(same[0], rest) if same else 0.0)
                if gain > best + 1e-9:
                    best, target, evicted = gain, g, (same[0] if same else None)
            if target is None and here < 0:
                target, fresh = fresh, fresh + 1
                members[target] = set()
            if target is None:
                continue
            members[group_of[u]].discard(u)
            members[target].add(u)
            group_of[u] = target
            if evicted is not None:
                members[target].discard(evicted)
                members[fresh] = {evicted}
                group_of[evicted], fresh = fresh, fresh + 1
            moves += 1
        if not moves:
            break
    return [sorted(m) for m in members.values() if m]


def group_facts(vectors: UnitVectors, units: Sequence[Unit], threshold: float, score: PairScore) -> list[list[int]]:
    """Facts as groups of unit indices: candidate pairs by blocking, average linkage, then single-unit moves."""
    pairs = candidate_pairs(units, vectors, score)
    groups = group_units(units, pairs, threshold, score)
    return sorted(refine_groups(units, groups, pairs, threshold, score))
