"""A date typed wrong in the setup step never vanishes without a word.

`2027-13-45` typed as the conversation's date and the step left: the old date came
back silently, as if it had been taken. Now the field says what is wrong when it is
left (as the plan's due and follow-up dates do), and leaving the step says in a
notice that the date was not changed, naming what was typed and the date it keeps.
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle, until
from textual.widgets import Input, Static

from pipeline_tui import services
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
        said = (
            "The date was not changed: “2027-13-45” is not a date. "
            "The conversation is still dated 2026-11-02."
        )
        assert said in _notices(app)
        assert ui_repo.conversations.detail(record.id).conversation.held_on == HELD
        await pilot.press("ctrl+left")
        await until(pilot, lambda: app.screen.step == "setup", "setup again")
        await settle(app, pilot)
        assert field.value == "2026-11-02"
        assert str(error.content) == ""


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
