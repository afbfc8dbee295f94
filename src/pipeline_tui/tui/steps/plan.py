"""Step 5, plan: the goals the two agree on, each with actions after 70-20-10, and a follow-up.

Left: suggested goals (from the lowest ratings, the largest self-vs-manager
gaps and the agreements written on the cards; see `core.suggestions`), the
plan's goals, the follow-up date and the summary. Right: the selected goal
(`GoalEditor`). Enter on a suggestion makes it a goal with one action per
suggested activity; ctrl+n writes a goal by hand, ctrl+t adds an action (ctrl+a
is "start of line" in every text field), Del / F8 deletes the goal or the
action in focus after a yes/no.

Rating-based suggestions wait until the ratings are revealed, as everywhere
else: their scores would otherwise unblind the two parties. Suggested goals
and activities are written in the conversation's language, since they become
the plan's own words; the texts they point at follow the screen's language.

Every field saves itself through the conversation session. A structural change
(a goal or an action added or deleted) first commits whatever is being typed,
then writes; its result (the new goal, the removed action) is folded into the
session and the step is shown again from it; `show` never refills a field that
is in use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static

from pipeline_tui.core.due import one_year_after
from pipeline_tui.core.suggestions import suggest_goals
from pipeline_tui.ops import Op, suggestion_args
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ActionRecord, ConversationDetail, GoalRecord
from pipeline_tui.tui.i18n import binding, language, party_short, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.action_row import ActionRow
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea
from pipeline_tui.tui.widgets.follow_up_field import FollowUpField
from pipeline_tui.tui.widgets.goal_editor import GoalEditor
from pipeline_tui.tui.widgets.goal_list import GoalList
from pipeline_tui.tui.widgets.suggestion_list import SuggestionList
from pipeline_tui.tui.widgets.type_ahead import HoldsKeys
from pipeline_tui.vocabulary import ACTION_KINDS

TITLES = {
    "plan-suggestions-title": "plan.suggestions",
    "plan-goals-title": "plan.goals",
    "plan-follow-up-title": "plan.follow_up",
    "plan-summary-label": "plan.summary",
}


class PlanPane(StepPane):
    STEP = "plan"
    BINDINGS = [
        binding("ctrl+n", "new_goal", id="conv.add_goal"),
        binding("ctrl+t", "new_action", id="conv.add_action"),
        binding("delete,f8", "delete", id="conv.delete", key_display="Del/F8"),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.selected: int | None = None
        self._shown_for: int | None = None
        self._focus_title = False
        self._labels_lang = language()

    @property
    def goals(self) -> list[GoalRecord]:
        return self.session.goals()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="two-columns"):
            # Lists and fields only, each a tab stop: the column itself is not one.
            with VerticalScroll(id="plan-left", classes="column", can_focus=False):
                yield Static("", id="plan-suggestions-title", classes="section-title")
                yield Static("", id="plan-suggestions-hint", classes="muted")
                yield SuggestionList(id="plan-suggestions")
                yield Static("", id="plan-goals-title", classes="section-title")
                yield GoalList(id="plan-goals", due_typed=self._due_typed)
                yield Static("", id="plan-follow-up-title", classes="section-title")
                yield FollowUpField(id="plan-follow-up-field")
                yield Label("", id="plan-summary-label", classes="section-title")
                yield AutosaveTextArea(
                    id="plan-summary", compact=True, placeholder=t("plan.summary_hint")
                )
            yield GoalEditor(self.session, id="plan-goal", classes="column")

    @property
    def suggestions(self) -> SuggestionList:
        return self.query_one(SuggestionList)

    def focus_first(self) -> None:
        """Suggestions when there is nothing yet, else the goals; the column stays at its top."""
        if self.suggestions.suggestions and not self.goals and not self.readonly:
            self.screen.set_focus(self.suggestions, scroll_visible=False)
        else:
            self.screen.set_focus(self.query_one(GoalList), scroll_visible=False)

    def leave(self) -> None:
        self._commit_all()

    def _commit_all(self) -> None:
        """Queue every pending text write now, so a structural write and its reload come after."""
        for field in [*self.query(AutosaveTextArea), *self.query(AutosaveInput)]:
            if field.key:
                self.session.commit(field.key)

    # showing

    def show(self) -> None:
        detail, content = self.detail, self.content
        if detail is None or content is None:
            return
        if self._shown_for != detail.conversation.id:
            self._shown_for, self.selected = detail.conversation.id, None
        ids = [goal.id for goal in self.goals]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        for widget_id, key in TITLES.items():
            self.query_one(f"#{widget_id}", Static).update(t(key))
        if self._labels_lang != language():  # the screen relabels the pane; its parts follow
            self._labels_lang = language()
            self.query_one(GoalEditor).relabel()
            self.query_one("#plan-summary", AutosaveTextArea).placeholder = t("plan.summary_hint")
        self._show_suggestions(detail, content)
        self.query_one(GoalList).show(self.goals, self.selected)
        self._show_plan_fields(detail)
        self._show_selected()
        if self._focus_title:
            self._focus_title = False
            self.query_one(GoalEditor).focus_title()

    def _show_suggestions(self, detail: ConversationDetail, content: ConversationContent) -> None:
        record = detail.conversation
        visible = record.revealed or record.is_signed
        ratings = detail.ratings if visible else ()
        found = suggest_goals(content, ratings, detail.picks, record.language, existing=self.goals)
        found = [s for s in found if self.session.pending(f"plan:accept:{s.key}") is None]
        hint = ""
        if not visible and any(r.is_rated for r in detail.ratings):
            hint = t("plan.suggestions_blind")
        elif not found:
            hint = t("plan.no_suggestions")
        self.query_one("#plan-suggestions-title").display = not self.readonly
        hint_widget = self.query_one("#plan-suggestions-hint", Static)
        hint_widget.update(hint)
        hint_widget.display = bool(hint) and not self.readonly
        self.suggestions.show(
            found, content, record.language, boss=party_short(self._kind(), "manager")
        )
        self.suggestions.display = bool(found) and not self.readonly

    def _show_plan_fields(self, detail: ConversationDetail) -> None:
        plan, record = detail.plan, detail.conversation
        stored = plan.follow_up_on if plan else None
        follow_up = self.query_one(FollowUpField)
        follow_up.input.keep_in(self.session, f"plan:{record.id}:follow_up_on")
        follow_up.show(
            self.session.changed(f"plan:{record.id}:follow_up_on", "follow_up_on", stored),
            one_year_after(record.held_on),
            readonly=self.readonly,
            held_on=record.held_on,
        )
        args = {"conversation_id": record.id, "field": "summary"}
        summary = self.query_one("#plan-summary", AutosaveTextArea)
        summary.placeholder = "" if self.readonly else t("plan.summary_hint")
        summary.bind_field(
            self.session,
            f"plan:{record.id}:summary",
            plan.summary if plan else "",
            None if self.readonly else lambda value: Op("plan_text", {**args, "value": value}),
            t("plan.summary"),
        )

    def _due_typed(self, goal_id: int) -> bool:
        return f"goal:{goal_id}:due_on" in self.session.typed_dates_left()

    def _goal(self, goal_id: int | None) -> GoalRecord | None:
        return next((goal for goal in self.goals if goal.id == goal_id), None)

    def _show_selected(self) -> None:
        if self.detail is None or self.content is None:
            return
        self.query_one(GoalEditor).show_goal(
            self._goal(self.selected),
            self.content,
            readonly=self.readonly,
            text_lang=self.detail.conversation.language,
        )

    @on(OptionList.OptionHighlighted, "#plan-goals")
    def _goal_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # the highlight has moved on since: the newer message selects
        goal_id = int(event.option.id) if event.option.id else None
        if goal_id is not None and goal_id != self.selected:
            self.selected = goal_id
            self._show_selected()

    @on(OptionList.OptionSelected, "#plan-goals")
    def _goal_chosen(self, _event: OptionList.OptionSelected) -> None:
        """Enter on a goal: start editing it."""
        self.query_one(GoalEditor).focus_title()

    @on(GoalEditor.Edited)
    def _goal_edited(self, event: GoalEditor.Edited) -> None:
        goal = self.session.goal(event.goal_id)
        if goal is not None:
            self.query_one(GoalList).update_goal(replace(goal, title=event.title))

    # the follow-up date: saved at once when chosen

    @on(FollowUpField.Chosen)
    def _follow_up_chosen(self, event: FollowUpField.Chosen) -> None:
        detail = self.detail
        if detail is None or self.readonly:
            return
        conversation_id = detail.conversation.id
        self.session.set_field(
            f"plan:{conversation_id}:follow_up_on",
            Op("plan", {"conversation_id": conversation_id}),
            "follow_up_on",
            event.value,
            detail.plan.follow_up_on if detail.plan else None,
            label=t("plan.follow_up"),
            on_conflict=self._conflict,
        )

    def _conflict(self, _error: object) -> None:
        self.notify(t("plan.changed_elsewhere"), severity="warning")
        self.session.reload()

    # structural changes: commit what is typed, write, show the result

    def _write(self, key: str, op: Op, label: str, done: Any = None) -> None:
        self._commit_all()

        def finished(result: Any) -> None:
            if done is not None:
                done(result)
            if self.is_attached:
                self.show()

        self.session.write(key, op, label=label, done=finished)

    def _owner(self) -> str:
        """New actions belong to the person by default: it is their development."""
        return self.detail.conversation.person_name if self.detail else ""

    @on(OptionList.OptionSelected, "#plan-suggestions")
    def _accept(self, event: OptionList.OptionSelected) -> None:
        suggestion = self.suggestions.suggestion(event.option.id)
        if suggestion is None or self.readonly or self.detail is None or self.content is None:
            return
        lang, owner = self.detail.conversation.language, self._owner()
        args = {
            "conversation_id": self.detail.conversation.id,
            "suggestion": suggestion_args(suggestion),
            "lang": lang,
            "owner": owner,
        }

        def accepted(goal: GoalRecord) -> None:
            self.selected = goal.id
            if self.is_attached and not self.suggestions.suggestions:
                self.query_one(GoalList).focus()

        self._write(
            f"plan:accept:{suggestion.key}",
            Op("accept_suggestion", args),
            t("plan.accept_label", title=suggestion.title),
            accepted,
        )
        self._show_suggestions(self.detail, self.content)

    def action_new_goal(self) -> None:
        if self.detail is None or self.readonly:
            return
        conversation_id = self.detail.conversation.id

        def added(goal: GoalRecord) -> None:
            self.selected = goal.id
            self._focus_title = True

        saver = self.session.app.saver

        def typed(title: str) -> None:
            # Killed while the write waits for a lock: the journal offers back the title too.
            op = Op("add_goal", {"conversation_id": conversation_id, "title": title})
            label = t("plan.new_goal_titled_label", title=title) if title else None
            saver.amend("plan:new-goal", op, label or t("plan.new_goal_label"))

        self._hold_keys_until(lambda widget: widget.id == "goal-title", "plan:new-goal", typed)
        self._write(
            "plan:new-goal",
            Op("add_goal", {"conversation_id": conversation_id}),
            t("plan.new_goal_label"),
            added,
        )

    def _hold_keys_until(
        self,
        until: Callable[[Widget], bool],
        write: str,
        typed: Callable[[str], None] | None = None,
    ) -> None:
        """Keys typed while the new goal or action is made (the write `write`) wait for its
        field (see `type_ahead.HoldsKeys`): "ctrl+n Delegate the rota" typed together lost
        the title. `typed` is told the text they type so far."""
        screen = self.screen
        saver = self.session.app.saver
        if isinstance(screen, HoldsKeys):
            screen.hold_keys(
                until, waiting=lambda: saver.pending_value(write) is not None, typed=typed
            )

    def action_new_action(self) -> None:
        """A new action of the kind the goal lacks most (70, then 20, then 10)."""
        goal = self._goal(self.selected)
        if goal is None or self.readonly:
            return
        present = {action.kind for action in goal.actions}
        kind = next((k for k in ACTION_KINDS if k not in present), ACTION_KINDS[0])
        owner = self._owner()
        key = f"plan:new-action:{goal.id}"
        self._hold_keys_until(lambda widget: widget.has_class("action-description"), key)
        self._write(
            key,
            Op("add_action", {"goal_id": goal.id, "kind": kind, "owner": owner}),
            t("plan.new_action_label", title=goal.title),
            lambda action: self.query_one(GoalEditor).focus_action(action.id),
        )

    @on(GoalEditor.ActivityChosen)
    def _add_activity(self, event: GoalEditor.ActivityChosen) -> None:
        if self.readonly or self.detail is None:
            return
        activity, goal_id, owner = event.activity, event.goal_id, self._owner()
        description = activity.title.get(self.detail.conversation.language)
        args = {
            "goal_id": goal_id,
            "description": description,
            "kind": activity.type,
            "owner": owner,
            "activity_id": activity.id,
        }
        self._write(
            f"plan:activity:{goal_id}:{activity.id}",
            Op("add_action", args),
            t("plan.new_action_label", title=description),
        )

    # deleting, after a yes/no

    def _delete_target(self) -> tuple[str, Any] | None:
        """("action", record) when an action has the focus, ("goal", record) in the goal's parts."""
        focused = self.screen.focused
        if focused is None or self.readonly:
            return None
        for node in focused.ancestors_with_self:
            if isinstance(node, ActionRow):
                return ("action", node.action)
        editor = self.query_one(GoalEditor)
        in_goal = isinstance(focused, GoalList) or editor in focused.ancestors
        goal = self._goal(self.selected)
        return ("goal", goal) if in_goal and goal is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "new_goal":
            return not self.readonly
        if action == "new_action":
            return not self.readonly and self._goal(self.selected) is not None
        if action == "delete":
            return self._delete_target() is not None
        return True

    def action_delete(self) -> None:
        target = self._delete_target()
        if target is None:
            return
        from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

        what, record = target
        if what == "action":
            text = record.description.strip() or t("plan.untitled_action")
            question = t("plan.delete_action", action=esc(text))
        else:
            title = record.title.strip() or t("plan.untitled")
            question = t("plan.delete_goal_named", title=esc(title), n=len(record.actions))

        def answered(yes: bool | None) -> None:
            if yes and what == "action":
                self._delete_action(record)
            elif yes:
                self._delete_goal(record)

        self.app.push_screen(ConfirmScreen(question, default=False), answered)

    def _delete_goal(self, goal: GoalRecord) -> None:
        """The neighbour below (or above) is selected next, as in any list."""
        index = next((i for i, g in enumerate(self.goals) if g.id == goal.id), 0)
        rest = [g for g in self.goals if g.id != goal.id]
        self.selected = rest[min(index, len(rest) - 1)].id if rest else None
        self._write(
            f"plan:delete-goal:{goal.id}",
            Op("delete_goal", {"goal_id": goal.id}),
            t("plan.delete_goal_label", title=goal.title),
            lambda _none: self.query_one(GoalList).focus(),
        )

    def _delete_action(self, action: ActionRecord) -> None:
        """The focus goes on to the neighbouring action, or back to the goal's title."""
        goal = self._goal(action.goal_id)
        siblings = [a for a in goal.actions if a.id != action.id] if goal else []
        index = next((i for i, a in enumerate(goal.actions) if a.id == action.id), 0) if goal else 0
        editor = self.query_one(GoalEditor)

        def deleted(_none: None) -> None:
            if siblings:
                editor.focus_action(siblings[min(index, len(siblings) - 1)].id)
            else:
                editor.focus_title()

        self._write(
            f"plan:delete-action:{action.id}",
            Op("delete_action", {"action_id": action.id}),
            t("plan.delete_action_label", title=action.description),
            deleted,
        )
