"""Article-body extraction: newsprism's ``document_from_html`` against plain ``trafilatura.extract``.

Data: ../shared/data/article-extraction-benchmark (Zyte's benchmark: gzipped pages
and ``ground-truth.json`` with each page's gold ``articleBody``).  Scoring follows
its ``evaluate.py`` exactly: tokens are ``\\w+`` runs; each page's true and
predicted texts become multisets of 4-token shingles; TP/FP/FN are counted over
shingles and normalised by their sum (so every page weighs the same); precision
is the mean over pages with TP+FP > 0, recall the mean over pages with TP+FN > 0,
and F1 the harmonic mean of those two means.  An empty output (NoArticle) thus
scores recall 0 and is left out of the precision mean, as in evaluate.py.

Usage: python benchmarks/html_extraction.py [--limit N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsprism.config import Settings
from newsprism.errors import NoArticle
from newsprism.ingest.html import document_from_html
from newsprism.records import RawInput

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

Counts = tuple[float, float, float]


def load_pages(data_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(page id, html, gold body) for each benchmark page, sorted by id."""
    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    paths = sorted((data_dir / "html").glob("*.html.gz"))[:limit]
    out = []
    for path in paths:
        key = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as fh:  # the README: gzip-compressed, utf-8
            out.append((key, fh.read(), gold[key].get("articleBody", "")))
    return out


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_counts(true: str, pred: str) -> Counts:
    """Normalised (TP, FP, FN) over 4-token shingles, as evaluate.string_shingle_matching."""
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def page_f1(counts: Counts) -> float:
    p, r = _precision(*counts), _recall(*counts)
    return 2 * p * r / (p + r) if p + r else 0.0


def aggregate(counts: list[Counts]) -> dict[str, float]:
    """evaluate.metrics_from_tp_fp_fns: mean precision and recall over pages, F1 of the two means."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision, "recall": recall}


def newsprism_text(key: str, html: str, settings: Settings) -> str:
    """What newsprism puts in ``documents[].text``; empty when it finds no article."""
    try:
        return document_from_html(RawInput(id=key, origin=key, html=html), settings).text
    except NoArticle:
        return ""


def run(
    pages: list[tuple[str, str, str]], extractor: Callable[[str, str], str]
) -> tuple[list[Counts], list[str], float]:
    started = time.perf_counter()
    outputs = [extractor(key, html) for key, html, _ in pages]
    elapsed = time.perf_counter() - started
    counts = [shingle_counts(gold, out) for (_, _, gold), out in zip(pages, outputs, strict=True)]
    return counts, outputs, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    parser.add_argument("--worst", type=int, default=5, help="list the N pages where newsprism loses most F1")
    args = parser.parse_args()

    pages = load_pages(args.shared / "data" / "article-extraction-benchmark", args.limit)
    settings = Settings()
    systems: dict[str, Callable[[str, str], str]] = {
        "newsprism": lambda key, html: newsprism_text(key, html, settings),
        "trafilatura (defaults)": lambda key, html: trafilatura.extract(html) or "",
        "trafilatura (no comments)": lambda key, html: trafilatura.extract(html, include_comments=False) or "",
    }
    print(f"{len(pages)} pages; trafilatura {trafilatura.__version__}; published trafilatura 2.0.0 F1 0.958")
    print(f"{'system':<27} {'F1':>6} {'prec':>6} {'recall':>6} {'empty':>5} {'pages/s':>8} {'ms/page':>8}")
    results = {}
    for name, extractor in systems.items():
        counts, outputs, elapsed = run(pages, extractor)
        m = aggregate(counts)
        empty = sum(1 for out in outputs if not out.strip())
        results[name] = counts
        print(
            f"{name:<27} {m['f1']:6.4f} {m['precision']:6.4f} {m['recall']:6.4f} {empty:5d} "
            f"{len(pages) / elapsed:8.1f} {1000 * elapsed / len(pages):8.1f}"
        )
    ours, base = results["newsprism"], results["trafilatura (defaults)"]
    deltas = sorted((page_f1(o) - page_f1(b), key) for (key, _, _), o, b in zip(pages, ours, base, strict=True))
    print(
        f"pages newsprism better / worse than trafilatura defaults: "
        f"{sum(d > 0 for d, _ in deltas)} / {sum(d < 0 for d, _ in deltas)}"
    )
    for delta, key in deltas[: args.worst]:
        if delta < 0:
            print(f"  {delta:+.3f} {key}")


if __name__ == "__main__":
    main()
