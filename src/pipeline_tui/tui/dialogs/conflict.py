"""When another session changed the same text meanwhile: show both, let the user choose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static
from textual.widgets.button import ButtonVariant

from pipeline_tui.tui.i18n import SpokenBindings, binding, t


class ConflictScreen(SpokenBindings, ModalScreen[str]):
    """Returns "mine", "theirs" or "both"; nothing is lost whatever is chosen.

    The focused choice (Enter) and Esc keep both versions: another person's words
    are never thrown away by a key pressed in haste. Where both cannot be kept (a
    rating), the default is theirs: mine is one key to give again.
    """

    BINDINGS = [
        # Named (F1 lists it, as the button it presses): the help said nothing but "–".
        binding("escape", "choose_default", id="conflict.default", show=False),
        # The choices stand side by side: the arrows move between them, as in the other
        # dialogs (→ then Enter chose the default while the user meant "keep mine").
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
    ]

    def __init__(
        self,
        field: str,
        theirs: str,
        mine: str,
        *,
        text: str | None = None,
        choices: tuple[str, ...] = ("theirs", "both", "mine"),
    ) -> None:
        super().__init__(classes="dialog")
        self.field = field
        self.theirs = theirs
        self.mine = mine
        self.text = text if text is not None else t("conflict.text", field=field)
        self.choices = choices
        self.default = "both" if "both" in choices else "theirs"
        self.key_labels = {"conflict.default": t(f"conflict.keep_{self.default}")}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static(t("conflict.title"), classes="dialog-title")
            yield Static(self.text, markup=False)
            yield Label(t("conflict.theirs"), classes="field-label")
            yield Static(self.theirs or "–", classes="conflict-text", markup=False)
            yield Label(t("conflict.mine"), classes="field-label")
            yield Static(self.mine or "–", classes="conflict-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    variant: ButtonVariant = "primary" if choice == self.default else "default"
                    yield Button(t(f"conflict.keep_{choice}"), id=choice, variant=variant)

    def on_mount(self) -> None:
        self.query_one(f"#{self.default}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.default)

    def action_move(self, step: int) -> None:
        buttons = list(self.query(Button).results(Button))
        focused = self.focused
        at = buttons.index(focused) if isinstance(focused, Button) else 0
        buttons[max(0, min(len(buttons) - 1, at + step))].focus()

    def action_choose_default(self) -> None:
        self.dismiss(self.default)


def merged(theirs: str, mine: str, separator: str = "\n\n") -> str:
    """Both versions, theirs first, when the user keeps both (a one-line field: `separator`)."""
    if not theirs.strip():
        return mine
    if not mine.strip():
        return theirs
    return f"{theirs.rstrip()}{separator}{mine.lstrip()}"
