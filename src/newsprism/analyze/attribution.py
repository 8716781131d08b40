"""Who says it: reporting chains read off a spaCy dependency parse.

A *source* is a (speaker token, cue token) pair.  Walking up the tree from a
quote's words, every reporting verb whose content the words are ("the aide
said [the minister warned that X]"), every "according to X" and every parenthetical
"X added" met on the way adds a source; the first is the speaker, the rest the
relays, nearest first.  No library does this: textacy's ``direct_quotations``
only pairs a quote with the nearest reporting verb's subject (no chains, no
pronouns, no "quoted Y as saying"), so the walk is written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textacy import constants as textacy_constants

if TYPE_CHECKING:
    from spacy.tokens import Token

# textacy's list, plus verbs news writing uses to report words, stances and
# labels ("underscored", "reiterated", "tweeted", "hailed the 'great progress'").
REPORTING_LEMMAS = frozenset(textacy_constants.REPORTING_VERBS["en"]) - {"according", "order"} | {
    "quote", "emphasize", "emphasise", "underscore", "reiterate", "repeat", "tweet", "post", "caution",
    "call", "insist", "respond", "remark", "comment", "indicate", "reveal", "signal", "vow", "pledge",
    "threaten", "demand", "propose", "recount", "inform", "assure", "advise", "tout", "boast", "joke",
    "hail", "praise", "welcome", "condemn", "slam", "blast", "dismiss", "lament", "question", "answer",
    "exclaim", "point", "learn", "continue", "express", "reaffirm", "stress", "brand", "label", "dub",
    "term", "characterize", "characterise", "speculate", "muse", "quip", "retort", "counter", "lash",
    "proclaim", "announce", "acknowledge", "affirm", "assert", "contend", "promise", "guarantee",
}  # fmt: skip
# "continue" and "point" report only in "X continued, ..." / "X pointed out that ...".
_NEEDS_CONTENT = frozenset({"continue", "point", "call", "learn"})

PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# dependencies through which a child is the *content* of a reporting verb
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "prep", "pcomp", "parataxis"})
_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})


@dataclass(frozen=True, slots=True)
class Source:
    """One link of a reporting chain: who (head token of the noun phrase) and by which word."""

    speaker: Token
    cue: Token


def is_reporting(tok: Token) -> bool:
    """A verb that reports words or stances (``said``, ``warned``, ``quoted``, ``described``)."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in REPORTING_LEMMAS:
        return False
    lemma = tok.lemma_.lower()
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if lemma == "continue":
        return not any(c.dep_ in ("xcomp", "dobj") for c in tok.children)
    return True


def is_parenthetical(tok: Token) -> bool:
    """``the aide added`` set into another clause: a reporting verb with a subject and no content of its own."""
    if not is_reporting(tok) or tok.dep_ not in ("parataxis", "advcl", "ccomp", "conj") or tok.head.i == tok.i:
        return False
    if tok.lemma_.lower() in _NEEDS_CONTENT - {"continue"}:
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "prep", "advcl") and c.lower_ != "reporters" for c in kids):
        return False
    if not any(c.dep_ in _SUBJECT_DEPS for c in kids):
        return False
    if tok.dep_ == "parataxis":
        return True
    # an advcl/ccomp/conj reading needs the comma that sets it off ("..., the aide continued.")
    doc = tok.doc
    first = min([tok.i, *(c.i for c in kids if c.dep_ in _SUBJECT_DEPS)])
    return first > 0 and doc[first - 1].is_punct


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, borrowed from the governing clause for participles and conjuncts."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.lower_ not in ("there",):
            return child  # a relative "who" is resolved to its noun by ``antecedent_of_relative``
    for child in verb.children:
        if child.dep_ == "agent":  # "it was announced by the ministry"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth < 4 and verb.dep_ in _CLAUSE_LINKS and verb.head.i != verb.i:
        if verb.dep_ == "acl":
            return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
        found = subject_of(verb.head, depth + 1)
        if found is not None:
            return found
    return _named_before(verb) if depth == 0 else None


def _named_before(verb: Token) -> Token | None:
    """When the parse lost the subject: the last named person or body before the verb in its sentence."""
    for tok in reversed(verb.doc[verb.sent.start : verb.i]):
        if tok.ent_type_ in ("PERSON", "ORG", "NORP") and tok.pos_ == "PROPN":
            if tok.dep_ not in ("pobj", "poss", "dobj", "compound"):
                return tok
    return None


def antecedent_of_relative(tok: Token) -> Token | None:
    """The noun a relative pronoun subject stands for: "the minister, who said ..." -> minister."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.head
    return None


# verbs whose to-infinitive reports what was said or wanted ("vowed to win", "urged Congress to act")
INFINITIVE_REPORTING = frozenset(
    {"vow", "pledge", "promise", "threaten", "urge", "ask", "demand", "call", "refuse", "decline", "agree", "warn"}
)


def _object_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def cue_sources(verb: Token) -> list[Source]:
    """Sources introduced by one reporting verb, innermost first: ``X quoted Y as saying`` gives [Y, X]."""
    if verb.lemma_.lower() == "quote":
        quoted = _object_of(verb)
        relay = subject_of(verb)
        if quoted is not None and quoted.pos_ in ("PROPN", "NOUN", "PRON"):
            return [Source(quoted, verb)] + ([Source(relay, verb)] if relay is not None else [])
    speaker = subject_of(verb)
    return [Source(speaker, verb)] if speaker is not None else []


def according_to(tok: Token) -> Token | None:
    """The X of an ``according to X`` attached to ``tok``'s phrase, if ``tok`` is that ``according``."""
    if tok.lower_ != "according":
        return None
    for to in tok.children:
        if to.lower_ == "to":
            return next((p for p in to.children if p.dep_ == "pobj"), None)
    return None


def _side_sources(head: Token, skip: Token | None, inside: list[range], outer: list[Source]) -> list[Source]:
    """Parenthetical ``X said`` attached to ``head`` (not via ``skip``); ``according to X`` goes to ``outer``."""
    out: list[Source] = []
    for child in head.children:
        if (skip is not None and child.i == skip.i) or any(child.i in r for r in inside):
            continue
        who = according_to(child)
        if who is not None:
            outer.append(Source(who, child))
        elif is_parenthetical(child):
            out.extend(cue_sources(child))
    return out


def chain_from(start: Token, quoted: Iterable[range] = (), include_start: bool = True) -> list[Source]:
    """Walk from ``start`` to the root; collect sources, innermost first.

    ``quoted`` are token ranges of direct quotations: verbs inside them are the
    speaker's own words, never the outlet's attribution.  ``according to X``
    is the outermost source wherever it is attached (spaCy often hangs it on
    the reported clause).  ``include_start``: count parentheticals on
    ``start`` itself.
    """
    spans = list(quoted)
    chain: list[Source] = []
    outer: list[Source] = []
    side = _side_sources(start, None, spans, outer)
    if include_start:
        chain.extend(side)
    child, head = start, start.head
    while head.i != child.i:
        inside = any(head.i in r for r in spans)
        if not inside and is_reporting(head) and child.dep_ in _CONTENT_DEPS:
            if child.dep_ != "prep" or child.lower_ in ("as", "of", "about", "on"):
                chain.extend(cue_sources(head))
        chain.extend(_side_sources(head, child, spans, outer))
        child, head = head, head.head
    return _dedupe(chain + outer)


def _dedupe(chain: list[Source]) -> list[Source]:
    out: list[Source] = []
    for src in chain:
        if not any(o.speaker.i == src.speaker.i for o in out):
            out.append(src)
    return out


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Character range of the noun phrase headed by ``tok``: modifiers before it, no clauses after."""
    if tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok)
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod"):
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat") and child.i == right + 1:
            right = child.i
    doc = tok.doc
    # a possessive or determiner that opens a quoted phrase is not part of the speaker
    while left < tok.i and (doc[left].is_punct or doc[left].is_quote):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS
