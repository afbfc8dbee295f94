"""Commands: plan print / prep print — the printable plan and the preparation sheet."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pipeline_tui.cli.common import (
    DASH,
    ID,
    OutputPath,
    force_option,
    load_pack,
    open_repo,
    remember_copy,
    settings,
)
from pipeline_tui.cli.texts import os_error, say
from pipeline_tui.config import documents_dir, ensure_private_dir
from pipeline_tui.errors import StorageError, UserError
from pipeline_tui.files import cannot_write, check_target, home_path, safe_name, write_private
from pipeline_tui.texts import LANGUAGES

if TYPE_CHECKING:
    from pipeline_tui.report.document import Document
    from pipeline_tui.report.plan import PlanInput

FORMATS = ("text", "markdown", "html", "pdf")
Command = TypeVar("Command", bound=Callable[..., Any])


def _to_stdout(doc: Document, fmt: str) -> None:
    """The document on standard output; a PDF only where it goes to a file or a pipe."""
    from pipeline_tui.report import render

    if fmt == "pdf" and sys.stdout.isatty():
        raise UserError(say("pdf_to_terminal"))
    rendered = render(doc, fmt)
    if isinstance(rendered, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()


def emit_document(
    doc: Document,
    fmt: str,
    output: Path | None,
    default_name: str,
    *,
    force: bool = False,
    copy: tuple[str, int] | None = None,
) -> None:
    """Text to the terminal (or a file); the other formats to a file, whose path is printed."""
    from pipeline_tui.report import EXTENSIONS, render

    if fmt == "text" and output is None:
        from pipeline_tui.report.text import print_document

        print_document(doc)
        return
    if output == DASH:  # `-o -`: to standard output (a pipe), no file to remember
        _to_stdout(doc, fmt)
        return
    if output is None:  # the documents folder, not wherever the command was run
        output = documents_dir() / f"{default_name}.{EXTENSIONS[fmt]}"
        try:
            ensure_private_dir(output.parent)  # owner-only, as every folder the program makes
        except OSError as exc:
            error = os_error(exc.errno, exc.strerror)
            raise UserError(say("cannot_make_folder", folder=output.parent, error=error)) from exc
    elif _is_folder(output):  # a folder: the file gets its usual name there
        output = output / f"{default_name}.{EXTENSIONS[fmt]}"
    check_target(output, overwrite=force)  # refuse before rendering, not after
    try:
        rendered = render(doc, fmt)
    except ImportError as exc:
        raise UserError(say("cannot_make", fmt=fmt, error=exc)) from exc
    written = write_private(output, rendered, overwrite=force)
    click.echo(str(written))
    if fmt == "pdf":  # what it leaves out is said, not dropped silently
        from pipeline_tui.report.pdf import unprintable

        missing = unprintable(doc)
        if missing:
            click.echo(say("pdf_missing", chars=missing), err=True)
    if copy is not None:  # (kind, person): remembered, so an erasure can name this file
        remember_copy(copy[0], written, copy[1])


def _is_folder(output: Path) -> bool:
    """Whether --output names a folder; a name the system refuses to look at (too long, a
    loop of links...) is refused with one line, exit 2, as `check_target` refuses it."""
    try:
        return home_path(output).is_dir()
    except OSError as exc:
        raise cannot_write(output, exc) from exc


def _options(command: Command) -> Command:
    command = click.option(
        "--lang",
        "lang",
        type=click.Choice(LANGUAGES),
    )(command)
    command = click.option(
        "--output",
        "-o",
        type=OutputPath(path_type=Path),
    )(command)
    command = force_option(command)
    return click.option("--format", "fmt", type=click.Choice(FORMATS))(command)


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's extension names, else text. A
    format that contradicts the extension (--format html -o plan.pdf) is refused: the file
    would not open in what its name promises."""
    from pipeline_tui.report import BY_EXTENSION, EXTENSIONS, NOT_WRITTEN

    ext = "" if output is None or output == DASH else output.suffix.lower().lstrip(".")
    a_file = bool(ext) and output is not None and not _is_folder(output)
    if a_file and ext in NOT_WRITTEN:
        raise UserError(say("format_not_written", path=output, ext=ext))
    named = BY_EXTENSION.get(ext) if a_file else None
    if fmt is None:
        return named or "text"
    if named is not None and named != fmt:
        raise UserError(say("format_vs_name", path=output, ext=ext, fmt=fmt, want=EXTENSIONS[fmt]))
    return fmt


def _plan_input(conversation_id: int) -> PlanInput:
    """What the plan shows, read with the stdlib when the database is a local file at the
    current schema (no ORM import), else through the storage layer."""
    from pipeline_tui.packs.records import SnapshotContent
    from pipeline_tui.report.plan import PlanInput
    from pipeline_tui.store.reading import read_with

    try:
        found = read_with(
            settings().db,
            settings().db_path,
            lambda reader: reader.plan_parts(conversation_id),
        )
    except json.JSONDecodeError as exc:  # JSON the database holds that does not parse
        what = f"conversation {conversation_id}"
        raise StorageError(f"damaged JSON ({what})", "damaged_json", what=what) from exc
    detail, person, previous = found
    try:  # no pydantic: see packs.records
        content = SnapshotContent.from_snapshot(detail.snapshot)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        # Written by a validated pack, so changed since by hand or by a damaged file.
        raise StorageError(say("snapshot_damaged", id=conversation_id), "damaged") from exc
    return PlanInput(detail=detail, content=content, person=person, previous=previous)


@click.group()
def plan() -> None:
    """Its help: `cli.help.plan` in the catalog."""


@plan.command("print")
@click.argument("conversation_id", type=ID)
@_options
def plan_print(
    conversation_id: int, fmt: str | None, output: Path | None, lang: str | None, force: bool
) -> None:
    """Its help: `cli.help.plan.print` in the catalog."""
    from pipeline_tui.report.plan import for_print, plan_document

    fmt = choose_format(fmt, output)  # before the database is read: a mistake costs nothing

    data = for_print(_plan_input(conversation_id), settings())
    language = lang or settings().language
    record = data.detail.conversation
    doc = plan_document(data, language)
    name = f"{'udviklingsplan' if language == 'da' else 'development-plan'}-"
    default = f"{name}{safe_name(data.person.name)}-{record.held_on}"
    emit_document(doc, fmt, output, default, force=force, copy=("plan", data.person.id))


@click.group()
def prep() -> None:
    """Its help: `cli.help.prep` in the catalog."""


@prep.command("print")
@click.argument("person_id", type=ID)
@click.option("--kind")
@_options
def prep_print(
    person_id: int,
    kind: str | None,
    fmt: str | None,
    output: Path | None,
    lang: str | None,
    force: bool,
) -> None:
    """Its help: `cli.help.prep.print` in the catalog."""
    from pipeline_tui import services
    from pipeline_tui.report.prep import prep_document

    fmt = choose_format(fmt, output)

    pack = load_pack()
    repo = open_repo(reading=True)
    person = repo.people.get(person_id)
    repo.close()
    layer = person.layer if pack.layer(person.layer) else pack.layers[0].key
    kind = kind or services.default_kind(pack, layer)
    services.check_kind(pack, kind, layer)
    from pipeline_tui.report.labels import kind_label

    language = lang or settings().language
    content = services.content_for(pack, layer, kind)
    doc = prep_document(person, content, kind, language)
    name = "forberedelse" if language == "da" else "preparation"
    # the kind in the name: a leader's LUS sheet and evaluation sheet were one file name
    default = f"{name}-{safe_name(person.name)}-{safe_name(kind_label(language, kind, content))}"
    emit_document(doc, fmt, output, default, force=force, copy=("prep", person.id))


COMMANDS = [plan, prep]
