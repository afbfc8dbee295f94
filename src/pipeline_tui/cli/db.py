"""Commands: db path / upgrade / backup."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.common import force_option, open_repo, remember_copy, settings
from pipeline_tui.cli.texts import say, spoken
from pipeline_tui.errors import UserError


@click.group()
def db() -> None:
    """Storage housekeeping."""


@db.command("path")
def db_path() -> None:
    """Print where the database is."""
    from pipeline_tui.config import describe

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
@force_option
def db_backup(file: Path, force: bool) -> None:
    """Copy the database to FILE, consistently, even while the app is open."""
    from pipeline_tui.store.engine import backup_sqlite

    path = settings().db_path
    if path is None:
        raise UserError(say("backup_sqlite_only"))
    if file.expanduser().resolve() == path.resolve():
        raise UserError(say("backup_is_database"))
    open_repo(reading=True).close()  # refuses a foreign or newer database before copying it
    backup_sqlite(path, file.expanduser().absolute(), overwrite=force)
    remember_copy("backup", file.expanduser())
    click.echo(say("backed_up", path=path, file=file))


@db.command("check")
def db_check() -> None:
    """Check the database: SQLite's integrity and foreign keys, and this program's own rules
    (orphans, values, versions, managers in a circle). Exit 0, or 2 with what is wrong."""
    from pipeline_tui.store.check import check_database
    from pipeline_tui.store.vetting import vet

    path = settings().db_path
    if path is None:
        raise UserError(say("check_sqlite_only"))
    if not path.exists():
        raise UserError(say("check_no_database", path=path))
    state = vet(path)
    report = check_database(path, state.revision if state is not None else None)
    for problem in report.problems:
        click.echo(f"{path}: {spoken(problem)}", err=True)
    if not report.ok:
        raise UserError(say("check_problems", n=len(report.problems), path=path))
    for note in report.notes:
        click.echo(f"{path}: {spoken(note)}")
    click.echo(say("check_ok", path=path))


COMMANDS = [db]
