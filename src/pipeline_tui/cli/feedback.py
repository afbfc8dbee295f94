"""Commands: feedback import (answers of peers, reports and others to a leadership evaluation)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.common import open_repo, read_input, settings
from pipeline_tui.cli.texts import say, spoken
from pipeline_tui.errors import UserError


@click.group()
def feedback() -> None:
    """Answers from peers, direct reports and others (360°) to a leadership evaluation."""


@feedback.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and report, without importing.")
def feedback_import(file: Path, dry_run: bool) -> None:
    """Add the answers in FILE.csv, collected in a survey tool: all rows or none.

    Columns: conversation_id, group (peer, report or other), rater (the survey
    tool's anonymous respondent id), expectation_id, score (a level of the scale;
    empty, "-" or "n/a": not observed), comment (optional). Comma, semicolon or tab
    separated; UTF-8, else Windows-1252. A rater's answer given again replaces the
    earlier one. A group's answers are shown only once enough of its raters
    answered (the pack's `min_raters`, never below 3).

    The rater id is never shown; what is stored is a hash of it, keyed by the
    conversation so that the same id finds the same rater in a later import. That
    key is in the program, so anyone holding the database can hash a guess and
    compare: the id must be one nobody can guess, the survey tool's anonymous
    respondent id. An e-mail address, or the name or address of anyone in the
    database, is refused (exit code 2, nothing imported).
    """
    from pipeline_tui.core.feedback import read_feedback
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.records import FeedbackTarget
    from pipeline_tui.services import asked_groups

    data = read_input(file)
    packs = load_packs(settings().content_dir)
    repo = open_repo()

    def groups_for(target: FeedbackTarget) -> tuple[str, ...]:
        return asked_groups(packs, packs.default, target)

    try:
        checked = read_feedback(
            data, repo.feedback.targets, groups_for, people=repo.feedback.people_named
        )
        if checked.encoding == "Windows-1252":
            click.echo(say("read_as_cp1252", file=file), err=True)
        if not checked.ok:
            for problem in checked.problems:
                click.echo(f"{file}:{problem.line}: {spoken(problem.message)}", err=True)
            raise UserError(say("feedback_problems", n=len(checked.problems), file=file))
        counts = {"answers": len(checked.answers), "raters": checked.raters}
        if dry_run:
            click.echo(say("feedback_dry_run", file=file, **counts))
            return
        repo.feedback.import_answers(checked.answers)
    finally:
        repo.close()
    click.echo(say("imported_feedback", where=repo.description, **counts))


COMMANDS = (feedback,)
