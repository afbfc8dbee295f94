"""What the commands share: settings, opening storage and content, writing files."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from pipeline_tui import files
from pipeline_tui.cli.texts import os_error, say
from pipeline_tui.config import Settings
from pipeline_tui.errors import UserError


class _Id(click.IntRange):
    """A whole number written in digits: Python's int() (click's) also takes "1_0" as 10."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()) is None:
            self.fail(f"{value!r} is not a valid integer.", param, ctx)  # (said as a catalog's)
        return super().convert(value, param, ctx)


# An id the database can hold (SQLite's and PostgreSQL's 64-bit integers), and a year a
# date can have: a larger number is refused with one line, exit 2, not a traceback.
ID = _Id(1, 2**63 - 1)
YEAR = click.IntRange(1, 9999)

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.store.repository import Repository


def settings() -> Settings:
    return cast(Settings, click.get_current_context().find_root().obj)  # click keeps it untyped


def open_repo(*, reading: bool = False) -> Repository:
    """The database of --db; `reading` for a command that only reads (it then works in a
    folder that cannot be written)."""
    from pipeline_tui.store.repository import open_repository

    return open_repository(settings().db, reading=reading)


def missing_database() -> Path | None:
    """The database file of --db when it is not there yet (a listing or the overview will
    make it: a first listing on a new path works, as before), for `say_if_made`."""
    path = settings().db_path
    return path if path is not None and not path.exists() else None


def say_if_made(missing: Path | None) -> None:
    """Say on stderr that the database file `missing` was made by a command that only reads:
    a mistyped --db (pipline.db) gave "0 people", exit 0, and nothing else, as if the
    organisation were empty."""
    if missing is not None and missing.exists():
        click.echo(f"pipeline-tui: {say('new_empty_database', path=missing)}", err=True)


def load_pack() -> Pack:
    """The content pack commands work with: the custom one if given, else the default."""
    from pipeline_tui.packs.loader import load_packs

    return load_packs(settings().content_dir).default


def layer_aliases(pack: Pack) -> dict[str, str]:
    """Every accepted spelling of a layer (key, or name in any language; `aliases_of`) -> key."""
    from pipeline_tui.packs.light import aliases_of

    return aliases_of([(layer.key, list(layer.name.root.values())) for layer in pack.layers])


def quick_layer_names(lang: str) -> dict[str, str]:
    """The default pack's layer key -> name in `lang`: from the packs' cache when it is
    current (no pydantic or YAML to import), else from the pack loaded in full."""
    from pipeline_tui.packs.light import layer_names

    names = layer_names(settings().content_dir, lang)
    if names is None:
        names = {item.key: item.name.get(lang) for item in load_pack().layers}
    return names


def quick_kind_names(lang: str) -> dict[str, str]:
    """The default pack's conversation kinds, key -> name in `lang`: from the packs' cache
    when it is current, else from the pack loaded in full."""
    from pipeline_tui.packs.light import pack_names

    names = pack_names(settings().content_dir)
    kinds = names.kinds if names is not None else load_pack().kinds
    return {kind.key: kind.name.get(lang) for kind in kinds}


def quick_layer_key(given: str) -> str:
    """The layer key a user's spelling names (key or name, any language, any case), checked
    against the cached pack when it is current, else the pack loaded in full; exit 2 if none."""
    from pipeline_tui.packs import light

    aliases = light.layer_aliases(settings().content_dir)
    if aliases is None:
        aliases = layer_aliases(load_pack())
    key = aliases.get(given.strip().lower())
    if key is None:
        raise UserError(unknown_layer(given, aliases))
    return key


def unknown_layer(given: str, aliases: dict[str, str]) -> str:
    """A layer not found among `aliases` (`aliases_of`), with the layers' keys and the
    spelling closest to what was typed, if one is ("did you mean 'leder af ledere'?")."""
    from pipeline_tui.packs.light import meant_layer

    known = ", ".join(dict.fromkeys(aliases.values()))  # the layers' keys, in pack order
    meant = meant_layer(given, aliases)
    if meant is None:
        return say("unknown_layer", layer=given, known=known)
    return say("unknown_layer_meant", layer=given, meant=meant, known=known)


def force_option(command: Any) -> Any:
    """`--force`: replace an existing output file (refused otherwise, exit 2)."""
    return click.option(
        "--force",
        is_flag=True,
    )(command)


DASH = Path("-")  # a file named "-": standard output (`--output -`) or input, as in the shell


def meant_folder(name: str) -> None:
    """Refuse a name that ends in a slash (a folder is meant) where there is no such folder:
    `-o newdir/` is never taken for a file named newdir."""
    if not name.endswith(("/", os.sep)):
        return
    folder = files.home_path(name)
    try:
        if folder.is_dir():
            return
        there = folder.exists()
    except OSError as exc:  # a name the system refuses to look at (too long, a loop of links)
        raise files.cannot_write(folder, exc) from exc
    if there:
        raise UserError(say("usage.not_folder", path=folder))
    raise UserError(f"folder {folder} does not exist", "no_folder", folder=folder)


class OutputPath(click.Path):
    """The file an --output option names (`-`: standard output); a name ending in a slash
    names a folder, which must be there (`meant_folder`). A blank name (a script's empty
    variable, `-o "  "`) is refused: it made a file called "  ", or wrote in the working folder."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise UserError(say("output_blank"))
            meant_folder(value)
        return super().convert(value, param, ctx)


def input_name(path: Path) -> Path:
    """How an input file is named in messages: standard input as "<stdin>"."""
    return Path("<stdin>") if path == DASH else path


def emit(chunks: Iterable[str], output: Path | None, *, force: bool = False) -> None:
    """Write to `output` (owner-only, atomically, never over a file unless `force`) or
    stdout (no `output`, or `-`)."""
    if output is None or output == DASH:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        files.check_target(output, overwrite=force)  # before the work, not after
        files.write_private(output, chunks, overwrite=force)
        click.echo(say("wrote", path=output), err=True)


def remember_copy(kind: str, written: Path, person_id: int | None = None) -> None:
    """Note the file `written` in the database, so that an erasure can name it; say so on
    stderr when it could not be noted (the file itself is written and stays)."""
    from pipeline_tui.store.copies import note_copy

    if written == DASH:  # standard output: no file was written here
        return
    if not note_copy(settings().db, kind, written, person_id):
        click.echo(say("copy_not_noted", path=written), err=True)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=json_default) + "\n"


def json_default(value: Any) -> str:
    """A value JSON has no type for, as text: a date or a moment in ISO 8601
    ("2026-04-14T09:30:00+00:00", as `export` writes it; str() gives a space where a
    program reading it expects the T), anything else as str() writes it."""
    from datetime import date

    return value.isoformat() if isinstance(value, date) else str(value)


def read_input(path: Path) -> bytes:
    """The bytes of the file at `path`, or of standard input for `-` (piped in: a terminal is
    refused rather than waited on)."""
    if path == DASH:
        if sys.stdin is None or sys.stdin.isatty():
            raise UserError(say("stdin_terminal"))
        return sys.stdin.buffer.read()
    try:
        return files.home_path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(say("file_not_found", path=path)) from None
    except IsADirectoryError:
        raise UserError(say("is_folder", path=path)) from None
    except OSError as exc:
        error = os_error(exc.errno, exc.strerror)
        raise UserError(say("cannot_read", path=path, error=error)) from None
