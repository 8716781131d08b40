"""Numbers and amounts: word-number parsing, hedge ranges, unit normalisation and agreement."""

from __future__ import annotations

import math

import pytest

from newsprism.analyze.numbers import parse_number
from newsprism.analyze.quantities import agree, find_quantities
from newsprism.records import Document, Quantity


def _quantities(nlp, text: str) -> list[Quantity]:
    return find_quantities(nlp(text), Document(id="t", text=text, body=((0, len(text)),)))


def _one(nlp, text: str, phrase: str) -> Quantity:
    found = [q for q in _quantities(nlp, text) if phrase in q.text or q.text in phrase]
    assert found, f"{phrase!r} not in {[q.text for q in _quantities(nlp, text)]}"
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two and a half", 2.5),
        ("two - and - a - half", 2.5),
        ("one hundred and five", 105),
        ("twenty - two", 22),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("three dozen", 36),
        ("a hundred", 100),
        ("1,000", 1000),
        ("3.5 billion", 3.5e9),
        ("half", 0.5),
        ("three quarters", 0.75),
        ("two three", None),
        ("twenty thirty", None),
        ("and", None),
        ("a", None),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words.split()) == value


@pytest.mark.parametrize(
    ("text", "phrase", "value", "low", "high", "unit", "hedge"),
    [
        ("It was a nearly two-and-a-half-hour call.", "nearly two-and-a-half-hour", 2.5, 2.125, 2.5, "hour", "nearly"),
        (
            "The talks lasted almost two and a half hours.",
            "almost two and a half hours",
            2.5,
            2.125,
            2.5,
            "hour",
            "almost",
        ),
        ("They held a two-and-a-half-hour meeting.", "two-and-a-half-hour", 2.5, 2.5, 2.5, "hour", None),
        ("The flight took 2.5 hours.", "2.5 hours", 2.5, 2.5, 2.5, "hour", None),
        ("The speech ran 150 minutes.", "150 minutes", 2.5, 2.5, 2.5, "hour", None),
        ("Missiles with a range of around 800 kilometers.", "around 800 kilometers", 800, 680, 920, "km", "around"),
        (
            "The lake is 12 miles long.",
            "12 miles",
            12 * 1.609344,
            12 * 1.609344 * 0.98,
            12 * 1.609344 * 1.02,
            "km",
            None,
        ),
        ("Qeshm lies 1, 150 kilometers from Tehran.", "1, 150 kilometers", 1150, 1150, 1150, "km", None),
        ("The island has about 200, 000 residents.", "about 200, 000", 2e5, 1.7e5, 2.3e5, "resident", "about"),
        ("On May 5, 200 people marched.", "200", 200, 200, 200, "people", None),
        (
            "The march was attended by an approximate 200, 000.",
            "an approximate 200, 000",
            2e5,
            1.7e5,
            2.3e5,
            None,
            "an approximate",
        ),
        ("The fund holds $3.5 billion in cash.", "$3.5 billion", 3.5e9, 3.5e9, 3.5e9, "USD", None),
        ("Turnout fell by 12% this year.", "12%", 12, 12, 12, "%", None),
        ("Turnout fell by 7 per cent.", "7 per cent", 7, 7, 7, "%", None),
        ("Half of the voters stayed home.", "Half", 50, 50, 50, "%", None),
        ("The meeting lasted half an hour.", "half an hour", 0.5, 0.5, 0.5, "hour", None),
        ("Police detained a dozen protesters.", "a dozen", 12, 12, 12, "protester", None),
        ("Up to 20 percent of the crop was lost.", "Up to 20 percent", 20, 0, 20, "%", "up to"),
    ],
)
def test_find_quantities(nlp, text, phrase, value, low, high, unit, hedge):
    q = _one(nlp, text, phrase)
    assert q.text == phrase
    assert q.value == pytest.approx(value)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert (q.unit, q.hedge) == (unit, hedge)
    assert text[q.span.start : q.span.end] == q.text


def test_open_ended_hedges(nlp):
    more = _one(nlp, "More than 1,000 people attended the rally.", "More than 1,000")
    assert more.value == 1000 and more.low > 1000 and more.high == math.inf and more.unit == "people"
    least = _one(nlp, "At least 10 soldiers were wounded.", "At least 10")
    assert (least.low, least.high, least.unit) == (10, math.inf, "soldier")
    fewer = _one(nlp, "Fewer than 50 trucks crossed the border.", "Fewer than 50")
    assert fewer.low == 0 and fewer.high < 50


def test_ordinals(nlp):
    q = _one(nlp, "It was their eighth conversation this year.", "eighth")
    assert (q.value, q.unit) == (8, "ordinal")
    assert _one(nlp, "The twenty-first summit opened.", "twenty-first").value == 21
    assert _one(nlp, "The 21st summit opened.", "21st").value == 21
    assert not [q for q in _quantities(nlp, "Zelensky first made the request.") if q.unit == "ordinal"]


def test_dates_and_pronoun_one_are_not_quantities(nlp):
    text = "One of the points was raised on October 15, 2025 and in 2024, the aide said on 2025-10-16."
    assert _quantities(nlp, text) == []


def test_vague_plurals(nlp):
    q = _one(nlp, "Dozens of people were hurt.", "Dozens")
    assert (q.low, q.high, q.unit, q.hedge) == (24, 144, "people", "vague")


def test_agree_on_duration_wordings(nlp):
    nearly = _one(nlp, "A nearly two and a half hours call.", "nearly two and a half hours")
    exact = _one(nlp, "A two-and-a-half-hour call.", "two-and-a-half-hour")
    minutes = _one(nlp, "The call lasted 150 minutes.", "150 minutes")
    three = _one(nlp, "The call lasted three hours.", "three hours")
    assert agree(nearly, exact) is True
    assert agree(exact, minutes) is True
    assert agree(nearly, three) is False  # "nearly 2.5" cannot be 3
    assert agree(exact, three) is False


def test_agree_on_distances_and_counts(nlp):
    about = _one(nlp, "A range of about 800 km.", "about 800 km")
    far = _one(nlp, "A range of 1,500 km.", "1,500 km")
    near = _one(nlp, "A range of 850 km.", "850 km")
    assert agree(about, far) is False
    assert agree(about, near) is True
    least = _one(nlp, "The count was at least 10.", "at least 10")
    twelve = _one(nlp, "The count was 12.", "12")
    eight = _one(nlp, "The count was 8.", "8")
    assert agree(least, twelve) is True
    assert agree(least, eight) is False


def test_not_comparable_across_units_or_things(nlp):
    hours = _one(nlp, "It took 3 hours.", "3 hours")
    km = _one(nlp, "It is 3 km away.", "3 km")
    people = _one(nlp, "Some 300 people marched.", "Some 300")
    tanks = _one(nlp, "Some 300 tanks moved.", "Some 300")
    assert agree(hours, km) is None
    assert agree(people, tanks) is None


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("A 41-year-old nurse was among the injured.", "41-year-old", 41),
        ("A 41 - year - old nurse was among the injured.", "41 - year - old", 41),
        ("Maria Gonzalez, 52, of Austin was arrested.", "52", 52),
        ("Two men, ages 33 and 36, were hurt.", "36", 36),
        ("The driver, aged 19, fled.", "19", 19),
    ],
)
def test_ages_are_ages_not_durations(nlp, text, phrase, value):
    q = _one(nlp, text, phrase)
    assert (q.value, q.unit) == (value, "age")


def test_a_span_of_years_is_still_a_duration(nlp):
    assert _one(nlp, "The dispute lasted 41 years.", "41 years").unit == "hour"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("A magnitude-6.4 earthquake struck the coast.", "magnitude-6.4", 6.4),
        ("A 6.4 - magnitude quake struck.", "6.4", 6.4),
        ("The tremor had a magnitude of 5.2.", "5.2", 5.2),
        ("It measured 5.2 on the Richter scale.", "5.2", 5.2),
    ],
)
def test_earthquake_magnitudes(nlp, text, phrase, value):
    q = _one(nlp, text, phrase)
    assert (q.value, q.unit) == (value, "magnitude")
    assert agree(q, _one(nlp, "A magnitude 7.0 quake.", "7.0")) is False


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The death toll has risen to 21, officials said.", "21"),
        ("Officials put the death toll at 17.", "17"),
        ("A toll of 30 was reported by the ministry.", "30"),
    ],
)
def test_a_death_toll_counts_people(nlp, text, phrase):
    assert _one(nlp, text, phrase).unit == "people"


def test_a_number_a_verb_rises_to_is_not_a_toll(nlp):
    assert _one(nlp, "The index rose to 21 on Monday.", "21").unit is None


def test_the_number_of_something_counts_that_thing(nlp):
    assert _one(nlp, "The number of people killed in the crash has risen to 21.", "21").unit == "people"
    assert _one(nlp, "The number of trucks at the border rose to 40.", "40").unit == "truck"


def test_a_converted_figure_is_as_precise_as_its_rounding(nlp):
    """ "1,150 kilometers (700 miles)" states one distance twice; 1,500 km is another."""
    metric, imperial = _quantities(nlp, "Qeshm is 1,150 kilometers (700 miles) southeast of Tehran.")
    assert agree(metric, imperial) is True
    assert agree(_one(nlp, "Qeshm is 1,500 kilometers south of Tehran.", "1,500 kilometers"), imperial) is False
    assert agree(_one(nlp, "It is 940 miles south of Tehran.", "940 miles"), metric) is False
