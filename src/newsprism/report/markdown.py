"""Dossier -> Markdown: the same sections as the HTML report, as headings, lists and tables.

Article text is escaped for Markdown (and for the HTML a Markdown viewer produces): ``<`` ``>`` ``&``
become entities and table pipes are escaped, so a ``<script>`` in an article shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsprism.records import Dossier
from newsprism.report.views import (
    STATUS_MARK,
    Evidence,
    Story,
    contradiction_sides,
    evidence,
    fact_matrix,
    quote_groups,
    readable_when,
    story_of,
)

SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: object) -> str:
    """Inline text safe in Markdown and in table cells: HTML entities for <>&, backslashes for markup."""
    s = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return SPECIAL.sub(r"\\\1", s)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return [*lines, ""]


def _quoted(items: Iterable[Evidence], indent: str = "") -> list[str]:
    return [f"{indent}> **{md(ev.outlet)}**: “{md(ev.text)}”  " for ev in items]


def _outlets(story: Story) -> list[str]:
    rows = [
        (
            md(o.short),
            md(o.name),
            md(o.published or "unknown"),
            md(o.title or ""),
            str(o.facts),
            str(o.unique),
            md(o.doc),
        )
        for o in story.outlets
    ]
    return _table(["mark", "outlet", "published", "title", "facts", "only here", "file"], rows)


def _summary(dossier: Dossier, story: Story) -> list[str]:
    if not dossier.summary:
        return ["_No facts were found to summarise._", ""]
    shorts = {o.doc: o.short for o in story.outlets}
    out = []
    for i, s in enumerate(dossier.summary, 1):
        marks = " ".join(f"[{md(shorts.get(d, d))}]" for d in s.sources)
        out.append(f"{i}. {md(s.text)} {marks}")
        out += _quoted(evidence(dossier, s.support, story.names), "   ")
    return [*out, ""]


def _matrix(dossier: Dossier, story: Story) -> list[str]:
    rows = fact_matrix(dossier, story)
    if not rows:
        return ["_No facts were aligned._", ""]
    legend = ", ".join(f"{mark} {name}" for name, mark in STATUS_MARK.items())
    body = [(md(r.id), md(r.text), *(STATUS_MARK[s] for s in r.status)) for r in rows]
    return [f"Legend: {legend}", "", *_table(["id", "fact", *(md(o.short) for o in story.outlets)], body)]


def _contradictions(dossier: Dossier, story: Story) -> list[str]:
    found = [c for c in dossier.alignment.contradictions if not c.update] if dossier.alignment else []
    if not found:
        return ["_No outlet contradicts another._", ""]
    out = []
    for c in found:
        out += [f"### {md(c.about)} ({md(c.kind)})", ""]
        for side in contradiction_sides(dossier, c, story):
            words = " ".join(f"**{md(t)}**" if diff else md(t) for t, diff in side.segments)
            out.append(f"- **{md(side.value)}** — {md(', '.join(side.outlets))}: {words}")
        out.append("")
    return out


def _quotes(dossier: Dossier, story: Story) -> list[str]:
    out = []
    for g in quote_groups(dossier, story):
        out += [f"### {md(g.speaker)} ({len(g.quotes)} quotes)", ""]
        for v in g.variants:
            out += ["Same words, several renderings:", "", *_quoted(v), ""]
        out += [f"- **{md(q.outlet)}**: {md(q.text)}" for q in g.quotes]
        out.append("")
    return out or ["_No quotes found._", ""]


def _framing(dossier: Dossier, story: Story) -> list[str]:
    if not dossier.framing:
        return ["_The outlets name things the same way._", ""]
    rows = []
    for r in dossier.framing:
        own, quoted = dict(r.choices), dict(r.in_quotes)
        cells = [
            "; ".join([md(t) for t in own.get(o.doc, ())] + [f"_“{md(t)}” (in quotes)_" for t in quoted.get(o.doc, ())])
            or "–"
            for o in story.outlets
        ]
        rows.append((f"{md(r.referent)} ({md(r.kind)})", *cells))
    return [
        "Plain: the outlet's own words; italics: only inside a quotation.",
        "",
        *_table(["referent", *(md(o.name) for o in story.outlets)], rows),
    ]


def _reuse(dossier: Dossier, story: Story) -> list[str]:
    if not dossier.reuse:
        return ["_No outlet reuses another's text._", ""]
    rows = [
        (
            md(story.names.get(e.source, e.source)),
            md(story.names.get(e.derived, e.derived)),
            f"{e.score:.2f}",
            md(e.kind),
            md(e.direction_from),
        )
        for e in dossier.reuse
    ]
    out = _table(["source", "reused by", "score", "kind", "direction from"], rows)
    top = dossier.reuse[0]
    if top.evidence:
        out += [
            f"Evidence for the strongest edge ({md(story.names.get(top.source, top.source))} → "
            f"{md(story.names.get(top.derived, top.derived))}):",
            "",
        ]
        for pair in top.evidence:
            out += [*_quoted(evidence(dossier, pair, story.names)), ""]
    return out


def _timeline(dossier: Dossier, story: Story) -> list[str]:
    if not dossier.timeline:
        return ["_No dated happenings._", ""]
    out = []
    for t in dossier.timeline:
        who = ", ".join(dict.fromkeys(story.names.get(s.doc, s.doc) for s in t.support))
        rivals = "; ".join(f"{story.names.get(d, d)} gives {v}" for d, v in t.disputed)
        out.append(
            f"- **{md(readable_when(t))}** {md(t.description or t.event or 'dated')} — {md(who)}"
            + (f" (**disputed**: {md(rivals)})" if rivals else "")
        )
    return [*out, ""]


def render_markdown(dossier: Dossier) -> str:
    story = story_of(dossier)
    lines = [
        f"# {md(story.title)}",
        "",
        f"{len(story.outlets)} outlets · newsprism {md(dossier.version)} · {md(dossier.created)}",
        "",
    ]
    for title, part in (
        ("Summary", _summary(dossier, story)),
        ("Contradictions", _contradictions(dossier, story)),
        ("Timeline", _timeline(dossier, story)),
        ("Outlets", _outlets(story)),
        ("Facts × outlets", _matrix(dossier, story)),
        ("Quotes", _quotes(dossier, story)),
        ("Framing", _framing(dossier, story)),
        ("Text reuse", _reuse(dossier, story)),
    ):
        lines += [f"## {title}", "", *part]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(dossier: Dossier, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(dossier), encoding="utf-8")
    return path
