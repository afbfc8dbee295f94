"""Commands: db path / upgrade / backup."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.common import open_repo, settings
from pipeline_tui.cli.texts import say
from pipeline_tui.errors import UserError


@click.group()
def db() -> None:
    """Storage housekeeping."""


@db.command("path")
def db_path() -> None:
    """Print where the database is."""
    from pipeline_tui.store.location import describe

    click.echo(describe(settings().db))


@db.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring it to this program's schema."""
    from pipeline_tui.store.revisions import HEAD

    repo = open_repo()
    click.echo(say("up_to_date", where=repo.description, head=HEAD))
    repo.close()


@db.command("backup")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def db_backup(file: Path) -> None:
    """Copy the database to FILE, consistently, even while the app is open."""
    from pipeline_tui.store.engine import backup_sqlite

    path = settings().db_path
    if path is None:
        raise UserError(say("backup_sqlite_only"))
    open_repo().close()  # refuses a foreign or newer database before copying it
    backup_sqlite(path, file.expanduser().resolve())
    click.echo(say("backed_up", path=path, file=file))


COMMANDS = [db]
