"""Add a person by hand (a roster import is the way for many)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from pipeline_tui.errors import UserError
from pipeline_tui.tui.i18n import binding, t
from pipeline_tui.tui.screens.base import PipelineModal


class AddPersonScreen(PipelineModal[int | None]):
    """Returns the new person's id, or None when cancelled."""

    BINDINGS = [binding("escape", "cancel", id="dialog.cancel")]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        names = self.app.layer_names()
        layers = [(name, key) for key, name in names.items()]
        people = [row.name for row in self.app.people_rows]
        with VerticalScroll(classes="dialog-box"):
            yield Static(t("add.title"), classes="dialog-title")
            yield Label(t("add.name"), classes="field-label")
            yield Input(id="name", max_length=200)
            yield Label(t("add.email"), classes="field-label")
            yield Input(id="email", max_length=320)
            yield Label(t("add.job_title"), classes="field-label")
            yield Input(id="title", max_length=200)
            yield Label(t("add.unit"), classes="field-label")
            yield Input(id="unit", max_length=200)
            yield Label(t("add.layer"), classes="field-label")
            yield Select(layers, id="layer", allow_blank=False) if layers else Input(id="layer")
            yield Label(t("add.manager"), classes="field-label")
            yield Input(id="manager", suggester=SuggestFromList(people, case_sensitive=False))
            yield Static("", id="error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("add.cancel"), id="cancel")
                yield Button(t("add.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _manager_id(self) -> int | None:
        wanted = self._value("manager")
        if not wanted:
            return None
        lowered = wanted.lower()
        matches = [r.id for r in self.app.people_rows if r.name.lower() == lowered]
        if len(matches) > 1:
            raise UserError(t("add.manager_ambiguous", manager=wanted))
        if matches:
            return matches[0]
        return -1  # look the email up in the worker

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            manager_id = self._manager_id()
        except UserError as exc:
            self.query_one("#error", Static).update(str(exc))
            return
        layer_widget = self.query_one("#layer")
        layer = layer_widget.value  # a Select, or an Input when the pack is not loaded yet
        self._save(
            name=self._value("name"),
            email=self._value("email") or None,
            title=self._value("title"),
            unit=self._value("unit"),
            layer=str(layer),
            manager_id=manager_id,
            manager_text=self._value("manager"),
        )

    @work(thread=True, exclusive=True, group="add-person", exit_on_error=False)
    def _save(self, *, manager_id: int | None, manager_text: str, **fields: object) -> None:
        repo = self.app.services.repo()
        try:
            if manager_id == -1:
                manager = repo.people.by_email(manager_text)
                if manager is None:
                    raise UserError(t("add.manager_unknown", manager=manager_text))
                manager_id = manager.id
            person = repo.people.create(manager_id=manager_id, **fields)  # type: ignore[arg-type]
        except UserError as exc:
            self.app.call_from_thread(self.query_one("#error", Static).update, str(exc))
            return
        self.app.call_from_thread(self.app.notify, t("add.added", name=person.name))
        self.app.call_from_thread(self.dismiss, person.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
