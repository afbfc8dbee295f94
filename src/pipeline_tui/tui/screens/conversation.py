"""The conversation, step by step in the order of the deck's playbook.

The screen owns what every step shares: the loaded conversation (`detail`),
its content (`content`, from the stored snapshot), the active party (`rater`:
"self" or "manager", used by the expectations and the cards), and the way
answers are written (`save` / `schedule` through the app's autosave queue).
Each step is a pane in `tui/steps/`; on entering a step the conversation is
read again, so a step always shows what the others wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Static

from pipeline_tui.errors import ConflictError, UserError
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.store.records import ConversationDetail
from pipeline_tui.tui.i18n import binding, t, translate_bindings
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.step_bar import StepBar

STEPS = ("setup", "expectations", "cards", "summary", "plan", "signoff")


def _panes() -> list[StepPane]:
    from pipeline_tui.tui.steps.cards import CardsPane
    from pipeline_tui.tui.steps.expectations import ExpectationsPane
    from pipeline_tui.tui.steps.plan import PlanPane
    from pipeline_tui.tui.steps.setup import SetupPane
    from pipeline_tui.tui.steps.signoff import SignoffPane
    from pipeline_tui.tui.steps.summary import SummaryPane

    return [SetupPane(), ExpectationsPane(), CardsPane(), SummaryPane(), PlanPane(), SignoffPane()]


class ConversationScreen(Screen):
    # The footer at 80 columns holds a step's own keys, the steps and F1; Esc and
    # the palette are left to the help screen (F1).
    BINDINGS = [
        binding("ctrl+left", "step(-1)", id="conv.prev", priority=True, grouped=True),
        binding("ctrl+right", "step(1)", id="conv.next", priority=True, grouped=True),
        binding("escape", "back", id="back", show=False),
        binding("f2", "role", id="conv.role", priority=True, show=False),  # F1 and setup name it
    ]

    rater: reactive[str] = reactive("self")

    def __init__(self, conversation_id: int, step: str | None = None) -> None:
        super().__init__()
        self.conversation_id = conversation_id
        self.step = step
        self.detail: ConversationDetail | None = None
        self.content: ConversationContent | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepBar(STEPS, id="step-bar")
        yield Static("", id="readonly-banner")
        with ContentSwitcher(initial="step-setup", id="steps"):
            yield from _panes()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        translate_bindings(self)
        for pane in self.query(StepPane):
            translate_bindings(pane)
        self.query_one("#readonly-banner").display = False
        self.reload()

    def relabel(self) -> None:
        for pane in self.query(StepPane):
            translate_bindings(pane)
        self.query_one(StepBar).refresh(recompose=True)
        self._show_current()

    # loading

    @work(thread=True, exclusive=True, group="conversation-load")
    def reload(self) -> None:
        from pipeline_tui import services

        written = self.app.saver.written  # every answer queued up to here is in what we read
        detail = self.app.services.repo().conversations.detail(self.conversation_id)
        content = services.conversation_content(detail)
        self.app.call_from_thread(self._loaded, detail, content, written)

    def _loaded(
        self, detail: ConversationDetail, content: ConversationContent, written: int = 0
    ) -> None:
        first = self.detail is None
        if not first and self.app.saver.queued > written:
            # An answer given meanwhile (a rating typed right after entering the step)
            # may be missing from what was read: showing it would take it off the
            # screen although it is saved. Read again once it has landed.
            self.reload()
            return
        self.detail = detail
        self.content = content
        record = detail.conversation
        self.sub_title = t("conv.title", kind=t(f"kind.{record.kind}"), name=record.person_name)
        banner = self.query_one("#readonly-banner", Static)
        banner.update(t("conv.readonly"))
        banner.display = self.readonly
        if first:
            self.step = self.step or (record.step if record.step in STEPS else "setup")
            self._enter(self.step)
        else:
            self._show_current()

    @property
    def readonly(self) -> bool:
        return self.detail is not None and self.detail.conversation.is_signed

    def _pane(self, step: str) -> StepPane:
        return self.query_one(f"#step-{step}", StepPane)

    def _show_current(self) -> None:
        if self.detail is not None and self.content is not None and self.step:
            self._pane(self.step).show(self.detail, self.content)

    # navigation

    def _enter(self, step: str) -> None:
        self.step = step
        self.query_one(ContentSwitcher).current = f"step-{step}"
        self.query_one(StepBar).show(step)
        self._show_current()
        self._pane(step).focus_first()
        self.refresh_bindings()

    def action_goto(self, step: str) -> None:
        if step not in STEPS or self.detail is None or step == self.step:
            return
        if self.step:
            self._pane(self.step).leave()
        self._enter(step)
        if not self.readonly:
            self.save(
                "conversation:step",
                lambda repo: repo.conversations.update(self.conversation_id, step=step),
            )
        self.reload()

    def action_step(self, delta: int) -> None:
        if self.step is None:
            return
        index = min(max(STEPS.index(self.step) + delta, 0), len(STEPS) - 1)
        self.action_goto(STEPS[index])

    def action_role(self) -> None:
        """The layer's role description over the current step (F2, or the palette)."""
        from pipeline_tui.tui.screens.role_panel import RolePanel

        if self.content is not None and not isinstance(self.app.screen, RolePanel):
            self.app.push_screen(RolePanel(self.content.layer))

    def action_back(self) -> None:
        """Esc in a text field goes back to the step's list; Esc there leaves the conversation."""
        from textual.widgets import Input, TextArea

        if self.step and isinstance(self.focused, Input | TextArea):
            self._pane(self.step).focus_first()
            return
        if self.step:
            self._pane(self.step).leave()
        self.app.saver.flush()
        self.app.pop_screen()

    # writing

    def save(
        self,
        key: str,
        write: Callable[[Any], Any],
        done: Callable[[Any], None] | None = None,
        *,
        on_conflict: Callable[[ConflictError], None] | None = None,
    ) -> None:
        """Queue a write now; `write` gets the repository, `done` the result (UI thread)."""
        repo = self.app.services.repo
        self.app.saver.save(key, lambda: write(repo()), done, self._failed(on_conflict))

    def schedule(
        self,
        key: str,
        write: Callable[[Any], Any],
        done: Callable[[Any], None] | None = None,
        *,
        on_conflict: Callable[[ConflictError], None] | None = None,
    ) -> None:
        """Queue a text write for when typing pauses."""
        repo = self.app.services.repo
        self.app.saver.schedule(key, lambda: write(repo()), done, self._failed(on_conflict))

    def commit(self, key: str) -> None:
        self.app.saver.commit(key)

    def _failed(self, on_conflict: Callable[[ConflictError], None] | None):
        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError) and on_conflict is not None:
                on_conflict(exc)
            elif isinstance(exc, UserError):
                self.notify(str(exc), severity="warning")
            else:
                self.notify(str(exc), severity="error", timeout=15)

        return failed

    def watch_rater(self, _rater: str) -> None:
        if self.detail is not None and self.content is not None and self.step:
            self._pane(self.step).rater_changed()
