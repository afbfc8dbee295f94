"""The deck laid out as tiles, with a cursor the arrow keys move.

The grid, not the tiles, holds the focus: left/right move one card, up/down
one row, and the number of columns follows the width (three at 80 columns,
four or five from 120), so "one row" is always what the eye sees. Enter or
space asks the pane to pick or put back the card under the cursor; the pane
decides, since only it knows the deck's rules and who is picking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Unpack

from textual import events, on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive

from pipeline_tui.tui.i18n import binding
from pipeline_tui.tui.widgets.card_tile import CardTile, TileInfo
from pipeline_tui.tui.widgets.widget_args import WidgetArgs

TILE_WIDTH = 24  # the narrowest tile that still shows a two-line title and a theme name
TILE_HEIGHT = 4  # `grid-rows` in cards.tcss: a border, two lines of title, a border
MAX_COLUMNS = 5


def columns_for(width: int) -> int:
    return max(1, min(MAX_COLUMNS, width // TILE_WIDTH))


class CardGrid(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("up", "move_row(-1)", show=False),
        Binding("down", "move_row(1)", show=False),
        Binding("home", "move(-9999)", show=False),
        Binding("end", "move(9999)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("ctrl+pageup", "move(-9999)", show=False),
        Binding("ctrl+pagedown", "move(9999)", show=False),
        binding("enter,space", "toggle", id="cards.toggle", key_display="⏎/␣"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor is on another card (or on none, in an empty deck)."""

        card_id: str | None

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(
        self,
        on_toggle: Callable[[str], None],
        editable: Callable[[], bool] = lambda: True,
        **kwargs: Unpack[WidgetArgs],
    ) -> None:
        super().__init__(**kwargs)
        # Whether a pick may change now: a signed conversation's footer offered "⏎/␣
        # Pick/unpick", which did nothing.
        self.editable = editable
        self.tiles: list[CardTile] = []
        self.columns = 3
        # What picking a card does (the step's), run at once rather than by a message:
        # keys typed together ("enter r enter p") are then answered in order, each pick
        # for the party active at its key, before `p` asks whether enough were picked.
        self.on_toggle = on_toggle

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle" and not self.editable():
            return False
        return super().check_action(action, parameters)

    @property
    def current(self) -> str | None:
        if 0 <= self.cursor < len(self.tiles):
            return self.tiles[self.cursor].info.card_id
        return None

    def show(self, infos: list[TileInfo]) -> None:
        """Lay out these cards; the same deck is updated in place, keeping the cursor."""
        current = self.current
        if [tile.info.card_id for tile in self.tiles] == [info.card_id for info in infos]:
            for tile, info in zip(self.tiles, infos, strict=True):
                tile.show(info)
            return
        self.remove_children()
        self.tiles = [CardTile(info, index) for index, info in enumerate(infos)]
        self.mount_all(self.tiles)
        ids = [info.card_id for info in infos]
        self.cursor = ids.index(current) if current in ids else 0

    def watch_cursor(self, _old: int, new: int) -> None:
        for tile in self.tiles:
            tile.set_class(tile.index == new, "-cursor")
        if 0 <= new < len(self.tiles):
            tile = self.tiles[new]
            if tile.region:
                self.scroll_to_widget(tile, animate=False)
            else:  # just mounted: laid out after the next refresh
                self.call_after_refresh(self._bring_into_view, tile)
        self.post_message(self.Highlighted(self.current))

    def _bring_into_view(self, tile: CardTile) -> None:
        if tile.is_attached:
            self.scroll_to_widget(tile, animate=False)

    def on_resize(self, _event: events.Resize) -> None:
        columns = columns_for(self.scrollable_content_region.width)
        if columns != self.columns:
            self.columns = columns
            self.styles.grid_size_columns = columns
        if 0 <= self.cursor < len(self.tiles):  # e.g. the rules opened above: keep it in sight
            self.call_after_refresh(self._bring_into_view, self.tiles[self.cursor])

    # keys and mouse

    def action_move(self, delta: int) -> None:
        if self.tiles:
            self.cursor = min(max(self.cursor + delta, 0), len(self.tiles) - 1)

    def action_move_row(self, rows: int) -> None:
        """Up or down in the same column; a short last row is reached at its last card."""
        if not self.tiles:
            return
        last_row = (len(self.tiles) - 1) // self.columns
        row = min(max(self.cursor // self.columns + rows, 0), last_row)
        column = self.cursor % self.columns
        self.cursor = min(row * self.columns + column, len(self.tiles) - 1)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // TILE_HEIGHT)
        self.action_move_row(direction * rows)

    def action_toggle(self) -> None:  # type: ignore[override]  # a card's pick, not DOMNode's toggle(attribute)
        if self.current is not None:
            self.on_toggle(self.current)

    @on(CardTile.Pressed)
    def _pressed(self, event: CardTile.Pressed) -> None:
        """A click on a card moves the cursor there; a click on the card under it picks it."""
        self.focus()
        if event.tile.index == self.cursor:
            self.action_toggle()
        else:
            self.cursor = event.tile.index
