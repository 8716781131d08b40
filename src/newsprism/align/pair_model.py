"""Do two claim units of different outlets state the same fact?  A logistic model over agreement features.

Sentence-embedding similarity alone is about half right above 0.6, so the probability combines
four cosines (the unit's words, its sentence, its topic-free focus words, and their mix) with agreement on
what the units are about: key entities, content words, the predicate (or a WordNet synonym of it),
amounts, dates, quotations of one utterance, whether one is an attribution ("X told reporters") and
the other a claim, and whether the two are said by, or done by, different people.

The weights are learned, not set by hand: ``benchmarks/fit_pair_model.py`` fits them on every annotated
event we have (the seeds and our annotations in ``benchmarks/gold``), reports leave-one-event-out
scores, and prints the ``TRAINED`` record below.  Refit when annotations are added.  No library offers
this scorer: it is the glue between the embedder, the parse and the slots, so it is written here
(scikit-learn fits it; applying it is a dot product, so run time needs no scikit-learn).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, utils

from newsprism.analyze.quantities import MEASURE_UNITS, agree
from newsprism.analyze.resources import synonymous
from newsprism.records import Quantity

if TYPE_CHECKING:
    from newsprism.align.facts import Unit, UnitVectors

SAME_WORDS = 70  # rapidfuzz token-set ratio at which two quotations are the same words

FEATURES = (
    "cos_mixed",  # the vector blocking and grouping use: own words, some sentence for short units, focus words
    "cos_own",
    "cos_sentence",
    "cos_focus",
    "word_match",  # the units' content words matched one to one by their contextual vectors (BERTScore F1)
    "key_entities",  # Jaccard of the entities the story is not all about
    "no_shared_key_entity",  # both name key entities, none in common
    "content_words",  # shared content stems over the smaller set, plus one
    "same_utterance",  # both quote one utterance of one speaker
    "same_predicate",  # one head lemma, or WordNet synonyms ("stressed" / "emphasized", "foiled" / "thwarted")
    "both_measured",
    "agreeing_amounts",  # one amount, or one count of things named differently
    "shared_date",
    "both_dated",
    "attribution_vs_claim",
    "different_speakers",  # both attributed to (or spoken by) someone, no one vouching for both
    "different_agents",  # the subjects name two different people ("Trump stressed" / "Putin underscored")
    "event_phrase",  # either unit is a dated or measured phrase, not a clause
    "length_ratio",
    "log_shorter_length",
)


@dataclass(frozen=True, slots=True)
class PairModel:
    """Logistic weights, one per feature in ``FEATURES`` order."""

    weights: tuple[float, ...]
    intercept: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"a pair model needs {len(FEATURES)} weights (one per feature), got {len(self.weights)}")

    def probability(self, x: Sequence[float] | np.ndarray) -> float:
        z = self.intercept + float(np.dot(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


# Fitted by benchmarks/fit_pair_model.py on 8 annotated events (the seeds, ECB+ topics 8, 12, 13, 16, 18, 20,
# the invented ferry event).
TRAINED = PairModel(
    weights=(
        0.9558,  # cos_mixed
        0.6577,  # cos_own
        5.5768,  # cos_sentence
        0.361,  # cos_focus
        2.2849,  # word_match
        0.47,  # key_entities
        -0.191,  # no_shared_key_entity
        3.8505,  # content_words
        0.6971,  # same_utterance
        0.4335,  # same_predicate
        0.0747,  # both_measured
        1.6629,  # agreeing_amounts
        0.6798,  # shared_date
        0.2973,  # both_dated
        -0.7452,  # attribution_vs_claim
        -0.8377,  # different_speakers
        -0.3051,  # different_agents
        0.2703,  # event_phrase
        -0.5118,  # length_ratio
        0.4011,  # log_shorter_length
    ),
    intercept=-8.1184,
)


def same_words(a: str, b: str) -> bool:
    """Two quotations share their words: one holds the other's (two words at least), or most of them."""
    if min(len(a.split()), len(b.split())) < 2:
        return False
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) >= SAME_WORDS


def word_match(a: np.ndarray, b: np.ndarray) -> float:
    """BERTScore's F1 without idf weights: each word piece of one unit meets its most similar piece in the
    other, by contextual vectors, so "stressed" finds "emphasized" where the two sentences' vectors, which
    average all their words, stay apart.  (The ``bert-score`` package would load a second model; these
    vectors come out of the sentence embedder's own pass.)"""
    if not len(a) or not len(b):
        return 0.0
    sims = a @ b.T
    recall, precision = float(sims.max(axis=1).mean()), float(sims.max(axis=0).mean())
    return 2 * recall * precision / (recall + precision) if recall + precision > 0 else 0.0


def same_amount(x: Quantity, y: Quantity) -> bool:
    """One amount, or one count of things named differently ("196 passengers" / "about 200 people"): for
    telling whether two claims match, not for a conflict, which needs the same things counted."""
    if agree(x, y):
        return True
    counts = x.unit not in MEASURE_UNITS and y.unit not in MEASURE_UNITS
    return counts and max(x.low, y.low) <= min(x.high, y.high)


def pair_features(a: Unit, b: Unit, vectors: UnitVectors) -> np.ndarray:
    """The feature vector of a pair of units, in ``FEATURES`` order."""
    i, j = a.index, b.index
    key = (
        len(a.key_entities & b.key_entities) / len(a.key_entities | b.key_entities)
        if a.key_entities and b.key_entities
        else 0.0
    )
    # one stem more in the denominator: a single shared word ("discuss" / "discussion") is weak evidence
    lexical = len(a.stems & b.stems) / (min(len(a.stems), len(b.stems)) + 1)
    quoted = any(
        sa == sb and ((ua and ua == ub) or same_words(wa, wb)) for sa, wa, ua in a.quoted for sb, wb, ub in b.quoted
    )
    measured = a.measured and b.measured
    la, lb = max(len(a.clause.text.split()), 1), max(len(b.clause.text.split()), 1)
    return np.array(
        [
            float(vectors.mixed[i] @ vectors.mixed[j]),
            float(vectors.own[i] @ vectors.own[j]),
            float(vectors.sentence[i] @ vectors.sentence[j]),
            float(vectors.focus[i] @ vectors.focus[j]),
            word_match(vectors.words[i], vectors.words[j]) if vectors.words else 0.0,
            key,
            float(bool(a.key_entities and b.key_entities and not a.key_entities & b.key_entities)),
            lexical,
            float(quoted),
            float(synonymous(a.clause.head, b.clause.head)),
            float(measured),
            float(measured and any(same_amount(x, y) for x in a.quantities for y in b.quantities)),
            float(bool(a.dates & b.dates)),
            float(a.dated and b.dated),
            float((a.clause.kind == "attribution") != (b.clause.kind == "attribution")),
            float(bool(a.speaker and b.speaker and not a.vouchers & b.vouchers)),
            float(bool(a.agent and b.agent and a.agent != b.agent)),
            float(a.clause.kind == "event" or b.clause.kind == "event"),
            min(la, lb) / max(la, lb),
            math.log(min(la, lb)),
        ]
    )


def pair_score(a: Unit, b: Unit, vectors: UnitVectors, model: PairModel = TRAINED) -> float:
    """Probability that two units of different outlets state the same fact."""
    return model.probability(pair_features(a, b, vectors))
