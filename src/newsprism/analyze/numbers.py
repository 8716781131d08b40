"""Number words and digits to values: "two and a half", "twenty-two", "1,000", "3.5 billion", "1, 500".

Spelled-out numbers are parsed here by hand: spaCy's ``like_num`` and its
CARDINAL entities say *that* a token is a number, not *which* number, and the
usual word-to-number packages neither take hyphenated compounds such as
"two-and-a-half-hour" nor report which tokens they consumed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# fmt: off
SMALL_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth")
# fmt: on
SMALL = {w: i for i, w in enumerate(SMALL_WORDS)}
TENS = {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)
}
BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
ORDINALS = {w: i for i, w in enumerate(ORDINAL_WORDS, start=1)}
ORDINALS.update(
    {
        w: 10 * i
        for i, w in enumerate(
            ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"],
            start=2,
        )
    }
)
ORDINALS.update({"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000})
# Vague plurals: "dozens of" is at least two dozen and under a gross; "hundreds of" 200 up to 1,000.
VAGUE = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
NUMBER_WORDS = set(SMALL) | set(TENS) | set(BIG) - {"m"} | {"hundred", "dozen"} | set(FRACTIONS)
HYPHENS = ("-", "‐", "–")
MONTH_NAMES = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m} | {"sept"}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
DIGIT_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


def parse_number(words: Sequence[str]) -> float | None:
    """The value of a spelled-out or digit number ("two and a half", "1,000", "3.5 billion"), else None.

    ``words`` are lower-cased tokens; hyphens may be included and are ignored.
    """
    ws = [w for w in words if w not in HYPHENS]
    if not ws:
        return None
    for tail, frac in ((("and", "a", "half"), 0.5), (("and", "one", "half"), 0.5), (("and", "a", "quarter"), 0.25)):
        if len(ws) > 3 and tuple(ws[-3:]) == tail:
            base = parse_number(ws[:-3])
            return None if base is None else base + frac
    if ws[0] in ("a", "an", "one") and len(ws) == 2 and ws[1] in ("half", "quarter"):
        return FRACTIONS[ws[1]]
    total, current, last = 0.0, 0.0, ""
    for i, w in enumerate(ws):
        if w in ("a", "an"):
            if i == 0 and len(ws) > 1 and ws[1] in ({"hundred", "dozen"} | set(BIG)):
                current, last = 1.0, "small"
                continue
            return None
        if w == "and":
            if last in ("hundred", "big") and i + 1 < len(ws):
                continue
            return None
        digits = digit_value(w)
        if digits is not None:
            if last:
                return None
            current, last = digits, "digit"
        elif w in SMALL:
            if last in ("small", "digit") or (last == "tens" and not 1 <= SMALL[w] <= 9):
                return None
            current, last = current + SMALL[w], "small"
        elif w in TENS:
            if last in ("small", "tens", "digit"):
                return None
            current, last = current + TENS[w], "tens"
        elif w == "dozen":
            current, last = (current or 1.0) * 12, "hundred"
        elif w == "hundred":
            if last in ("hundred", "big", "digit"):
                return None
            current, last = (current or 1.0) * 100, "hundred"
        elif w in BIG and (w != "m" or last == "digit"):
            if not last:
                return None
            total, current, last = total + current * BIG[w], 0.0, "big"
        elif w in ("quarters", "quarter") and last == "small":
            current, last = current * 0.25, "frac"
        elif w == "half" and i == 0 and len(ws) == 1:
            return 0.5
        else:
            return None
    return total + current


def digit_value(word: str) -> float | None:
    return float(word.replace(",", "")) if DIGITS.match(word) else None


def is_number_start(tokens: Sequence[Token], i: int) -> bool:
    w = tokens[i].lower_
    if w in ("a", "an"):
        nxt = next_word(tokens, i)
        return nxt is not None and tokens[nxt].lower_ in (
            {"hundred", "dozen", "thousand", "million", "billion", "half", "quarter"}
        )
    if w == "one" and tokens[i].pos_ not in ("NUM", "DET"):
        return False  # "one" as a pronoun ("the one who ...")
    return w in NUMBER_WORDS - {"and", "quarters"} or digit_value(w) is not None


def next_word(tokens: Sequence[Token], i: int) -> int | None:
    """Index of the next non-hyphen token after ``i`` within the same word group (no whitespace jump over '-')."""
    j = i + 1
    while j < len(tokens) and tokens[j].text in HYPHENS and not tokens[j - 1].whitespace_:
        j += 1
    return j if j < len(tokens) else None


def _spaced_thousands(tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
    """Digit groups that a tokenised text spaced apart ("1, 500 kilometers", "200, 000 residents", as in
    ECB+): (end index exclusive, the number as one word).  Not after a month ("May 5, 200 people")."""
    if not re.fullmatch(r"\d{1,3}", tokens[i].text) or (i > 0 and tokens[i - 1].lower_.rstrip(".") in MONTH_NAMES):
        return None
    j, groups = i + 1, [tokens[i].text]
    while (
        j + 1 < len(tokens)
        and tokens[j].text == ","
        and not tokens[j - 1].whitespace_
        and re.fullmatch(r"\d{3}", tokens[j + 1].text)
    ):
        groups.append(tokens[j + 1].text)
        j += 2
    return (j, ",".join(groups)) if len(groups) > 1 else None


def number_run(tokens: Sequence[Token], i: int) -> tuple[int, float] | None:
    """The longest run of tokens from ``i`` that parses as one number: (end index exclusive, value)."""
    spaced = _spaced_thousands(tokens, i)
    lead, start = ([spaced[1]], spaced[0]) if spaced else ([], i)  # words already read; where the rest begins
    j = start
    allowed = NUMBER_WORDS | {"and", "a", "an", "m", *HYPHENS}
    while j < len(tokens) and (tokens[j].lower_ in allowed or digit_value(tokens[j].lower_) is not None):
        if j > start and (
            (tokens[j - 1].whitespace_ and tokens[j].text in HYPHENS)
            or (tokens[j - 1].text in HYPHENS and tokens[j - 1].whitespace_)
        ):
            break  # a spaced dash separates two numbers ("10 - 20"); "two-and-a-half" has none
        j += 1
    for end in range(j, start - 1 if lead else start, -1):
        value = parse_number(lead + [t.lower_ for t in tokens[start:end]])
        if value is not None and (end == start or tokens[end - 1].lower_ not in ("and", "a", "an", *HYPHENS)):
            return end, value
    return None
