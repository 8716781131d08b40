"""`newsprism ingest SOURCE... --db PATH`: read folders, JSONL, WARC archives and feeds into the store."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsprism.cli.options import db_option, delay_option, set_option, settings_from
from newsprism.errors import NewsprismError


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@delay_option
@click.option(
    "--cluster/--no-cluster",
    default=True,
    show_default=True,
    help="Put the new articles into stories after reading them.",
)
@click.option("--quiet", is_flag=True, help="Print only the counts.")
@set_option
def ingest(
    sources: tuple[str, ...], db_url: str, delay: float, cluster: bool, quiet: bool, set_pairs: tuple[str, ...]
) -> None:
    """Store the articles in SOURCE... (folders, .txt/.html/.json/.jsonl files, .warc(.gz) archives,
    RSS/Atom feeds by URL or .rss/.atom/.xml file).

    Rerunning is safe: articles already stored are recognised (same text or canonical URL), near copies
    (syndicated wire text) are linked to their original, and inputs a run finished are not read again.
    """
    from newsprism.cluster.stories import cluster_pending
    from newsprism.store.ingest import ingest_sources
    from newsprism.store.store import Store

    settings = settings_from(set_pairs)
    console = Console(stderr=True, quiet=quiet)
    try:
        with (
            Store(db_url) as store,
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed} inputs"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("reading", total=None)
            summary = ingest_sources(
                list(sources),
                store,
                settings,
                fetch_delay=delay,
                progress=lambda origin: bar.update(task, advance=1, description=origin[-60:]),
            )
            clustered = []
            if cluster:
                bar.update(task, description="clustering into stories")
                clustered = cluster_pending(store, settings)
    except NewsprismError as exc:
        raise click.ClickException(str(exc)) from exc
    for r in summary.reports:
        if r.outcome.value in ("failed", "skipped") and not quiet:
            console.print(f"[yellow]{r.outcome.value}[/yellow] {r.origin}: {r.reason}")
    counts = summary.counts()
    click.echo(
        f"stored {summary.added} new article(s) ({summary.near_duplicates} near copies linked), "
        f"{summary.already_stored} already stored, {summary.resumed} input(s) finished earlier"
        + "".join(f", {k} {v}" for k, v in sorted(counts.items()))
        + (
            f"; {len(clustered)} article(s) clustered into {len({a.story_id for a in clustered})} stories"
            if cluster
            else ""
        )
    )
