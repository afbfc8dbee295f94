"""The card being played: its face (theme, title, numbered prompts), then notes and agreements.

The two text fields save themselves (`AutosaveTextArea`) through the
conversation session; the pane hands in the write for each, or None when the
conversation is signed. A reload never refills a field the user is typing in.
The face scrolls on its own, so the two fields keep their room at 80×24.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from pipeline_tui.packs.schema import Card
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.session import ConversationSession
from pipeline_tui.tui.widgets.autosave_text import AutosaveTextArea, OpFor
from pipeline_tui.tui.widgets.card_face import CardFace

FIELDS = ("notes", "agreements")


class CardSheet(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="sheet-empty", classes="muted")
        yield CardFace(id="sheet-face")
        for field in FIELDS:
            yield Label("", id=f"sheet-{field}-label", classes="field-label")
            yield AutosaveTextArea(id=f"sheet-{field}", compact=True)

    def field(self, name: str) -> AutosaveTextArea:
        return self.query_one(f"#sheet-{name}", AutosaveTextArea)

    def show(
        self,
        card: Card | None,
        pick: CardPickRecord | None,
        *,
        theme: tuple[str, int],
        who: str,
        lang: str,
        session: ConversationSession,
        write_for: Callable[[str], OpFor | None],
        saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Show `card` as picked in `pick`; `theme` is its name and colour number."""
        empty = card is None or pick is None
        for widget in self.children:
            widget.display = (widget.id == "sheet-empty") == empty
        self.query_one("#sheet-empty", Static).update(t("cards.none_chosen"))
        if card is None or pick is None:
            return
        self.query_one(CardFace).show(card, theme, who, lang)
        for field in FIELDS:
            label = t(f"cards.{field}")
            self.query_one(f"#sheet-{field}-label", Label).update(label)
            write = write_for(field)
            area = self.field(field)
            area.placeholder = t(f"cards.{field}_hint") if write is not None else ""
            area.bind_field(
                session,
                f"card:{pick.card_id}:{field}",
                getattr(pick, field),
                write,
                label,
                saved=saved,
            )
