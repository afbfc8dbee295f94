"""One action of a development-plan goal, edited in two compact lines.

Line one: done and what will be done; line two: the kind of learning after
70-20-10, who owns it and by when. The row shows the action as the
conversation session holds it and writes every field through the session:
text as typing pauses, the rest at once. A change is checked against the
value last known to be stored, so a change made in another session meanwhile
is reported and reloaded instead of overwritten. Once the plan is signed only
"done" can change (the store refuses the rest, so the fields are disabled rather
than failing later).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Checkbox, Select, Static

from pipeline_tui.errors import ConflictError
from pipeline_tui.ops import Op
from pipeline_tui.records import ActionRecord
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.session import ConversationSession
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, OpFor
from pipeline_tui.tui.widgets.date_input import DateInput
from pipeline_tui.tui.widgets.field_sync import reset_options, set_quietly
from pipeline_tui.tui.widgets.form_input import FormSelect
from pipeline_tui.vocabulary import ACTION_KINDS


def kind_options() -> list[tuple[str, str]]:
    """Short names ("70 experience"): the row has little room beside the owner and the date."""
    return [(t(f"plan.kind_short.{kind}"), kind) for kind in ACTION_KINDS]


class ActionRow(Vertical):
    """Shows an action of the session's plan and writes its edits; posts `Changed` when one
    of them changes what the goal shows (its 70-20-10 mix)."""

    @dataclass
    class Changed(Message):
        row: ActionRow
        action: ActionRecord

        @property
        def control(self) -> ActionRow:
            return self.row

    def __init__(
        self,
        session: ConversationSession,
        action: ActionRecord,
        *,
        readonly: bool,
        focus: bool = False,
    ) -> None:
        super().__init__(classes="action-row")
        self.session = session
        self.action_id = action.id
        self._last = action  # shown while the session no longer holds it (being removed)
        self.readonly = readonly
        self._focus_on_mount = focus
        self.discarded = False
        self.ready = False  # its fields are all mounted (set in on_mount, before is_mounted)
        self._shown_at: float | None = None  # Textual's clock when it first showed its action

    def _from_user(self, event: Message) -> bool:
        """A field's message is the user's only once the row shows its action and while it
        stays: a Select takes its first option as it mounts ("experience") and says so, and
        a row taken away while mounting (another goal shown) never showed its action at all.
        Such a message wrote "experience" over the kind of the goal shown before."""
        return (
            self.ready
            and not self.discarded
            and self._shown_at is not None
            and event.time > self._shown_at
        )

    def discard(self) -> None:
        """Take the row away; one still mounting goes once it is mounted.

        Textual's Select sets its value when it mounts and looks up its label
        then: removing the row in between (a goal shown and replaced within a
        moment) took the label away first and ended the app with NoMatches.
        """
        self.discarded = True  # answers nothing its fields still say
        if self.ready:
            self.remove()
        else:
            self.display = False

    @property
    def action(self) -> ActionRecord:
        found = self.session.action(self.action_id)
        if found is not None:
            self._last = found
        return self._last

    def compose(self) -> ComposeResult:
        with Horizontal(classes="action-line"):
            yield Checkbox("", compact=True, classes="action-done", tooltip=t("plan.done"))
            yield AutosaveInput(
                classes="action-description",
                compact=True,
                max_length=300,
                placeholder=t("plan.action_placeholder"),
            )
        with Horizontal(classes="action-line action-details"):
            # FormSelect: "tab tab Mette" typed from the description reaches the owner whole
            yield FormSelect(kind_options(), allow_blank=False, compact=True, classes="action-kind")
            yield AutosaveInput(
                classes="action-owner", compact=True, max_length=120, placeholder=t("plan.owner")
            )
            yield DateInput(classes="action-due", tooltip=t("plan.due"))
        yield Static("", classes="action-error field-error")

    def on_mount(self) -> None:
        if self.discarded:  # no longer wanted: it can go now that its fields are all there
            self.remove()
            return
        try:
            self.query_one(".action-error").display = False
        except NoMatches:  # removed again before it finished mounting (a newer goal shown)
            return
        self.ready = True
        self.show(readonly=self.readonly)
        self._shown_at = Message().time  # what the fields said before this was not the user
        if self._focus_on_mount:
            self.call_after_refresh(self.focus_description)

    def focus_description(self) -> None:
        self.description.focus()
        self.scroll_visible(animate=False)

    @property
    def description(self) -> AutosaveInput:
        return self.query_one(".action-description", AutosaveInput)

    def show(self, *, readonly: bool) -> None:
        """Show fresh data; fields the user is in keep what is being typed."""
        self.readonly = readonly
        if not self.ready:
            return  # its fields are not all there yet; on_mount shows the latest action
        action = self.action
        action_id = action.id
        self.description.bind_field(
            self.session,
            f"action:{action_id}:description",
            self._stored("description"),
            None if readonly else self._text_writer("description"),
            t("plan.action"),
        )
        self.query_one(".action-owner", AutosaveInput).bind_field(
            self.session,
            f"action:{action_id}:owner",
            self._stored("owner"),
            None if readonly else self._text_writer("owner"),
            t("plan.owner"),
        )
        done = self.query_one(".action-done", Checkbox)
        set_quietly(done, action.done)
        kind = self.query_one(".action-kind", Select)
        if not kind.expanded:
            set_quietly(kind, action.kind)
        kind.disabled = readonly
        due = self.query_one(".action-due", DateInput)
        if not due.has_focus:
            due.keep_in(self.session, f"action:{action_id}:due_on")
            due.show_date(action.due_on)
        due.disabled = readonly

    def relabel(self) -> None:
        """The language changed: the kinds' names follow."""
        if not self.ready:
            return  # composed with the current language's names
        reset_options(self.query_one(".action-kind", Select), kind_options(), self.action.kind)
        self.description.placeholder = t("plan.action_placeholder")
        self.query_one(".action-owner", AutosaveInput).placeholder = t("plan.owner")
        self.query_one(".action-due", DateInput).placeholder = t("plan.date_placeholder")

    def _stored(self, field: str) -> Any:
        """The field as last read or saved (not as typed): what writes compare with."""
        detail = self.session.detail
        goals = detail.plan.goals if detail is not None and detail.plan is not None else ()
        for goal in goals:
            for action in goal.actions:
                if action.id == self.action_id:
                    return getattr(action, field)
        return getattr(self._last, field)

    def _text_writer(self, field: str) -> OpFor:
        args = {"action_id": self.action_id, "field": field}
        return lambda value: Op("action_text", {**args, "value": value})

    # discrete fields: saved at once

    def _save(self, field: str, value: Any) -> None:
        if value == getattr(self.action, field):
            return
        self.session.set_field(
            f"action:{self.action_id}:{field}",
            Op("action", {"action_id": self.action_id}),
            field,
            value,
            self._stored(field),
            label=t("plan.action"),
            on_conflict=self._conflict,
        )
        self.post_message(self.Changed(self, self.action))

    def _conflict(self, _error: ConflictError) -> None:
        self.notify(t("plan.changed_elsewhere"), severity="warning")
        self.session.reload()

    @on(Checkbox.Changed, ".action-done")
    def _done(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value == event.checkbox.value and self._from_user(event):  # not an earlier fill
            self._save("done", event.value)

    @on(Select.Changed, ".action-kind")
    def _kind(self, event: Select.Changed) -> None:
        event.stop()
        # a fill posts a stale one; a row still mounting its first option
        if event.value == event.select.value and not self.readonly and self._from_user(event):
            self._save("kind", event.value)

    @on(DateInput.Picked, ".action-due")
    def _due(self, event: DateInput.Picked) -> None:
        event.stop()
        if not self.readonly and self._from_user(event):
            self._save("due_on", event.value)

    @on(DateInput.Checked, ".action-due")
    def _due_checked(self, event: DateInput.Checked) -> None:
        event.stop()
        error = self.query_one(".action-error", Static)
        error.update(event.error)
        error.display = bool(event.error)
