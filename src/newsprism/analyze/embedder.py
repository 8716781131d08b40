"""The sentence embedder: the model's transformer run by onnxruntime, pooled as sentence-transformers pools it.

Embedding is nine tenths of alignment's time at 200 articles.  onnxruntime runs MiniLM's network about 1.5
times faster than torch on a 2-core machine, with the same vectors (largest difference 2e-7 on unit-length
vectors).  sentence-transformers has an ONNX backend, but it needs ``optimum`` and writes the export into the
model's own folder, here inside an installed package; so the network is exported here, once per model and torch
version, into newsprism's cache folder, and run here.  Tokenizing, truncation and pooling stay
sentence-transformers' own.  A model that does not mean-pool its tokens runs through sentence-transformers.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class Encoded:
    """One text's embedding: its unit-length vector, its word pieces and their contextual vectors."""

    vector: np.ndarray
    pieces: list[str]  # empty unless asked for
    piece_vectors: np.ndarray  # one row per piece, as the model outputs them (not normalised)


def cache_dir() -> Path:
    """Where exported models are kept: ``$NEWSPRISM_CACHE``; else the user's cache folder, or, when that
    cannot be written (a locked-down CI home), a folder in the temporary directory."""
    if os.environ.get("NEWSPRISM_CACHE"):
        return Path(os.environ["NEWSPRISM_CACHE"])
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tempfile.gettempdir()) / f"newsprism-{os.getuid()}"
    return home if os.access(home, os.W_OK) else Path(tempfile.gettempdir()) / f"newsprism-{os.getuid()}"


class Embedder:
    """A sentence-transformers model whose transformer runs in onnxruntime when its pooling is a plain mean."""

    def __init__(self, model: SentenceTransformer, model_dir: Path, onnx: bool = True) -> None:
        """``onnx=False`` leaves the model to sentence-transformers (slower, the same vectors)."""
        self.model = model
        self.dimension: int = model.get_embedding_dimension()
        modules = list(model)
        onnx_runs_it = (
            onnx
            and len(modules) in (2, 3)
            and type(modules[0]).__name__ == "Transformer"
            and modules[1].get_config_dict().get("pooling_mode") == "mean"
            and (len(modules) == 2 or type(modules[2]).__name__ == "Normalize")
        )
        self.session = _session(model, model_dir) if onnx_runs_it else None

    def encode(self, texts: list[str], batch_size: int = 64, pieces: bool = False) -> list[Encoded]:
        """Each text's embedding, in order, with its word pieces' vectors when ``pieces`` (they take 100
        times the memory); texts of like length share a batch (less padding)."""
        if self.session is None:
            return self._encode_torch(texts, batch_size, pieces)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[Encoded | None] = [None] * len(texts)
        names = {i.name for i in self.session.get_inputs()}
        tokenizer = self.model.tokenizer
        for lo in range(0, len(order), batch_size):
            rows = order[lo : lo + batch_size]
            features = self.model.preprocess([texts[i] for i in rows])
            feed = {k: v.numpy().astype(np.int64) for k, v in features.items() if k in names}
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-12)
            for r, i in enumerate(rows):
                n = int(mask[r].sum()) if pieces else 0
                words = tokenizer.convert_ids_to_tokens(feed["input_ids"][r, :n].tolist())
                out[i] = Encoded(pooled[r].astype(np.float32), words, hidden[r, :n].astype(np.float32))
        return [e for e in out if e is not None]

    def _encode_torch(self, texts: list[str], batch_size: int, pieces: bool) -> list[Encoded]:
        if not pieces:
            vecs = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
            none = np.zeros((0, self.dimension), dtype=np.float32)
            return [Encoded(np.asarray(v, dtype=np.float32), [], none) for v in vecs]
        outputs = self.model.encode(texts, batch_size=batch_size, output_value=None, show_progress_bar=False)
        found = []
        for o in outputs:
            vec = o["sentence_embedding"].float().numpy().astype(np.float32)
            n = int(o["attention_mask"].sum())  # the batch's padding left out
            tokens = o["token_embeddings"].float().numpy().astype(np.float32)[:n]
            words = self.model.tokenizer.convert_ids_to_tokens(o["input_ids"][:n].tolist())
            found.append(Encoded(vec / max(float(np.linalg.norm(vec)), 1e-12), words, tokens))
        return found


def _session(model: SentenceTransformer, model_dir: Path) -> Any:
    """An onnxruntime session over the model's transformer, exported on first use into the cache folder."""
    import onnxruntime
    import torch

    files = sorted(p for p in model_dir.rglob("*") if p.is_file())
    stamp = "|".join(f"{p.relative_to(model_dir)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    key = hashlib.sha1(f"{model_dir}|{stamp}|torch {torch.__version__}".encode()).hexdigest()[:16]
    path = cache_dir() / "onnx" / f"{model_dir.parent.name}-{key}.onnx"
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: the export's unused-initializer notes are not the user's business
    if path.exists():
        try:
            return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception:  # onnxruntime's errors share no base class: a damaged export is made again
            path.unlink(missing_ok=True)
    _export(model, path)
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _export(model: SentenceTransformer, path: Path) -> None:
    """Write the transformer as ONNX (token ids in, last hidden states out), atomically: workers may race."""
    import torch

    network = model[0].auto_model.eval()
    sample = model.preprocess(["An example sentence to trace the network with."])
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample]

    class Hidden(torch.nn.Module):  # keyword inputs, one output: the shape the exporter traces
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
    except (OSError, RuntimeError, ImportError) as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        raise ModelError(
            f"could not export the embedding model to {path}: {exc}",
            hint="set NEWSPRISM_CACHE to a writable folder, or reinstall (onnx and onnxruntime are dependencies)",
        ) from exc
