"""Sentences -> claim-sized units, the atoms that cross-outlet alignment compares.

Written on top of spaCy's dependency parse, because no library splits news
sentences into claims with their provenance kept apart:

* every predicate (root, coordinated verb, clausal complement, adverbial or
  relative clause) heads a unit made of the tokens it governs directly;
* a reporting verb with a complement ("Ushakov told reporters that ...") is
  *attribution*: its unit is provenance, and the claim units under it remember
  it as their ``attribution`` span; "according to X" works the same way;
* a noun phrase naming a happening together with a date or an amount
  ("In a nearly two-hour conversation on Thursday", "Following Thursday's
  call") is an *event* unit of its own: outlets often date or measure the
  happening in a phrase, not in a clause.

A unit missing its subject (a coordinated verb, a relative clause) borrows the
subject's words in ``Clause.text``, so that units compare well on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from newsprism.analyze.quantities import is_unit_word
from newsprism.analyze.reporting import has_setting, is_report, reported_by
from newsprism.records import Clause, Document, Mention, Mood, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ANALYSER = "clauses/9"

PREDICATE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"}  # a clausal subject stays in its claim
MODALS = {"could", "might", "may", "possibly", "perhaps", "reportedly", "likely", "potential", "possible"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
RELATIVE = {"WDT", "WP", "WP$"}
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACED_AT = {"in", "at", "on", "near", "off", "outside", "inside"}  # "overturned near Chandpur"
QUOTE_MARKS = set("\"“”‘’'")
TRIM = set(" ,;:—–-\"“”‘’'()")
LEADING_WORDS = {"that", "while", "and", "but", "as", "which", "who", "so", "whereas", "although", "though"}


def _is_predicate(tok: Token) -> bool:
    # a finite clause the small model hangs on a noun ("a visit that ... would escalate"): still a clause
    if tok.dep_ == "acl" and tok.pos_ == "VERB" and any(c.dep_ in SUBJECTS or c.dep_ == "mark" for c in tok.children):
        return True
    if participle_modifier(tok):
        return True
    # an absolute clause ("..., with Geneva named as the venue"): its own subject, its own claim; the small
    # model also hangs the participle on the noun ("with Budapest, the Hungarian capital, mentioned as ...")
    if _absolute_clause(tok):
        return True
    if _absolute_participle(tok):
        return True
    if tok.dep_ not in PREDICATE_DEPS:
        return False
    if tok.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in tok.children):
        # "candid, and trust-based": a verb coordinated with an adjective is part of that phrase;
        # "neither confirmed nor denied the plans": one claim
        if tok.head.pos_ == "ADJ" or (_shares_object(tok.head) and not is_report(tok)):
            return False
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    # a nominal root ("A meeting in Budapest next week.") is a claim too
    return tok.dep_ == "ROOT"


def _frame(head: Token) -> bool:
    """A copula whose complement is a that-clause only frames it ("One of his key points was [that ...]",
    "the hope is [that ...]"): the that-clause is the claim."""
    children = list(head.children)
    return (
        head.lemma_ == "be"
        and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children) for c in children)
        and not any(c.dep_ in {"attr", "acomp"} for c in children)
    )


def participle_modifier(tok: Token) -> bool:
    """An active participle on a noun that says something of its own: "a ferry carrying about 200 people",
    "an attack killing 11 people".  A passive one ("the generators requested by the mayors") and a measure
    of the noun ("a quake measuring 6.4", "a meeting lasting two hours", like "a 6.4 quake") describe the
    noun: they stay in its clause, where the happening's place and day say which quake it was."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.i < tok.head.i:
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
    return bool(objects) and not any(o.pos_ == "NUM" or is_unit_word(o.text) for o in objects)


COMPLEMENTS = {"dobj", "ccomp", "xcomp", "prep", "attr", "acomp", "dative", "oprd", "agent", "prt"}


def _shares_object(verb: Token) -> bool:
    """A verb with no object or complement of its own, in an alternative: "neither confirmed nor denied
    the plans", "confirm or deny it".  ("arrived and saw fire" is two claims: "and" is not enough.)"""
    return (
        verb.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in COMPLEMENTS for c in verb.children)
        and any(c.lower_ in {"or", "nor", "neither", "either"} for c in verb.children)
    )


# hedges on the verb that make a claim only possible; "likely", "potential" and "possible" hedge a noun or
# an adjective ("a potential venue") more often than the verb, so they do not count here
POSSIBILITY = MODALS - {"likely", "potential", "possible"}


def _denied_by_degree(head: Token) -> bool:
    """A clause a degree phrase rules out: "the gulf is not deep enough (so) that we can expect tsunamis",
    "too shallow for a tsunami to form" say the tsunami will not come, though the clause has no "not"."""
    if head.dep_ not in {"advcl", "xcomp", "ccomp"}:
        return False
    governor = head.head
    degree = [
        t.lower_
        for c in governor.children
        if c.dep_ in {"acomp", "advmod", "amod"}
        for t in (c, *c.children)
        if t.lower_ in {"too", "enough"}
    ]
    negated = any(c.dep_ == "neg" for c in governor.children) or any(
        c.dep_ == "neg" for c in governor.head.children if governor.dep_ in {"acomp", "advmod"}
    )
    return "too" in degree or ("enough" in degree and negated)


def _mood(head: Token) -> Mood:
    """How sure the clause is that its head happened: "done" for a plain past ("the leaders (also) agreed"),
    "possible" for a modal or hedge on the verb itself ("may agree", "could possibly agree"), else ""
    (futures, conditionals, present, negations).  A hedge elsewhere ("agreed on a *potential* venue") does
    not count."""
    children = list(head.children)
    if any(c.dep_ in {"aux", "auxpass", "advmod"} and c.lower_ in POSSIBILITY for c in children):
        return "possible"
    if head.tag_ == "VBD" and not any(c.dep_ in {"aux", "auxpass", "neg"} for c in children):
        return "done"
    return ""


def _has_measure(tok: Token) -> bool:
    """A noun modified by a date or an amount: the makings of an event unit."""
    for child in tok.subtree:
        if child.i == tok.i or _inside_clause(child, tok):
            continue
        if child.ent_type_ in {"DATE", "TIME", "QUANTITY"}:
            return True
        # "two-and-a-half-hour", "10-day": a measure; "the two leaders" (a count of people) is not
        if child.like_num and child.dep_ != "nummod" and tok.tag_ != "NNS":
            return True
    return False


def _inside_clause(tok: Token, top: Token) -> bool:
    """Is ``tok`` inside a clause that hangs below ``top`` (a relative clause, say)?"""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
            return True
        cur = cur.head
    return False


def _event_heads(sent: Sequence[Token]) -> list[Token]:
    """Nouns naming a dated or measured happening, outside the clause's core arguments."""
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.ent_type_:
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and _is_predicate(tok.head.head) and _has_measure(tok):
            out.append(tok.head)  # include the preposition: "In a ... conversation on Thursday"
        elif tok.dep_ in {"nsubj", "nsubjpass"} and _has_measure(tok) and not tok.ent_type_:
            out.append(tok)
    return out


def _trimmed(tokens: Iterable[Token]) -> list[Token]:
    """A unit's tokens in order, less stray punctuation and leading or trailing punctuation and conjunctions."""
    out = _without_stray_punctuation(sorted(tokens, key=lambda t: t.i))
    while out and (out[0].is_punct or out[0].lower_ in LEADING_WORDS or out[0].is_space):
        out = out[1:]
    while out and (((out[-1].is_punct or out[-1].is_space) and out[-1].text not in {"”", '"'}) or out[-1].dep_ == "cc"):
        out = out[:-1]
    return out


def _words(tokens: Iterable[Token]) -> str:
    """A unit's words as written ("face-to-face", not "face - to - face"): the text's own spacing between
    neighbouring tokens, one space where another unit's tokens were left out."""
    kept = _trimmed(tokens)
    # "the MV Shapla-3, [which was built in 1998,] overturned": the commas around a left-out clause go with it
    around = {
        t.i
        for a, b in pairwise(kept)
        if a.is_punct and b.is_punct and a.i < b.i - 1 and a.text not in QUOTE_MARKS and b.text not in QUOTE_MARKS
        for t in (a, b)
    }
    kept = [t for t in kept if t.i not in around]
    return "".join(
        t.text + (t.whitespace_ if k + 1 < len(kept) and kept[k + 1].i == t.i + 1 else " ") for k, t in enumerate(kept)
    ).strip()


def _span_of(tokens: list[Token], doc_id: str, text: str) -> Span | None:
    tokens = _trimmed(tokens)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM - {"”", '"'}:
        end -= 1
    return Span(doc_id, start, end) if end - start >= 3 else None


def _without_stray_punctuation(tokens: list[Token]) -> list[Token]:
    """Drop runs of punctuation cut off from the unit's words by another unit's tokens.

    The parser hangs a sentence's closing quote mark or full stop on its root, so without this a main
    clause's span would stretch over a coordinated clause that follows it ("would cause damage and harm
    the prospects”").
    """
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    kept = [run for run in runs if not all(t.is_punct or t.is_space or t.dep_ == "cc" for t in run)]
    return [t for run in kept for t in run] if kept else tokens


def _absolute_clause(tok: Token) -> bool:
    """The verb of an absolute clause as parsed right: the complement of "with", with a subject of its own."""
    return tok.dep_ == "pcomp" and tok.pos_ == "VERB" and any(c.dep_ in SUBJECTS for c in tok.children)


def _absolute_participle(tok: Token) -> bool:
    """The participle of an absolute clause the small model hangs on its subject noun: ", with Budapest,
    the Hungarian capital, mentioned as a potential venue" (set off by a comma, unlike "supply Ukraine with
    the missiles sought by Zelensky")."""
    noun = _absolute_subject(tok)
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ == "with" and prep.i > 0 and tok.doc[prep.i - 1].text == ","


def _absolute_subject(participle: Token) -> Token:
    """The noun a participle hangs on, through an apposition ("Budapest, the capital, mentioned")."""
    noun = participle.head
    return noun.head if noun.dep_ == "appos" else noun


def _misparsed_subjects(tokens: Sequence[Token]) -> dict[int, int]:
    """Gerund subjects the small model hangs on the noun before them, as a relative clause.

    In "warned during a call that sending missiles would damage ties", spaCy's small model makes
    "sending" a relative clause of "call".  A subjectless gerund "relative clause" followed at once by a
    modal or auxiliary of a verb that has no subject of its own is that verb's subject: map it there.
    """
    out = {}
    for tok in tokens:
        # "that" as the gerund's subject is part of the same misparse (it is the complementiser)
        if (
            tok.dep_ != "relcl"
            or tok.tag_ != "VBG"
            or any(c.dep_ in SUBJECTS and c.tag_ != "WDT" for c in tok.children)
        ):
            continue
        nxt_i = max(t.i for t in tok.subtree) + 1
        if nxt_i >= len(tok.doc):
            continue
        nxt = tok.doc[nxt_i]
        verb = nxt.head
        if nxt.dep_ == "aux" and verb.pos_ in {"VERB", "AUX"} and not any(c.dep_ in SUBJECTS for c in verb.children):
            out[tok.i] = verb.i
    for tok in tokens:
        if _absolute_participle(tok):  # its subject noun and "with" belong to its clause, not the one above
            noun = _absolute_subject(tok)
            out[noun.i] = out[noun.head.i] = tok.i
        elif _absolute_clause(tok):  # "with" belongs to its clause too
            out[tok.head.i] = tok.i
    return out


def _owner(tok: Token, heads: set[int], moved: dict[int, int]) -> int | None:
    """The nearest predicate or event head governing ``tok`` (itself included)."""
    cur = tok
    while True:
        if cur.i in moved:
            cur = cur.doc[moved[cur.i]]
            continue
        if cur.i in heads:
            return cur.i
        if cur.head.i == cur.i:
            return None
        cur = cur.head


def _days_on_describing_participles(heads: Iterable[Token]) -> dict[int, int]:
    """A day or time the parse hangs on a participle after a noun ("foiled an attack on ships transiting the
    Gulf on Friday") dates the sentence's event, not the ships' passage: each such phrase, moved to the noun,
    goes to the clause that holds the noun (``timex._attachment`` reads the same parse the same way)."""
    return {
        c.i: h.head.i
        for h in heads
        if participle_modifier(h)
        for c in h.children
        if c.i > h.i and c.dep_ in {"prep", "npadvmod"} and any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)
    }


def _places(own: Sequence[Token], names: dict[int, Span]) -> tuple[Span, ...]:
    """Places a clause puts its happening at: a locative phrase on a verb ("overturned near Chandpur",
    "outside a Hawaiian Gardens apartment"), or on a happening placed so ("met at a summit in Alaska").  A
    place on a plain noun ("the war in Ukraine") says what, not where; nor does a verb's object ("supply
    Ukraine", "keep Greece from defaulting").  ``names``: the place mentions by the index of their root token."""
    out = []
    for tok in own:
        if tok.i not in names:
            continue
        where, hops, placed = tok, PLACED_AT, False
        while where.dep_ == "compound" and where.head.pos_ in {"NOUN", "PROPN"}:
            where = where.head
        while not placed and where.dep_ == "pobj" and where.head.lower_ in hops:
            where = where.head.head
            placed = where.pos_ in {"VERB", "AUX"}
            # on through a named place ("on the Meghna River near Chandpur") or a place a common noun is
            # put at ("at a summit in Alaska"), not through what it is about ("focused on the war in Ukraine")
            hops = PLACED_AT if where.pos_ == "PROPN" else {"in", "at", "to"}
        if placed:
            out.append(names[tok.i])
    return tuple(out)


def _own_subject(tok: Token) -> Token | None:
    """A predicate's subject; a relative pronoun ("that", "which") is not one, its antecedent is."""
    return next((c for c in tok.children if c.dep_ in SUBJECTS and c.tag_ not in RELATIVE), None)


def _subject(head: Token) -> Token | None:
    """The subject of a unit, borrowed when it has none: a coordinated verb's or a relative clause's antecedent."""
    cur = head
    for _ in range(4):
        if (subj := _own_subject(cur)) is not None:
            return subj
        if cur.dep_ in {"relcl", "acl"}:
            return cur.head
        if cur.dep_ in {"conj", "ccomp", "advcl", "xcomp"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


def find_clauses(sdoc: Doc, document: Document, mentions: Sequence[Mention] = ()) -> list[Clause]:
    """Claim, attribution and event units of every body sentence, in text order.  ``mentions`` (the
    document's names) tell which places a unit puts its happening at."""
    text = document.text
    out: list[Clause] = []
    place_names = {}
    for m in mentions:
        name = sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if m.label in PLACE_TYPES and not m.nominal and name is not None:
            place_names[name.root.i] = m.span
    for sent in sdoc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens or not any(s <= tokens[0].idx < e for s, e in document.body):
            continue
        sent_span = _span_of(tokens, document.id, text)
        if sent_span is None:
            continue
        moved = _misparsed_subjects(tokens)
        heads = {t.i: t for t in tokens if _is_predicate(t) and t.i not in moved}
        moved |= _days_on_describing_participles(heads.values())
        events = {t.i: t for t in _event_heads(tokens)}
        according = [t for t in tokens if t.lower_ == "according" and any(c.dep_ == "prep" for c in t.children)]
        all_heads = set(heads) | set(events) | {t.i for t in according}
        owned: dict[int, list[Token]] = {i: [] for i in all_heads}
        for tok in tokens:
            owner = _owner(tok, all_heads, moved)
            if owner is not None:
                owned[owner].append(tok)
        owner_of = {t.i: head for head, toks in owned.items() for t in toks}
        attribution: Span | None = None
        reporting = [h for h in heads.values() if is_report(h)]
        for acc in according:
            attribution = _span_of(owned[acc.i], document.id, text) or attribution
        said = {rep.i: _span_of(owned[rep.i], document.id, text) for rep in reporting}
        for rep in reporting:
            if rep.dep_ == "parataxis":  # "..., officials said": the whole sentence's source
                attribution = said[rep.i] or attribution
        for i in sorted(all_heads):
            span = _span_of(owned[i], document.id, text)
            if span is None:
                continue
            head = heads.get(i) or events.get(i) or sdoc[i]
            if i in events:
                noun = next((c for c in head.children if c.dep_ == "pobj"), head)
                kind, lemma = "event", noun.lemma_.lower()
            elif i in {r.i for r in reporting} or i in {a.i for a in according}:
                # "Ushakov said" is provenance only; "Ushakov told reporters at a briefing" also states a happening
                kind = "attribution" if has_setting(head, owned[i]) else "provenance"
                lemma = head.lemma_.lower()
            else:
                kind, lemma = "claim", head.lemma_.lower()
            words = _words(owned[i])
            subject = _subject(head) if kind != "event" else None
            if kind == "claim" and subject is not None and subject.i not in {t.i for t in owned[i]}:
                # the subject's words, less those of clauses inside it ("the ferry, which was carrying ...,")
                borrowed = (
                    _words(t for t in subject.subtree if owner_of.get(t.i) == owner_of.get(subject.i))
                    if subject.dep_ in SUBJECTS
                    else subject.text
                )
                if borrowed not in words:
                    words = f"{borrowed} {words}"
            own = owned[i]
            if kind == "claim" and (sum(not (t.is_stop or t.is_punct) for t in own) < 2 or _frame(head)):
                continue  # a bare verb ("agreed") or a frame says nothing on its own
            out.append(
                Clause(
                    span=span,
                    sentence=sent_span,
                    attribution=reported_by(head, said, attribution) if kind != "attribution" else None,
                    negated=any(t.dep_ == "neg" or t.lower_ in {"neither", "nor", "never"} for t in own)
                    or _denied_by_degree(head),
                    hedged=any(t.lower_ in MODALS for t in own),
                    mood=_mood(head) if kind == "claim" else "",
                    places=_places(own, place_names) if kind in {"claim", "event"} else (),
                    kind=kind,
                    text=words,
                    head=lemma,
                    subject=subject.lemma_.lower() if subject is not None else "",
                    subject_span=(
                        Span(document.id, subject.idx, subject.idx + len(subject.text)) if subject is not None else None
                    ),
                )
            )
    return out
