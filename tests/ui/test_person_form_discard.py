"""Esc in the person form never throws away what was typed without asking.

A half-filled "Add person" (or a changed "Edit person") closed at once on Esc, and
everything typed was gone. Now the app's yes/no dialog asks first ("no", keep
editing, is the default) and the form stays open with all of it; an untouched form
still closes at once.
"""

from __future__ import annotations

from pilot_helpers import settle, until
from textual.widgets import Input, Select

from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.screens.add_person import AddPersonScreen
from pipeline_tui.tui.screens.home import HomeScreen
from pipeline_tui.tui.screens.person import PersonScreen


async def test_esc_in_a_half_filled_add_form_asks_and_keeps_what_was_typed(
    make_app, org, ui_repo
) -> None:
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        form = app.screen
        await pilot.press("escape")  # untouched: closes at once
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        form = app.screen
        await pilot.press(*"Sofie Lund")
        form.query_one("#title", Input).value = "Teamleder"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        dialog = app.screen
        assert dialog.heading == "Kassér det, du har skrevet?"
        assert dialog.focused is not None and dialog.focused.id == "no"
        await pilot.press("escape")  # Esc in the question is "no": back to the form
        await settle(app, pilot)
        assert app.screen is form
        assert form.query_one("#name", Input).value == "Sofie Lund"
        assert form.query_one("#title", Input).value == "Teamleder"

        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert [p.name for p in ui_repo.people.list() if p.name == "Sofie Lund"] == []


async def test_esc_in_a_changed_edit_form_asks_in_english(make_app, org, ui_repo) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await until(pilot, lambda: isinstance(app.screen, PersonScreen), "the person")
        await settle(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        form = app.screen
        layer = form.query_one("#layer", Select)
        layer.value = "lead_others"  # a changed choice counts, not only typing
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert app.screen.heading == "Discard what you typed?"
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is form
        assert form.query_one("#layer", Select).value == "lead_others"
        layer.value = org.employee.layer  # changed back: nothing to lose, closes at once
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
    assert ui_repo.people.get(org.employee.id).layer == "lead_self"
