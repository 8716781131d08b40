"""Cluster the stored documents that have no story yet, continuing from the stories already stored."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsprism.cluster.clusterer import Assignment, ClusterParams, StoryClusterer, StoryState
from newsprism.cluster.features import DocFeatures, display_title, extract_features
from newsprism.config import Settings
from newsprism.records import Document

if TYPE_CHECKING:
    from newsprism.store.store import Store

FeatureFn = Callable[[Sequence[Document], Settings], list[DocFeatures]]
FeatureJob = tuple[list[Document], Settings]


def features_chunk(job: FeatureJob) -> list[DocFeatures]:
    """Features of one chunk of documents (a picklable unit of work for a Dask worker)."""
    docs, settings = job
    return extract_features(docs, settings)


def params_from(settings: Settings) -> ClusterParams:
    """Clusterer parameters, with the join threshold taken from the settings table."""
    return ClusterParams(threshold=settings.cluster_threshold)


def story_title(story: StoryState, titles: dict[str, str | None]) -> str | None:
    """The title of the member nearest the story's centroid."""
    if not story.members:
        return None
    members = list(story.members.values())
    order = np.argsort(-(np.stack([m.vector for m in members]) @ story.centroid()))
    for i in order:
        title = titles.get(members[int(i)].doc_id)
        if title:
            return title
    return None


def restore_clusterer(
    store: Store, params: ClusterParams, known: dict[str, DocFeatures], copies: Iterable[str] = ()
) -> StoryClusterer:
    """A clusterer holding every stored story (members whose features are stored).

    The last ``params.revise_window`` stored articles that are not ``copies`` may be revised again.
    """
    copies = set(copies)
    clusterer = StoryClusterer(params, _ids_after(store.story_ids()))
    assigned = store.assignments()
    clusterer.observe(known.values())
    members: dict[str, list[DocFeatures]] = {}
    for doc_id in store.document_ids():  # ingest order, as they were first clustered
        sid = assigned.get(doc_id)
        if sid is not None and doc_id in known:
            members.setdefault(sid, []).append(known[doc_id])
    for sid, feats in members.items():
        clusterer.restore(sid, feats)
    latest = [d for d in store.document_ids() if d in clusterer.story_of and d not in copies]
    clusterer.recent.extend(latest[len(latest) - params.revise_window :] if params.revise_window else ())
    return clusterer


def _ids_after(existing: Sequence[str]) -> Callable[[], str]:
    numbers = [int(s.rsplit("-", 1)[-1]) for s in existing if s.rsplit("-", 1)[-1].isdigit()]
    counter = iter(range(max(numbers, default=0) + 1, 1 << 62))
    return lambda: f"story-{next(counter):06d}"


def _copies_to_borrow(
    missing: Sequence[str], copies: dict[str, tuple[str, float]], known: dict[str, DocFeatures]
) -> dict[str, str]:
    """Near copy -> its original, for the missing ones whose original has (or is about to get) features."""
    todo = set(missing)
    return {d: o for d in missing if (o := copies.get(d, ("", 0.0))[0]) and (o in known or o in todo)}


def borrowed_features(
    copies: Sequence[Document], original_of: dict[str, str], known: dict[str, DocFeatures]
) -> list[DocFeatures]:
    """Features of near copies taken from their originals' (same lead, same names); own date and title.

    Each is also added to ``known`` as it is made, so a copy of a copy (``copies`` in ingest order) finds
    its original's borrowed features; a copy whose original has none is left out.
    """
    out: list[DocFeatures] = []
    for doc in copies:
        src = known.get(original_of[doc.id])
        if src is None:
            continue
        f = DocFeatures(doc.id, src.vector, src.entities, doc.published or src.published, display_title(doc))
        known[doc.id] = f
        out.append(f)
    return out


def cluster_pending(
    store: Store,
    settings: Settings,
    *,
    params: ClusterParams | None = None,
    feature_fn: FeatureFn | None = None,
    mapper: Callable[[Callable[[FeatureJob], list[DocFeatures]], Sequence[FeatureJob]], Iterable[list[DocFeatures]]]
    | None = None,
    chunk: int = 256,
    progress: Callable[[int], None] | None = None,
) -> list[Assignment]:
    """Give every stored document without a story one: features for new ones, then incremental assignment.

    Near copies of a stored article join their original's story directly; the others are placed one by
    one, then revised (``StoryClusterer.revise``) together with the last ``revise_window`` stored ones, so
    early articles can move to stories that formed after them.  Returned: the new articles' assignments,
    then those of stored articles that moved; stored stories left empty are deleted.
    """
    params = params or params_from(settings)
    assigned = store.assignments()
    order = store.document_ids()
    pending = [d for d in order if d not in assigned]
    if not pending:
        return []
    known = store.load_features()
    copies = store.duplicates()
    missing = [d for d in pending if d not in known]
    borrow = _copies_to_borrow(missing, copies, known)
    own = [d for d in missing if d not in borrow]
    jobs = [(store.documents(own[i : i + chunk]), settings) for i in range(0, len(own), chunk)]
    task = (lambda job: feature_fn(*job)) if feature_fn is not None else features_chunk
    for feats in (mapper or map)(task, jobs):
        store.save_features(feats)
        known.update((f.doc_id, f) for f in feats)
    borrowed = borrowed_features(store.documents(list(borrow)), borrow, known)
    store.save_features(borrowed)
    known.update((f.doc_id, f) for f in borrowed)
    left = [d for d in borrow if d not in known]  # an original whose features could not be made
    for feats in map(task, [(store.documents(left[i : i + chunk]), settings) for i in range(0, len(left), chunk)]):
        store.save_features(feats)
        known.update((f.doc_id, f) for f in feats)
    clusterer = restore_clusterer(store, params, {d: f for d, f in known.items() if d in assigned}, copies)
    pending_feats = [known[d] for d in pending if d in known]
    clusterer.observe(pending_feats)
    before = set(clusterer.stories)
    before_docs = dict(clusterer.story_of)
    out: list[Assignment] = []
    placed: list[str] = []
    follows: dict[str, str] = {}  # near copy -> its original, when both are in this batch
    for f in pending_feats:
        original = copies.get(f.doc_id, (None, 0.0))[0]
        if original is not None and (sid := assigned.get(original)) is not None:
            if original in clusterer.story_of and original not in before_docs:
                follows[f.doc_id] = original
            clusterer.restore(sid, [f])
            out.append(Assignment(f.doc_id, sid, 1.0, False))
        else:
            out.append(clusterer.add(f))
            placed.append(f.doc_id)
        assigned[f.doc_id] = out[-1].story_id
        if progress is not None:
            progress(1)
    revisable = clusterer.revisable(len(placed))
    for _ in range(params.revise_rounds):
        if not clusterer.revise(revisable):
            break
    for copy, original in follows.items():
        clusterer.move(copy, clusterer.story_of[original])
    out = [a if a.story_id == clusterer.story_of[a.doc_id] else clusterer.placement(a.doc_id, before) for a in out]
    # stored articles that revision moved, and stored stories it emptied
    out += [
        clusterer.placement(d, before)
        for d in revisable
        if d in before_docs and clusterer.story_of[d] != before_docs[d]
    ]
    dropped = sorted(before - set(clusterer.stories))
    titles = {d: f.title for d, f in known.items()}
    touched = {a.story_id for a in out}
    store.save_assignments(
        [(a.doc_id, a.story_id, a.score) for a in out],
        {sid: story_title(clusterer.stories[sid], titles) for sid in touched},
        dropped,
    )
    return out
