"""Fit the pair model (``newsprism.align.pair_model``) on every annotated event, and say how well it does.

Labels come from the gold annotations: two units of different outlets are a positive pair when both
overlap evidence of one gold fact (by three characters or more, as ``score.py`` counts), a negative pair
otherwise.  All cross-outlet pairs of an event are used, not only those the blocking keeps.  The model
is a plain logistic regression (scikit-learn, L2, C=0.1) on ``FEATURES``.  The four cosines and the word match
move together, so a weak penalty lets their weights swing (C=1 flipped cos_own's sign after a change in how
numbers are read); C=0.1 keeps them stable at the same held-out scores.

It prints, per event, the scorer's alignment metrics with the model fitted on the *other* events
(leave-one-event-out: the honest figure for an event we have not seen), their mean over the held-out
events other than the seeds, then the fit on all events as a ``PairModel(...)`` literal to paste into ``pair_model.py``
as ``TRAINED``.

Usage::

    .venv/bin/python benchmarks/fit_pair_model.py [--events seeds,8,18] [--no-loo]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from alignment_events import METRICS, ecb_corpus, events, score

from newsprism.align import align_story
from newsprism.align.facts import Unit, unit_vectors, units_of
from newsprism.align.pair_model import FEATURES, PairModel, pair_features
from newsprism.align.variants import quote_variants
from newsprism.analyze.pipeline import analyze_documents
from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.records import Dossier, StoryAnalysis
from newsprism.report.json import dossier_to_dict


@dataclass
class Event:
    name: str
    gold: Path
    corpus: Path
    dossier_parts: tuple  # (documents, input reports, analysis)
    x: np.ndarray
    y: np.ndarray


def gold_facts_of(units: list[Unit], analysis: StoryAnalysis, gold: dict) -> list[set[str]]:
    texts = {a.document.id: a.document.text for a in analysis.documents}
    evidence = []
    for fact in gold.get("facts", []):
        for doc, needles in fact["evidence"].items():
            for needle in needles:
                i = texts[doc].find(needle)
                while i >= 0:
                    evidence.append((fact["id"], doc, i, i + len(needle)))
                    i = texts[doc].find(needle, i + 1)
    return [
        {
            fid
            for fid, doc, a, b in evidence
            if doc == u.doc and min(b, u.clause.span.end) - max(a, u.clause.span.start) >= 3
        }
        for u in units
    ]


def load_event(name: str, gold: Path, corpus: Path, settings: Settings) -> Event:
    docs, reports = read_inputs([corpus], settings)
    analysis = analyze_documents(docs, settings)
    variants = quote_variants(analysis, settings.embedding_model)
    units = units_of(analysis, {span: v.id for v in variants for span in v.renderings})
    vectors = unit_vectors(units, analysis, settings.embedding_model, settings.batch_size)
    facts = gold_facts_of(units, analysis, yaml.safe_load(gold.read_text(encoding="utf-8")))
    rows, labels = [], []
    for i, a in enumerate(units):
        for b in units[i + 1 :]:
            if a.doc != b.doc:
                rows.append(pair_features(a, b, vectors))
                labels.append(bool(facts[a.index] & facts[b.index]))
    return Event(name, gold, corpus, (docs, reports, analysis), np.array(rows), np.array(labels))


def fit(train: list[Event]) -> PairModel:
    x = np.vstack([e.x for e in train])
    y = np.concatenate([e.y for e in train])
    lr = LogisticRegression(C=0.1, max_iter=5000).fit(x, y)
    return PairModel(tuple(round(float(w), 4) for w in lr.coef_[0]), round(float(lr.intercept_[0]), 4))


def evaluate(event: Event, model: PairModel, settings: Settings, tmp: Path) -> dict[str, float]:
    docs, reports, analysis = event.dossier_parts
    alignment = align_story(analysis, settings, model)
    out = tmp / f"{event.name}.json"
    out.write_text(json.dumps(dossier_to_dict(Dossier(tuple(docs), tuple(reports), analysis, alignment))))
    return score(event.gold, event.corpus, out)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", help="comma-separated event names (default: all)")
    parser.add_argument("--no-loo", action="store_true", help="only fit on all events and print the model")
    args = parser.parse_args(argv)
    chosen = events(args.events)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        loaded = []
        for name, (gold, corpus) in chosen.items():
            loaded.append(load_event(name, gold, corpus or ecb_corpus(gold, tmp / name), settings))
            e = loaded[-1]
            print(f"{name}: {len(e.y)} pairs, {int(e.y.sum())} positive", file=sys.stderr)
        if not args.no_loo and len(loaded) > 1:
            rows = {e.name: evaluate(e, fit([o for o in loaded if o is not e]), settings, tmp) for e in loaded}
            print("leave-one-event-out (model fitted on the other events):")
            print("event    " + " ".join(m.replace("alignment_", "al_")[:10].rjust(10) for m in METRICS[:5]))
            for name, values in rows.items():
                print(f"{name:<8} " + " ".join(f"{values.get(m, float('nan')):10.3f}" for m in METRICS[:5]))
            held = [v for k, v in rows.items() if k != "seeds"]
            if held:
                means = " ".join(f"{statistics.mean(v[m] for v in held):10.3f}" for m in METRICS[:5])
                print(f"{'not seeds':<9}{means}   (mean of {len(held)})")
        model = fit(loaded)
    print(f"\n# Fitted by benchmarks/fit_pair_model.py on {len(loaded)} annotated events ({', '.join(chosen)}).")
    print("TRAINED = PairModel(\n    weights=(")
    for name, w in zip(FEATURES, model.weights, strict=True):
        print(f"        {w},  # {name}")
    print(f"    ),\n    intercept={model.intercept},\n)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
