"""Commands: db path / upgrade / backup."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.common import (
    force_option,
    meant_folder,
    open_repo,
    remember_copy,
    settings,
)
from pipeline_tui.cli.texts import one, say, spoken
from pipeline_tui.errors import UserError


@click.group()
def db() -> None:
    """Its help: `cli.help.db` in the catalog."""


@db.command("path")
def db_path() -> None:
    """Its help: `cli.help.db.path` in the catalog."""
    from pipeline_tui.config import describe

    click.echo(describe(settings().db))


@db.command("upgrade")
def db_upgrade() -> None:
    """Its help: `cli.help.db.upgrade` in the catalog."""
    from pipeline_tui.store.revisions import HEAD

    repo = open_repo()
    click.echo(say("up_to_date", where=repo.description, head=HEAD))
    repo.close()


@db.command("backup")
@click.argument("file", type=click.Path(path_type=str))
@force_option
def db_backup(file: str, force: bool) -> None:
    """Its help: `cli.help.db.backup` in the catalog."""
    from pipeline_tui.store.engine import backup_sqlite
    from pipeline_tui.store.vetting import vet

    path = settings().db_path
    if path is None:
        raise UserError(say("backup_sqlite_only"))
    target = _backup_target(file, path)
    if target.resolve() == path.resolve():
        raise UserError(say("backup_is_database"))
    # A backup copies what is there: it never makes the database it is asked to copy, nor
    # one in an empty file, nor upgrades it first (a database of an earlier schema is
    # copied as it is: the copy to keep before an upgrade). `vet` reads the file alone and
    # refuses an empty, foreign or newer one, as every reading command does.
    if not path.exists():
        raise UserError(say("backup_no_database", path=path))
    vet(path, empty_ok=False)
    backup_sqlite(path, target.absolute(), overwrite=force)
    remember_copy("backup", target)
    click.echo(say("backed_up", path=path, file=target))


def _backup_target(file: str, database: Path) -> Path:
    """The file `db backup FILE` writes: FILE, or in the folder FILE a new name (the
    database's, with the date and the time); a name that cannot be one is refused."""
    from pipeline_tui import clock
    from pipeline_tui.files import cannot_write, home_path

    if not file.strip():
        raise UserError(say("backup_blank"))
    if file == "-":  # standard output elsewhere: a backup is a database file, never a stream
        raise UserError(say("backup_dash"))
    target = home_path(file)
    try:
        folder = target.is_dir()
    except OSError as exc:  # a name the system refuses to look at (too long, a loop of links)
        raise cannot_write(target, exc) from exc
    if folder:
        moment = clock.now().astimezone()
        stamp = f"{moment.date().isoformat()}-{moment.hour:02d}{moment.minute:02d}"
        return target / f"{database.stem}-backup-{stamp}{database.suffix or '.db'}"
    meant_folder(file)  # `z/`: a folder meant, and none is there (or z is a file)
    return target


@db.command("check")
def db_check() -> None:
    """Its help: `cli.help.db.check` in the catalog."""
    from pipeline_tui.store.check import check_database
    from pipeline_tui.store.vetting import vet

    path = settings().db_path
    if path is None:
        raise UserError(say("check_sqlite_only"))
    if not path.exists():
        raise UserError(say("check_no_database", path=path))
    state = vet(path, empty_ok=False)  # an empty file is no database to check
    report = check_database(path, state.revision if state is not None else None)
    for problem in report.problems:
        click.echo(f"{path}: {spoken(problem)}", err=True)
    if not report.ok:
        count = len(report.problems)
        raise UserError(say(f"check_problems{one(count)}", n=count, path=path))
    for note in report.notes:
        click.echo(f"{path}: {spoken(note)}")
    click.echo(say("check_ok", path=path))


COMMANDS = [db]
