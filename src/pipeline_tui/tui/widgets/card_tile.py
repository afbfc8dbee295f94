"""One card of the deck as a tile: its theme in the top border, its title, who picked it.

A tile is drawn, never focused: the `CardGrid` around it holds the focus and
the cursor, so the arrow keys and the footer work the same on every tile. The
look (theme colours, picked, cursor) lives in `css/cards.tcss` and follows the
CSS classes set here, so a theme's colour is chosen in one place.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from pipeline_tui.packs.schema import Card
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import party, t
from pipeline_tui.tui.markup import escape as esc

THEME_COLOURS = 8  # `-theme-0` … `-theme-7` in cards.tcss; more themes reuse them in turn
PARTY_MARKS = {"deck": "★", "self": "✓", "manager": "✓"}


@dataclass(frozen=True)
class TileInfo:
    """What a tile shows, in the current language; `picked_by` is None for a card in the deck."""

    card_id: str
    title: str
    theme: str
    theme_index: int
    picked_by: str | None = None
    picked_label: str = ""

    @classmethod
    def of(
        cls, content: ConversationContent, card: Card, pick: CardPickRecord | None, lang: str
    ) -> TileInfo:
        name, colour = theme_of(content, card, lang)
        return cls(
            card_id=card.id,
            title=card.title.get(lang),
            theme=name,
            theme_index=colour,
            picked_by=pick.picked_by if pick else None,
            picked_label=_picked_label(content, pick),
        )


def _picked_label(content: ConversationContent, pick: CardPickRecord | None) -> str:
    if pick is None:
        return ""
    if pick.picked_by == "deck":
        return t("cards.picked_by.deck")
    return party(content.parties_kind(content.deck.kind if content.deck else None), pick.picked_by)


class CardTile(Widget):
    """A bordered box for one card; a click asks the grid to move its cursor here."""

    @dataclass
    class Pressed(Message):
        tile: CardTile

        @property
        def control(self) -> CardTile:
            return self.tile

    def __init__(self, info: TileInfo, index: int) -> None:
        super().__init__(classes="card-tile")
        self.index = index
        self.info = info
        self._apply(info)

    def show(self, info: TileInfo) -> None:
        """New state for the same card (picked, put back, another language)."""
        if info != self.info:  # every pick redraws the deck: only changed tiles repaint
            self.info = info
            self._apply(info)

    def _apply(self, info: TileInfo) -> None:
        for number in range(THEME_COLOURS):
            self.set_class(number == info.theme_index % THEME_COLOURS, f"-theme-{number}")
        for who in PARTY_MARKS:
            self.set_class(info.picked_by == who, f"-{who}")
        self.set_class(info.picked_by is not None, "-picked")
        self.border_title = esc(info.theme)
        if info.picked_by is None:
            self.border_subtitle = ""
        else:
            self.border_subtitle = f"{PARTY_MARKS[info.picked_by]} {esc(info.picked_label)}"
        self.refresh()

    def render(self) -> Content:
        """The title wrapped into the tile; a title too long for it ends in an ellipsis."""
        width, height = self.size
        lines = textwrap.wrap(self.info.title, width) if width > 1 else [self.info.title]
        if height > 0 and len(lines) > height:
            rest = " ".join(lines[height - 1 :])
            lines = [*lines[: height - 1], rest[: width - 1].rstrip() + "…"]
        return Content("\n".join(lines))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self))


def theme_of(content: ConversationContent, card: Card, lang: str) -> tuple[str, int]:
    """The card's theme name and colour number: the theme's place among the deck's themes."""
    ids = [theme.id for theme in content.themes]
    theme = content.theme(card.theme)
    name = theme.name.get(lang) if theme else card.theme
    return name, ids.index(card.theme) if card.theme in ids else len(ids)
