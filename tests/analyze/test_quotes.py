"""Quotations and reported speech on hand-written sentences, parsed by the real spaCy model."""

from __future__ import annotations

import pytest

from newsprism.analyze.quotes import ANALYSER, find_quotes, quotation_ranges
from newsprism.records import Document, Mention, Quote, Span

ROLE_HEADS = {"aide", "president", "minister", "spokesman", "spokeswoman", "official", "leader", "adviser"}


def _mentions(sdoc, doc: Document) -> list[Mention]:
    """spaCy's named entities plus role noun phrases ("the presidential aide"), as the pipeline supplies them."""
    out = [
        Mention(Span(doc.id, e.start_char, e.end_char), e.text, e.label_)
        for e in sdoc.ents
        if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
    ]
    for chunk in sdoc.noun_chunks:
        taken = any(m.span.start < chunk.end_char and m.span.end > chunk.start_char for m in out)
        if chunk.root.lemma_.lower() in ROLE_HEADS and not taken:
            out.append(Mention(Span(doc.id, chunk.start_char, chunk.end_char), chunk.text, "PERSON"))
    return out


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str) -> tuple[Document, list[Quote]]:
        doc = Document(id="t", text=text, body=((0, len(text)),))
        sdoc = nlp(text)  # the body is the whole text: masking changes nothing
        return doc, find_quotes(sdoc, doc, _mentions(sdoc, doc))

    return run


def _speaker(doc: Document, q: Quote) -> str | None:
    return doc.span_text(q.speaker_span) if q.speaker_span else None


def _via(doc: Document, q: Quote) -> list[str]:
    return [doc.span_text(v) for v in q.via_spans]


def _quote(doc: Document, quotes: list[Quote], words: str, kind: str | None = None) -> Quote:
    hits = [q for q in quotes if words in doc.span_text(q.span) and (kind is None or q.kind == kind)]
    assert hits, f"no quote containing {words!r} in {[doc.span_text(q.span) for q in quotes]}"
    return min(hits, key=lambda q: len(q.span))


# ------------------------------------------------------------ quotation marks
def test_quotation_ranges_pair_straight_curly_and_mixed_marks():
    text = 'He said "one thing" and “another thing” and "a mixed one”.'
    assert [text[s:e] for s, e in quotation_ranges(text)] == ["one thing", "another thing", "a mixed one"]


def test_nested_single_quotes_stay_inside_the_double_quote():
    text = "“He told me ‘never again’ after the vote,” Ellen Park said."
    assert [text[s:e] for s, e in quotation_ranges(text)] == ["He told me ‘never again’ after the vote,"]


def test_unbalanced_mark_is_dropped_and_the_rest_is_read():
    text = 'Ellen Park said the "deal was off.\nTom Reed said, "We will never agree to that plan."'
    assert [text[s:e] for s, e in quotation_ranges(text)] == ["We will never agree to that plan."]


def test_quote_running_over_paragraphs_is_kept_when_the_next_opens_with_a_mark():
    text = '"We are ready for the vote,\n"and we will win it."'
    assert [text[s:e] for s, e in quotation_ranges(text)] == ["We are ready for the vote,", "and we will win it."]


# -------------------------------------------------------------- direct quotes
def test_attribution_after_the_quote(quotes_of):
    doc, quotes = quotes_of('"The negotiations were useful and long," Senator Ellen Park told reporters on Monday.')
    q = _quote(doc, quotes, "negotiations were useful", "direct")
    assert doc.span_text(q.span) == "The negotiations were useful and long,"
    assert "Ellen Park" in _speaker(doc, q)
    assert q.via_spans == () and q.cue == "tell" and q.analyser == ANALYSER and q.speaker is None


def test_split_quote_gives_two_spans_with_one_speaker(quotes_of):
    doc, quotes = quotes_of("“We will win this fight,” Tom Reed said, “and we will do it before the winter.”")
    first = _quote(doc, quotes, "We will win this fight", "direct")
    second = _quote(doc, quotes, "before the winter", "direct")
    assert first.span != second.span
    assert "Reed" in _speaker(doc, first) and "Reed" in _speaker(doc, second)


def test_attribution_before_the_quote_with_a_colon(quotes_of):
    doc, quotes = quotes_of('Tom Reed said: "We are ready to sign the agreement with our neighbours today."')
    assert "Reed" in _speaker(doc, _quote(doc, quotes, "ready to sign", "direct"))


def test_quote_spanning_sentences(quotes_of):
    doc, quotes = quotes_of('"The plan is dead. Nobody in the cabinet will defend it now," Ellen Park said.')
    q = _quote(doc, quotes, "The plan is dead", "direct")
    assert "Nobody in the cabinet" in doc.span_text(q.span)
    assert "Park" in _speaker(doc, q)


def test_unattributed_quote_paragraph_continues_the_last_speaker(quotes_of):
    text = '"We are ready to sign the treaty," Ellen Park said.\n"Nobody will stop us from finishing the work now."'
    doc, quotes = quotes_of(text)
    first = _quote(doc, quotes, "ready to sign", "direct")
    second = _quote(doc, quotes, "Nobody will stop us", "direct")
    assert "Park" in _speaker(doc, second)
    assert second.confidence < first.confidence


def test_short_phrase_belongs_to_the_subject_of_the_describing_verb(quotes_of):
    doc, quotes = quotes_of("Tom Reed described the talks with the union as “very substantive” on Friday.")
    assert "Reed" in _speaker(doc, _quote(doc, quotes, "very substantive", "direct"))


def test_scare_quotes_and_labels_are_nobodys_words(quotes_of):
    text = "“Falcon” rocket issue and regional security\nThe “Falcon” rockets were moved to the northern base."
    doc, quotes = quotes_of(text)
    assert [doc.span_text(q.span) for q in quotes if q.kind == "direct"] == []


def test_unbalanced_mark_does_not_stop_later_quotes(quotes_of):
    text = 'Ellen Park said the "deal was off.\nTom Reed said, "We will never agree to that plan."'
    doc, quotes = quotes_of(text)
    assert "Reed" in _speaker(doc, _quote(doc, quotes, "never agree", "direct"))


def test_pronoun_speaker_resolves_to_the_earlier_person(quotes_of):
    text = 'Ellen Park arrived late to the meeting. "The vote was a disaster for the party," she said.'
    doc, quotes = quotes_of(text)
    q = _quote(doc, quotes, "disaster for the party", "direct")
    assert "Park" in _speaker(doc, q)
    assert doc.span_text(q.speaker_local) == "she"


# ------------------------------------------------------------- reported speech
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Tom Reed said that the talks would resume next week.", "talks would resume", "Reed"),
        ("According to Ellen Park, the talks will resume next week.", "talks will resume", "Park"),
        ("Tom Reed told reporters the army had withdrawn from the town.", "army had withdrawn", "Reed"),
        ("Ellen Park wrote on her platform that the summit would take place in Oslo.", "summit would take", "Park"),
        ("Tom Reed added that the sanctions would stay in place.", "sanctions would stay", "Reed"),
        ("Ellen Park warned that the ceasefire could collapse within days.", "ceasefire could collapse", "Park"),
        ("Tom Reed insisted that the election had been fair.", "election had been fair", "Reed"),
    ],
)
def test_reported_speech(quotes_of, text, content, speaker):
    doc, quotes = quotes_of(text)
    q = _quote(doc, quotes, content, "indirect")
    assert speaker in _speaker(doc, q)
    assert q.via_spans == ()
    assert "Reed" not in doc.span_text(q.span) and "Park" not in doc.span_text(q.span)


# ----------------------------------------------------------- reporting chains
def test_quoted_as_saying_names_the_speaker_and_the_relay(quotes_of):
    doc, quotes = quotes_of('"Our forces hold the whole ridge," Tom Reed quoted General Ellen Park as saying.')
    q = _quote(doc, quotes, "Our forces hold", "direct")
    assert "Park" in _speaker(doc, q)
    assert [v for v in _via(doc, q) if "Reed" in v]


def test_said_that_someone_warned(quotes_of):
    doc, quotes = quotes_of("Tom Reed said Ellen Park warned that the bridge would be closed.")
    q = _quote(doc, quotes, "bridge would be closed", "indirect")
    assert "Park" in _speaker(doc, q)
    assert any("Reed" in v for v in _via(doc, q))


def test_according_to_a_role_relaying_a_government(quotes_of):
    text = 'According to the presidential aide, Paris told Berlin that its troops retain "complete control" there.'
    doc, quotes = quotes_of(text)
    q = _quote(doc, quotes, "complete control", "direct")
    assert _speaker(doc, q) == "Paris"
    assert any("aide" in v for v in _via(doc, q))


def test_parenthetical_reporter_is_the_relay(quotes_of):
    text = (
        "President Tom Reed, Ellen Park added, repeatedly emphasized the need for peace, "
        "calling the conflict “the hardest task” of his career."
    )
    doc, quotes = quotes_of(text)
    q = _quote(doc, quotes, "the hardest task", "direct")
    assert "Reed" in _speaker(doc, q)
    assert any("Park" in v for v in _via(doc, q))


def test_speaker_quoted_directly_has_no_relay(quotes_of):
    doc, quotes = quotes_of('"The border will stay open," said Ellen Park, the interior minister.')
    q = _quote(doc, quotes, "border will stay open", "direct")
    assert "Park" in _speaker(doc, q)
    assert q.via_spans == ()


def test_pronoun_in_a_reporters_clause_is_the_reporter(quotes_of):
    text = "Tom Reed added that the talks went well, with Ellen Park giving what he called a “detailed assessment”."
    doc, quotes = quotes_of(text)
    q = _quote(doc, quotes, "detailed assessment", "direct")
    assert "Reed" in _speaker(doc, q)


def test_headline_style_colon_attribution(quotes_of):
    doc, quotes = quotes_of("Senator Ellen Park: The budget deal is a betrayal of voters")
    q = _quote(doc, quotes, "budget deal", "indirect")
    assert "Park" in _speaker(doc, q)
