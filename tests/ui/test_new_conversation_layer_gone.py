"""A person on a layer the content pack no longer has (an HR consultant's pack left the layer
out, or renamed its key): a new conversation with them was set up on the pack's first layer,
as an MUS for an employee, without a word. The dialog now says so before anything is
written."""

from __future__ import annotations

from pilot_helpers import settle, until
from textual.widgets import Static

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


async def test_the_dialog_says_the_persons_layer_is_not_in_the_pack(make_app, ui_repo) -> None:
    lise = ui_repo.people.create("Lise Kjær", "lead_department", email="lise@example.dk")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, lise.id)
        note = str(dialog.query_one("#new-note", Static).render())
        first = app.pack.layers[0].name.get("da")
        assert "Niveauet lead_department, som Lise Kjær er på, findes ikke" in " ".join(
            note.split()
        )
        assert first in " ".join(note.split())
        dialog.query_one("#start").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")


async def test_no_note_for_a_layer_the_pack_has(make_app, org) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(app, pilot, org.employee.id)
        assert not dialog.query("#new-note")
