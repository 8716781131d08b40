"""Parse repairs: a garden path ("A bus carrying 40 pilgrims plunged ..."), a verb read as a modifier, a
dateline read as the subject."""

from __future__ import annotations

from newsprism.analyze.parse_repair import misread_modifier, misread_verb


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


def test_a_second_verb_read_as_a_modifier_gets_its_own_object(nlp):
    doc = nlp(
        "While the ban would not end the dispute, it could badly damage diplomatic ties "
        "and hinder peace efforts in the region."
    )
    hinder = next(t for t in doc if t.text == "hinder")
    assert hinder.dep_ == "conj" and hinder.head.text == "damage"
    efforts = next(t for t in doc if t.text == "efforts")
    assert efforts.head == hinder and efforts.dep_ == "dobj"
    assert next(t for t in doc if t.text == "in").head == efforts  # the trailing phrase goes to the nearer object


def test_a_noun_compound_in_a_coordination_is_left_alone(nlp):
    doc = nlp("The storm damaged roads and cut power lines across the region.")
    assert all(misread_modifier(t) is None for t in doc)


def test_a_dateline_modifies_the_verb_and_leaves_it_its_subject(nlp):
    doc = nlp("CHANDPUR, Bangladesh — A crowded passenger ferry overturned on the river on Tuesday evening.")
    verb = next(t for t in doc if t.text == "overturned")
    assert next(t for t in doc if t.text == "ferry").dep_ == "nsubj"
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] == ["ferry"]
    assert next(t for t in doc if t.text == "CHANDPUR").dep_ == "npadvmod"
    doc = nlp("MOSCOW, Oct 16 (Reuters) — President Vladimir Putin told reporters that talks would go on.")
    told = next(t for t in doc if t.text == "told")
    assert [c.text for c in told.children if c.dep_ == "nsubj"] == ["Putin"]


def test_a_name_before_a_dash_is_no_dateline(nlp):
    doc = nlp("Trump - who spoke to Putin on Thursday - said the talks went well.")
    said = next(t for t in doc if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Trump"]
