"""A small invented story, built by hand as analysis records, for the synthesize and report tests."""

from __future__ import annotations

import datetime as dt
import re

from newsprism.analyze.resources import load_spacy
from newsprism.config import Settings
from newsprism.records import (
    Alignment,
    AnalyzedDocument,
    Contradiction,
    ContradictionSide,
    Corroboration,
    Coverage,
    Document,
    Entity,
    Fact,
    Precision,
    Quote,
    QuoteVariant,
    Sentence,
    Span,
    StoryAnalysis,
    TimeExpr,
)
from newsprism.synthesize.text import masked_body

TEXTS = {
    "a": (
        "Azerbaijani President Ilham Aliyev met Armenian Prime Minister Nikol Pashinyan in Tbilisi on Monday.\n"
        "The two leaders discussed the war in Karabakh and a border commission that will start work next month.\n"
        '"We have agreed to open the Lachin road to civilian traffic," Aliyev told reporters after the talks.\n'
        "Observers from the European Union will monitor the crossing from 1 March, officials said.\n"
        'Aliyev also said the region needs "peace and not revenge" after three decades of fighting.\n'
        "Pashinyan left Tbilisi for Yerevan on Monday evening."
    ),
    "b": (
        "Azerbaijani President Ilham Aliev held talks with Armenian Prime Minister Nikol Pashinyan "
        "in Tbilisi on Monday.\n"
        "The two leaders discussed the Karabakh conflict and a border commission that will start work next month.\n"
        '"We have agreed to open the Lachin road to civilian traffic," Aliev told journalists after the meeting.\n'
        "Observers from the European Union will monitor the crossing from 1 March, officials said.\n"
        "The Armenian side called the talks <script>alert('x')</script> \"a fragile first step\"."
    ),
    "c": (
        "Armenia's Nikol Pashinyan and Ilham Aliyev sat down in Tbilisi on Sunday, the Armenian government said.\n"
        'Yerevan described the meeting as a response to "the Baku regime and its terrorist methods" on the border.\n'
        "Local farmers said the Karabakh crisis has cut them off from their fields for years.\n"
        "A new round of talks is expected in Geneva next week."
    ),
}
PUBLISHED = {"a": dt.date(2024, 2, 12), "b": None, "c": dt.date(2024, 2, 12)}
OUTLETS = {"a": "Caucasus Daily", "b": "Border Wire", "c": "Yerevan Post"}


def span(doc: str, needle: str, nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(needle), TEXTS[doc])]
    return Span(doc, starts[nth], starts[nth] + len(needle))


def document(doc: str) -> Document:
    text = TEXTS[doc]
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    return Document(
        id=doc,
        text=text,
        body=tuple(lines),
        outlet=OUTLETS[doc],
        published=PUBLISHED[doc],
        title=f"Talks in Tbilisi ({OUTLETS[doc]})",
    )


def _time(doc: str, needle: str, value: str, precision: Precision, event: str | None) -> TimeExpr:
    return TimeExpr(span=span(doc, needle), text=needle, value=value, precision=precision, event=event)


def _entity(eid: str, name: str, typ: str, forms: list[tuple[str, str, int]]) -> Entity:
    return Entity(id=eid, name=name, type=typ, mentions=tuple(span(d, f, n) for d, f, n in forms))


def analysis() -> StoryAnalysis:
    docs = {d: document(d) for d in TEXTS}
    entities = (
        _entity(
            "E1",
            "Ilham Aliyev",
            "PERSON",
            [
                ("a", "Ilham Aliyev", 0),
                ("a", "Aliyev", 1),
                ("a", "Aliyev", 2),
                ("b", "Ilham Aliev", 0),
                ("b", "Aliev", 1),
                ("c", "Ilham Aliyev", 0),
            ],
        ),
        _entity(
            "E2",
            "Nikol Pashinyan",
            "PERSON",
            [("a", "Nikol Pashinyan", 0), ("b", "Nikol Pashinyan", 0), ("c", "Nikol Pashinyan", 0)],
        ),
        _entity("E3", "Tbilisi", "GPE", [("a", "Tbilisi", 0), ("b", "Tbilisi", 0), ("c", "Tbilisi", 0)]),
    )
    times = {
        "a": [
            _time("a", "Monday", "2024-02-12", Precision.DAY, "meet"),
            _time("a", "next month", "2024-03", Precision.MONTH, "start"),
            _time("a", "1 March", "2024-03-01", Precision.DAY, "monitor"),
        ],
        "b": [
            _time("b", "Monday", "2024-02-12", Precision.DAY, "meet"),
            _time("b", "1 March", "2024-03-01", Precision.DAY, "monitor"),
        ],
        "c": [
            _time("c", "Sunday", "2024-02-11", Precision.DAY, "meet"),
            _time("c", "next week", "2024-W08", Precision.WEEK, "expect"),
        ],
    }
    quotes = {
        "a": [Quote(span("a", '"We have agreed to open the Lachin road to civilian traffic,"'), "direct", "E1")],
        "b": [Quote(span("b", '"We have agreed to open the Lachin road to civilian traffic,"'), "direct", "E1")],
        "c": [],
    }
    nlp = load_spacy(Settings().spacy_model)
    adocs = []
    for d, doc in docs.items():
        sents = tuple(Sentence(Span(d, s, e)) for s, e in doc.body)
        chunks = tuple((c.start_char, c.end_char, c.root.lemma_) for c in nlp(masked_body(doc)).noun_chunks)
        adocs.append(
            AnalyzedDocument(
                document=doc,
                sentences=sents,
                mentions=(),
                quotes=tuple(quotes[d]),
                times=tuple(times[d]),
                quantities=(),
                noun_chunks=chunks,
            )
        )
    return StoryAnalysis(documents=tuple(adocs), entities=entities)


def _fact(fid: str, parts: list[tuple[str, str]]) -> Fact:
    support = tuple(span(d, t) for d, t in parts)
    outlets = tuple(dict.fromkeys(d for d, _t in parts))
    level = (
        Corroboration.ALL if len(outlets) == 3 else Corroboration.MOST if len(outlets) == 2 else Corroboration.SINGLE
    )
    return Fact(id=fid, text=parts[0][1], support=support, outlets=outlets, corroboration=level)


def alignment() -> Alignment:
    facts = (
        _fact(
            "F1",
            [
                ("a", "met Armenian Prime Minister Nikol Pashinyan in Tbilisi"),
                ("b", "held talks with Armenian Prime Minister Nikol Pashinyan in Tbilisi"),
                ("c", "sat down in Tbilisi"),
            ],
        ),
        _fact(
            "F2",
            [
                ("a", "a border commission that will start work next month"),
                ("b", "a border commission that will start work next month"),
            ],
        ),
        _fact(
            "F3", [("a", "open the Lachin road to civilian traffic"), ("b", "open the Lachin road to civilian traffic")]
        ),
        _fact(
            "F4",
            [
                ("a", "Observers from the European Union will monitor the crossing"),
                ("b", "Observers from the European Union will monitor the crossing"),
            ],
        ),
        _fact("F5", [("a", "Pashinyan left Tbilisi for Yerevan on Monday evening")]),
        _fact("F6", [("c", "A new round of talks is expected in Geneva next week")]),
        _fact("F7", [("c", "the Karabakh crisis has cut them off from their fields for years")]),
    )
    contradiction = Contradiction(
        id="C1",
        kind="date",
        about="the day of the meeting",
        reason="different days for one meeting",
        fact="F1",
        sides=(
            ContradictionSide("2024-02-12", (span("a", "in Tbilisi on Monday"), span("b", "in Tbilisi on Monday"))),
            ContradictionSide("2024-02-11", (span("c", "in Tbilisi on Sunday"),)),
        ),
    )
    variant = QuoteVariant(
        id="Q1",
        speaker="E1",
        similarity=1.0,
        renderings=(
            span("a", "We have agreed to open the Lachin road to civilian traffic"),
            span("b", "We have agreed to open the Lachin road to civilian traffic"),
        ),
    )
    coverage = (Coverage("a", ("F5",), (("F6", 1),)), Coverage("b", (), (("F5", 1),)), Coverage("c", ("F6", "F7"), ()))
    return Alignment(facts=facts, contradictions=(contradiction,), quote_variants=(variant,), coverage=coverage)
