"""Before a new conversation is written: its kind, its date and who conducts it.

Nothing is stored until the user confirms, so a stray key leaves no draft behind.
The defaults are what `services.start_conversation` would choose (the layer's kind,
today, the person's manager); the setup step can change them afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from pipeline_tui.tui.i18n import binding, t, typed_day
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.screens.base import PipelineModal
from pipeline_tui.tui.widgets.date_input import parse_date
from pipeline_tui.tui.widgets.field_sync import plain_options
from pipeline_tui.tui.widgets.form_input import FormInput, FormSelect
from pipeline_tui.vocabulary import CONVERSATION_KINDS


@dataclass(frozen=True)
class NewConversation:
    """What the user chose; `conductor_id` when the conductor is a person in the list."""

    kind: str
    held_on: date
    conducted_by: str
    conductor_id: int | None


@dataclass(frozen=True)
class NewConversationDefaults:
    person_name: str
    kind: str
    held_on: date
    manager_name: str
    manager_id: int | None
    # (name, key) of the kinds the pack offers on the person's layer, named by the pack.
    kinds: tuple[tuple[str, str], ...] = ()
    # Said above the fields when the person's layer is not in the pack (markup, escaped).
    note: str = ""


class NewConversationScreen(PipelineModal[NewConversation | None]):
    """Returns the choice, or None when cancelled (nothing is written either way)."""

    BINDINGS = [binding("escape", "cancel", id="dialog.cancel")]

    def __init__(self, defaults: NewConversationDefaults) -> None:
        super().__init__(classes="dialog")
        self.defaults = defaults

    def compose(self) -> ComposeResult:
        d = self.defaults
        # The names the conductor field completes from; Enter takes the completion shown.
        self._people = people = [row.name for row in self.pipeline.people_rows]
        with Vertical(classes="dialog-box", id="new-conversation"):
            yield Static(t("new.title", name=esc(d.person_name)), classes="dialog-title")
            if d.note:
                yield Static(d.note, id="new-note", classes="dialog-warning")
            with Grid(classes="form-grid"):
                yield Label(t("setup.kind"), classes="form-label")
                yield FormSelect(
                    plain_options(d.kinds) or [(t(f"kind.{k}"), k) for k in CONVERSATION_KINDS],
                    value=d.kind,
                    id="new-kind",
                    allow_blank=False,
                    compact=True,
                )
                yield Label(t("setup.date"), classes="form-label")
                yield FormInput(typed_day(d.held_on), id="new-date", compact=True, max_length=10)
                yield Label(t("setup.conducted_by"), classes="form-label")
                yield FormInput(
                    d.manager_name,
                    id="new-conductor",
                    compact=True,
                    max_length=200,
                    suggester=SuggestFromList(people, case_sensitive=False),
                )
            yield Static("", id="new-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.cancel"), id="cancel")
                yield Button(t("new.start"), id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        text = self.query_one("#new-date", Input).value
        try:
            held_on = parse_date(text)
        except ValueError:
            held_on = None
        if held_on is None:
            # Emptied, it said " is not a date": the sentence began with the empty text.
            said = t("new.bad_date", text=esc(text.strip())) if text.strip() else t("new.no_date")
            self.query_one("#new-error", Static).update(said)
            self.query_one("#new-date", Input).focus()
            return
        conductor = self._completed_conductor()
        self.dismiss(
            NewConversation(
                kind=str(self.query_one("#new-kind", Select).value),
                held_on=held_on,
                conducted_by=conductor,
                conductor_id=self._conductor_id(conductor),
            )
        )

    def _completed_conductor(self) -> str:
        """The name as the field shows it: with the completion it offers while the cursor is
        in it ("Karina" shows "Karina Lauridsen", the first person whose name begins so, as
        its suggester finds it). Enter takes that name, written out in full; it used to save
        "Karina", which then printed on the signed plan. Left for the start button, the field
        shows no completion, and what was typed is what is saved."""
        field = self.query_one("#new-conductor", Input)
        typed = field.value
        if field.has_focus and typed.strip():
            wanted = typed.casefold()  # as SuggestFromList(case_sensitive=False) compares
            completed = next((n for n in self._people if n.casefold().startswith(wanted)), None)
            if completed is not None and completed != typed:
                field.value = completed
                return completed.strip()
        return typed.strip()

    def _conductor_id(self, name: str) -> int | None:
        """The person conducting, when the name is the manager's or exactly one person's."""
        d = self.defaults
        if d.manager_id is not None and name == d.manager_name:
            return d.manager_id
        matches = [r.id for r in self.pipeline.people_rows if r.name.lower() == name.lower()]
        return matches[0] if len(matches) == 1 else None

    @on(Input.Changed, "#new-date")
    def _date_edited(self) -> None:
        """A date error names the text it refused: once that text is edited the error is
        stale (it stayed under the corrected date until the next enter)."""
        self.query_one("#new-error", Static).update("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
