"""The role panel: the layer's role description over any step of a conversation.

Opened with F2 or from the palette, so that both parties can read what the
layer is for, how its time is spent and what it should let go of while they
rate and talk; Esc (or F2 again) closes it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape as esc
from textual.screen import ModalScreen
from textual.widgets import Static

from pipeline_tui.packs.schema import Layer
from pipeline_tui.tui.i18n import language, t
from pipeline_tui.tui.widgets.role_text import role_markup


class RolePanel(ModalScreen[None]):
    DEFAULT_CSS = """
    RolePanel { align: center middle; }
    RolePanel > #role-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    RolePanel #role-heading { text-style: bold; color: $accent; }
    RolePanel #role-close { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,f2,q", "close", show=False),
        Binding("down,j", "scroll(1)", show=False),
        Binding("up,k", "scroll(-1)", show=False),
    ]

    def __init__(self, layer: Layer) -> None:
        super().__init__()
        self.role_layer = layer

    def compose(self) -> ComposeResult:
        lang = language()
        with VerticalScroll(id="role-box"):
            yield Static(
                esc(t("role.heading", layer=self.role_layer.name.get(lang))), id="role-heading"
            )
            yield Static(role_markup(self.role_layer, lang), id="role-text")
            yield Static(t("role.close"), id="role-close")

    def on_mount(self) -> None:
        self.query_one("#role-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#role-box", VerticalScroll).scroll_relative(y=delta, animate=False)
