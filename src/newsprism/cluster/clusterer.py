"""Incremental story clustering: each new article joins the best-matching story or starts one.

An article is scored against a story by average link over *all* the story's members, each pair
scored by two signals, minus a time penalty:

* the cosine between the two lead embeddings (what happened);
* the overlap of their named entities: IDF-weighted names in common over the geometric mean of
  both sides' weights (who and where): two earthquakes read alike but happen in different places;
* when both sides are dated, a report weeks away from every member of the story is penalised.

Both averages are kept as running sums per story (the mean embedding; per name, the sum of
``1/sqrt(weight)`` of the members naming it), so scoring a candidate story costs one dot product and
one pass over the article's names, whatever the story's size.

One pass in arrival order splits stories whose first reports looked unlike each other; ``revise``
(run at the end of every batch, over the batch and the ``revise_window`` articles before it) lets
recent articles move: each is taken out of its story and placed again against the stories as they
now stand, and stories left with no member disappear.

A library clusterer (HDBSCAN, agglomerative) needs the whole corpus at once and cannot place one new
article into stored stories, which is why this is written here; benchmarks/clustering_ecbplus.py
compares it with such a reference method.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsprism.cluster.features import DocFeatures

CLUSTERER_VERSION = "average-link-entity-time/2"


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """Weights of the story score; ``threshold`` is the score an article needs to join a story."""

    threshold: float = 0.35  # these four were chosen on ECB+ topics 1-12 (benchmarks/clustering_ecbplus.py --tune)
    embed_weight: float = 0.45
    entity_weight: float = 0.55
    no_entity_score: float = 0.2  # entity score of a pair where one side names no entity at all
    time_window_days: float = 60.0  # a gap this small costs nothing (follow-up reports come weeks later)
    time_scale_days: float = 730.0  # ... and the penalty is full at window + scale
    time_weight: float = 0.1
    candidates: int = 40  # stories scored in full: best by embedding plus those sharing an entity
    revise_rounds: int = 3  # passes of ``revise`` over a batch (0: keep the first placement)
    revise_window: int = 500  # ... over the batch and as many articles placed before it


@dataclass(frozen=True, slots=True)
class Assignment:
    doc_id: str
    story_id: str
    score: float
    new_story: bool


@dataclass(slots=True)
class StoryState:
    """What the clusterer remembers of one story: running sums for average link, and its members."""

    id: str
    vector_sum: np.ndarray
    members: dict[str, DocFeatures] = field(default_factory=dict)  # in joining order
    entity_mass: Counter[str] = field(default_factory=Counter)  # name -> sum of 1/sqrt(weight) of members naming it
    no_entity: int = 0  # members that name no entity
    dates: Counter[dt.date] = field(default_factory=Counter)
    first: dt.date | None = None  # earliest and latest member date, kept with ``dates``
    last: dt.date | None = None

    def mean(self) -> np.ndarray:
        """Mean member embedding: its dot product with an article is the average cosine to the members."""
        return self.vector_sum / max(1, len(self.members))

    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def add(self, f: DocFeatures, mass: float) -> None:
        self.vector_sum = self.vector_sum + f.vector
        self.members[f.doc_id] = f
        if f.entities:
            for key in f.entities:
                self.entity_mass[key] += mass
        else:
            self.no_entity += 1
        if f.published is not None:
            self.dates[f.published] += 1
            self.first = f.published if self.first is None else min(self.first, f.published)
            self.last = f.published if self.last is None else max(self.last, f.published)

    def remove(self, f: DocFeatures, mass: float) -> None:
        self.vector_sum = self.vector_sum - f.vector
        del self.members[f.doc_id]
        if f.entities:
            for key in f.entities:
                left = self.entity_mass[key] - mass
                if left > 1e-9:
                    self.entity_mass[key] = left
                else:
                    del self.entity_mass[key]
        else:
            self.no_entity -= 1
        if f.published is not None:
            self.dates[f.published] -= 1
            if self.dates[f.published] <= 0:
                del self.dates[f.published]
                if f.published in (self.first, self.last):
                    self.first = min(self.dates, default=None)
                    self.last = max(self.dates, default=None)


def _sequential_ids(start: int = 1) -> Callable[[], str]:
    counter = iter(range(start, 1 << 62))
    return lambda: f"story-{next(counter):06d}"


class StoryClusterer:
    """Places articles into stories one at a time; state can be restored from stored assignments."""

    def __init__(self, params: ClusterParams | None = None, new_id: Callable[[], str] | None = None) -> None:
        self.params = params or ClusterParams()
        self._new_id = new_id or _sequential_ids()
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}  # doc id -> story id
        self._mass: dict[str, float] = {}  # doc id -> 1/sqrt(entity weight) when it joined
        self._order: list[str] = []  # story ids, row order of the mean-vector matrix ('' for a free row)
        self._row: dict[str, int] = {}
        self._free: list[int] = []
        self._means = np.zeros((0, 0), dtype=np.float32)  # grown by doubling; rows past len(_order) unused
        self._by_entity: dict[str, set[str]] = {}
        self._df: Counter[str] = Counter()
        self._docs_seen = 0
        self._idf: dict[str, float] = {}  # cache, valid until the next observe()
        self.recent: deque[str] = deque()  # ids of the last articles placed by ``add``, oldest first

    # ------------------------------------------------------------ state
    def observe(self, features: Iterable[DocFeatures]) -> None:
        """Count entity document frequencies (rare names weigh more) before assigning a batch."""
        for f in features:
            self._df.update(set(f.entities))
            self._docs_seen += 1
        self._idf.clear()

    def restore(self, story_id: str, members: Sequence[DocFeatures]) -> None:
        """Load a stored story with its members (their features); call ``observe`` for them too."""
        for f in members:
            self._join(story_id, f)

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = math.log((self._docs_seen + 1) / (self._df.get(key, 0) + 1)) + 1.0
        return value

    def _doc_mass(self, f: DocFeatures) -> float:
        weight = sum(self.idf(k) for k in f.entities)
        return 1.0 / math.sqrt(weight) if weight > 0 else 0.0

    # ------------------------------------------------------------ scoring
    def entity_overlap(self, a: DocFeatures, b: DocFeatures) -> float:
        """IDF-weighted names two articles have in common, over the geometric mean of their weights."""
        if not a.entities or not b.entities:
            return self.params.no_entity_score
        common = set(a.entities).intersection(b.entities)
        if not common:
            return 0.0
        return sum(self.idf(k) for k in common) * self._doc_mass(a) * self._doc_mass(b)

    def entity_link(self, f: DocFeatures, story: StoryState, weighted: list[tuple[str, float]] | None = None) -> float:
        """Average of ``entity_overlap`` between the article and every member of the story.

        ``weighted``: the article's names with their weight already multiplied in (``weighted_names``).
        """
        n = len(story.members)
        if not n:
            return 0.0
        if not f.entities:
            return self.params.no_entity_score
        mass = story.entity_mass
        shared = sum(w * mass.get(k, 0.0) for k, w in (weighted or self.weighted_names(f)))
        return (shared + story.no_entity * self.params.no_entity_score) / n

    def weighted_names(self, f: DocFeatures) -> list[tuple[str, float]]:
        """Each of the article's names with idf / sqrt(the article's total name weight)."""
        mass = self._doc_mass(f)
        return [(k, self.idf(k) * mass) for k in f.entities]

    def time_penalty(self, f: DocFeatures, story: StoryState) -> float:
        first, last = story.first, story.last
        if f.published is None or first is None or last is None or first <= f.published <= last:
            return 0.0
        gap = min(abs((f.published - first).days), abs((f.published - last).days))
        p = self.params
        return p.time_weight * min(1.0, max(0.0, gap - p.time_window_days) / p.time_scale_days)

    def score(
        self,
        f: DocFeatures,
        story: StoryState,
        cosine: float | None = None,
        weighted: list[tuple[str, float]] | None = None,
    ) -> float:
        """Average over the story's members of the pair score, minus the time penalty.

        ``cosine`` (the article's dot product with the story's mean vector) and ``weighted`` (its
        ``weighted_names``) save work when one article is scored against many stories.
        """
        p = self.params
        if cosine is None:
            cosine = float(story.mean() @ f.vector)
        names = self.entity_link(f, story, weighted)
        return p.embed_weight * cosine + p.entity_weight * names - self.time_penalty(f, story)

    def candidates(self, f: DocFeatures) -> tuple[list[str], np.ndarray]:
        """The best stories by average cosine, and the best of those sharing a (not too common) name.

        Returned with each one's average cosine to the article.
        """
        if len(self._row) == 0:
            return [], np.zeros(0, dtype=np.float32)
        rows = len(self._order)
        cos = self._means[:rows] @ f.vector
        k = min(self.params.candidates, rows)
        picked = {int(i) for i in np.argpartition(-cos, k - 1)[:k] if self._order[i]}
        sharing: set[int] = set()
        for key in f.entities:
            holders = self._by_entity.get(key, ())
            if len(holders) <= self.params.candidates * 5:  # a name every story has ("U.S.") finds nothing
                sharing.update(self._row[sid] for sid in holders)
        sharing -= picked
        if len(sharing) > self.params.candidates:
            sharing = set(sorted(sharing, key=lambda i: -cos[i])[: self.params.candidates])
        chosen = sorted(picked | sharing)
        return [self._order[i] for i in chosen], cos[chosen]

    def best_story(self, f: DocFeatures, exclude: str | None = None) -> tuple[str | None, float]:
        """The candidate story (other than ``exclude``) that scores highest, and its score."""
        best_id, best = None, -math.inf
        ids, cosines = self.candidates(f)
        weighted = self.weighted_names(f)
        for sid, cosine in zip(ids, cosines.tolist(), strict=True):
            if sid == exclude:
                continue
            s = self.score(f, self.stories[sid], cosine, weighted)
            if s > best:
                best_id, best = sid, s
        return best_id, best

    # ------------------------------------------------------------ assigning
    def add(self, f: DocFeatures) -> Assignment:
        """Put one article into the best story above the threshold, or into a new one."""
        best_id, best = self.best_story(f)
        if best_id is not None and best >= self.params.threshold:
            placed = Assignment(f.doc_id, best_id, best, False)
        else:
            placed = Assignment(f.doc_id, self._fresh_id(), 1.0, True)
        self._join(placed.story_id, f)
        self.recent.append(f.doc_id)
        return placed

    def revise(self, doc_ids: Sequence[str]) -> int:
        """Place each of these articles again against the stories as they now stand; returns how many moved.

        An article leaves its story only for one that scores higher than its own does without it.
        """
        moved = 0
        for doc_id in doc_ids:
            own_id = self.story_of[doc_id]
            own = self.stories[own_id]
            f = own.members[doc_id]
            if len(own.members) == 1:
                best_id, best = self.best_story(f, exclude=own_id)  # a story of one: the article alone
                if best_id is not None and best >= self.params.threshold:
                    self._leave(f)
                    self._join(best_id, f)
                    moved += 1
                continue
            self._leave(f)
            stay = self.score(f, own)
            best_id, best = self.best_story(f)
            if best_id is None or best <= stay:
                best_id, best = own_id, stay
            if best < self.params.threshold:
                best_id = self._fresh_id()
            self._join(best_id, f)
            moved += best_id != own_id
        return moved

    def move(self, doc_id: str, story_id: str) -> None:
        """Put an article already placed into another (existing) story."""
        if self.story_of[doc_id] == story_id:
            return
        f = self.stories[self.story_of[doc_id]].members[doc_id]
        self._leave(f)
        self._join(story_id, f)

    def add_all(self, features: Sequence[DocFeatures]) -> list[Assignment]:
        """Observe a batch (entity frequencies), assign its articles in order, then ``revise`` them.

        Revision also covers the ``revise_window`` articles placed before the batch; where those end up
        is in ``story_of`` (the assignments returned are the batch's own).
        """
        before = set(self.stories)
        self.observe(features)
        first = [self.add(f) for f in features]
        ids = self.revisable(len(features))
        for _ in range(self.params.revise_rounds):
            if not self.revise(ids):
                break
        return [a if a.story_id == self.story_of[a.doc_id] else self.placement(a.doc_id, before) for a in first]

    def revisable(self, batch: int) -> list[str]:
        """Ids to ``revise`` after a batch of this many: the batch and up to ``revise_window`` before it."""
        keep = batch + self.params.revise_window
        while len(self.recent) > keep:
            self.recent.popleft()
        return [d for d in self.recent if d in self.story_of]

    def placement(self, doc_id: str, before: set[str]) -> Assignment:
        """Where an article is now, scored against the rest of its story."""
        sid = self.story_of[doc_id]
        story = self.stories[sid]
        if len(story.members) == 1:
            return Assignment(doc_id, sid, 1.0, sid not in before)
        f = story.members[doc_id]
        self._leave(f)
        score = self.score(f, self.stories[sid])
        self._join(sid, f)
        return Assignment(doc_id, sid, score, sid not in before)

    def _fresh_id(self) -> str:
        sid = self._new_id()
        while sid in self.stories:
            sid = self._new_id()
        return sid

    def _join(self, sid: str, f: DocFeatures) -> None:
        story = self.stories.get(sid)
        if story is None:
            story = self.stories[sid] = StoryState(sid, np.zeros_like(f.vector))
            row = self._free.pop() if self._free else len(self._order)
            if row == len(self._order):
                self._order.append(sid)
            else:
                self._order[row] = sid
            self._row[sid] = row
            if len(self._order) > self._means.shape[0]:
                grown = np.zeros((max(64, 2 * len(self._order)), f.vector.shape[0]), dtype=np.float32)
                if self._means.size:
                    grown[: self._means.shape[0]] = self._means
                self._means = grown
        mass = self._mass[f.doc_id] = self._doc_mass(f)
        story.add(f, mass)
        self.story_of[f.doc_id] = sid
        self._means[self._row[sid]] = story.mean()
        for key in f.entities:
            self._by_entity.setdefault(key, set()).add(sid)

    def _leave(self, f: DocFeatures) -> None:
        sid = self.story_of.pop(f.doc_id)
        story = self.stories[sid]
        story.remove(f, self._mass.pop(f.doc_id))
        for key in f.entities:
            if key not in story.entity_mass and key in self._by_entity:
                self._by_entity[key].discard(sid)
        row = self._row[sid]
        if story.members:
            self._means[row] = story.mean()
            return
        del self.stories[sid], self._row[sid]
        self._order[row] = ""
        self._means[row] = 0.0
        self._free.append(row)
