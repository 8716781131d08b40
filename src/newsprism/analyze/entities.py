"""Entities across the documents of a story: one per real-world referent.

``find_mentions`` (in ``mentions.py``) reads one document; ``resolve_entities``
joins the mentions of all documents of a story:

1. full person names join when surnames match and first names are compatible;
2. a lone surname joins the full name with that surname (the most mentioned
   one, or the one whose titles fit: "President Trump" is not the First Lady);
3. other names (places, organisations) join on the same string, an acronym,
   or a spelling variant;
4. role descriptions ("the Kremlin aide") join the one entity holding a fitting
   role; when none or several do, the description stays unresolved.

Spelling variants are decided by ``names_match``: a transliteration-aware fold
(y/i/j, w/v, x/ks, doubled letters) compared with a Metaphone key and a
RapidFuzz ratio.  It joins Yuri/Yury, Zelensky/Zelenskyy/Zelenskiy, Kiev/Kyiv,
Vladimir/Volodymyr, Alexei/Aleksei.  It does not join renamings that are no
spelling variant (Mumbai/Bombay, Beijing/Peking): those need a gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import takewhile

import jellyfish
from rapidfuzz import fuzz

from newsprism.analyze.mentions import find_mentions
from newsprism.records import Entity, Mention, Span

__all__ = ["ANALYSER", "find_mentions", "names_match", "resolve_entities"]

ANALYSER = "entities/3"

LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC")
# Titles a "leader" description can stand for ("the Russian leader" -> "Russian President").
LEADER_TITLES = frozenset(
    ["president", "chancellor", "premier", "king", "queen", "emir", "monarch", "sheikh", "leader"]
)
# Rank words that make a different office: "US Vice President" is not "the US president".
RANK_WORDS = frozenset(["vice", "deputy", "former", "acting", "assistant", "under", "interim"])
TENSE_WORDS = frozenset(["former", "acting", "interim"])
# Country words whose adjective does not share a stem with the name; regular pairs
# (Russian/Russia, Hungarian/Hungary) are matched by a shared prefix instead.
COUNTRY_ALIASES = {
    "american": "us", "america": "us", "us": "us", "usa": "us", "u.s.": "us", "u.s": "us", "united states": "us",
    "british": "uk", "britain": "uk", "uk": "uk", "u.k.": "uk", "united kingdom": "uk",
    "french": "france", "dutch": "netherlands", "swiss": "switzerland", "welsh": "wales", "irish": "ireland",
    "greek": "greece", "danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland",
    "spanish": "spain", "turkish": "turkey", "filipino": "philippines", "thai": "thailand",
}  # fmt: skip
NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


# ------------------------------------------------------------------ string similarity
@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """Lowercase ASCII letters with transliteration variants folded: Zelenskyy/Zelenskiy -> zelenski."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z]", "", s)
    s = s.replace("x", "ks").replace("w", "v").replace("ph", "f").replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", s)


def names_match(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` spellings of one name?  Same folded form, or same first letter, Metaphone key and a
    close RapidFuzz ratio.  One name extending the other by a syllable (Niger/Nigeria) is no variant."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    if fa[0] != fb[0] or min(len(fa), len(fb)) < 3:
        return False
    short, long_ = sorted((fa, fb), key=len)
    if long_.startswith(short) and len(long_) - len(short) >= 2:
        return False
    return jellyfish.metaphone(fa) == jellyfish.metaphone(fb) and fuzz.ratio(fa, fb) >= 75


def _acronym_of(short: str, long_: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", short)
    words = [w for w in re.split(r"[\s-]+", long_) if w and w[0].isupper()]
    return len(letters) >= 2 and letters.isupper() and len(words) >= 2 and "".join(w[0] for w in words) == letters


def _same_name(a: str, b: str) -> bool:
    """One-word names by ``names_match``; longer ones by their fold, an acronym, or a shortened form of at least
    two words that ends the longer one ("Red Sox" in "Boston Red Sox"; one word would join "Union" to
    "European Union")."""
    if " " not in a + b:
        return names_match(a, b)
    if fold(a) == fold(b) or _acronym_of(a, b) or _acronym_of(b, a):
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    return 2 <= len(short) < len(long_) and long_[-len(short) :] == short


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"[’']s?$", "", text).strip(" .,")


def _name_tokens(text: str) -> list[str]:
    toks = [t for t in _clean(text).split() if t.lower() not in NAME_SUFFIXES]
    return toks or [_clean(text)]


# ------------------------------------------------------------------ roles
def _country(word: str) -> str | None:
    w = word.lower()
    if w in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[w]
    return None


def _mods_compatible(want: str, have: str) -> bool:
    """Is the modifier ``want`` of a description the same as ``have`` in a title?  Russian ~ Russia, American ~ US."""
    if want == have:
        return True
    cw, ch = _country(want) or want, _country(have) or have
    if cw == ch:
        return True
    prefix = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(cw, ch, strict=False)))
    return prefix >= 4 and prefix >= min(len(cw), len(ch)) - 2


def _role_parts(role: str) -> tuple[str, frozenset[str]]:
    """(head noun, modifiers) of a role: "US Secretary of State" -> ("secretary", {"us", "state"})."""
    words = [w.lower().rstrip(",") for w in re.split(r"\s+", role.strip()) if w]
    words = [w for w in words if w not in ("the", "a", "an")]
    if "of" in words:
        i = words.index("of")
        head, mods = words[i - 1] if i else words[-1], words[: i - 1] + words[i + 1 :]
    else:
        head, mods = (words[-1] if words else ""), words[:-1]
    return head.rstrip("."), frozenset(m for m in mods if m)


def role_fits(description: str, role: str, *, same_tense: bool = True) -> bool:
    """Could the holder of ``role`` be meant by ``description``?  "the Russian leader" fits "Russian President".

    With ``same_tense=False`` a former office fits its title ("President Clinton" ~ "former President").
    """
    dh, dm = _role_parts(description)
    rh, rm = _role_parts(role)
    if dh == "leader":
        if not (rh in LEADER_TITLES or (rh == "minister" and "prime" in rm)):
            return False
        rm = rm - {"prime"}
    elif dh != rh:
        return False
    ranks = RANK_WORDS if same_tense else RANK_WORDS - TENSE_WORDS
    if (dm & ranks) != (rm & ranks):
        return False
    return all(any(_mods_compatible(w, h) for h in rm) for w in dm)


# ------------------------------------------------------------------ clusters
@dataclass(slots=True)
class _Cluster:
    members: list[Mention] = field(default_factory=list)
    first: str = ""  # first name, for people named in full

    @property
    def roles(self) -> list[str]:
        return [m.role for m in self.members if m.role]

    def surname(self) -> str:
        return _name_tokens(self.members[0].text)[-1]

    def weight(self) -> int:
        return len(self.members)


def _join_full_names(full: list[Mention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in full:
        toks = _name_tokens(m.text)
        for c in clusters:
            if names_match(toks[-1], c.surname()) and _first_names_fit(toks[0], c.first):
                c.members.append(m)
                break
        else:
            clusters.append(_Cluster([m], first=toks[0]))
    return clusters


def _first_names_fit(a: str, b: str) -> bool:
    """First names agree: a spelling variant, or an initial of the other ("J." / "JD" / "James")."""
    ca, cb = a.replace(".", ""), b.replace(".", "")
    if names_match(ca, cb):
        return True
    short, long_ = sorted((ca, cb), key=len)
    return len(short) <= 2 and short.isupper() and long_.upper().startswith(short)


def _pick_person(m: Mention, candidates: list[_Cluster], order: dict[int, int]) -> _Cluster | None:
    """The person a lone surname means: the one whose titles fit its title, else the clearly most mentioned."""
    if len(candidates) == 1:
        return candidates[0]
    if m.role:
        fitting = [
            c
            for c in candidates
            if any(role_fits(m.role, r, same_tense=False) or role_fits(r, m.role, same_tense=False) for r in c.roles)
        ]
        if len(fitting) == 1:
            return fitting[0]
        candidates = fitting or candidates
    # the most mentioned so far (full names and titled surnames), then the one the story introduced first:
    # news names the secondary bearer of a surname in full each time and the main one by surname alone
    return min(candidates, key=lambda c: (-c.weight(), order[id(c)]))


def _group_by_match(items: list[Mention], clusters: list[_Cluster]) -> None:
    """Put each mention in the first cluster with a name it matches (same, variant or acronym), or a new one."""
    # each cluster's cleaned names, kept as mentions join (recomputing them per mention is quadratic)
    names = [{_clean(x.text) for x in c.members if not x.nominal} for c in clusters]
    for m in items:
        name = _clean(m.text)
        for c, known in zip(clusters, names, strict=True):
            if name in known or any(_same_name(name, n) for n in known):
                c.members.append(m)
                if not m.nominal:
                    known.add(name)
                break
        else:
            clusters.append(_Cluster([m]))
            names.append(set() if m.nominal else {name})


def resolve_entities(mentions_by_doc: Mapping[str, Sequence[Mention]]) -> list[Entity]:
    """One Entity per referent across all documents; mentions of one referent share it.

    Deterministic: documents are read in sorted id order and entity ids are slugs of the canonical name.
    """
    ordered = [m for doc in sorted(mentions_by_doc) for m in sorted(mentions_by_doc[doc], key=_pos)]
    names = [m for m in ordered if not m.nominal]
    # a full "person" name that is elsewhere an organisation or place is one ("Betty Ford Center" tagged PERSON)
    non_person = {fold(_clean(m.text)) for m in names if m.label != "PERSON" and " " in _clean(m.text)}
    names = [
        replace(m, label="ORG") if m.label == "PERSON" and fold(_clean(m.text)) in non_person else m for m in names
    ]
    full = [m for m in names if m.label == "PERSON" and len(_name_tokens(m.text)) > 1]
    single_people = [m for m in names if m.label == "PERSON" and len(_name_tokens(m.text)) == 1]
    others = [m for m in names if m.label != "PERSON"]

    people = _join_full_names(full)
    order = {id(c): i for i, c in enumerate(people)}
    full_people = list(people)
    places: list[_Cluster] = []
    # ORG-tagged single words that are a known surname are people (the NER tags "Trump" ORG in many contexts)
    surnames = {fold(c.surname()) for c in full_people}
    # a surname tagged as a place joins the person when the person is mentioned more often than that "place"
    # ("Lohan" tagged GPE twice, Lindsay Lohan a dozen times; "Washington" the city outnumbers George Washington)
    person_weight = Counter({fold(c.surname()): c.weight() for c in full_people})
    as_other = Counter(fold(_clean(m.text)) for m in others)
    misread = [
        m
        for m in others
        if " " not in _clean(m.text)
        and fold(_clean(m.text)) in surnames
        and (m.label == "ORG" or as_other[fold(_clean(m.text))] < person_weight[fold(_clean(m.text))])
    ]
    _group_by_match([m for m in others if not any(m is x for x in misread)], places)

    lone: list[Mention] = []
    # titled surnames first ("President Clinton"): the title decides, and they count for the bare ones
    for m in sorted(single_people + misread, key=lambda m: m.role is None):
        surname = _name_tokens(m.text)[0]
        candidates = [c for c in full_people if names_match(surname, c.surname())]
        if candidates:
            chosen = _pick_person(m, candidates, order)
            if chosen is not None:
                chosen.members.append(m)
                continue
        else:
            by_first = [c for c in full_people if names_match(surname, c.first)]
            if len(by_first) == 1:
                by_first[0].members.append(m)
                continue
            if not m.role and any(names_match(_clean(m.text), _clean(x.text)) for c in places for x in c.members):
                _group_by_match([m], places)  # "Budapest" tagged PERSON once, GPE elsewhere
                continue
        lone.append(m)
    _group_by_match(lone, people)
    clusters = people + places

    for m in (m for m in ordered if m.nominal):
        holders = [c for c in clusters if _type(c) == m.label and any(role_fits(m.role or m.text, r) for r in c.roles)]
        if len(holders) == 1:
            holders[0].members.append(m)
    return _to_entities(clusters)


def _pos(m: Mention) -> tuple[int, int]:
    return m.span.start, m.span.end


def _type(c: _Cluster) -> str:
    votes = Counter(m.label for m in c.members if not m.nominal)
    return max(votes, key=lambda lab: (votes[lab], -LABEL_PRIORITY.index(lab) if lab in LABEL_PRIORITY else -99))


def _canonical(c: _Cluster) -> str:
    """The fullest proper name: most words, then most frequent, then first seen."""
    counts = Counter(_clean(m.text) for m in c.members if not m.nominal)
    first_seen = {n: i for i, n in reversed(list(enumerate(_clean(m.text) for m in c.members if not m.nominal)))}
    return max(counts, key=lambda n: (len(n.split()), counts[n], -first_seen[n]))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_ascii(name).lower()).strip("-") or "entity"


def fold_ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _to_entities(clusters: list[_Cluster]) -> list[Entity]:
    built = []
    for c in clusters:
        spans: set[Span] = set()
        for m in c.members:
            spans.add(m.span)
            if m.role_span is not None:
                spans.add(m.role_span)
        # keep the outermost of nested spans (an apposition that is also a nominal mention)
        kept = sorted(spans, key=lambda s: (s.doc, s.start, -s.end))
        mentions = tuple(s for s in kept if not any(o != s and o.contains(s) for o in kept))
        name = _canonical(c)
        aliases = tuple(sorted({m.text for m in c.members} - {name}))
        roles = tuple(r for r, _ in Counter(c.roles).most_common())
        built.append((name, _type(c), mentions, aliases, roles))
    built.sort(key=lambda b: (-len(b[2]), b[0]))
    seen: Counter[str] = Counter()
    out = []
    for name, typ, mentions, aliases, roles in built:
        slug = _slug(name)
        seen[slug] += 1
        eid = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        out.append(Entity(eid, name, typ, mentions, aliases, roles))
    return out
