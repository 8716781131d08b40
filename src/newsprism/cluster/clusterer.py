"""Incremental story clustering: each new article joins the best-matching story or starts one.

An article is scored against a story by average link over the story's members (a bounded sample
of them), each pair scored by two signals, minus a time penalty:

* the cosine between the two lead embeddings (what happened);
* the overlap of their named entities, weighted by inverse document frequency and normalised by the
  smaller side (who and where): two earthquakes read alike but happen in different places, two rehab
  stays involve different people;
* when both sides are dated, a report weeks away from every member of the story is penalised.

This is single-pass clustering with a combined score; a library clusterer (HDBSCAN, agglomerative)
needs the whole corpus at once and cannot place one new article into stored stories, which is why it
is written here.  benchmarks/clustering_ecbplus.py compares it with such a reference method.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsprism.cluster.features import DocFeatures

CLUSTERER_VERSION = "leader-entity-time/1"


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """Weights of the story score; ``threshold`` is the score an article needs to join a story."""

    threshold: float = 0.40
    embed_weight: float = 0.5
    entity_weight: float = 0.5
    no_entity_score: float = 0.2  # entity score of a pair where one side names no entity at all
    time_window_days: float = 60.0  # a gap this small costs nothing (follow-up reports come weeks later)
    time_scale_days: float = 730.0  # ... and the penalty is full at window + scale
    time_weight: float = 0.1
    candidates: int = 40  # stories scored in full: best by embedding plus those sharing an entity
    sample_first: int = 16  # members a story keeps for average link: its first ones ...
    sample_recent: int = 48  # ... and its most recent ones


@dataclass(frozen=True, slots=True)
class Assignment:
    doc_id: str
    story_id: str
    score: float
    new_story: bool


@dataclass(slots=True)
class StoryState:
    """What the clusterer remembers of one story."""

    id: str
    vector_sum: np.ndarray
    members: list[str] = field(default_factory=list)
    entity_counts: Counter[str] = field(default_factory=Counter)
    first: dt.date | None = None
    last: dt.date | None = None
    sample: list[DocFeatures] = field(default_factory=list)
    sample_vectors: np.ndarray | None = None

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def add(self, f: DocFeatures, params: ClusterParams) -> None:
        self.vector_sum = self.vector_sum + f.vector
        self.sample.append(f)
        if len(self.sample) > params.sample_first + params.sample_recent:
            del self.sample[params.sample_first]
        self.sample_vectors = np.stack([m.vector for m in self.sample])
        self.members.append(f.doc_id)
        self.entity_counts.update(f.entities)
        if f.published is not None:
            self.first = f.published if self.first is None else min(self.first, f.published)
            self.last = f.published if self.last is None else max(self.last, f.published)


def _sequential_ids(start: int = 1) -> Callable[[], str]:
    counter = iter(range(start, 1 << 62))
    return lambda: f"story-{next(counter):06d}"


class StoryClusterer:
    """Places articles into stories one at a time; state can be restored from stored assignments."""

    def __init__(self, params: ClusterParams | None = None, new_id: Callable[[], str] | None = None) -> None:
        self.params = params or ClusterParams()
        self._new_id = new_id or _sequential_ids()
        self.stories: dict[str, StoryState] = {}
        self._order: list[str] = []  # story ids, row order of the centroid matrix
        self._row: dict[str, int] = {}
        self._centroids = np.zeros((0, 0), dtype=np.float32)  # grown by doubling; rows past len(_order) unused
        self._by_entity: dict[str, set[str]] = {}
        self._df: Counter[str] = Counter()
        self._docs_seen = 0
        self._idf: dict[str, float] = {}  # caches, valid until the next observe()
        self._weight: dict[str, float] = {}

    # ------------------------------------------------------------ state
    def observe(self, features: Iterable[DocFeatures]) -> None:
        """Count entity document frequencies (rare names weigh more) before assigning a batch."""
        for f in features:
            self._df.update(set(f.entities))
            self._docs_seen += 1
        self._idf.clear()
        self._weight.clear()

    def restore(self, story_id: str, members: Sequence[DocFeatures]) -> None:
        """Load a stored story with its members (their features); call ``observe`` for them too."""
        for f in members:
            self._join(story_id, f)

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = math.log((self._docs_seen + 1) / (self._df.get(key, 0) + 1)) + 1.0
        return value

    def _entity_weight(self, f: DocFeatures) -> float:
        value = self._weight.get(f.doc_id)
        if value is None:
            value = self._weight[f.doc_id] = sum(self.idf(k) for k in f.entities)
        return value

    # ------------------------------------------------------------ scoring
    def entity_overlap(self, a: DocFeatures, b: DocFeatures) -> float:
        """IDF-weighted share of entities two articles have in common, relative to the smaller side."""
        if not a.entities or not b.entities:
            return self.params.no_entity_score
        common = set(a.entities).intersection(b.entities)
        if not common:
            return 0.0
        smaller = min(self._entity_weight(a), self._entity_weight(b))
        return min(1.0, sum(self.idf(k) for k in common) / smaller)

    def time_penalty(self, f: DocFeatures, story: StoryState) -> float:
        if f.published is None or story.first is None or story.last is None:
            return 0.0
        if story.first <= f.published <= story.last:
            return 0.0
        gap = min(abs((f.published - story.first).days), abs((f.published - story.last).days))
        p = self.params
        return p.time_weight * min(1.0, max(0.0, gap - p.time_window_days) / p.time_scale_days)

    def score(self, f: DocFeatures, story: StoryState) -> float:
        """Average over the story's sampled members of the pair score, minus the time penalty."""
        p = self.params
        vectors = story.sample_vectors if story.sample_vectors is not None else story.centroid()[None, :]
        cosines = vectors @ f.vector
        entities = np.array([self.entity_overlap(f, m) for m in story.sample], dtype=np.float32)
        pair = p.embed_weight * cosines + p.entity_weight * entities
        return float(pair.mean()) - self.time_penalty(f, story)

    def candidates(self, f: DocFeatures) -> dict[str, float]:
        """Story id -> cosine, for the best stories by embedding and every story sharing an entity."""
        if not self._order:
            return {}
        cos = self._centroids[: len(self._order)] @ f.vector
        k = min(self.params.candidates, len(self._order))
        top = np.argpartition(-cos, k - 1)[:k]
        out = {self._order[i]: float(cos[i]) for i in top}
        sharing: dict[str, float] = {}
        for key in f.entities:
            holders = self._by_entity.get(key, ())
            if len(holders) > self.params.candidates * 5:  # a name every story has ("U.S.") finds nothing
                continue
            for sid in holders:
                if sid not in out:
                    sharing[sid] = float(cos[self._row[sid]])
        best_sharing = sorted(sharing.items(), key=lambda kv: -kv[1])[: self.params.candidates]
        out.update(best_sharing)
        return out

    # ------------------------------------------------------------ assigning
    def add(self, f: DocFeatures) -> Assignment:
        """Put one article into the best story above the threshold, or into a new one."""
        best_id, best = None, -math.inf
        for sid in self.candidates(f):
            s = self.score(f, self.stories[sid])
            if s > best:
                best_id, best = sid, s
        if best_id is not None and best >= self.params.threshold:
            self._join(best_id, f)
            return Assignment(f.doc_id, best_id, best, False)
        sid = self._new_id()
        while sid in self.stories:
            sid = self._new_id()
        self._join(sid, f)
        return Assignment(f.doc_id, sid, 1.0, True)

    def add_all(self, features: Sequence[DocFeatures]) -> list[Assignment]:
        """Observe a batch (entity frequencies), then assign its articles in order."""
        self.observe(features)
        return [self.add(f) for f in features]

    def _join(self, sid: str, f: DocFeatures) -> None:
        story = self.stories.get(sid)
        if story is None:
            story = self.stories[sid] = StoryState(sid, np.zeros_like(f.vector))
            self._row[sid] = len(self._order)
            self._order.append(sid)
            if len(self._order) > self._centroids.shape[0]:
                grown = np.zeros((max(64, 2 * len(self._order)), f.vector.shape[0]), dtype=np.float32)
                if self._centroids.size:
                    grown[: self._centroids.shape[0]] = self._centroids
                self._centroids = grown
        story.add(f, self.params)
        self._centroids[self._row[sid]] = story.centroid()
        for key in f.entities:
            self._by_entity.setdefault(key, set()).add(sid)
