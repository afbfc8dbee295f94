"""A yes/no question before a step that cannot be taken back (signing, deleting).

Returns True for yes and False for no; Esc and n say no, y (or j for "ja")
says yes, so the keyboard answer is the same in both languages.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pipeline_tui.tui.i18n import SpokenBindings, binding, t


class ConfirmScreen(SpokenBindings, ModalScreen[bool]):
    BINDINGS = [
        # Named (F1 lists them): a dialog's help said nothing but "–".
        binding("y,j", "answer(True)", id="confirm.yes", key_display="y/j", show=False),
        binding("n,escape", "answer(False)", id="confirm.no", key_display="n/esc", show=False),
        # Between the two buttons only: the dialog's box takes the focus too (Tab reaches it,
        # to scroll a long question), and an arrow that went there left Enter doing nothing.
        Binding("left,right", "other_button", show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        title: str = "",
        yes: str | None = None,
        no: str | None = None,
        default: bool = True,
    ) -> None:
        """`question` and `title` are markup: escape anything a user typed in them."""
        super().__init__(classes="dialog")
        self.question = question
        self.heading = title
        self.yes = yes or t("dialog.yes")
        self.no = no or t("dialog.no")
        self.default = default
        # F1 names y/j and n/esc as the buttons they press (the preparation link's dialog,
        # buttons Copy and Close, had "y/j Yes, n/esc No")
        self.key_labels = {"confirm.yes": self.yes, "confirm.no": self.no}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="confirm-box"):
            if self.heading:
                yield Static(self.heading, classes="dialog-title")
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_other_button(self) -> None:
        focused = self.focused
        mine = focused.id if isinstance(focused, Button) else ("no" if self.default else "yes")
        self.query_one("#yes" if mine == "no" else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LeavingQuestion(ConfirmScreen):
    """The question before quitting (ctrl+q) or closing a conversation, asked when something
    would be lost. While it is open, ctrl+q asks nothing again (`PipelineApp.action_quit`):
    a second press stacked the same question on top of it."""


class AskAgainQuestion(ConfirmScreen):
    """A question whose no cannot be taken back (answers kept from last time, discarded):
    Esc decides nothing (None; the caller asks again another time), only n or the no
    button says no. Esc said no, and pressed to close the dialog it threw the answers away."""

    BINDINGS = [
        binding("n", "answer(False)", id="confirm.no", key_display="n", show=False),
        binding("escape", "later", id="confirm.later", show=False),
    ]

    def action_later(self) -> None:
        self.dismiss(None)
