"""The person page's changes that cannot be taken back: deleting a conversation, erasing
the person. Each asks first (the answer "no" is the default) and runs in a worker.

Only a conversation that is not completed or signed can be deleted; erasing a person
uses the same erasure as `pipeline-tui person erase` (store/privacy.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline_tui.errors import UserError
from pipeline_tui.records import ConversationSummary, PersonRecord
from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.i18n import day, kind_in_sentence, t
from pipeline_tui.tui.markup import escape as esc

if TYPE_CHECKING:
    from pipeline_tui.tui.screens.person import PersonScreen

DELETABLE = ("draft", "in_progress")


def delete_conversation(screen: PersonScreen, summary: ConversationSummary) -> None:
    """Ask, then delete the conversation `summary` with its answers and plan."""
    app = screen.pipeline
    if summary.status not in DELETABLE:
        app.notify(t("person.delete_refused"), severity="warning")
        return
    what = t(
        "person.delete_question",
        kind=kind_in_sentence(summary.kind),
        date=day(summary.held_on),
        status=t(f"status.{summary.status}").lower(),
    )

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(_delete, thread=True, group="person-change")

    def _delete() -> None:
        try:
            app.services.repo().conversations.delete(summary.id)
        except UserError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        # What an earlier run could not save of it goes too: a later conversation (of
        # anyone) may get its number, and would be offered those answers as its own.
        app.journal.drop([summary.id])
        app.call_from_thread(app.notify, t("person.deleted"))
        app.call_from_thread(screen.load)

    app.push_screen(
        ConfirmScreen(
            what, title=t("person.delete_title"), yes=t("person.delete_yes"), default=False
        ),
        answered,
    )


def erase_person(screen: PersonScreen, person: PersonRecord) -> None:
    """Ask (naming the people they manage), then erase `person` and go home."""
    app = screen.pipeline

    def count_then_ask() -> None:
        repo = app.services.repo()
        reports = len(repo.people.reports_of(person.id, indirect=False))
        conversations = len(repo.conversations.list(person_id=person.id))
        app.call_from_thread(ask, reports, conversations)

    def ask(reports: int, conversations: int) -> None:
        lines = [t("person.erase_question", name=esc(person.name), n=conversations)]
        if reports:
            key = "person.erase_manages_one" if reports == 1 else "person.erase_manages"
            lines.append(t(key, n=reports))
        lines.append(t("person.erase_final"))
        app.push_screen(
            ConfirmScreen(
                "\n\n".join(lines),
                title=t("person.erase_title"),
                yes=t("person.erase_yes"),
                default=False,
            ),
            answered,
        )

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(_erase, thread=True, group="person-change")

    def _erase() -> None:
        from pipeline_tui.store.privacy import erase_person as erase

        try:
            done = erase(app.services.repo().engine, person.id)
        except UserError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error")
            return
        # what the app kept of their answers, unsaved, goes with them (`recovery.py`)
        app.journal.drop(done.conversations)
        app.call_from_thread(app.notify, t("person.erased", name=esc(person.name)))
        if done.copies:  # what the erasure cannot reach, named as the command line names it
            app.call_from_thread(
                app.notify, _copies_said(done.copies), severity="warning", timeout=60
            )
        app.call_from_thread(app.go_home)

    screen.run_worker(count_then_ask, thread=True, group="person-change")


def _copies_said(copies: tuple[tuple[str, str, str], ...]) -> str:
    """The copies made before an erasure that may still hold the person, one a line."""
    from pipeline_tui.store.copies import KINDS

    lines = [t("person.erased_copies")]
    for kind, path, _made in copies:
        # a kind this program does not know (a newer one noted it) is shown as noted
        shown = t(f"cli.copy.{kind.replace(' ', '_')}") if kind in KINDS else kind
        lines.append(f"• {esc(shown)}: {esc(path)}")
    return "\n".join(lines)
