"""Alignment and contradiction quality on every annotated event we have, not only the seeds.

The seeds (``../shared/eval/gold/seeds.yaml``) are what the first weights were tuned on; the events in
``benchmarks/gold/ecbplus_*.yaml`` are our own hand annotations, in the same format, of five outlets'
coverage of one ECB+ sub-event each (the texts stay in ``../shared/data/ecbplus-dev``; a temporary
corpus folder of ``<doc id>.txt`` files is written for the scorer), and ``synthetic_*.yaml`` invented
events (texts in ``benchmarks/corpora``) with planted conflicts, updates and traps.  They are the check
against tuning to the seeds: a rule that helps the seeds and hurts them is a rule tuned to the seeds.
The pair model is fitted on the seeds and the ECB+ events, so the figures here are in-sample for it;
``fit_pair_model.py`` prints the leave-one-event-out figures.

Each event is read, analysed and aligned with the default settings, scored by the official
``score.py``, and one row of the alignment and contradiction metrics is printed, with means over the
ECB+ events and over all events but the seeds.

Usage::

    .venv/bin/python benchmarks/alignment_events.py [--events seeds,8,18] [--notes]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.pipeline import build_dossier
from newsprism.report.json import dossier_to_dict

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent.parent / "shared"
ECB = SHARED / "data" / "ecbplus-dev"
METRICS = (
    "alignment_precision",
    "alignment_recall",
    "alignment_f1",
    "facts_fully_aligned",
    "unique_facts_found",
    "contradiction_precision",
    "contradiction_recall",
    "contradiction_f1",
)


def events(names: str | None = None) -> dict[str, tuple[Path, Path | None]]:
    """name -> (gold file, corpus folder or None when it must be built from ECB+); ``names``: a comma-separated
    choice (default: every annotated event)."""
    out: dict[str, tuple[Path, Path | None]] = {
        "seeds": (SHARED / "eval" / "gold" / "seeds.yaml", SHARED / "corpus" / "seeds")
    }
    for gold in sorted((ROOT / "gold").glob("ecbplus_*.yaml"), key=lambda p: int(p.stem.split("_")[1])):
        out[gold.stem.split("_")[1]] = (gold, None)
    # invented events, written for newsprism with planted conflicts and traps; their texts are in corpora/
    for gold in sorted((ROOT / "gold").glob("synthetic_*.yaml")):
        out[gold.stem.split("_", 1)[1]] = (gold, ROOT / "corpora" / gold.stem)
    if names:
        out = {k: v for k, v in out.items() if k in set(names.split(","))}
    return out


def ecb_corpus(gold: Path, folder: Path) -> Path:
    """Write the gold's documents from ECB+ as ``<id>.txt`` files, exactly as stored (the scorer reads them)."""
    ids = yaml.safe_load(gold.read_text(encoding="utf-8"))["documents"]
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id in ids:
        topic = doc_id.split("_")[0]
        record = json.loads((ECB / f"{topic}ecbplus" / f"{doc_id}.json").read_text(encoding="utf-8"))
        (folder / f"{doc_id}.txt").write_text(record["text"], encoding="utf-8")
    return folder


def score(gold: Path, corpus: Path, dossier: Path) -> tuple[dict[str, float], str]:
    run = subprocess.run(
        [
            sys.executable,
            "score.py",
            "--gold",
            str(gold),
            "--corpus",
            str(corpus),
            "--dossier",
            str(dossier),
            "--notes",
        ],
        cwd=SHARED / "eval",
        capture_output=True,
        text=True,
        check=True,
    )
    values = {}
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in METRICS:
            values[parts[0]] = float(parts[1])
    return values, run.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", help="comma-separated event names (default: all)")
    parser.add_argument("--notes", action="store_true", help="print the scorer's notes for each event")
    args = parser.parse_args(argv)
    chosen = events(args.events)
    settings = Settings()
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (gold, corpus) in chosen.items():
            corpus = corpus or ecb_corpus(gold, Path(tmp) / name)
            started = time.perf_counter()
            docs, reports = read_inputs([corpus], settings)
            dossier = build_dossier(docs, reports, settings)
            out = Path(tmp) / f"{name}.json"
            out.write_text(json.dumps(dossier_to_dict(dossier), ensure_ascii=False), encoding="utf-8")
            rows[name], notes = score(gold, corpus, out)
            print(f"{name}: {len(docs)} documents, {time.perf_counter() - started:.1f} s", file=sys.stderr)
            if args.notes:
                print(notes)
    short = [m.replace("alignment_", "al_").replace("contradiction_", "con_")[:10] for m in METRICS]
    print("event    " + " ".join(s.rjust(10) for s in short))
    for name, values in rows.items():
        print(f"{name:<8} " + " ".join(f"{values.get(m, float('nan')):10.3f}" for m in METRICS))
    for label, names in (("ECB+", [k for k in rows if k.isdigit()]), ("not seeds", [k for k in rows if k != "seeds"])):
        if names:
            means = [statistics.mean(rows[k].get(m, 0.0) for k in names) for m in METRICS]
            print(f"{label:<8} " + " ".join(f"{x:10.3f}" for x in means) + f"   (mean of {len(names)} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
