"""Mentions of people, places and organisations in one document.

spaCy's NER gives the candidates; the small English model errs in ways that
are regular enough to correct from the parse and from the rest of the same
document (a surname tagged ORG, a city tagged PERSON, a title glued into the
name).  Titles are stripped into ``Mention.role`` and role descriptions ("the
Kremlin aide", "the Hungarian capital") become mentions of their own
(``nominal=True``), to be joined to a named entity by ``entities.resolve_entities``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsprism.analyze.numbers import digit_value
from newsprism.analyze.quantities import is_unit_word
from newsprism.records import Document, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns that head a person's title or role.  spaCy has no notion of titles, and
# no installed package lists them, so this small general lexicon is by hand.
PERSON_TITLES = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "aide",
        "adviser",
        "advisor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "lady",
        "senator",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "general",
        "envoy",
        "ambassador",
        "leader",
        "counterpart",
        "official",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "commissioner",
        "judge",
        "justice",
        "representative",
        "speaker",
        "prosecutor",
        "attorney",
        "commander",
        "colonel",
        "sheikh",
        "emir",
        "monarch",
        "negotiator",
        "diplomat",
        "lawmaker",
        "chief",
        "head",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "dame",
        "gov",
        "sen",
        "rep",
        "spokesperson",
        "mp",
        "founder",
        "editor",
        "correspondent",
        "analyst",
    ]
)
# Words that qualify a title rather than head it ("former President", "Vice President", "First Lady").
ROLE_MODIFIERS = frozenset(
    ["former", "acting", "deputy", "vice", "first", "then", "interim", "late", "outgoing", "incoming", "senior", "top"]
)
# Nouns a place can be described by; these need a modifier ("the Hungarian capital", not "the city").
PLACE_DESCRIPTORS = frozenset(
    ["capital", "city", "country", "nation", "republic", "kingdom", "island", "region", "province", "town"]
)

NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "LOC", "FAC"})
# Prepositions after which a bare proper noun is a place ("missiles to Kiev", "in Kyiv").
LOCATIVE_PREPS = frozenset(
    ["in", "to", "from", "into", "at", "across", "toward", "towards", "near", "inside", "outside"]
)
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "warn",
        "announce",
        "insist",
        "note",
        "deny",
        "claim",
        "state",
        "explain",
        "argue",
        "stress",
        "ask",
        "reply",
        "post",
        "tweet",
    ]
)
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
MAX_ROLE_TOKENS = 7


@dataclass(slots=True)
class _Cand:
    """A name being corrected: token range [start, end) of the name proper, and its label."""

    start: int
    end: int
    label: str
    role: tuple[int, int] | None = None  # token range of a title before the name


def find_mentions(sdoc: Doc, document: Document) -> list[Mention]:
    """Names (with titles stripped into ``role``) and role descriptions in ``document``, in text order.

    ``sdoc`` must be spaCy's parse of ``document.text`` with identical character offsets.
    """
    cands = _named_candidates(sdoc)
    for c in cands:
        c.role = _title_before(sdoc, c.start)
        if c.role is not None and c.label != "PERSON" and _has_person_title(sdoc, c.role):
            # "German Chancellor Olaf Scholz" tagged ORG: a person's title makes it a person.
            c.label = "PERSON"
    _fix_labels_from_document(sdoc, cands)
    cands = [c for c in cands if not _inside_roles(c, cands)]
    taken = [(c.start, c.end) for c in cands] + [c.role for c in cands if c.role]
    nominals = _nominal_mentions(sdoc, document, taken)
    # a name inside a description is its modifier ("Kremlin" in "the Kremlin aide"), as inside a title
    cands = [c for c in cands if not any(n.span.start <= sdoc[c.start].idx < n.span.end for n in nominals)]
    mentions = [_to_mention(sdoc, document, c) for c in cands]
    mentions = _apply_appositions(sdoc, mentions, nominals)
    return sorted(mentions + nominals, key=lambda m: (m.span.start, m.span.end))


# ------------------------------------------------------------------ candidates
def _named_candidates(sdoc: Doc) -> list[_Cand]:
    """NER spans cut to the name proper: no leading title or article, no possessive, hyphen pairs split."""
    out: list[_Cand] = []
    for ent in sdoc.ents:
        if ent.label_ not in NAME_LABELS and ent.label_ not in ("NORP", "PRODUCT"):
            continue
        start, end = ent.start, ent.end
        while end > start and (sdoc[end - 1].text in POSSESSIVE or sdoc[end - 1].is_punct):
            end -= 1
        while start < end and (sdoc[start].lower_ == "the" or sdoc[start].is_punct):
            start += 1
        if ent.label_ == "PERSON":
            while end - start > 1 and sdoc[start].pos_ not in ("PROPN", "NOUN"):
                start += 1  # "Naturally Scott Boras": a sentence adverb glued to the name
        if ent.label_ in ("PERSON", "ORG"):
            # the small model often swallows a title: "Lady Melania Trump", "President Putin"
            while end - start > 1 and (_is_title_word(sdoc[start]) or sdoc[start].ent_type_ == "ORDINAL"):
                start += 1
        if start >= end or _is_amount(sdoc[start:end].text):
            continue
        # "Putin-Trump summit": two names joined by a hyphen are two mentions
        pieces: list[tuple[int, int]] = []
        piece_start = start
        for i in range(start, end):
            if sdoc[i].tag_ == "HYPH" or sdoc[i].text in ("-", "–"):
                pieces.append((piece_start, i))
                piece_start = i + 1
        pieces.append((piece_start, end))
        if len(pieces) > 1 and not all(all(t.pos_ == "PROPN" for t in sdoc[s:e]) and s < e for s, e in pieces):
            pieces = [(start, end)]
        out.extend(_Cand(s, e, ent.label_) for s, e in pieces if s < e)
    return out


def _is_amount(text: str) -> bool:
    """A number with its unit, which the small model sometimes takes for a place ("magnitude-6.2")."""
    words = re.split(r"[\s\-‐–]+", text)
    return any(is_unit_word(w) for w in words) and any(digit_value(w) is not None for w in words)


def _is_title_word(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in PERSON_TITLES or tok.lower_ in ROLE_MODIFIERS


def _has_person_title(sdoc: Doc, rng: tuple[int, int]) -> bool:
    return any(sdoc[i].lower_.rstrip(".") in PERSON_TITLES for i in range(*rng))


def _title_before(sdoc: Doc, start: int) -> tuple[int, int] | None:
    """Token range of a title just before a name ("US Secretary of State", "Russian presidential aide").

    Walk left over capitalised words, nationality/organisation tokens, title nouns and a lowercase adjective
    directly before a title noun; keep the result only if it holds a title noun.  A rule on the token
    sequence rather than the dependency tree, because the small model attaches titles inconsistently
    (compound, nmod, amod) while the surface pattern is stable.
    """
    sent_start = sdoc[start].sent.start
    j = start - 1
    while j >= sent_start and start - j <= MAX_ROLE_TOKENS:
        tok = sdoc[j]
        low = tok.lower_.rstrip(".")
        nxt = sdoc[j + 1]
        if tok.ent_type_ == "PERSON" and low not in PERSON_TITLES:
            break
        if (
            low in PERSON_TITLES
            or low in ROLE_MODIFIERS
            or (tok.ent_type_ in ("NORP", "GPE", "ORG", "LOC") and not tok.is_punct)
            or ((tok.is_title or tok.is_upper) and tok.pos_ in ("PROPN", "NOUN", "ADJ") and j > sent_start)
            or (low == "of" and j + 1 < start)
        ):
            pass
        elif tok.pos_ in ("ADJ", "NOUN") and tok.is_lower and nxt.lower_.rstrip(".") in PERSON_TITLES:
            pass  # "presidential aide", "opposition leader"
        else:
            break
        j -= 1
    lo = j + 1
    while lo < start and sdoc[lo].lower_ == "of":
        lo += 1
    if lo >= start or not _has_person_title(sdoc, (lo, start)):
        return None
    # the title must reach the name: its last word a title noun or the object of "of" ("Secretary of State")
    tail = [t.lower_.rstrip(".") for t in sdoc[lo:start]]
    of_title = len(tail) >= 3 and tail[-2] == "of"
    if tail[-1] not in PERSON_TITLES and not of_title and not any(w in PERSON_TITLES for w in tail[-2:]):
        return None
    return (lo, start)


def _inside_roles(c: _Cand, cands: list[_Cand]) -> bool:
    """A nationality or office inside someone's title ("US" in "US President") is part of the title."""
    return any(o.role and o.role[0] <= c.start and c.end <= o.role[1] for o in cands if o is not c)


# ------------------------------------------------------------------ corrections
def _fix_labels_from_document(sdoc: Doc, cands: list[_Cand]) -> None:
    """Relabel candidates using the rest of the document (the NER labels each occurrence on its own)."""
    persons = [c for c in cands if c.label == "PERSON" and (c.end - c.start > 1 or c.role)]
    surnames = {sdoc[c.end - 1].text for c in persons}
    place_names = {sdoc[c.start : c.end].text.casefold() for c in cands if c.label in ("GPE", "LOC")}
    product_names = {sdoc[c.start : c.end].text for c in cands if c.label == "PRODUCT"}
    covered = {i for c in cands for i in range(c.start, c.end)}
    for c in list(cands):
        text = sdoc[c.start : c.end].text
        single = c.end - c.start == 1
        tok = sdoc[c.start]
        if all(t.pos_ == "ADJ" for t in sdoc[c.start : c.end]):
            c.label = "NORP"  # "Russian and Ukrainian children": an adjective is no name
        elif single and text.rstrip("s") in product_names and c.label != "PRODUCT":
            c.label = "PRODUCT"  # "Tomahawks" tagged PERSON where "Tomahawk" was a PRODUCT
        elif single and text in surnames and c.label != "PERSON":
            # a surname of someone named in full here is that person ("Trump" tagged ORG)
            if not (c.label in ("GPE", "LOC") and _locative(tok)):
                c.label = "PERSON"
        elif c.label == "PERSON" and single and text not in surnames:
            if text.casefold() in place_names or _locative(tok) or _conj_with_place(tok) or tok.tag_ == "NNPS":
                # a lone "person" with no first name or title, in a place's slot: "to Kiev", "Moscow and Kyiv"
                c.label = "GPE" if tok.tag_ != "NNPS" else "PRODUCT"
        elif c.label == "ORG" and single and text.casefold() in place_names:
            c.label = "GPE"  # a dateline "MOSCOW" tagged ORG where "Moscow" is a place
        elif c.label == "FAC" and _compound_to(sdoc, c):
            c.label = "ORG"  # "his Truth Social platform": a named facility does not modify a noun
    # surnames the NER missed altogether ("Putin-Trump summit" tagged nothing)
    for tok in sdoc:
        if tok.i in covered or not tok.is_title:
            continue
        if tok.text in surnames and tok.pos_ in ("PROPN", "NOUN"):  # sentence-initial names are often tagged NN
            cands.append(_Cand(tok.i, tok.i + 1, "PERSON"))
        elif _speaker_subject(tok):
            cands.append(_Cand(tok.i, tok.i + 1, "PERSON"))  # "Scholz did not say when", NER silent
        elif _conj_with_place(tok) and tok.pos_ == "PROPN":
            cands.append(_Cand(tok.i, tok.i + 1, "GPE"))  # "both Moscow and Kyiv" with Kyiv untagged
    cands[:] = [c for c in cands if c.label in NAME_LABELS]
    cands.sort(key=lambda c: c.start)
    for c in cands:
        if c.label == "PERSON" and c.role is None:
            c.role = _title_before(sdoc, c.start)


def _speaker_subject(tok: Token) -> bool:
    """A lone untagged proper noun that is the subject of a verb of saying is someone speaking."""
    return (
        tok.tag_ == "NNP"
        and tok.dep_ == "nsubj"
        and tok.head.lemma_ in SPEECH_VERBS
        and not any(c.dep_ in ("compound", "det", "amod") for c in tok.children)
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].tag_ == "NNP")
    )


def _locative(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS and tok.head.head.lemma_ not in ("talk", "speak")


def _conj_with_place(tok: Token) -> bool:
    others = [tok.head] if tok.dep_ == "conj" else []
    others += [t for t in tok.children if t.dep_ == "conj"]
    return any(o.ent_type_ in ("GPE", "LOC") for o in others)


def _compound_to(sdoc: Doc, c: _Cand) -> bool:
    last = sdoc[c.end - 1]
    return last.dep_ == "compound" and last.head.i >= c.end and last.head.pos_ == "NOUN"


# ------------------------------------------------------------------ records
def _char_span(sdoc: Doc, start: int, end: int) -> tuple[int, int]:
    return sdoc[start].idx, sdoc[end - 1].idx + len(sdoc[end - 1].text)


def _to_mention(sdoc: Doc, document: Document, c: _Cand) -> Mention:
    s, e = _char_span(sdoc, c.start, c.end)
    role = role_span = None
    if c.role is not None:
        rs, re_ = _char_span(sdoc, *c.role)
        role, role_span = document.text[rs:re_], Span(document.id, rs, re_)
    return Mention(Span(document.id, s, e), document.text[s:e], c.label, role=role, role_span=role_span)


def _nominal_mentions(sdoc: Doc, document: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """Role descriptions standing for a name: "the Kremlin aide", "the US president", "the Hungarian capital"."""
    out: list[Mention] = []
    for tok in sdoc:
        low = tok.lower_
        kind = "PERSON" if low in PERSON_TITLES else "GPE" if low in PLACE_DESCRIPTORS else None
        if kind is None or tok.tag_ not in ("NN", "NNP") or low in ("mr", "mrs", "ms", "dr", "sir"):
            continue
        if any(s <= tok.i < e for s, e in taken):
            continue
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        if nxt is not None and nxt.ent_type_ == "PERSON" and nxt.text not in POSSESSIVE:
            continue  # a title before a name, not a description
        lo = tok.i
        while (
            lo > tok.sent.start and sdoc[lo - 1].head.i == tok.i and sdoc[lo - 1].dep_ in ("amod", "compound", "nmod")
        ):
            lo -= 1
        mods = list(sdoc[lo : tok.i])
        det = sdoc[lo - 1] if lo > tok.sent.start else None
        if det is None or det.lower_ != "the" or det.head.i != tok.i:
            continue
        if kind == "GPE" and not any(m.ent_type_ in ("NORP", "GPE", "LOC") or m.is_title for m in mods):
            continue
        if any(m.ent_type_ == "PERSON" or m.like_num for m in mods):
            continue
        s, e = _char_span(sdoc, det.i, tok.i + 1)
        rs = sdoc[lo].idx
        out.append(Mention(Span(document.id, s, e), document.text[s:e], kind, role=document.text[rs:e], nominal=True))
    return out


def _apply_appositions(sdoc: Doc, mentions: list[Mention], nominals: list[Mention]) -> list[Mention]:
    """A name with an appositive description takes it as a role: "Budapest, the Hungarian capital"."""
    by_head: dict[int, Mention] = {}
    for n in nominals:
        head = sdoc.char_span(n.span.start, n.span.end, alignment_mode="expand")
        if head is not None:
            by_head[head.root.i] = n
    out = []
    for m in mentions:
        span = sdoc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        found = None
        if span is not None:
            root = span.root
            for child in root.children:
                if child.dep_ == "appos" and child.i in by_head:
                    found = by_head[child.i]
            if root.dep_ == "appos" and root.head.i in by_head:
                found = by_head[root.head.i]
        if found is not None and found.label == m.label and m.role is None:
            m = replace(m, role=found.role, role_span=found.span)
        out.append(m)
    return out
