"""What every conversation step pane has in common."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.containers import Vertical

from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.store.records import ConversationDetail

if TYPE_CHECKING:
    from pipeline_tui.tui.screens.conversation import ConversationScreen


class StepPane(Vertical):
    """One step of the conversation; shown by the screen's ContentSwitcher.

    `show` is called with fresh data every time the step is entered (and after
    a reload); `leave` when the user moves on, to commit text still being typed.
    """

    STEP: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.STEP}", classes="step-pane")

    @property
    def conversation(self) -> ConversationScreen:
        return self.screen  # type: ignore[return-value]

    @property
    def readonly(self) -> bool:
        return self.conversation.readonly

    def show(self, detail: ConversationDetail, content: ConversationContent) -> None:
        raise NotImplementedError

    def leave(self) -> None:
        """Commit anything typed but not yet saved."""

    def focus_first(self) -> None:
        """Put the focus where work on this step starts."""

    def rater_changed(self) -> None:
        """The active party changed (expectations and cards follow it)."""
