"""The new-conversation dialog saves the conductor's name as it shows it (QA finding):
"Karina" showed the completion "Karina Lauridsen" (a person in the database) and enter
saved "Karina", which then printed on the signed plan. Its date error goes once the date
is edited."""

from __future__ import annotations

from pilot_helpers import settle, until
from textual.widgets import Input, Static

from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.new_conversation import NewConversationScreen
from pipeline_tui.tui.screens.person import PersonScreen


async def _dialog(app, pilot, person_id: int) -> NewConversationScreen:
    await settle(app, pilot)
    app.open_person(person_id)
    await settle(app, pilot)
    assert isinstance(app.screen, PersonScreen)
    await pilot.press("n")
    await until(pilot, lambda: isinstance(app.screen, NewConversationScreen), "the dialog")
    return app.screen


async def test_enter_takes_the_completion_shown(make_app, org, ui_repo) -> None:
    karina = ui_repo.people.create(
        "Karina Lauridsen", "lead_others", email="karina@example.dk", unit="Ortopædkirurgi"
    )
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, org.employee.id)
        field = dialog.query_one("#new-conductor", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"Karina")
        await until(pilot, lambda: field._suggestion == "Karina Lauridsen", "the completion")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
    [talk] = ui_repo.conversations.list(person_id=org.employee.id)
    record = ui_repo.conversations.get(talk.id)
    assert (record.conducted_by, record.conductor_id) == ("Karina Lauridsen", karina.id)


async def test_a_name_left_without_completion_is_kept(make_app, org, ui_repo) -> None:
    """From the start button no completion is shown: the name typed is the name saved."""
    ui_repo.people.create("Karina Lauridsen", "lead_others", email="karina@example.dk")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, org.employee.id)
        field = dialog.query_one("#new-conductor", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"Karina")
        dialog.query_one("#start").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
    [talk] = ui_repo.conversations.list(person_id=org.employee.id)
    record = ui_repo.conversations.get(talk.id)
    assert (record.conducted_by, record.conductor_id) == ("Karina", None)


async def test_a_date_error_goes_when_the_date_is_corrected(make_app, org, ui_repo) -> None:
    """Enter on a date that is not one says so under the fields; correcting the date takes
    the message away at once (it stayed, naming the old text, until the next enter)."""
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, org.employee.id)
        date = dialog.query_one("#new-date", Input)
        error = dialog.query_one("#new-error", Static)
        date.focus()
        date.value = ""
        await pilot.press(*"31.02.2026", "enter")
        await until(pilot, lambda: "is not a date" in str(error.render()), "the date error")
        assert isinstance(app.screen, NewConversationScreen) and date.has_focus
        await pilot.press(*["backspace"] * 10, *"24.11.2026")
        await until(pilot, lambda: str(error.render()) == "", "the error gone")
        assert isinstance(app.screen, NewConversationScreen)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
    [talk] = ui_repo.conversations.list(person_id=org.employee.id)
    assert ui_repo.conversations.get(talk.id).held_on.isoformat() == "2026-11-24"


async def test_a_date_written_the_danish_way_by_hand_is_taken(make_app, org, ui_repo) -> None:
    """ "1/12-2026", as a Dane writes a date in a letter or a calendar, was refused ("er ikke
    en dato"): it is the 1st of December, in the dialog and in a plan's date fields."""
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, org.employee.id)
        date = dialog.query_one("#new-date", Input)
        date.focus()
        date.value = ""
        await pilot.press(*"1/12-2026", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
    [talk] = ui_repo.conversations.list(person_id=org.employee.id)
    assert ui_repo.conversations.get(talk.id).held_on.isoformat() == "2026-12-01"
