"""A window closed as soon as it opened (`pipeline-tui serve`: a preparation link's browser
window shut within a second or two) ends the app while a screen or a step is still being
mounted. The app ends cleanly then: nothing is logged as a crash in error.log.

Textual removes a screen whose widgets are still being mounted without mounting what is
under them, yet still runs their `on_mount` and what waits on the mount: that work must
see it has nothing left to fill (`tui/leaving.py`). Here the app is told to end in the
same moment the screen or step is opened, as the web driver's "quit" does.
"""

from __future__ import annotations

from pilot_helpers import settle, until

from pipeline_tui import services
from pipeline_tui.config import Settings, cache_dir
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.preparation import PreparationScreen
from pipeline_tui.tui.screens.role_panel import RolePanel
from pipeline_tui.tui.services import Services

SIZE = (120, 40)


def error_log() -> str:
    log = cache_dir() / "error.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def link_app(ui_repo, packs, db_file, org) -> PipelineApp:
    """The app as a preparation link opens it: Jonas's own MUS preparation."""
    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    invitation, _token = ui_repo.invitations.issue(talk.id)
    settings = Settings(db=db_file, language="da")
    return PipelineApp(
        Services.ready_made(settings, ui_repo, packs), remember=False, preparation=invitation
    )


async def open_preparation(app, pilot) -> PreparationScreen:
    await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
    await pilot.press("escape")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, PreparationScreen)
    return screen


def ended_cleanly(app) -> None:
    assert error_log() == "", "a crash was logged"
    assert app.return_code == 0
    assert not app.exit_message


async def test_ending_while_a_conversation_step_is_mounted_logs_nothing(
    make_app, org, ui_repo, packs
) -> None:
    """The testers' trace: the expectations step's pane is being mounted when the app ends;
    filling it (`ExpectationsPane.show`) found none of its widgets."""
    record = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the screen")
        await settle(app, pilot)
        screen = app.screen
        assert screen.step == "setup"
        screen.action_goto("expectations")
        app.exit()
    ended_cleanly(app)


async def test_a_link_window_closed_as_the_cards_step_opens_logs_nothing(
    ui_repo, packs, db_file, org
) -> None:
    app = link_app(ui_repo, packs, db_file, org)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_preparation(app, pilot)
        screen.action_goto("cards")
        app.exit()
    ended_cleanly(app)


async def test_a_link_window_closed_as_the_role_description_opens_logs_nothing(
    ui_repo, packs, db_file, org
) -> None:
    app = link_app(ui_repo, packs, db_file, org)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_preparation(app, pilot)
        screen.action_role()
        app.exit()
    ended_cleanly(app)
