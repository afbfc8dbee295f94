"""One choice among a few, as buttons: returns the chosen id, or None (Esc, Cancel)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pipeline_tui.tui.i18n import SpokenBindings, binding, t


class ChoiceScreen(SpokenBindings, ModalScreen[str | None]):
    BINDINGS = [
        # Named (F1 lists it, as its Cancel button): the help said nothing but "–".
        binding("escape", "cancel", id="dialog.cancel", show=False),
        # Among the buttons only, round: the dialog's box takes the focus too (Tab reaches
        # it, to scroll a long text), and ↑ from the first button went there, where Enter
        # does nothing.
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(self, title: str, text: str, choices: list[tuple[str, str]]) -> None:
        """`title` and `text` are markup (escape what a user typed); `choices` are
        (id, label) pairs, the first one focused."""
        super().__init__(classes="dialog")
        self.heading = title
        self.text = text
        self.choices = choices

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="choice-box"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.text, id="choice-text")
            with Vertical(id="choice-buttons"):
                for key, label in self.choices:
                    yield Button(label, id=f"choice-{key}", classes="choice")
                yield Button(t("dialog.cancel"), id="choice-cancel")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("choice-")
        self.dismiss(None if key == "cancel" else key)

    def action_move(self, step: int) -> None:
        buttons = list(self.query(Button))
        focused = self.focused
        at = buttons.index(focused) if isinstance(focused, Button) else (-1 if step > 0 else 0)
        buttons[(at + step) % len(buttons)].focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
