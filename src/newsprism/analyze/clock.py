"""Clock readings: "3 p.m.", "about 3:10 p.m.", "13:53 local time", "1023 GMT", "at 9.25 am", "noon".

A time of day is an amount of its own: as a number it would read "3 p.m." as a count of three, and
"3:33 a.m." as 3 and 33.  Each reading becomes a ``Quantity`` in minutes after midnight, with a range
for how loosely it is stated, so that "about 3 p.m." agrees with "3:10 p.m." and "3:30" with "3:33", but
"3 p.m." does not agree with "5 p.m.".

Written by hand because none of our libraries finds them: spaCy's TIME entities cover "Friday
afternoon" as well and split tokenised readings ("3 : 10 p. m."), and dateparser parses a time it is
given but does not find one in running text.  A clock reading is a closed pattern, so a regular
expression over the text does it.
"""

from __future__ import annotations

import re

from newsprism.records import Quantity, Span

CLOCK = "clock"  # unit of a reading on a 24-hour clock, local or unstated time zone
CLOCK_12 = "clock (12-hour)"  # "at 3:30" with no a.m./p.m.: only comparable with another such reading
ZONES = ("GMT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT")
CLOCK_UNITS = frozenset({CLOCK, CLOCK_12} | {f"{CLOCK} {zone}" for zone in ZONES})  # "clock GMT": 1023 GMT
ROUNDED = {60: 15, 5: 5}  # a reading on the hour is good to 15 minutes, one on a five-minute mark to 5
EXACT = 1  # minutes either side of a reading to the minute
LOOSE = 15  # minutes either side of "about 3 p.m."
SHORTLY = 30  # "shortly after 3 p.m.": within this many minutes after

_HOUR = r"(?P<h>[01]?\d|2[0-3])"
_MINUTE = r"(?P<m>[0-5]\d)"
_AMPM = r"(?P<ampm>[ap])\s?\.?\s?m\b\.?"
_ZONE = rf"(?P<zone>UTC|{'|'.join(ZONES)}|local time|hours|hrs)\b"
_DAYPART = r"(?P<part>in the (?:morning|afternoon|evening)|at night|tonight)"
_NOT_AFTER = r"(?<![\d:.,])"
_READINGS = tuple(  # in order of preference where two overlap
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_NOT_AFTER}{_HOUR}(?:\s?[:.]\s?{_MINUTE})?\s?{_AMPM}(?:\s?{_ZONE})?",  # 3 p.m. / 3:10 p. m. / 9.25 am
        rf"{_NOT_AFTER}{_HOUR}\s?:\s?{_MINUTE}(?![\d:])(?:\s?{_ZONE}|\s{_DAYPART})?",  # 13:53 / 9 : 25 hours
        rf"{_NOT_AFTER}(?P<h>[01]\d|2[0-3])\.?(?P<m>[0-5]\d)\s?{_ZONE}",  # 1023 GMT / 09.00 hours
        r"\b(?P<word>noon|midday|midnight)\b",
    )
)
_APPROX = re.compile(r"\b(?:about|around|approximately|roughly|some|circa|approx\.?)\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:shortly|just|soon|right)\s+after\s*$", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:shortly|just|right)\s+before\s*$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:after|since|from)\s*$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:by|before|until|till)\s*$", re.IGNORECASE)


def clock_readings(text: str, doc: str) -> list[Quantity]:
    """Every clock reading of ``text`` (a document's text; spans are into it), in order."""
    out: list[Quantity] = []
    for pattern in _READINGS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(q.span.start < end and start < q.span.end for q in out):
                continue
            value, unit = _minutes(m.groupdict())
            if value is None:
                continue
            hedge, low, high = _hedged(text[max(0, start - 20) : start], value, m.groupdict().get("m"))
            out.append(Quantity(Span(doc, start, end), text[start:end], value, low, high, unit, hedge))
    return sorted(out, key=lambda q: q.span.start)


def _minutes(found: dict[str, str | None]) -> tuple[float | None, str]:
    """Minutes after midnight, and the unit: 12-hour when nothing says morning or afternoon."""
    if found.get("word"):
        return (0.0 if str(found["word"]).lower() == "midnight" else 720.0), CLOCK
    hour_text = str(found["h"])
    hour, minute = int(hour_text), int(found.get("m") or 0)
    ampm = (found.get("ampm") or "").lower()
    part = (found.get("part") or "").lower()
    zone = (found.get("zone") or "").upper().replace("UTC", "GMT")
    unit = CLOCK if zone in {"", "LOCAL TIME", "HOURS", "HRS"} else f"{CLOCK} {zone}"  # "clock GMT"
    if ampm or part:
        if hour == 0 or hour > 12:
            return None, unit  # "15 p.m." is no reading
        pm = ampm == "p" or part in {"in the afternoon", "in the evening", "at night", "tonight"}
        return float((hour % 12 + (12 if pm else 0)) * 60 + minute), unit
    if zone or hour > 12 or hour_text.startswith("0"):
        return float(hour * 60 + minute), unit
    return float(hour % 12 * 60 + minute), CLOCK_12


def _hedged(before: str, value: float, minute: str | None) -> tuple[str | None, float, float]:
    """The hedge in front of a reading and the range it leaves: "shortly after 3" is 3:00 to 3:30."""
    minutes = int(minute or 0)
    slack = next((s for step, s in ROUNDED.items() if minutes % step == 0), EXACT)
    for pattern, name in ((_AFTER, "shortly after"), (_BEFORE, "shortly before")):
        if pattern.search(before):
            return (name, value, value + SHORTLY) if name.endswith("after") else (name, value - SHORTLY, value)
    if _APPROX.search(before):
        return "about", value - max(slack, LOOSE), value + max(slack, LOOSE)
    if _SINCE.search(before):
        return "after", value, float("inf")
    if _UNTIL.search(before):
        return "by", float("-inf"), value
    return None, value - slack, value + slack
