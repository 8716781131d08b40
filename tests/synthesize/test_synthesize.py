"""framing, reuse, timeline and summary on a small invented story (real spaCy parse and embedder)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from invented_story import alignment, analysis, span

from newsprism.config import Settings
from newsprism.records import Entity, Synthesis
from newsprism.synthesize import synthesize
from newsprism.synthesize.framing import join_variant_entities, minority_terms, spelling_variants
from newsprism.synthesize.text import inside, quote_mark_regions


@pytest.fixture(scope="module")
def synthesis() -> Synthesis:
    return synthesize(analysis(), alignment(), Settings())


def test_spelling_variants_are_close_words_of_one_name() -> None:
    assert spelling_variants("Aliyev", "Aliev")
    assert spelling_variants("Tbilisi", "Tiflisi")
    assert not spelling_variants("Aliyev", "Aliyev")
    assert not spelling_variants("Nikol", "Ilham")


def test_entities_spelt_apart_in_different_outlets_are_joined() -> None:
    a = Entity("X1", "Tbilisi", "GPE", (span("a", "Tbilisi"),))
    b = Entity("X2", "Tiflis", "GPE", (span("b", "Tbilisi"),))
    c = Entity("X3", "Tbilisi", "PERSON", (span("c", "Tbilisi"),))
    groups = join_variant_entities([a, replace(b, name="Tbilisy"), c])
    assert [[e.id for e in g] for g in groups] == [["X1", "X2"], ["X3"]]
    # both spellings in one outlet: two referents, not one
    assert len(join_variant_entities([a, Entity("X4", "Tbilisy", "GPE", (span("a", "Tbilisi", 1),))])) == 2


def test_quote_mark_regions_pair_marks_and_skip_apostrophes() -> None:
    text = 'He said “a fragile step” and it’s ‘done’ now. "Open" end'
    regions = quote_mark_regions(text)
    assert [text[s:e] for s, e in regions] == ["“a fragile step”", "‘done’", '"Open"']
    assert inside(regions, text.index("fragile"), text.index("fragile") + 7)
    assert not inside(regions, text.index("now"), text.index("now") + 3)


def test_framing_names_each_outlets_spelling(synthesis: Synthesis) -> None:
    row = next(r for r in synthesis.framing if r.entity == "E1")
    choices = dict(row.choices)
    assert choices["a"][0] == "Ilham Aliyev" and choices["b"][0] == "Ilham Aliev"
    assert not any(r.entity == "E2" for r in synthesis.framing), "same spelling everywhere: no framing row"


def test_framing_labels_the_conflict_in_each_outlets_own_voice(synthesis: Synthesis) -> None:
    row = next(r for r in synthesis.framing if r.kind == "label")
    assert dict(row.choices) == {"a": ("war in Karabakh",), "b": ("Karabakh conflict",), "c": ("Karabakh crisis",)}
    actor = next(r for r in synthesis.framing if r.kind == "actor")
    assert dict(actor.in_quotes) == {"c": ("Baku regime",)} and not actor.choices
    assert "karabakh crisis" in minority_terms(synthesis.framing, 3)


def test_reuse_finds_the_copying_pair_and_sets_common_quotes_apart(synthesis: Synthesis) -> None:
    top = synthesis.reuse[0]
    assert {top.source, top.derived} == {"a", "b"}
    assert top.source == "a", "a was published, b was not: the longer, containing text is the source"
    assert top.kind in {"copy", "paraphrase"} and top.evidence
    assert all(e.score < top.score for e in synthesis.reuse[1:])
    quoted = "We have agreed to open the Lachin road"
    texts = {d.document.id: d.document.text for d in analysis().documents}
    assert not any(quoted in texts[a.doc][a.start : a.end] and a.end - a.start < 70 for a, _b in top.evidence)


def test_reuse_direction_follows_publication_dates() -> None:
    import datetime as dt

    an = analysis()
    docs = list(an.documents)
    docs[0] = replace(docs[0], document=replace(docs[0].document, published=dt.date(2024, 2, 13)))
    docs[1] = replace(docs[1], document=replace(docs[1].document, published=dt.date(2024, 2, 12)))
    out = synthesize(replace(an, documents=tuple(docs)), alignment(), Settings())
    top = out.reuse[0]
    assert (top.source, top.derived, top.direction_from) == ("b", "a", "publication")


def test_timeline_merges_outlets_and_shows_both_dates_of_a_disputed_day(synthesis: Synthesis) -> None:
    by = {(t.event, t.date): t for t in synthesis.timeline}
    monday = by[("meet", "2024-02-12")]
    assert {s.doc for s in monday.support} == {"a", "b"}
    assert monday.disputed == (("c", "2024-02-11"),)
    assert by[("meet", "2024-02-11")].disputed == (("a", "2024-02-12"), ("b", "2024-02-12"))
    assert by[("monitor", "2024-03-01")].disputed == ()
    starts = [t.start for t in synthesis.timeline]
    assert None not in starts and starts == sorted(starts), "in order of the first day each entry may fall on"


def test_summary_is_cited_neutral_and_names_both_sides(synthesis: Synthesis) -> None:
    summary = synthesis.summary
    assert 4 <= len(summary) <= 10
    assert all(s.sources and s.support for s in summary)
    text = " ".join(s.text for s in summary)
    assert "Monday" in text and "Sunday" in text, "the disputed day appears with both sides"
    dispute = next(s for s in summary if "disagree" in s.text)
    assert set(dispute.sources) == {"a", "b", "c"}
    for term in ("Karabakh crisis", "Karabakh conflict", "war in Karabakh"):
        assert term not in text, "a label only one outlet uses stays out of the summary's own voice"
    texts = {d.document.id: d.document.text for d in analysis().documents}
    for s in summary:
        if "disagree" not in s.text:
            first = s.support[0]
            assert " ".join(texts[first.doc][first.start : first.end].split()) == s.text, (
                "extractive: an outlet said it"
            )
