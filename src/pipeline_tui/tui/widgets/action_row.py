"""One action of a development-plan goal, edited in two compact lines.

Line one: done and what will be done; line two: the kind of learning after
70-20-10, who owns it and by when. Every field saves itself through the
conversation screen's queue: text as typing pauses, the rest at once. A
discrete change is checked against the value the row started from, so a
change made in another session meanwhile is reported and reloaded instead of
overwritten. Once the plan is signed only "done" can change (the store
refuses the rest, so the fields are disabled rather than failing later).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Checkbox, Select, Static

from pipeline_tui.errors import ConflictError
from pipeline_tui.store.records import ACTION_KINDS, ActionRecord
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput
from pipeline_tui.tui.widgets.date_input import DateInput
from pipeline_tui.tui.widgets.field_sync import refill, reset_options, set_quietly


def kind_options() -> list[tuple[str, str]]:
    """Short names ("70 experience"): the row has little room beside the owner and the date."""
    return [(t(f"plan.kind_short.{kind}"), kind) for kind in ACTION_KINDS]


class ActionRow(Vertical):
    """Shows `action` and writes its edits; posts `Changed` with the updated record."""

    @dataclass
    class Changed(Message):
        row: ActionRow
        action: ActionRecord

        @property
        def control(self) -> ActionRow:
            return self.row

    def __init__(self, action: ActionRecord, *, readonly: bool, focus: bool = False) -> None:
        super().__init__(classes="action-row")
        self.action = action
        self.readonly = readonly
        self._focus_on_mount = focus
        self.discarded = False
        self.ready = False  # its fields are all mounted (set in on_mount, before is_mounted)

    def discard(self) -> None:
        """Take the row away; one still mounting goes once it is mounted.

        Textual's Select sets its value when it mounts and looks up its label
        then: removing the row in between (a goal shown and replaced within a
        moment) took the label away first and ended the app with NoMatches.
        """
        if self.ready:
            self.remove()
        else:
            self.discarded = True
            self.display = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="action-line"):
            yield Checkbox("", compact=True, classes="action-done", tooltip=t("plan.done"))
            yield AutosaveInput(
                classes="action-description",
                compact=True,
                max_length=300,
                placeholder=t("plan.action_placeholder"),
                select_on_focus=False,  # a stray key must not replace what saves itself
            )
        with Horizontal(classes="action-line action-details"):
            yield Select(kind_options(), allow_blank=False, compact=True, classes="action-kind")
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
        self.show(self.action, readonly=self.readonly)
        if self._focus_on_mount:
            self.call_after_refresh(self.focus_description)

    def focus_description(self) -> None:
        self.description.focus()
        self.scroll_visible(animate=False)

    @property
    def description(self) -> AutosaveInput:
        return self.query_one(".action-description", AutosaveInput)

    def show(self, action: ActionRecord, *, readonly: bool) -> None:
        """Show fresh data; fields the user is in keep what is being typed."""
        self.action, self.readonly = action, readonly
        if not self.ready:
            return  # its fields are not all there yet; on_mount shows the latest action
        action_id = action.id
        refill(
            self.description,
            f"action:{action_id}:description",
            action.description,
            None if readonly else self._text_writer("description"),
            t("plan.action"),
        )
        refill(
            self.query_one(".action-owner", AutosaveInput),
            f"action:{action_id}:owner",
            action.owner,
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

    def _text_writer(self, field: str) -> Any:
        action_id = self.action.id

        def write(repo: Any, value: str, expected: str | None) -> ActionRecord:
            return repo.plans.update_action(action_id, expected={field: expected}, **{field: value})

        return write

    # discrete fields: saved at once

    def _save(self, field: str, value: Any) -> None:
        old = getattr(self.action, field)
        if value == old:
            return
        action_id = self.action.id
        self.action = replace(self.action, **{field: value})
        self.post_message(self.Changed(self, self.action))
        self.screen.save(  # type: ignore[attr-defined]
            f"action:{action_id}:{field}",
            lambda repo: repo.plans.update_action(
                action_id, expected={field: old}, **{field: value}
            ),
            on_conflict=self._conflict,
        )

    def _conflict(self, _error: ConflictError) -> None:
        self.notify(t("plan.changed_elsewhere"), severity="warning")
        self.screen.reload()  # type: ignore[attr-defined]

    @on(Checkbox.Changed, ".action-done")
    def _done(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value == event.checkbox.value:  # not a stale message from an earlier fill
            self._save("done", event.value)

    @on(Select.Changed, ".action-kind")
    def _kind(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == event.select.value and not self.readonly:  # a fill posts a stale one
            self._save("kind", event.value)

    @on(DateInput.Picked, ".action-due")
    def _due(self, event: DateInput.Picked) -> None:
        event.stop()
        if not self.readonly:
            self._save("due_on", event.value)

    @on(DateInput.Checked, ".action-due")
    def _due_checked(self, event: DateInput.Checked) -> None:
        event.stop()
        error = self.query_one(".action-error", Static)
        error.update(event.error)
        error.display = bool(event.error)
