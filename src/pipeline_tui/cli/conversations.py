"""Commands: conversations list."""

from __future__ import annotations

import dataclasses

import click

from pipeline_tui.cli.common import open_repo
from pipeline_tui.cli.texts import say


@click.group()
def conversations() -> None:
    """MUS, LUS and evaluation conversations."""


@conversations.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--person", "person_id", type=int, help="Only this person's conversations.")
@click.option("--year", type=int, help="Only conversations held this year.")
def conversations_list(as_json: bool, person_id: int | None, year: int | None) -> None:
    """List conversations, newest first."""
    repo = open_repo(reading=True)
    found = repo.conversations.list(person_id=person_id, year=year)
    repo.close()
    from pipeline_tui.cli.listing import print_json, print_table
    from pipeline_tui.records import ConversationSummary

    if as_json:
        print_json(found, [f.name for f in dataclasses.fields(ConversationSummary)])
        return
    print_table(
        ("id", "date", "person", "kind", "layer", "status", "goals", "follow-up"),
        (
            (
                str(c.id),
                c.held_on.isoformat(),
                c.person_name,
                c.kind.upper(),
                c.layer,
                c.status,
                str(c.goals),
                c.follow_up_on.isoformat() if c.follow_up_on else "",
            )
            for c in found
        ),
    )
    click.echo(say("conversations_count", n=len(found)), err=True)


COMMANDS = [conversations]
