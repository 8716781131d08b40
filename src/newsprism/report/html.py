"""Dossier -> one self-contained HTML file (inline CSS, one small inline script, inline SVG; no network).

Every piece of article text goes through ``html.escape``; a Content-Security-Policy admits only the
report's own script (by hash), so a ``<script>`` inside an article is shown as text and could not run
even if it slipped through.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from newsprism.records import Dossier, FramingChoice, ReuseEdge, SummarySentence, TimelineEntry
from newsprism.report.html_assets import CSS, JS
from newsprism.report.html_charts import reuse_svg, timeline_svg
from newsprism.report.views import (
    STATUS_MARK,
    Evidence,
    FactRow,
    Story,
    contradiction_sides,
    evidence,
    fact_matrix,
    quote_groups,
    readable_when,
    story_of,
)
from newsprism.synthesize.summary import readable_value

KIND_NAMES = {"name": "spelling", "label": "label", "actor": "label", "loaded": "loaded term?"}
MATRIX_FIRST = 10  # facts shown before "show all"

SECTIONS = (  # what a reader needs first: what happened, where outlets disagree, then the detail
    ("summary", "Summary"),
    ("contradictions", "Contradictions"),
    ("timeline", "Timeline"),
    ("outlets", "Outlets"),
    ("matrix", "Facts × outlets"),
    ("quotes", "Quotes"),
    ("framing", "Framing"),
    ("reuse", "Text reuse"),
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _evidence_list(items: Iterable[Evidence]) -> str:
    return "".join(f'<p><span class="src">{_e(ev.outlet)}</span>“{_e(ev.text)}”</p>' for ev in items)


def outlets_section(story: Story) -> str:
    cards = []
    for o in story.outlets:
        meta = " · ".join(_e(x) for x in (o.published or "date unknown", o.byline) if x)
        link = f' · <a href="{_e(o.url)}" rel="noreferrer">source</a>' if o.url else ""
        cards.append(
            f'<article class="outlet" title="document {_e(o.doc)}"><span class="badge">{_e(o.short)}</span>'
            f"<h3>{_e(o.name)}</h3>"
            f'<div class="meta">{meta}{link}</div><div>{_e(o.title or "")}</div>'
            f'<div class="meta">{o.facts} facts carried, {o.unique} only here</div>'
            f'<div class="meta docid">file {_e(o.doc)}</div>'
            f'<details><summary>Article text</summary><div class="body">{_e(o.body)}</div></details></article>'
        )
    return f'<div class="outlets">{"".join(cards)}</div>'


def summary_section(dossier: Dossier, story: Story, sentences: Sequence[SummarySentence]) -> str:
    if not sentences:
        return '<p class="empty">No facts were found to summarise.</p>'
    shorts = {o.doc: o.short for o in story.outlets}
    items = []
    for i, s in enumerate(sentences, 1):
        marks, panels = [], []
        for doc in s.sources:
            pid = f"ev-{i}-{_e(doc)}"
            spans = [sp for sp in s.support if sp.doc == doc]
            marks.append(
                f'<button type="button" class="cite" aria-expanded="false" aria-controls="{pid}" '
                f'title="{_e(story.names.get(doc, doc))}">{_e(shorts.get(doc, doc))}</button>'
            )
            body = _evidence_list(evidence(dossier, spans, story.names)) or (
                f'<p><span class="src">{_e(story.names.get(doc, doc))}</span>carries facts {_e(", ".join(s.facts))}</p>'
            )
            panels.append(f'<div class="evidence" id="{pid}">{body}</div>')
        items.append(f'<li id="s{i}"><span class="stext">{_e(s.text)}</span>{"".join(marks)}{"".join(panels)}</li>')
    return (
        '<p class="hint">Each sentence is one outlet’s wording of a fact several outlets carry. '
        "Press a mark to see the evidence.</p>"
        f'<ol class="summary">{"".join(items)}</ol>'
    )


def matrix_section(dossier: Dossier, story: Story) -> str:
    rows = fact_matrix(dossier, story)
    if not rows:
        return '<p class="empty">No facts were aligned.</p>'
    head = "".join(f'<th title="{_e(o.name)}">{_e(o.short)}</th>' for o in story.outlets)
    legend = "".join(f"<span>{mark} {name}</span>" for name, mark in STATUS_MARK.items())
    legend += "".join(
        f'<span title="document {_e(o.doc)}"><b>{_e(o.short)}</b> {_e(o.name)}</span>' for o in story.outlets
    )

    def table(chosen: Sequence[FactRow]) -> str:
        body = []
        for r in chosen:
            cells = "".join(
                f'<td class="st {st}" title="{_e(o.name)}: {st}">{STATUS_MARK[st]}</td>'
                for o, st in zip(story.outlets, r.status, strict=True)
            )
            body.append(
                f'<tr><td class="fact"><details><summary>{_e(r.text)}</summary>'
                f"{_evidence_list(r.evidence)}</details></td>{cells}</tr>"
            )
        return f'<div class="scroll"><table class="matrix"><tr><th>fact</th>{head}</tr>{"".join(body)}</table></div>'

    first, rest = rows[:MATRIX_FIRST], rows[MATRIX_FIRST:]
    shared = sum(sum(st != "omitted" for st in r.status) > 1 for r in rows)
    out = (
        f'<p class="legend">{legend}</p><p class="hint">{len(rows)} facts, {shared} carried by several outlets; '
        "the most widely carried first. Press a fact to see each outlet’s wording.</p>" + table(first)
    )
    if rest:
        out += f'<details class="more"><summary>Show all {len(rows)} facts</summary>{table(rest)}</details>'
    return out


def contradictions_section(dossier: Dossier, story: Story) -> str:
    found = [c for c in dossier.alignment.contradictions if not c.update] if dossier.alignment else []
    if not found:
        return '<p class="empty">No outlet contradicts another.</p>'
    out = []
    for c in found:
        sides = []
        for side in contradiction_sides(dossier, c, story):
            words = " ".join(f"<mark>{_e(t)}</mark>" if diff else _e(t) for t, diff in side.segments)
            sides.append(
                f'<div class="side"><div class="value">{_e(side.value)}</div>'
                f'<div class="meta">{_e(", ".join(side.outlets))}</div><p>{words}</p></div>'
            )
        out.append(
            f'<h3>{_e(c.about)} <span class="kind">{_e(c.kind)}</span></h3><div class="sides">{"".join(sides)}</div>'
        )
    return "".join(out)


def quotes_section(dossier: Dossier, story: Story) -> str:
    groups = quote_groups(dossier, story)
    if not groups:
        return '<p class="empty">No quotes found.</p>'
    out = []
    for g in groups:
        by_outlet: dict[str, list[str]] = {}
        for q in g.quotes:
            by_outlet.setdefault(q.outlet, []).append(f"<blockquote>{_e(q.text)}</blockquote>")
        quotes = "".join(
            f'<div class="quote-outlet"><span class="src">{_e(name)}</span>{"".join(items)}</div>'
            for name, items in by_outlet.items()
        )
        variants = "".join(
            f'<div class="variant"><div class="kind">same words, several renderings</div>{_evidence_list(v)}</div>'
            for v in g.variants
        )
        rendered = f", {len(g.variants)} rendered differently" if g.variants else ""
        out.append(
            f'<details class="quote-group"><summary><b>{_e(g.speaker)}</b> <span class="kind">{len(g.quotes)} '
            f"quotes from {len(by_outlet)} outlets{rendered}</span></summary>{variants}{quotes}</details>"
        )
    return '<p class="hint">Quotes by speaker, most quoted first; press a speaker to read them.</p>' + "".join(out)


def framing_section(story: Story, rows: Sequence[FramingChoice]) -> str:
    if not rows:
        return '<p class="empty">The outlets name things the same way.</p>'
    head = "".join(f'<th title="document {_e(o.doc)}">{_e(o.name)}</th>' for o in story.outlets)
    body = []
    for r in rows:
        own, quoted = dict(r.choices), dict(r.in_quotes)
        cells = []
        for o in story.outlets:
            parts = [f'<span class="own">{_e(t)}</span>' for t in own.get(o.doc, ())]
            parts += [
                f'<span class="inq" title="only inside a quotation">“{_e(t)}”</span>' for t in quoted.get(o.doc, ())
            ]
            cells.append(f"<td>{'<br>'.join(parts) or '–'}</td>")
        kind = KIND_NAMES.get(r.kind, r.kind)
        body.append(f'<tr><th>{_e(r.referent)}<div class="kind">{_e(kind)}</div></th>{"".join(cells)}</tr>')
    return (
        '<p class="hint">Bold: the outlet’s own words. Grey italics in quotation marks: words it carries only '
        "inside a quotation. “Loaded term?” rows are phrases some outlet only quotes while fewer use them in their "
        "own voice: candidates for a reader to judge.</p>"
        f'<div class="scroll"><table class="framing"><tr><th>referent</th>{head}</tr>'
        f"{''.join(body)}</table></div>"
    )


def reuse_section(dossier: Dossier, story: Story, edges: Sequence[ReuseEdge]) -> str:
    if not edges:
        return '<p class="empty">No outlet reuses another’s text.</p>'
    rows = []
    for e in edges:
        ev = "".join(f"<p>{_evidence_list(evidence(dossier, pair, story.names))}</p>" for pair in e.evidence)
        rows.append(
            f"<tr><td>{_e(story.names.get(e.source, e.source))}</td><td>{_e(story.names.get(e.derived, e.derived))}"
            f"</td><td>{e.score:.2f}</td><td>{_e(e.kind)}<div class='kind'>direction: {_e(e.direction_from)}</div>"
            f"</td><td><details><summary>{len(e.evidence)} passages</summary>{ev}</details></td></tr>"
        )
    return (
        f'{reuse_svg(story.outlets, edges)}<p class="hint">An arrow points from the source to the outlet '
        'reusing its text; dashed: both quote a common source.</p><div class="scroll"><table><tr><th>source</th>'
        f"<th>reused by</th><th>score</th><th>kind</th><th>evidence</th></tr>{''.join(rows)}</table></div>"
    )


def timeline_section(dossier: Dossier, story: Story, entries: Sequence[TimelineEntry]) -> str:
    if not entries:
        return '<p class="empty">No dated happenings.</p>'
    items = []
    for t in entries:
        who = ", ".join(dict.fromkeys(story.names.get(s.doc, s.doc) for s in t.support))
        rivals = "; ".join(f"{story.names.get(d, d)} gives {readable_value(v)}" for d, v in t.disputed)
        note = f' <span class="disputed-note">disputed: {_e(rivals)}</span>' if rivals else ""
        items.append(
            f"<li><b>{_e(readable_when(t))}</b> {_e(t.description or t.event or 'dated')} "
            f'<span class="src">{_e(who)}</span>{note}<details><summary>evidence'
            f"</summary>{_evidence_list(evidence(dossier, t.support, story.names))}</details></li>"
        )
    return (
        f'<div class="scroll timeline-wrap">{timeline_svg(entries, story.names)}</div>'
        f'<ul class="timeline">{"".join(items)}</ul>'
    )


def render_html(dossier: Dossier) -> str:
    """The whole report as one HTML string."""
    story = story_of(dossier)
    script_hash = base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    bodies = {
        "outlets": outlets_section(story),
        "summary": summary_section(dossier, story, dossier.summary),
        "matrix": matrix_section(dossier, story),
        "contradictions": contradictions_section(dossier, story),
        "quotes": quotes_section(dossier, story),
        "framing": framing_section(story, dossier.framing),
        "reuse": reuse_section(dossier, story, dossier.reuse),
        "timeline": timeline_section(dossier, story, dossier.timeline),
    }
    nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title in SECTIONS)
    sections = "".join(f'<section id="{key}"><h2>{_e(title)}</h2>{bodies[key]}</section>' for key, title in SECTIONS)
    sub = f"{len(story.outlets)} outlets · newsprism {dossier.version} · {dossier.created}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(story.title)} — newsprism</title><style>{CSS}</style>"
        "<noscript><style>.evidence{display:block}</style></noscript></head><body>"
        f'<header class="top"><h1>{_e(story.title)}</h1><p>{_e(sub)}</p></header>'
        f'<nav class="toc">{nav}</nav><main>{sections}</main><script>{JS}</script></body></html>\n'
    )


def write_html(dossier: Dossier, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(dossier), encoding="utf-8")
    return path
