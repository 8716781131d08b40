"""Conflicts and non-conflicts on invented stories: ordinals, durations, certainty, weekdays, tolls."""

from __future__ import annotations

import datetime as dt
import json

from newsprism.align import align_story
from newsprism.analyze.pipeline import analyze_documents
from tests.align.stories import doc


def numbers(alignment) -> list:
    return [c for c in alignment.contradictions if c.kind == "number"]


def sides(c) -> dict[str, set[str]]:
    return {s.value: {sp.doc for sp in s.support} for s in c.sides}


def test_an_ordinal_in_a_phrase_about_someone_else_is_not_a_conflict():
    docs = [
        doc("a", "The gunman walked into the firm's office on the second floor at 10 a.m., police said."),
        doc("b", '"We heard shots. We are on the third floor, barricaded in," a worker in the building said.'),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not numbers(alignment)
    control = [
        docs[0],
        doc("b", "The gunman walked into the firm's office on the third floor at 10 a.m., police said."),
    ]
    assert numbers(align_story(analyze_documents(control)))  # the same claim with another floor: a conflict


def test_durations_of_different_things_do_not_clash():
    docs = [
        doc("a", "Officer Lena Park had served with the city police for 12 years. She married Tom three weeks ago."),
        doc("b", "Park spent the last four years with the narcotics squad. She was married about two months ago."),
    ]
    alignment = align_story(analyze_documents(docs))
    values = {v for c in numbers(alignment) for v in sides(c)}
    assert not {"12 years", "four years"} & values, values
    control = [
        docs[0],
        doc("b", "Officer Lena Park had served with the city police for four years. She married Tom two months ago."),
    ]
    values = {v for c in numbers(align_story(analyze_documents(control))) for v in sides(c)}
    assert {"12 years", "four years"} <= values  # the same service, two figures: a conflict


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
        doc("a", "The minister warned that the new tariffs would hurt trade between the two countries."),
        doc("b", "The minister warned that the new tariffs could hurt trade between the two countries."),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not [c for c in alignment.contradictions if c.kind == "certainty"]


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
    tolls = [c for c in numbers(alignment) if c.about.startswith("the people figure")]
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
    control = [
        doc("a", docs[0].text, docs[0].published),
        doc("b", "Seventy people died when the ferry sank on Tuesday."),
    ]
    assert numbers(align_story(analyze_documents(control)))  # the same figures, both this happening's: a conflict


def test_a_risen_count_and_a_plain_toll_of_the_same_day_conflict():
    day = dt.date(2026, 3, 18)
    docs = [
        doc("a", "The number of people killed in the bus crash on Tuesday has risen to 21, police said.", day),
        doc("b", "Seventeen people died in the bus crash on Tuesday, officials said.", day),
    ]
    tolls = [c for c in numbers(align_story(analyze_documents(docs))) if c.about.startswith("the people figure")]
    assert tolls and sorted(map(sorted, sides(tolls[0]).values())) == [["a"], ["b"]]
    assert not tolls[0].update  # the same publication day: a conflict, not an update


def test_counts_on_different_weekdays_are_two_happenings_even_undated():
    def tolls(day_b: str) -> list:
        docs = [
            doc("a", "On Sunday, 40 houses were destroyed by the fire in the village, officials said.", None),
            doc("b", f"On {day_b}, 60 houses were destroyed by the fire in the village, officials said.", None),
        ]
        return [c for c in numbers(align_story(analyze_documents(docs))) if c.about.startswith("the house figure")]

    assert not tolls("Monday")  # no date to resolve them, but Sunday's and Monday's losses are two counts
    assert tolls("Sunday")  # the control: the same day, two counts of one loss


def test_one_claim_at_two_clock_times_conflicts_but_rounded_readings_agree():
    def clocks(*texts: str) -> list:
        docs = [doc(chr(ord("a") + k), text) for k, text in enumerate(texts)]
        return [c for c in numbers(align_story(analyze_documents(docs))) if c.about.startswith("the time of day")]

    found = clocks(
        "The shooting occurred at 3 p.m. on Friday outside a house in Delmar, police said.",
        "The shooting occurred at 5 p.m. on Friday outside a house in Delmar, police said.",
    )
    assert found and {v for c in found for v in sides(c)} == {"3 p.m.", "5 p.m."}
    assert not clocks(
        "The shooting occurred at about 3 p.m. on Friday outside a house in Delmar, police said.",
        "The shooting occurred at 3:10 p.m. on Friday outside a house in Delmar, police said.",
    )
    # two moments of one fire, not one moment told twice
    assert not clocks(
        "The fire at the Delmar mill broke out at 3:30 a.m. on Tuesday, the fire chief said.",
        "The fire at the Delmar mill was brought under control at 6:40 a.m. on Tuesday, the chief said.",
    )


def test_a_figure_placed_where_the_other_outlet_never_goes_is_another_happening(shared_dir):
    """ECB+ topic 20: two outlets recall February's 6.4 quake in Zarand; the outlet giving this quake's 5.9
    never mentions Zarand, so the two figures are not one quake's (6.1 against 5.9 still is a conflict)."""
    folder = shared_dir / "data" / "ecbplus-dev" / "20ecbplus"
    docs = [
        doc(name, json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["text"], published=None)
        for name in ("20_1ecbplus", "20_2ecbplus", "20_3ecbplus", "20_4ecbplus", "20_8ecbplus")
    ]
    found = [sides(c) for c in numbers(align_story(analyze_documents(docs))) if "magnitude" in c.about]
    assert not any("6.4" in value for s in found for value in s), found
    assert any(any("6.1" in v for v in s) and any("5.9" in v for v in s) for s in found), found


def who(alignment) -> list:
    return [c for c in alignment.contradictions if c.kind == "who"]


def test_one_act_given_to_two_people_is_a_who_conflict_unless_an_outlet_names_both():
    docs = [
        doc("a", "Mayor Anna Berg opened the new bridge over the Vltava river on Monday, officials said."),
        doc("b", "Mayor Carl Lund opened the new bridge over the Vltava river on Monday, officials said."),
    ]
    found = who(align_story(analyze_documents(docs)))
    assert len(found) == 1, found
    assert sorted(sides(found[0]).values(), key=sorted) == [{"a"}, {"b"}]
    both_named = [
        doc("a", "Mayor Anna Berg opened the new bridge over the Vltava river on Monday. Carl Lund spoke after her."),
        docs[1],
    ]
    assert not who(align_story(analyze_documents(both_named)))  # a tells the two apart: no alarm
