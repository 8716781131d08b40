"""Quality gate: the seeds' dossier scored by ../shared/eval/score.py must stay at or above pinned floors.

The dossier is built once per module (the whole pipeline, through the CLI) and scored once with every floor
passed as ``--min``.  Later work adds its metrics to ``FLOORS``; raising a floor is a commit of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli

# metric printed by score.py -> the lowest value accepted
FLOORS: dict[str, float] = {
    # issue 2: cleaning and metadata
    "boilerplate_removed": 1.0,
    "body_kept": 1.0,
    "headings_found": 1.0,
    "metadata_accuracy": 0.9,
    # issue 3: language analysis
    "entity_mentions_found": 0.9,
    "entity_bcubed_f1": 0.95,
    "quotes_found": 0.95,
    "quote_speaker_accuracy": 0.9,
    "quote_chain_accuracy": 0.85,
    # issue 4: alignment, at the target.  The pair model is learned on eight annotated events, not tuned to
    # the seeds: seeds F1 0.861 (0.835 when they are held out of the fit), the seven other events 0.568 held
    # out (benchmarks/fit_pair_model.py)
    "alignment_f1": 0.85,
    "facts_fully_aligned": 0.72,
    "unique_facts_found": 0.9,
    "contradiction_f1": 1.0,
    # issue 5: the dossier people read
    "framing_accuracy": 0.9,
    "reuse_top_pair": 1.0,
    "reuse_direction": 1.0,
    "timeline_accuracy": 0.85,
    "summary_cited": 1.0,
}


@dataclass(frozen=True)
class Scores:
    metrics: dict[str, float]
    failed: list[str]
    returncode: int
    output: str


@pytest.fixture(scope="module")
def dossier_path(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("eval") / "dossier.json"
    result = CliRunner().invoke(cli, ["analyze", str(seeds_dir), "--json", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def scores(dossier_path: Path, shared_dir: Path) -> Scores:
    scorer = shared_dir / "eval" / "score.py"
    gold = shared_dir / "eval" / "gold" / "seeds.yaml"
    corpus = shared_dir / "corpus" / "seeds"
    if not (scorer.exists() and gold.exists() and corpus.exists()):
        pytest.skip("the scorer, the gold or the seed corpus is missing from ../shared")
    floors = [arg for metric, floor in FLOORS.items() for arg in ("--min", f"{metric}={floor}")]
    run = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(gold),
            "--corpus",
            str(corpus),
            "--dossier",
            str(dossier_path),
            "--notes",
            *floors,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr  # 1 means a floor was missed; anything else is a crash
    metrics: dict[str, float] = {}
    failed: list[str] = []
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            failed = json.loads(line)["failed"]
        elif not line.startswith(" ") and len(parts := line.split()) == 2:
            metrics[parts[0]] = float(parts[1])
    return Scores(metrics, failed, run.returncode, run.stdout)


def test_scorer_prints_every_gated_metric(scores: Scores) -> None:
    assert set(FLOORS) <= set(scores.metrics), scores.output


@pytest.mark.parametrize("metric", FLOORS)
def test_metric_at_or_above_its_floor(scores: Scores, metric: str) -> None:
    assert scores.metrics[metric] >= FLOORS[metric], scores.output


def test_scorer_gate_passes(scores: Scores) -> None:
    assert scores.returncode == 0 and scores.failed == [], scores.output
