"""Commands: feedback import (answers of peers, reports and others to a leadership evaluation)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.common import open_repo, read_input, settings
from pipeline_tui.cli.texts import say
from pipeline_tui.errors import UserError


@click.group()
def feedback() -> None:
    """Answers from peers, direct reports and others (360°) to a leadership evaluation."""


@feedback.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and report, without importing.")
def feedback_import(file: Path, dry_run: bool) -> None:
    """Add the answers in FILE.csv, collected in a survey tool: all rows or none.

    Columns: conversation_id, group (peer, report or other), rater (any id that
    tells one rater from another; it is never shown, and only a hash of it is
    stored), expectation_id, score (a level of the scale; empty, "-" or "n/a":
    not observed), comment (optional). Comma, semicolon or tab separated; UTF-8,
    else Windows-1252. A rater's answer given again replaces the earlier one.
    A group's answers are shown only once enough of its raters answered (the
    pack's `min_raters`, never below 3).
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
        checked = read_feedback(data, repo.feedback.targets, groups_for)
        if checked.encoding == "Windows-1252":
            click.echo(f"{file}: not UTF-8; read as Windows-1252 (Excel's Danish CSV)", err=True)
        if not checked.ok:
            for problem in checked.problems:
                click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
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
