"""The analysis pipeline: masking keeps offsets, sentences stay in the body, and runs are repeatable."""

from __future__ import annotations

import datetime as dt

from newsprism.analyze.pipeline import analyze_documents, masked_text
from newsprism.records import Document

TEXT = (
    "Home › World › Europe\n"
    "Ministers agree on grain deal\n"
    "GENEVA (Example Wire). The ministers agreed on Tuesday to extend the grain deal, officials said.\n"
    "“This is a good day,” said Foreign Minister Anna Berg. She added that talks would resume next week.\n"
    "Share this article\n"
)


def make_doc() -> Document:
    start = TEXT.index("The ministers")
    end = TEXT.index("next week.") + len("next week.")
    return Document(id="g", text=TEXT, body=((start, end),), published=dt.date(2024, 5, 16))


def test_masking_keeps_length_and_blanks_furniture():
    doc = make_doc()
    masked = masked_text(doc)
    assert len(masked) == len(doc.text)
    assert "Share" not in masked and "Home" not in masked
    assert masked[doc.body[0][0] : doc.body[0][1]] == doc.text[doc.body[0][0] : doc.body[0][1]]


def test_sentences_lie_in_the_body():
    analysis = analyze_documents([make_doc()])
    (adoc,) = analysis.documents
    texts = [adoc.document.text[s.span.start : s.span.end] for s in adoc.sentences]
    assert texts[0].startswith("The ministers agreed")
    assert all("Share" not in t and "GENEVA" not in t for t in texts)


def test_the_same_story_twice_gives_the_same_analysis():
    first = analyze_documents([make_doc()])
    second = analyze_documents([make_doc()])
    assert first == second
    speakers = {q.speaker for q in first.documents[0].quotes if q.kind == "direct"}
    names = {e.id: e.name for e in first.entities}
    assert {names.get(s) for s in speakers} == {"Anna Berg"}


def test_names_in_the_title_and_headings_are_mentions_cut_to_the_names_the_prose_uses():
    text = (
        "Berg Hails Grain Deal After Talks in Geneva\n"
        "Share this article\n"
        "Foreign Minister Anna Berg said the deal would hold. Talks in Geneva ended on Tuesday.\n"
        "Next steps in Geneva\n"
        "Berg will travel to Kyiv next week.\n"
    )
    first, second = text.index("Foreign Minister"), text.index("Berg will")
    doc = Document(
        id="h",
        text=text,
        body=((first, text.index("Next steps") - 1), (second, len(text) - 1)),
        headings=((text.index("Next steps"), second - 1),),
        title="Berg Hails Grain Deal After Talks in Geneva",
    )
    analysis = analyze_documents([doc])
    named = {text[s.start : s.end]: e.name for e in analysis.entities for s in e.mentions}
    spans = {(s.start, s.end) for e in analysis.entities for s in e.mentions}
    assert (0, len("Berg")) in spans and named["Berg"] == "Anna Berg"  # not "Berg Hails", as a tagger reads it
    geneva = [s.start for e in analysis.entities if e.name == "Geneva" for s in e.mentions]
    assert text.index("Geneva") in geneva and text.index("Geneva", text.index("Next steps")) in geneva
    assert not any("Share" in name or "Hails" in name for name in named)
