"""Who does what: the person each clause's subject names, a "he" or "she" continued from the subject before it.

The quotation analysis resolves speakers, not the subjects of claims, and no library here resolves
coreference, so this small resolver works on the clause and mention records: a named subject is its person;
a "he" or "she" continues the first person subject of its own sentence before it, or, opening a sentence, the
subject of the previous sentence's first clause (its main subject, the likeliest antecedent).  A coordinated
subject ("Putin and Trump agreed", "he and Putin plan") is an act of both and names no one person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsprism.records import Clause, Mention, Span

ANALYSER = "agents/1"

_JOINT = re.compile(r",? (?:and|&) ")  # after a subject: a second one coordinated with it


def clause_agents(text: str, clauses: Sequence[Clause], mentions: Sequence[Mention]) -> dict[Span, str]:
    """Per clause span, the entity id of the person who does what it says (clauses with none left out)."""

    def person(subject: Span) -> str | None:
        return next((m.entity for m in mentions if m.entity and m.label == "PERSON" and m.span.overlaps(subject)), None)

    by_sentence: dict[Span, list[tuple[Clause, Span]]] = defaultdict(list)
    for c in sorted(clauses, key=lambda c: c.span.start):
        if c.subject_span is not None:
            by_sentence[c.sentence].append((c, c.subject_span))
    out: dict[Span, str] = {}
    previous = ""  # the previous sentence's first subject, when a person
    for sentence in sorted(by_sentence, key=lambda s: s.start):
        in_sentence = by_sentence[sentence]
        first = ""
        for c, subject in in_sentence:
            if _JOINT.match(text, subject.end):
                continue
            named = person(subject)
            if named:
                out[c.span] = named
            elif text[subject.start : subject.end].lower() in ("he", "she"):
                if first:
                    out[c.span] = first
                elif c is in_sentence[0][0] and previous:
                    out[c.span] = previous
            first = first or out.get(c.span, "")
        previous = out.get(in_sentence[0][0].span, "")
    return out
