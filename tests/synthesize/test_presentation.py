"""Readable outlets, timeline entries, loaded terms and story order, on small invented stories."""

from __future__ import annotations

import datetime as dt

import pytest
from invented_story import alignment, analysis

from newsprism.analyze.resources import load_spacy
from newsprism.config import Settings
from newsprism.records import (
    AnalyzedDocument,
    Clause,
    Document,
    Entity,
    Precision,
    Sentence,
    Span,
    StoryAnalysis,
    TimeExpr,
)
from newsprism.synthesize import synthesize
from newsprism.synthesize.outlets import outlet_labels, short_title
from newsprism.synthesize.phrases import loaded_rows, phrases
from newsprism.synthesize.summary import HAPPENED, NEXT, SAID
from newsprism.synthesize.text import masked_body, quoted_regions
from newsprism.synthesize.timeline import build_timeline, contract_date


def _doc(doc_id: str, text: str, **meta: str) -> Document:
    return Document(id=doc_id, text=text, body=((0, len(text)),), **meta)  # type: ignore[arg-type]


def test_every_outlet_gets_a_readable_label_never_its_file_id() -> None:
    docs = [
        _doc("017_ab12", "x", outlet="Harbour Times"),
        _doc("018_cd34", "x", url="https://www.lakeside-news.example/story/1"),
        _doc("019_ef56", "x", title="Ferry strike strands thousands of commuters on the island for a second day"),
        _doc("020_gh78", "x"),
        _doc("021_ij90", "x"),
        _doc("022_kl12", "x", outlet="Harbour Times"),
    ]
    labels = outlet_labels(docs)
    assert [labels[d.id].label for d in docs] == [
        "Harbour Times",
        "lakeside-news.example",
        "“Ferry strike strands thousands of…”",
        "Outlet B",
        "Outlet C",
        "Harbour Times (2)",
    ]
    marks = [labels[d.id].mark for d in docs]
    assert len(set(marks)) == len(marks) and marks[3:5] == ["B", "C"]
    assert not any("_" in lab.label for lab in labels.values())
    assert short_title("Short headline") == "“Short headline”"


def test_summary_dispute_names_outlets_by_label_not_id() -> None:
    an = analysis()
    docs = [a.document for a in an.documents]
    # outlet c loses its name and title: the summary must call it "Outlet A", not "c"
    nameless = [
        a
        if a.document.id != "c"
        else AnalyzedDocument(
            document=Document(id="c", text=a.document.text, body=a.document.body, published=a.document.published),
            sentences=a.sentences,
            mentions=a.mentions,
            quotes=a.quotes,
            times=a.times,
            quantities=a.quantities,
            noun_chunks=a.noun_chunks,
        )
        for a in an.documents
    ]
    out = synthesize(StoryAnalysis(tuple(nameless), an.entities), alignment(), Settings())
    dispute = next(s for s in out.summary if "disagree" in s.text)
    assert "Outlet A" in dispute.text and "Caucasus Daily" in dispute.text
    assert docs[2].id in dispute.sources, "the JSON keeps document ids"


def test_summary_tells_the_story_in_order(synthesize_invented) -> None:
    from newsprism.synthesize.summary import _Wordings

    an, al = analysis(), alignment()
    wordings = _Wordings(an, set(), [])
    facts = {f.id: f for f in al.facts}
    assert wordings.stage(wordings.choose(facts["F3"]), facts["F3"]) == SAID
    assert wordings.stage(wordings.choose(facts["F4"]), facts["F4"]) == NEXT
    stages = []
    for s in synthesize_invented.summary:
        if "disagree" in s.text:
            continue
        fact = facts[s.facts[0]]
        stages.append(wordings.stage(s.support[0], fact))
    assert stages == sorted(stages) and HAPPENED < SAID < NEXT


@pytest.fixture(scope="module")
def synthesize_invented():
    return synthesize(analysis(), alignment(), Settings())


def _story(texts: dict[str, str], times: dict[str, list[TimeExpr]], clauses: dict[str, list[Clause]]) -> StoryAnalysis:
    nlp = load_spacy(Settings().spacy_model)
    adocs = []
    for d, text in texts.items():
        doc = _doc(d, text, outlet=f"Outlet {d}")
        chunks = tuple((c.start_char, c.end_char, c.root.lemma_) for c in nlp(masked_body(doc)).noun_chunks)
        adocs.append(
            AnalyzedDocument(
                doc,
                (Sentence(Span(d, 0, len(text))),),
                (),
                (),
                tuple(times.get(d, ())),
                (),
                clauses=tuple(clauses.get(d, ())),
                noun_chunks=chunks,
            )
        )
    return StoryAnalysis(tuple(adocs), ())


def _t(
    doc: str,
    text: str,
    needle: str,
    value: str,
    precision: Precision,
    event: str,
    event_word: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> TimeExpr:
    i, j = text.index(needle), text.index(event_word)
    return TimeExpr(
        Span(doc, i, i + len(needle)),
        needle,
        value,
        precision,
        start=start,
        end=end,
        event=event,
        event_span=Span(doc, j, j + len(event_word)),
    )


def test_timeline_describes_entries_drops_reporting_and_year_only_dates_and_keeps_ranges() -> None:
    a = "The mayor said on Tuesday that the ferry pier, damaged in a storm in March, will reopen within two weeks."
    b = "Engineers inspected the pier on Tuesday. Officials said in March that repairs would cost more this year."
    times = {
        "a": [
            _t("a", a, "on Tuesday", "2024-04-09", Precision.DAY, "say", "said"),
            _t("a", a, "in March", "2024-03", Precision.MONTH, "damage", "damaged"),
            _t(
                "a",
                a,
                "within two weeks",
                "2024-04-09/2024-04-23",
                Precision.WEEK,
                "reopen",
                "reopen",
                dt.date(2024, 4, 9),
                dt.date(2024, 4, 23),
            ),
        ],
        "b": [
            _t("b", b, "on Tuesday", "2024-04-09", Precision.DAY, "inspect", "inspected"),
            _t("b", b, "in March", "2024-03", Precision.MONTH, "say", "said"),
            _t("b", b, "this year", "2024", Precision.YEAR, "cost", "cost"),
        ],
    }
    sa = a.index("The mayor said")
    clauses = {
        "a": [Clause(Span("a", sa, sa + len("The mayor said")), Span("a", 0, len(a)), kind="attribution", head="say")],
        "b": [
            Clause(
                Span("b", b.index("Officials"), b.index(" that")), Span("b", 0, len(b)), kind="provenance", head="say"
            )
        ],
    }
    entries = build_timeline(_story({"a": a, "b": b}, times, clauses))
    by = {(e.date, e.event): e for e in entries}
    assert ("2024-04-09", "say") not in by, "the saying is dropped: an inspection is dated that day"
    assert ("2024-04-09", "inspect") in by and by[("2024-04-09", "inspect")].description.startswith("Engineers")
    assert ("2024-03", "damage") in by and ("2024-03", "say") not in by
    assert "storm in March" in by[("2024-03", "damage")].description
    assert not any(e.date == "2024" for e in entries), "year-only dates are outside the contract"
    reopen = next(e for e in entries if e.event == "reopen")
    assert reopen.date == "2024-04" and (reopen.start, reopen.end) == (dt.date(2024, 4, 9), dt.date(2024, 4, 23))
    # a reporting act alone on its date stays: what was said then is the news
    alone = build_timeline(_story({"b": b}, {"b": times["b"][1:2]}, {"b": clauses["b"]}))
    assert [e.date for e in alone] == ["2024-03"]


def test_contract_date_of_ranges() -> None:
    def t(value: str, start: dt.date, end: dt.date, p: Precision = Precision.WEEK) -> TimeExpr:
        return TimeExpr(Span("x", 0, 1), "x", value, p, start=start, end=end)

    assert contract_date(t("2024-04-08/2024-04-12", dt.date(2024, 4, 8), dt.date(2024, 4, 12))) == "2024-W15"
    assert contract_date(t("2024-04-09/2024-04-23", dt.date(2024, 4, 9), dt.date(2024, 4, 23))) == "2024-04"
    assert contract_date(t("2024-04-25/2024-05-20", dt.date(2024, 4, 25), dt.date(2024, 5, 20))) == "2024-W17"
    assert contract_date(TimeExpr(Span("x", 0, 1), "x", "2024-04-09", Precision.DAY)) == "2024-04-09"


def test_loaded_terms_an_outlet_adopts_while_others_only_quote() -> None:
    texts = {
        "a": 'The minister said the "rogue militia" fired on the convoy near Osterby.',
        "b": "The rogue militia fired on the convoy near Osterby, the paper's reporters saw.",
        "c": 'Residents of Osterby blamed what the minister called the "rogue militia" for the attack.',
        "d": "A local armed group fired on a convoy near Osterby on Monday, witnesses said.",
    }
    an = _story(texts, {}, {})
    osterby = Entity(
        "P1", "Osterby", "GPE", tuple(Span(d, t.index("Osterby"), t.index("Osterby") + 7) for d, t in texts.items())
    )
    an = StoryAnalysis(an.documents, (osterby,))
    found = {a.document.id: phrases(a, quoted_regions(a)) for a in an.documents}
    rows = loaded_rows(an, found, set())
    row = next(r for r in rows if r.referent.lower() == "rogue militia")
    assert dict(row.choices) == {"b": ("rogue militia",)}
    assert set(dict(row.in_quotes)) == {"a", "c"}
    assert not any(r.referent.lower() in {"local armed group", "armed group"} for r in rows)
