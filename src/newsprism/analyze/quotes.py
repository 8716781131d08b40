"""Quotations and reported speech, with speaker and reporting chain.

``find_quotes`` returns ``Quote`` records whose ``speaker`` is still None: the
pipeline maps ``speaker_span``/``via_spans`` to entities once a story's
mentions are resolved.  Direct quotations are found from the quotation marks
(written here because spaCy tokenises every mark as ``"`` and textacy gives up
on a whole document at the first unbalanced mark); reported speech from the
parse (a reporting verb's content clause, ``according to X``, a parenthetical
``X added``).  Chains come from ``newsprism.analyze.attribution``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.analyze import attribution as attr
from newsprism.analyze.attribution import Source
from newsprism.records import Document, Mention, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ANALYSER = "quotes/1"

_OPENING = "“„«"
_CLOSING = "”»"
_BEFORE_OPEN = "([{—–-/:"
_AFTER_CLOSE = ".,;:!?)]}—–-…"
SHORT_QUOTE_WORDS = 4  # fewer words than this and no grammatical attribution: a label or scare quote
_HISTORY_SENTENCES = 3


# ------------------------------------------------------------------ marks
def _straight_role(text: str, i: int) -> str:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev.isspace() or prev in _BEFORE_OPEN or prev in _OPENING:
        return "open"
    if nxt.isspace() or nxt in _AFTER_CLOSE or nxt in _CLOSING:
        return "close"
    return "close" if prev.isalnum() or prev in _AFTER_CLOSE else "open"


def quotation_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paragraph by paragraph.

    Straight and curly double marks pair with each other; single curly marks
    count only outside double ones (nested ones are part of the outer quote).
    A quote left open at a paragraph's end is kept only when the next paragraph
    opens with a mark (the convention for a quotation running over paragraphs);
    otherwise it is dropped and the rest of the article is read as usual.
    """
    out: list[tuple[int, int]] = []
    lines = text.split("\n")
    pos = 0
    for n, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        open_at: int | None = None
        single_at: int | None = None
        for i in range(start, end):
            ch = text[i]
            if ch == '"':
                role = _straight_role(text, i)
            else:
                role = "open" if ch in _OPENING else "close" if ch in _CLOSING else ""
            if role == "open":
                open_at, single_at = i, None  # an earlier unclosed mark is abandoned
            elif role == "close":
                if open_at is not None:
                    out.append((open_at + 1, i))
                open_at = None
            elif open_at is None and ch == "‘" and (i == start or not text[i - 1].isalnum()):
                single_at = i
            elif open_at is None and single_at is not None and ch == "’" and not text[i + 1 : i + 2].isalpha():
                out.append((single_at + 1, i))
                single_at = None
        if open_at is not None:
            following = next((ln.strip() for ln in lines[n + 1 :] if ln.strip()), "")
            if following[:1] in _OPENING + '"':
                out.append((open_at + 1, len(text[:end].rstrip())))
    return [(s, e) for s, e in out if any(ch.isalnum() for ch in text[s:e])]


# -------------------------------------------------------------- candidates
@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    chain: list[Source]
    how: str  # tree | proximity | continued | none
    sent: int
    cue: Token | None = None


class _Context:
    """Per-document lookups: sentences, quoted token ranges, mentions by position."""

    def __init__(self, sdoc: Doc, document: Document, mentions: Sequence[Mention]) -> None:
        self.sdoc = sdoc
        self.doc_id = document.id
        self.sents = list(sdoc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.text = sdoc.text  # spaCy rebuilds Doc.text from the tokens at every access
        self.char_quotes = quotation_ranges(self.text)
        self.quoted: list[range] = []
        self.quote_tokens: list[range] = []
        words = [(t.idx, t.i) for t in sdoc if not t.is_space]
        starts = [idx for idx, _ in words]
        for s, e in self.char_quotes:
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            self.quote_tokens.append(range(words[lo][1], words[hi - 1][1] + 1) if hi > lo else range(0))
        self.quoted = [r for r in self.quote_tokens if len(r)]

    def sent_of(self, tok_i: int) -> int:
        return bisect.bisect_right(self.sent_starts, tok_i) - 1

    def in_quote(self, tok_i: int) -> bool:
        return any(tok_i in r for r in self.quoted)

    def span(self, start: int, end: int) -> Span:
        return Span(self.doc_id, start, end)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), preferring a person."""
        lo = bisect.bisect_left(self.mention_starts, start - 200)
        hits = [m for m in self.mentions[lo:] if m.span.start < end and m.span.end > start]
        hits.sort(key=lambda m: (m.label != "PERSON", -(m.span.end - m.span.start)))
        return hits[0] if hits else None


def _quoted_share(ctx: _Context, lo: int, hi: int) -> float:
    words = [t for t in ctx.sdoc[lo:hi] if t.is_alpha]
    return sum(ctx.in_quote(t.i) for t in words) / len(words) if words else 1.0


def _trim(ctx: _Context, lo: int, hi: int) -> tuple[int, int]:
    """Token range -> character range without edge punctuation."""
    toks = [t for t in ctx.sdoc[lo:hi] if not (t.is_punct or t.is_space)]
    if not toks:
        return ctx.sdoc[lo].idx, ctx.sdoc[lo].idx
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _direct(ctx: _Context) -> list[_Candidate]:
    out: list[_Candidate] = []
    sdoc = ctx.sdoc
    for (cs, ce), rng in zip(ctx.char_quotes, ctx.quote_tokens, strict=True):
        if not len(rng):
            continue
        words = sum(1 for t in sdoc[rng.start : rng.stop] if t.is_alpha)
        sent = ctx.sent_of(rng.start)
        starts = [sdoc[i] for i in rng if sdoc[i].head.i not in rng or sdoc[i].head.i == i]
        starts.sort(key=lambda t: t.head.i in rng)
        chain: list[Source] = []
        for tok in starts:
            chain = attr.chain_from(tok, ctx.quoted)
            if chain:
                break
        if not chain and (found := colon_speaker(ctx, sent)) is not None and found[1].i < rng.start:
            chain = [Source(*found)]
        how = "tree" if chain else "none"
        if not chain and words >= SHORT_QUOTE_WORDS:
            chain = _nearest_cue(ctx, rng)
            how = "proximity" if chain else "none"
        if not chain and words < SHORT_QUOTE_WORDS:
            continue  # a label or scare quote, nobody's words
        out.append(_Candidate(cs, ce, "direct", chain, how, sent, chain[0].cue if chain else None))
    return out


def _nearest_cue(ctx: _Context, rng: range) -> list[Source]:
    """The reporting verb closest to a quote in its own, the next or (after a colon) the previous sentence."""
    sdoc = ctx.sdoc
    first, last = ctx.sent_of(rng.start), ctx.sent_of(rng.stop - 1)
    window = set(range(first, last + 1))
    after = sdoc[rng.stop :].text.lstrip(' "”’,')[:1]
    if rng.stop < len(sdoc) and after and after not in "\n" and last + 1 < len(ctx.sents):
        window.add(last + 1)
    prev_text = sdoc[max(rng.start - 3, 0) : rng.start].text
    if first > 0 and ":" in prev_text:
        window.add(first - 1)
    # a quotation set off below a line ending "... he wrote:"
    text = sdoc.text
    line_start = text.rfind("\n", 0, sdoc[rng.start].idx)
    before = text[:line_start].rstrip()
    gap = text[line_start : sdoc[rng.start].idx].strip(" \n" + _OPENING + '"‘')
    if line_start > 0 and before.endswith(":") and not gap:
        colon_sent = ctx.sent_of(sdoc.char_span(len(before) - 1, len(before), alignment_mode="expand").start)
        window.add(colon_sent)
    cands = [
        t
        for s in sorted(window)
        for t in ctx.sents[s]
        if attr.is_reporting(t) and not ctx.in_quote(t.i) and attr.subject_of(t) is not None
    ]
    if not cands:
        return []
    cue = min(cands, key=lambda t: min(abs(t.i - rng.start), abs(t.i - (rng.stop - 1))))
    return attr.cue_sources(cue) + attr.chain_from(cue, ctx.quoted)


def _indirect(ctx: _Context) -> list[_Candidate]:
    out: list[_Candidate] = []
    for tok in ctx.sdoc:
        if ctx.in_quote(tok.i):
            continue
        if attr.is_reporting(tok) and tok.lemma_.lower() != "quote":
            for clause in (c for c in tok.children if c.dep_ == "ccomp"):
                out.extend(_clause_candidate(ctx, tok, clause))
        if attr.is_reporting(tok) and tok.lemma_.lower() in attr.INFINITIVE_REPORTING:
            for clause in (c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
                if any(g.dep_ == "aux" and g.lower_ == "to" for g in clause.children):
                    out.extend(_clause_candidate(ctx, tok, clause))
        who = attr.according_to(tok)
        if who is not None and not _reports_clause(tok.head):
            head = tok.head
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            if tok.right_edge.i < head.i:
                lo = tok.right_edge.i + 1
            else:
                hi = tok.left_edge.i
            above = attr.chain_from(head, ctx.quoted)
            # inside another reporting verb's content, that verb's candidate carries the "according to"
            if hi > lo and _quoted_share(ctx, lo, hi) <= 0.8 and all(s.cue.i == tok.i for s in above):
                chain = [Source(who, tok)]
                out.append(_Candidate(*_trim(ctx, lo, hi), "indirect", chain, "tree", ctx.sent_of(tok.i), tok))
        if attr.is_parenthetical(tok) and not _reports_clause(tok.head):
            head = tok.head
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            if tok.left_edge.i > head.i and all(t.i < tok.left_edge.i or t.i > tok.right_edge.i for t in head.subtree):
                hi = tok.left_edge.i  # "..., the aide continued."
            if _quoted_share(ctx, lo, hi) <= 0.8:
                chain = attr.cue_sources(tok) + attr.chain_from(head, ctx.quoted, include_start=False)
                if chain:
                    out.append(_Candidate(*_trim(ctx, lo, hi), "indirect", chain, "tree", ctx.sent_of(tok.i), tok))
    return out


def _clause_candidate(ctx: _Context, cue: Token, clause: Token) -> list[_Candidate]:
    """The content clause of a reporting verb, unless a direct quotation already covers it."""
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    if _quoted_share(ctx, lo, hi) > 0.8 or not any(t.is_alpha for t in ctx.sdoc[lo:hi]):
        return []
    chain = attr.chain_from(clause, ctx.quoted, include_start=False)
    if not chain:
        return []
    return [_Candidate(*_trim(ctx, lo, hi), "indirect", chain, "tree", ctx.sent_of(cue.i), cue)]


def colon_speaker(ctx: _Context, sent_i: int) -> tuple[Token, Token] | None:
    """``Name: words`` (headline and interview style): the name's head token and the colon."""
    sent = ctx.sents[sent_i]
    colon = next((t for t in sent[:8] if t.text == ":"), None)
    if colon is None or colon.i == sent.start or ctx.in_quote(colon.i):
        return None
    before = ctx.sdoc[sent.start : colon.i]
    if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or t.is_quote for t in before):
        return None
    names = [t for t in before if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
    if not names and not (len(before) == 1 and attr.is_pronoun(before[0])):
        return None
    return (names[-1] if names else before[0]), colon


def _colon_candidates(ctx: _Context) -> list[_Candidate]:
    out = []
    for n, _sent in enumerate(ctx.sents):
        found = colon_speaker(ctx, n)
        if found is None:
            continue
        speaker, colon = found
        line_end = ctx.text.find("\n", colon.idx)
        end = len(ctx.text) if line_end < 0 else line_end
        toks = [t for t in ctx.sdoc[colon.i + 1 :] if t.idx < end]
        if not toks or _quoted_share(ctx, toks[0].i, toks[-1].i + 1) > 0.8:
            continue
        start, stop = _trim(ctx, toks[0].i, toks[-1].i + 1)
        out.append(_Candidate(start, stop, "indirect", [Source(speaker, colon)], "tree", n, colon))
    return out


def _reports_clause(tok: Token) -> bool:
    return attr.is_reporting(tok) and any(c.dep_ == "ccomp" for c in tok.children)


# ---------------------------------------------------------------- speakers
@dataclass
class _Said:
    sent: int
    speaker: Span
    via: tuple[Span, ...]
    label: str | None


class _Resolver:
    """Turns speaker tokens into spans: mentions for names, antecedents for pronouns."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.history: list[_Said] = []

    def local(self, tok: Token) -> Span:
        return self.ctx.span(*attr.noun_phrase(tok))

    def named(self, tok: Token) -> tuple[Span, str | None]:
        start, end = attr.noun_phrase(tok)
        m = self.ctx.mention_at(tok.idx, tok.idx + len(tok))
        return (m.span, m.label) if m is not None else (self.ctx.span(start, end), None)

    def resolve(self, tok: Token, others: Sequence[Token] = ()) -> tuple[Span | None, str | None]:
        """Speaker span of ``tok``; a pronoun never resolves to ``others`` (the rest of its chain)."""
        relative = attr.antecedent_of_relative(tok)
        if relative is not None:
            return self.named(relative)
        if not attr.is_pronoun(tok):
            return self.named(tok)
        taken = {o.i for o in others}
        person = tok.lower_ in ("he", "she", "him", "her")
        # (a) "X said he called it ...": the reporter whose content holds the pronoun
        child = tok.head
        for anc in tok.head.ancestors:
            if attr.is_reporting(anc) and child.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
                subj = attr.subject_of(anc)
                if subj is not None and self._fits(subj, person):
                    return self.named(subj)
            child = anc
        # (b) an earlier subject in the same sentence
        sent = self.ctx.sents[self.ctx.sent_of(tok.i)]
        for t in reversed(self.ctx.sdoc[sent.start : tok.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.i not in taken and not self.ctx.in_quote(t.i):
                if self._fits(t, person) and not attr.is_parenthetical(t.head):
                    return self.named(t)
        # (c) the last speaker within a few sentences
        here = self.ctx.sent_of(tok.i)
        for said in reversed(self.history):
            if here - said.sent > _HISTORY_SENTENCES:
                break
            if said.sent <= here and (not person or said.label in ("PERSON", None)):
                return said.speaker, said.label
        # (d) the nearest earlier mention outside quotations
        return self._nearest_mention(tok, person)

    def _fits(self, tok: Token, person: bool) -> bool:
        if attr.is_pronoun(tok) or tok.pos_ not in ("PROPN", "NOUN"):
            return False
        m = self.ctx.mention_at(tok.idx, tok.idx + len(tok))
        if m is None:
            return False
        return m.label == "PERSON" if person else m.label in ("PERSON", "ORG", "GPE", "NORP")

    def _nearest_mention(self, tok: Token, person: bool) -> tuple[Span | None, str | None]:
        ctx = self.ctx
        floor = ctx.sents[max(ctx.sent_of(tok.i) - _HISTORY_SENTENCES, 0)].start_char
        hi = bisect.bisect_left(ctx.mention_starts, tok.idx)
        for m in reversed(ctx.mentions[:hi]):
            if m.span.start < floor:
                break
            if (m.label == "PERSON" if person else m.label in ("PERSON", "ORG", "GPE", "NORP")) and not any(
                s <= m.span.start < e for s, e in ctx.char_quotes
            ):
                return m.span, m.label
        return None, None


def _same_name(a: Span, b: Span, text: str) -> bool:
    wa, wb = text[a.start : a.end].split(), text[b.start : b.end].split()
    return bool(wa and wb) and wa[-1].lower().strip("’'s") == wb[-1].lower().strip("’'s")


def find_quotes(sdoc: Doc, document: Document, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and indirect quotations of ``document`` with speaker and reporting chain as spans.

    ``sdoc`` is the parse of the masked text (same offsets as ``document.text``);
    ``mentions`` the document's unresolved person/place/organisation mentions.
    """
    ctx = _Context(sdoc, document, mentions)
    cands = sorted(_direct(ctx) + _indirect(ctx) + _colon_candidates(ctx), key=lambda c: (c.start, c.kind))
    resolver = _Resolver(ctx)
    text = document.text
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    last_direct: tuple[int, Quote] | None = None  # (line number, quote)
    for cand in cands:
        if (cand.start, cand.end) in seen:
            continue
        seen.add((cand.start, cand.end))
        line = text.count("\n", 0, cand.start)
        conf = {"tree": 0.9, "proximity": 0.75}.get(cand.how, 0.3)
        speaker: Span | None = None
        local: Span | None = None
        label: str | None = None
        via: list[Span] = []
        for n, src in enumerate(cand.chain):
            span, lab = resolver.resolve(src.speaker, [o.speaker for o in cand.chain if o is not src])
            if n == 0:
                local, speaker, label = resolver.local(src.speaker), span, lab
                if attr.is_pronoun(src.speaker):
                    conf *= 0.85
            elif span is not None and not any(span.overlaps(s) for s in [speaker, *via] if s is not None):
                via.append(span)
        if speaker is None and cand.kind == "direct" and last_direct is not None:
            prev_line, prev = last_direct
            if 0 <= line - prev_line <= 2 and _opens_sentence(text, cand.start):
                speaker, local, via, conf = prev.speaker_span, None, list(prev.via_spans), 0.6
        if speaker is not None and not via:
            via = _inherited_relay(ctx, cand, speaker, quotes, text)
            if via:
                conf = min(conf, 0.7)
        if speaker is None:
            conf = 0.3
        quote = Quote(
            span=ctx.span(cand.start, cand.end),
            kind=cand.kind,
            speaker=None,
            via_spans=tuple(via),
            speaker_span=speaker,
            cue=cand.cue.lemma_.lower() if cand.cue is not None else None,
            confidence=round(conf, 3),
            analyser=ANALYSER,
            speaker_local=local,
        )
        quotes.append(quote)
        if speaker is not None:
            resolver.history.append(_Said(cand.sent, speaker, tuple(via), label))
        if cand.kind == "direct":
            last_direct = (text.count("\n", 0, cand.end), quote)
    return quotes


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but quotation marks between a sentence end (or line start) and ``start``."""
    before = text[text.rfind("\n", 0, start) + 1 : start].rstrip(" \t" + _OPENING + '"‘')
    return not before or before.rstrip(_CLOSING + '"’ ')[-1:] in (".", "!", "?", "…")


def _inherited_relay(ctx: _Context, cand: _Candidate, speaker: Span, quotes: list[Quote], text: str) -> list[Span]:
    """A sentence continuing a relayed account ("According to X, Y said ... Y also stressed ...")."""
    if cand.sent == 0:
        return []
    prev_sent = cand.sent - 1
    while prev_sent > 0 and not ctx.sents[prev_sent].text.strip():
        prev_sent -= 1
    lo, hi = ctx.sents[prev_sent].start_char, ctx.sents[prev_sent].end_char
    for q in reversed(quotes):
        if q.span.end <= lo:
            break
        relayed = q.via_spans and q.speaker_span is not None and _same_name(q.speaker_span, speaker, text)
        if q.span.start < hi and relayed:
            return list(q.via_spans)
    return []
