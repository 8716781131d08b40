"""Direct quotes -> quote variants: one utterance by one speaker, worded differently by different outlets."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz

from newsprism.analyze.resources import embed
from newsprism.records import Quote, QuoteVariant, StoryAnalysis

SAME_UTTERANCE = 0.62  # cosine of the quoted words above which two renderings are one utterance
IDENTICAL = 97  # rapidfuzz ratio at or above which two renderings are the same words, not variants
STRAY = " ,.;:…\"'“”‘’"  # punctuation at a quotation's ends


def _root(parent: dict[int, int], i: int) -> int:
    """Union-find root, halving the path on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _holds_a_shorter_rendering(i: int, members: list[int], quotes: list[Quote], words: list[str]) -> bool:
    """A passage an outlet quotes around words it also quotes alone ("very productive" / "I thought it
    was a very good phone call, very productive... And we think ..."): the short quote renders the
    utterance, the passage says more."""
    inner = [words[j].lower().strip(STRAY) for j in members if j != i and quotes[j].span.doc == quotes[i].span.doc]
    return any(w and len(w) < len(words[i]) and w in words[i].lower() for w in inner)


def quote_variants(analysis: StoryAnalysis, package: str) -> list[QuoteVariant]:
    quotes = [q for a in analysis.documents for q in a.quotes if q.kind == "direct" and q.speaker]
    texts = {a.document.id: a.document.text for a in analysis.documents}
    words = [texts[q.span.doc][q.span.start : q.span.end] for q in quotes]
    if len(quotes) < 2:
        return []
    vectors = embed(words, package)
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        by_speaker[q.speaker or ""].append(i)
    out: list[QuoteVariant] = []
    for speaker, idx in sorted(by_speaker.items()):
        parent = {i: i for i in idx}
        for n, i in enumerate(idx):
            for j in idx[n + 1 :]:
                if quotes[i].span.doc == quotes[j].span.doc:
                    continue
                cos = float(vectors[i] @ vectors[j])
                overlap = fuzz.partial_ratio(words[i].lower(), words[j].lower())
                if cos >= SAME_UTTERANCE or (overlap >= 85 and min(len(words[i]), len(words[j])) >= 12):
                    parent[_root(parent, i)] = _root(parent, j)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in idx:
            groups[_root(parent, i)].append(i)
        for found in groups.values():
            members = [i for i in found if not _holds_a_shorter_rendering(i, found, quotes, words)]
            if len({quotes[i].span.doc for i in members}) < 2:
                continue
            ratios = [
                fuzz.ratio(words[a].lower(), words[b].lower()) / 100
                for k, a in enumerate(members)
                for b in members[k + 1 :]
                if quotes[a].span.doc != quotes[b].span.doc
            ]
            if ratios and min(ratios) * 100 >= IDENTICAL:
                continue
            out.append(
                QuoteVariant(
                    id=f"qv{len(out) + 1}",
                    speaker=speaker,
                    renderings=tuple(quotes[i].span for i in members),
                    similarity=float(np.mean(ratios)) if ratios else 1.0,
                )
            )
    return out
