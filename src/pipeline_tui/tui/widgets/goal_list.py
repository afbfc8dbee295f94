"""The plan's goals, one per entry: title, due date, how many actions, status.

Highlighting a goal selects it for the editor beside the list; enter moves
into the editor. While a title is typed, only that goal's entry is redrawn.
As in the suggestion list, the highlighted goal is shown whole and the others
keep to two lines (title, facts), cut with "…": at 80 columns a long title
wrapped to four lines and pushed the follow-up date off the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from textual.widgets.option_list import Option, OptionDoesNotExist

from pipeline_tui.records import GoalRecord
from pipeline_tui.tui.i18n import day, plural, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.pick_list import WholeWhenHighlighted
from pipeline_tui.vocabulary import goal_glyph


def goal_prompt(goal: GoalRecord, *, clip: bool = False, due_typed: bool = False) -> Hanging:
    """`due_typed`: what is typed in the goal's due date field is no date (kept there, never
    saved): the list says so, not "no due date" or the date stored before."""
    title = esc(goal.title.strip()) or f"[i]{t('plan.untitled')}[/i]"
    if due_typed:
        due = t("plan.due_typed")
    else:
        due = t("plan.due_on", date=day(goal.due_on)) if goal.due_on else t("plan.no_due")
    facts = [
        due,
        plural(len(goal.actions), "plan.actions_one", "plan.actions_many"),
        t(f"plan.goal_status.{goal.status}"),
    ]
    return Hanging(
        (f"{goal_glyph(goal.status)} ", title),
        ("  ", f"[dim]{' · '.join(facts)}[/dim]"),
        clip=clip,
    )


class GoalList(WholeWhenHighlighted):
    def __init__(self, due_typed: Callable[[int], bool] | None = None, **kwargs: Any) -> None:
        """`due_typed(goal_id)`: whether the goal's due date field holds a text that is no date."""
        super().__init__(enter_id="plan.edit", **kwargs)
        self._goals: list[GoalRecord] = []
        self._due_typed = due_typed or (lambda _goal_id: False)

    def _prompt(self, goal: GoalRecord, *, clip: bool) -> Hanging:
        return goal_prompt(goal, clip=clip, due_typed=self._due_typed(goal.id))

    def entry_count(self) -> int:
        return len(self._goals)

    def prompt_at(self, number: int, *, clip: bool) -> Hanging:
        return self._prompt(self._goals[number], clip=clip)

    def show(self, goals: Sequence[GoalRecord], selected: int | None) -> None:
        self._goals, self.whole = list(goals), None
        if not goals:
            self.set_options([Option(f"[dim]{t('plan.no_goals')}[/dim]", disabled=True)])
            return
        index = next((i for i, goal in enumerate(goals) if goal.id == selected), None)
        self.replace_options(
            [Option(self._prompt(goal, clip=True), id=str(goal.id)) for goal in goals],
            highlight=index,
        )
        self.show_whole(self.highlighted)

    def update_goal(self, goal: GoalRecord) -> None:
        """Redraw one entry (cheap enough for every keystroke in its title)."""
        number = next((i for i, known in enumerate(self._goals) if known.id == goal.id), None)
        if number is not None:
            self._goals[number] = goal
        with suppress(OptionDoesNotExist):
            self.replace_option_prompt(str(goal.id), self._prompt(goal, clip=number != self.whole))
