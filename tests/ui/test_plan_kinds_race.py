"""Switching or creating goals writes nothing: an action's kind (70-20-10) is only
written when the user changes it (QA finding: taking a second suggestion within a
second rewrote the first goal's actions to "experience")."""

from __future__ import annotations

from pilot_helpers import settle
from textual import events

from pipeline_tui import services
from pipeline_tui.core.suggestions import suggest_goals
from pipeline_tui.tui.steps.plan import PlanPane
from pipeline_tui.tui.widgets.action_row import ActionRow
from pipeline_tui.tui.widgets.goal_editor import GoalEditor


def _rated_at_plan(ui_repo, packs, person_id: int):
    record = services.start_conversation(ui_repo, packs.default, person_id)
    detail = ui_repo.conversations.detail(record.id)
    content = services.conversation_content(detail)
    for index, expectation in enumerate(content.ordered_expectations()):
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=5)
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=1 + index % 3)
    ui_repo.conversations.update(record.id, revealed=True, step="plan")
    return record


async def test_goals_shown_while_rows_mount_write_no_kind(make_app, org, ui_repo, packs) -> None:
    record = _rated_at_plan(ui_repo, packs, org.employee.id)
    detail = ui_repo.conversations.detail(record.id)
    content = services.conversation_content(detail)
    first, second = suggest_goals(content, detail.ratings, detail.picks, "en")[:2]
    for suggestion in (first, second):
        services.accept_suggestion(ui_repo, content, record.id, suggestion, "en", owner="Jonas")
    goals = ui_repo.plans.get(record.id).goals
    before = {a.id: (a.kind, a.version) for g in goals for a in g.actions}
    assert {kind for kind, _ in before.values()} - {"experience"}  # not all "experience"
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        editor = app.screen.query_one(PlanPane).query_one(GoalEditor)
        for _ in range(3):
            for goal in (goals[0], goals[1], goals[0], goals[1]):
                editor.show_goal(goal, content, readonly=False, text_lang="en")
            await pilot.pause()
        await settle(app, pilot)
    after = {
        a.id: (a.kind, a.version) for g in ui_repo.plans.get(record.id).goals for a in g.actions
    }
    assert after == before


async def test_an_owner_typed_after_tab_tab_arrives_whole(make_app, org, ui_repo, packs) -> None:
    """ "tab tab Mette Holm" typed from an action's description in one burst (all read while
    the description had the focus): the kind's dropdown passes the letters on to the owner
    (they were lost on it, and "tte Holm" was saved)."""
    record = _rated_at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lead the morning huddle")
    action = ui_repo.plans.add_action(goal.id, "Ask for feedback", kind="relationships", owner="")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        row = app.screen.query_one(PlanPane).query_one(ActionRow)
        row.description.focus()
        await pilot.pause()
        for key in ("tab", "tab", *"Mette", "space", *"Holm"):
            character = " " if key == "space" else key if len(key) == 1 else None
            row.description.post_message(events.Key(key, character))
        await settle(app, pilot)
        assert app.focused is row.query_one(".action-owner")
        await pilot.press("tab")  # leaving the field writes it at once
        await settle(app, pilot)
    stored = ui_repo.plans.goal(goal.id).actions[0]
    assert (stored.owner, stored.kind, stored.description) == (
        "Mette Holm",
        "relationships",
        action.description,
    )
