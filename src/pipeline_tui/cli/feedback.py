"""Commands: feedback import (answers of peers, reports and others to a leadership evaluation)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline_tui.cli.common import input_name, open_repo, read_input, settings
from pipeline_tui.cli.texts import language, one, say, spoken
from pipeline_tui.errors import UserError
from pipeline_tui.texts import Phrase, locale
from pipeline_tui.vocabulary import RATER_GROUPS

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack


@click.group()
def feedback() -> None:
    """Its help: `cli.help.feedback` in the catalog."""


@feedback.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True)
def feedback_import(file: Path, dry_run: bool) -> None:
    """Its help: `cli.help.feedback.import` in the catalog."""
    from pipeline_tui.core.feedback import read_feedback
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.records import FeedbackTarget
    from pipeline_tui.services import asked_groups

    data = read_input(file)
    file = input_name(file)
    packs = load_packs(settings().content_dir)
    repo = open_repo(reading=dry_run)  # a dry run only reads: it works on a read-only file

    def groups_for(target: FeedbackTarget) -> tuple[str, ...]:
        return asked_groups(packs, packs.default, target)

    try:
        checked = read_feedback(
            data, repo.feedback.targets, groups_for, people=repo.feedback.people_named
        )
        if checked.encoding == "Windows-1252":
            click.echo(say("read_as_cp1252", file=file), err=True)
        elif checked.windows_lines:  # mostly UTF-8, these lines Windows-1252
            from pipeline_tui.core.roster import line_list

            lines = line_list(checked.windows_lines)
            mixed = f"read_mixed{one(len(checked.windows_lines))}"
            click.echo(say(mixed, file=file, lines=lines), err=True)
        if not checked.ok:
            for problem in checked.problems:
                click.echo(f"{file}:{problem.line}: {_named(problem.message, packs)}", err=True)
            count = len(checked.problems)
            raise UserError(say(f"feedback_problems{one(count)}", n=count, file=file))
        answers, raters = len(checked.answers), checked.raters
        counts = {
            "answers": say(f"answers_count{one(answers)}", n=answers),
            "raters": say(f"raters_count{one(raters)}", n=raters),
        }
        if dry_run:
            click.echo(say("feedback_dry_run", file=file, **counts))
            return
        done = repo.feedback.import_answers(checked.answers)
    finally:
        repo.close()
    if answers and not done.changed:  # the file imported before: nothing new was written
        again = f"feedback_nothing_new{one(answers)}"  # "its 1 answer ... is", not "are"
        click.echo(say(again, file=file, where=repo.description, **counts))
        return
    if done.changed < answers:  # some were there already, as they stand
        counts = {
            "answers": say(f"answers_count{one(done.changed)}", n=done.changed),
            "raters": say(f"raters_count{one(done.changed_raters)}", n=done.changed_raters),
        }
        same = answers - done.changed
        rest = f"imported_feedback_rest{one(same)}"
        click.echo(say(rest, where=repo.description, same=same, **counts))
        return
    click.echo(say("imported_feedback", where=repo.description, **counts))


# The values of a problem that are rater groups (the file's peer, report, other), and the
# problems that name a conversation's kind (its key: evaluation, lus).
GROUP_VALUES = {
    "cli.feedback.group": ("known",),
    "cli.feedback.not_asked": ("asked", "group"),
    "cli.feedback.group_before": ("before", "group"),
    "cli.feedback.group_changed": ("earlier", "group"),
}
# (The text for a kind whose name starts with a vowel: English "an" where it says "a".)
KIND_NAMED = {
    "cli.feedback.asks_no_one": "cli.feedback.asks_no_one_an",
    "cli.feedback.not_asked": "cli.feedback.not_asked_an",
}


# The problems of a refused header that name its columns by their English names (the file's
# header as read), and the value that names them.
COLUMN_LISTS = {
    "cli.csv.missing_columns": "names",
    "cli.csv.missing_columns_one": "names",
    "cli.csv.twice_columns": "names",
    "cli.csv.twice_columns_one": "names",
}


def _columns(message: str) -> str:
    """A refused header's problem in the command line's language, the columns it names by
    the catalog's words for them (in Danish gruppe, vurdering where they were group, score)."""
    from pipeline_tui.core.feedback import COLUMNS

    if not isinstance(message, Phrase):
        return message
    field = COLUMN_LISTS.get(message.key)
    names = [name.strip() for name in str(message.values.get(field or "", "")).split(",")]
    if field is None or not all(name in COLUMNS for name in names):
        return spoken(message)  # (an unknown column: as the file wrote it)
    values = dict(message.values)
    values[field] = ", ".join(say(f"feedback.column.{name}") for name in names)
    return say(message.key.removeprefix("cli."), **values)


def _named(message: str, packs: Mapping[str, Pack]) -> str:
    """A problem of the file in the command line's language (`spoken`), with the rater
    groups it names in the catalog's words (in Danish "peer (kollega)") and a
    conversation's kind by its name ("lederevaluering", "LUS"), not by their keys."""
    if not isinstance(message, Phrase):
        return message
    values = dict(message.values)
    parts = values.get("problems")
    if message.key == "cli.feedback.columns" and isinstance(parts, tuple):
        values["problems"] = "; ".join(_columns(part) for part in parts)
    for field in GROUP_VALUES.get(message.key, ()):
        groups = [group.strip() for group in str(values.get(field, "")).split(",")]
        if groups and all(group in RATER_GROUPS for group in groups):
            values[field] = ", ".join(say(f"feedback.group_name.{group}") for group in groups)
    key = message.key
    if key in KIND_NAMED and isinstance(values.get("kind"), str):
        values["kind"] = kind = _kind_name(str(values["kind"]), packs)
        if _takes_an(kind):  # "an onboarding after 1 month", not "a onboarding"
            key = KIND_NAMED[key]
    return say(key.removeprefix("cli."), **values)


def _takes_an(name: str) -> bool:
    """Whether a kind's name, as it reads inside a sentence, starts with a vowel (English
    "an onboarding"); an abbreviation (LUS, MUS) is said as it is written ("a LUS")."""
    return name[:1].lower() in "aeiou" and not name[1:2].isupper()


def _kind_name(kind: str, packs: Mapping[str, Pack]) -> str:
    """A kind of conversation by the name the app gives it (its pack's, else the catalog's),
    written as it reads inside a sentence ("lederevaluering", but "LUS")."""
    lang = language()
    found = (k.name.get(lang) for pack in packs.values() for k in pack.kinds if k.key == kind)
    name = next(found, None) or locale(lang).get(f"kind.{kind}") or kind
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


COMMANDS = (feedback,)
