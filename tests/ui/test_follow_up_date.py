"""The follow-up date on the plan step reads as a suggestion until it is chosen (issue 13, item 7).

The suggested date stood in the field as a bare date, as if it were filled in,
and sign-off then said there was no follow-up date. Now the field says
"suggested …", sign-off says the same with the way to take it, and one enter
makes it the plan's date on both steps.
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.tui.steps.plan import PlanPane
from pipeline_tui.tui.steps.signoff import SignoffPane
from pipeline_tui.tui.widgets.date_input import DateInput

HELD = date(2026, 11, 2)


def _checklist_text(app) -> str:
    pane = app.screen.query_one(SignoffPane)
    return " ".join(str(s.render()) for s in pane.query(Static))


async def test_the_suggestion_reads_as_one_and_sign_off_agrees(make_app, org, ui_repo, packs):
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, held_on=HELD)
    ui_repo.conversations.update(record.id, step="plan")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        field = app.screen.query_one(PlanPane).query_one("#plan-follow-up", DateInput)
        assert field.value == ""
        assert field.placeholder == "suggested 2027-11-02"

        await pilot.press("ctrl+right")
        await settle(app, pilot)
        assert "No follow-up date yet (suggested 2 Nov 2027" in _checklist_text(app)

        await pilot.press("ctrl+left")
        await settle(app, pilot)
        field = app.screen.query_one(PlanPane).query_one("#plan-follow-up", DateInput)
        field.focus()
        await pilot.press("enter")  # one key takes the suggestion
        await settle(app, pilot)
        assert ui_repo.plans.get(record.id).follow_up_on == date(2027, 11, 2)
        assert field.value == "2027-11-02"

        await pilot.press("ctrl+right")
        await settle(app, pilot)
        text = _checklist_text(app)
        assert "A follow-up date is set (2 Nov 2027)" in text
        assert "No follow-up date" not in text
