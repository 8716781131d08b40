"""Repairs to one misparse of spaCy's small English model that costs a story its main happening.

"A ferry carrying about 200 people capsized on the Meghna on Monday night" is a garden path: the small
model reads "people capsized on ... on Monday night" as a reduced relative clause on "people" and
leaves the sentence a noun phrase with no verb ("ferry" as its root).  Every later stage then misses that
the ferry capsized on Monday: the clause has no predicate, the time dates "people".  Wire and disaster
ledes are built this way ("A bus carrying pilgrims plunged ...", "A gunman armed with a rifle opened
fire ..."), and the small model does the same to plain clauses ("A crowded ferry overturned on the river,
officials said" gets "ferry" as the reported clause and "overturned" as a modifier).  So the repair runs
on every sentence, as a pipe after the parser: when a noun sits where a verb belongs (the root, a
reported clause) and a past participle without a subject of its own hangs after it, in its subtree, the
participle is the clause's verb and the noun its subject.  No library does this:
it is a correction of this model's output, not a general parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

GARDEN_PATH = "newsprism_garden_path"
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
CLAUSE_DEPS = {"ROOT", "ccomp"}  # where a verb belongs: a noun there is the subject of a misread verb


def misread_verb(noun: Token) -> Token | None:
    """The participle the parser hung under ``noun`` although it is the verb of the clause ``noun`` stands
    for, if any: ``noun`` must sit where a verb belongs (the sentence's root, a reported clause)."""
    if noun.tag_ not in NOUN_TAGS or noun.dep_ not in CLAUSE_DEPS:  # (tags: the pipe runs before POS mapping)
        return None
    for tok in noun.subtree:
        if (
            tok.i > noun.i
            and tok.dep_ == "acl"
            and tok.tag_ in {"VBN", "VBD"}
            and not any(c.dep_ in SUBJECTS for c in tok.children)
        ):
            return tok
    return None


def repair(doc: Doc) -> Doc:
    if not doc.has_annotation("DEP"):  # the parser was left out of this run
        return doc
    for noun in [t for t in doc if t.dep_ in CLAUSE_DEPS]:
        verb = misread_verb(noun)
        if verb is None:
            continue
        closing = [c for c in noun.children if c.dep_ == "punct" and c.i > verb.i]
        if noun.dep_ == "ROOT":
            verb.head = verb
        else:
            verb.head = noun.head
        verb.dep_, noun.dep_ = noun.dep_, "nsubj"
        noun.head = verb
        for punct in closing:
            punct.head = verb
    return doc


def register() -> None:
    """Make the pipe available to ``nlp.add_pipe(GARDEN_PATH)``."""
    from spacy.language import Language

    if not Language.has_factory(GARDEN_PATH):
        Language.component(GARDEN_PATH, func=repair)
