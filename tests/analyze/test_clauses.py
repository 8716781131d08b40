"""Claim units: predicates split, attribution kept apart, events with dates or amounts."""

from __future__ import annotations

import pytest

from newsprism.analyze.clauses import find_clauses
from newsprism.analyze.mentions import find_mentions
from newsprism.records import Clause, Document


@pytest.fixture
def units(nlp):
    def run(text: str) -> list[tuple[str, str]]:
        doc = Document(id="t", text=text, body=((0, len(text)),))
        return [(c.kind, text[c.span.start : c.span.end]) for c in find_clauses(nlp(text), doc)]

    return run


@pytest.fixture
def clauses(nlp):
    """Each clause of a text by the words its span covers."""

    def run(text: str) -> dict[str, Clause]:
        doc = Document(id="t", text=text, body=((0, len(text)),))
        return {text[c.span.start : c.span.end]: c for c in find_clauses(nlp(text), doc)}

    return run


def reporter(text: str, clause: Clause) -> str | None:
    """The words of the report a clause hangs under."""
    return text[clause.attribution.start : clause.attribution.end] if clause.attribution else None


def test_reporting_verb_is_provenance_and_its_complement_a_claim(units):
    found = units("The mayor said the bridge would reopen in May.")
    assert ("provenance", "The mayor said") in found
    assert any(kind == "claim" and "bridge would reopen in May" in text for kind, text in found)


def test_reporting_with_an_audience_is_itself_a_fact(units):
    found = units("Police spokesman Carl Berg told reporters that two suspects were arrested.")
    assert ("attribution", "Police spokesman Carl Berg told reporters") in found


def test_coordinated_predicates_become_separate_claims(units):
    found = units("The storm flooded the harbour and cut power to thousands of homes.")
    claims = [text for kind, text in found if kind == "claim"]
    assert any("flooded the harbour" in c and "cut power" not in c for c in claims)
    assert any(c.startswith("cut power") for c in claims)


def test_dated_happening_in_a_phrase_is_an_event_unit(units):
    found = units("In a three-hour meeting on Monday, the ministers agreed on a budget.")
    assert ("event", "In a three-hour meeting on Monday") in found


def test_a_count_of_people_is_not_an_event(units):
    found = units("The two ministers agreed on a budget after long talks.")
    assert not [text for kind, text in found if kind == "event"]


def test_gerund_subject_stays_with_its_claim(units):
    text = "The minister warned during a visit that sending troops to the border would escalate the crisis."
    claims = [t for kind, t in units(text) if kind == "claim"]
    assert any(c.startswith("sending troops") and "escalate the crisis" in c for c in claims)


def test_bare_verb_is_no_claim(units):
    found = units("They agreed.")
    assert not [t for kind, t in found if kind == "claim" and t == "agreed"]


def test_an_absolute_clause_is_a_claim_of_its_own(units):
    found = units("The ministers agreed to meet again, with Geneva mentioned as a likely venue.")
    claims = [text for kind, text in found if kind == "claim"]
    assert any("Geneva mentioned as a likely venue" in c and "agreed" not in c for c in claims)
    assert any("agreed to meet again" in c and "Geneva" not in c for c in claims)
    assert any(c.startswith("with Geneva") for c in claims)  # the preposition goes with its clause
    assert not any(c.rstrip(" ,.").endswith("with") for c in claims)


def test_a_closing_quote_mark_does_not_stretch_a_claim_over_the_next(units):
    found = units('The mayor warned that the plan would cause "serious harm" to the port and hurt "local trade".')
    claims = [text for kind, text in found if kind == "claim"]
    assert any(c.endswith("to the port") for c in claims), claims


def test_each_claim_keeps_the_source_that_reports_it(nlp):
    text = "The ministry said the dam held, but the engineers said the north wall was badly cracked."
    doc = Document(id="t", text=text, body=((0, len(text)),))
    clauses = find_clauses(nlp(text), doc)
    by_claim = {
        text[c.span.start : c.span.end]: text[c.attribution.start : c.attribution.end]
        for c in clauses
        if c.kind == "claim" and c.attribution is not None
    }
    assert any("dam held" in claim and "ministry" in source for claim, source in by_claim.items()), by_claim
    assert any("cracked" in claim and "engineers" in source for claim, source in by_claim.items()), by_claim


def test_a_stance_stated_with_its_that_clause_reports_it_and_others_claims_are_not_adopted(clauses):
    text = (
        '"The minister repeated her view that the dam will hold," the mayor told reporters. '
        "The engineers dismissed reports that the wall was cracked."
    )
    found = clauses(text)
    assert found["The minister repeated her view"].kind == "provenance"
    held = next(c for k, c in found.items() if "dam will hold" in k)
    assert reporter(text, held) == "The minister repeated her view"
    cracked = next(c for k, c in found.items() if "wall was cracked" in k)
    assert reporter(text, cracked) is None and cracked.kind == "claim"
    denied = clauses("The engineers did not share the view that the dam will hold.")
    assert not any(c.kind == "provenance" for c in denied.values()), denied


def test_an_absolute_clause_hung_on_its_noun_is_split_off_with_that_noun(units):
    found = units("The unions agreed to end the strike, with Lyon, the largest depot, named as the likely venue.")
    claims = [text for kind, text in found if kind == "claim"]
    assert any(c.startswith("with Lyon") and c.endswith("named as the likely venue") for c in claims), claims
    assert any("end the strike" in c and "Lyon" not in c for c in claims)


def test_a_participle_that_only_describes_a_noun_stays_in_its_claim(units):
    found = units("The ministry will supply the towns with the generators requested by the mayors.")
    assert [kind for kind, _ in found] == ["claim"]


def test_verbs_in_an_alternative_share_their_object(units):
    found = units("The minister neither confirmed nor denied the report, and the talks went on.")
    claims = [text for kind, text in found if kind == "claim"]
    assert any("neither confirmed nor denied the report" in c for c in claims)
    assert not any(c.startswith("denied") for c in claims)


def test_a_verb_coordinated_with_an_adjective_is_part_of_the_phrase(units):
    found = units("She called the talks “long, tense, and fact-based,” officials said.")
    assert any("long , tense , and fact - based" in text or "fact-based" in text for _, text in found)
    assert not any(text.strip() in {"fact - based", "fact-based"} for _, text in found)


def test_an_inserted_attribution_does_not_turn_a_claim_into_reporting(units):
    found = units("The president, an aide added, repeatedly stressed the need for a ceasefire.")
    assert any(kind == "claim" and "stressed the need for a ceasefire" in text for kind, text in found)


def test_a_units_words_keep_the_texts_spacing(nlp):
    text = "The two leaders agreed to hold another face-to-face meeting, officials said."
    doc = Document(id="t", text=text, body=((0, len(text)),))
    words = [c.text for c in find_clauses(nlp(text), doc) if c.kind == "claim"]
    assert any("face-to-face meeting" in w for w in words), words
    assert not any(w.endswith((",", " .")) for w in words), words
    text = "The MV Shapla-3, which was built in 1998, overturned in the river."
    doc = Document(id="t", text=text, body=((0, len(text)),))
    words = [c.text for c in find_clauses(nlp(text), doc)]
    assert "The MV Shapla-3 overturned in the river" in words, words  # the commas go with the left-out clause


def test_an_active_participle_with_an_object_is_a_claim_of_its_own(nlp):
    text = "A ferry carrying about 200 people capsized on the river on Monday."
    doc = Document(id="t", text=text, body=((0, len(text)),))
    claims = {text[c.span.start : c.span.end]: c for c in find_clauses(nlp(text), doc) if c.kind == "claim"}
    assert "carrying about 200 people" in claims, list(claims)
    assert claims["carrying about 200 people"].text == "A ferry carrying about 200 people"  # its noun as subject
    host = next(c for span, c in claims.items() if "capsized" in span)
    assert "200" not in host.text, host.text  # the ferry's load is the participle's claim, not the capsizing's


def test_a_day_hung_on_a_describing_participle_goes_to_the_sentences_claim(clauses):
    found = clauses("A warship foiled an attack on ships transiting the Gulf of Aden on Friday.")
    assert found["transiting the Gulf of Aden"].kind == "claim"
    main = next(c for k, c in found.items() if "foiled" in k)
    assert main.text == "A warship foiled an attack on ships on Friday"


def test_a_participle_giving_a_measure_of_its_noun_stays_in_its_claim(units):
    found = units("A quake measuring 6.4 on the Richter scale struck the town on Sunday.")
    assert [kind for kind, _ in found] == ["claim"], found


def test_a_clause_ruled_out_by_a_degree_phrase_is_negated(nlp):
    def negated(text: str) -> dict[str, bool]:
        doc = Document(id="t", text=text, body=((0, len(text)),))
        return {text[c.span.start : c.span.end]: c.negated for c in find_clauses(nlp(text), doc)}

    ruled_out = negated("The gulf is not deep enough for tsunamis to form.")
    assert any(neg and "tsunamis to form" in span for span, neg in ruled_out.items()), ruled_out
    allowed = negated("The gulf is deep enough for tsunamis to form.")
    assert not any(neg for neg in allowed.values()), allowed


def test_the_setting_of_a_report_is_not_reported(clauses):
    text = (
        "On his arrival in Washington on Thursday, the minister said that the talks had failed. "
        "The mayor, who was re-elected in May, said that the bridge would reopen."
    )
    attributed = {k: reporter(text, c) for k, c in clauses(text).items() if c.attribution}
    assert any("talks had failed" in k and "minister said" in v for k, v in attributed.items())
    assert any("bridge would reopen" in k and "mayor" in v for k, v in attributed.items())
    assert not [k for k in attributed if "arrival" in k or "re-elected" in k], attributed


def test_a_copula_framing_a_that_clause_is_no_claim(units):
    found = units("One of the mayor's key points was that the bridge would reopen in May.")
    assert not [text for kind, text in found if text.startswith("One of")], found
    assert any(kind == "claim" and "bridge would reopen in May" in text for kind, text in found)


def test_a_verb_coordinated_with_a_reporting_verb_is_not_reported(clauses):
    text = "The governor also underscored the urgency of the repairs and noted that the costs could rise."
    source = {k: reporter(text, c) for k, c in clauses(text).items() if c.kind == "claim"}
    # the governor's own act, not something reported by "noted"
    assert any("underscored the urgency" in k and v is None for k, v in source.items()), source
    assert any("costs could rise" in k and "noted" in v for k, v in source.items()), source


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The ferry overturned near Chandpur on Tuesday evening.", ["Chandpur"]),
        ("The ferry sank on the Meghna River near Chandpur.", ["Meghna River", "Chandpur"]),
        ("Putin and Trump last met in August at a summit in Alaska.", ["Alaska"]),
        ("The bailout is needed to keep Greece from defaulting.", []),  # an object is no place either
        ("The president urged a swift end to the war in Ukraine.", []),  # a place on a noun says what
        ("The talks focused on the war in Ukraine.", []),
        ("Officials told Washington that the talks would go on.", []),  # an addressee is no place
    ],
)
def test_a_clause_keeps_the_places_it_puts_its_happening_at(nlp, text, places):
    doc = Document(id="t", text=text, body=((0, len(text)),))
    sdoc = nlp(text)
    found = [text[s.start : s.end] for c in find_clauses(sdoc, doc, find_mentions(sdoc, doc)) for s in c.places]
    assert found == places
