"""What the story clusterer looks at in one article: a lead embedding, its named entities, its date.

Only the title and the lead are read: they name the event (who, where, what) and keep the cost
per article flat (spaCy small tags ~5k words/s per process, MiniLM ~130 texts/s on a laptop core).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.config import Settings
from newsprism.records import Document

FEATURES_VERSION = "cluster-features/1"

# Entity types that name a particular event's participants, places and things. DATE, CARDINAL ...
# are left out: "Tuesday" or "two" say nothing about which event a report is about.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
EMBED_CHARS = 400
NER_CHARS = 1200
_SPACE = re.compile(r"\s+")
_KEY_DROP = re.compile(r"^(the|a|an)\s+|['’]s$|[^\w\s-]", re.IGNORECASE)
_STOP_KEYS = frozenset({"the", "of", "and", "de", "la", "le", "el", "von", "van", "for", "in", "at", "on"})


@dataclass(frozen=True, slots=True, eq=False)
class DocFeatures:
    """One article as the clusterer sees it.

    ``vector`` is a unit-length embedding of title + lead; ``entities`` are normalised keys
    (whole names and, for people, the surname) so "Lindsay Lohan" and "Lohan" meet.
    """

    doc_id: str
    vector: np.ndarray
    entities: tuple[str, ...]
    published: dt.date | None = None
    title: str | None = None


def lead_text(doc: Document, chars: int) -> str:
    """Title plus the first ``chars`` characters of the body, whitespace squeezed."""
    body = doc.body_text() or doc.text
    title = (doc.title or "").strip()
    if title and body.lstrip().startswith(title):
        body = body.lstrip()[len(title) :]
    text = f"{title}. {body[:chars]}" if title else body[:chars]
    return _SPACE.sub(" ", text).strip()


def display_title(doc: Document, chars: int = 120) -> str | None:
    """The title, or else the first line of the body cut at a word boundary."""
    if doc.title and doc.title.strip():
        return doc.title.strip()
    first = (doc.body_text() or doc.text).strip().split("\n", 1)[0].strip()
    if len(first) <= chars:
        return first or None
    return first[:chars].rsplit(" ", 1)[0] + "…"


def entity_keys(text: str, label: str) -> list[str]:
    """Normalised lookup keys for one entity mention: the full name, plus a person's surname."""
    name = _KEY_DROP.sub("", _SPACE.sub(" ", text).strip()).strip().lower()
    name = _KEY_DROP.sub("", name).strip()  # a second pass catches "the X's"
    if len(name) < 2 or name in _STOP_KEYS:
        return []
    keys = [name]
    parts = name.split()
    if label == "PERSON" and len(parts) > 1 and parts[-1] not in _STOP_KEYS and len(parts[-1]) > 2:
        keys.append(parts[-1])
    return keys


def extract_entities(texts: Sequence[str], settings: Settings, nlp: object | None = None) -> list[tuple[str, ...]]:
    """Entity keys of each text, from spaCy NER alone (tagger, parser and lemmatizer are not run)."""
    if nlp is None:
        from newsprism.analyze.resources import load_spacy

        nlp = load_spacy(settings.spacy_model)
    keep = {"ner", "tok2vec"} if "ner" in nlp.pipe_names else set(nlp.pipe_names)  # type: ignore[attr-defined]
    if "tok2vec" in nlp.pipe_names and "ner" in nlp.pipe_names:  # type: ignore[attr-defined]
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])  # type: ignore[attr-defined]
        if "ner" not in listeners:
            keep.discard("tok2vec")  # the small English model's NER carries its own tok2vec
    disable = [name for name in nlp.pipe_names if name not in keep]  # type: ignore[attr-defined]
    out: list[tuple[str, ...]] = []
    for doc in nlp.pipe(texts, disable=disable, batch_size=settings.batch_size):  # type: ignore[attr-defined]
        keys: dict[str, None] = {}
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                for key in entity_keys(ent.text, ent.label_):
                    keys[key] = None
        out.append(tuple(keys))
    return out


Embedder = Callable[[list[str]], np.ndarray]


def default_embedder(settings: Settings) -> Embedder:
    from newsprism.analyze.resources import embed

    def run(texts: list[str]) -> np.ndarray:
        return embed(texts, package=settings.embedding_model, batch_size=settings.batch_size)

    return run


def extract_features(
    documents: Sequence[Document],
    settings: Settings,
    *,
    nlp: object | None = None,
    embedder: Embedder | None = None,
) -> list[DocFeatures]:
    """Features of each document, in order: one batched embedder call and one spaCy pass."""
    if not documents:
        return []
    embed_texts = [lead_text(d, EMBED_CHARS) for d in documents]
    ner_texts = [lead_text(d, NER_CHARS) for d in documents]
    vectors = (embedder or default_embedder(settings))(embed_texts)
    entities = extract_entities(ner_texts, settings, nlp)
    return [
        DocFeatures(doc.id, np.asarray(vec, dtype=np.float32), ents, doc.published, display_title(doc))
        for doc, vec, ents in zip(documents, vectors, entities, strict=True)
    ]
