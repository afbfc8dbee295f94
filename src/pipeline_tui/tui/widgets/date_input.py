"""A one-line date field that only ever hands on a real date. It takes a date written day
first, as Danes write it (5.12.2027), or ISO (2027-12-05), and shows a stored date as the
language types it (05.12.2027 in Danish, ISO in English).

A date is saved the moment it is whole and valid, so there is nothing to
commit on leaving; a half-typed or impossible date is never passed on. The
field says what is wrong as soon as the text is long enough to be a date, or
when it is left unfinished, through `error`, which the parent shows where it
has room (a line under the field). An emptied field means "no date".

What is typed that is no date is not lost either: a field given a session and a
key (`keep_in`) keeps the text there, and shows it again, with what is wrong,
instead of the stored date when it is shown again (another step, another goal and
back); the conversation asks before it is closed with such a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.message import Message
from textual.widgets import Input

from pipeline_tui.tui.i18n import t, typed_day
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pipeline_tui.tui.session import ConversationSession

DATE_LENGTH = 10


# Day first, as Danes write it (5.12.2027, 05-12-2027, 5/12/2027): the year whole, last.
DAY_FIRST = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
# ... and as a Dane writes it by hand and in a letter: 1/12-2026 (it was "not a date").
SLASH_DASH = re.compile(r"(\d{1,2})/(\d{1,2})-(\d{4})")


def parse_date(text: str) -> date | None:
    """The date in `text`, ISO (2027-12-05) or day first (5.12.2027, 5/12-2027); ValueError
    when it is not one (an empty text is no date). A date is only taken once its year is
    whole, so a date half typed is never taken for another."""
    text = text.strip()
    if not text:
        return None
    day_first = DAY_FIRST.fullmatch(text)
    if day_first is not None:
        day, _separator, month, year = day_first.groups()
        return date(int(year), int(month), int(day))
    slash_dash = SLASH_DASH.fullmatch(text)
    if slash_dash is not None:
        day, month, year = slash_dash.groups()
        return date(int(year), int(month), int(day))
    if len(text) != DATE_LENGTH:
        raise ValueError(text)
    return date.fromisoformat(text)


class DateInput(FormInput):
    """Posts `Picked` for each valid date (or an emptied field) and `Checked` for every change."""

    @dataclass
    class Picked(Message):
        """A valid date was typed, or the field was emptied (`value` is None)."""

        input: DateInput
        value: date | None

        @property
        def control(self) -> DateInput:
            return self.input

    @dataclass
    class Checked(Message):
        """The field's error changed: "" when fine."""

        input: DateInput
        error: str

        @property
        def control(self) -> DateInput:
            return self.input

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", DATE_LENGTH)
        kwargs.setdefault("placeholder", t("plan.date_placeholder"))
        super().__init__(compact=True, restrict=r"[0-9./-]*", **kwargs)
        self.error = ""
        self._kept_in: tuple[ConversationSession, str] | None = None

    def keep_in(self, session: ConversationSession, key: str) -> None:
        """Keep what is typed here that is no date in `session.typed_dates[key]` (the
        field shows one goal's or action's date, then another's: the key follows)."""
        self._kept_in = (session, key)

    def _kept(self) -> str | None:
        if self._kept_in is None:
            return None
        session, key = self._kept_in
        return None if session.readonly else session.typed_dates.get(key)

    def _keep(self, text: str | None) -> None:
        if self._kept_in is None:
            return
        session, key = self._kept_in
        if text and text.strip():
            session.typed_dates[key] = text
        else:
            session.typed_dates.pop(key, None)

    def show_date(self, value: date | None) -> None:
        """Show a stored date without announcing it (and forget any error); or, when what
        was typed here was no date (`keep_in`), that text again and what is wrong with it."""
        kept = self._kept()
        with self.prevent(Input.Changed):
            self.value = typed_day(value) if kept is None else kept
        self._set_error("" if kept is None else t("plan.bad_date"))

    def _set_error(self, error: str) -> None:
        if error != self.error:
            self.error = error
            self.set_class(bool(error), "-bad-date")
            self.post_message(self.Checked(self, error))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = parse_date(self.value)
        except ValueError:
            self._keep(self.value)
            complete = len(self.value.strip()) >= DATE_LENGTH
            self._set_error(t("plan.bad_date") if complete else "")
            return
        self._keep(None)
        self._set_error("")
        self.post_message(self.Picked(self, value))

    def on_paste(self, event: events.Paste) -> None:
        """A date pasted with spaces (copied out of a mail or a calendar, " 01.03.2027 ") is
        taken without them: a space is no part of a date, and the field refused the whole
        paste for it, without a word. (Runs before the field's own paste: Textual calls the
        handlers along the class's MRO.)"""
        event.text = "".join(event.text.split())

    def restricted(self) -> None:
        """A letter or a space typed ("next spring"), or pasted: refused, as before, but the
        field now says what a date is written like; the bell alone said nothing (and many
        terminals ring none). A key past a whole date is only refused."""
        super().restricted()
        try:
            whole = parse_date(self.value) is not None
        except ValueError:
            whole = False
        if not whole:
            self._set_error(t("plan.bad_date"))

    @on(Input.Submitted)
    def _submitted(self, _event: Input.Submitted) -> None:
        """Enter checks the date; the message goes on (the follow-up date confirms with it)."""
        self._check_finished()

    def on_blur(self) -> None:
        self._check_finished()

    def _check_finished(self) -> None:
        try:
            parse_date(self.value)
        except ValueError:
            self._set_error(t("plan.bad_date"))


def typed_dates_said(session: ConversationSession) -> str:
    """The texts typed in the plan's date fields that are no dates (never saved), one line
    each with the field they are in: markup, escaped; "" when there are none."""
    return "\n".join(typed_dates_lines(session))


def typed_dates_question(lines: Sequence[str], then: str) -> tuple[str, str]:
    """The title and the question before closing or quitting with `lines` (from
    `typed_dates_lines`) typed that are no dates, ending with the text `then`: one date or
    several, said so ("Skriv datoen" for one, not "datoerne")."""
    one = len(lines) == 1
    said = "\n".join(lines)
    title = t("plan.typed_dates_title_one") if one else t("plan.typed_dates_title")
    question = t("plan.typed_dates_one", dates=said) if one else t("plan.typed_dates", dates=said)
    return title, f"{question} {t(then)}"


def typed_dates_lines(session: ConversationSession) -> list[str]:
    """`typed_dates_said`'s lines, one per field."""
    lines = []
    for key, text in session.typed_dates_left().items():
        kind, _, owner = key.partition(":")
        number = int(owner.partition(":")[0])
        if kind == "goal":
            goal = session.goal(number)
            what = t("plan.typed_date.goal", title=goal.title if goal else "")
        elif kind == "action":
            action = session.action(number)
            what = t("plan.typed_date.action", title=action.description if action else "")
        elif kind == "conversation":
            what = t("plan.typed_date.held_on")
        else:
            what = t("plan.typed_date.follow_up")
        lines.append(f"• {esc(what)}: {esc(text)}")
    return lines
