"""A date typed wrong in the setup step never vanishes without a word.

`2027-13-45` typed as the conversation's date and the step left: the old date came
back silently, as if it had been taken. Then leaving the step put the stored date back
with a notice quoting the text. Now what was typed stays in the field with what is wrong
with it, after another step and back, as the plan's due and follow-up dates do; closing
the conversation asks first, naming it. An emptied field (a conversation needs a date)
gets the stored date back, with a notice.
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle, until
from textual.widgets import Input, Static

from pipeline_tui import services
from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.steps.setup import SetupPane

HELD = date(2026, 11, 2)


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_an_impossible_date_left_behind_is_said_and_nothing_is_changed(
    make_app, org, ui_repo, packs
) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, held_on=HELD)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        pane = app.screen.query_one(SetupPane)
        field = pane.query_one("#setup-date", Input)
        error = pane.query_one("#setup-date-error", Static)
        field.focus()
        field.value = ""
        await pilot.press(*"2027-13")
        await pilot.press("tab")  # left half typed: the field says so and keeps the text
        await settle(app, pilot)
        assert field.value == "2027-13"
        assert "YYYY-MM-DD" in str(error.content)
        field.focus()
        await settle(app, pilot)
        await pilot.press("end", *"-45")
        await settle(app, pilot)
        assert field.value == "2027-13-45"
        await pilot.press("ctrl+right")
        await until(pilot, lambda: app.screen.step != "setup", "the next step")
        await settle(app, pilot)
        assert not [n for n in _notices(app) if "2027-13-45" in n]
        assert ui_repo.conversations.detail(record.id).conversation.held_on == HELD
        await pilot.press("ctrl+left")
        await until(pilot, lambda: app.screen.step == "setup", "setup again")
        await settle(app, pilot)
        pane = app.screen.query_one(SetupPane)
        field = pane.query_one("#setup-date", Input)
        error = pane.query_one("#setup-date-error", Static)
        assert field.value == "2027-13-45"
        assert "YYYY-MM-DD" in str(error.content)

        pane.focus_first()
        await settle(app, pilot)
        await pilot.press("escape")  # closing would lose it: asked first, naming it
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).content)
        assert "Date of the conversation (Setup): 2027-13-45" in question
        await pilot.press("n")
        await settle(app, pilot)
        field = app.screen.query_one(SetupPane).query_one("#setup-date", Input)
        field.focus()
        await pilot.press("ctrl+u", *"2026-11-05")
        await settle(app, pilot)
        assert ui_repo.conversations.detail(record.id).conversation.held_on == date(2026, 11, 5)


async def test_an_emptied_date_left_behind_is_said_in_danish(make_app, org, ui_repo, packs) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, held_on=HELD)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        field = app.screen.query_one(SetupPane).query_one("#setup-date", Input)
        field.focus()
        await settle(app, pilot)
        await pilot.press("ctrl+u")
        await settle(app, pilot)
        assert field.value == ""
        await pilot.press("ctrl+right")
        await until(pilot, lambda: app.screen.step != "setup", "the next step")
        await settle(app, pilot)
        said = "Datoen blev ikke ændret: en samtale skal have en dato. Den er stadig 02.11.2026."
        assert said in _notices(app)
        assert ui_repo.conversations.detail(record.id).conversation.held_on == HELD
