"""Throughput of ingest + story clustering, how it grows with corpus size, and the Dask speed-up.

The corpus: ECB+ topics 1-25 plus PolNeAR articles as distractors; above ~1.6k articles the PolNeAR
texts are also cut into blocks of paragraphs (distinct articles as far as the clusterer is concerned),
and past that, paragraph-shuffled copies are added (the store links them as near copies).

Usage::

    .venv/bin/python benchmarks/scale_10k.py --sizes 1000,10000 --dask-size 600
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.strip()) > 40]


def corpus(size: int) -> Iterator[tuple[str, str]]:
    """(id, text) pairs: ECB+ first, then PolNeAR articles, blocks of them, then shuffled copies."""
    from clustering_ecbplus import load_ecbplus

    docs, _ = load_ecbplus(SHARED / "ecbplus-dev", range(1, 26))
    items = [(d.id, d.text) for d in docs]
    polnear = sorted((SHARED / "polnear").rglob("text/*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in polnear]
    items += texts
    for stem, text in texts:
        paras = _paragraphs(text)
        items += [(f"{stem}-part{i // 4}", "\n".join(paras[i : i + 4])) for i in range(4, len(paras) - 3, 4)]
    rng = random.Random(0)
    base = list(items)
    k = 0
    while len(items) < size:
        k += 1
        for doc_id, text in base:
            paras = _paragraphs(text)
            rng.shuffle(paras)
            items.append((f"{doc_id}-v{k}", "\n".join(paras)))
    yield from items[:size]


def write_corpus(size: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in corpus(size):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_local(folder: Path, db: Path) -> dict[str, float]:
    from newsprism.cluster.stories import cluster_pending
    from newsprism.config import Settings
    from newsprism.store import Store
    from newsprism.store.ingest import ingest_sources

    settings = Settings()
    placing: list[float] = []  # when the first article was placed: features are done by then

    def placed(_: int) -> None:
        if not placing:
            placing.append(time.perf_counter())

    with Store(db) as store:
        cpu0, t0 = time.process_time(), time.perf_counter()
        summary = ingest_sources([folder], store, settings)
        t1 = time.perf_counter()
        assignments = cluster_pending(store, settings, progress=placed)
        cpu1, t2 = time.process_time(), time.perf_counter()
        n_stories = len(store.story_ids())
    return {
        "docs": summary.added,
        "copies": summary.near_duplicates,
        "ingest": t1 - t0,
        "cluster": t2 - t1,
        "features": (placing[0] if placing else t2) - t1,
        "cpu": cpu1 - cpu0,
        "stories": n_stories,
        "assigned": len(assignments),
    }


def run_dask(folder: Path, db: Path, workers: int) -> float:
    from newsprism.batch import BatchOptions, run_batch
    from newsprism.config import Settings

    options = BatchOptions(workers=workers, processes=True, chunk=64, analyze=False)
    t0 = time.perf_counter()
    summary = run_batch([folder], db, Settings(), options)
    total = time.perf_counter() - t0
    phases = ", ".join(f"{k} {v:.1f}s" for k, v in summary.seconds.items())
    print(f"  Dask, {workers} worker(s): {total:.1f}s ({phases}; the rest is starting the cluster)", flush=True)
    return total


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes to time, comma-separated")
    ap.add_argument("--dask-size", type=int, default=600, help="articles for the Dask 1 vs 2 workers run (0: skip)")
    args = ap.parse_args(argv)
    from newsprism.analyze.resources import embed, load_spacy

    load_spacy()
    embed(["warm up"])  # model loading is not part of the throughput
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            folder = write_corpus(size, Path(tmp) / f"c{size}")
            r = run_local(folder, Path(tmp) / f"s{size}.db")
            total = r["ingest"] + r["cluster"]
            rows.append((size, total))
            print(
                f"{size:>6} articles: ingest {r['ingest']:.1f}s + cluster {r['cluster']:.1f}s "
                f"(features {r['features']:.1f}s, assignment {r['cluster'] - r['features']:.1f}s) = {total:.1f}s "
                f"[{r['cpu']:.0f} CPU s] "
                f"-> {size / total:.1f} articles/s; {r['copies']} near copies (features borrowed); "
                f"{r['stories']} stories; "
                f"peak RSS {peak_mb():.0f} MB; load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        if len(rows) > 1:
            (n0, t0), (n1, t1) = rows[0], rows[-1]
            print(
                f"growth {n0} -> {n1}: time x{t1 / t0:.2f} for x{n1 / n0:.1f} articles (linear would be x{n1 / n0:.1f})"
            )
        if args.dask_size:
            folder = write_corpus(args.dask_size, Path(tmp) / "dask")
            one = run_dask(folder, Path(tmp) / "d1.db", 1)
            two = run_dask(folder, Path(tmp) / "d2.db", 2)
            print(
                f"Dask batch (ingest + cluster, {args.dask_size} articles, LocalCluster processes): "
                f"1 worker {one:.1f}s, 2 workers {two:.1f}s, speed-up x{one / two:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
