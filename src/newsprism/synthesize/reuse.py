"""Text reuse between outlets: shared word runs, sentence-by-sentence paraphrase, same facts in the same order.

Words both outlets carry inside quotation marks are set apart: two outlets quoting one official readout
verbatim share a source, they did not copy each other.  Direction comes from publication dates when
both are known; otherwise from quotations retold (one outlet's quoted sentences reappearing in the
other's own voice); otherwise from containment (the derived text is more contained in its source).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from newsprism.analyze.resources import embed
from newsprism.config import Settings
from newsprism.records import Alignment, AnalyzedDocument, ReuseEdge, Span, StoryAnalysis
from newsprism.synthesize.text import inside, quoted_regions, words

SHINGLE = 5  # words per shingle: long enough that common phrases ("the United States and") rarely match
PARAPHRASE_SIM = 0.78  # cosine at which two sentences say the same thing in close wording
DEQUOTE_SIM = 0.7  # cosine at which an own-voice sentence retells a quoted one
QUOTED_SHARE = 0.6  # a sentence with more than this share of quoted characters is someone else's words
MIN_EDGE = 0.05  # weaker edges are coincidence between reports of one event
COMMON_ONLY = 0.05  # own-voice word runs below this share, outweighed by shared quotes: a common source
WEIGHTS = (0.4, 0.4, 0.2)  # shared word runs, paraphrased sentences, facts in the same order
MAX_EVIDENCE = 8


@dataclass(slots=True)
class _Text:
    """One outlet's text prepared for comparison."""

    doc: str
    words: list[tuple[str, int, int]]
    quoted: list[bool]  # per word: inside quotation marks
    shingles: dict[tuple[str, ...], list[int]]  # shingle -> word positions where it starts
    all_sentences: list[Span]
    own: np.ndarray  # per sentence: the outlet's own voice (not mostly quoted)
    all_vectors: np.ndarray

    @property
    def sentences(self) -> list[Span]:
        return [s for s, own in zip(self.all_sentences, self.own, strict=True) if own]

    @property
    def vectors(self) -> np.ndarray:
        return self.all_vectors[self.own] if len(self.all_sentences) else self.all_vectors


def _prepare(adoc: AnalyzedDocument) -> tuple[_Text, list[str]]:
    doc = adoc.document
    regions = quoted_regions(adoc)
    ws = [w for s, e in doc.body for w in words(doc.text, s, e)]
    quoted = [inside(regions, s, e) for _w, s, e in ws]
    shingles: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(ws) - SHINGLE + 1):
        shingles.setdefault(tuple(w for w, _s, _e in ws[i : i + SHINGLE]), []).append(i)
    spans = [s.span for s in adoc.sentences if not s.heading] or [Span(doc.id, s, e) for s, e in doc.body]
    own = []
    for sp in spans:
        quoted_chars = sum(max(0, min(e, sp.end) - max(s, sp.start)) for s, e in regions)
        own.append(quoted_chars / max(1, len(sp)) <= QUOTED_SHARE)
    texts = [doc.text[sp.start : sp.end] for sp in spans]
    return _Text(doc.id, ws, quoted, shingles, spans, np.array(own, dtype=bool), np.zeros((0, 0))), texts


def _dequoted(x: _Text, y: _Text) -> int:
    """How many of y's own-voice sentences closely match a sentence x carries as a quotation.

    A quotation can be rewritten as reported speech, but reported speech is not legitimately turned into a
    quotation: words quoted in x and told in y's own voice point from x to y."""
    if not len(x.all_sentences) or not y.own.any():
        return 0
    sims = y.vectors @ x.all_vectors.T
    best = sims.argmax(axis=1)
    return sum(bool(sims[i, j] >= DEQUOTE_SIM and not x.own[j]) for i, j in enumerate(best))


def _runs(a: _Text, b: _Text, keys: set[tuple[str, ...]]) -> list[tuple[Span, Span]]:
    """Maximal stretches of consecutive shared shingles, as (span in a, span in b), longest first."""
    starts = sorted((a.shingles[k][0], b.shingles[k][0]) for k in keys)
    runs: list[tuple[int, int, int, int]] = []  # (a first word, a last word, b first, b last)
    for ia, ib in starts:
        if runs and ia <= runs[-1][1] + 1 and ib - ia == runs[-1][2] - runs[-1][0]:
            runs[-1] = (runs[-1][0], ia + SHINGLE - 1, runs[-1][2], ib + SHINGLE - 1)
        else:
            runs.append((ia, ia + SHINGLE - 1, ib, ib + SHINGLE - 1))
    runs.sort(key=lambda r: r[0] - r[1])
    return [
        (Span(a.doc, a.words[r[0]][1], a.words[r[1]][2]), Span(b.doc, b.words[r[2]][1], b.words[r[3]][2]))
        for r in runs[:MAX_EVIDENCE]
    ]


def _quoted_in(t: _Text, key: tuple[str, ...]) -> bool:
    i = t.shingles[key][0]
    return all(t.quoted[i : i + SHINGLE])


def _fact_order(alignment: Alignment | None, a: str, b: str) -> tuple[float, float]:
    """For each side, the share of its facts that the other carries in the same relative order."""
    if alignment is None:
        return 0.0, 0.0
    first: dict[str, dict[str, int]] = {a: {}, b: {}}
    for fact in alignment.facts:
        for sp in fact.support:
            if sp.doc in first:
                first[sp.doc][fact.id] = min(first[sp.doc].get(fact.id, sp.start), sp.start)
    shared = sorted(set(first[a]) & set(first[b]), key=lambda f: first[a][f])
    if len(shared) < 2:
        return 0.0, 0.0
    pairs = list(combinations(shared, 2))
    concordant = sum(first[b][x] < first[b][y] for x, y in pairs) / len(pairs)
    return (concordant * len(shared) / max(1, len(first[a])), concordant * len(shared) / max(1, len(first[b])))


def _paraphrase(x: _Text, y: _Text) -> tuple[float, list[tuple[Span, Span]]]:
    """Share of x's own sentences with a close paraphrase in y, and the (y, x) sentence pairs."""
    if not len(x.sentences) or not len(y.sentences):
        return 0.0, []
    sims = x.vectors @ y.vectors.T
    best = sims.argmax(axis=1)
    hits = [(float(sims[i, j]), i, int(j)) for i, j in enumerate(best) if sims[i, j] >= PARAPHRASE_SIM]
    pairs = [(y.sentences[j], x.sentences[i]) for _s, i, j in sorted(hits, reverse=True)[:MAX_EVIDENCE]]
    return len(hits) / len(x.sentences), pairs


def _edge(a: _Text, b: _Text, alignment: Alignment | None, published: dict[str, object]) -> ReuseEdge | None:
    shared = set(a.shingles) & set(b.shingles)
    common_source = {k for k in shared if _quoted_in(a, k) and _quoted_in(b, k)}
    reused = shared - common_source
    n_a, n_b = max(1, len(a.shingles)), max(1, len(b.shingles))
    para_a, pairs_ba = _paraphrase(a, b)  # pairs (b sentence, a sentence)
    para_b, pairs_ab = _paraphrase(b, a)
    order_a, order_b = _fact_order(alignment, a.doc, b.doc)
    w_words, w_para, w_order = WEIGHTS
    in_b = w_words * len(reused) / n_a + w_para * para_a + w_order * order_a  # a contained in b
    in_a = w_words * len(reused) / n_b + w_para * para_b + w_order * order_b
    score = max(in_a, in_b)
    if score < MIN_EDGE and not common_source:
        return None
    pa, pb = published.get(a.doc), published.get(b.doc)
    if pa is not None and pb is not None and pa != pb:
        source, derived, how = (a, b, "publication") if pa < pb else (b, a, "publication")  # type: ignore[operator]
    elif (ab := _dequoted(a, b)) != (ba := _dequoted(b, a)):
        source, derived, how = (a, b, "quotation") if ab > ba else (b, a, "quotation")
    else:
        source, derived, how = (b, a, "containment") if in_b >= in_a else (a, b, "containment")
    if reused:
        runs = _runs(source, derived, reused)
        kind = "copy" if len(reused) / min(n_a, n_b) >= 0.2 else "paraphrase"
    else:
        runs = []
        kind = "paraphrase"
    pairs = pairs_ab if source is a else pairs_ba
    if score < MIN_EDGE or (len(common_source) > len(reused) and len(reused) / min(n_a, n_b) < COMMON_ONLY):
        # what the two share verbatim is someone else's words: a common source, not copying
        kind, runs = "common-source", _runs(source, derived, common_source)
    evidence = tuple(runs + [p for p in pairs if not any(p[1].overlaps(r[1]) for r in runs)])[:MAX_EVIDENCE]
    return ReuseEdge(
        source=source.doc, derived=derived.doc, score=round(score, 4), kind=kind, evidence=evidence, direction_from=how
    )


def find_reuse(analysis: StoryAnalysis, alignment: Alignment | None, settings: Settings) -> list[ReuseEdge]:
    """Reuse edges between every pair of outlets, strongest first."""
    prepared = [_prepare(a) for a in analysis.documents]
    all_texts = [t for _p, texts in prepared for t in texts]
    vectors = embed(all_texts, package=settings.embedding_model, batch_size=settings.batch_size) if all_texts else None
    at = 0
    items = []
    for p, texts in prepared:
        p.all_vectors = vectors[at : at + len(texts)] if vectors is not None else np.zeros((0, 1), dtype=np.float32)
        at += len(texts)
        items.append(p)
    published = {a.document.id: a.document.published for a in analysis.documents}
    edges = [e for x, y in combinations(items, 2) if (e := _edge(x, y, alignment, published)) is not None]
    return sorted(edges, key=lambda e: -e.score)
