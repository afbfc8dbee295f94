"""The layer's expectations grouped by dimension, with each party's rating.

Blind until revealed: the active party sees their own scores; the other
party's column only says whether they have rated (•), not what. Revealed,
both columns show scores and the gap column marks where they differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Unpack

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pipeline_tui.core.profile import LARGE_GAP
from pipeline_tui.packs.schema import Dimension, Expectation
from pipeline_tui.records import RatingRecord
from pipeline_tui.tui.i18n import language, manager_column, t
from pipeline_tui.tui.widgets.profile_bars import format_steps
from pipeline_tui.tui.widgets.type_ahead import HandsOnTyping
from pipeline_tui.tui.widgets.widget_args import WidgetArgs

COLUMN = 5


@dataclass(frozen=True)
class Entry:
    dimension: Dimension | None = None
    expectation: Expectation | None = None


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


class ExpectationList(HandsOnTyping, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "move(-9999)", show=False),
        Binding("end", "move(9999)", show=False),
    ]
    COMPONENT_CLASSES = {
        "expectation-list--dimension",
        "expectation-list--cursor",
        "expectation-list--rated",
        "expectation-list--hidden",
        "expectation-list--gap",
        "expectation-list--header",
    }
    DEFAULT_CSS = """
    ExpectationList { height: 1fr; overflow-x: hidden; }
    ExpectationList > .expectation-list--header { color: $text-muted; }
    ExpectationList > .expectation-list--dimension { text-style: bold; color: $text-primary; }
    ExpectationList > .expectation-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; }
    ExpectationList:blur > .expectation-list--cursor {
        background: $block-cursor-blurred-background; }
    ExpectationList > .expectation-list--rated { color: $text-success; text-style: bold; }
    ExpectationList > .expectation-list--hidden { color: $text-muted; }
    ExpectationList > .expectation-list--gap { color: $text-warning; text-style: bold; }
    """

    @dataclass
    class Highlighted(Message):
        expectation_id: str | None

    # No repaint of its own: `watch_cursor` repaints the two rows that changed (a
    # repaint of the whole list was ~6 ms of every move).
    cursor = reactive(0, always_update=True, repaint=False)

    def __init__(
        self,
        on_highlight: Callable[[], None] | None = None,
        on_write: Callable[[], None] | None = None,
        **kwargs: Unpack[WidgetArgs],
    ) -> None:
        super().__init__(**kwargs)
        # Called in the same turn as the cursor moves, so the pane beside the list
        # is redrawn in the same frame (a message would arrive a frame later).
        self._on_highlight = on_highlight
        self._on_write = on_write
        self._styles: dict[str, Style] = {}
        self._base_style = Style()
        self.entries: list[Entry] = []
        self.ratings: dict[tuple[str, str], RatingRecord] = {}
        self.rater = "self"
        self.revealed = False
        self.kind: str | None = None  # names the parties in the header

    def hand_over(self) -> dict[str, Callable[[], None]]:
        """`c` opens the comment (see widgets.type_ahead)."""
        write = self._on_write
        return {"c": write} if write is not None else {}

    def set_data(
        self,
        groups: list[tuple[Dimension, list[Expectation]]],
        ratings: dict[tuple[str, str], RatingRecord],
        *,
        rater: str,
        revealed: bool,
        kind: str | None = None,
    ) -> None:
        """`kind` names the parties in the header (see `i18n.manager_column`)."""
        current = self.current
        self.kind = kind
        self.entries = []
        for dimension, items in groups:
            self.entries.append(Entry(dimension=dimension))
            self.entries.extend(Entry(expectation=e) for e in items)
        self.ratings = ratings
        self.rater = rater
        self.revealed = revealed
        self.virtual_size = Size(self.size.width, len(self.entries) + 1)
        keep = next(
            (
                i
                for i, entry in enumerate(self.entries)
                if current and entry.expectation and entry.expectation.id == current.id
            ),
            None,
        )
        self.cursor = keep if keep is not None else (self._next_expectation(0, 1) or 0)
        self.refresh()

    def update_ratings(self, ratings: dict[tuple[str, str], RatingRecord]) -> None:
        """New ratings: only the rows whose ratings changed are drawn again."""
        old, self.ratings = self.ratings, ratings
        changed = {
            key[0] for key in old.keys() | ratings.keys() if old.get(key) != ratings.get(key)
        }
        for index, entry in enumerate(self.entries):
            if entry.expectation is not None and entry.expectation.id in changed:
                self.refresh_line(index + 1)  # line 0 is the header

    @property
    def current(self) -> Expectation | None:
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor].expectation
        return None

    def expectation_ids(self) -> list[str]:
        return [e.expectation.id for e in self.entries if e.expectation]

    def _next_expectation(self, start: int, step: int) -> int | None:
        """The first expectation from `start` in direction `step` (headers skipped)."""
        index = start
        while 0 <= index < len(self.entries):
            if self.entries[index].expectation is not None:
                return index
            index += step
        return None

    def action_move(self, delta: int) -> None:
        if not self.entries:
            return
        step = 1 if delta > 0 else -1
        target = min(max(self.cursor + delta, 0), len(self.entries) - 1)
        found = self._next_expectation(target, step)
        if found is None:  # ran past the end: the nearest one the other way
            found = self._next_expectation(target, -step)
        if found is not None:
            self.cursor = found

    def advance(self) -> bool:
        """Move to the next expectation; False at the end."""
        before = self.cursor
        self.action_move(1)
        return self.cursor != before

    def watch_cursor(self, old: int, new: int) -> None:
        visible = max(self.size.height - 1, 1)
        top = self.scroll_offset.y
        line = new
        if line < top + 1 and line > 0:
            self.scroll_to(y=max(line - 1, 0), animate=False)
        elif line >= top + visible:
            self.scroll_to(y=line - visible + 1, animate=False)
        if self.scroll_offset.y == top:  # only the two rows that changed (line 0 is the header)
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        else:
            self.refresh()
        current = self.current
        if self._on_highlight is not None:
            self._on_highlight()
        self.post_message(self.Highlighted(current.id if current else None))

    def on_click(self, event: events.Click) -> None:
        index = event.y - 1 + self.scroll_offset.y
        if event.y >= 1 and 0 <= index < len(self.entries) and self.entries[index].expectation:
            self.cursor = index

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.entries) + 1)

    # rendering

    def _cell(self, expectation_id: str, rater: str) -> tuple[str, str | None]:
        rating = self.ratings.get((expectation_id, rater))
        rated = rating is not None and rating.is_rated
        if rater != self.rater and not self.revealed:
            return ("•" if rated else "·"), "expectation-list--hidden"
        if rating is None or not rated:
            return "·", "expectation-list--hidden"
        if rating.not_observed:
            return "–", "expectation-list--rated"
        return str(rating.score), "expectation-list--rated"

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles looked up once per paint, not once per line and cell.
        self._styles = {}
        self._base_style = self.rich_style
        return super().render_lines(crop)

    def _component(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        title_width = max(width - 3 * COLUMN - 1, 8)
        if y == 0:
            style = self._component("expectation-list--header")
            # A label may fill its column ("Leder"): its neighbours keep their
            # distance by leaning away from it.
            header = (
                " " * (title_width + 1)
                + t("exp.self_short")[: COLUMN - 1].ljust(COLUMN)
                + manager_column(self.kind)[:COLUMN].center(COLUMN)
                + (t("exp.gap_short")[: COLUMN - 1].rjust(COLUMN) if self.revealed else "")
            )
            return Strip([Segment(_fit(header, width), style)], width)
        index = y - 1 + self.scroll_offset.y
        if index >= len(self.entries):
            return Strip.blank(width, self._base_style)
        entry = self.entries[index]
        lang = language()
        base = self._base_style
        if entry.dimension is not None:
            style = base + self._component("expectation-list--dimension")
            return Strip([Segment(_fit(entry.dimension.name.get(lang), width), style)], width)
        expectation = entry.expectation
        assert expectation is not None
        on_cursor = index == self.cursor
        if on_cursor:
            base = base + self._component("expectation-list--cursor")
        segments = [Segment(" " + _fit(expectation.title.get(lang), title_width), base)]
        for rater in ("self", "manager"):
            text, component = self._cell(expectation.id, rater)
            # The cursor row is one block: a cell's own colours would cut holes in it.
            style = base + self._component(component) if component and not on_cursor else base
            if rater == self.rater:
                text = f"[{text}]"
            segments.append(Segment(text.center(COLUMN), style))
        gap_text, gap_style = " " * COLUMN, base
        if self.revealed:
            own = self.ratings.get((expectation.id, "self"))
            boss = self.ratings.get((expectation.id, "manager"))
            if own and boss and own.score is not None and boss.score is not None:
                gap = own.score - boss.score
                if gap:
                    gap_text = format_steps(gap).center(COLUMN)
                    if abs(gap) >= LARGE_GAP and not on_cursor:
                        gap_style = base + self._component("expectation-list--gap")
        segments.append(Segment(gap_text, gap_style))
        used = 1 + title_width + 3 * COLUMN
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments, width).crop(0, width)
