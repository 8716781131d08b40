"""The `newsprism` command: a click group; each command lives in its own module."""

from __future__ import annotations

import click

from newsprism import __version__
from newsprism.cli.analyze import analyze
from newsprism.cli.batch import batch
from newsprism.cli.ingest import ingest
from newsprism.cli.stories import stories

COMMANDS: list[click.Command] = [analyze, ingest, stories, batch]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
def cli() -> None:
    """newsprism: one news story seen through every outlet that covered it."""


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli()
