"""The development plan as plain text on screen: the printed plan, not a second layout.

The preview once had its own sections (the plan's typed strengths, its own
profile table) while the print had others (themes, last year's plan); now it
is the same `report.plan` document rendered as the text print renders it, so
what is read on screen is what is handed over, sections and blind ratings
included.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from pipeline_tui.report.plan import PlanInput, plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.i18n import SpokenBindings, binding

WIDTH = 72  # the dialog's text column (80 wide with its frame)


def plan_text(data: PlanInput, lang: str, width: int = WIDTH) -> str:
    """The plan exactly as `plan print --format text` writes it, at `width` columns."""
    return render_text(plan_document(data, lang), width=width)


class PlanTextScreen(SpokenBindings, ModalScreen[None]):
    """The plan as plain text, to read or copy before printing."""

    BINDINGS = [
        # Named, so F1 says how to close it (it said "–").
        binding("escape,q,p", "dismiss", id="plan_text.close", key_display="esc/q/p", show=False),
    ]

    def __init__(self, text: str, title: str) -> None:
        super().__init__(classes="dialog")
        self.text = text
        self.heading = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-text-box", classes="dialog-box"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.text, id="plan-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#plan-text-box").focus()
