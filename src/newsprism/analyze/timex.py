"""Time expressions: find them, resolve them to calendar values, and say which happening they date.

Detection joins spaCy's DATE/TIME entities with a few patterns the small model misses ("within two
weeks", "Thursday’s").  The dependency parse gives each expression the tense of its clause (which
``date_resolution`` needs for a bare "Friday" or "August") and the happening it dates ("call", "announce").
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism.analyze.clauses import participle_modifier
from newsprism.analyze.date_resolution import NUM_PATTERN, UNIT_PATTERN, resolve
from newsprism.records import Document, Precision, ReferenceDate, Span, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

ANALYSER = "timex/4"

_CLOCK_WORD = re.compile(r"[ap]\.?m\.?|gmt|utc|hours|hrs|noon|midday|midnight")  # the word a clock reading ends in
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAYPART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_PATTERNS = [
    re.compile(p)
    for p in (
        r"\b\d{4}-\d{2}-\d{2}\b",
        rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+\d{{4}}\b)?",
        rf"(?:\b(?i:early|mid|late)[- ])?\b{_MON}(?:,?\s+\d{{4}}\b)?",
        rf"(?:\b(?i:last|next|this|coming|past)\s+)?\b{_WD}\b(?:['’]s)?{_DAYPART}",
        r"\b(?i:yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)\b",
        r"\b(?i:(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|the coming|the past)\s+"
        r"(?:week|weekend|month|year))\b",
        rf"\b(?i:{NUM_PATTERN}\s+{UNIT_PATTERN}\s+ago)\b",
        rf"\b(?i:within\s+(?:the\s+next\s+)?(?:{NUM_PATTERN}\s+)?{UNIT_PATTERN})\b",
        rf"\b(?i:in\s+the\s+(?:coming|next|following)\s+(?:{NUM_PATTERN}\s+)?{UNIT_PATTERN})\b",
        rf"\b(?i:in\s+{NUM_PATTERN}\s+{UNIT_PATTERN}(?:['’]\s*time)?)\b",
        rf"\b(?i:(?:over\s+|in\s+|during\s+)?the\s+(?:past|last|previous)\s+(?:{NUM_PATTERN}\s+)?{UNIT_PATTERN})\b",
        r"\b(?:in|In|by|of|since|Since|until|after|before|during) (?P<x>1[89]\d\d|20\d\d)\b(?!-)",
    )
]
_MONTH_CUE = re.compile(
    r"\b(?:in|since|by|until|till|from|of|through|early|late|mid|last|next|this|before|after)"
    r"[\s-]+$",
    re.IGNORECASE,
)
# Page furniture glued to UI words: "access_timeone day ago", "schedule2 hours ago".
_CHROME = re.compile(rf"[A-Za-z_](?i:{NUM_PATTERN}\s+(?:second|minute|hour|day|week|month|year)s?\s+ago)\b")

# Verbs that carry no event of their own: the event is their object ("held a call") or subject ("occurred").
_LIGHT_OBJECT = {"hold", "have", "make", "conduct", "stage", "give", "take", "host", "mark", "deliver", "carry"}
_LIGHT_SUBJECT = {"occur", "happen", "take", "come", "begin", "start", "end", "be"}
# fmt: off
_EVENT_NOUNS = {
    "call", "conversation", "meeting", "talk", "talks", "summit", "briefing", "conference", "visit", "trip",
    "speech", "interview", "statement", "announcement", "election", "vote", "referendum", "attack", "strike",
    "raid", "bombing", "explosion", "ceasefire", "truce", "deal", "agreement", "ceremony", "session", "hearing",
    "trial", "verdict", "ruling", "decision", "arrival", "departure", "negotiation", "discussion", "exchange",
    "request", "report", "protest", "rally", "march", "tour", "launch", "test", "crash", "shooting", "killing",
    "death", "funeral", "debate", "address", "gathering", "forum", "operation", "offensive", "invasion", "release",
    "delivery", "sale", "purchase", "approval", "withdrawal", "proposal", "refusal", "dismissal", "appearance",
    "remarks", "comment", "comments",
}
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")
# Words on the way from a time expression to its clause that put the happening in the future.
_FUTURE_CUES = {
    "ahead", "schedule", "slate", "plan", "expect", "due", "upcoming", "forthcoming", "coming", "intend", "prepare",
    "propose", "next", "set",
}
_FUTURE_AUX = {"will", "shall", "'ll", "would", "may", "might", "could", "should", "going", "wo", "gon"}
_INTENT_VERBS = {
    "plan", "agree", "want", "hope", "expect", "aim", "intend", "set", "decide", "promise", "prepare", "schedule",
    "seek", "vow", "pledge", "threaten", "offer", "arrange", "propose",
}
# fmt: on


# ------------------------------------------------------------------------------------ parse
def _is_event_noun(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("GPE", "LOC", "PERSON", "ORG", "FAC", "NORP"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in _EVENT_NOUNS or (tok.pos_ == "NOUN" and lemma.endswith(_EVENT_SUFFIXES))


def _attachment(span: SpacySpan) -> Token | None:
    """The word the expression modifies: the head of its preposition, the noun of its possessive."""
    root = span.root
    if root.dep_ == "poss":
        return root.head
    head = root.head
    if head.pos_ == "ADP" and head.i not in range(span.start, span.end):
        head = head.head
    # "a briefing in Moscow on Thursday"; "sank late on Tuesday"; "struck at 1:53 p.m. on Sunday"
    while (
        head.pos_ in ("PROPN", "ADP", "SCONJ", "NUM") or head.dep_ == "advmod" or _CLOCK_WORD.fullmatch(head.lower_)
    ) and head.head.i != head.i:
        head = head.head
    if head.i in range(span.start, span.end):
        return None
    if head.pos_ in ("VERB", "AUX") and participle_modifier(head):
        # "foiled an attack on ships transiting the Gulf on Friday": the day dates the sentence's event (as
        # ``clauses._days_on_describing_participles`` gives the day to that event's clause)
        main = head.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        head = main if main.pos_ in ("VERB", "AUX") else head
    if head.pos_ in ("VERB", "AUX"):
        return _nearer_event(span, head) or head
    return head


def _nearer_event(span: SpacySpan, verb: Token) -> Token | None:
    """An event noun right before the expression that the parser attached to the verb instead.

    "held a phone call on Wednesday", "wrote ... ahead of his meeting with Trump at the White House on
    Friday": the time phrase dates the call / the meeting.  We look at the verb's dependents that end just
    before the expression, nearest first, over intervening place phrases.
    """
    first = span.start
    if first > 0 and span.doc[first - 1].pos_ == "ADP" and span.doc[first - 1].head.i == verb.i:
        first -= 1
    siblings = sorted(
        (
            c
            for c in verb.children
            if c.i < first and c.dep_ not in ("nsubj", "nsubjpass", "punct", "aux", "auxpass", "neg", "mark")
        ),
        key=lambda c: -c.i,
    )
    edge = first
    for sib in siblings[:3]:
        tokens = list(sib.subtree)
        if tokens[-1].i != edge - 1:
            break
        edge = tokens[0].i
        nouns = [
            t
            for t in tokens
            if _is_event_noun(t)
            and not any(a.pos_ in ("VERB", "AUX") and a.i != verb.i for a in t.ancestors if a in tokens)
        ]
        if nouns:
            return min(nouns, key=lambda t: sum(1 for a in t.ancestors if a in tokens))
    return None


def _event(head: Token | None) -> Token | None:
    """The token naming the happening: an event noun, the object of a light verb, or the verb itself."""
    if head is None:
        return None
    if head.pos_ in ("VERB", "AUX"):
        if head.dep_ in ("acl", "relcl") and head.head.pos_ == "NOUN":  # "a request made in September"
            return head.head
        lemma = head.lemma_.lower()
        objects = [c for c in head.children if c.dep_ in ("dobj", "attr") and _is_event_noun(c)]
        if lemma in _LIGHT_OBJECT and objects and not (lemma == "take" and objects[0].lemma_ == "place"):
            return objects[0]
        if lemma in _LIGHT_SUBJECT:
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and _is_event_noun(c)]
            if subjects:
                return subjects[0]
    return head


def _tense(start: Token | None) -> str:
    """past | future | present | unknown for the clause around ``start``, walking up the parse."""
    node = start
    for _ in range(12):
        if node is None:
            return "unknown"
        lemma = node.lemma_.lower()
        if lemma in _FUTURE_CUES and (node.pos_ != "VERB" or node.tag_ in ("VBN", "VBG") or lemma != "set"):
            return "future"
        kids = list(node.children)
        if any(c.dep_ == "amod" and c.lemma_.lower() in _FUTURE_CUES for c in kids):
            return "future"
        auxes = [c for c in kids if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_.replace("’", "'") in _FUTURE_AUX or a.lemma_ in _FUTURE_AUX for a in auxes):
            return "future"
        if node.pos_ in ("VERB", "AUX"):
            if any(a.tag_ == "TO" for a in auxes):  # an infinitive: a purpose, or what is intended
                if node.dep_ == "advcl" or node.head.lemma_.lower() in _INTENT_VERBS:
                    return "future"
            elif node.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
                return "past"
            elif node.tag_ == "VBN":
                return "past"  # present perfect, or a participle of something done ("held in August")
            elif node.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
                return "future"  # "is meeting on Friday"
            elif node.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
                return "present"
        if node.head.i == node.i:
            return "unknown"
        node = node.head
    return "unknown"


# ------------------------------------------------------------------------------------ detection
def _candidates(sdoc: Doc) -> list[tuple[int, int]]:
    text = sdoc.text  # built from the tokens at every access: read it once
    spans = {(e.start_char, e.end_char) for e in sdoc.ents if e.label_ in ("DATE", "TIME")}
    for pattern in _PATTERNS:
        group = "x" if "x" in pattern.groupindex else 0
        spans.update((m.start(group), m.end(group)) for m in pattern.finditer(text))
    # "May" (and "March") alone is a month only after a preposition: "in May", not "the talks may resume"
    spans = {
        (s, e)
        for s, e in spans
        if text[s:e].lower() not in ("may", "march") or _MONTH_CUE.search(text[max(0, s - 12) : s])
    }
    return sorted(spans, key=lambda s: (s[0] - s[1], s[0]))  # longest first


def _is_chrome(text: str, start: int, end: int) -> bool:
    """Glued to letters or underscores on either side: a UI label, not prose."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before == "_" or (after.isalpha() or after == "_")


def find_times(sdoc: Doc, document: Document, reference: dt.date | None) -> list[TimeExpr]:
    """Every time expression of the (masked) text, resolved against ``reference`` (None: relative ones stay
    unresolved), with the happening each one dates."""
    return [t for t, _ in _scan(sdoc, document, reference)]


def _scan(sdoc: Doc, document: Document, reference: dt.date | None) -> list[tuple[TimeExpr, str]]:
    """(expression, tense of its clause) in text order."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[TimeExpr, str]] = []
    chrome = [(m.start() + 1, m.end()) for m in _CHROME.finditer(sdoc.text)]
    for s, e in chrome + _candidates(sdoc):
        if any(s < te and ts < e for ts, te in taken):
            continue
        span = sdoc.char_span(s, e, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        head = _attachment(span)
        event = _event(head)
        tense = _tense(event if event is not None and event.pos_ in ("VERB", "AUX") else head)
        value = resolve(document.text[s:e], reference, tense)
        if value is None:
            continue
        taken.append((s, e))
        event_span = None if event is None else Span(document.id, event.idx, event.idx + len(event.text))
        out.append(
            (
                TimeExpr(
                    span=Span(document.id, s, e),
                    text=document.text[s:e],
                    value=value.value,
                    precision=value.precision,
                    start=value.start,
                    end=value.end,
                    anchor=reference,
                    estimated=value.estimated,
                    reason=value.reason,
                    weekday=value.weekday,
                    event=None if event is None else event.lemma_.lower(),
                    event_span=event_span,
                    chrome=_is_chrome(document.text, s, e),
                ),
                tense,
            )
        )
    return sorted(out, key=lambda t: t[0].span.start)


# ------------------------------------------------------------------------------------ reference dates
def _stated_dates(document: Document, sdoc: Doc) -> list[dt.date]:
    """Days the text states in full (with a year), outside future clauses and page furniture."""
    return [
        t.start
        for t, tense in _scan(sdoc, document, None)
        if t.precision is Precision.DAY and t.start is not None and not t.chrome and tense != "future"
    ]


def _central(dates: Sequence[dt.date]) -> dt.date:
    """The most common date; the lower median when several are equally common."""
    counts = Counter(dates).most_common()
    top = [d for d, n in counts if n == counts[0][1]]
    return top[0] if len(top) == 1 else statistics.median_low(sorted(dates))


def _documents(n: int) -> str:
    return f"{n} other document{'s' if n != 1 else ''} of the story"


def estimate_references(docs: Sequence[tuple[Document, Doc]]) -> dict[str, ReferenceDate]:
    """Each document's reference date: its publication date, else an estimate from the story and its text.

    Without a publication date: the most common publication date of the other documents, moved later if
    the document itself states a later (non-future) full date; else the latest full date its own text
    states; else the dates the other documents state.  ``date`` is None when nothing is known.
    """
    published = {d.id: d.published for d, _ in docs if d.published is not None}
    stated = {d.id: _stated_dates(d, sdoc) for d, sdoc in docs if d.published is None}
    out: dict[str, ReferenceDate] = {}
    for document, _ in docs:
        if document.published is not None:
            out[document.id] = ReferenceDate(document.published, False, "publication date")
            continue
        own = stated[document.id]
        others = [p for i, p in published.items() if i != document.id]
        others_stated = [max(ds) for i, ds in stated.items() if i != document.id and ds]
        if others:
            date = _central(others)
            how = "published" if len(set(others)) == 1 else "mostly published"
            reason = f"no publication date; estimated from {_documents(len(others))} {how} {date}"
            if later := [d for d in own if d > date]:
                date = max(later)
                reason += f"; moved to {date}, a later date its own text states"
        elif own:
            date = max(own)
            reason = f"no publication date and no dated document in the story; the latest date its text states, {date}"
        elif others_stated:
            date = _central(others_stated)
            reason = (
                f"no publication date anywhere in the story; estimated from the full dates stated in the text of "
                f"{_documents(len(others_stated))}: {date}"
            )
        else:
            out[document.id] = ReferenceDate(
                None, True, "no publication date, no dated document in the story, and no full date in its text"
            )
            continue
        out[document.id] = ReferenceDate(date, True, reason)
    return out
