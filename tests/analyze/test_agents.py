"""Who does what: a clause's subject person, a "he" or "she" continued from the subject before it."""

from __future__ import annotations

from newsprism.analyze.pipeline import analyze_documents
from newsprism.records import Document


def agents(text: str) -> dict[str, str | None]:
    doc = Document(id="a", text=text, body=((0, len(text)),))
    (adoc,) = analyze_documents([doc]).documents
    return {text[c.span.start : c.span.end]: c.agent for c in adoc.clauses if c.kind == "claim"}


def test_a_named_subject_and_the_pronouns_that_continue_it():
    found = agents(
        "Mayor Anna Berg opened the new bridge on Monday. She thanked the engineers, and she praised the workers. "
        "The bridge cost 40 million euros."
    )
    people = {agent for agent in found.values() if agent}
    assert len(people) == 1, found
    berg = people.pop()
    assert next(a for k, a in found.items() if "opened the new bridge" in k) == berg
    assert next(a for k, a in found.items() if "thanked the engineers" in k) == berg  # opening a sentence
    assert next(a for k, a in found.items() if "praised the workers" in k) == berg  # later in its sentence
    assert next(a for k, a in found.items() if "cost 40 million" in k) is None


def test_two_people_acting_together_are_no_one_agent():
    found = agents("Anna Berg and Carl Lund signed the treaty in Oslo.")
    assert next(a for k, a in found.items() if "signed the treaty" in k) is None, found
