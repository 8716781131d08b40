from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsprism.cluster import ClusterParams, cluster_pending
from newsprism.cluster.features import DocFeatures
from newsprism.config import Settings
from newsprism.records import Document
from newsprism.store import Store

WIRE = (
    "Floodwater from the Elbe reached the old town of Dresden on Sunday, and firefighters moved 300 residents "
    "from houses along the river, the city said. Saxony's interior ministry sent army trucks with sandbags, "
    "and the railway between Dresden and Prague was closed near Pirna. Forecasters expected the river to crest "
    "on Monday night at more than eight metres, close to the record of the great flood twenty years ago. "
    "Schools in three districts stayed closed while engineers checked the dykes upstream of the city."
)


def doc(doc_id: str, body: str) -> Document:
    return Document(id=doc_id, text=body, body=((0, len(body)),), origin=f"{doc_id}.txt")


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


class FixedFeatures:
    """Features from a table by document id; remembers which documents it was asked about."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.seen: list[str] = []

    def __call__(self, docs: Sequence[Document], settings: Settings) -> list[DocFeatures]:
        self.seen.extend(d.id for d in docs)
        return [DocFeatures(d.id, self.vectors[d.id], ()) for d in docs]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "news.db") as s:
        yield s


def test_near_copies_borrow_their_originals_features(store: Store) -> None:
    rewritten = WIRE + " (Reporting by our Dresden bureau.)"
    other = "Dock workers at the port of Rotterdam walked out on Tuesday, halting container traffic. " * 3
    added = store.add_documents([doc("wire", WIRE), doc("copy", rewritten), doc("port", other)])
    assert [a.status for a in added] == ["new", "near", "new"]
    features = FixedFeatures({"wire": unit(1, 0), "port": unit(0, 1)})
    story = {a.doc_id: a.story_id for a in cluster_pending(store, Settings(), feature_fn=features)}
    assert sorted(features.seen) == ["port", "wire"]
    stored = store.load_features()
    assert np.array_equal(stored["copy"].vector, stored["wire"].vector)
    assert story["copy"] == story["wire"] != story["port"]


def test_a_batch_is_revised_before_it_is_saved(store: Store) -> None:
    # "b" is unlike the first report but like the three after it: placed one by one it would stay alone
    texts = {"a": "Alpha report on the first thing.", "b": "Bravo dispatch about something else entirely."}
    texts |= {f"m{i}": f"Middle report number {i} that mixes both subjects in its own words." for i in range(3)}
    store.add_documents([doc(k, v * 6) for k, v in texts.items()])
    vectors = {"a": unit(1, 0, 0), "b": unit(0, 1, 0)} | {f"m{i}": unit(1, 1, 0) for i in range(3)}
    params = ClusterParams(threshold=0.5, embed_weight=1.0, entity_weight=0.0)
    assignments = cluster_pending(store, Settings(), params=params, feature_fn=FixedFeatures(vectors))
    assert len({a.story_id for a in assignments}) == 1
    (row,) = store.stories()
    assert sorted(row.documents) == sorted(texts)
    # and a later batch starts from what was saved
    store.add_documents([doc("late", "A late report that adds nothing new to the middle story at all. " * 5)])
    more = FixedFeatures({"late": unit(1, 1, 0.1)})
    (late,) = cluster_pending(store, Settings(), params=params, feature_fn=more)
    assert late.story_id == row.id and not late.new_story and more.seen == ["late"]


@pytest.mark.parametrize("window", [0, 500])
def test_stored_articles_in_the_window_are_revised_and_emptied_stories_dropped(store: Store, window: int) -> None:
    texts = {"a": "Alpha report on the first thing.", "b": "Bravo dispatch about something else entirely."}
    vectors = {"a": unit(1, 0, 0), "b": unit(0, 1, 0)} | {f"m{i}": unit(1, 1, 0) for i in range(3)}
    params = ClusterParams(threshold=0.5, embed_weight=1.0, entity_weight=0.0, revise_window=window)
    store.add_documents([doc(k, v * 6) for k, v in texts.items()])
    first = {
        a.doc_id: a.story_id
        for a in cluster_pending(store, Settings(), params=params, feature_fn=FixedFeatures(vectors))
    }
    assert first["a"] != first["b"]
    later = {f"m{i}": f"Middle report number {i} that mixes both subjects in its own words." for i in range(3)}
    store.add_documents([doc(k, v * 6) for k, v in later.items()])
    second = {
        a.doc_id: a.story_id
        for a in cluster_pending(store, Settings(), params=params, feature_fn=FixedFeatures(vectors))
    }
    if window:
        assert second["b"] == second["m0"] == store.assignments()["a"]
        assert first["b"] not in store.story_ids() and len(store.stories()) == 1
    else:
        assert "b" not in second and store.assignments()["b"] == first["b"] and len(store.stories()) == 2
