"""`newsprism stories --db PATH`: list the stories in the store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsprism.cli.options import db_option, set_option, settings_from
from newsprism.errors import NewsprismError


@click.command()
@db_option
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help='Write [{"id", "title", "documents": [document ids]}] here.',
)
@click.option(
    "--cluster/--no-cluster",
    default=True,
    show_default=True,
    help="First put stored articles that have no story yet into stories.",
)
@set_option
def stories(db_url: str, json_path: Path | None, cluster: bool, set_pairs: tuple[str, ...]) -> None:
    """List the stories (biggest first): id, number of articles, independent outlets, title."""
    from newsprism.cluster.stories import cluster_pending
    from newsprism.store.store import Store

    settings = settings_from(set_pairs)
    try:
        with Store(db_url) as store:
            if cluster:
                cluster_pending(store, settings)
            rows = store.stories()
    except NewsprismError as exc:
        raise click.ClickException(str(exc)) from exc
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        data = [{"id": s.id, "title": s.title, "documents": list(s.documents)} for s in rows]
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    for s in rows:
        click.echo(f"{s.id}\t{len(s.documents)} article(s)\t{s.independent} independent\t{s.title or ''}")
    click.echo(f"{len(rows)} stories", err=True)
