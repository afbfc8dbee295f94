"""When another session changed the same text meanwhile: show both, let the user choose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from pipeline_tui.tui.i18n import t


class ConflictScreen(ModalScreen[str]):
    """Returns "mine", "theirs" or "both"; nothing is lost whatever is chosen (Esc = both)."""

    BINDINGS = [Binding("escape", "choose('both')", show=False)]

    def __init__(self, field: str, theirs: str, mine: str) -> None:
        super().__init__(classes="dialog")
        self.field = field
        self.theirs = theirs
        self.mine = mine

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static(t("conflict.title"), classes="dialog-title")
            yield Static(t("conflict.text", field=self.field))
            yield Label(t("conflict.theirs"), classes="field-label")
            yield Static(self.theirs or "–", classes="conflict-text", markup=False)
            yield Label(t("conflict.mine"), classes="field-label")
            yield Static(self.mine or "–", classes="conflict-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("conflict.keep_theirs"), id="theirs")
                yield Button(t("conflict.keep_both"), id="both")
                yield Button(t("conflict.keep_mine"), id="mine", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "both")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def merged(theirs: str, mine: str, separator: str = "\n\n") -> str:
    """Both versions, theirs first, when the user keeps both (a one-line field: `separator`)."""
    if not theirs.strip():
        return mine
    if not mine.strip():
        return theirs
    return f"{theirs.rstrip()}{separator}{mine.lstrip()}"
