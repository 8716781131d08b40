"""Plain text pasted from a web page -> Document: body vs furniture vs headings, metadata, exact offsets.

The articles below are written for these tests (other outlets and events than the seeds); each lists the
sentences that must stay in the body, the furniture that must not, and the headings.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.ingest.text import Line, clean_text, document_from_text, is_chrome, is_prose
from newsprism.records import Document, Outcome, RawInput


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    sentences: tuple[str, ...]  # every sentence of the article: must lie inside a body range
    furniture: tuple[str, ...]  # page furniture: must not overlap any body range
    headings: tuple[str, ...]
    meta: dict[str, object]


WIRE = Case(
    name="wire",
    text="""Home › World › Europe
Loading...
French farmers block Paris ring road over fuel tax rise
French farmers block Paris ring road over fuel tax rise
By Jane Doe
calendar_todayMarch 3, 2024
visibility1,234 views
Share on Facebook
PARIS (Reuters) - Hundreds of farmers drove tractors onto the Paris ring road on Monday, blocking traffic for \
several hours in protest against a planned rise in the tax on agricultural diesel.
Police said about 600 tractors took part in the protest, which began shortly after dawn at three points around \
the capital.
Tractors line the Boulevard Périphérique on Monday (AFP)
"We cannot keep working at a loss while the government raises our costs," said Marc Lefèvre, who grows wheat \
near Chartres.
ADVERTISEMENT
Government response
Agriculture Minister Claire Dubois told reporters the tax rise would be phased in over three years and that \
small farms would receive compensation.
She declined to give figures.
She said the ministry would meet union leaders on Thursday.
Read more: Farmers across Europe step up protests
The protest is the third this year, after blockades in January and February cost hauliers an estimated 40 \
million euros.
Subscribe to our newsletter
© 2024 Daily Example. All rights reserved.
""",
    sentences=(
        "Hundreds of farmers drove tractors onto the Paris ring road on Monday, blocking traffic for several hours "
        "in protest against a planned rise in the tax on agricultural diesel.",
        "Police said about 600 tractors took part in the protest, which began shortly after dawn at three points "
        "around the capital.",
        '"We cannot keep working at a loss while the government raises our costs," said Marc Lefèvre, who grows '
        "wheat near Chartres.",
        "Agriculture Minister Claire Dubois told reporters the tax rise would be phased in over three years and that "
        "small farms would receive compensation.",
        "She declined to give figures.",
        "She said the ministry would meet union leaders on Thursday.",
        "The protest is the third this year, after blockades in January and February cost hauliers an estimated 40 "
        "million euros.",
    ),
    furniture=(
        "Home › World › Europe",
        "Loading...",
        "French farmers block Paris ring road over fuel tax rise",
        "By Jane Doe",
        "calendar_todayMarch 3, 2024",
        "visibility1,234 views",
        "Share on Facebook",
        "PARIS (Reuters) -",
        "Tractors line the Boulevard Périphérique on Monday (AFP)",
        "ADVERTISEMENT",
        "Read more: Farmers across Europe step up protests",
        "Subscribe to our newsletter",
        "© 2024 Daily Example. All rights reserved.",
    ),
    headings=("Government response",),
    meta={
        "title": "French farmers block Paris ring road over fuel tax rise",
        "byline": "Jane Doe",
        "dateline": "PARIS",
        "outlet": "Reuters",  # the wire in the dateline names who wrote it
        "published": dt.date(2024, 3, 3),
    },
)

HARBOUR = Case(
    name="harbour",
    text="""Loading...
date 2024-05-14
Harbour strike halts container traffic in Rotterdam
Dock workers at the port of Rotterdam walked out on Tuesday morning, halting the loading and unloading of \
container ships at the three largest terminals.
The union FNV Havens said the 24-hour strike was a response to a pay offer that did not keep pace with inflation.
Photo: Reuters
A spokesperson for the port authority said around 40 vessels were waiting at anchor by midday.
What the union wants
The union is asking for a 7 percent raise and an early-retirement scheme for crane operators.
Talks resume on Friday.
Share this article
Harbour Daily’s website can also be accessed at the following addresses:
www.harbourdaily.example
© 2024 Harbour Daily
""",
    sentences=(
        "Dock workers at the port of Rotterdam walked out on Tuesday morning, halting the loading and unloading of "
        "container ships at the three largest terminals.",
        "The union FNV Havens said the 24-hour strike was a response to a pay offer that did not keep pace with "
        "inflation.",
        "A spokesperson for the port authority said around 40 vessels were waiting at anchor by midday.",
        "The union is asking for a 7 percent raise and an early-retirement scheme for crane operators.",
        "Talks resume on Friday.",
    ),
    furniture=(
        "Loading...",
        "date 2024-05-14",
        "Harbour strike halts container traffic in Rotterdam",
        "Photo: Reuters",
        "Share this article",
        "Harbour Daily’s website can also be accessed at the following addresses:",
        "www.harbourdaily.example",
        "© 2024 Harbour Daily",
    ),
    headings=("What the union wants",),
    meta={
        "title": "Harbour strike halts container traffic in Rotterdam",
        "byline": None,
        "dateline": None,
        "outlet": "Harbour Daily",
        "published": dt.date(2024, 5, 14),
    },
)

# One paragraph that opens with the "date" marker and a dateline naming the outlet, prose on every line.
MARKED = Case(
    name="marked",
    text=""" date 2023-11-02 OSLO (Nordic Wire). Norway's parliament approved a ban on new oil exploration licences in \
the Barents Sea on Wednesday after a debate that lasted well into the night.
The vote passed by 92 votes to 77, with two of the three governing parties backing the measure.
Energy companies said the decision would cost thousands of jobs in the northern counties over the next decade.
""",
    sentences=(
        "Norway's parliament approved a ban on new oil exploration licences in the Barents Sea on Wednesday after a "
        "debate that lasted well into the night.",
        "The vote passed by 92 votes to 77, with two of the three governing parties backing the measure.",
        "Energy companies said the decision would cost thousands of jobs in the northern counties over the next "
        "decade.",
    ),
    furniture=("date 2023-11-02", "OSLO (Nordic Wire)."),
    headings=(),
    meta={
        "title": None,
        "byline": None,
        "dateline": "OSLO",
        "outlet": "Nordic Wire",
        "published": dt.date(2023, 11, 2),
    },
)

CASES = [WIRE, HARBOUR, MARKED]


def make_doc(case: Case, **meta: str) -> Document:
    return document_from_text(RawInput(id=case.name, origin=f"{case.name}.txt", text=case.text, meta=meta))


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    assert i >= 0, f"test text lacks {needle!r}"
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def inside(ranges: tuple[tuple[int, int], ...], span: tuple[int, int]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in ranges)


def overlap(ranges: tuple[tuple[int, int], ...], span: tuple[int, int]) -> int:
    return sum(max(0, min(e, span[1]) - max(s, span[0])) for s, e in ranges)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_sentence_is_in_the_body(case: Case) -> None:
    doc = make_doc(case)
    for sentence in case.sentences:
        for span in occurrences(doc.text, sentence):
            assert inside(doc.body, span), f"{sentence!r} is not inside the body"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_furniture_in_the_body(case: Case) -> None:
    doc = make_doc(case)
    for line in case.furniture:
        for span in occurrences(doc.text, line):
            assert overlap(doc.body, span) == 0, f"furniture {line!r} is in the body"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_headings_are_found_and_kept_out_of_the_body(case: Case) -> None:
    doc = make_doc(case)
    assert [doc.span_text(h) for h in doc.headings] == list(case.headings)
    for heading in doc.headings:
        assert overlap(doc.body, heading) == 0


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_metadata(case: Case) -> None:
    doc = make_doc(case)
    got = {key: getattr(doc, key) for key in case.meta}
    assert got == case.meta
    sources = dict(doc.metadata_sources)
    assert all(sources[key] == "text" for key, value in case.meta.items() if value is not None)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_ranges_are_valid_sorted_and_disjoint(case: Case) -> None:
    doc = make_doc(case)
    assert doc.text == case.text
    ranges = sorted([*doc.body, *doc.headings])
    assert len(set(ranges)) == len(ranges)
    for start, end in ranges:
        assert 0 <= start < end <= len(doc.text)
        assert doc.text[start:end] == doc.text[start:end].strip(), "a range starts or ends in whitespace"
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end <= start, "two ranges overlap"
    assert list(doc.body) == sorted(doc.body)


def test_given_metadata_wins_over_guesses() -> None:
    doc = make_doc(WIRE, outlet="Daily Example", title="Tractors on the périphérique", published="2024-03-04")
    assert (doc.outlet, doc.title, doc.published) == (
        "Daily Example",
        "Tractors on the périphérique",
        dt.date(2024, 3, 4),
    )
    assert doc.byline == "Jane Doe"  # not given: still guessed
    sources = dict(doc.metadata_sources)
    assert sources["outlet"] == sources["title"] == sources["published"] == "given"
    assert sources["byline"] == "text"


def test_file_text_is_the_decoded_file_exactly(tmp_path: Path) -> None:
    """CRLF line ends, a BOM, tabs and trailing spaces survive: offsets index the file itself."""
    content = "\ufeff" + WIRE.text.replace("\n", "  \r\n").replace("Government response", "\tGovernment response")
    path = tmp_path / "wire.txt"
    path.write_bytes(content.encode("utf-8"))
    docs, reports = read_inputs([path], Settings())
    assert [r.outcome for r in reports] == [Outcome.OK]
    (doc,) = docs
    assert doc.text == path.read_bytes().decode("utf-8")
    for sentence in WIRE.sentences:
        for span in occurrences(doc.text, sentence):
            assert inside(doc.body, span)
    assert [doc.span_text(h) for h in doc.headings] == ["Government response"]
    assert doc.dateline == "PARIS" and doc.byline == "Jane Doe"


@pytest.mark.parametrize(
    ("first_line", "dateline", "outlet"),
    [
        ("KYIV, Ukraine (AP) — ", "KYIV", "AP"),
        ("NEW YORK (Reuters) - ", "NEW YORK", "Reuters"),
        ("LAGOS (The Lagos Ledger). ", "LAGOS", "The Lagos Ledger"),
    ],
)
def test_dateline_is_metadata_not_prose(first_line: str, dateline: str, outlet: str) -> None:
    sentence = (
        "Officials confirmed on Sunday that the bridge would stay closed to heavy lorries until the inspection ends."
    )
    text = f"{first_line}{sentence}\nA second sentence follows here, as it does in every real story of this kind.\n"
    cleaned = clean_text(text)
    assert (cleaned.dateline, cleaned.outlet) == (dateline, outlet)
    assert text[cleaned.body[0][0] : cleaned.body[0][1]] == sentence


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("calendar_todayMarch 3, 2024", dt.date(2024, 3, 3)),
        ("Published: 3 March 2024 10:42 GMT", dt.date(2024, 3, 3)),
        ("schedule12 Feb. 2024 | 09:15", dt.date(2024, 2, 12)),
        ("Tue 5th November 2024 at 14:00 CET", dt.date(2024, 11, 5)),
        ("access_timeone day ago", None),  # relative: page chrome, not a publication date
        ("Storm season 2024 starts", None),  # a date-ish word in a title is not a date line
    ],
)
def test_published_from_a_date_line_above_the_article(line: str, published: dt.date | None) -> None:
    text = f"{line}\n{HARBOUR.sentences[0]}\n{HARBOUR.sentences[1]}\n"
    assert clean_text(text).published == published


def test_an_updated_line_does_not_override_the_published_one() -> None:
    text = f"Updated: 9 April 2024\nPublished: 7 April 2024\n{HARBOUR.sentences[0]}\n{HARBOUR.sentences[1]}\n"
    assert clean_text(text).published == dt.date(2024, 4, 7)


@pytest.mark.parametrize(
    "line",
    [
        "Share on Facebook",
        "Subscribe to our newsletter",
        "ADVERTISEMENT",
        "Loading...",
        "Home › World › Europe",
        "News / Business / Markets",
        "Read more: Farmers across Europe step up protests",
        "Related: Ministers meet over grain exports",
        "Photo: Reuters",
        "Crowds gather outside the court on Friday (AFP)",
        "A firefighter at the scene. Photo credit: Jan Novak",
        "folder_openWorld News",
        "https://example.org/world/2024/03/03/story",
        "© 2024 Daily Example. All rights reserved.",
        "Copyright 2023 Harbour Daily.",
        "Reporting by Jane Doe; Editing by Tom Hogue.",
        "Advertisement - Scroll to continue",
        "Story continues below advertisement",
        "Click here to subscribe",
        "Continue reading below",
        "(Additional reporting by Piotr Nowak in Warsaw.)",
    ],
)
def test_furniture_lines_are_chrome(line: str) -> None:
    ln = Line(0, len(line), line)
    assert is_chrome(ln)
    assert not is_prose(ln)


@pytest.mark.parametrize(
    "line",
    [
        "Police said about 600 tractors took part in the protest, which began shortly after dawn.",
        "The court heard that the copyright claim had been filed in 2019 by three independent musicians.",
        "Copyright lawyers say the ruling is unclear.",
        "Reporters by the dozen waited outside the court.",
        "Government response",
        "What the union wants",
        "The story so far",
        "Reading between the lines",
    ],
)
def test_prose_and_headings_are_not_chrome(line: str) -> None:
    assert not is_chrome(Line(0, len(line), line))


def test_text_without_prose_has_no_body() -> None:
    cleaned = clean_text("Home\nNews\nShare on Facebook\nMenu\n© 2024 Nobody\n")
    assert cleaned.body == [] and cleaned.headings == []


def test_footer_after_a_closing_sentence_stays_out() -> None:
    """Extending the body over a short closing sentence stops at the first furniture line."""
    text = (
        f"{HARBOUR.sentences[0]}\n{HARBOUR.sentences[1]}\nTalks resume on Friday.\n"
        "Follow us on Twitter.\nAll rights reserved.\n"
    )
    cleaned = clean_text(text)
    assert [text[s:e] for s, e in cleaned.body][-1] == "Talks resume on Friday."
    assert all("Follow" not in text[s:e] and "rights" not in text[s:e] for s, e in cleaned.body)
