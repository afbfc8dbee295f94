"""The conversation's step bar: where you are, where you can go, and whether it is saved."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.widgets import Static

from pipeline_tui.tui.autosave import SaveState
from pipeline_tui.tui.i18n import has, plural, t
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder


class StepTabs(Static):
    """Numbered steps; the current one stands out; each is a link (mouse) to its step."""

    current: reactive[str] = reactive("setup")

    def __init__(self, steps: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = steps

    def render(self) -> str:
        """Every step by name: whole where there is room, else the others shortened
        (then without their numbers); numbers alone only when even that does not fit."""
        for labels in self._fits():
            if sum(len(label) + 2 for label in labels) + len(labels) - 1 <= self.size.width:
                break
        parts = []
        for step, label in zip(self.steps, labels, strict=True):
            if step == self.current:
                parts.append(f"[reverse b] {label} [/]")
            else:
                parts.append(f"[@click=screen.goto('{step}')] {label} [/]")
        return "›".join(parts)

    def _fits(self) -> list[list[str]]:
        """The ways to write the steps, widest first."""
        steps, current = self.steps, self.current
        numbered = list(enumerate(steps, start=1))
        full = [f"{n} {t(f'step.{s}')}" for n, s in numbered]
        short = [
            f"{n} {t(f'step.{s}')}" if s == current else f"{n} {t(f'step.short.{s}')}"
            for n, s in numbered
        ]
        bare = [t(f"step.{s}") if s == current else t(f"step.short.{s}") for s in steps]
        tight = [t(f"step.short.{s}") for s in steps]
        numbers = [f"{n} {t(f'step.{s}')}" if s == current else str(n) for n, s in numbered]
        return [full, short, bare, tight, numbers]

    def on_resize(self) -> None:
        self.refresh()


class SaveIndicator(Static):
    """✓ Saved only when nothing is waiting; else how many answers wait, and why when the
    database refuses them for now (they are kept and tried again).

    "✓ Saved" must go before, never after, the answer that ends it shows. Each widget
    refreshes in its own turn of the event loop, and the screen draws what has reached
    it: a rating could be drawn one frame (50 ms under load) beside the stale "✓ Saved"
    (seen in tmux). So when the state stops being saved, the app's frames are held
    (`App.batch_update`) until this widget's new text has reached the screen; never
    longer than `HOLD_AT_MOST` seconds.

    "Saving" and "Saved" take the same room (the wider of the two; the mark in front stays
    in its column), so an answer does not lay the whole screen out again twice, nor make
    the step names beside it change form at every save; only a longer message (answers
    waiting, a refusal) widens it."""

    HOLD_AT_MOST = 0.5

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._hold: ExitStack | None = None
        self._says_saved = False
        self._text_width = 0

    def on_mount(self) -> None:
        self.styles.min_width = self._steady_width()
        self.watch(self.app, "save_state", self._show)

    @staticmethod
    def _steady_width() -> int:
        return max(cell_len(t("save.saved")), cell_len(t("save.saving")))

    def _say(self, text: str, style: str) -> None:
        """Show `text`; the screen is laid out again only when the room it takes changes."""
        steady = self._steady_width()
        width = max(cell_len(text), steady)
        self.update(f"[{style}]{text}[/]", layout=width != max(self._text_width, steady))
        self._text_width = width

    def on_unmount(self) -> None:
        self._release()

    def _show(self, state: SaveState) -> None:
        if self._says_saved and not state.saved:
            self._hold_frames()
        self._says_saved = state.saved
        if state.saved:
            self._say(t("save.saved"), "$text-success")
        elif state.failing:
            # Only what the user said counts as answers; a step move alone waits unnamed.
            key = "save.unsaved_one" if state.unsaved == 1 else "save.unsaved_many"
            if not state.unsaved:
                key = "save.unsaved_none"
            # Short words: the step bar shares the line at 80 columns.
            reason = f"save.reason.{state.failing}"
            text = t(key, n=state.unsaved, reason=t(reason if has(reason) else "save.reason."))
            self._say(text, "b $text-error")
        elif state.unsaved > 3:
            text = plural(state.unsaved, "save.waiting_one", "save.waiting_many")
            self._say(text, "$text-warning")
        else:
            self._say(t("save.saving"), "$text-warning")

    def _hold_frames(self) -> None:
        if self._hold is not None:
            return
        hold = ExitStack()
        hold.enter_context(self.app.batch_update())
        self._hold = hold
        # This widget's next turn sends its refresh to the screen, then runs the callbacks
        # queued with call_next: the release then waits its turn behind that refresh.
        self.call_next(self._release_behind_refresh)
        self.app.set_timer(self.HOLD_AT_MOST, self._release_late)

    def _release_behind_refresh(self) -> None:
        try:
            self.screen.call_later(self._release)
        except NoScreen:
            self._release()

    def _release_late(self) -> None:
        if self._hold is not None:
            self._release()
            self.app.screen.refresh()

    def _release(self) -> None:
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.close()


class StepBar(KeysInOrder, Horizontal):
    """The steps and the save state. While a step's pane is being mounted the bar has the
    focus (the conversation screen makes it focusable for that moment), so the keys typed
    meanwhile are kept in the order they came and none reaches a step already left."""

    can_focus = False

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

    def set_steps(self, steps: tuple[str, ...]) -> None:
        """The steps of the conversation's kind (a kind may leave some out)."""
        if steps != self.steps:
            self.steps = steps
            tabs = self.query_one(StepTabs)
            tabs.steps = steps
            tabs.refresh()
