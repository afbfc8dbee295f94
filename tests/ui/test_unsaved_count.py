"""The save state counts only what the user said, and names why the database refuses.

With the database file made unwritable, two ratings and a step moved made the step
bar say "⚠ 3 answers not saved yet: disk not answering": the step moved to was
counted as an answer, and a write the file refused was blamed on the disk. Now the
two ratings are two answers (the step move still waits, to be tried again), and
the reason is the file being read-only.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from pilot_helpers import settle, until

from pipeline_tui import services
from pipeline_tui.config import Settings
from pipeline_tui.store.repository import open_repository
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.services import Services
from pipeline_tui.tui.widgets.step_bar import StepBar


def _lock(paths: list[str]) -> bool:
    """Make the files unwritable to this process even as root (chattr +i); False when
    this machine cannot (not root, or a file system without the flag)."""
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", *paths], capture_output=True).returncode == 0


def _unlock(paths: list[str]) -> None:
    subprocess.run(["chattr", "-i", *paths], capture_output=True)


def _said(app) -> str:
    return str(app.screen.query_one(StepBar).query_one("#save-indicator").render())


async def test_a_step_moved_is_no_answer_and_a_refused_file_is_read_only(
    org, packs, ui_repo, db_file, monkeypatch
) -> None:
    from pipeline_tui.store import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # a retry is not held 15 s
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    repo = open_repository(db_file)
    files = [db_file, f"{db_file}-wal"]
    locked = False
    try:
        settings = Settings(db=db_file, language="da")
        app = PipelineApp(Services.ready_made(settings, repo, packs), remember=False)
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            app.open_conversation(record.id)
            await settle(app, pilot)
            assert os.path.exists(files[1])
            locked = _lock(files)
            if not locked:
                pytest.skip("the database file cannot be made unwritable here (needs root)")
            await pilot.press("4", "down", "2")
            await until(pilot, lambda: app.saver.failing != "", "the writes to be refused")
            await pilot.press("ctrl+right")
            await until(pilot, lambda: len(app.saver.unsaved_jobs()) == 3, "the step move to wait")
            await settle(app, pilot)
            assert app.saver.failing == "readonly"
            assert app.save_state.unsaved == 2
            assert _said(app) == "⚠ 2 svar ikke gemt endnu: filen er skrivebeskyttet"
            # The step move is not dropped: it waits with the answers, to be tried again.
            assert [job.answer for job in app.saver.unsaved_jobs()] == [True, True, False]
            app.saver.discard(record.id)  # the test ends here: no 2 s of retries at exit
    finally:
        if locked:
            _unlock(files)
        repo.close()


async def test_a_step_move_kept_from_last_time_is_not_offered_as_an_answer(
    org, packs, ui_repo, db_file
) -> None:
    """Quitting while only the step moved to could not be written kept it for the next
    start, which then said "Last time 1 answer in this conversation could not be saved":
    a step move is no answer, so it is not offered back; a real answer still is."""
    from pipeline_tui import config
    from pipeline_tui.clock import now
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.session import STEP_KEY

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    settings = Settings(db=db_file, language="en")
    step = Op("conversation", {"conversation_id": record.id, "changes": {"step": "cards"}})
    Journal(config.recovery_file(settings.identity)).write(
        [Entry(record.id, STEP_KEY, step, "", now().isoformat())]
    )
    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ConfirmScreen), "a step move offered as an answer"
    assert not config.recovery_file(settings.identity).exists()


@pytest.mark.parametrize(("count", "button"), [(1, "Gem det"), (2, "Gem dem")])
async def test_the_answers_offered_back_are_named_by_their_number(
    org, packs, ui_repo, db_file, count: int, button: str
) -> None:
    """One answer kept from last time was offered with "Sidst kunne 1 svar … ikke gemmes.
    Gem det nu?" and a button saying "Gem dem" ("save them")."""
    from textual.widgets import Button

    from pipeline_tui import config
    from pipeline_tui.clock import now
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    detail = ui_repo.conversations.detail(record.id)
    expectations = services.conversation_content(detail).ordered_expectations()[:count]
    settings = Settings(db=db_file, language="da")
    Journal(config.recovery_file(settings.identity)).write(
        Entry(
            record.id,
            f"rating:{e.id}:self",
            Op(
                "rating",
                {
                    "conversation_id": record.id,
                    "expectation_id": e.id,
                    "rater": "self",
                    "score": 4,
                    "not_observed": False,
                },
            ),
            f"Vurdering af »{e.id}«",
            now().isoformat(),
        )
        for e in expectations
    )
    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
        assert str(app.screen.query_one("#yes", Button).label) == button
        await pilot.press("n")
        await settle(app, pilot)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_esc_on_the_answers_offered_back_throws_none_away(
    org, packs, ui_repo, db_file, lang: str
) -> None:
    """Answers an earlier run could not save are offered back ("Save them now?", buttons
    Discard and Save them). Esc, pressed to close the question, said no: the answers were
    discarded for good. Esc now decides nothing (F1 says so): nothing is saved, and the
    answers are offered again when the conversation opens again; n still discards."""
    from pilot_helpers import screen_text

    from pipeline_tui import config
    from pipeline_tui.clock import now
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.i18n import t
    from pipeline_tui.tui.screens.conversation import ConversationScreen
    from pipeline_tui.tui.screens.help import HelpScreen

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    detail = ui_repo.conversations.detail(record.id)
    expectation = services.conversation_content(detail).ordered_expectations()[0]
    settings = Settings(db=db_file, language=lang)
    rating = {
        "conversation_id": record.id,
        "expectation_id": expectation.id,
        "rater": "self",
        "score": 4,
        "not_observed": False,
    }
    journal = config.recovery_file(settings.identity)
    Journal(journal).write(
        [
            Entry(
                record.id,
                f"rating:{expectation.id}:self",
                Op("rating", rating),
                "x",
                now().isoformat(),
            )
        ]
    )

    def stored() -> list[int | None]:
        ratings = ui_repo.conversations.detail(record.id).ratings
        return [
            r.score for r in ratings if r.expectation_id == expectation.id and r.rater == "self"
        ]

    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        assert any(
            line.startswith("esc") and line.endswith(t("key.confirm.later")) for line in lines
        )
        assert any(line.startswith("n ") and line.endswith(t("recover.discard")) for line in lines)
        await pilot.press("escape")  # the help
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # the question
        await settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)
        assert stored() in ([], [None])
        assert journal.exists()

        await pilot.press("escape")  # the conversation closed, and opened again
        await settle(app, pilot)
        app.open_conversation(record.id)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer again")
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)
    assert not journal.exists()
    assert stored() in ([], [None])
