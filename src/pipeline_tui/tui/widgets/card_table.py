"""The cards on the table, in the order they are played, each marked played or not.

Always-included cards come first (★), then the picks in the order they were
made. Highlighting a card shows it beside the list; enter moves into its notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.pick_list import PickList


def table_order(picks: Sequence[CardPickRecord]) -> list[CardPickRecord]:
    """Always-included first, then by pick order."""
    return sorted(picks, key=lambda pick: (pick.picked_by != "deck", pick.position))


def provisional_pick(
    conversation_id: int, card_id: str, party: str, table: Sequence[CardPickRecord]
) -> CardPickRecord:
    """A pick shown at once, last on the table, until the database gives it an id (0 till then)."""
    return CardPickRecord(
        id=0,
        conversation_id=conversation_id,
        card_id=card_id,
        picked_by=party,
        position=max((pick.position for pick in table), default=-1) + 1,
        notes="",
        agreements="",
        played=False,
        version=0,
    )


class CardTable(PickList):  # answers keys in order (type_ahead.KeysInOrder, via PickList)
    def __init__(
        self,
        on_write: Callable[[], None] | None = None,
        editable: Callable[[], bool] = lambda: True,
        **kwargs: Any,
    ) -> None:
        super().__init__(enter_id="cards.write", **kwargs)
        self.content: ConversationContent | None = None
        self.lang = "da"
        self._on_write = on_write
        # Whether the notes may be written now: a signed conversation's footer offered
        # "⏎ Write notes", which did nothing.
        self.editable = editable

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select" and not self.editable():
            return False
        return super().check_action(action, parameters)

    def hand_over(self) -> dict[str, Callable[[], None]]:
        """`enter` goes into the highlighted card's notes (see widgets.type_ahead)."""
        return {"enter": self._on_write} if self._on_write is not None else {}

    def show(
        self,
        table: Sequence[CardPickRecord],
        content: ConversationContent,
        lang: str,
        selected: str | None,
    ) -> None:
        self.content, self.lang = content, lang
        if not table:
            hint = f"[dim]{esc(t('cards.none_chosen'))}[/dim]"
            self.set_options([Option(hint, disabled=True)])
            return
        ids = [pick.card_id for pick in table]
        with self.prevent(OptionList.OptionHighlighted):  # the pane chose `selected` itself
            self.replace_options([Option(self._prompt(pick), id=pick.card_id) for pick in table])
            self.highlighted = ids.index(selected) if selected in ids else 0

    def update_pick(self, pick: CardPickRecord) -> None:
        """Redraw one card's entry (it was played, or its notes were written)."""
        with suppress(OptionDoesNotExist):
            self.replace_option_prompt(pick.card_id, self._prompt(pick))

    def _prompt(self, pick: CardPickRecord) -> Hanging:
        card = self.content.card(pick.card_id) if self.content else None
        title = esc(card.title.get(self.lang)) if card else esc(pick.card_id)
        mark = "[$text-success]✓[/]" if pick.played else "[dim]○[/dim]"
        star = " [$text-accent]★[/]" if pick.picked_by == "deck" else ""
        return Hanging((f"{mark}{star} ", title))
