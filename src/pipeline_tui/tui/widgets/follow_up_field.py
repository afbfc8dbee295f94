"""The plan's follow-up date: suggested, but only stored once someone chooses it.

A follow-up date is part of what both sign, so the app never writes one on
its own: the suggestion (a year after the conversation, the next annual
round) stands as the field's placeholder, worded as a suggestion ("suggested
2027-11-23": a bare date looked filled in, and sign-off then said there was
none), until enter takes it or a date is typed. An emptied field removes the
date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from pipeline_tui.core.due import follow_up_too_early
from pipeline_tui.tui.i18n import t, typed_day
from pipeline_tui.tui.widgets.date_input import DateInput


class FollowUpField(Vertical):
    @dataclass
    class Chosen(Message):
        """The user chose a date (typed, or took the suggestion) or emptied the field."""

        field: FollowUpField
        value: date | None

        @property
        def control(self) -> FollowUpField:
            return self.field

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stored: date | None = None
        self.suggested: date | None = None
        self.held_on: date | None = None  # the conversation's day: a follow-up comes after it
        self.readonly = False

    def compose(self) -> ComposeResult:
        yield DateInput(id="plan-follow-up")
        yield Static("", id="plan-follow-up-hint", classes="muted")
        yield Static("", id="plan-follow-up-error", classes="field-error")

    @property
    def input(self) -> DateInput:
        return self.query_one(DateInput)

    def show(
        self, stored: date | None, suggested: date, *, readonly: bool, held_on: date | None = None
    ) -> None:
        self.stored, self.suggested, self.readonly = stored, suggested, readonly
        self.held_on = held_on
        field = self.input
        if not field.has_focus:
            field.show_date(stored)
        field.disabled = readonly
        field.placeholder = (
            "" if readonly else t("plan.follow_up_placeholder", date=typed_day(suggested))
        )
        self._show_hint()

    def _show_hint(self) -> None:
        hint = "" if self.stored or self.readonly else t("plan.follow_up_suggested")
        if not self.readonly and follow_up_too_early(self.stored, self.held_on):
            # Kept as typed (it is a date), but said: mostly last year's year typed by habit.
            hint = t("plan.follow_up_too_early", date=typed_day(self.held_on))
        self.query_one("#plan-follow-up-hint", Static).update(hint)

    def _choose(self, value: date | None) -> None:
        if value == self.stored or self.readonly:
            return
        self.stored = value
        self._show_hint()
        self.post_message(self.Chosen(self, value))

    @on(DateInput.Picked)
    def _typed(self, event: DateInput.Picked) -> None:
        event.stop()
        self._choose(event.value)

    @on(Input.Submitted)
    def _confirmed(self, event: Input.Submitted) -> None:
        """Enter on the empty field takes the suggestion."""
        event.stop()
        if self.suggested is not None and not self.input.value.strip():
            self.input.show_date(self.suggested)
            self._choose(self.suggested)

    @on(DateInput.Checked)
    def _checked(self, event: DateInput.Checked) -> None:
        event.stop()
        error = self.query_one("#plan-follow-up-error", Static)
        error.update(event.error)
        error.display = bool(event.error)
