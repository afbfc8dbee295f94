"""The plan step's goal switches, as fast as a real terminal makes them (issue 13, item 1).

Accepting a second suggestion a second after the first ended the app with
`NoMatches: No nodes match '#label' on SelectCurrent`: the goal list announced
the old goal and then the new one, the editor swapped its action rows twice,
and a row removed while its action-kind Select was still mounting took the
Select's label away before the Select looked it up. The e2e walk
(tests/e2e/test_newcomer_walk.py) drives the same keys in a real terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pilot_helpers import settle
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pipeline_tui import services
from pipeline_tui.errorlog import record
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.steps.plan import PlanPane
from pipeline_tui.tui.widgets.action_row import ActionRow
from pipeline_tui.tui.widgets.goal_editor import GoalEditor
from pipeline_tui.tui.widgets.goal_list import GoalList


class _Listing(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.highlights: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield GoalList(id="goals")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.highlights.append(event.option.id)


async def test_new_options_move_the_highlight_once() -> None:
    app = _Listing()
    async with app.run_test() as pilot:
        listing = app.query_one(GoalList)
        listing.replace_options([Option("one", id="1")])
        await pilot.pause()
        app.highlights.clear()
        listing.replace_options([Option("one", id="1"), Option("two", id="2")], highlight=1)
        await pilot.pause()
        assert app.highlights == ["2"]  # not "1" on the way: that one selected the old goal


def _rated_at_plan(ui_repo, packs, person_id: int):
    record = services.start_conversation(ui_repo, packs.default, person_id)
    detail = ui_repo.conversations.detail(record.id)
    content = services.conversation_content(detail)
    for index, expectation in enumerate(content.ordered_expectations()):
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=5)
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=1 + index % 3)
    ui_repo.conversations.update(record.id, revealed=True, step="plan")
    return record


async def test_two_suggestions_taken_one_after_the_other(make_app, org, ui_repo, packs) -> None:
    record = _rated_at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        pane = app.screen.query_one(PlanPane)
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause(0.3)
        await settle(app, pilot)
        goals = ui_repo.plans.get(record.id).goals
        assert len(goals) == 3
        assert pane.selected == goals[-1].id
        editor = pane.query_one(GoalEditor)
        shown = [row.action.id for row in editor.query(ActionRow) if row.display]
        assert shown == [action.id for action in goals[-1].actions]


async def test_a_goal_replaced_while_its_rows_mount(make_app, org, ui_repo, packs) -> None:
    """Two goals shown in one go: the first one's rows go once mounted, never half-way."""
    record = _rated_at_plan(ui_repo, packs, org.employee.id)
    detail = ui_repo.conversations.detail(record.id)
    content = services.conversation_content(detail)
    from pipeline_tui.core.suggestions import suggest_goals

    first, second = suggest_goals(content, detail.ratings, detail.picks, "en")[:2]
    for suggestion in (first, second):
        services.accept_suggestion(ui_repo, content, record.id, suggestion, "en", owner="Jonas")
    goals = ui_repo.plans.get(record.id).goals
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        editor = app.screen.query_one(PlanPane).query_one(GoalEditor)
        for _ in range(5):
            for goal in (goals[0], goals[1], goals[0], goals[1]):
                editor.show_goal(goal, content, readonly=False, text_lang="en")
            await pilot.pause()
        await settle(app, pilot)
        rows = list(editor.query(ActionRow))
        assert [row.action.id for row in rows] == [a.id for a in goals[1].actions]


def test_a_crash_is_logged_owner_only(tmp_path, monkeypatch) -> None:
    typed = "".join(["Goal: ", "a secret"])  # what a user typed, not in the source
    try:
        raise RuntimeError(typed)
    except RuntimeError as exc:
        path = record(exc)
    assert path is not None and path.name == "error.log"
    text = path.read_text()
    assert "RuntimeError" in text and "a secret" not in text  # where, never whose words
    assert path.stat().st_mode & 0o777 == 0o600


class _Crashing(PipelineApp):
    BINDINGS = [Binding("f12", "crash", priority=True)]

    def action_crash(self) -> None:
        secret = " ".join(["Goal:", "lead the Monday", "huddle"])  # as typed, not in the source
        raise RuntimeError(secret)


async def test_a_crash_in_the_app_goes_to_the_log_not_the_screen(ui_repo, packs, db_file) -> None:
    from pipeline_tui.config import Settings
    from pipeline_tui.tui.services import Services

    app = _Crashing(Services.ready_made(Settings(db=db_file), ui_repo, packs), remember=False)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.press("f12")
            await pilot.pause()
    assert app.return_code == 1
    assert "Monday huddle" not in app.exit_message and "error.log" in app.exit_message
    log = Path(os.environ["XDG_CACHE_HOME"]) / "pipeline-tui" / "error.log"
    assert "raise RuntimeError(secret)" in log.read_text()
    assert "Monday huddle" not in log.read_text()
