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
from pipeline_tui.errors import UserError


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
        vet(path)  # what the storage layer refuses, refused before importing it
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
