"""Commands: export / import the whole database as JSON."""

from __future__ import annotations

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

    with tempfile.TemporaryDirectory(prefix="pipeline-tui-export-") as folder:  # owner-only
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
