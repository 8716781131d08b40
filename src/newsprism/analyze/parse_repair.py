"""Repairs to three misparses of spaCy's small English model that cost a story its facts.

*A noun where the verb belongs.*  "A ferry carrying about 200 people capsized on the Meghna on Monday
night" is a garden path: the small model reads "people capsized on ... on Monday night" as a reduced
relative clause on "people" and leaves the sentence a noun phrase with no verb ("ferry" as its root).
Every later stage then misses that the ferry capsized on Monday: the clause has no predicate, the time
dates "people".  Wire and disaster ledes are built this way ("A bus carrying pilgrims plunged ..."), and
the small model does the same to plain clauses ("A crowded ferry overturned on the river, officials
said" gets "ferry" as the reported clause and "overturned" as a modifier).  The repair: when a noun sits
where a verb belongs (the root, a reported clause) and a past participle without a subject of its own
hangs after it, in its subtree, the participle is the clause's verb and the noun its subject.

*A second verb read as a modifier.*  In "they could harm diplomatic ties and hinder peace efforts" the
tagger calls "hinder" a verb, but the parser makes it a compound modifier of "efforts", coordinated with
"ties": one claim where there are two.  The repair: a verb-tagged compound on a noun coordinated with an
object is a verb coordinated with the one governing that object, and the noun its object.

*A dateline read as the subject.*  "CHANDPUR, Bangladesh — A crowded ferry overturned ..." gets
"CHANDPUR" as the subject of "overturned" and the ferry as its apposition; "MOSCOW, Oct 16 — Putin
told ..." gets two subjects.  Every story from a wire opens this way.  The repair: the words before a
dash at the start of a sentence, all names and numbers, are a dateline: they modify the verb as a
place ("npadvmod", as the model itself reads "LONDON — Starmer said"), and a word after the dash that
the parser hung on them takes the dateline's place (the ferry becomes the subject).

All run on every sentence, as one pipe after the parser.  No library does this: it corrects this
model's output, it is not a parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PARSE_REPAIRS = "newsprism_parse_repairs"
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
CLAUSE_DEPS = {"ROOT", "ccomp"}  # where a verb belongs: a noun there is the subject of a misread verb
VERB_TAGS = {"VB", "VBD", "VBZ", "VBP"}
DASHES = {"—", "–", "-", "--"}
DATELINE_TAGS = {"NNP", "NNPS", "CD", ",", "-LRB-", "-RRB-", "HYPH"}  # "KYIV, Ukraine (AP)", "MOSCOW, Oct 16"
DATELINE_WORDS = 8  # a dateline's dash comes this early in the sentence or it is none


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


def misread_modifier(tok: Token) -> Token | None:
    """The verb that governs the first object, when ``tok`` is a verb the parser made a compound modifier
    of a noun coordinated with that object ("harm ties and [hinder] peace efforts"), else None."""
    noun = tok.head
    if tok.tag_ not in VERB_TAGS or tok.dep_ != "compound" or noun.dep_ != "conj" or tok.i != noun.left_edge.i:
        return None
    first = noun.head
    verb = first.head
    if first.dep_ != "dobj" or verb.tag_ not in VERB_TAGS | {"VBN", "VBG"}:
        return None
    return verb


def dateline(sent: SpacySpan) -> tuple[Token, Token] | None:
    """The dash that closes the dateline ``sent`` opens with ("CHANDPUR, Bangladesh —", "WASHINGTON
    (Reuters) -"), and the verb the dateline modifies; None when it opens with none.  A dateline is names
    and numbers, led by a word in capitals or holding an agency in brackets ("Trump - who ..." is none)."""
    dash = next((t for t in sent[1:DATELINE_WORDS] if t.text in DASHES), None)
    if dash is None:
        return None
    words = sent.doc[sent.start : dash.i]
    if any(t.tag_ not in DATELINE_TAGS for t in words) or not (
        (words[0].text.isupper() and len(words[0].text) > 2) or any(t.tag_ == "-LRB-" for t in words)
    ):
        return None
    hosts = [t.head for t in words if t.head.i > dash.i and t.head.tag_ in VERB_TAGS | {"VBN", "VBG", "MD"}]
    verb = hosts[0] if hosts else sent.root
    return (dash, verb) if verb.i > dash.i else None


def repair(doc: Doc) -> Doc:
    if not doc.has_annotation("DEP"):  # the parser was left out of this run
        return doc
    for tok in list(doc):
        verb = misread_modifier(tok)
        if verb is None:
            continue
        noun, first = tok.head, tok.head.head
        for cc in [c for c in first.children if c.dep_ == "cc" and c.i < tok.i]:
            cc.head = verb
        for late in [c for c in first.children if c.i > noun.i]:  # "... peace efforts [in Ukraine]": the nearer
            late.head = noun
        tok.head, tok.dep_ = verb, "conj"
        noun.head, noun.dep_ = tok, "dobj"
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
    for sent in list(doc.sents):
        found = dateline(sent)
        if found is None:
            continue
        dash, verb = found
        inside = range(sent.start, dash.i + 1)
        subject = next(
            (t.dep_ for t in sent.doc[sent.start : dash.i] if t.dep_ in SUBJECTS and t.head.i == verb.i), None
        )
        for tok in sent.doc[dash.i + 1 : sent.end]:  # "A crowded ferry", hung on the dateline: the clause's again
            if tok.head.i in inside:
                tok.head = verb
                if subject and tok.dep_ in {"appos", "conj", "nmod"}:
                    tok.dep_, subject = subject, None
        for tok in sent.doc[sent.start : dash.i + 1]:
            if tok.head.i not in inside or tok.head.i == tok.i:
                tok.head = verb if tok.dep_ != "punct" else sent.doc[sent.start]
                tok.dep_ = "npadvmod" if tok.dep_ != "punct" else "punct"
        dash.head, dash.dep_ = sent.doc[sent.start], "punct"
    return doc


def register() -> None:
    """Make the pipe available to ``nlp.add_pipe(PARSE_REPAIRS)``."""
    from spacy.language import Language

    if not Language.has_factory(PARSE_REPAIRS):
        Language.component(PARSE_REPAIRS, func=repair)
