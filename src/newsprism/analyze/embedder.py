"""The sentence embedder: the model's transformer run by onnxruntime, pooled as sentence-transformers pools it.

Embedding is four fifths of alignment's time at 200 articles.  onnxruntime runs MiniLM's network about 1.5
times faster than torch on a 2-core machine, with the same vectors (largest difference 2e-7 on unit-length
vectors).  sentence-transformers has an ONNX backend, but it needs ``optimum`` and writes the export into the
model's own folder, here inside an installed package; so ``export_onnx`` writes it into newsprism's cache
folder (``resources.load_embedder`` loads it, once per process), and ``Embedder`` runs it.  Tokenizing,
truncation and pooling stay sentence-transformers' own.  A model that does not mean-pool its tokens, or whose
export failed, runs through sentence-transformers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

EXPORT_VERSION = 1  # bump when ``export_onnx`` changes what it writes: old exports are then made again


@dataclass(frozen=True, slots=True)
class Encoded:
    """One text's embedding: its unit-length vector, its word pieces and their contextual vectors."""

    vector: np.ndarray
    pieces: tuple[str, ...]  # empty unless asked for
    piece_vectors: np.ndarray  # one row per piece, as the model outputs them (not normalised)


class Embedder:
    """A sentence-transformers model; its transformer runs in the onnxruntime ``session`` when there is one."""

    def __init__(self, model: SentenceTransformer, session: Any = None) -> None:
        self.model = model
        self.session = session
        self.dimension: int = model.get_embedding_dimension()

    def encode(self, texts: list[str], batch_size: int = 64, pieces: bool = False) -> list[Encoded]:
        """Each text's embedding, in order, with its word pieces' vectors when ``pieces`` (they take 100
        times the memory); texts of like length share a batch (less padding)."""
        if self.session is None:
            return self._encode_torch(texts, batch_size, pieces)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[Encoded] = [None] * len(texts)  # type: ignore[list-item]  # every slot is filled below
        names = {i.name for i in self.session.get_inputs()}
        tokenizer = self.model.tokenizer
        for lo in range(0, len(order), batch_size):
            rows = order[lo : lo + batch_size]
            features = self.model.preprocess([texts[i] for i in rows])
            feed = {k: v.numpy().astype(np.int64) for k, v in features.items() if k in names}
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"].astype(hidden.dtype)  # float32: an int mask would widen the product
            pooled = np.einsum("btd,bt->bd", hidden, mask) / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-12)
            for r, i in enumerate(rows):
                real = mask[r] > 0 if pieces else np.zeros(mask.shape[1], dtype=bool)  # the padding left out
                words = tuple(tokenizer.convert_ids_to_tokens(feed["input_ids"][r][real].tolist()))
                out[i] = Encoded(pooled[r], words, hidden[r][real])
        return out

    def _encode_torch(self, texts: list[str], batch_size: int, pieces: bool) -> list[Encoded]:
        if not pieces:
            vecs = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
            none = np.zeros((0, self.dimension), dtype=np.float32)
            return [Encoded(np.asarray(v, dtype=np.float32), (), none) for v in vecs]
        outputs = self.model.encode(texts, batch_size=batch_size, output_value=None, show_progress_bar=False)
        found = []
        for o in outputs:
            vec = o["sentence_embedding"].float().numpy()
            real = o["attention_mask"].bool().numpy()  # the batch's padding left out
            tokens = o["token_embeddings"].float().numpy()[: len(real)][real]
            words = tuple(self.model.tokenizer.convert_ids_to_tokens(o["input_ids"].numpy()[real].tolist()))
            found.append(Encoded(vec / max(float(np.linalg.norm(vec)), 1e-12), words, tokens))
        return found


def mean_pooled(model: SentenceTransformer) -> bool:
    """A transformer, a plain mean over its tokens, and at most a normalisation: what ``Embedder`` runs."""
    from sentence_transformers.models import Normalize, Pooling, Transformer

    modules = list(model)
    return (
        len(modules) in (2, 3)
        and isinstance(modules[0], Transformer)
        and isinstance(modules[1], Pooling)
        and modules[1].get_config_dict().get("pooling_mode") == "mean"
        and (len(modules) == 2 or isinstance(modules[2], Normalize))
    )


def cache_dir() -> Path:
    """Where exported models are kept: ``$NEWSPRISM_CACHE``; else the user's cache folder, or, when that
    cannot be written (a locked-down CI home), a private folder in the temporary directory."""
    if os.environ.get("NEWSPRISM_CACHE"):
        return Path(os.environ["NEWSPRISM_CACHE"])
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
        if os.access(home, os.W_OK):
            return home
    private = Path(tempfile.gettempdir()) / f"newsprism-{hashlib.sha1(str(Path.home()).encode()).hexdigest()[:8]}"
    with contextlib.suppress(OSError):
        private.mkdir(mode=0o700, exist_ok=True)
        if private.stat().st_uid == getattr(os, "getuid", lambda: private.stat().st_uid)():
            return private
    return Path(tempfile.mkdtemp(prefix="newsprism-"))  # someone else's folder: one of our own, for this run


def export_path(model_dir: Path) -> Path:
    """The export's file: named by the model package, keyed by its files' names and sizes, the torch
    version that traces it and ``EXPORT_VERSION`` (not by where the package is installed)."""
    import torch

    files = sorted(p for p in model_dir.rglob("*") if p.is_file())
    stamp = "|".join(f"{p.relative_to(model_dir)}:{p.stat().st_size}" for p in files)
    key = hashlib.sha1(f"{stamp}|torch {torch.__version__}|export {EXPORT_VERSION}".encode()).hexdigest()[:16]
    return cache_dir() / "onnx" / f"{model_dir.parent.name}-{key}.onnx"


def export_onnx(model: SentenceTransformer, path: Path) -> None:
    """Write the transformer as ONNX (token ids in, last hidden states out), atomically: workers may race.
    Older exports of the same model in that folder are removed."""
    import torch

    network = model[0].auto_model.eval()
    sample = model.preprocess(["An example sentence to trace the network with."])
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample]

    class Hidden(torch.nn.Module):  # positional inputs passed on by name, one output: what the tracer needs
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.network(**dict(zip(names, inputs, strict=True))).last_hidden_state

    part = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".onnx.part", delete=False) as tmp:
            part = Path(tmp.name)
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it saw
            torch.onnx.export(
                Hidden(),
                tuple(sample[k] for k in names),
                str(part),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={k: {0: "batch", 1: "tokens"} for k in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        part.chmod(0o644)  # a temporary file is private; the export is not
        os.replace(part, path)
        part = None
    except Exception as exc:  # the exporter raises many kinds; each means no export
        raise ModelError(
            f"could not export the embedding model to {path}: {exc}",
            hint="set NEWSPRISM_CACHE to a writable folder, or reinstall (onnx and onnxruntime are dependencies)",
        ) from exc
    finally:
        if part is not None:
            part.unlink(missing_ok=True)
    prefix = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{prefix}-*.onnx"):
        if old != path:
            old.unlink(missing_ok=True)
