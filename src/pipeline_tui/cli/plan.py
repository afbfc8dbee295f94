"""Commands: plan print / prep print — the printable plan and the preparation sheet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from pipeline_tui.cli.common import load_pack, open_repo, settings
from pipeline_tui.config import LANGUAGES
from pipeline_tui.errors import UserError
from pipeline_tui.files import safe_name, write_private

FORMATS = ("text", "markdown", "html", "pdf")


def emit_document(doc, fmt: str, output: Path | None, default_name: str) -> None:
    """Text to the terminal (or a file); the other formats to a file, whose path is printed."""
    from pipeline_tui.report import EXTENSIONS, render

    if fmt == "text" and output is None:
        from pipeline_tui.report.text import print_document

        print_document(doc)
        return
    if output is None:
        output = Path(f"{default_name}.{EXTENSIONS[fmt]}")
    try:
        rendered = render(doc, fmt)
    except ImportError as exc:
        raise UserError(f"cannot make a {fmt} file: {exc}") from exc
    click.echo(str(write_private(output, rendered)))


def _options(command):
    command = click.option(
        "--lang", "lang", type=click.Choice(LANGUAGES), help="Language of the document."
    )(command)
    command = click.option(
        "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="File to write."
    )(command)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
    )(command)


def _plan_input(conversation_id: int):
    """Read with the stdlib when the database is a local file at the current schema."""
    from pipeline_tui.report.plan import read_plan_input
    from pipeline_tui.store.fastread import open_fast_reader

    reader = open_fast_reader(settings().db_path)
    if reader is not None:
        try:
            return read_plan_input(reader, conversation_id)
        except sqlite3.Error:  # busy or odd: the storage layer decides and explains
            pass
        finally:
            reader.close()
    from pipeline_tui import services

    repo = open_repo()
    try:
        return services.plan_input(repo, conversation_id)
    finally:
        repo.close()


@click.group()
def plan() -> None:
    """Development plans."""


@plan.command("print")
@click.argument("conversation_id", type=int)
@_options
def plan_print(conversation_id: int, fmt: str, output: Path | None, lang: str | None) -> None:
    """Print the plan summary of a conversation (text on screen; other formats to a file)."""
    from pipeline_tui.report.plan import plan_document

    data = _plan_input(conversation_id)
    language = lang or settings().language
    record = data.detail.conversation
    doc = plan_document(data, language)
    name = f"{'udviklingsplan' if language == 'da' else 'development-plan'}-"
    emit_document(doc, fmt, output, f"{name}{safe_name(data.person.name)}-{record.held_on}")


@click.group()
def prep() -> None:
    """Preparation sheets."""


@prep.command("print")
@click.argument("person_id", type=int)
@click.option(
    "--kind", help="A conversation kind of the pack (mus, lus, ...). Default: the layer's."
)
@_options
def prep_print(
    person_id: int, kind: str | None, fmt: str, output: Path | None, lang: str | None
) -> None:
    """Print a preparation sheet for a person: expectations to rate, the cards and the rules."""
    from pipeline_tui import services
    from pipeline_tui.report.prep import prep_document

    pack = load_pack()
    repo = open_repo()
    person = repo.people.get(person_id)
    repo.close()
    layer = person.layer if pack.layer(person.layer) else pack.layers[0].key
    kind = kind or services.default_kind(pack, layer)
    services.check_kind(pack, kind, layer)
    language = lang or settings().language
    doc = prep_document(person, services.content_for(pack, layer, kind), kind, language)
    name = "forberedelse" if language == "da" else "preparation"
    emit_document(doc, fmt, output, f"{name}-{safe_name(person.name)}")


COMMANDS = [plan, prep]
