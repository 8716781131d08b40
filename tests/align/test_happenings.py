"""Slot facts on invented stories: one happening's magnitude against an earlier one's, people's ages."""

from __future__ import annotations

import pytest

from newsprism.align import align_story
from newsprism.analyze.pipeline import analyze_documents
from tests.align.stories import doc


def numbers(alignment) -> list:
    return [c for c in alignment.contradictions if c.kind == "number"]


def sides(c) -> dict[str, set[str]]:
    return {s.value: {sp.doc for sp in s.support} for s in c.sides}


@pytest.fixture(scope="module")
def tremor():
    """This quake's magnitude differs between outlets; an earlier quake is recalled with its own figures."""
    docs = [
        doc(
            "a",
            "A magnitude-6.2 earthquake shook the island of Veldra on Sunday, killing eight people. "
            "In January, a quake measuring 7.0 on the Richter scale hit the town of Izmir, killing "
            "hundreds of people.",
        ),
        doc(
            "b",
            "The 5.8-magnitude quake struck Veldra on Sunday afternoon and killed eight people, officials said. "
            "Izmir was destroyed in January by a magnitude-7.0 quake that killed thousands.",
        ),
        doc("c", "An earthquake of magnitude 5.8 hit Veldra on Sunday. Eight people died."),
    ]
    return align_story(analyze_documents(docs))


def test_a_magnitude_conflict_is_found_between_outlets(tremor):
    found = [c for c in numbers(tremor) if c.about.startswith("the magnitude figure")]
    assert found, [c.about for c in tremor.contradictions]
    values = {v for c in found for v in sides(c)}
    assert any("6.2" in v for v in values) and any("5.8" in v for v in values)
    assert not any("7.0" in v for v in values)  # the earlier quake's figure is not this quake's


def test_a_toll_of_another_happening_is_not_a_conflict(tremor):
    assert not [c for c in numbers(tremor) if c.about.startswith("the people figure") or "thousands" in str(sides(c))]


def test_ages_of_one_person_align_and_a_differing_age_conflicts():
    docs = [
        doc("a", "Police arrested Daniel Ortega Reyes, 41, at his home in Salem on Monday."),
        doc("b", "The suspect, 44-year-old Daniel Ortega Reyes, was arrested at his Salem home on Monday."),
        doc("c", "Daniel Ortega Reyes, 41, was taken into custody on Monday, police said."),
    ]
    alignment = align_story(analyze_documents(docs))
    ages = [f for f in alignment.facts if f.slot == "age"]
    assert ages and set(ages[0].outlets) == {"a", "b", "c"}
    conflicts = [c for c in numbers(alignment) if c.about.startswith("the age figure")]
    assert conflicts
    assert any("44" in v and docs_ == {"b"} for c in conflicts for v, docs_ in sides(c).items())


@pytest.mark.parametrize(
    ("texts", "outlets"),
    [
        (  # an age without a name joins the one person the story gives that age
            [
                "Police arrested Daniel Ortega Reyes, 41, at his home in Salem on Monday.",
                "The 41-year-old suspect was arrested at his Salem home on Monday after a long search.",
                "Daniel Ortega Reyes, 41, was taken into custody on Monday, police said.",
            ],
            {"a", "b", "c"},
        ),
        (  # unnamed ages join only when they agree
            [
                "A 27-year-old man was arrested near the station on Monday, police said.",
                "Officers detained the 27-year-old near the station on Monday.",
                "A 31-year-old woman was questioned near the station on Monday.",
            ],
            {"a", "b"},
        ),
    ],
)
def test_ages_given_without_a_name(texts, outlets):
    docs = [doc(name, text) for name, text in zip("abc", texts, strict=True)]
    ages = [f for f in align_story(analyze_documents(docs)).facts if f.slot == "age"]
    assert [set(f.outlets) for f in ages] == [outlets]


def test_one_happening_told_with_different_verbs_conflicts_on_its_day():
    docs = [
        doc("a", "A crowded ferry overturned on the Lorn River near Calder on Tuesday evening, officials said."),
        doc("b", "An overcrowded ferry capsized on the Lorn River near Calder on Tuesday, police said."),
        doc("c", "A ferry carrying about 90 people capsized on the Lorn River near Calder on Monday night."),
    ]
    days = [c for c in align_story(analyze_documents(docs)).contradictions if c.kind == "date"]
    assert days, "the Monday report should conflict with the Tuesday reports"
    assert any({"a", "b"} <= {sp.doc for s in c.sides for sp in s.support} for c in days)


def test_one_clock_reading_joins_outlets_whatever_the_verb_but_not_across_days():
    docs = [
        doc("a", "Gunfire was reported at about 3 p.m. on Friday in the Delmar district, police said."),
        doc("b", "A neighbour found the wounded officer shortly after 3 p.m. on Friday in Delmar."),
        doc("c", "The shooting occurred at 3:10 p.m. Friday outside a house in Delmar."),
        doc("d", "The suspect will appear in court at 3 p.m. on Monday in Delmar."),
    ]
    alignment = align_story(analyze_documents(docs))
    clocks = [f for f in alignment.facts if f.slot == "clock"]
    assert clocks and set(clocks[0].outlets) == {"a", "b", "c"}, [(f.slot, f.outlets) for f in alignment.facts]
    assert not [c for c in alignment.contradictions if c.kind == "number"]  # readings are not compared (yet)


def test_a_place_two_outlets_put_the_happening_at_is_a_fact():
    docs = [
        doc("a", "A crowded ferry overturned near Chandpur on Tuesday. Rescuers pulled 40 people from the water."),
        doc("b", "Twelve people died when a ferry sank near Chandpur in a storm, officials said."),
        doc("c", "The ferry had left Dhaka in the morning and was bound for Bhola."),
    ]
    alignment = align_story(analyze_documents(docs))
    places = [f for f in alignment.facts if f.slot == "place"]
    assert [f.outlets for f in places] == [("a", "b")], places
    texts = {d.id: d.text for d in docs}
    assert all("Chandpur" in texts[sp.doc][sp.start : sp.end] for sp in places[0].support)
