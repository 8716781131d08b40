"""Framing: for each referent the outlets name differently, each outlet's choice of words.

Three sources of rows (phrases come from the analyser's noun chunks, see ``phrases``):

* **names** -- the mentions of one resolved entity grouped by outlet; a row is kept when two outlets
  spell a word of the name differently ("Kiev"/"Kyiv", "Yuri"/"Yury").  Entities the resolver kept apart
  but whose names are spelling variants of each other, never both in one outlet, are joined first.
* **labels** -- noun phrases headed by a noun that names a conflict/event or a governing actor, modified
  by a place ("war in Ukraine", "Ukrainian crisis", "Kyiv regime"), grouped by the place they name.
* **loaded** -- modified noun phrases some outlet carries only inside quotes while fewer adopt them.

Each term is filed as the outlet's own voice or, when it stands only inside quotation marks, under
``in_quotes``: a loaded label an outlet merely quotes is not its choice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import partial

from rapidfuzz import fuzz

from newsprism.config import Settings
from newsprism.records import Entity, FramingChoice, StoryAnalysis
from newsprism.synthesize.phrases import Phrase, labels, loaded_rows, phrases
from newsprism.synthesize.text import WORD, inside, quoted_regions

NAME_TYPES = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"}
# Head nouns that name a conflict or a happening of one, and nouns that name a governing actor: the
# labels outlets choose between.  A word class, not a list of loaded phrases: the phrases come from the parse.
EVENT_HEADS = {
    "war",
    "conflict",
    "crisis",
    "invasion",
    "fighting",
    "hostilities",
    "offensive",
    "operation",
    "aggression",
    "standoff",
    "dispute",
    "confrontation",
    "clash",
    "violence",
    "unrest",
    "insurgency",
    "occupation",
    "siege",
    "battle",
    "campaign",
    "escalation",
    "uprising",
    "revolution",
    "coup",
    "genocide",
    "massacre",
}
ACTOR_HEADS = {"regime", "government", "authorities", "administration", "leadership", "junta", "cabinet"}
SPELLING_SIMILARITY = 70.0  # rapidfuzz ratio at which two words of one name are spellings of each other


def spelling_variants(a: str, b: str) -> bool:
    """Two words of a name that differ only in transliteration or a letter or two."""
    a, b = a.lower().replace(".", ""), b.lower().replace(".", "")
    return a != b and a[:1] == b[:1] and fuzz.ratio(a, b) >= SPELLING_SIMILARITY


def _name_words(form: str) -> list[str]:
    return [w for w in WORD.findall(form.replace("’s", "").replace("'s", "")) if w[:1].isupper()]


def _same_name(a: str, b: str) -> bool:
    """Every word of the shorter name equals or is a spelling variant of a word of the longer one."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return all(any(x.lower() == y.lower() or spelling_variants(x, y) for y in long_) for x in short)


def _docs_of(entity: Entity) -> set[str]:
    return {s.doc for s in entity.mentions}


def join_variant_entities(entities: Sequence[Entity]) -> list[list[Entity]]:
    """Groups of entities that are one referent spelt differently by different outlets (never in one outlet)."""
    groups: list[list[Entity]] = []
    for ent in sorted(entities, key=lambda e: -len(e.mentions)):
        for group in groups:
            if (
                group[0].type == ent.type
                and not any(_docs_of(g) & _docs_of(ent) for g in group)
                and _same_name(group[0].name, ent.name)
            ):
                group.append(ent)
                break
        else:
            groups.append([ent])
    return groups


def _surface(text: str) -> str:
    form = " ".join(text.split())
    for suffix in ("’s", "'s", "’", "'"):
        if form.endswith(suffix):
            form = form[: -len(suffix)]
    return form


def _ranked(forms: Counter[str], variant_words: set[str]) -> tuple[str, ...]:
    """An outlet's forms of a name: those showing a spelling variant, fullest and most frequent first."""
    marked = [f for f in forms if set(_name_words(f)) & variant_words]
    chosen = marked or list(forms)
    return tuple(sorted(chosen, key=lambda f: (-len(_name_words(f)), -forms[f], f)))


def name_rows(analysis: StoryAnalysis, regions: dict[str, list[tuple[int, int]]]) -> list[FramingChoice]:
    """One row per referent whose name two outlets spell differently."""
    texts = {a.document.id: a.document.text for a in analysis.documents}
    order = [a.document.id for a in analysis.documents]
    rows = []
    for group in join_variant_entities([e for e in analysis.entities if e.type in NAME_TYPES]):
        own: dict[str, Counter[str]] = defaultdict(Counter)
        quoted: dict[str, Counter[str]] = defaultdict(Counter)
        for ent in group:
            for sp in ent.mentions:
                form = _surface(texts[sp.doc][sp.start : sp.end])
                if not form[:1].isupper():  # pronouns and role nouns are not names
                    continue
                (quoted if inside(regions[sp.doc], sp.start, sp.end) else own)[sp.doc][form] += 1
        docs = set(own) | set(quoted)
        if len(docs) < 2:
            continue
        by_doc_words = {d: {w for f in (own[d] + quoted[d]) for w in _name_words(f)} for d in docs}
        variant_words: set[str] = set()
        for d1 in docs:
            for d2 in docs:
                for w1 in by_doc_words[d1] - by_doc_words[d2]:
                    for w2 in by_doc_words[d2] - by_doc_words[d1]:
                        if spelling_variants(w1, w2):
                            variant_words |= {w1, w2}
        if not variant_words:
            continue
        ranked = partial(_ranked, variant_words=variant_words)

        head = group[0]
        # a name's spelling inside a quotation is still the outlet's transcription: used when it has no other
        choices = tuple((d, ranked(own[d] or quoted[d])) for d in order if own[d] or quoted[d])
        in_quotes = tuple(
            (d, ranked(Counter({f: n for f, n in quoted[d].items() if f not in own[d]})))
            for d in order
            if set(quoted[d]) - set(own[d])
        )
        rows.append(
            FramingChoice(referent=head.name, entity=head.id, choices=choices, in_quotes=in_quotes, kind="name")
        )
    return rows


def _stem_groups(found: list[tuple[str, int, int, str, set[str]]]) -> dict[str, str]:
    """Place stem -> group key, joining stems that co-occur in one label (union-find over stems)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for *_rest, stems in found:
        first, *others = sorted(stems)
        root(first)
        for other in others:
            parent[root(other)] = root(first)
    return {s: root(s) for s in parent}


def label_rows(
    analysis: StoryAnalysis, found: dict[str, list[Phrase]], regions: dict[str, list[tuple[int, int]]]
) -> list[FramingChoice]:
    """Rows for the labels outlets give the story's conflict/events and its governing actors."""
    rows = []
    order = [a.document.id for a in analysis.documents]
    for heads, kind in ((EVENT_HEADS, "label"), (ACTOR_HEADS, "actor")):
        found_labels = labels(analysis, found, heads)  # (doc, start, end, label text, place stems)
        group_of = _stem_groups(found_labels)
        by_group: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
        for doc, s, e, label, stems in found_labels:
            by_group[group_of[next(iter(stems))]].append((doc, s, e, label))
        for items in by_group.values():
            if len({d for d, *_ in items}) < 2 and not any(inside(regions[d], s, e) for d, s, e, _l in items):
                continue  # one outlet's own label, with no other outlet to compare and no quote to tell apart
            own: dict[str, Counter[str]] = defaultdict(Counter)
            quoted: dict[str, Counter[str]] = defaultdict(Counter)
            for doc, s, e, label in items:
                (quoted if inside(regions[doc], s, e) else own)[doc][label] += 1
            every = Counter(label.lower() for d in own for label in own[d].elements())
            if not every and not quoted:
                continue
            top = (every or Counter(label.lower() for d in quoted for label in quoted[d].elements())).most_common(1)[0][
                0
            ]
            referent = next(label for _d, _s, _e, label in items if label.lower() == top)
            choices = tuple((d, tuple(f for f, _ in own[d].most_common())) for d in order if own[d])
            in_quotes = tuple(
                (d, tuple(f for f, _ in quoted[d].most_common() if f not in own[d]))
                for d in order
                if set(quoted[d]) - set(own[d])
            )
            rows.append(FramingChoice(referent=referent, entity=None, choices=choices, in_quotes=in_quotes, kind=kind))
    return rows


def minority_terms(rows: Sequence[FramingChoice], n_docs: int) -> set[str]:
    """Labels that fewer than half of the outlets labelling that referent use in their own voice: one side's words."""
    out = set()
    for row in rows:
        if row.kind == "name":
            continue
        if row.kind == "loaded":  # a term other outlets only quote or avoid: never the summary's own voice
            out |= {t.lower() for _d, terms in (*row.choices, *row.in_quotes) for t in terms}
            continue
        users: Counter[str] = Counter(t.lower() for _d, terms in row.choices for t in set(terms))
        labelling = len(row.choices)
        out |= {t for t, n in users.items() if labelling >= 2 and n * 2 < labelling}
    return out


def find_framing(analysis: StoryAnalysis, settings: Settings | None = None) -> list[FramingChoice]:
    """Every framing row of the story: name spellings, then labels (most outlets first), then loaded terms."""
    regions = {a.document.id: quoted_regions(a) for a in analysis.documents}
    found = {a.document.id: phrases(a, regions[a.document.id]) for a in analysis.documents}
    names = name_rows(analysis, regions)
    label_list = label_rows(analysis, found, regions)
    taken = {t.lower() for r in label_list for _d, terms in (*r.choices, *r.in_quotes) for t in terms}
    loaded = loaded_rows(analysis, found, taken)
    key = lambda r: (-len(r.choices), r.referent)  # noqa: E731
    return sorted(names, key=key) + sorted(label_list, key=key) + loaded
