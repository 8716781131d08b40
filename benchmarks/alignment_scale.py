"""How alignment time grows with the number of articles in one story.

A story of N articles is built from one ECB+ topic: the documents of its first sub-event (``Necb``),
then those of its second (``Necbplus``, the same kind of happening elsewhere), and, once the topic is
used up, *variants*: an original article with ~20% of its sentences dropped, the sentences after the
lede shuffled, sometimes one or two sentences spliced in from another article of the same sub-event,
and a new id (``<id>-v<k>``).  Variants stand in for the many outlets that rewrite the same wire copy,
which is the hard case for grouping (big groups of near-identical units).  ``--source topics`` fills the
story with the articles of the following topics instead: distinct texts (the embedding cost of real
articles) but several stories in one.

Each story is analysed once (timed as "analysis"), then ``align_story`` is timed alone with the models
already loaded.  The stages inside alignment are timed by wrapping the functions ``align_story`` calls
(read-only instrumentation; a stage the alignment code no longer has is shown as "-").  The growth
exponent is the slope of a least-squares line through log(time) against log(N).  On a shared machine
wall times swing several-fold with other people's jobs, so process CPU time, the number of texts
embedded and an idle-machine estimate (from the embedder's best-of-3 speed) are printed beside them.

Usage::

    .venv/bin/python benchmarks/alignment_scale.py [--sizes 25,50,100,200] [--quick] [--topic 19]
        [--source variants|topics] [--profile auto|always|never]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import random
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus-dev"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_ecbplus import load_ecbplus  # noqa: E402 - sibling benchmark, found through sys.path

from newsprism.analyze.pipeline import analyze_documents  # noqa: E402
from newsprism.config import Settings  # noqa: E402
from newsprism.records import Document, StoryAnalysis  # noqa: E402

DROP = 0.2  # share of an original's sentences a variant leaves out
SPLICE = 0.5  # chance that a variant borrows sentences from another article of its sub-event
TIME_LIMIT = 60.0  # seconds for the largest story, per the target
EXPONENT_LIMIT = 1.6
# Functions align_story calls, by (module, name); top-level ones are summed to find the remainder.
STAGES = (
    ("newsprism.align", "units_of", True),
    ("newsprism.align", "unit_vectors", True),
    ("newsprism.align", "group_facts", True),
    ("newsprism.align.facts", "candidate_pairs", False),
    ("newsprism.align.facts", "group_units", False),
    ("newsprism.align", "slot_groups", True),
    ("newsprism.align", "quote_variants", True),
)  # plus ``embed`` and ``embed_with_words`` wherever an align module imports them (see clocked)
_SENTENCE_END = re.compile(r"(?<=[.!?'\"])\s+(?=[A-Z\"'(])")


# ------------------------------------------------------------------ stories
def split_sentences(text: str) -> list[str]:
    """Rough sentence split, good enough to build variants (not used by newsprism itself)."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]


def _compose(doc: Document, doc_id: str, body: str, k: int) -> Document:
    title = doc.title or ""
    text = f"{title}\n\n{body}" if title else body
    start = len(text) - len(body)
    return replace(
        doc, id=doc_id, text=text, body=((start, len(text)),), headings=(), origin=f"{doc.origin}#variant{k}"
    )


def variant(doc: Document, k: int, siblings: Sequence[Document], rng: random.Random) -> Document:
    """A rewrite of ``doc``: sentences dropped and reordered after the lede, maybe some borrowed from a sibling."""
    sentences = split_sentences(doc.body_text())
    lede, rest = sentences[:1], sentences[1:]
    kept = [s for s in rest if rng.random() >= DROP] or rest[:1]
    others = [d for d in siblings if d.id != doc.id]
    if others and rng.random() < SPLICE:
        borrowed = split_sentences(rng.choice(others).body_text())[1:]
        kept += rng.sample(borrowed, min(len(borrowed), rng.randint(1, 2)))
    rng.shuffle(kept)
    return _compose(doc, f"{doc.id}-v{k}", " ".join(lede + kept), k)


@dataclass(frozen=True)
class Story:
    documents: list[Document]
    originals: int
    variants: int

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.documents)


def build_story(pool: Sequence[tuple[Document, str]], n: int, seed: int = 0) -> Story:
    """``n`` articles: the topic's originals in sub-event order, then variants of them, round-robin."""
    rng = random.Random(seed)
    originals = [d for d, _ in pool][:n]
    by_event: dict[str, list[Document]] = {}
    for d, event in pool:
        by_event.setdefault(event, []).append(d)
    event_of = {d.id: e for d, e in pool}
    docs = list(originals)
    k = 0
    while len(docs) < n:
        k += 1
        for d, _ in pool:
            if len(docs) == n:
                break
            docs.append(variant(d, k, by_event[event_of[d.id]], rng))
    return Story(docs, len(originals), len(docs) - len(originals))


def topic_pool(root: Path, topics: Sequence[int]) -> list[tuple[Document, str]]:
    """Usable documents of the topics, sub-event by sub-event, with their sub-event (folder) name."""
    docs, gold = load_ecbplus(root, topics)
    pool = [(d, g) for d, g in zip(docs, gold, strict=True) if d.body and len(split_sentences(d.body_text())) >= 2]
    if not pool:
        raise SystemExit(f"no usable documents for topics {list(topics)} under {root}")
    return pool


def topics_from(root: Path, first: int, needed: int) -> list[int]:
    """``first`` and the topics after it (wrapping round) until they hold ``needed`` usable documents."""
    present = sorted(int(p.name[:-3]) for p in root.glob("*ecb") if p.name[:-3].isdigit())
    order = [t for t in present if t >= first] + [t for t in present if t < first]
    chosen: list[int] = []
    count = 0
    for t in order:
        if count >= needed:
            break
        chosen.append(t)
        count += len(topic_pool(root, [t]))
    return chosen


# ----------------------------------------------------------------- measuring
@dataclass
class StageClock:
    """Seconds spent in, and calls of, the functions ``align_story`` uses; the size of the candidate set."""

    seconds: dict[str, float] = field(default_factory=dict)
    pairs: int | None = None
    texts: int = 0  # texts embedded during alignment
    unique: set[str] = field(default_factory=set)  # of which distinct

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            out = fn(*args, **kwargs)
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
            if name == "candidate_pairs":
                self.pairs = (self.pairs or 0) + len(out)
            elif name == "embed":
                self.texts += len(args[0])
                self.unique.update(args[0])
            return out

        return timed


@contextmanager
def clocked() -> Iterator[StageClock]:
    import importlib
    import pkgutil

    import newsprism.align
    from newsprism.analyze import resources

    clock = StageClock()
    saved = []
    targets = [(module_name, name) for module_name, name, _ in STAGES]
    embedders = {"embed": resources.embed, "embed_with_words": resources.embed_with_words}  # both count as "embed"
    targets += [
        (f"newsprism.align.{m.name}", name)
        for m in pkgutil.iter_modules(newsprism.align.__path__)
        for name in embedders
    ]
    for module_name, name in targets:
        module = importlib.import_module(module_name)
        fn = getattr(module, name, None)
        if callable(fn) and (name not in embedders or fn is embedders[name]):
            saved.append((module, name, fn))
            setattr(module, name, clock.wrap("embed" if name in embedders else name, fn))
    try:
        yield clock
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


@dataclass
class Row:
    n: int
    originals: int
    variants: int
    chars: int
    units: int
    pairs: int | None
    facts: int
    contradictions: int
    analysis_s: float
    align_s: float
    align_cpu_s: float  # process CPU time: less sensitive than wall time to other jobs on the machine
    peak_mb: float
    stages: dict[str, float]
    texts: int
    unique_texts: int


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def warm_up(settings: Settings, pool: Sequence[tuple[Document, str]]) -> None:
    """Load spaCy and the embedder and run one small alignment, so no size pays for first use."""
    from newsprism.align import align_story
    from newsprism.analyze.resources import embed

    embed(["warming up the sentence embedder"] * 8, settings.embedding_model, settings.batch_size)
    align_story(analyze_documents([d for d, _ in pool[:3]], settings), settings)


def embed_speed(pool: Sequence[tuple[Document, str]], settings: Settings, n: int = 256, runs: int = 3) -> float:
    """Seconds per text of the embedder, best of ``runs`` passes: what an idle machine gives (others' jobs
    only ever slow a pass down, and two torch threads stall badly when the cores are oversubscribed)."""
    from newsprism.analyze.resources import embed

    texts = [s for d, _ in pool for s in split_sentences(d.body_text())][:n]
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        embed(texts, settings.embedding_model, settings.batch_size)
        best = min(best, time.perf_counter() - t0)
    return best / len(texts)


def measure(story: Story, settings: Settings) -> tuple[Row, StoryAnalysis]:
    from newsprism.align import align_story
    from newsprism.align.facts import units_of

    t0 = time.perf_counter()
    analysis = analyze_documents(story.documents, settings)
    analysis_s = time.perf_counter() - t0
    with clocked() as clock:
        t0, c0 = time.perf_counter(), time.process_time()
        alignment = align_story(analysis, settings)
        align_s, align_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    units = len(units_of(analysis))
    row = Row(
        len(story.documents),
        story.originals,
        story.variants,
        story.chars,
        units,
        clock.pairs,
        len(alignment.facts),
        len(alignment.contradictions),
        analysis_s,
        align_s,
        align_cpu_s,
        peak_mb(),
        dict(clock.seconds),
        clock.texts,
        len(clock.unique),
    )
    return row, analysis


def growth(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Slope of the least-squares line through (log x, log y): y grows like x ** slope."""
    pts = [(x, y) for x, y in zip(xs, ys, strict=True) if x and y and x > 0 and y > 0]
    if len({x for x, _ in pts}) < 2:
        return None
    slope, _ = np.polyfit(np.log([x for x, _ in pts]), np.log([y for _, y in pts]), 1)
    return float(slope)


def profile_alignment(analysis: StoryAnalysis, settings: Settings, top: int = 15) -> str:
    from newsprism.align import align_story

    prof = cProfile.Profile()
    prof.enable()
    align_story(analysis, settings)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ------------------------------------------------------------------- report
def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def print_table(rows: Sequence[Row], per_text: float | None = None) -> None:
    print(
        f"{'N':>4} {'orig':>4} {'var':>4} {'kchars':>7} {'units':>6} {'pairs':>7} {'pairs/u':>7} "
        f"{'facts':>6} {'contr':>5} {'align s':>8} {'cpu s':>7} {'analysis s':>10} {'peak MB':>8}"
    )
    for r in rows:
        per_unit = r.pairs / r.units if r.pairs is not None and r.units else None
        print(
            f"{r.n:>4} {r.originals:>4} {r.variants:>4} {r.chars / 1000:>7.0f} {r.units:>6} "
            f"{_fmt(r.pairs, 'd'):>7} {_fmt(per_unit, '.1f'):>7} {r.facts:>6} {r.contradictions:>5} "
            f"{r.align_s:>8.2f} {r.align_cpu_s:>7.1f} {r.analysis_s:>10.1f} {r.peak_mb:>8.0f}"
        )
    print(
        "\nalignment stages, seconds (nested: candidate_pairs and group_units run inside group_facts; embed is every "
        "embedding call of align/, inside the stages; rest is align_story outside the top-level stages)"
    )
    names = [name for _, name, _ in STAGES] + ["embed"]
    print(f"{'N':>4} " + " ".join(f"{n:>15}" for n in names) + f" {'rest':>8}")
    for r in rows:
        rest = r.align_s - sum(r.stages.get(name, 0.0) for _, name, top in STAGES if top)
        print(f"{r.n:>4} " + " ".join(f"{_fmt(r.stages.get(n)):>15}" for n in names) + f" {rest:>8.2f}")
    print("\nembedding inside alignment (unit texts, their sentences, quotes)")
    print(f"{'N':>4} {'texts':>7} {'distinct':>8} {'texts/s':>8} {'share of align':>14} {'idle estimate s':>15}")
    for r in rows:
        secs = r.stages.get("embed")
        rate = r.texts / secs if secs else None
        share = secs / r.align_s if secs and r.align_s else None
        idle = r.align_s - secs + r.texts * per_text if secs is not None and per_text else None
        print(
            f"{r.n:>4} {r.texts:>7} {r.unique_texts:>8} {_fmt(rate, '.0f'):>8} {_fmt(share, '.0%'):>14} "
            f"{_fmt(idle, '.1f'):>15}"
        )
    if per_text:
        print(
            f"(idle estimate: alignment time outside embedding + texts x {per_text * 1000:.1f} ms, the embedder's "
            f"best speed seen on this machine: best of 3 passes before and after, or in a run above)"
        )


def print_growth(rows: Sequence[Row]) -> float | None:
    ns = [r.n for r in rows]
    units = [r.units for r in rows]
    exp_align = growth(ns, [r.align_s for r in rows])
    print("\ngrowth exponents (log-log least squares; 1 = linear, 2 = quadratic)")
    print(f"  alignment time vs N      {_fmt(exp_align)}")
    print(f"  units vs N               {_fmt(growth(ns, units))}")
    if all(r.pairs is not None for r in rows):
        print(f"  candidate pairs vs N     {_fmt(growth(ns, [r.pairs or 0 for r in rows]))}")
    print(f"  alignment CPU time vs N  {_fmt(growth(ns, [r.align_cpu_s for r in rows]))}")
    print(f"  alignment time vs units  {_fmt(growth(units, [r.align_s for r in rows]))}")
    if all("embed" in r.stages for r in rows):
        rest = [r.align_s - r.stages["embed"] for r in rows]
        print(f"  alignment minus embedding vs N  {_fmt(growth(ns, rest))}  (the blocking, grouping and checks)")
    print(f"  analysis time vs N       {_fmt(growth(ns, [r.analysis_s for r in rows]))}")
    local = [growth([p.n, q.n], [p.align_s, q.align_s]) for p, q in itertools.pairwise(rows)]
    if len(local) > 1:
        steps = ", ".join(f"{p.n}->{q.n}: {_fmt(e)}" for p, q, e in zip(rows, rows[1:], local, strict=False))
        print(f"  alignment time, per step {steps}")
    for name in ("embed", "candidate_pairs", "group_units", "slot_groups", "quote_variants"):
        if all(name in r.stages for r in rows):
            print(f"  {name + ' vs N':<24} {_fmt(growth(ns, [r.stages[name] for r in rows]))}")
    return exp_align


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25,50,100,200", help="story sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="sizes 25 and 50 only (smoke run)")
    parser.add_argument("--topic", type=int, default=19, help="ECB+ topic the stories are built from")
    parser.add_argument(
        "--source",
        choices=("variants", "topics"),
        default="variants",
        help="fill a story past the topic's articles with variants of them (one story, much "
        "repeated wording) or with the articles of the following topics (distinct texts, "
        "several stories in one)",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help=f"cProfile the largest alignment (auto: if over {TIME_LIMIT:.0f} s or exponent >= {EXPONENT_LIMIT})",
    )
    args = parser.parse_args(argv)
    sizes = [25, 50] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    settings = Settings()
    topics = [args.topic] if args.source == "variants" else topics_from(args.data, args.topic, max(sizes))
    pool = topic_pool(args.data, topics)
    events = list(dict.fromkeys(e for _, e in pool))
    print(
        f"stories from ECB+ topics {', '.join(map(str, topics))}: {len(pool)} originals "
        f"({', '.join(events)}, in that order)"
        + (
            f", then variants (drop {DROP:.0%} of sentences, shuffle after the lede, splice from a sibling "
            f"with p={SPLICE}, new id)"
            if len(pool) < max(sizes)
            else ", no variants"
        )
    )
    t0 = time.perf_counter()
    warm_up(settings, pool)
    print(f"warm-up (models loaded, one 3-article story aligned): {time.perf_counter() - t0:.1f} s")
    per_text = embed_speed(pool, settings)
    print(
        f"embedder, best of 3 passes over 256 sentences: {per_text * 1000:.1f} ms per text (measured again "
        f"at the end; the better is used)\n"
    )

    rows: list[Row] = []
    largest: StoryAnalysis | None = None
    for n in sizes:
        row, analysis = measure(build_story(pool, n, args.seed), settings)
        rows.append(row)
        largest = analysis
        print(f"  N={n}: analysis {row.analysis_s:.1f} s, alignment {row.align_s:.2f} s", flush=True)
    observed = [r.stages["embed"] / r.texts for r in rows if r.texts and "embed" in r.stages]
    per_text = min([per_text, embed_speed(pool, settings), *observed])
    print()
    print_table(rows, per_text)
    exp_align = print_growth(rows)

    worst = rows[-1]
    under = exp_align is not None and exp_align < EXPONENT_LIMIT
    print(
        f"\n{worst.n} articles aligned in {worst.align_s:.1f} s wall, {worst.align_cpu_s:.1f} s CPU "
        f"({'within' if worst.align_s <= TIME_LIMIT else 'OVER'} the {TIME_LIMIT:.0f} s target); "
        f"exponent {_fmt(exp_align)} ({'under' if under else 'not under'} {EXPONENT_LIMIT}); "
        f"peak memory {worst.peak_mb:.0f} MB"
    )
    print(
        f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores: wall times are only as steady as the machine is idle"
    )
    slow = worst.align_s > TIME_LIMIT or (exp_align is not None and exp_align >= EXPONENT_LIMIT)
    if largest is not None and (args.profile == "always" or (args.profile == "auto" and slow)):
        print(f"\ncProfile of align_story at N={worst.n}, top 15 by cumulative time:")
        print(profile_alignment(largest, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
