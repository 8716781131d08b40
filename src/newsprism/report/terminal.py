"""Dossier -> a compact rich rendering for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.records import Dossier, Outcome
from newsprism.synthesize.outlets import label_names

MAX_ROWS = 8


def print_summary(dossier: Dossier, console: Console) -> None:
    counts = {o: sum(r.outcome is o for r in dossier.inputs) for o in Outcome}
    console.print(
        f"[bold]inputs[/bold]: {counts[Outcome.OK]} read, {counts[Outcome.SKIPPED]} skipped, "
        f"{counts[Outcome.FAILED]} failed, {counts[Outcome.DUPLICATE]} duplicate"
    )
    for r in dossier.inputs:
        if r.outcome is not Outcome.OK:
            console.print(f"  [yellow]{r.outcome.value}[/yellow] {escape(r.origin)}: {escape(str(r.reason))}")
        for note in r.notes:
            console.print(f"  [dim]note[/dim] {escape(r.origin)}: {escape(note)}")
    names = label_names(dossier.documents)
    outlets = Table(title="Outlets", show_edge=False, pad_edge=False)
    for col in ("doc", "outlet", "published", "title"):
        outlets.add_column(col, overflow="fold")
    for d in dossier.documents:
        outlets.add_row(d.id, names[d.id], d.published.isoformat() if d.published else "?", (d.title or "")[:60])
    console.print(outlets)
    if dossier.summary:
        console.print("[bold]What happened[/bold]")
        for s in dossier.summary:
            cited = ", ".join(names.get(d, d) for d in s.sources)
            console.print(f"  • {escape(s.text)} [dim]({escape(cited)})[/dim]")
    al = dossier.alignment
    if al is not None:
        shared = sum(len(f.outlets) > 1 for f in al.facts)
        console.print(f"[bold]facts[/bold]: {len(al.facts)} ({shared} carried by several outlets)")
        for c in al.contradictions:
            sides = " vs ".join(
                f"{s.value} ({', '.join(sorted({names.get(sp.doc, sp.doc) for sp in s.support}))})" for s in c.sides
            )
            console.print(f"  [red]contradiction[/red] {escape(c.about)}: {escape(sides)}")
    if dossier.framing:
        table = Table(title="Framing (own words; in quotes only in parentheses)", show_edge=False, pad_edge=False)
        table.add_column("referent", overflow="fold")
        for d in dossier.documents:
            table.add_column(names[d.id][:14], overflow="fold")
        for row in dossier.framing[:MAX_ROWS]:
            own, quoted = dict(row.choices), dict(row.in_quotes)
            cells = [
                ", ".join([*own.get(d.id, ())[:2], *(f"({t})" for t in quoted.get(d.id, ())[:1])]) or "–"
                for d in dossier.documents
            ]
            table.add_row(escape(row.referent), *(escape(c) for c in cells))
        console.print(table)
    for edge in dossier.reuse[:3]:
        console.print(
            f"[bold]reuse[/bold] {escape(names.get(edge.derived, edge.derived))} ← "
            f"{escape(names.get(edge.source, edge.source))}: {edge.kind}, {edge.score:.2f} "
            f"[dim](direction from {edge.direction_from})[/dim]"
        )
    if dossier.timeline:
        console.print("[bold]timeline[/bold]")
        for t in dossier.timeline[: MAX_ROWS * 2]:
            who = ", ".join(dict.fromkeys(names.get(s.doc, s.doc) for s in t.support))
            rivals = "; ".join(f"{names.get(d, d)}: {v}" for d, v in t.disputed)
            note = f" [red]disputed[/red] ({escape(rivals)})" if rivals else ""
            what = escape(t.description or t.event or "dated")
            console.print(f"  {t.date:<10} {what} [dim]{escape(who)}[/dim]{note}")
    if dossier.analysis is not None:
        console.print(
            f"[bold]entities[/bold]: {len(dossier.analysis.entities)}, "
            f"[bold]quotes[/bold]: {sum(len(a.quotes) for a in dossier.analysis.documents)}"
        )
