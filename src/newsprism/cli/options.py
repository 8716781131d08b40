"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Sequence

import click

from newsprism.config import Settings, describe
from newsprism.errors import ConfigError


def settings_from(pairs: Sequence[str]) -> Settings:
    """``--set key=value`` pairs -> Settings; bad keys become a usage error naming the known ones."""
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--set")
        values[key.strip()] = value.strip()
    try:
        return Settings().with_values(**values)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from exc


SETTINGS_HELP = "Change a setting (repeatable). Settings: " + "; ".join(f"{k} ({d})" for k, d, _ in describe())

set_option = click.option("--set", "set_pairs", multiple=True, metavar="KEY=VALUE", help=SETTINGS_HELP)

db_option = click.option("--db", "db_url", required=True, help="The store: a SQLite file path or a postgresql:// URL.")
delay_option = click.option(
    "--delay",
    type=float,
    default=1.0,
    show_default=True,
    help="Seconds between two requests to the same site when fetching feed articles.",
)
