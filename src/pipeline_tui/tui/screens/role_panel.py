"""The role panel: the layer's role description over any step of a conversation.

Opened with F2 or from the palette, so that both parties can read what the
layer is for, how its time is spent and what it should let go of while they
rate and talk; Esc (or F2 again) closes it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from pipeline_tui.packs.schema import Layer
from pipeline_tui.tui.i18n import SpokenBindings, binding, language, t
from pipeline_tui.tui.leaving import leaving
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.role_text import RoleText


class RolePanel(SpokenBindings, ModalScreen[None]):
    DEFAULT_CSS = """
    RolePanel { align: center middle; }
    RolePanel > #role-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $accent;
        border-title-color: $accent;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 0 0 1;
    }
    RolePanel #role-body { height: 1fr; scrollbar-size-vertical: 1; }
    RolePanel #role-text { padding-right: 1; }
    """

    BINDINGS = [
        # Named, so F1 says how to close it (it said "–").
        binding("escape,f2,q", "close", id="role.close", key_display="esc/f2/q", show=False),
        Binding("down,j", "scroll(1)", show=False),
        Binding("up,k", "scroll(-1)", show=False),
    ]

    def __init__(self, layer: Layer) -> None:
        super().__init__()
        self.role_layer = layer

    def compose(self) -> ComposeResult:
        lang = language()
        with Vertical(id="role-box") as box:
            box.border_title = esc(t("role.heading", layer=self.role_layer.name.get(lang)))
            box.border_subtitle = esc(t("role.close"))
            with VerticalScroll(id="role-body"):
                yield RoleText(self.role_layer, lang, id="role-text")

    def on_mount(self) -> None:
        if leaving(self):  # closed as soon as it was opened (the app ending): nothing mounted
            return
        self.query_one("#role-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#role-body", VerticalScroll).scroll_relative(y=delta, animate=False)
