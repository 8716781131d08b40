"""Story clustering on ECB+ (topics 1-25): B-cubed P/R/F1 of newsprism against the gold sub-events.

Gold: within a topic, the ``Necb`` and ``Necbplus`` folders are two different events of the same kind;
every folder is one story.  All documents of the chosen topics are clustered together, in a shuffled
stream order (incremental clustering depends on order: several seeds are averaged), fed as one
batch, in batches of 50 (each revised with the 500 articles before it), and without revision.

Reference: agglomerative clustering (average link, cosine) and HDBSCAN over the same lead embeddings,
each with the threshold that is best on the tuning topics.

Usage::

    .venv/bin/python benchmarks/clustering_ecbplus.py [--data ../shared/data/ecbplus-dev] [--tune]
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsprism.cluster.clusterer import ClusterParams, StoryClusterer
from newsprism.cluster.features import DocFeatures, extract_features
from newsprism.config import Settings
from newsprism.records import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus-dev"
TUNE = range(1, 13)
CHECK = range(13, 26)
SEEDS = (0, 1, 2)


# ------------------------------------------------------------------ data
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d", re.IGNORECASE),
    re.compile(rf"\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d", re.IGNORECASE),
    re.compile(r"(?:19|20)\d\d\s*[-.]\s*\d\d\s*[-.]\s*\d\d"),
)


def _date(raw: str | None):
    """The publication date in ECB+'s free-text ``date_publish`` ("Posted on November 15, 2011 6 : 07 PM")."""
    import dateparser

    for pattern in _DATE_PATTERNS:
        match = pattern.search(raw or "")
        if match:
            when = dateparser.parse(re.sub(r"\s*([-.])\s*", r"\1", match.group()), languages=["en"])
            if when is not None:
                return when.date()
    return None


def load_ecbplus(root: Path, topics: Sequence[int]) -> tuple[list[Document], list[str]]:
    """Documents of the given topics and their gold story label (the folder name)."""
    docs: list[Document] = []
    gold: list[str] = []
    for topic in topics:
        for folder in (root / f"{topic}ecb", root / f"{topic}ecbplus"):
            for path in sorted(folder.glob("*.json")):
                rec = json.loads(path.read_text(encoding="utf-8"))
                title = (rec.get("title") or "").strip()
                body = (rec.get("text") or "").strip()
                text = f"{title}\n\n{body}" if title else body
                start = len(text) - len(body)
                docs.append(
                    Document(
                        id=path.stem,
                        text=text,
                        body=((start, len(text)),) if body else (),
                        title=title or None,
                        published=_date(rec.get("date_publish")),
                        origin=str(path),
                    )
                )
                gold.append(folder.name)
    return docs, gold


# --------------------------------------------------------------- scoring
def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (one label per item)."""
    from collections import Counter

    pairs = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(pairs[(a, b)] / psize[a] for a, b in zip(pred, gold, strict=True)) / len(pred)
    r = sum(pairs[(a, b)] / gsize[b] for a, b in zip(pred, gold, strict=True)) / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_newsprism(feats: Sequence[DocFeatures], params: ClusterParams, seed: int, batch: int = 0) -> list[str]:
    """Story labels for a shuffled stream, fed as one batch or in batches of ``batch`` (each revised on its own)."""
    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer(params)
    stream = [feats[i] for i in order]
    size = batch or len(stream)
    for i in range(0, len(stream), size):
        clusterer.add_all(stream[i : i + size])
    return [clusterer.story_of[f.doc_id] for f in feats]


def score_newsprism(
    feats: Sequence[DocFeatures], gold: Sequence[str], params: ClusterParams, batch: int = 0
) -> tuple[float, ...]:
    scores = np.array([bcubed(run_newsprism(feats, params, s, batch), gold) for s in SEEDS])
    return tuple(scores.mean(axis=0))


def run_reference(vectors: np.ndarray, method: str, value: float) -> list[str]:
    from sklearn.cluster import HDBSCAN, AgglomerativeClustering

    if method == "agglomerative":
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=value
        ).fit(vectors)
        return [str(x) for x in model.labels_]
    labels = HDBSCAN(min_cluster_size=int(value), metric="euclidean", copy=True).fit(vectors).labels_
    # HDBSCAN noise points are singletons, not one shared cluster
    return [f"noise{i}" if x < 0 else str(x) for i, x in enumerate(labels)]


# ----------------------------------------------------------------- main
def _split(docs: Sequence[Document], gold: Sequence[str], feats: Sequence[DocFeatures], topics: range):
    keep = [i for i, g in enumerate(gold) if int(re.match(r"\d+", g).group()) in topics]  # type: ignore[union-attr]
    return [feats[i] for i in keep], [gold[i] for i in keep]


def _fmt(name: str, s: Sequence[float]) -> str:
    return f"  {name:<34} P={s[0]:.3f} R={s[1]:.3f} F1={s[2]:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tune", action="store_true", help="grid-search the clusterer weights on topics 1-12")
    ap.add_argument("--cache", type=Path, help="features cache (pickle) to skip NER and embedding on reruns")
    args = ap.parse_args(argv)

    settings = Settings()
    docs, gold = load_ecbplus(args.data, list(TUNE) + list(CHECK))
    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        feats = pickle.loads(args.cache.read_bytes())
    else:
        feats = extract_features(docs, settings)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(feats))
    t_feat = time.perf_counter() - t0
    print(
        f"ECB+ topics 1-25: {len(docs)} documents, {len(set(gold))} gold stories, "
        f"{sum(d.published is not None for d in docs)} dated; features in {t_feat:.1f}s"
    )

    params = ClusterParams()
    tune_f, tune_g = _split(docs, gold, feats, TUNE)
    check_f, check_g = _split(docs, gold, feats, CHECK)
    if args.tune:
        params = tune(tune_f, tune_g, params)
        print(f"tuned: {params}")

    splits = (("tune 1-12", tune_f, tune_g), ("check 13-25", check_f, check_g), ("all 1-25", feats, gold))
    runs = (
        (0, True, "one batch, revised"),
        (50, True, "batches of 50, each revised with the 500 before"),
        (0, False, "one batch, no revision"),
        (50, False, "batches of 50, no revision"),
    )
    for batch, revised, label in runs:
        run_params = params if revised else replace(params, revise_rounds=0)
        print(f"newsprism (incremental; {label}), mean of seeds {SEEDS}")
        for name, f, g in splits:
            print(_fmt(name, score_newsprism(f, g, run_params, batch)))

    print("reference methods over the same embeddings (threshold best on 1-12)")
    for method, grid in (("agglomerative", np.arange(0.2, 0.75, 0.05)), ("hdbscan", (2, 3, 4, 5, 8))):
        vt = np.stack([f.vector for f in tune_f])
        best = max(grid, key=lambda v: bcubed(run_reference(vt, method, float(v)), tune_g)[2])
        for name, f, g in (("tune", tune_f, tune_g), ("check", check_f, check_g), ("all", feats, gold)):
            vecs = np.stack([x.vector for x in f])
            print(_fmt(f"{method}({best:.2f}) {name}", bcubed(run_reference(vecs, method, float(best)), g)))
    return 0


def tune(feats: Sequence[DocFeatures], gold: Sequence[str], base: ClusterParams) -> ClusterParams:
    """Coarse grid over the score's weights on the tuning topics only."""
    best, best_f = base, -1.0
    for ew in (0.4, 0.45, 0.5, 0.55, 0.6):
        for thr in np.arange(0.30, 0.426, 0.025):
            for nes in (0.1, 0.2):
                p = replace(base, embed_weight=1 - ew, entity_weight=ew, threshold=float(thr), no_entity_score=nes)
                f1 = score_newsprism(feats, gold, p)[2]
                if f1 > best_f:
                    best, best_f = p, f1
    return best


if __name__ == "__main__":
    sys.exit(main())
