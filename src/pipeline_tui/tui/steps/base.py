"""What every conversation step pane has in common."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.containers import Vertical
from textual.message import Message
from textual.worker import Worker, WorkerState

from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ConversationDetail
from pipeline_tui.tui.session import ConversationSession
from pipeline_tui.vocabulary import OTHER_PARTY


class StepPane(Vertical):
    """One step of the conversation; shown by the screen's ContentSwitcher.

    Every pane is handed the screen's `ConversationSession` and reads the
    conversation from it (`detail`, `content`, `readonly`, the active party);
    it keeps no copy of its own. `show` is called every time the step is
    entered and whenever the session's data changed (a reload, a write landed
    that changes what the step shows); `leave` when the user moves on, to
    commit text still being typed.
    """

    STEP: ClassVar[str] = ""
    # What belongs to the meeting, not to one party preparing alone (a preparation link's
    # session, `session.party`): switching party, revealing both, playing the cards.
    MEETING_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"switch_rater", "reveal", "switch_party", "mode", "played"}
    )

    @dataclass
    class SwitchParty(Message):
        """Tells the screen the other party has been made the active one (expectations,
        cards)."""

    def __init__(self, session: ConversationSession) -> None:
        super().__init__(id=f"step-{self.STEP}", classes="step-pane")
        self.session = session
        self._answers_from: float | None = None  # see `check_message_enabled`

    def answer_from_now(self) -> None:
        """Called when the pane is first shown (the screen mounts it on entering the step)."""
        if self._answers_from is None:
            self._answers_from = Message().time  # Textual's clock, which stamps messages

    def check_message_enabled(self, message: Message) -> bool:
        """A pane answers its widgets only from when it is first shown: what they say while
        being mounted (a Select takes its first option, a list highlights its first row)
        is not the user's, and with the conversation loaded it would be written."""
        if message.control is not None and (
            self._answers_from is None or message.time <= self._answers_from
        ):
            return False
        return super().check_message_enabled(message)

    @property
    def detail(self) -> ConversationDetail | None:
        return self.session.detail

    @property
    def content(self) -> ConversationContent | None:
        return self.session.content

    @property
    def readonly(self) -> bool:
        return self.session.readonly

    def _kind(self) -> str | None:
        """The kind of conversation, which names the parties (see core.roles): a kind the
        pack adds (onboarding, status) is about an employee on the first layer, else about
        a leader, so it names the parties as a MUS or a LUS does."""
        detail = self.session.detail
        if detail is None:
            return None
        content = self.content
        if content is None:
            return detail.conversation.kind
        return content.parties_kind(detail.conversation.kind)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session.party is not None and action in self.MEETING_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def show(self) -> None:
        raise NotImplementedError

    def leave(self) -> None:
        """Commit anything typed but not yet saved."""

    def focus_first(self) -> None:
        """Put the focus where work on this step starts: at once (`screen.set_focus`, not
        `focus()`, which waits a turn and so landed in a step already left when ctrl+left
        was pressed several times together)."""

    def switch_party(self) -> None:
        """Make the other party the active one at once, so that keys typed right behind
        the switch (a burst: "r 3 3 3") answer as that party; then tell the screen."""
        self.session.rater = OTHER_PARTY[self.session.rater]
        if self.session.loaded:
            self.rater_changed()
        self.post_message(self.SwitchParty())

    def rater_changed(self) -> None:
        """The active party changed (expectations and cards follow it)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.session.app.report_failure(event.worker.error)
