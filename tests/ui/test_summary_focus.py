"""The summary's review keys (1/2/3, d/p/n in English, c) never take letters meant for a field

A note typed after `p` and a tab, or after a click on a field's label, went to the keys:
"Holdt 1:1 med halvdelen af teamet; resten mangler pga. vagtplan." marked the goal
done, partly and at last not done, and the note was lost. The keys act where the goal
list has the focus (as the step opens), tab from a goal reaches its note, and a label
clicked puts the cursor in its field.
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle

from pipeline_tui import services
from pipeline_tui.tui.steps.summary import SummaryPane

EARLIER = date(2025, 11, 10)
NOTE = "Holdt 1:1 med halvdelen af teamet; resten mangler pga. vagtplan."


def _with_earlier_plan(ui_repo, packs, person_id: int, **kwargs):
    earlier = services.start_conversation(ui_repo, packs.default, person_id, held_on=EARLIER)
    first = ui_repo.plans.add_goal(earlier.id, "Hold monthly one-to-ones")
    ui_repo.plans.add_goal(earlier.id, "Delegate the rota")
    ui_repo.plans.sign(earlier.id, "person")  # a follow-up reviews a signed plan only
    ui_repo.plans.sign(earlier.id, "conductor")
    record = services.start_conversation(ui_repo, packs.default, person_id, **kwargs)
    ui_repo.conversations.update(record.id, step="summary")
    return record, first


async def _open(app, pilot, conversation_id: int) -> SummaryPane:
    await pilot.pause()
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    return app.screen.query_one(SummaryPane)


async def _type(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def test_tab_from_a_reviewed_goal_reaches_its_note(make_app, org, ui_repo, packs) -> None:
    record, goal = _with_earlier_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        await pilot.press("2")  # "delvist", as the step opens, no tab first
        await pilot.press("tab")
        assert app.focused is pane.query_one("#summary-note")
        await _type(pilot, NOTE)
        await pilot.press("shift+tab")
        await settle(app, pilot)
    reviewed = ui_repo.plans.goal(goal.id)
    assert (reviewed.status, reviewed.review_note) == ("partly", NOTE)


async def test_letters_where_there_is_no_field_change_no_review(
    make_app, org, ui_repo, packs
) -> None:
    record, goal = _with_earlier_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.click("#summary-previous-head")  # text, not a field
        await settle(app, pilot)
        assert app.focused is pane.query_one("#summary-page")
        await _type(pilot, "dnc13")
        await settle(app, pilot)
        assert [g.carried_from_id for g in ui_repo.plans.get(record.id).goals] == []
    assert ui_repo.plans.goal(goal.id).status == "partly"


async def test_a_label_clicked_puts_the_cursor_in_its_field(make_app, org, ui_repo, packs) -> None:
    """The readiness note of a leadership evaluation ("Why (briefly)") and the review note."""
    record, goal = _with_earlier_plan(ui_repo, packs, org.leader.id, kind="evaluation")
    app = make_app("en")
    async with app.run_test(size=(120, 60)) as pilot:
        pane = await _open(app, pilot, record.id)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.click("#readiness-note-label")
        assert app.focused is pane.query_one("#readiness-note")
        await _type(pilot, "Needs a year with the new team")
        await pilot.click("#summary-note-label")
        assert app.focused is pane.query_one("#summary-note")
        await _type(pilot, NOTE)
        await pilot.click("#summary-previous-head")
        await settle(app, pilot)
    reviewed = ui_repo.plans.goal(goal.id)
    assert (reviewed.status, reviewed.review_note) == ("partly", NOTE)
    assert ui_repo.plans.get(record.id).readiness_note == "Needs a year with the new team"
    assert [g.carried_from_id for g in ui_repo.plans.get(record.id).goals] == []
