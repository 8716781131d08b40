"""Calendar values for time expressions: the arithmetic of "next week", "in August", "two days ago".

Relative expressions are resolved here, by hand, because dateparser gets them wrong for news: "next week"
becomes a day, "earlier this month" and "within two weeks" fail, and a bare "Friday" is always the past or
always the future.  The caller supplies the tense of the clause ("past", "future", "present", "unknown"),
which decides a bare weekday or month: "held a call on Wednesday" is the last Wednesday, "will meet on
Friday" the next one.  Absolute dates ("Oct. 15, 2025") are read by dateparser.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.analyze.numbers import parse_number
from newsprism.records import Precision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_UNIT_PRECISION = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH, "year": Precision.YEAR}
# "in the coming weeks" has no number: how far ahead the phrase reaches, in units.
_COMING_SPAN = {"day": 7, "week": 4, "month": 6, "year": 5}
_FEW = {"a few": 3.0, "several": 3.0, "a couple of": 2.0, "a couple": 2.0}

NUM_WORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|half|and|a few|several|a couple of)"
)
NUM_PATTERN = rf"{NUM_WORD}(?:[- ]{NUM_WORD})*?"
UNIT_PATTERN = r"(?:day|week|month|year)s?"


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str | None
    precision: Precision | None
    start: dt.date | None = None
    end: dt.date | None = None
    weekday: int | None = None
    reason: str | None = None
    estimated: bool = False


def _iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _day(d: dt.date, reason: str, estimated: bool = False, weekday: int | None = None) -> Resolution:
    return Resolution(d.isoformat(), Precision.DAY, d, d, weekday, reason, estimated)


def _week(d: dt.date, reason: str, start: dt.date | None = None, end: dt.date | None = None) -> Resolution:
    monday = d - dt.timedelta(days=d.weekday())
    return Resolution(_iso_week(d), Precision.WEEK, start or monday, end or monday + dt.timedelta(days=6), None, reason)


def _month(y: int, m: int, reason: str, estimated: bool = False) -> Resolution:
    last = calendar.monthrange(y, m)[1]
    return Resolution(
        f"{y:04d}-{m:02d}", Precision.MONTH, dt.date(y, m, 1), dt.date(y, m, last), None, reason, estimated
    )


def _year(y: int, reason: str) -> Resolution:
    return Resolution(f"{y:04d}", Precision.YEAR, dt.date(y, 1, 1), dt.date(y, 12, 31), None, reason)


def _period(unit: str, d: dt.date, reason: str) -> Resolution:
    """The calendar week / month / year (or day) containing ``d``."""
    if unit == "week":
        return _week(d, reason)
    if unit == "month":
        return _month(d.year, d.month, reason)
    if unit == "year":
        return _year(d.year, reason)
    return _day(d, reason)


def _shift(d: dt.date, unit: str, n: float) -> dt.date:
    if unit in ("month", "year"):
        months = round(n * (12 if unit == "year" else 1))
        y, m = divmod(d.month - 1 + months, 12)
        year = d.year + y
        return dt.date(year, m + 1, min(d.day, calendar.monthrange(year, m + 1)[1]))
    return d + dt.timedelta(days=round(n * _UNIT_DAYS[unit]))


def _count(words: str | None) -> tuple[float, bool] | None:
    """(number, vague?) for "two", "2", "a few"; (1, False) when there are no words."""
    if not words:
        return 1.0, False
    words = words.strip().lower()
    if words in ("a", "an"):
        return 1.0, False
    if words in _FEW:
        return _FEW[words], True
    value = parse_number(re.findall(r"[a-z]+|\d+(?:\.\d+)?|-", words))
    return None if value is None else (value, False)


def _range(start: dt.date, end: dt.date, unit: str, reason: str, estimated: bool = False) -> Resolution:
    """A stretch of days, e.g. "within two weeks": ``value`` is an ISO interval."""
    return Resolution(
        f"{start.isoformat()}/{end.isoformat()}", _UNIT_PRECISION[unit], start, end, None, reason, estimated
    )


def _weekday(wd: int, modifier: str | None, ref: dt.date, tense: str) -> Resolution:
    name = WEEKDAYS[wd].capitalize()
    back, ahead = (ref.weekday() - wd) % 7, (wd - ref.weekday()) % 7
    if modifier == "last":
        return _day(ref - dt.timedelta(days=back or 7), f"'last {name}': the {name} before {ref}", weekday=wd)
    if modifier in ("next", "coming"):
        return _day(ref + dt.timedelta(days=ahead or 7), f"'next {name}': the {name} after {ref}", weekday=wd)
    if modifier == "this":
        monday = ref - dt.timedelta(days=ref.weekday())
        return _day(monday + dt.timedelta(days=wd), f"'this {name}': the {name} of the week of {ref}", weekday=wd)
    if tense in ("future", "present"):  # a dated present is a schedule: "voting ends on Friday"
        return _day(ref + dt.timedelta(days=ahead or 7), f"{tense} clause: the next {name} after {ref}", weekday=wd)
    guessed = tense != "past"
    why = "past-tense clause" if not guessed else f"{tense} tense, read as past (news reports the past)"
    return _day(ref - dt.timedelta(days=back), f"{why}: the last {name} on or before {ref}", guessed, wd)


def _choose_year(month: int, day: int | None, ref: dt.date, tense: str) -> tuple[int, str]:
    """The year of a month (and day) named without one: by tense, else the nearest."""
    here = (ref.month, day if day is not None else ref.day)
    key = (month, day if day is not None else ref.day)
    if day is None:
        here, key = (ref.month, 0), (month, 0)
    if tense == "past":
        return (ref.year if key <= here else ref.year - 1), "past-tense clause: the latest such date not after"
    if tense in ("future", "present"):  # a dated present is a schedule: "voting ends on October 15"
        return (ref.year if key >= here else ref.year + 1), f"{tense} clause: the first such date not before"
    best = min(
        (ref.year - 1, ref.year, ref.year + 1),
        key=lambda y: abs((y - ref.year) * 12 + month - ref.month) + (0.5 if y > ref.year else 0),
    )
    return best, f"{tense} tense: the nearest such date to"


@lru_cache(maxsize=16)
def _date_parser(base: dt.date) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


# a day, a month's name and a two-digit year ("10 Nov 11", "10-Nov-11"), as navies and some news desks write
_SHORT_YEAR = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ -][A-Za-z]{3,9}\.?[ -]'?\d{2}$")


def _absolute(text: str, ref: dt.date | None, tense: str) -> Resolution | None:
    """A date naming a month or digits, read by dateparser; the year chosen by tense when missing."""
    has_year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text) is not None or _SHORT_YEAR.search(text) is not None
    if re.fullmatch(r"\d{4}", text):
        return _year(int(text), "a year")
    cleaned = re.sub(r"^(?:early|mid|late)[- ]", "", text)
    data = _date_parser(ref or dt.date(2000, 1, 1)).get_date_data(cleaned)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return _year(d.year, "a year") if has_year else None
    if not has_year:
        if ref is None:
            return Resolution(None, None, reason="no year and no reference date")
        year, why = _choose_year(d.month, d.day if data.period == "day" else None, ref, tense)
        d = d.replace(year=year, day=min(d.day, calendar.monthrange(year, d.month)[1]))
        why = f"{why} {ref}"
        if data.period == "month":
            return _month(d.year, d.month, why, estimated=tense not in ("past", "future", "present"))
        return _day(d, why, estimated=tense not in ("past", "future", "present"))
    if data.period == "month":
        return _month(d.year, d.month, "a month of a stated year")
    return _day(d, "a stated date")


def resolve(text: str, ref: dt.date | None, tense: str) -> Resolution | None:
    """The calendar value of one expression, or None when it is not a date we can read."""
    t = text.lower().replace("’", "'").strip()
    t = re.sub(r"^(?:on|at)\s+", "", t)
    t = re.sub(r"'s$", "", t).strip()
    if m := re.fullmatch(
        rf"(?:(last|next|this|coming|past)\s+)?({'|'.join(WEEKDAYS)})"
        rf"(?:\s+(?:morning|afternoon|evening|night))?",
        t,
    ):
        wd = WEEKDAYS.index(m.group(2))
        if ref is None:
            return Resolution(None, None, weekday=wd, reason="no reference date")
        return _weekday(wd, m.group(1), ref, tense)
    relative = _relative(t, ref, tense)
    if relative is not None or re.search(r"\b(ago|week|weekend|today|tomorrow|yesterday|tonight)\b", t):
        return relative
    named_month = any(w.strip(".,") in _MONTHS for w in re.split(r"[\s-]+", t))
    if named_month or re.fullmatch(r"\d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", t):
        return _absolute(t, ref, tense)
    return None


def _relative(t: str, ref: dt.date | None, tense: str) -> Resolution | None:
    """Expressions that only make sense against the reference date."""
    patterns = (
        r"(?P<day>yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))",
        r"(?:(?P<part>earlier|later|early|late)\s+)?(?P<rel>this|last|next|the coming|the past)\s+"
        r"(?P<unit>week|weekend|month|year)",
        rf"(?P<num>{NUM_PATTERN})\s+(?P<agounit>day|week|month|year)s?\s+ago",
        rf"within\s+(?:the\s+next\s+)?(?:(?P<wnum>{NUM_PATTERN})\s+)?(?P<wunit>day|week|month|year)s?",
        rf"in\s+the\s+(?:coming|next|following)\s+(?:(?P<cnum>{NUM_PATTERN})\s+)?(?P<cunit>day|week|month|year)s",
        rf"in\s+(?P<inum>{NUM_PATTERN})\s+(?P<iunit>day|week|month|year)s?(?:'\s*time)?",
        rf"(?:over\s+|in\s+|during\s+)?the\s+(?:past|last|previous)\s+(?:(?P<pnum>{NUM_PATTERN})\s+)?"
        rf"(?P<punit>day|week|month|year)s?",
    )
    m = next((m for p in patterns if (m := re.fullmatch(p, t))), None)
    if m is None:
        return None
    if ref is None:
        return Resolution(None, None, reason="no reference date")
    g = m.groupdict()
    if g.get("day"):
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(g.get("day"), 0)
        return _day(ref + dt.timedelta(days=offset), f"'{g['day']}' against {ref}")
    if g.get("unit"):
        unit, rel, part = g.get("unit"), g.get("rel"), g.get("part")
        if unit == "weekend":
            saturday = ref + dt.timedelta(days=5 - ref.weekday())
            if rel in ("last", "the past") or (rel == "this" and tense == "past" and ref.weekday() < 5):
                saturday -= dt.timedelta(days=7)
            elif rel in ("next", "the coming") and ref.weekday() >= 5:
                saturday += dt.timedelta(days=7)
            return _week(saturday, f"'{t}' against {ref}", saturday, saturday + dt.timedelta(days=1))
        step = {"this": 0, "last": -1, "the past": -1, "next": 1, "the coming": 1}[rel]
        value = _period(unit, _shift(ref, unit, step), f"'{t}' against {ref}")
        if step == 0 and part in ("earlier", "early"):
            return Resolution(value.value, value.precision, value.start, min(ref, value.end or ref), None, value.reason)
        if step == 0 and part in ("later", "late"):
            return Resolution(value.value, value.precision, max(ref, value.start or ref), value.end, None, value.reason)
        return value
    for key, unit_key in (
        ("num", "agounit"),
        ("wnum", "wunit"),
        ("cnum", "cunit"),
        ("inum", "iunit"),
        ("pnum", "punit"),
    ):
        if not g.get(unit_key):
            continue
        unit = g.get(unit_key)
        counted = _count(g.get(key))
        if counted is None:
            return None
        n, vague = counted
        if key == "cnum" and not g.get(key):
            n, vague = float(_COMING_SPAN[unit]), True
        why = f"'{t}' against {ref}" + (" (a vague count)" if vague else "")
        if key == "num":
            value = _period(unit, _shift(ref, unit, -n), why)
            return Resolution(value.value, value.precision, value.start, value.end, None, why, vague)
        if key == "inum":
            if tense != "future":
                return None  # "in two years" of a past clause is a duration, not a date
            return _period(unit, _shift(ref, unit, n), why)
        if key == "pnum":
            return _range(_shift(ref, unit, -n), ref, unit, why, vague)
        return _range(ref, _shift(ref, unit, n), unit, why, vague)
    return None
