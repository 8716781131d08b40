"""`newsprism analyze PATH...`: read articles, build the story dossier, write the reports."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console

from newsprism.cli.options import set_option, settings_from
from newsprism.errors import NewsprismError

DEFAULT_OUT = Path("newsprism-report")


def check_writable(path: Path) -> None:
    """Fail before the analysis, not after it, when a report could not be written to ``path``."""
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder; give a file name", param_hint="report path")
    parent = path.parent
    while not parent.exists():  # the writers create missing folders: check the nearest existing one
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise click.BadParameter(f"cannot write {path}: {parent} is not a writable folder", param_hint="report path")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--json", "json_path", type=click.Path(path_type=Path, dir_okay=False), help="Write the dossier JSON here."
)
@click.option(
    "--md", "md_path", type=click.Path(path_type=Path, dir_okay=False), help="Write the Markdown report here."
)
@click.option(
    "--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), help="Write the HTML report here."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=f"Write dossier.json, dossier.md and dossier.html here when no --json/--md/--html is given "
    f"(default: ./{DEFAULT_OUT}).",
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="CSV with header path,outlet,url,published,title: metadata that wins over guesses.",
)
@click.option("--db", "db_url", help="Analyse stories from this store (a SQLite path or postgresql:// URL).")
@click.option("--story", "story_ids", multiple=True, help="With --db: the story to analyse (repeatable; default all).")
@click.option("--quiet", is_flag=True, help="Print only where the reports went.")
@set_option
def analyze(
    paths: tuple[Path, ...],
    json_path: Path | None,
    md_path: Path | None,
    html_path: Path | None,
    out_dir: Path | None,
    manifest: Path | None,
    db_url: str | None,
    story_ids: tuple[str, ...],
    quiet: bool,
    set_pairs: tuple[str, ...],
) -> None:
    """Compare how the outlets in PATH... (files or folders, read recursively) covered one story.

    Reads .txt, .html/.htm, .jsonl/.json (and a manifest.csv in a folder), then writes the dossier as JSON,
    Markdown and a self-contained HTML report, and prints a short summary.
    """
    from newsprism.batch import analyze_stored_stories
    from newsprism.report.run import analyze_paths

    settings = settings_from(set_pairs)
    console = Console(stderr=False, quiet=False)
    try:
        if db_url:
            written = analyze_stored_stories(db_url, list(story_ids) or None, out_dir or DEFAULT_OUT, settings)
        else:
            if not paths:
                raise click.UsageError("give at least one file or folder (or --db)")
            targets = {"json": json_path, "md": md_path, "html": html_path}
            if not any(targets.values()):
                base = out_dir or DEFAULT_OUT
                targets = {"json": base / "dossier.json", "md": base / "dossier.md", "html": base / "dossier.html"}
            for target in targets.values():
                if target is not None:
                    check_writable(target)
            written = analyze_paths(list(paths), targets, settings, manifest, console, quiet=quiet)
    except NewsprismError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # a report could not be written (disk full, permissions changed mid-run)
        raise click.ClickException(f"cannot write {exc.filename or 'a report'}: {exc.strerror or exc}") from exc
    for path in written:
        console.print(f"[bold]report:[/bold] {path}")
