"""The conversation's step bar: where you are, where you can go, and whether it is saved."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from pipeline_tui.tui.i18n import t


class StepTabs(Static):
    """Numbered steps; the current one stands out; each is a link (mouse) to its step."""

    current: reactive[str] = reactive("setup")

    def __init__(self, steps: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = steps

    def render(self) -> str:
        labels = [f"{n} {t(f'step.{step}')}" for n, step in enumerate(self.steps, start=1)]
        wide = sum(len(label) + 3 for label in labels) <= self.size.width
        parts = []
        for number, (step, label) in enumerate(zip(self.steps, labels, strict=True), start=1):
            if step == self.current:
                parts.append(f"[reverse b] {label} [/]")
            else:
                shown = label if wide else str(number)
                parts.append(f"[@click=screen.goto('{step}')] {shown} [/]")
        return "›".join(parts)

    def on_resize(self) -> None:
        self.refresh()


class SaveIndicator(Static):
    """✓ Saved / ● Saving … / ⚠ Not saved, following the app's autosave state."""

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self._show)

    def _show(self, state: Any) -> None:
        if isinstance(state, tuple):
            self.update(f"[b $text-error]{t('save.error', error=state[1])}[/]")
        elif state == "saved":
            self.update(f"[$text-success]{t('save.saved')}[/]")
        else:
            self.update(f"[$text-warning]{t(f'save.{state}')}[/]")


class StepBar(Horizontal):
    def __init__(self, steps: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = steps
        self.current = steps[0]

    def compose(self) -> ComposeResult:
        tabs = StepTabs(self.steps, id="step-tabs")
        tabs.current = self.current
        yield tabs
        yield SaveIndicator(id="save-indicator")

    def show(self, step: str) -> None:
        self.current = step
        self.query_one(StepTabs).current = step
