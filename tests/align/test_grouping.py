"""Grouping units into facts: linkage over scored pairs, then single-unit moves that undo its mistakes."""

from __future__ import annotations

from newsprism.align.facts import Unit, group_units, refine_groups
from newsprism.records import Clause, Span


def units(*docs: str) -> list[Unit]:
    out = []
    for i, d in enumerate(docs):
        span = Span(d, 10 * i, 10 * i + 5)
        out.append(Unit(i, d, Clause(span, span), frozenset(), (), frozenset(), frozenset()))
    return out


def scorer(table: dict[tuple[int, int], float]):
    return lambda a, b: table.get((min(a.index, b.index), max(a.index, b.index)), 0.0)


def test_a_unit_that_took_its_outlets_place_gives_it_up_to_a_better_one():
    # 0 and 1 are outlet a's candidates for the fact that b (2) and c (3) state: 0 has the single strongest
    # pair, 1 fits the two of them better
    us = units("a", "a", "b", "c")
    table = {(2, 3): 0.9, (0, 2): 0.85, (0, 3): 0.2, (1, 2): 0.34, (1, 3): 0.8}
    pairs = dict(table)
    linked = group_units(us, pairs, 0.25, scorer(table))
    assert [0, 2, 3] in linked  # linkage takes 0 first and then refuses 1 as a second unit of outlet a
    refined = refine_groups(us, linked, pairs, 0.25, scorer(table))
    assert [1, 2, 3] in refined
    assert [0] in refined


def test_a_unit_that_fits_its_group_badly_leaves_it():
    us = units("a", "b", "c")
    table = {(0, 1): 0.9, (0, 2): 0.05, (1, 2): 0.05}
    assert sorted(refine_groups(us, [[0, 1, 2]], dict(table), 0.25, scorer(table))) == [[0, 1], [2]]


def test_a_good_grouping_is_left_alone():
    us = units("a", "b", "c")
    table = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.7}
    assert refine_groups(us, [[0, 1, 2]], dict(table), 0.25, scorer(table)) == [[0, 1, 2]]
