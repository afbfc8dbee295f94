"""The layer's expectations grouped by dimension, with each party's rating.

Blind until revealed: the active party sees their own scores; the other
party's column only says whether they have rated (•), not what. Revealed,
both columns show scores and the gap column marks where they differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pipeline_tui.core.profile import LARGE_GAP
from pipeline_tui.packs.schema import Dimension, Expectation
from pipeline_tui.store.records import RatingRecord
from pipeline_tui.tui.i18n import language, t

COLUMN = 5


@dataclass(frozen=True)
class Entry:
    dimension: Dimension | None = None
    expectation: Expectation | None = None


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


class ExpectationList(ScrollView, can_focus=True):
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
    ExpectationList { height: 1fr; }
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

    cursor = reactive(0, always_update=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self.ratings: dict[tuple[str, str], RatingRecord] = {}
        self.rater = "self"
        self.revealed = False

    def set_data(
        self,
        groups: list[tuple[Dimension, list[Expectation]]],
        ratings: dict[tuple[str, str], RatingRecord],
        *,
        rater: str,
        revealed: bool,
    ) -> None:
        current = self.current
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
        self.ratings = ratings
        self.refresh()

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

    def watch_cursor(self, _old: int, new: int) -> None:
        visible = max(self.size.height - 1, 1)
        top = self.scroll_offset.y
        line = new
        if line < top + 1 and line > 0:
            self.scroll_to(y=max(line - 1, 0), animate=False)
        elif line >= top + visible:
            self.scroll_to(y=line - visible + 1, animate=False)
        self.refresh()
        current = self.current
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

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        title_width = max(width - 3 * COLUMN - 1, 8)
        if y == 0:
            style = self.get_component_rich_style("expectation-list--header")
            header = (
                " " * (title_width + 1)
                + t("exp.self_short")[: COLUMN - 1].center(COLUMN)
                + t("exp.manager_short")[: COLUMN - 1].center(COLUMN)
                + (t("exp.gap")[: COLUMN - 1].center(COLUMN) if self.revealed else " " * COLUMN)
            )
            return Strip([Segment(_fit(header, width), style)], width)
        index = y - 1 + self.scroll_offset.y
        if index >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        entry = self.entries[index]
        lang = language()
        base = self.rich_style
        if entry.dimension is not None:
            style = base + self.get_component_rich_style("expectation-list--dimension")
            return Strip([Segment(_fit(entry.dimension.name.get(lang), width), style)], width)
        expectation = entry.expectation
        assert expectation is not None
        if index == self.cursor:
            base = base + self.get_component_rich_style("expectation-list--cursor")
        segments = [Segment(" " + _fit(expectation.title.get(lang), title_width), base)]
        for rater in ("self", "manager"):
            text, component = self._cell(expectation.id, rater)
            style = base + self.get_component_rich_style(component) if component else base
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
                    gap_text = f"{gap:+d}".center(COLUMN)
                    if abs(gap) >= LARGE_GAP:
                        gap_style = base + self.get_component_rich_style("expectation-list--gap")
        segments.append(Segment(gap_text, gap_style))
        used = 1 + title_width + 3 * COLUMN
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments, width).crop(0, width)
