"""Time expressions resolved against fixed reference dates, with tense, events, chrome and reference estimates."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.analyze.timex import estimate_references, find_times
from newsprism.records import Document, Precision, TimeExpr

THU = dt.date(2024, 3, 14)  # a Thursday
MON = dt.date(2023, 1, 2)  # a Monday, just after a year boundary


def _doc(text: str, doc_id: str = "t", published: dt.date | None = None) -> Document:
    return Document(id=doc_id, text=text, body=((0, len(text)),), published=published)


def _times(nlp, text: str, ref: dt.date | None = THU) -> list[TimeExpr]:
    return find_times(nlp(text), _doc(text), ref)


def _one(nlp, text: str, phrase: str, ref: dt.date | None = THU) -> TimeExpr:
    found = [t for t in _times(nlp, text, ref) if phrase in t.text or t.text in phrase]
    assert found, f"{phrase!r} not found in {[t.text for t in _times(nlp, text, ref)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("The ministers held a call on Wednesday.", "Wednesday", "2024-03-13", Precision.DAY),
        ("The two men spoke by phone on Thursday, officials said.", "Thursday", "2024-03-14", Precision.DAY),
        ("The ministers will meet on Friday in Geneva.", "Friday", "2024-03-15", Precision.DAY),
        ("The summit is scheduled for Monday.", "Monday", "2024-03-18", Precision.DAY),
        ("She is set to host the delegation at the palace on Tuesday.", "Tuesday", "2024-03-19", Precision.DAY),
        ("The company announced on Tuesday that it would cut jobs.", "Tuesday", "2024-03-12", Precision.DAY),
        ("Delegations from both countries will convene next week.", "next week", "2024-W12", Precision.WEEK),
        ("Talks collapsed last week after a dispute.", "last week", "2024-W10", Precision.WEEK),
        ("Earlier this month, the council approved the budget.", "Earlier this month", "2024-03", Precision.MONTH),
        ("The results will be published later this month.", "later this month", "2024-03", Precision.MONTH),
        ("The leaders last met in August at a summit in Rome.", "August", "2023-08", Precision.MONTH),
        ("The rally was held in February in the capital.", "February", "2024-02", Precision.MONTH),
        ("The new law will take effect in September.", "September", "2024-09", Precision.MONTH),
        ("Exports have fallen this year.", "this year", "2024", Precision.YEAR),
        ("The minister resigned yesterday.", "yesterday", "2024-03-13", Precision.DAY),
        ("Voting ends on October 15, the commission said.", "October 15", "2024-10-15", Precision.DAY),
        ("The treaty was signed on Oct. 15, 2021 in Paris.", "Oct. 15, 2021", "2021-10-15", Precision.DAY),
        ("The file is dated 2025-10-16 in the archive.", "2025-10-16", "2025-10-16", Precision.DAY),
        ("The storm hit the coast two days ago.", "two days ago", "2024-03-12", Precision.DAY),
        ("Prices rose sharply in 2019, the report found.", "2019", "2019", Precision.YEAR),
    ],
)
def test_resolves_against_a_thursday(nlp, text, phrase, value, precision):
    t = _one(nlp, text, phrase)
    assert (t.value, t.precision) == (value, precision), t.reason
    assert t.anchor == THU
    assert t.start is not None and t.end is not None and t.start <= t.end


def test_ranges_reach_forward_from_the_reference(nlp):
    within = _one(nlp, "He said the meeting would take place within two weeks.", "within two weeks")
    assert (within.start, within.end) == (THU, THU + dt.timedelta(days=14))
    assert within.precision is Precision.WEEK
    coming = _one(nlp, "The leaders will meet in the coming weeks in Vienna.", "in the coming weeks")
    assert coming.start == THU and coming.end is not None and THU + dt.timedelta(days=14) < coming.end
    assert coming.estimated  # "weeks" without a number is a vague count


def test_earlier_and_later_this_month_bound_the_month_at_the_reference(nlp):
    earlier = _one(nlp, "Earlier this month, the council approved the budget.", "Earlier this month")
    assert (earlier.start, earlier.end) == (dt.date(2024, 3, 1), THU)
    later = _one(nlp, "The results will be published later this month.", "later this month")
    assert (later.start, later.end) == (THU, dt.date(2024, 3, 31))


def test_week_bounds_are_monday_to_sunday(nlp):
    t = _one(nlp, "Delegations from both countries will convene next week.", "next week")
    assert (t.start, t.end) == (dt.date(2024, 3, 18), dt.date(2024, 3, 24))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Officials held talks on Friday.", "Friday", "2022-12-30"),  # past, across the year boundary
        ("Officials will hold talks on Friday.", "Friday", "2023-01-06"),
        ("The two sides met in December.", "December", "2022-12"),
        ("The two sides will meet in March.", "March", "2023-03"),
        ("The strike began last month.", "last month", "2022-12"),
        ("Growth slowed last year.", "last year", "2022"),
        ("The board met on Monday to approve the deal.", "Monday", "2023-01-02"),  # same weekday: the day itself
        ("The vote will take place next Monday.", "next Monday", "2023-01-09"),
    ],
)
def test_resolves_against_a_monday_after_new_year(nlp, text, phrase, value):
    t = _one(nlp, text, phrase, ref=MON)
    assert t.value == value, t.reason


def test_same_weekday_in_past_and_future_clauses(nlp):
    text = "The leaders spoke on Thursday and will speak again on Thursday, aides said."
    past, future = (t for t in _times(nlp, text) if t.weekday == 3)
    assert past.value == "2024-03-14"
    assert future.value == "2024-03-21"


def test_weekday_and_its_index(nlp):
    t = _one(nlp, "The ministers held a call on Wednesday.", "Wednesday")
    assert t.weekday == 2


@pytest.mark.parametrize(
    ("text", "phrase", "event"),
    [
        ("The presidents held a two-hour phone call on Wednesday, aides said.", "Wednesday", "call"),
        ("Following Thursday’s call, the president wrote on social media.", "Thursday", "call"),
        ("The company announced on Thursday that it would cut jobs.", "Thursday", "announce"),
        ("The aide told reporters during a briefing in Moscow on Thursday.", "Thursday", "briefing"),
        ("Delegations from both sides would meet face-to-face next week.", "next week", "meet"),
        ("Their last meeting occurred in August in Rome.", "August", "meeting"),
        ("She wrote on X ahead of her meeting with the chancellor at the palace on Friday.", "Friday", "meeting"),
        ("The ferry capsized at 1:53 p.m. on Sunday, officials said.", "Sunday", "capsize"),  # not "p.m."
        # a day hung on a participle describing a noun dates the sentence's event, not the participle
        ("A warship foiled an attack on ships transiting the Gulf of Aden on Friday.", "Friday", "foil"),
    ],
)
def test_event_of_the_expression(nlp, text, phrase, event):
    t = _one(nlp, text, phrase)
    assert t.event == event
    assert t.event_span is not None and text[t.event_span.start : t.event_span.end].lower().startswith(event[:4])


def test_ahead_of_a_meeting_dates_the_meeting_in_the_future(nlp):
    text = "She wrote on X ahead of her meeting with the chancellor at the palace on Friday."
    assert _one(nlp, text, "Friday").value == "2024-03-15"


def test_chrome_glued_to_ui_words(nlp):
    text = "folder_openWorld News access_timeone day ago\n\nThe minister resigned two days ago."
    times = _times(nlp, text)
    chrome = [t for t in times if t.chrome]
    prose = [t for t in times if not t.chrome]
    assert [t.text for t in chrome] == ["one day ago"]
    assert [t.text for t in prose] == ["two days ago"]


def test_masked_text_yields_nothing(nlp):
    text = " " * 30 + "\n" + " " * 20
    assert _times(nlp, text) == []


def test_relative_expressions_stay_unresolved_without_a_reference(nlp):
    times = _times(nlp, "The minister resigned on Tuesday after the vote on March 3, 2022.", ref=None)
    by_text = {t.text: t for t in times}
    assert by_text["Tuesday"].value is None and by_text["Tuesday"].weekday == 1
    assert by_text["March 3, 2022"].value == "2022-03-03"


def test_a_two_digit_year_after_day_and_month_is_a_stated_year(nlp):
    times = _times(nlp, "The navy thwarted a piracy attack on 10 Nov 11 in the Gulf of Aden.", ref=None)
    assert [(t.text, t.value) for t in times] == [("10 Nov 11", "2011-11-10")]


def test_may_the_verb_is_not_a_month(nlp):
    assert [t.text for t in _times(nlp, "The talks may resume, and the Mayor agreed.")] == []


def test_estimate_references(nlp):
    texts = {
        "a": ("Leaders met on Thursday.", dt.date(2024, 3, 14)),
        "b": ("The leaders met on Thursday, officials said.", dt.date(2024, 3, 14)),
        "c": ("The leaders spoke on Thursday.", None),
        "d": ("On March 15, 2024 the leaders spoke again, aides said on Friday.", None),
    }
    docs = [(_doc(text, i, published), nlp(text)) for i, (text, published) in texts.items()]
    refs = estimate_references(docs)
    assert refs["a"].date == dt.date(2024, 3, 14) and not refs["a"].estimated
    assert refs["c"].date == dt.date(2024, 3, 14) and refs["c"].estimated
    assert "2 other documents" in refs["c"].reason and "2024-03-14" in refs["c"].reason
    # its own text states a later day than the others were published: it cannot predate that
    assert refs["d"].date == dt.date(2024, 3, 15) and refs["d"].estimated


def test_estimate_from_own_text_or_nothing(nlp):
    alone = "The accord was signed on June 2, 2021 in Vienna."
    nothing = "The leaders spoke on Thursday."
    docs = [(_doc(alone, "x"), nlp(alone)), (_doc(nothing, "y"), nlp(nothing))]
    refs = estimate_references(docs[:1])
    assert refs["x"].date == dt.date(2021, 6, 2) and refs["x"].estimated
    refs = estimate_references(docs[1:])
    assert refs["y"].date is None and refs["y"].estimated
    refs = estimate_references(docs)  # no publication date anywhere: the date the other one states
    assert refs["y"].date == dt.date(2021, 6, 2) and "1 other document of the story" in refs["y"].reason


def test_an_adverb_before_the_expression_passes_it_on_to_the_verb(nlp):
    text = (
        "A passenger ferry collided with a cargo vessel and sank in the Meghna River late on Tuesday, officials said."
    )
    t = _one(nlp, text, "Tuesday")
    assert t.event == "sink"  # "late on Tuesday" dates the sinking, not "late"
    assert t.event_span is not None and text[t.event_span.start : t.event_span.end] == "sank"
