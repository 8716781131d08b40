"""The `analyze` job: inputs -> dossier -> reports, with progress and a terminal summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsprism.config import Settings
from newsprism.errors import NothingToAnalyze
from newsprism.ingest import read_inputs
from newsprism.ingest.files import walk
from newsprism.pipeline import build_dossier
from newsprism.records import Dossier
from newsprism.report.json import write_json
from newsprism.report.terminal import print_summary

Writer = Callable[[Dossier, Path], Path]


def renderers() -> dict[str, Writer]:
    """Output format -> writer; the built-ins register like any other."""
    from newsprism.report.html import write_html
    from newsprism.report.markdown import write_markdown

    return {"json": write_json, "md": write_markdown, "html": write_html}


def write_reports(dossier: Dossier, targets: dict[str, Path | None]) -> list[Path]:
    writers = renderers()
    return [writers[fmt](dossier, path) for fmt, path in targets.items() if path is not None]


def analyze_paths(
    paths: list[Path],
    targets: dict[str, Path | None],
    settings: Settings,
    manifest: Path | None,
    console: Console,
    quiet: bool = False,
) -> list[Path]:
    """Read ``paths``, build the dossier, write it to ``targets`` (format -> path); return what was written."""
    total = sum(1 for _ in walk(paths))
    show_bar = not quiet and total >= settings.progress_min_inputs and console.is_terminal
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not show_bar,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=total)
        documents, inputs = read_inputs(paths, settings, manifest, progress=lambda _o: bar.advance(task))
        if not documents:
            problems = "; ".join(f"{r.origin}: {r.outcome.value} ({r.reason})" for r in inputs[:5]) or "no files found"
            raise NothingToAnalyze(
                f"no article could be read from {', '.join(map(str, paths))}: {problems}",
                hint="give .txt, .html or .jsonl articles",
            )
        bar.update(task, description="analysing", total=None)
        stage = (lambda msg: bar.update(task, description=msg)) if show_bar else None
        if not quiet and not show_bar:
            console.print(f"read {len(documents)} article(s); analysing ...")
        dossier = build_dossier(documents, inputs, settings, progress=stage)
    written = write_reports(dossier, targets)
    if not quiet:
        print_summary(dossier, console)
    return written
