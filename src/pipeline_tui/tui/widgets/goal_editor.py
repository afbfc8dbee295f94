"""The selected goal of the development plan: what, how success shows, by when, and its actions.

A goal is only as good as its success criterion, so the editor asks for one
that others could observe (SMART: specific, measurable, time-bound). Below the
actions, the pack's development activities that suit the goal's expectations
and cards are offered grouped after 70-20-10; enter adds one as an action.
The editor shows the goal as the conversation session holds it, writes the
goal's own fields through the session, and asks the step, by message, for
what changes the plan's shape: adding an activity as an action.

After signing, the store only accepts progress, so only the status and the
progress notes stay editable (and each action's done flag, see ActionRow).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from pipeline_tui.core.suggestions import activities_for
from pipeline_tui.errors import ConflictError
from pipeline_tui.ops import Op
from pipeline_tui.packs.schema import ACTIVITY_TYPES, Activity
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ActionRecord, GoalRecord
from pipeline_tui.tui.i18n import language, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.session import ConversationSession
from pipeline_tui.tui.widgets.action_row import ActionRow
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea, OpFor
from pipeline_tui.tui.widgets.date_input import DateInput
from pipeline_tui.tui.widgets.field_sync import reset_options, set_quietly
from pipeline_tui.tui.widgets.pick_list import PickList
from pipeline_tui.vocabulary import GOAL_STATUSES

LABELS = {
    "goal-title-label": "plan.goal_title",
    "goal-success-label": "plan.success",
    "goal-due-label": "plan.due_short",
    "goal-status-label": "plan.status",
    "goal-progress-label": "plan.progress",
    "goal-activities-title": "plan.activities",
}


def status_options() -> list[tuple[str, str]]:
    return [(t(f"plan.goal_status.{status}"), status) for status in GOAL_STATUSES]


class GoalEditor(VerticalScroll):
    # Not a tab stop of its own: everything in it is a field, and a field taking the focus
    # scrolls itself into view. As a stop, tab landed on the column with nothing to show.
    can_focus = False

    @dataclass
    class Edited(Message):
        """The goal's title, due date or status changed here (already on its way to disk);
        `title` is the title as typed this moment."""

        editor: GoalEditor
        goal_id: int
        title: str

        @property
        def control(self) -> GoalEditor:
            return self.editor

    @dataclass
    class ActivityChosen(Message):
        editor: GoalEditor
        goal_id: int
        activity: Activity

        @property
        def control(self) -> GoalEditor:
            return self.editor

    def __init__(self, session: ConversationSession, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.goal_id: int | None = None
        self.readonly = False
        self.activities: dict[str, Activity] = {}
        self._text_lang = "da"
        self._focus_action: int | None = None
        self._rows: dict[int, ActionRow] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="goal-empty", classes="muted")
        with Vertical(id="goal-form"):
            yield Label("", id="goal-title-label", classes="plan-label")
            yield AutosaveInput(
                id="goal-title",
                compact=True,
                max_length=200,
                placeholder=t("plan.title_hint"),
            )
            yield Label("", id="goal-success-label", classes="plan-label")
            yield AutosaveTextArea(
                id="goal-success", compact=True, placeholder=t("plan.success_hint")
            )
            with Horizontal(id="goal-meta"):
                yield Label("", id="goal-due-label", classes="plan-inline-label")
                yield DateInput(id="goal-due")
                yield Label("", id="goal-status-label", classes="plan-inline-label")
                yield Select(status_options(), id="goal-status", allow_blank=False, compact=True)
            yield Static("", id="goal-due-error", classes="field-error")
            yield Static("", id="goal-links", classes="muted")
            yield Label("", id="goal-progress-label", classes="plan-label")
            yield AutosaveTextArea(id="goal-progress", compact=True)
            yield Static("", id="goal-actions-title", classes="section-title")
            yield Static("", id="goal-mix", classes="muted")
            yield Vertical(id="goal-actions")
            yield Static("", id="goal-no-actions", classes="muted")
            yield Static("", id="goal-activities-title", classes="section-title")
            yield Static("", id="goal-activities-hint", classes="muted")
            yield PickList(id="goal-activities", enter_id="plan.add_activity")
            yield Static("", id="goal-activity-detail", classes="muted")

    def on_mount(self) -> None:
        self.watch(self.query_one("#goal-title", AutosaveInput), "value", self._title_typed)
        self.query_one("#goal-form").display = False
        self.query_one("#goal-due-error").display = False

    # showing

    @property
    def goal(self) -> GoalRecord | None:
        return self.session.goal(self.goal_id)

    def show_goal(
        self,
        goal: GoalRecord | None,
        content: ConversationContent,
        *,
        readonly: bool,
        text_lang: str,
    ) -> None:
        """Show `goal` (None: none selected); fields the user is in keep their text."""
        self.readonly, self._text_lang = readonly, text_lang
        for widget_id, key in LABELS.items():
            self.query_one(f"#{widget_id}", Static).update(t(key))
        self.query_one("#goal-empty", Static).update(t("plan.no_goal"))
        self.query_one("#goal-empty").display = goal is None
        self.query_one("#goal-form").display = goal is not None
        if goal is None:
            self.goal_id = None
            return
        changed = self.goal_id != goal.id
        self.goal_id = goal.id
        self._show_fields(goal, readonly)
        self._show_links(goal, content)
        self._show_actions(goal, readonly, fresh=changed)
        self._show_activities(goal, content, readonly)
        if changed:
            self.scroll_home(animate=False)

    def _stored(self, goal_id: int, field: str) -> Any:
        """The field as last read or saved (not as typed): what writes compare with."""
        detail = self.session.detail
        goals = detail.plan.goals if detail is not None and detail.plan is not None else ()
        stored = next((g for g in goals if g.id == goal_id), None)
        return getattr(stored, field) if stored is not None else None

    def _show_fields(self, goal: GoalRecord, readonly: bool) -> None:
        session = self.session
        self.query_one("#goal-title", AutosaveInput).bind_field(
            session,
            f"goal:{goal.id}:title",
            self._stored(goal.id, "title") or "",
            None if readonly else self._text_writer("title"),
            t("plan.goal_title"),
        )
        self.query_one("#goal-success", AutosaveTextArea).bind_field(
            session,
            f"goal:{goal.id}:success_criterion",
            self._stored(goal.id, "success_criterion") or "",
            None if readonly else self._text_writer("success_criterion"),
            t("plan.success"),
        )
        self.query_one("#goal-progress", AutosaveTextArea).bind_field(
            session,
            f"goal:{goal.id}:progress_notes",
            self._stored(goal.id, "progress_notes") or "",
            self._text_writer("progress_notes"),
            t("plan.progress"),
        )
        progress = readonly or bool(goal.progress_notes.strip())
        self.query_one("#goal-progress-label").display = progress
        self.query_one("#goal-progress").display = progress
        due = self.query_one("#goal-due", DateInput)
        if not due.has_focus:
            due.keep_in(session, f"goal:{goal.id}:due_on")
            due.show_date(goal.due_on)
        due.disabled = readonly
        status = self.query_one("#goal-status", Select)
        if not status.expanded:
            set_quietly(status, goal.status)
        self.query_one("#goal-success", AutosaveTextArea).placeholder = (
            "" if readonly else t("plan.success_hint")  # SMART: what others could observe
        )

    def _show_links(self, goal: GoalRecord, content: ConversationContent) -> None:
        lang = language()
        # A link to what this conversation is not held with (a goal carried from another
        # layer or deck before carrying dropped such links) is not shown as its bare id.
        parts = []
        for expectation_id in goal.expectation_ids:
            expectation = content.expectation(expectation_id)
            if expectation is not None:
                parts.append(expectation.title.get(lang))
        for card_id in goal.card_ids:
            card = content.card(card_id)
            if card is not None:
                parts.append(t("plan.card_link", title=card.title.get(lang)))
        links = self.query_one("#goal-links", Static)
        links.update(f"{t('plan.links')}: {esc(' · '.join(parts))}" if parts else "")
        links.display = bool(parts)

    def _show_actions(self, goal: GoalRecord, readonly: bool, *, fresh: bool) -> None:
        """Keep one row per action: rows of kept actions stay (with what is typed in them)."""
        wanted = {action.id for action in goal.actions}
        for action_id in list(self._rows):
            if fresh or action_id not in wanted:
                self._rows.pop(action_id).discard()
        new = []
        for action in goal.actions:
            row = self._rows.get(action.id)
            if row is not None:
                row.show(readonly=readonly)
                if action.id == self._focus_action:
                    self._focus_pending_action()
                continue
            row = ActionRow(
                self.session, action, readonly=readonly, focus=action.id == self._focus_action
            )
            self._rows[action.id] = row
            new.append(row)
        if new:
            self.query_one("#goal-actions", Vertical).mount_all(new)
        if self._focus_action in {row.action.id for row in new}:
            self._focus_action = None
        self.query_one("#goal-no-actions", Static).update(t("plan.no_actions"))
        self.query_one("#goal-no-actions").display = not goal.actions and not readonly
        self._show_mix(goal)

    def _show_mix(self, goal: GoalRecord, actions: list[ActionRecord] | None = None) -> None:
        """The goal's 70-20-10 mix; `actions` as last chosen (a kind changed, not yet saved)."""
        counts = Counter(action.kind for action in (goal.actions if actions is None else actions))
        self.query_one("#goal-actions-title", Static).update(t("plan.actions"))
        mix = self.query_one("#goal-mix", Static)
        mix.update(t("plan.mix", **{kind: counts.get(kind, 0) for kind in ACTIVITY_TYPES}))
        mix.display = bool(goal.actions)

    def _show_activities(
        self, goal: GoalRecord, content: ConversationContent, readonly: bool
    ) -> None:
        suited = activities_for(
            content, expectation_ids=goal.expectation_ids, card_ids=goal.card_ids
        )
        hint = ""
        if not suited:
            suited = list(content.activities)
            hint = t("plan.activities_all") if suited else t("plan.no_activities")
        shown = not readonly
        for widget_id in ("goal-activities-title", "goal-activities", "goal-activity-detail"):
            self.query_one(f"#{widget_id}").display = shown and bool(suited)
        hint_widget = self.query_one("#goal-activities-hint", Static)
        hint_widget.update(hint)
        hint_widget.display = shown and bool(hint)
        used = {action.activity_id for action in goal.actions if action.activity_id}
        self.activities = {activity.id: activity for activity in suited}
        options: list[Option] = []
        for kind in ACTIVITY_TYPES:
            group = [a for a in suited if a.type == kind]
            if not group:
                continue
            options.append(Option(f"[b]{t(f'plan.type.{kind}')}[/b]", disabled=True))
            for activity in group:
                mark = "✓" if activity.id in used else "+"
                title = esc(activity.title.get(self._text_lang))
                options.append(Option(f" {mark} {title}", id=activity.id, disabled=mark == "✓"))
        self.query_one("#goal-activities", PickList).replace_options(options)
        self._show_activity_detail()

    def _show_activity_detail(self) -> None:
        listing = self.query_one("#goal-activities", OptionList)
        option = listing.highlighted_option
        activity = self.activities.get(option.id or "") if option is not None else None
        detail = self.query_one("#goal-activity-detail", Static)
        detail.update(esc(activity.description.get(language())) if activity else "")

    # focus

    def focus_title(self) -> None:
        """Start editing the goal: its title, or its status once the plan is signed."""
        title = self.query_one("#goal-title", AutosaveInput)
        target = self.query_one("#goal-status", Select) if self.readonly else title
        self.call_after_refresh(target.focus)

    def focus_action(self, action_id: int) -> None:
        """Put the cursor in an action's description as soon as its row is there."""
        self._focus_action = action_id
        self._focus_pending_action()

    def _focus_pending_action(self) -> None:
        row = self._rows.get(self._focus_action or 0)
        if row is not None and row.ready:
            self._focus_action = None
            row.focus_description()

    # writing

    def _text_writer(self, field: str) -> OpFor:
        args = {"goal_id": self.goal_id or 0, "field": field}
        return lambda value: Op("goal_text", {**args, "value": value})

    def _title_typed(self, value: str) -> None:
        title = self.query_one("#goal-title", AutosaveInput)
        if self.goal_id is not None and title.key == f"goal:{self.goal_id}:title":
            self.post_message(self.Edited(self, self.goal_id, value))

    def _save(self, field: str, value: Any) -> None:
        goal = self.goal
        if goal is None or getattr(goal, field) == value:
            return
        self.session.set_field(
            f"goal:{goal.id}:{field}",
            Op("goal", {"goal_id": goal.id}),
            field,
            value,
            self._stored(goal.id, field),
            label=t("plan.goal_title"),
            on_conflict=self._conflict,
        )
        self.post_message(self.Edited(self, goal.id, goal.title))

    def _conflict(self, _error: ConflictError) -> None:
        self.notify(t("plan.changed_elsewhere"), severity="warning")
        self.session.reload()

    @on(DateInput.Picked, "#goal-due")
    def _due(self, event: DateInput.Picked) -> None:
        event.stop()
        if not self.readonly:
            self._save("due_on", event.value)

    @on(DateInput.Checked, "#goal-due")
    def _due_checked(self, event: DateInput.Checked) -> None:
        event.stop()
        error = self.query_one("#goal-due-error", Static)
        error.update(event.error)
        error.display = bool(event.error)
        goal = self.session.goal(self.goal_id)
        if goal is not None:  # the goal list says whether its due date is one yet
            self.post_message(self.Edited(self, goal.id, goal.title))

    @on(Select.Changed, "#goal-status")
    def _status(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == event.select.value and event.value is not Select.BLANK:
            self._save("status", event.value)

    @on(ActionRow.Changed)
    def _action_changed(self, _event: ActionRow.Changed) -> None:
        goal = self.goal
        if goal is not None:
            actions = [self.session.action(a.id) or a for a in goal.actions]
            self._show_mix(goal, actions)

    @on(OptionList.OptionHighlighted, "#goal-activities")
    def _activity_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_activity_detail()

    @on(OptionList.OptionSelected, "#goal-activities")
    def _activity_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        activity = self.activities.get(event.option.id or "")
        if activity is not None and self.goal is not None and not self.readonly:
            self.post_message(self.ActivityChosen(self, self.goal.id, activity))

    def relabel(self) -> None:
        """The language changed: the choices' names and the hints follow."""
        self.query_one("#goal-title", AutosaveInput).placeholder = t("plan.title_hint")
        self.query_one("#goal-success", AutosaveTextArea).placeholder = t("plan.success_hint")
        self.query_one("#goal-due", DateInput).placeholder = t("plan.date_placeholder")
        status = self.query_one("#goal-status", Select)
        reset_options(status, status_options(), self.goal.status if self.goal else "open")
        for row in self._rows.values():
            row.relabel()
