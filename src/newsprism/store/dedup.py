"""Same article twice: exact copies (content hash, canonical URL) and near copies (MinHash LSH).

Syndicated wire copy reaches many outlets with a changed headline, a dropped paragraph or an
added byline; word-shingle MinHash with datasketch's LSH finds those without comparing every pair.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsprism.records import Document

NUM_PERM = 128
SHINGLE = 5
NEAR_THRESHOLD = 0.8  # estimated Jaccard of word 5-shingles above which two texts are one article
_WORD = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|smid|rss)$", re.IGNORECASE)


def normalized_words(doc: Document) -> list[str]:
    return _WORD.findall((doc.body_text() or doc.text).lower())


def content_hash(doc: Document) -> str:
    """SHA-256 of the body's words: the same article read twice, or from another file, hashes the same."""
    return hashlib.sha256(" ".join(normalized_words(doc)).encode("utf-8")).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """A URL with the scheme, ``www.``, tracking parameters, fragment and trailing slash removed."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def minhash(doc: Document) -> MinHash:
    words = normalized_words(doc)
    m = MinHash(num_perm=NUM_PERM)
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch([g.encode("utf-8") for g in grams if g])
    return m


def minhash_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearDuplicateIndex:
    """An LSH index of stored documents' MinHashes; ``match`` finds the closest earlier copy."""

    def __init__(self, threshold: float = NEAR_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, doc_id: str, m: MinHash) -> None:
        if doc_id not in self._hashes:
            self._lsh.insert(doc_id, m)
            self._hashes[doc_id] = m

    def match(self, m: MinHash) -> tuple[str, float] | None:
        """(document id, estimated Jaccard) of the most similar indexed copy above the threshold."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(m):
            score = float(m.jaccard(self._hashes[key]))
            if score >= self.threshold and (best is None or score > best[1] or (score == best[1] and key < best[0])):
                best = (key, score)
        return best
