"""A conversation dated in year 9999 (typed as a placeholder, or from an edited export)."""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle

from pipeline_tui import services
from pipeline_tui.tui.steps.plan import PlanPane
from pipeline_tui.tui.widgets.date_input import DateInput


async def test_a_conversation_held_on_the_last_day_opens_its_plan(make_app, org, ui_repo, packs):
    """The plan step and sign-off suggest a follow-up a year after the conversation; for
    31.12.9999 there is no such date, and opening the plan ended the app (ValueError:
    year 10000 is out of range). Now the suggestion is the last day a date can have."""
    held = date(9999, 12, 31)
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, held_on=held)
    ui_repo.conversations.update(record.id, step="plan")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        field = app.screen.query_one(PlanPane).query_one("#plan-follow-up", DateInput)
        assert field.placeholder == "suggested 9999-12-31"
        await pilot.press("ctrl+right")  # sign-off names the suggestion too
        await settle(app, pilot)
        assert app.is_running
        assert "9999" in " ".join(str(s.render()) for s in app.screen.query("Static"))
