"""Add a person by hand, or change one (a roster import is the way for many).

One line per field, label beside it, so the whole form fits an 80×24 terminal
without scrolling.
"""

from __future__ import annotations

from typing import TypedDict, Unpack, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from pipeline_tui.core.order import name_key
from pipeline_tui.errors import UserError
from pipeline_tui.records import PersonRecord
from pipeline_tui.texts import Locale
from pipeline_tui.tui.i18n import binding, locale, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.screens.base import PipelineModal
from pipeline_tui.tui.widgets.field_sync import plain_options
from pipeline_tui.tui.widgets.form_input import FormInput, FormSelect

FIELDS = ("name", "email", "title", "unit")


class PersonFields(TypedDict):
    """The form's fields, as the repository's `people.create` takes them."""

    name: str
    email: str | None
    title: str
    unit: str
    layer: str


class AddPersonScreen(PipelineModal[int | None]):
    """Returns the person's id (new or changed), or None when cancelled.

    Given `person`, the form starts from their details and saves changes to them.
    """

    BINDINGS = [binding("escape", "cancel", id="dialog.cancel")]

    def __init__(self, person: PersonRecord | None = None) -> None:
        super().__init__(classes="dialog")
        self.person = person
        self._loaded: dict[str, object] = {}  # the fields as the form opened

    def compose(self) -> ComposeResult:
        names = self.pipeline.layer_names()
        person = self.person
        if names and person is not None and person.layer not in names:
            # A layer the pack in use does not have (the database was filled under another
            # pack): offered as it is, so that saving a new title does not move the person
            # to the pack's first layer.
            names = {**names, person.layer: t("add.layer_not_in_pack", layer=person.layer)}
        layers = plain_options((name, key) for key, name in names.items())
        people = [row.name for row in self.pipeline.people_rows]
        # The unit completes from the units people are in, as they are written: "sengeafsnit"
        # shows "Sengeafsnit O2" (the store refuses a second spelling of one unit).
        self._units = units = sorted(
            {row.unit for row in self.pipeline.people_rows if row.unit}, key=name_key
        )
        suggesters = {"unit": SuggestFromList(units, case_sensitive=False)}
        values = {
            "name": person.name if person else "",
            "email": (person.email or "") if person else "",
            "title": person.title if person else "",
            "unit": person.unit if person else "",
        }
        limits = {"name": 200, "email": 320, "title": 200, "unit": 200}
        labels = {"name": "add.name", "email": "add.email", "title": "add.job_title"}
        with Vertical(classes="dialog-box", id="person-form"):
            title = t("edit.title", name=person.name) if person else t("add.title")
            yield Static(title, classes="dialog-title", markup=False)
            with Grid(id="person-fields", classes="form-grid"):
                for field in FIELDS:
                    yield Label(t(labels.get(field, f"add.{field}")), classes="form-label")
                    yield FormInput(
                        values[field],
                        id=field,
                        max_length=limits[field],
                        compact=True,
                        suggester=suggesters.get(field),
                    )
                yield Label(t("add.layer"), classes="form-label")
                if layers:
                    current = person.layer if person and person.layer in names else layers[0][1]
                    yield FormSelect(
                        layers, value=current, id="layer", allow_blank=False, compact=True
                    )
                else:  # the pack is not loaded yet
                    yield FormInput(person.layer if person else "", id="layer", compact=True)
                yield Label(t("add.manager"), classes="form-label")
                yield FormInput(
                    (person.manager_name or "") if person else "",
                    id="manager",
                    compact=True,
                    suggester=SuggestFromList(people, case_sensitive=False),
                )
            yield Static("", id="error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("add.cancel"), id="cancel")
                yield Button(t("edit.save" if person else "add.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self._loaded = self._typed()
        self.query_one("#name", Input).focus()

    def _typed(self) -> dict[str, object]:
        """Every field's value as it stands (text as typed, the layer chosen)."""
        fields = self.query_one("#person-fields", Grid)
        values: dict[str, object] = {str(w.id): w.value for w in fields.query(Input)}
        return values | {str(w.id): w.value for w in fields.query(Select)}

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _manager_id(self) -> int | None:
        wanted = self._value("manager")
        if not wanted:
            return None
        person = self.person
        if person is not None and person.manager_id is not None and wanted == person.manager_name:
            return person.manager_id  # unchanged, even when someone else has the same name
        lowered = wanted.lower()
        matches = [r.id for r in self.pipeline.people_rows if r.name.lower() == lowered]
        if len(matches) > 1:
            raise UserError(t("add.manager_ambiguous", manager=wanted))
        if matches:
            return matches[0]
        if "@" not in wanted:
            # The field completes a name as it is typed (right arrow takes it); enter takes
            # it too: the one person whose name begins so. It is written out in full.
            begun = [r for r in self.pipeline.people_rows if r.name.lower().startswith(lowered)]
            if len(begun) > 1:
                raise UserError(t("add.manager_several", manager=wanted))
            if begun:
                self.query_one("#manager", Input).value = begun[0].name
                return begun[0].id
        return -1  # look the email up in the worker

    def _complete_unit(self) -> None:
        """Enter in the unit field takes the unit it shows completed ("ortopæd" shows
        "Ortopædkirurgi", the first unit that begins so, as its suggester finds it), as
        the manager field does: what was typed alone would be saved as a new unit."""
        field = self.query_one("#unit", Input)
        wanted = field.value.strip().casefold()
        if field.has_focus and wanted:
            completed = next((u for u in self._units if u.casefold().startswith(wanted)), None)
            if completed is not None:
                field.value = completed

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        self._complete_unit()
        try:
            manager_id = self._manager_id()
        except UserError as exc:
            self.query_one("#error", Static).update(str(exc))
            return
        layer_widget = cast("Select[str] | Input", self.query_one("#layer"))
        layer = layer_widget.value  # a Select, or an Input when the pack is not loaded yet
        self._save(
            locale(),
            name=self._value("name"),
            email=self._value("email") or None,
            title=self._value("title"),
            unit=self._value("unit"),
            layer=str(layer),
            manager_id=manager_id,
            manager_text=self._value("manager"),
        )

    @work(thread=True, exclusive=True, group="add-person", exit_on_error=False)
    def _save(
        self,
        loc: Locale,
        *,
        manager_id: int | None,
        manager_text: str,
        **fields: Unpack[PersonFields],
    ) -> None:
        """Save on a worker thread; its words in `loc`, the app's language when asked."""
        repo = self.services.repo()
        try:
            if manager_id == -1:
                manager = repo.people.by_email(manager_text)
                if manager is None:
                    raise UserError(loc.text("add.manager_unknown", manager=manager_text))
                manager_id = manager.id
            if self.person is None:
                person = repo.people.create(manager_id=manager_id, **fields)
                done = loc.text("add.added", name=esc(person.name))
            else:
                person = repo.people.update(self.person.id, manager_id=manager_id, **fields)
                done = loc.text("edit.saved", name=esc(person.name))
        except UserError as exc:
            # The store's refusals in the user's language where it has words for them.
            key = f"add.error.{exc.reason}"
            values = {**exc.values, "email": fields.get("email") or ""}  # as typed
            said = loc.text(key, **values) if loc.has(key) else str(exc)
            self.app.call_from_thread(self.query_one("#error", Static).update, said)
            return
        self.app.call_from_thread(self.app.notify, done)
        self.app.call_from_thread(self.dismiss, person.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Esc or Cancel: an untouched form closes at once; one with anything typed or
        changed asks first, and stays open with all of it when the answer is no."""
        if self._typed() == self._loaded:
            self.dismiss(None)
            return
        from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                t("edit.discard_question" if self.person else "add.discard_question"),
                title=t("add.discard_title"),
                yes=t("add.discard_yes"),
                no=t("add.discard_no"),
                default=False,
            ),
            answered,
        )
