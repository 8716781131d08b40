"""Inline SVG charts for the HTML report: the reuse graph and the timeline (no scripts, no network)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from newsprism.records import ReuseEdge, TimelineEntry
from newsprism.report.views import Outlet, entry_period, period, readable_when

WIDTH = 760
LABEL_CHARS = 44  # a row's description is cut here on the chart (in full in the list below it)


def reuse_svg(outlets: Sequence[Outlet], edges: Sequence[ReuseEdge]) -> str:
    """Outlets on a circle; an arrow from source to derived, thicker for more reuse; dashed for a common source."""
    if not outlets:
        return ""
    size, radius = 420, 150
    cx = cy = size / 2
    pos = {}
    for i, o in enumerate(outlets):
        angle = -math.pi / 2 + 2 * math.pi * i / len(outlets)
        pos[o.doc] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    top = max((e.score for e in edges), default=1.0) or 1.0
    parts = [
        f'<svg class="chart reuse-graph" viewBox="0 0 {size} {size}" role="img" '
        'aria-label="Text reuse between outlets">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" markerHeight="14" '
        'markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>',
    ]
    for e in sorted(edges, key=lambda e: e.score):
        if e.source not in pos or e.derived not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.derived]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        pad = 30  # stop at the node's edge
        x1, y1, x2, y2 = x1 + dx / dist * pad, y1 + dy / dist * pad, x2 - dx / dist * pad, y2 - dy / dist * pad
        width = 1 + 7 * e.score / top
        cls = "edge common" if e.kind == "common-source" else "edge"
        parts.append(
            f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width:.1f}" marker-end="url(#arrow)"><title>{escape(e.source)} → {escape(e.derived)}: '
            f"{escape(e.kind)}, {e.score:.2f}</title></line>"
        )
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        parts.append(f'<text class="edge-label" x="{mx:.1f}" y="{my - 4:.1f}">{e.score:.2f}</text>')
    for o in outlets:
        x, y = pos[o.doc]
        parts.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="26"/><text x="{x:.1f}" y="{y + 5:.1f}">'
            f"{escape(o.short)}</text><title>{escape(o.name)}</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _x(day: dt.date, first: dt.date, span_days: float, left: float, right: float) -> float:
    return left + (day - first).days / span_days * (right - left)


def timeline_svg(entries: Sequence[TimelineEntry], names: dict[str, str]) -> str:
    """One row per happening: a dot for a day, a bar spanning a range, week or month; a disputed date in red,
    joined to its rival by a dash.  Rows are labelled with what happened, not a lemma."""
    rows = [(e, p) for e in entries if (p := entry_period(e)) is not None]
    if not rows:
        return ""
    rival_periods = [period(d) for e, _p in rows for _doc, d in e.disputed]
    starts = [p[0] for _e, p in rows] + [p[0] for p in rival_periods if p]
    ends = [p[1] for _e, p in rows] + [p[1] for p in rival_periods if p]
    first, last = min(starts), max(ends)
    span_days = max(1.0, float((last - first).days))
    left, right, row_h, top = 300.0, WIDTH - 30.0, 30, 40
    height = top + row_h * len(rows) + 10
    parts = [f'<svg class="chart timeline-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Timeline">']
    # axis: a tick at each month start (or each week when the story spans under two months)
    ticks = []
    day = first.replace(day=1)
    step_weekly = span_days < 60
    while day <= last:
        if day >= first:
            ticks.append(day)
        if step_weekly:
            day += dt.timedelta(days=7)
        else:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    for t in ticks:
        x = _x(t, first, span_days, left, right)
        label = t.strftime("%d %b") if step_weekly else t.strftime("%b %Y")
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{top - 12}" x2="{x:.1f}" y2="{height - 5}"/>')
        parts.append(f'<text class="tick-label" x="{x:.1f}" y="{top - 16}">{escape(label)}</text>')
    for i, (e, (start, end)) in enumerate(rows):
        y = top + i * row_h + row_h / 2
        docs = sorted({s.doc for s in e.support})
        who = ", ".join(names.get(d, d) for d in docs)
        full = e.description or e.event or "dated"
        label = full if len(full) <= LABEL_CHARS else full[: LABEL_CHARS - 1].rsplit(" ", 1)[0] + " …"
        parts.append(
            f'<text class="row-label" x="{left - 8}" y="{y + 4:.1f}">{escape(label)}'
            f"<title>{escape(readable_when(e))}: {escape(full)} ({escape(who)})</title></text>"
        )
        x1, x2 = _x(start, first, span_days, left, right), _x(end, first, span_days, left, right)
        cls = "mark disputed" if e.disputed else "mark"
        if (end - start).days <= 1:
            parts.append(
                f'<circle class="{cls}" cx="{x1:.1f}" cy="{y:.1f}" r="6"><title>{escape(who)}</title></circle>'
            )
        else:
            parts.append(
                f'<rect class="{cls}" x="{x1:.1f}" y="{y - 6:.1f}" width="{max(4.0, x2 - x1):.1f}" height="12" '
                f'rx="4"><title>{escape(who)}</title></rect>'
            )
        parts.append(f'<text class="count" x="{max(x1, x2) + 10:.1f}" y="{y + 4:.1f}">{len(docs)}</text>')
        for doc, other in e.disputed:
            p = period(other)
            if p is None:
                continue
            xo = _x(p[0], first, span_days, left, right)
            parts.append(
                f'<line class="dispute" x1="{x1:.1f}" y1="{y:.1f}" x2="{xo:.1f}" y2="{y:.1f}"/>'
                f'<circle class="rival" cx="{xo:.1f}" cy="{y:.1f}" r="5"><title>{escape(names.get(doc, doc))}: '
                f"{escape(other)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)
