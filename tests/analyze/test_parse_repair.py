"""The garden-path repair: "A bus carrying 40 pilgrims plunged ..." has "plunged" as its verb."""

from __future__ import annotations

from newsprism.analyze.parse_repair import misread_verb


def test_the_participle_after_a_carrying_phrase_is_the_sentence_verb(nlp):
    doc = nlp("A ferry carrying about 200 people capsized on the river on Monday night after a collision.")
    verb = next(t for t in doc if t.text == "capsized")
    assert verb.dep_ == "ROOT"
    assert next(t for t in doc if t.text == "ferry").head == verb
    night = next(t for t in doc if t.text == "night")
    assert verb in night.ancestors  # the time now dates the capsizing, not the people


def test_a_participle_on_a_reported_noun_is_the_reported_verb(nlp):
    doc = nlp("A crowded ferry overturned on the river on Tuesday evening, officials said.")
    verb = next(t for t in doc if t.text == "overturned")
    assert verb.dep_ == "ccomp" and verb.head.text == "said"
    assert next(t for t in doc if t.text == "ferry").dep_ == "nsubj"


def test_a_sentence_with_its_verb_is_left_alone(nlp):
    doc = nlp("The ferry capsized on Monday after it hit a sandbank, officials said.")
    assert all(misread_verb(t) is None for t in doc)
    assert next(t for t in doc if t.text == "capsized").dep_ in {"ROOT", "ccomp"}
