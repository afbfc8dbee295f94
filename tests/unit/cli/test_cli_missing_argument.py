"""A command given without its required argument says which one is missing, in English as
in Danish, exit 2 (English said "Invalid value for 'FILE': " and nothing after it)."""

from __future__ import annotations

import re

import click
import pytest

from pipeline_tui.cli import COMMAND_MODULES, cli


def commands_with_a_required_argument() -> list[tuple[tuple[str, ...], str]]:
    """Every command of the command line whose first argument is required, and its name
    as the usage line shows it."""
    ctx = click.Context(cli)
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, (*path, name))
            return
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments and arguments[0].required:
            found.append((path, arguments[0].make_metavar(ctx)))

    for name in COMMAND_MODULES:
        command = cli.get_command(ctx, name)
        assert command is not None, name
        walk(command, (name,))
    return found


REQUIRED = commands_with_a_required_argument()


def test_the_tester_s_commands_are_among_them() -> None:
    paths = {path for path, _ in REQUIRED}
    assert {("import",), ("plan", "print"), ("people", "import")} <= paths


@pytest.mark.parametrize(("path", "metavar"), REQUIRED, ids=[" ".join(p) for p, _ in REQUIRED])
def test_a_missing_argument_is_named(run_cli, db_path, path: tuple[str, ...], metavar) -> None:
    english = run_cli("--db", db_path, *path)
    assert english.code == 2, english
    assert english.err.endswith(f"\nError: Missing argument '{metavar}'.\n"), english.err
    danish = run_cli("--lang", "da", "--db", db_path, *path)
    assert danish.code == 2, danish
    first = danish.err.splitlines()[0]  # (the name as the Danish usage line shows it)
    assert re.fullmatch(r"pipeline-tui: mangler argumentet [A-ZÆØÅ_]+", first), danish.err
    assert not db_path.exists()
