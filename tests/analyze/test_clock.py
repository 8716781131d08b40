"""Clock readings: found in running and tokenised text, in minutes after midnight, with hedged ranges."""

from __future__ import annotations

import pytest

from newsprism.analyze.clock import CLOCK, CLOCK_12, clock_readings
from newsprism.analyze.quantities import agree, find_quantities
from newsprism.records import Document


def _reading(text: str):
    found = clock_readings(text, "t")
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "said", "minutes", "unit"),
    [
        ("The shooting occurred about 3:10 p.m. Friday.", "3:10 p.m.", 910, CLOCK),
        ("He was spotted shortly after 3 p. m. near the house.", "3 p. m.", 900, CLOCK),
        ("At 9.25 a. m. on Thursday the boats were seen.", "9.25 a. m.", 565, CLOCK),
        ("The boats were seen at 9 : 25 hours on Thursday.", "9 : 25 hours", 565, CLOCK),
        ("They came at about 9 : 25 in the morning.", "9 : 25 in the morning", 565, CLOCK),
        ("It hit at 13:53 local time.", "13:53 local time", 833, CLOCK),
        ("The quake struck at 1353 (1023 GMT).", "1023 GMT", 623, "clock GMT"),
        ("Polls close at 8 p.m. EST tonight.", "8 p.m. EST", 1200, "clock EST"),
        ("The vote is at noon.", "noon", 720, CLOCK),
        ("The call came in at 3:30, he said.", "3:30", 210, CLOCK_12),
        ("It ended at 12:30 a.m. on Monday.", "12:30 a.m.", 30, CLOCK),
    ],
)
def test_readings_are_found_with_their_minutes(text, said, minutes, unit):
    q = _reading(text)
    assert (q.text, q.value, q.unit) == (said, minutes, unit)


@pytest.mark.parametrize(
    "text",
    [
        "a magnitude 6.1 quake, up 2.30 percent, a 3:1 vote",
        "I am 5 years older; 15 p.m. is no time",
        "Cases rose 9.25 this afternoon.",
    ],
)
def test_numbers_that_are_no_readings_are_left_alone(text):
    assert not clock_readings(text, "t")


def test_hedges_give_ranges_that_agree_as_reporters_mean_them():
    about_three = _reading("The gunfire was reported at about 3 p.m.")
    three_ten = _reading("The shooting occurred at 3:10 p.m.")
    shortly_after = _reading("A passer-by found him shortly after 3 p.m.")
    half_past, three_thirty_three = _reading("The call came at 3:30 a.m."), _reading("It came at 3:33 a.m.")
    five = _reading("The shooting occurred at 5 p.m.")
    assert agree(about_three, three_ten) and agree(shortly_after, three_ten)
    assert agree(half_past, three_thirty_three)  # a reading on a half hour is rounded
    assert agree(about_three, five) is False and agree(three_ten, five) is False
    assert (shortly_after.low, shortly_after.high) == (900, 930)
    by = _reading("The fire was under control by 6:40 a.m.")
    assert by.hedge == "by" and by.high == 400 and agree(by, half_past)


def test_a_reading_is_one_amount_not_counts(nlp):
    text = "The first call came at 3 : 33 a. m. and 31 fire trucks arrived."
    found = find_quantities(nlp(text), Document(id="t", text=text, body=((0, len(text)),)))
    assert [q.text for q in found if q.unit == CLOCK] == ["3 : 33 a. m."]
    assert [q.value for q in found if q.unit not in {CLOCK, "ordinal"}] == [31]  # neither 3 nor 33
