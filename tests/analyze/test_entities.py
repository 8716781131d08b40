"""Mentions and cross-document entities on hand-written stories, parsed with the real spaCy model."""

from __future__ import annotations

import pytest

from newsprism.analyze.entities import ANALYSER, find_mentions, names_match, resolve_entities, role_fits
from newsprism.records import Document, Entity, Mention


def _story(nlp, *texts: str) -> tuple[dict[str, Document], dict[str, list[Mention]]]:
    docs, mentions = {}, {}
    for i, text in enumerate(texts):
        doc = Document(id=f"d{i}", text=text, body=((0, len(text)),))
        docs[doc.id] = doc
        mentions[doc.id] = find_mentions(nlp(text), doc)
    return docs, mentions


def _entity_of(entities: list[Entity], docs: dict[str, Document], doc_id: str, surface: str, nth: int = 0) -> Entity:
    """The entity with a mention overlapping the ``nth`` occurrence of ``surface`` in ``doc_id``."""
    text = docs[doc_id].text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    hits = [e for e in entities for s in e.mentions if s.doc == doc_id and min(s.end, end) - max(s.start, start) >= 2]
    assert hits, f"no entity covers {surface!r} in {doc_id}"
    return hits[0]


def _mention(mentions: list[Mention], text: str) -> Mention:
    return next(m for m in mentions if m.text == text)


def test_analyser_is_versioned():
    assert ANALYSER == "entities/3"


def test_titles_are_stripped_into_roles(nlp):
    text = (
        "German Chancellor Olaf Scholz met US Secretary of State Antony Blinken on Monday. "
        "Russian opposition leader Alexei Navalny was not mentioned, said Kremlin aide Dmitry Peskov."
    )
    _, mentions = _story(nlp, text)
    ms = mentions["d0"]
    scholz = _mention(ms, "Olaf Scholz")
    assert scholz.label == "PERSON" and scholz.role == "German Chancellor"
    assert text[scholz.role_span.start : scholz.role_span.end] == "German Chancellor"
    assert _mention(ms, "Antony Blinken").role == "US Secretary of State"
    assert _mention(ms, "Dmitry Peskov").role == "Kremlin aide"
    assert _mention(ms, "Alexei Navalny").role == "Russian opposition leader"
    # the nationality inside a title is part of the title, not a place of its own
    assert not any(m.text in ("German", "US", "Kremlin") for m in ms)
    for m in ms:
        assert m.span.doc == "d0" and text[m.span.start : m.span.end] == m.text


def test_possessive_gives_the_bare_name(nlp):
    text = "Chancellor Olaf Scholz spoke in Berlin. Scholz’s plan was welcomed by the Greens."
    _, mentions = _story(nlp, text)
    names = [m.text for m in mentions["d0"] if m.label == "PERSON"]
    assert "Scholz" in names and not any(n.endswith("’s") for n in names)


def test_an_amount_taken_for_a_place_is_not_a_mention(nlp):
    _, mentions = _story(nlp, "A magnitude-6.2 earthquake shook the island of Veldra on Sunday.")
    assert [m.text for m in mentions["d0"]] == ["Veldra"]  # spaCy tags "magnitude-6.2" a GPE


def test_surname_tagged_as_organisation_is_a_person(nlp):
    # the small model tags a lone surname ORG in many contexts; the full name in the same text decides
    text = (
        "Prime Minister Keir Starmer said on Tuesday that talks would go on. "
        "Starmer wrote on X that Starmer and his team would travel to Brussels."
    )
    _, mentions = _story(nlp, text)
    lone = [m for m in mentions["d0"] if m.text == "Starmer"]
    assert len(lone) == 2 and all(m.label == "PERSON" for m in lone)


def test_hyphenated_pair_gives_two_people(nlp):
    text = "President Joe Biden met President Xi Jinping. The Biden-Jinping summit ended without a deal."
    _, mentions = _story(nlp, text)
    after = [m.text for m in mentions["d0"] if m.span.start > text.index("The Biden")]
    assert "Biden" in after and "Jinping" in after


def test_surname_joins_full_name_and_role_description_joins_role_holder(nlp):
    docs, mentions = _story(
        nlp,
        "German Chancellor Olaf Scholz said on Monday that Germany would send more air defence to Ukraine. "
        "Scholz spoke after a meeting in Berlin.",
        "The German leader told reporters that the decision was final. Scholz did not say when.",
    )
    ents = resolve_entities(mentions)
    scholz = _entity_of(ents, docs, "d0", "Olaf Scholz")
    assert scholz.name == "Olaf Scholz" and scholz.type == "PERSON"
    assert "German Chancellor" in scholz.roles
    assert _entity_of(ents, docs, "d0", "Scholz", 1) is scholz
    assert _entity_of(ents, docs, "d1", "The German leader") is scholz
    assert _entity_of(ents, docs, "d1", "Scholz") is scholz


def test_same_surname_different_people(nlp):
    docs, mentions = _story(
        nlp,
        "Former President Bill Clinton campaigned in Ohio on Saturday. Clinton told voters that jobs were coming.",
        "Former Secretary of State Hillary Clinton joined him in Ohio. President Clinton spoke first, "
        "and Clinton said the state would decide the race.",
        "Bill Clinton and President Clinton were cheered by the crowd while Bill Clinton smiled.",
    )
    ents = resolve_entities(mentions)
    bill = _entity_of(ents, docs, "d0", "Bill Clinton")
    hillary = _entity_of(ents, docs, "d1", "Hillary Clinton")
    assert bill is not hillary
    assert hillary.name == "Hillary Clinton" and bill.name == "Bill Clinton"
    # a title decides which Clinton; a bare surname goes to the most mentioned full name
    assert _entity_of(ents, docs, "d1", "President Clinton") is bill
    assert _entity_of(ents, docs, "d0", "Clinton", 1) is bill


def test_shared_first_name_never_joins(nlp):
    docs, mentions = _story(
        nlp,
        "Ukrainian boxer Vladimir Klitschko met Russian President Vladimir Putin's envoy in Geneva.",
        "Volodymyr Klitschko said Putin had sent no reply. Klitschko returned to Kyiv.",
    )
    ents = resolve_entities(mentions)
    klitschko = _entity_of(ents, docs, "d0", "Vladimir Klitschko")
    putin = _entity_of(ents, docs, "d0", "Vladimir Putin")
    assert klitschko is not putin
    assert _entity_of(ents, docs, "d1", "Volodymyr Klitschko") is klitschko
    assert _entity_of(ents, docs, "d1", "Klitschko") is klitschko
    assert _entity_of(ents, docs, "d1", "Putin") is putin


def test_transliteration_variants_join_across_documents(nlp):
    docs, mentions = _story(
        nlp,
        "Russian opposition leader Alexei Navalny was moved to a prison in the Arctic, his lawyers said.",
        "Aleksei Navalny had not been seen for two weeks. Navalny's team said they had found him.",
    )
    ents = resolve_entities(mentions)
    navalny = _entity_of(ents, docs, "d0", "Alexei Navalny")
    assert _entity_of(ents, docs, "d1", "Aleksei Navalny") is navalny
    assert _entity_of(ents, docs, "d1", "Navalny") is navalny
    assert {"Alexei Navalny", "Aleksei Navalny"} <= {navalny.name, *navalny.aliases}


def test_role_description_needs_a_single_holder(nlp):
    docs, mentions = _story(
        nlp,
        "Kremlin aide Dmitry Peskov and Kremlin aide Yuri Mikhailov both spoke on Friday.",
        "The Kremlin aide said the talks were over. French President Emmanuel Macron disagreed, "
        "and the French president called again.",
    )
    ents = resolve_entities(mentions)
    aide_span = docs["d1"].text.index("The Kremlin aide")
    assert not any(s.doc == "d1" and s.start == aide_span for e in ents for s in e.mentions)
    macron = _entity_of(ents, docs, "d1", "Emmanuel Macron")
    assert _entity_of(ents, docs, "d1", "the French president") is macron


def test_apposition_gives_a_place_its_description(nlp):
    docs, mentions = _story(
        nlp,
        "The leaders will meet in Ottawa, the Canadian capital, next month.",
        "Officials said the summit in the Canadian capital would last two days.",
    )
    ents = resolve_entities(mentions)
    ottawa = _entity_of(ents, docs, "d0", "Ottawa")
    assert ottawa.type == "GPE"
    assert _entity_of(ents, docs, "d1", "the Canadian capital") is ottawa


def test_resolution_is_deterministic(nlp):
    _, mentions = _story(
        nlp,
        "President Joe Biden met First Lady Jill Biden in Delaware. Biden then flew to Washington.",
        "Biden said the trip was short. Jill Biden stayed in Delaware.",
    )
    first = resolve_entities(mentions)
    again = resolve_entities(dict(reversed(list(mentions.items()))))
    assert [(e.id, e.name, e.mentions) for e in first] == [(e.id, e.name, e.mentions) for e in again]
    ids = [e.id for e in first]
    assert len(ids) == len(set(ids)) and "joe-biden" in ids


def test_first_lady_stays_apart_from_the_president(nlp):
    docs, mentions = _story(
        nlp,
        "President Joe Biden met First Lady Jill Biden in Delaware. Biden then flew to Washington.",
        "Biden said the trip was short. Jill Biden stayed in Delaware. President Biden returned on Sunday.",
    )
    ents = resolve_entities(mentions)
    joe = _entity_of(ents, docs, "d0", "Joe Biden")
    jill = _entity_of(ents, docs, "d0", "Jill Biden")
    assert joe is not jill and "First Lady" in jill.roles
    assert _entity_of(ents, docs, "d1", "Biden") is joe
    assert _entity_of(ents, docs, "d1", "President Biden") is joe


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Yuri", "Yury", True),
        ("Zelensky", "Zelenskyy", True),
        ("Zelenskiy", "Zelensky", True),
        ("Kiev", "Kyiv", True),
        ("Vladimir", "Volodymyr", True),
        ("Alexei", "Aleksei", True),
        ("Orbán", "Orban", True),
        # renamings are no spelling variants: string similarity must not join them
        ("Mumbai", "Bombay", False),
        ("Beijing", "Peking", False),
        ("Niger", "Nigeria", False),
        ("Austria", "Australia", False),
        ("Hillary", "Bill", False),
        ("Iran", "Iraq", False),
    ],
)
def test_names_match(a, b, same):
    assert names_match(a, b) is same


@pytest.mark.parametrize(
    ("description", "role", "fits"),
    [
        ("the Russian leader", "Russian President", True),
        ("the British leader", "British Prime Minister", True),
        ("the British leader", "British Foreign Minister", False),
        ("the American president", "US President", True),
        ("the US president", "US Vice President", False),
        ("the US president", "Russian President", False),
        ("the Hungarian capital", "Hungarian capital", True),
        ("the Kremlin aide", "Russian presidential aide", False),
    ],
)
def test_role_fits(description, role, fits):
    assert role_fits(description, role) is fits
