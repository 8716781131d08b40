"""Readable outlet labels: a document id ("000_cd26c091fc50bff2") is never shown to a reader.

Each document gets a short label -- its outlet name when known, else its site's domain, else its title
shortened, else "Outlet A", "Outlet B" ... in document order -- and a mark of a few letters for
narrow places (matrix columns, citation buttons, graph nodes).  The dossier JSON keeps the ids.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsprism.records import Document

TITLE_WORDS = 5  # a shortened title keeps this many words
TITLE_CHARS = 40


@dataclass(frozen=True, slots=True)
class OutletLabel:
    doc: str
    label: str  # "Press TV", "example.com", "“Putin warns Trump …”", "Outlet A"
    mark: str  # "PT", "EXA", "A"
    source: str  # what the label comes from: outlet | domain | title | letter


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.removeprefix("www.")
    return host or None


def short_title(title: str) -> str:
    """The first few words of a headline, cut at a word, with an ellipsis when cut, in quotation marks."""
    words = " ".join(title.split()).strip("“”\"'‘’ ").split(" ")
    cut = " ".join(words[:TITLE_WORDS])
    if len(cut) > TITLE_CHARS:
        cut = cut[:TITLE_CHARS].rsplit(" ", 1)[0]
    more = "…" if cut != " ".join(words) else ""
    return f"“{cut.rstrip(',:;—–-')}{more}”"


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA ..."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def _mark(name: str, taken: set[str]) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    cand = "".join(w[0] for w in words).upper()[:4] if len(words) > 1 else name[:3].upper()
    base, n = cand or "DOC", 2
    while cand in taken:
        cand, n = f"{base}{n}", n + 1
    return cand


def outlet_labels(documents: Sequence[Document]) -> dict[str, OutletLabel]:
    """doc id -> label, unique within the story (a repeated name gets " (2)", " (3)" ...)."""
    out: dict[str, OutletLabel] = {}
    used_labels: dict[str, int] = {}
    taken_marks: set[str] = set()
    unnamed = 0
    for d in documents:
        if d.outlet and d.outlet.strip():
            label, source = " ".join(d.outlet.split()), "outlet"
        elif (domain := _domain(d.url)) is not None:
            label, source = domain, "domain"
        elif d.title and d.title.strip():
            label, source = short_title(d.title), "title"
        else:
            label, source = "", "letter"
        letter = _letters(unnamed)
        if source in {"title", "letter"}:
            unnamed += 1
            mark = letter if letter not in taken_marks else _mark(letter, taken_marks)
            label = label or f"Outlet {letter}"
        else:
            mark = _mark(label.split(".")[0] if source == "domain" else label, taken_marks)
        taken_marks.add(mark)
        n = used_labels.get(label.lower(), 0) + 1
        used_labels[label.lower()] = n
        out[d.id] = OutletLabel(d.id, label if n == 1 else f"{label} ({n})", mark, source)
    return out


def label_names(documents: Sequence[Document]) -> dict[str, str]:
    """doc id -> readable label."""
    return {doc: lab.label for doc, lab in outlet_labels(documents).items()}
