"""OverviewScreen (placeholder until it is written)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from pipeline_tui.tui.i18n import binding


class OverviewScreen(Screen):
    BINDINGS = [binding("escape", "app.pop_screen", id="back")]

    def __init__(self, *args: object) -> None:
        super().__init__()
        self.args = args

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"OverviewScreen {self.args}")
        yield Footer()
