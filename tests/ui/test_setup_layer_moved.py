"""A conversation booked before a promotion says so when it is opened.

Next year's MUS booked in November; in December the employee becomes a first-line
leader (the roster import or `e` on their page). The conversation kept the layer it
was set up on, and opened on it without a word: the manager rated against last year's
expectations. Now opening it says the person's layer now, and the setup step says it
beside the layer, until the conversation's layer is changed (or it is concluded).
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.tui.steps.setup import SetupPane


def _notices(app) -> list[str]:
    return [" ".join(str(n.message).split()) for n in app._notifications]


async def test_a_promotion_after_the_conversation_was_booked_is_said(
    make_app, org, ui_repo, packs
) -> None:
    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2027, 1, 12)
    )
    assert record.layer == "lead_self"
    ui_repo.people.update(org.employee.id, layer="lead_others")
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        name = record.person_name
        said = f"{name} er nu på niveauet Leder af medarbejdere"
        assert any(n.startswith(said) for n in _notices(app)), _notices(app)
        note = app.screen.query_one(SetupPane).query_one("#setup-layer-note", Static)
        assert note.display and " ".join(str(note.content).split()).startswith(said)

    services.change_content(ui_repo, packs.default, record.id, layer="lead_others", kind="lus")
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        assert not any("er nu på niveauet" in n for n in _notices(app))
        note = app.screen.query_one(SetupPane).query_one("#setup-layer-note", Static)
        assert not note.display


async def test_a_concluded_conversation_on_the_old_layer_says_nothing(
    make_app, org, ui_repo, packs
) -> None:
    """Last year's MUS, completed on the layer of its day, reads as it was held."""
    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 3, 2)
    )
    ui_repo.conversations.set_status(record.id, "completed")
    ui_repo.people.update(org.employee.id, layer="lead_others")
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        assert not any("is now on the layer" in n for n in _notices(app))
        assert not app.screen.query_one(SetupPane).query_one("#setup-layer-note").display
