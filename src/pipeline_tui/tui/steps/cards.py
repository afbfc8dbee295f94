"""Step: cards (placeholder until its pane is written)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.store.records import ConversationDetail
from pipeline_tui.tui.steps.base import StepPane


class CardsPane(StepPane):
    STEP = "cards"

    def compose(self) -> ComposeResult:
        yield Static("")

    def show(self, detail: ConversationDetail, content: ConversationContent) -> None:
        self.query_one(Static).update(f"{self.STEP}: {len(detail.picks)} cards")
