"""Which clauses report others: reporting verbs, stated stances, and what a reported clause hangs under.

Read off spaCy's dependency parse for ``clauses``: a reporting verb with reported words under it ("said that
...", "..., officials said", "reiterated his thesis that ...") makes its own unit provenance, and each claim
under it remembers that unit as its attribution.  (``attribution`` walks the same parse for quotations' speaker
chains; this module decides what is a report for the claim units.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsprism.records import Span

_REPORTING_VERBS = (
    "say tell add note state claim announce write warn stress insist emphasize emphasise "
    "confirm reveal report explain argue suggest indicate continue quote underscore reiterate "
    "declare assert acknowledge admit predict post tweet inform recall remark comment reply "
    "respond caution believe think hail describe"
)
REPORTING = frozenset(_REPORTING_VERBS.split())
# a stance its holder states, whose that-clause is the reported words: "Putin reiterated his thesis that
# [Tomahawks will not change the situation]", "she voiced hope that [the talks resume]"; what others hold
# ("dismissed reports that ...") is not among them
_STANCE_NOUNS = (
    "thesis claim view position belief hope concern assertion argument warning conviction assurance fear "
    "expectation confidence opinion insistence"
)
STANCE_NOUNS = frozenset(_STANCE_NOUNS.split())
STATING_VERBS = REPORTING | {"repeat", "express", "voice", "restate", "reaffirm", "make", "share", "convey"}
# who reported, where, when and to whom: a clause under these belongs to the report's setting, not its words
SETTING_DEPS = {"prep", "npadvmod", "advmod", "dobj", "dative", "agent", "nsubj", "nsubjpass"}
# an audience, a venue, a medium or a time of the report itself ("told reporters", "at a briefing")
AUDIENCE_DEPS = {"dobj", "dative", "prep", "npadvmod"}


def is_report(tok: Token) -> bool:
    """A reporting verb with reported words under it ("said that ...", "... , he said").  An inserted
    attribution does not count as reported words: in "Trump, Ushakov added, emphasized the need for peace"
    the parataxis under "emphasized" is "added", and "emphasized the need for peace" is the claim."""
    if any(stated_stance(c) for c in tok.children):
        return True
    if tok.lemma_.lower() not in REPORTING:
        return False
    return tok.dep_ == "parataxis" or any(
        c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.lemma_.lower() not in REPORTING) for c in tok.children
    )


def stated_stance(tok: Token) -> bool:
    """The object of a stating verb naming a stance with its that-clause: "reiterated his thesis that ...".
    A negated verb states no stance ("did not share the view that ...")."""
    return (
        tok.dep_ == "dobj"
        and not any(c.dep_ == "neg" for c in tok.head.children)
        and tok.lemma_.lower() in STANCE_NOUNS
        and tok.head.lemma_.lower() in STATING_VERBS
        and any(
            c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
            for c in tok.children
        )
    )


def has_setting(head: Token, own: list[Token]) -> bool:
    """A reporting act with an audience, a venue, a medium or a time is itself a fact."""
    if head.lower_ == "according":
        return False
    return any(t.dep_ in AUDIENCE_DEPS and t.head.i == head.i and not stated_stance(t) for t in own) or any(
        t.ent_type_ in {"DATE", "TIME"} for t in own
    )


def _governing(tok: Token, said: dict[int, Span | None]) -> Span | bool | None:
    """The span of the reporting verb a clause hangs under ("X said A, but Y said B": B is Y's); False for
    a clause in the reporting act's own setting ("Zelensky wrote ahead of a meeting at which Trump is
    expected to ...": the writer does not report that), None for a clause under no reporting verb."""
    cur = tok
    while cur.head.i != cur.i:
        below, cur = cur, cur.head
        if cur.i in said:
            return False if below.dep_ in SETTING_DEPS and not stated_stance(below) else said[cur.i]
    return None


def reported_by(head: Token, said: dict[int, Span | None], in_sentence: Span | None) -> Span | None:
    """Who reports a claim: the reporting verb it hangs under, else the sentence's ("..., officials said")."""
    governing = _governing(head, said)
    if governing is False:
        return None
    return governing or in_sentence
