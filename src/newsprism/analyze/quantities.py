"""Numbers and amounts in a text, normalised to a value, a base unit and a range.

"nearly two-and-a-half-hour" becomes 2.5 hours with the range [2.125, 2.5];
"150 minutes" becomes 2.5 hours, so the two can be compared with :func:`agree`.
Reading the numbers themselves ("two and a half", "1, 500") is :mod:`newsprism.analyze.numbers`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.analyze.clock import CLOCK_UNITS, clock_readings
from newsprism.analyze.numbers import (
    DIGIT_ORDINAL,
    HYPHENS,
    MONTH_NAMES,
    ORDINALS,
    TENS,
    VAGUE,
    is_number_start,
    next_word,
    number_run,
)
from newsprism.records import Document, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ANALYSER = "quantities/5"

_APPROX_WORDS = (
    "about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "circa", "approx",
    "more or less", "an approximate", "approximate",
)  # fmt: skip
TOLL = "toll"
COUNT_NOUN = "number"

# surface form -> (base unit, factor to the base unit).  Durations share one base (hours) so that
# "150 minutes" and "two and a half hours" compare; a month is a twelfth of a Julian year.
_HOURS_PER_YEAR = 365.25 * 24
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("second", "seconds", "sec", "secs"), ("hour", 1 / 3600)),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), ("hour", 1 / 60)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), ("hour", 1.0)),
    **dict.fromkeys(("day", "days"), ("hour", 24.0)),
    **dict.fromkeys(("week", "weeks"), ("hour", 168.0)),
    **dict.fromkeys(("month", "months"), ("hour", _HOURS_PER_YEAR / 12)),
    **dict.fromkeys(("year", "years", "yr", "yrs"), ("hour", _HOURS_PER_YEAR)),
    **dict.fromkeys(("decade", "decades"), ("hour", _HOURS_PER_YEAR * 10)),
    **dict.fromkeys(("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"), ("km", 1.0)),
    **dict.fromkeys(("meter", "meters", "metre", "metres"), ("km", 0.001)),
    **dict.fromkeys(("mile", "miles"), ("km", 1.609344)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), ("kg", 1.0)),
    **dict.fromkeys(("ton", "tons", "tonne", "tonnes"), ("kg", 1000.0)),
    **dict.fromkeys(("%", "percent", "pct"), ("%", 1.0)),
    **dict.fromkeys(("dollar", "dollars", "usd"), ("USD", 1.0)),
    **dict.fromkeys(("euro", "euros", "eur"), ("EUR", 1.0)),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "rub"), ("RUB", 1.0)),
    **dict.fromkeys(("yuan", "cny"), ("CNY", 1.0)),
    **dict.fromkeys(("gbp",), ("GBP", 1.0)),
}
_CONVERSIONS = {"mile", "miles"}  # imperial units, which outlets give as rounded conversions of metric figures
CONVERSION_ROUNDING = 0.02
MEASURE_UNITS = frozenset(base for base, _ in _UNITS.values()) | {"ordinal", "magnitude", "age"} | CLOCK_UNITS


def is_unit_word(word: str) -> bool:
    """A word that names a unit of measure ("hours", "km", "percent", "magnitude")."""
    return word.lower() in _UNITS or word.lower() in MEASURE_UNITS


_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}

# Hedge -> (low factor, high factor) applied to the value.  "nearly X" is said of a figure just short of
# X: we allow 15% below.  "about X" is a rounded figure: newsrooms round to the nearest 5-10%, we allow 15%
# either way so two roundings of one figure still overlap.  None is an open end (0 below, infinity above).
_NEAR, _APPROX = 0.85, 0.15
_HEDGES: dict[tuple[str, ...], str] = {
    tuple(words.split()): kind
    for kind, phrases in (
        ("near", ("nearly", "almost", "just under", "close to", "just shy of")),
        ("approx", _APPROX_WORDS),
        ("min", ("at least", "no fewer than", "no less than", "a minimum of")),
        ("gt", ("more than", "over", "upwards of", "in excess of", "above", "just over")),
        ("max", ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of", "within")),
        ("lt", ("less than", "fewer than", "under", "below")),
    )
    for words in phrases
}


def _unit_after(tokens: Sequence[Token], end: int) -> tuple[int, str, float] | None:
    """A measurement unit right after a number (optionally after a hyphen): (end, base unit, factor)."""
    k = end
    if k < len(tokens) and tokens[k].text in HYPHENS and not tokens[k - 1].whitespace_:
        k += 1
    if k >= len(tokens):
        return None
    word = tokens[k].lower_
    if word == "per" and k + 1 < len(tokens) and tokens[k + 1].lower_ == "cent":
        return k + 2, "%", 1.0
    if word in _UNITS:
        base, factor = _UNITS[word]
        return k + 1, base, factor
    return None


def _hedge_before(tokens: Sequence[Token], start: int) -> tuple[int, str] | None:
    """The hedge words right before ``start`` (longest match): (start index, kind)."""
    for n in (4, 3, 2, 1):
        if start - n < 0:
            continue
        words = tuple(t.lower_ for t in tokens[start - n : start])
        if words in _HEDGES:
            return start - n, _HEDGES[words]
    return None


def _range(value: float, kind: str | None) -> tuple[float, float]:
    if kind == "near":
        return value * _NEAR, value
    if kind == "approx":
        return value * (1 - _APPROX), value * (1 + _APPROX)
    if kind == "min":
        return value, math.inf
    if kind == "gt":
        return math.nextafter(value, math.inf), math.inf
    if kind == "max":
        return 0.0, value
    if kind == "lt":
        return 0.0, math.nextafter(value, -math.inf)
    return value, value


def _rounding(stated: float) -> float:
    """How far a figure given in another system ("1,150 kilometers (700 miles)") may be from the exact
    conversion: half its last significant place (700: 50), and never less than CONVERSION_ROUNDING of it."""
    digits = str(int(stated)) if stated >= 1 and stated == int(stated) else ""
    zeros = len(digits) - len(digits.rstrip("0"))
    return max(10**zeros / 2 if zeros else 0.0, CONVERSION_ROUNDING * stated)


def _counted_noun(tokens: Sequence[Token], last: Token) -> str | None:
    """The noun a number counts ("1,000 people" -> "people"), from the dependency parse."""
    head = last.head
    if last.dep_ in ("nummod", "compound", "amod") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower()
    return None


def _toll(last: Token) -> str | None:
    """What a number after "to"/"at"/"of" counts when a toll or a "number of" is what it measures: "the death
    toll rose to 21", "a toll of 17", "put the toll at 17" (a toll, in news, counts people); "the number of
    people killed has risen to 21" (the number counts the people)."""
    if last.dep_ != "pobj" or last.head.lower_ not in ("to", "at", "of"):
        return None
    owner = last.head.head
    measured = [owner] + [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for noun in measured:
        lemma = noun.lemma_.lower()
        if lemma == TOLL:
            return "people"
        if lemma == COUNT_NOUN:
            counted = [g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if counted and counted[0].pos_ == "NOUN":
                return counted[0].lemma_.lower()
    return None


def _is_date_part(tokens: Sequence[Token], i: int, value: float, has_unit: bool) -> bool:
    """Years and days of the month are parts of dates, not quantities ("October 15, 2025", "2025-10-16")."""
    tok = tokens[i]
    if has_unit or not tok.text.isdigit():
        return False
    near = {tokens[j].lower_.rstrip(".") for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(tokens)}
    if 1 <= value <= 31 and near & MONTH_NAMES:
        return True
    glued = (i > 0 and tokens[i - 1].text in (*HYPHENS, "/") and not tokens[i - 1].whitespace_) or (
        i + 1 < len(tokens) and tokens[i + 1].text in (*HYPHENS, "/") and not tok.whitespace_
    )
    return (1000 <= value <= 2200 and (tok.ent_type_ in ("DATE", "TIME", "") or glued)) or (glued and value <= 31)


def find_quantities(sdoc: Doc, document: Document) -> list[Quantity]:
    """Every number or amount in the (masked) text, with hedge range and normalised unit; clock readings
    ("3:10 p.m.") are amounts of their own (``clock``), their numbers no counts."""
    tokens = list(sdoc)
    clocks = [replace(q, text=document.text[q.span.start : q.span.end]) for q in clock_readings(sdoc.text, document.id)]
    out: list[Quantity] = list(clocks)
    i = 0
    while i < len(tokens):
        if any(q.span.start <= tokens[i].idx < q.span.end for q in clocks):
            i += 1
            continue
        found = (
            _glued_magnitude_at(tokens, i)
            or _vague_at(tokens, i)
            or _ordinal_at(tokens, i)
            or (_cardinal_at(tokens, i) if is_number_start(tokens, i) else None)
        )
        if found is None:
            i += 1
            continue
        start, end, value, low, high, unit, hedge = found
        s, e = tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1].text)
        out.append(Quantity(Span(document.id, s, e), document.text[s:e], value, low, high, unit, hedge))
        i = max(end, i + 1)
    return sorted(out, key=lambda q: q.span.start)


_Found = tuple[int, int, float, float, float, str | None, str | None]


def _ordinal_at(tokens: Sequence[Token], i: int) -> _Found | None:
    tok = tokens[i]
    w = tok.lower_
    value: float | None = None
    end = i + 1
    if w in TENS:  # "twenty-first"
        nxt = next_word(tokens, i)
        if nxt is not None and nxt != i + 1 and tokens[nxt].lower_ in ORDINALS and ORDINALS[tokens[nxt].lower_] < 10:
            value, end = float(TENS[w] + ORDINALS[tokens[nxt].lower_]), nxt + 1
    elif w in ORDINALS and (tok.ent_type_ == "ORDINAL" or tok.pos_ == "ADJ") and tok.tag_ not in ("RB", "RBS"):
        if w in ("first", "second") and tok.dep_ != "amod":
            return None  # "first made", "a second" are not counts
        value = float(ORDINALS[w])
    elif m := DIGIT_ORDINAL.match(w):
        value = float(m.group(1))
    if value is None:
        return None
    return i, end, value, value, value, "ordinal", None


def _cardinal_at(tokens: Sequence[Token], i: int) -> _Found | None:
    run = number_run(tokens, i)
    if run is None:
        return None
    end, value = run
    start = i
    unit: str | None = None
    factor = 1.0
    fraction_only = tokens[i].lower_ in ("half", "quarter", "a", "an") and value < 1
    if start > 0 and tokens[start - 1].lower_ in _CURRENCY_SIGNS:
        start -= 1
        unit = _CURRENCY_SIGNS[tokens[start].lower_]
    special = _age_or_magnitude(tokens, start, end, value) if unit is None else None
    if special is not None:
        start, end, unit = special
    if unit is None:
        if fraction_only and end < len(tokens) and tokens[end].lower_ in ("a", "an"):  # "half an hour"
            after = _unit_after(tokens, end + 1)
        else:
            after = _unit_after(tokens, end)
        if after is not None:
            end, unit, factor = after
        elif fraction_only:
            unit, factor = "%", 100.0  # "half of voters" compares with "50% of voters"
    if _is_date_part(tokens, end - 1, value, unit is not None):
        return None
    if tokens[i].lower_ == "one" and unit is None and end < len(tokens) and tokens[end].lower_ == "of":
        return None  # "one of the points" counts nothing worth comparing
    if unit is None:
        unit = _counted_noun(tokens, tokens[end - 1]) or _toll(tokens[end - 1])
    value *= factor
    phrase_start = start
    hedge = _hedge_before(tokens, start)
    kind = None
    if hedge is not None:
        start, kind = hedge
    elif end + 1 < len(tokens) and (tokens[end].lower_, tokens[end + 1].lower_) == ("or", "more"):
        kind = "min"
    low, high = _range(value, kind)
    if tokens[end - 1].lower_ in _CONVERSIONS:
        slack = _rounding(value / factor) * factor
        low, high = low - slack, high + slack
    hedge_text = None if hedge is None else " ".join(t.lower_ for t in tokens[start:phrase_start])
    return start, end, value, low, high, unit, hedge_text


_GLUED_MAGNITUDE = re.compile(r"^magnitude[-‐–](\d+(?:\.\d+)?)$", re.IGNORECASE)


def _glued_magnitude_at(tokens: Sequence[Token], i: int) -> _Found | None:
    """ "(at least) magnitude-6.1", which spaCy keeps as one token."""
    m = _GLUED_MAGNITUDE.match(tokens[i].text)
    if m is None:
        return None
    value = float(m.group(1))
    hedge = _hedge_before(tokens, i)
    start, kind = hedge if hedge is not None else (i, None)
    low, high = _range(value, kind)
    words = " ".join(t.lower_ for t in tokens[start:i]) or None
    return start, i + 1, value, low, high, "magnitude", words


def _skip_hyphens(tokens: Sequence[Token], k: int) -> int:
    while k < len(tokens) and tokens[k].text in HYPHENS:
        k += 1
    return k


def _age_or_magnitude(tokens: Sequence[Token], start: int, end: int, value: float) -> tuple[int, int, str] | None:
    """A person's age or an earthquake's magnitude: (start, end, unit), else None.

    "38-year-old" is an age, not a 38-year duration; "Anthony LaCalamita, 38," and "ages 47 and 48" are ages
    too.  "magnitude-6.1", "6.1-magnitude", "a magnitude of 5.9" and "5.9 on the Richter scale" are
    magnitudes.  Hyphens may come spaced, as in pre-tokenised text ("38 - year - old").
    """
    k = _skip_hyphens(tokens, end)
    if k < len(tokens) and tokens[k].lower_ in ("year", "years"):
        old = _skip_hyphens(tokens, k + 1)
        if old < len(tokens) and tokens[old].lower_ == "old":
            return start, old + 1, "age"
    if k < len(tokens) and tokens[k].lower_ == "magnitude":
        return start, k + 1, "magnitude"
    if [t.lower_ for t in tokens[end : end + 3]] == ["on", "the", "richter"]:
        return start, end + 3, "magnitude"
    # "(at least) magnitude-5.9", "a magnitude of 5.9": the phrase starts at "magnitude", where a hedge ends
    m = start - 1
    while m >= 0 and (tokens[m].text in HYPHENS or tokens[m].lower_ == "of"):
        m -= 1
    if m >= 0 and tokens[m].lower_ == "magnitude" and start - m <= 3:
        return m, end, "magnitude"
    back = [t.lower_ for t in tokens[max(start - 4, 0) : start] if t.text not in HYPHENS]
    whole = value == int(value) and 0 < value < 120
    # "ages 47 and 48", "aged 38": the marker word, perhaps an earlier age and "and" in between
    if (
        whole
        and any(w in ("age", "aged", "ages") for w in back[-3:])
        and all(
            w in ("age", "aged", "ages", "and", ",") or w.isdigit()
            for w in back[back.index(next(w for w in back if w in ("age", "aged", "ages"))) :]
        )
    ):
        return start, end, "age"
    # "Anthony LaCalamita, 38, of Troy": a number set off by commas right after a person's name
    if (
        whole
        and start >= 2
        and tokens[start - 1].text == ","
        and tokens[start - 2].ent_type_ == "PERSON"
        and end < len(tokens)
        and tokens[end].text in (",", ".", ";")
    ):
        return start, end, "age"
    return None


def _vague_at(tokens: Sequence[Token], i: int) -> _Found | None:
    """ "dozens of people": at least two dozen, fewer than a gross; "hundreds of": 200 up to 1,000."""
    base = VAGUE.get(tokens[i].lower_)
    if base is None or i + 1 >= len(tokens) or tokens[i + 1].lower_ != "of":
        return None
    unit = next((c.lemma_.lower() for c in tokens[i + 1].children if c.dep_ == "pobj"), None)
    low, high = 2 * base, (12 if base == 12.0 else 10) * base
    return i, i + 1, low, low, high, unit, "vague"


def agree(a: Quantity, b: Quantity) -> bool | None:
    """True when two quantities can be the same amount, False when they clearly cannot.

    None when they are not comparable: different units, or different things counted.
    """
    if a.unit != b.unit:
        return None
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    return max(a.low, b.low) <= min(a.high, b.high) + eps
