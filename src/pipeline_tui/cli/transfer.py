"""Commands: export / import the whole database as JSON."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import click

from pipeline_tui.cli.common import (
    OutputPath,
    emit,
    force_option,
    load_pack,
    open_repo,
    read_input,
    remember_copy,
    settings,
)
from pipeline_tui.cli.texts import one, say, spoken
from pipeline_tui.errors import StorageError, UserError


@click.command("export")
@click.option("--output", "-o", type=OutputPath(path_type=Path, dir_okay=False))
@force_option
def export(output: Path | None, force: bool) -> None:
    """Its help: `cli.help.export` in the catalog."""
    from pipeline_tui.store.queries import connect_current
    from pipeline_tui.store.vetting import vet

    # A local file at the current schema is read with the stdlib (no ORM row processing);
    # anything else (a server, another revision, not ours) through the storage layer.
    path = settings().db_path
    if path is not None and not path.exists():
        # An export only reads: a mistyped --db made an empty database there and wrote an
        # export of nobody, exit 0.
        raise UserError(say("export_no_database", path=path))
    local = connect_current(path)
    if local is None and path is not None:
        state = vet(path)  # what the storage layer refuses, refused before importing it
        if state is not None and state.revision is not None:
            _export_old(path, state.revision, output, force=force)
            return
    from pipeline_tui.store.exporting import export_lines_sqlite, sqlite_exportable

    if local is not None and not sqlite_exportable(local):
        local.close()
        local = None
    if local is not None:
        try:
            emit(export_lines_sqlite(local), output, force=force)
        finally:
            local.close()
    else:
        from pipeline_tui.store.transfer import export_lines

        repo = open_repo(reading=True)
        emit(export_lines(repo.engine), output, force=force)
        repo.close()
    if output is not None:
        remember_copy("export", output)


def _export_old(path: Path, revision: str, output: Path | None, *, force: bool) -> None:
    """Export a database of an earlier schema through an upgraded copy: an export only
    reads, and upgraded in place the file could no longer be opened by the program that
    wrote it (a colleague's older version, the copy kept before an upgrade). `db backup`
    copies such a file as it is; `db upgrade` upgrades it."""
    import tempfile

    from pipeline_tui.store.engine import backup_sqlite
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.store.revisions import HEAD
    from pipeline_tui.store.transfer import export_lines

    _sweep_copies()
    with (
        _signals_end_it(),  # the folder is removed when the export is ended (kill, closed terminal)
        tempfile.TemporaryDirectory(prefix=f"{COPY_PREFIX}{os.getpid()}-") as folder,  # owner-only
    ):
        copy = Path(folder) / path.name
        try:
            backup_sqlite(path, copy)
        except StorageError as exc:  # said as an export says it: not "no backup was written"
            if exc.reason != "backup_damaged":
                raise
            error = exc.values.get("error")
            raise StorageError(
                f"the database {path} is damaged ({error}): nothing was changed; "
                "restore it from a backup",
                "damaged",
                db=path,
                error=error,
            ) from None
        repo = open_repository(str(copy), reading=True)  # upgrades the copy
        try:
            emit(export_lines(repo.engine), output, force=force)
        finally:
            repo.close()
    if output is not None:
        remember_copy("export", output)
    click.echo(say("exported_old_schema", path=path, revision=revision, head=HEAD), err=True)


# The private temporary copy an old database is exported from: named by the process that
# made it, so that a later export removes one left by a process killed before it could.
COPY_PREFIX = "pipeline-tui-export-"


@contextlib.contextmanager
def _signals_end_it() -> Iterator[None]:
    """SIGTERM and SIGHUP end the command as ctrl+c does, by an exception, so that what it
    made to remove is removed (by default they end the process where it stands)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signums = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    kept = {signum: signal.signal(signum, end) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in kept.items():
            signal.signal(signum, handler)


def _sweep_copies() -> None:
    """Remove the temporary copies (whole databases) that exports killed outright (kill -9, a
    power cut) left in the temporary folder: this user's, of a process no longer running."""
    import shutil
    import tempfile

    if os.name != "posix":  # os.kill(pid, 0) would signal the process there, not look at it
        return
    with contextlib.suppress(OSError):
        for folder in Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*-*"):
            pid = folder.name[len(COPY_PREFIX) :].split("-", 1)[0]
            if not pid.isdigit() or folder.is_symlink() or not folder.is_dir():
                continue
            if folder.stat().st_uid != os.getuid() or _running(int(pid)):
                continue
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_(file: Path) -> None:
    """Its help: `cli.help.import` in the catalog."""
    from pipeline_tui.store.transfer import SHOWN, ImportProblems, import_rows, read_export

    data = read_input(file)
    try:  # A person's layer must be one of the pack's, as in a roster.
        tables = read_export(data, layers=load_pack().layer_keys())
    except ImportProblems as refused:  # said in the language asked, one problem a line
        lines = [say("not_imported"), *(spoken(p) for p in refused.problems[:SHOWN])]
        if len(refused.problems) > SHOWN:
            lines.append(say("not_imported_more", n=len(refused.problems) - SHOWN))
        raise UserError("\n".join(lines)) from None
    repo = open_repo()
    counts = import_rows(repo, tables)
    repo.close()
    click.echo(say("imported_into", what=_imported(counts), where=repo.description))


def _imported(counts: dict[str, int]) -> str:
    """What an import wrote, in the catalog's words for each table's rows (counted, one in
    the singular): "2 personer, 1 samtale og 5 vurderinger"; "intet" when nothing."""
    said = [say(f"imported.{table}{one(n)}", n=n) for table, n in counts.items() if n]
    if not said:
        return say("nothing")
    if len(said) == 1:
        return said[0]
    return say("imported.and", first=", ".join(said[:-1]), last=said[-1])


COMMANDS = [export, import_]
