"""Commands: people import / list, person export / erase."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline_tui.cli.common import (
    ID,
    OutputPath,
    dump_json,
    emit,
    force_option,
    input_name,
    layer_aliases,
    load_pack,
    missing_database,
    open_repo,
    quick_layer_key,
    quick_layer_names,
    read_input,
    remember_copy,
    say_if_made,
    settings,
)
from pipeline_tui.cli.texts import ask_yes, language, one, say, spoken
from pipeline_tui.errors import StorageError, UserError
from pipeline_tui.texts import Locale, Phrase, locale
from pipeline_tui.vocabulary import shown

if TYPE_CHECKING:
    from pipeline_tui.store.queries import Reader


@click.group()
def people() -> None:
    """Its help: `cli.help.people` in the catalog."""


@people.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True)
def people_import(file: Path, dry_run: bool) -> None:
    """Its help: `cli.help.people.import` in the catalog."""
    from pipeline_tui.core.roster import read_roster
    from pipeline_tui.store.people import NewPerson

    data = read_input(file)
    file = input_name(file)
    pack = load_pack()
    path = settings().db_path
    if path is not None and not path.exists():
        # A new database: a file refused for its own sake is refused before one is made
        # (a refused import used to leave an empty database behind).
        checked = read_roster(data, layer_aliases(pack), lambda _emails: set())
        # How it was read is said once: here with a refusal, else with the import below.
        _report_roster(file, checked, encoding=not checked.ok)
    if dry_run:
        # Only reads: no database is made for it, and a read-only file will do.
        if path is not None and not path.exists():
            roster = read_roster(data, layer_aliases(pack), lambda _emails: set())
        else:
            repo = open_repo(reading=True)
            try:
                roster = read_roster(
                    data, layer_aliases(pack), repo.people.existing_emails, repo.people.units()
                )
            finally:
                repo.close()
        _report_roster(file, roster)
        one = "_one" if len(roster.entries) == 1 else ""
        click.echo(say(f"roster_dry_run{one}", file=file, n=len(roster.entries)))
        return
    repo = open_repo()
    # The check against the stored emails and the insert in one transaction: nobody
    # adds the same email in between.
    with repo.transaction() as tx:
        roster = read_roster(
            data, layer_aliases(pack), tx.people.existing_emails, tx.people.units()
        )
        _report_roster(file, roster)
        added = tx.people.import_people(
            [
                NewPerson(
                    name=e.name,
                    layer=e.layer,
                    email=e.email,
                    title=e.title,
                    unit=e.unit,
                    manager_email=e.manager_email,
                )
                for e in roster.entries
            ]
        )
    repo.close()
    one = "_one" if len(added) == 1 else ""
    click.echo(say(f"imported_people{one}", n=len(added), where=repo.description))


def _report_roster(file: Path, roster: Any, *, encoding: bool = True) -> None:
    """Say how the file was read (unless not `encoding`); refuse it (exit 2) with one line per
    problem."""
    if encoding and roster.encoding == "Windows-1252":
        click.echo(say("read_as_cp1252", file=file), err=True)
    elif encoding and roster.windows_lines:  # mostly UTF-8, these lines Windows-1252
        from pipeline_tui.core.roster import line_list

        lines = line_list(roster.windows_lines)
        click.echo(
            say(f"read_mixed{one(len(roster.windows_lines))}", file=file, lines=lines), err=True
        )
    if not roster.ok:
        for problem in roster.problems:
            click.echo(f"{file}:{problem.line}: {_roster_problem(problem.message)}", err=True)
        count = len(roster.problems)
        raise UserError(say(f"roster_problems{one(count)}", n=count, file=file))


# A roster header's problems that name its columns (by the roster's keys: `core.roster`),
# and the value that names them.
COLUMN_LISTS = {
    "cli.csv.no_header": "expected",
    "cli.csv.missing_columns": "names",
    "cli.csv.missing_columns_one": "names",
    "cli.csv.twice_columns": "names",
    "cli.csv.twice_columns_one": "names",
}


def _roster_problem(message: str) -> str:
    """A roster's problem in the command line's language (`spoken`); one with its header
    names the columns in the catalog's words for them, as the problems of its rows do (in
    Danish navn, e-mail, niveau ..., where they were name, email, layer; English as before)."""
    from pipeline_tui.core.roster import COLUMNS

    if not isinstance(message, Phrase):
        return message
    values = dict(message.values)
    parts = values.get("problems")
    if message.key == "cli.roster.columns" and isinstance(parts, tuple):
        values["problems"] = "; ".join(_roster_problem(part) for part in parts)
        return say("roster.columns", **values)
    field = COLUMN_LISTS.get(message.key)
    if field is None or not isinstance(values.get(field), str):
        return spoken(message)
    names = [name.strip() for name in str(values[field]).split(",")]
    if not all(name in COLUMNS for name in names):  # a name as typed (twice): as it is
        return spoken(message)
    values[field] = ", ".join(say(f"roster.column.{name}") for name in names)
    return say(message.key.removeprefix("cli."), **values)


@people.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--search")
@click.option("--unit")
@click.option("--layer")
def people_list(as_json: bool, search: str | None, unit: str | None, layer: str | None) -> None:
    """Its help: `cli.help.people.list` in the catalog."""
    # The content pack only for a layer's name: from the packs' cache when it is current,
    # so that a listing imports neither pydantic nor YAML (nor SQLAlchemy, see `read_with`).
    from pipeline_tui.cli.listing import print_json, print_table
    from pipeline_tui.records import PersonRecord
    from pipeline_tui.store.reading import read_with

    def listed(reader: Reader) -> list[PersonRecord]:
        found = reader.people_list(search=search, unit=unit, layer=layer)
        if unit and not found:  # a unit mistyped is refused, as the overview refuses it
            from pipeline_tui.core.overview import named_units

            named_units(reader.people(), unit)
        return found

    where, missing = settings(), missing_database()
    if layer is not None:
        try:
            layer = quick_layer_key(layer)
        except UserError:
            # A layer the pack no longer has (a consultant's pack left it out), that people
            # are still on: the list shows its key for theirs, and takes it to find them.
            stored = layer.strip()
            if not read_with(
                where.db, where.db_path, lambda reader: reader.people_list(layer=stored)
            ):
                raise
            layer = stored
    # the stdlib on a local file: no ORM to import for a listing
    found = read_with(where.db, where.db_path, listed)

    if as_json:
        print_json(found, [f.name for f in dataclasses.fields(PersonRecord)])
        say_if_made(missing)
        return
    names = quick_layer_names(language())  # the layers in the headings' language
    print_table(
        [
            say(f"people_list.col.{column}")
            for column in ("id", "name", "email", "title", "unit", "layer", "manager")
        ],
        (
            (
                str(p.id),
                p.name,
                p.email or "",
                p.title,
                p.unit,
                names.get(p.layer, p.layer),
                p.manager_name or "",
            )
            for p in found
        ),
    )
    click.echo(
        say("people_count_one" if len(found) == 1 else "people_count", n=len(found)), err=True
    )
    say_if_made(missing)


@click.group()
def person() -> None:
    """Its help: `cli.help.person` in the catalog."""


@person.command("export")
@click.argument("person_id", type=ID)
@click.option("--output", "-o", type=OutputPath(path_type=Path, dir_okay=False))
@force_option
def person_export(person_id: int, output: Path | None, force: bool) -> None:
    """Its help: `cli.help.person.export` in the catalog."""
    import json

    from pipeline_tui.store.privacy import person_export as export

    repo = open_repo(reading=True)
    try:
        data = export(repo.engine, person_id)
    except json.JSONDecodeError as exc:  # JSON the database holds that does not parse
        what = f"person {person_id}"
        raise StorageError(f"damaged JSON ({what})", "damaged_json", what=what) from exc
    finally:
        repo.close()
    emit([dump_json(data)], output, force=force)
    if output is not None:
        remember_copy("person export", output, person_id)


@person.command("mentions")
@click.argument("person_id", type=ID)
@click.option("--json", "as_json", is_flag=True)
def person_mentions(person_id: int, as_json: bool) -> None:
    """Its help: `cli.help.person.mentions` in the catalog."""
    from pipeline_tui.store.privacy import mentions_of

    repo = open_repo(reading=True)
    found = mentions_of(repo.engine, person_id)
    repo.close()
    if as_json:
        click.echo(dump_json([dataclasses.asdict(x) for x in found]), nl=False)
        return
    speak = locale(language())  # the date as the line's words: 14.04.2026, 14 Apr 2026
    for x in found:
        # What matched ("email", "name", "first name") and, from that, why a mention is kept
        # (`store.mentions`), in the catalog's words; the JSON keeps the store's.
        matched = x.matched.replace(" ", "_")
        known = matched in MATCHED
        if x.scrub:
            mark = say("mention_scrubbed")
        else:
            why = say(f"mention_why.{matched}") if matched in NAMESAKES else x.reason
            mark = say("mention_kept", reason=why)
        click.echo(
            say(
                "mention",
                id=x.conversation_id,
                owner=x.owner_name,
                held=_held(x.held_on, speak),
                field=f"{x.table}.{x.column} #{x.row_id}",
                matched=say(f"mention_matched.{matched}") if known else x.matched,
                excerpt=x.excerpt,
                mark=mark,
            )
        )
    click.echo(say(f"mentions_count{one(len(found))}", n=len(found)), err=True)


def _held(held: date | str, speak: Locale) -> str:
    """A mention's conversation date as the language writes it (SQLite hands the raw
    query's date over as its ISO text); a text that is no date as it is."""
    if isinstance(held, date):
        return speak.date(held)
    try:
        return speak.date(date.fromisoformat(held[:10]))
    except ValueError:
        return held


@person.command("erase")
@click.argument("person_id", type=ID)
@click.option("--yes", is_flag=True)
@click.option("--scrub-mentions", is_flag=True)
def person_erase(person_id: int, yes: bool, scrub_mentions: bool) -> None:
    """Its help: `cli.help.person.erase` in the catalog."""
    from pipeline_tui.store.erasure import erase_local, open_local, who

    where = settings().db_path
    if where is not None and not where.exists():  # nobody to erase: no database made for it
        raise UserError(say("no_database", path=where))

    # A local file at the current schema is erased with the stdlib (the same rows, the same
    # record; see `store.erasure`): importing the storage layer would cost more than the
    # erasure. Scrubbing mentions, a server, another revision: the storage layer.
    local = None if scrub_mentions else open_local(settings().db_path)
    if local is not None:
        try:
            name, reports = who(local, person_id)
            if not _confirm_erase(name, reports, yes):
                return
            done = erase_local(local, person_id)
        finally:
            local.close()
    else:
        from pipeline_tui.store.privacy import erase_person

        repo = open_repo()
        try:
            target = repo.people.get(person_id)
            reports = len(repo.people.reports_of(person_id, indirect=False))
            if not _confirm_erase(target.name, reports, yes):
                return
            done = erase_person(repo.engine, person_id, scrub_mentions=scrub_mentions)
        finally:
            repo.close()
    _forget_unsaved(done.conversations, done.scrubbed_words)
    click.echo(say(f"erased{one(done.rows_removed)}", id=person_id, n=done.rows_removed))
    if done.conducted:
        click.echo(say(f"erased_conducted{one(done.conducted)}", n=done.conducted))
    if done.scrubbed:
        click.echo(say(f"erased_scrubbed{one(done.scrubbed)}", n=done.scrubbed))
    if done.mentions_kept is None:
        click.echo(say("erased_mentions_kept"), err=True)
    elif done.mentions_kept:
        kept = done.mentions_kept
        click.echo(say(f"erased_namesakes{one(kept)}", n=kept), err=True)
    if not done.log_emptied:
        click.echo(say("erased_log_kept"), err=True)
    if done.copies:
        click.echo(say("erased_copies"), err=True)
        for kind, path, made in done.copies:
            # a kind this program does not know (a newer one noted it) is shown as noted
            shown_kind = say(f"copy.{kind.replace(' ', '_')}") if kind in COPY_KINDS else kind
            click.echo(f"  {made}  {shown_kind}: {path}", err=True)
    click.echo(say("erased_backups"), err=True)


def _forget_unsaved(conversations: tuple[int, ...], words: tuple[re.Pattern[str], ...]) -> None:
    """Answers about the person the app could not save (the recovery journal, `recovery.py`)
    go with them: they were offered back only when their conversation opened again. With
    --scrub-mentions, their name goes out of the unsaved notes about others too: offered
    back and saved, the name came back into the database it was scrubbed from."""
    from pipeline_tui.config import recovery_file
    from pipeline_tui.recovery import Journal
    from pipeline_tui.store.erasure import ERASED

    def replace(value: str) -> str:
        for pattern in words:
            value = pattern.sub(ERASED, value)
        return value

    with contextlib.suppress(OSError):  # the erasure is done; the journal's folder is the user's
        journal = Journal(recovery_file(settings().identity))
        journal.drop(conversations)
        if words:
            journal.scrub(replace)


def _confirm_erase(name: str, reports: int, yes: bool) -> bool:
    """Say who is left without a manager, and ask unless --yes; False: nothing is erased.
    The name is shown as it is stored, control characters as escapes: one that moved the
    cursor could make the question name someone else."""
    name = shown(name, lines=False)
    if reports:
        key = "erase_manages_one" if reports == 1 else "erase_manages"
        click.echo(say(key, name=name, n=reports), err=True)
    if not yes and not ask_yes(say("erase_question", name=name)):
        click.echo(say("erase_nothing"))
        return False
    return True


# The kinds of copy `remember_copy` notes (`store.copies`), and what a mention matched
# (`store.mentions`): each has its words in the catalog.
COPY_KINDS = ("backup", "export", "person export", "plan", "prep", "screenshot")
MATCHED = ("email", "name", "first_name")
NAMESAKES = ("name", "first_name")  # kept: another person has the same one

COMMANDS = [people, person]
