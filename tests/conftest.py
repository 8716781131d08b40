"""Shared fixtures: paths to the bundled sample and ../shared, and the real models (loaded once)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "examples" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from newsprism.analyze.resources import load_spacy

    return load_spacy()


@pytest.fixture(scope="session", autouse=True)
def export_cache(tmp_path_factory):
    """The embedder's onnxruntime export is written into a folder of this test run, not the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSPRISM_CACHE", str(tmp_path_factory.mktemp("newsprism-cache")))
        yield
