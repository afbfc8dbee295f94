"""Commands: conversations list."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from pipeline_tui.cli.common import ID, YEAR, missing_database, say_if_made, settings
from pipeline_tui.cli.texts import language, say
from pipeline_tui.texts import locale

if TYPE_CHECKING:
    from pipeline_tui.records import ConversationSummary
    from pipeline_tui.store.queries import Reader


@click.group()
def conversations() -> None:
    """Its help: `cli.help.conversations` in the catalog."""


# The table's columns, by their keys in the catalog (`cli.conversations_list.col.*`).
COLUMNS = ("id", "date", "person", "kind", "layer", "status", "goals", "follow_up")


class _Counted:
    """The rows as they are read, counted (the count line comes after them)."""

    def __init__(self, rows: Iterable[ConversationSummary]) -> None:
        self.rows = rows
        self.n = 0

    def __iter__(self) -> Iterator[ConversationSummary]:
        for row in self.rows:
            self.n += 1
            yield row


@conversations.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--person", "person_id", type=ID)
@click.option("--year", type=YEAR)
def conversations_list(as_json: bool, person_id: int | None, year: int | None) -> None:
    """Its help: `cli.help.conversations.list` in the catalog."""
    import sqlite3

    from pipeline_tui import clock
    from pipeline_tui.cli.listing import print_json, print_table
    from pipeline_tui.core.due import shown_status
    from pipeline_tui.errors import StorageError, storage_problem
    from pipeline_tui.records import ConversationSummary
    from pipeline_tui.store.reading import read_with

    where = settings()
    # The table's words and dates in the command line's language, as its headings and its
    # count line (without --lang: English headings over Danish kinds, layers and dates).
    lang = language()
    layers: dict[str, str] = {}
    if not as_json:  # the table names kinds, layers and states as the app does
        from pipeline_tui.cli.common import quick_layer_names

        layers = quick_layer_names(lang)
    loc = locale(lang)
    today = clock.today()  # a conversation dated ahead is listed "Planned", as on home
    names: dict[str, str] = {}  # looked up once per kind and state, not once per row

    kinds: dict[str, str] | None = None  # the pack's own kinds: read only when one is met

    def named(key: str, code: str) -> str:
        """A kind in the pack's words, as the app names it; a state, or a kind the pack does
        not have, in the catalog's words; its code where neither has it (a kind of an older
        program)."""
        nonlocal kinds
        if key not in names:
            if key.startswith("kind."):
                if kinds is None:
                    from pipeline_tui.cli.common import quick_kind_names

                    kinds = quick_kind_names(lang)
                if key[5:] in kinds:
                    names[key] = kinds[key[5:]]
                    return names[key]
            names[key] = loc.text(key) if loc.has(key) else code
        return names[key]

    def write(reader: Reader) -> int:
        """The rows written as they are read (the stdlib on a local file: no ORM import)."""
        if person_id is not None:
            # A person who is not there (a mistyped id) is said so, as `person export` and
            # `overview --manager` say it: it was an empty listing, exit 0, as if the
            # person had had no conversation.
            reader.person(person_id)
        found = _Counted(reader.conversation_list(person_id=person_id, year=year))
        try:
            if as_json:
                print_json(found, [f.name for f in dataclasses.fields(ConversationSummary)])
            else:
                print_table(
                    [say(f"conversations_list.col.{column}") for column in COLUMNS],
                    (
                        (
                            str(c.id),
                            loc.date(c.held_on),  # as the app shows it; --json keeps ISO
                            c.person_name,
                            named(f"kind.{c.kind}", c.kind.upper()),
                            layers.get(c.layer, c.layer),
                            named(f"status.{shown_status(c.status, c.held_on, today)}", c.status),
                            str(c.goals),
                            loc.date(c.follow_up_on),
                        )
                        for c in found
                    ),
                )
        except sqlite3.Error as exc:
            if not found.n:  # nothing read yet: `read_with` asks the storage layer instead
                raise
            # Rows may be on the screen already: said once, not listed a second time (and
            # not in the driver's words, which may quote the row).
            cut_short = StorageError(say("listing_cut_short", db=where.db), "damaged")
            raise storage_problem(exc, where.db) or cut_short from exc
        return found.n

    missing = missing_database()
    count = read_with(where.db, where.db_path, write)
    if not as_json:
        click.echo(
            say("conversations_count_one" if count == 1 else "conversations_count", n=count),
            err=True,
        )
    say_if_made(missing)


COMMANDS = [conversations]
