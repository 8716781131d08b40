"""Noun phrases for framing, read from the analyser's noun chunks (no second parse).

* ``labels`` -- phrases headed by a word of a given class ("war", "regime") and tied to a place, inside
  the chunk ("Ukraine war", "Kyiv regime") or after a preposition ("war in Ukraine").
* ``loaded_rows`` -- candidate loaded terms: modified noun phrases that some outlet carries only inside
  quotation marks while fewer outlets use them in their own voice ("the Kyiv regime", "terrorist
  methods"), tied to a story entity or quoted by several outlets.  Each outlet's use is filed as its own
  voice or as quoted-only, so the table shows who adopts a label and who only reports it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.records import AnalyzedDocument, FramingChoice, StoryAnalysis
from newsprism.synthesize.text import inside, quoted_regions, words

DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "any", "such", "both", "all", "every", "each", "no", "another", "other",
}  # fmt: skip
LINK = re.compile(r"\s+(in|over|on|against|with|between|of|for)\s+$", re.I)
MAX_LOADED_ROWS = 6
MARKS = "\"“”‘’'«»"
QUOTE_MARK = re.compile(r"[\"“”«»]|(?<!\w)[‘’']|[‘’'](?!\w)")  # not the apostrophe inside "president’s"


@dataclass(frozen=True, slots=True)
class Phrase:
    doc: str
    start: int  # offsets of the phrase without its determiner
    end: int
    text: str  # whitespace collapsed, quotation marks dropped
    head: str  # head lemma, lower case
    quoted: bool  # inside a quotation
    entities: tuple[str, ...]  # story entities mentioned inside the phrase


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drops a leading determiner or possessive pronoun and surrounding quotation marks."""
    while start < end and text[start] in MARKS + " ":
        start += 1
    while end > start and text[end - 1] in MARKS + " ":
        end -= 1
    m = re.match(r"(\w+)\s+", text[start:end])
    if m and m.group(1).lower() in DETERMINERS:
        start += m.end()
    while start < end and text[start] in MARKS + " ":
        start += 1
    return start, end


def phrases(adoc: AnalyzedDocument, regions: Sequence[tuple[int, int]]) -> list[Phrase]:
    text = adoc.document.text
    owners = [(m.span.start, m.span.end, m.entity) for m in adoc.mentions if m.entity]
    out = []
    for s0, e0, head in adoc.noun_chunks:
        s, e = _trim(text, s0, e0)
        if e <= s:
            continue
        words = " ".join(QUOTE_MARK.sub("", text[s:e]).split())
        ents = tuple(dict.fromkeys(ent for ms, me, ent in owners if ms < e and me > s and ent))
        out.append(Phrase(adoc.document.id, s, e, words, head.lower(), inside(regions, s, e), ents))
    return out


def _place_words(ph: Phrase) -> list[str]:
    """Capitalised words before the head: the place or party modifying it ("Ukraine", "Ukrainian", "Kyiv’s")."""
    words = ph.text.split()
    return [w for w in words[:-1] if w[:1].isupper()]


def labels(
    analysis: StoryAnalysis, found: dict[str, list[Phrase]], heads: set[str]
) -> list[tuple[str, int, int, str, set[str]]]:
    """(doc, start, end, label, place stems) of phrases headed by ``heads`` and tied to a place."""
    out = []
    for adoc in analysis.documents:
        doc, text = adoc.document.id, adoc.document.text
        chunks = found[doc]
        for i, ph in enumerate(chunks):
            if ph.head not in heads or not ph.text.split()[-1][:1].islower():
                continue
            stems = {_stem(w) for w in _place_words(ph)}
            end = ph.end
            nxt = chunks[i + 1] if i + 1 < len(chunks) else None
            if nxt is not None and LINK.match(text[ph.end : nxt.start]) and nxt.text[:1].isupper():
                stems.add(_stem(nxt.text.split()[0]))
                end = nxt.end
            if stems:
                out.append((doc, ph.start, end, " ".join(text[ph.start : end].split()), stems))
    return out


def _stem(word: str) -> str:
    """A crude key joining a place and its adjective ("Ukraine"/"Ukrainian" -> "ukrai")."""
    return re.sub(r"[’']s$", "", word).lower()[:5]


def _candidate(ph: Phrase) -> bool:
    """A modified common noun: two words or more, a lower-case head, not a name, no numbers."""
    words = ph.text.split()
    return len(words) >= 2 and words[-1][:1].islower() and not any(ch.isdigit() for ch in ph.text)


def loaded_rows(analysis: StoryAnalysis, found: dict[str, list[Phrase]], taken: set[str]) -> list[FramingChoice]:
    """Terms some outlet carries only inside quotes while fewer use them in their own voice.

    Kept when tied to a story entity ("Kyiv regime") or carried by two outlets or more ("terrorist
    methods"); ranked by how many outlets adopt them, then how many carry them at all.
    """
    order = [a.document.id for a in analysis.documents]
    covering: dict[str, set[str]] = defaultdict(set)  # entity -> outlets mentioning it
    for ent in analysis.entities:
        covering[ent.id] = {s.doc for s in ent.mentions}
    uses: dict[str, dict[str, list[Phrase]]] = defaultdict(lambda: defaultdict(list))
    for doc in order:
        for ph in found[doc]:
            if _candidate(ph) and ph.text.lower() not in taken:
                uses[ph.text.lower()][doc].append(ph)
    own_words: dict[str, set[str]] = defaultdict(set)  # doc -> words it uses in its own voice
    for a in analysis.documents:
        regions = quoted_regions(a)
        own_words[a.document.id] = {w for w, s, e in words(a.document.text) if not inside(regions, s, e)}
    ranked = []
    for key, by_doc in uses.items():
        own = [d for d, phs in by_doc.items() if any(not p.quoted for p in phs)]
        quoted = [d for d, phs in by_doc.items() if all(p.quoted for p in phs)]
        anchored = {e for phs in by_doc.values() for p in phs for e in p.entities}
        audience = set().union(*(covering[e] for e in anchored)) if anchored else set(by_doc)
        if not quoted or len(own) >= len(quoted) or len(audience) < 2:
            continue
        if not anchored and len(by_doc) < 2:
            continue
        # a word the other outlets avoid in their own voice ("terrorist", "regime"), not a common one
        modifiers = [w.lower().replace("’", "'") for w in key.split()[:-1] if len(w) > 2]
        if not any(all(m not in own_words[d] for d in order if d not in own) for m in modifiers):
            continue
        first = next(p for d in order for p in by_doc.get(d, []))
        choices = tuple((d, (by_doc[d][0].text,)) for d in order if d in own)
        in_quotes = tuple((d, (by_doc[d][0].text,)) for d in order if d in quoted)
        row = FramingChoice(referent=first.text, entity=None, choices=choices, in_quotes=in_quotes, kind="loaded")
        ranked.append(((-len(own), -len(by_doc), key), row))
    return [row for _k, row in sorted(ranked, key=lambda x: x[0])[:MAX_LOADED_ROWS]]
