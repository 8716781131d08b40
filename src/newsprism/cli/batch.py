"""`newsprism batch SOURCE... --db PATH`: ingest, cluster and analyse every touched story on Dask."""

from __future__ import annotations

from pathlib import Path

import click

from newsprism.cli.options import db_option, delay_option, set_option, settings_from
from newsprism.errors import NewsprismError


@click.command()
@click.argument("sources", nargs=-1)
@db_option
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes of the local cluster."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write each story's dossier here as <story id>.json.",
)
@click.option(
    "--min-documents",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Analyse only stories with at least this many articles.",
)
@click.option("--no-analyze", is_flag=True, help="Only ingest and cluster.")
@delay_option
@set_option
def batch(
    sources: tuple[str, ...],
    db_url: str,
    scheduler: str | None,
    workers: int,
    out_dir: Path | None,
    min_documents: int,
    no_analyze: bool,
    delay: float,
    set_pairs: tuple[str, ...],
) -> None:
    """Run ingest -> story clustering -> per-story analysis for SOURCE... on Dask.

    Without SOURCE, clusters and analyses what the store already holds.  Results are written to the
    store by this process only; workers read and compute.
    """
    from newsprism.batch.runner import BatchOptions, run_batch

    settings = settings_from(set_pairs)
    options = BatchOptions(
        scheduler=scheduler,
        workers=workers,
        out_dir=out_dir,
        min_documents=min_documents,
        analyze=not no_analyze,
        fetch_delay=delay,
    )
    try:
        summary = run_batch(list(sources), db_url, settings, options)
    except NewsprismError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # the scheduler address cannot be reached
        raise click.ClickException(f"cannot reach the Dask scheduler: {exc}") from exc
    for sid, error in summary.failed:
        click.echo(f"failed {sid}: {error}", err=True)
    times = ", ".join(f"{k} {v:.1f}s" for k, v in summary.seconds.items())
    click.echo(
        f"stored {summary.ingest.added} new article(s); clustered {summary.clustered} into "
        f"{summary.stories} stories in total; analysed {len(summary.analysed)} stories, "
        f"{len(summary.failed)} failed ({times})"
    )
