from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsprism.cluster import ClusterParams, StoryClusterer, extract_features
from newsprism.cluster.features import DocFeatures, entity_keys
from newsprism.config import Settings
from newsprism.records import Document

QUAKE_A = [
    (
        "A magnitude 6.8 earthquake struck near Izmir in western Turkey on Monday, killing at least 14 people. "
        "Turkey's disaster agency AFAD said buildings collapsed in the Bayrakli district of Izmir."
    ),
    (
        "Rescuers in Izmir dug through rubble after a powerful quake shook the Aegean coast of Turkey. "
        "AFAD officials said the death toll in Izmir had risen to 14 and hundreds were injured."
    ),
    (
        "Turkish President Recep Tayyip Erdogan promised help for Izmir, where Monday's earthquake flattened "
        "apartment blocks in Bayrakli. AFAD sent tents and search teams to the city."
    ),
]
QUAKE_B = [
    (
        "A strong earthquake of magnitude 7.1 hit the Arequipa region of southern Peru on Thursday, "
        "destroying adobe houses in the town of Acari, Peru's civil defence institute INDECI said."
    ),
    (
        "In Acari, residents slept outdoors after the Peru quake damaged the church and the market. "
        "INDECI counted eight dead across Arequipa as aftershocks continued."
    ),
    (
        "Peruvian President Dina Boluarte flew to Arequipa to inspect damage from Thursday's earthquake, "
        "which INDECI said left eight people dead around Acari."
    ),
]


def docs(texts: list[str], prefix: str, published: dt.date | None) -> list[Document]:
    return [Document(id=f"{prefix}{i}", text=t, body=((0, len(t)),), published=published) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def quake_features(nlp) -> list[DocFeatures]:
    interleaved = [d for pair in zip(docs(QUAKE_A, "tr", None), docs(QUAKE_B, "pe", None), strict=True) for d in pair]
    return extract_features(interleaved, Settings(), nlp=nlp)


def test_two_earthquakes_stay_apart_and_each_joins_up(quake_features: list[DocFeatures]) -> None:
    assignments = StoryClusterer(ClusterParams()).add_all(quake_features)
    story = {a.doc_id: a.story_id for a in assignments}
    assert len({story[f"tr{i}"] for i in range(3)}) == 1
    assert len({story[f"pe{i}"] for i in range(3)}) == 1
    assert story["tr0"] != story["pe0"]


def test_entities_are_what_separates_them(quake_features: list[DocFeatures]) -> None:
    by_id = {f.doc_id: f for f in quake_features}
    assert "izmir" in by_id["tr0"].entities and "acari" in by_id["pe0"].entities
    # with the entity signal switched off, the lead embeddings alone cannot tell the quakes apart as well
    clusterer = StoryClusterer(ClusterParams())
    clusterer.observe(quake_features)
    same = clusterer.entity_overlap(by_id["tr0"], by_id["tr1"])
    other = clusterer.entity_overlap(by_id["tr0"], by_id["pe0"])
    assert same > 0.2 and other == 0.0


def test_time_penalty_splits_far_apart_reports() -> None:
    v = np.ones(4, dtype=np.float32) / 2
    early = DocFeatures("a", v, ("lisbon",), dt.date(2020, 1, 1))
    late = DocFeatures("b", v, ("lisbon",), dt.date(2023, 1, 1))
    near = DocFeatures("c", v, ("lisbon",), dt.date(2020, 1, 5))
    story = {a.doc_id: a.story_id for a in StoryClusterer(ClusterParams(threshold=0.95)).add_all([early, late, near])}
    assert story["a"] == story["c"] != story["b"]


def test_entity_keys_add_a_persons_surname() -> None:
    assert entity_keys("the Lindsay Lohan's", "PERSON") == ["lindsay lohan", "lohan"]
    assert entity_keys("United Nations", "ORG") == ["united nations"]


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_running_sums_give_the_average_link_over_all_members() -> None:
    rng = np.random.default_rng(0)
    names = ["oslo", "bergen", "statoil", "solberg", "nato", "norway"]
    feats = [
        DocFeatures(
            f"d{i}",
            unit(*rng.normal(size=8)),
            tuple(str(n) for n in rng.choice(names, size=int(rng.integers(0, 4)), replace=False)),
        )
        for i in range(12)
    ]
    clusterer = StoryClusterer(ClusterParams(threshold=-10.0, revise_rounds=0))  # everything joins one story
    clusterer.add_all(feats[:11])
    (story,) = clusterer.stories.values()
    new = feats[11]
    p = clusterer.params
    brute = np.mean(
        [
            p.embed_weight * float(m.vector @ new.vector) + p.entity_weight * clusterer.entity_overlap(new, m)
            for m in story.members.values()
        ]
    )
    assert clusterer.score(new, story) == pytest.approx(brute, abs=1e-5)
    # and taking a member out again updates the sums as if it had never joined
    clusterer.restore("other", [DocFeatures("solo", unit(*rng.normal(size=8)), ())])
    clusterer.move("d3", "other")
    rest = list(story.members.values())
    brute = np.mean(
        [
            p.embed_weight * float(m.vector @ new.vector) + p.entity_weight * clusterer.entity_overlap(new, m)
            for m in rest
        ]
    )
    assert len(rest) == 10 and clusterer.score(new, story) == pytest.approx(brute, abs=1e-5)


# A report (b) unlike the story's first one (a) but like everything that came after: one pass in
# arrival order leaves it alone; revising lets it join the story as it now stands.
A, B, MID = unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)
ORDERED = [DocFeatures("a", A, ()), DocFeatures("b", B, ())] + [DocFeatures(f"m{i}", MID, ()) for i in range(3)]


def test_one_pass_splits_an_early_outlier() -> None:
    params = ClusterParams(threshold=0.5, embed_weight=1.0, entity_weight=0.0, revise_rounds=0)
    story = {a.doc_id: a.story_id for a in StoryClusterer(params).add_all(ORDERED)}
    assert story["b"] != story["a"] == story["m0"] == story["m2"]


def test_revise_moves_it_and_drops_the_emptied_story() -> None:
    params = ClusterParams(threshold=0.5, embed_weight=1.0, entity_weight=0.0, revise_rounds=2)
    clusterer = StoryClusterer(params)
    assignments = clusterer.add_all(ORDERED)
    assert len({a.story_id for a in assignments}) == 1 and len(clusterer.stories) == 1
    b = next(a for a in assignments if a.doc_id == "b")
    assert 0.5 <= b.score < 0.6 and b.new_story  # its story was made in this batch


def test_revise_keeps_an_article_where_it_fits_best() -> None:
    far = DocFeatures("far", unit(0, 0, 1), ())
    params = ClusterParams(threshold=0.5, embed_weight=1.0, entity_weight=0.0)
    clusterer = StoryClusterer(params)
    clusterer.add_all([*ORDERED, far])
    assert clusterer.revise(["far", "m0", "m1"]) == 0
    assert clusterer.story_of["far"] != clusterer.story_of["m0"]


def test_story_dates_follow_members_that_leave() -> None:
    v = unit(1, 0)
    days = [dt.date(2021, 3, 1), dt.date(2021, 3, 4), dt.date(2021, 9, 1)]
    clusterer = StoryClusterer(ClusterParams(threshold=-10.0))
    clusterer.restore("s", [DocFeatures(f"d{i}", v, (), day) for i, day in enumerate(days)])
    clusterer.restore("t", [DocFeatures("other", v, ())])
    story = clusterer.stories["s"]
    assert (story.first, story.last) == (days[0], days[2])
    clusterer.move("d2", "t")
    assert (story.first, story.last) == (days[0], days[1])
    late = DocFeatures("late", v, (), dt.date(2023, 3, 1))
    assert clusterer.time_penalty(late, story) > 0.0
