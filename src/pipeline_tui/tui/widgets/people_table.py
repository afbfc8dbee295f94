"""The people list: virtual, so ten thousand rows cost no more than the twenty on screen.

A DataTable builds a row object per person up front and again on every
filter; this widget keeps plain `PersonRow`s and renders only the visible
lines (Textual's line API), with a header line that does not scroll.
Filtering is a list comprehension over pre-lowered search keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Unpack

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pipeline_tui.core.due import status_key
from pipeline_tui.core.search import search_key, search_words
from pipeline_tui.packs.light import short_name
from pipeline_tui.records import PersonRow
from pipeline_tui.tui.i18n import binding, day, locale, t
from pipeline_tui.tui.widgets.widget_args import WidgetArgs

STATUSES = (
    "overdue",
    "overdue_planned",
    "due",
    "soon",
    "signed",
    "completed",
    "in_progress",
    "draft",
    "planned",
    "none",
)


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if len(text) <= width:
        return text.ljust(width)
    return text[: max(width - 1, 0)] + "…"


def _with_kind(kind: str, status: str, width: int) -> str:
    """ "MUS · Underskrevet": the kind of the latest conversation before its status, in its
    short name where the whole one leaves the status no room ("Evaluering · I gang", not
    "Lederevaluering · I…"); the status alone when even that does not fit."""
    names = [t(f"kind.{kind}")]
    short = locale().get(f"kind_short.{kind}")
    if short is not None:
        names.append(short)
    for name in names:
        text = f"{name} · {status}"
        if len(text) <= width:
            return text
    return status


class PeopleTable(ScrollView, can_focus=True):
    """Rows of people with a cursor; enter (or a double click) opens one."""

    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        binding("enter", "open", id="home.open", show=False),
    ]

    COMPONENT_CLASSES = {
        "people-table--header",
        "people-table--cursor",
        *(f"people-table--{status}" for status in STATUSES),
    }

    DEFAULT_CSS = """
    PeopleTable { height: 1fr; overflow-x: hidden; }
    PeopleTable > .people-table--header { text-style: bold; color: $text-primary; }
    PeopleTable > .people-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
    PeopleTable:blur > .people-table--cursor { background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style; }
    PeopleTable > .people-table--overdue { color: $text-error; text-style: bold; }
    PeopleTable > .people-table--overdue_planned { color: $text-warning; text-style: bold; }
    PeopleTable > .people-table--due { color: $text-warning; }
    PeopleTable > .people-table--soon { color: $text-warning; }
    PeopleTable > .people-table--signed { color: $text-success; }
    PeopleTable > .people-table--completed { color: $text-success; }
    PeopleTable > .people-table--in_progress { color: $text-accent; }
    PeopleTable > .people-table--draft { color: $text-muted; }
    PeopleTable > .people-table--planned { color: $text-accent; }
    PeopleTable > .people-table--none { color: $text-muted; }
    """

    @dataclass
    class Opened(Message):
        person_id: int

    @dataclass
    class Highlighted(Message):
        person_id: int | None

    cursor = reactive(0, always_update=True)

    def __init__(self, *, today: date, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.today = today
        self._all: list[PersonRow] = []
        self._keys: list[str] = []  # `core.search.search_key` of each row
        self._shown: list[PersonRow] = []
        self._predicate: Callable[[PersonRow], bool] | None = None
        self._query = ""
        # The last search: its query, predicate and the rows it found (their indices). A
        # query typed on from it (`search` says why that only narrows) searches among those.
        self._found: tuple[str, Callable[[PersonRow], bool] | None, list[int]] | None = None
        self.generation = 0  # counts `set_rows`: figures of the rows may be kept until it moves
        self.layer_names: dict[str, str] = {}

    # data

    def set_rows(self, rows: Sequence[PersonRow], layer_names: dict[str, str]) -> None:
        """Replace the data, keeping the cursor on the same person where possible."""
        current = self.current
        self.layer_names = layer_names
        self._all = list(rows)
        self._keys = [
            search_key((r.name, r.unit, r.title, layer_names.get(r.layer, r.layer), r.email))
            for r in self._all
        ]
        self._found = None
        self.generation += 1
        self._apply(keep=current.id if current else None)

    def set_filter(
        self,
        query: str,
        predicate: Callable[[PersonRow], bool] | None,
        keep: int | None = None,
    ) -> None:
        """Show the rows matching every word of `query` (name, unit, title, layer or email;
        Danish letters typed without their keys too: `core.search`) and `predicate`; the
        cursor on the person `keep` if shown, else on the first."""
        self._query = " ".join(query.lower().split())
        self._predicate = predicate
        self._apply(keep=keep)

    def _matching(self) -> list[int]:
        """The indices of the rows the search and the predicate find."""
        query, predicate, keys = self._query, self._predicate, self._keys
        found = self._found
        candidates: Sequence[int]
        if found is not None and found[1] is predicate and query.startswith(found[0]):
            if query == found[0]:
                return found[2]
            candidates = found[2]  # typed on: a narrower search, among what was found
        else:
            candidates = range(len(keys))
            if predicate is not None:
                every = self._all
                candidates = [i for i in candidates if predicate(every[i])]
        for plain, paired in search_words(query):
            if plain == paired:
                candidates = [i for i in candidates if plain in keys[i]]
            else:
                candidates = [i for i in candidates if plain in keys[i] or paired in keys[i]]
        indices = list(candidates)
        self._found = (query, predicate, indices)
        return indices

    def _apply(self, keep: int | None) -> None:
        every = self._all
        shown = [every[i] for i in self._matching()]
        self._shown = shown
        self.virtual_size = Size(self.size.width, len(shown) + 1)
        index = 0
        if keep is not None:
            index = next((i for i, r in enumerate(shown) if r.id == keep), 0)
        self.cursor = index
        if index == 0:
            self.scroll_to(y=0, animate=False)
        else:  # once the new height is laid out: a scroll now stops at the old one's end
            self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def shown(self) -> int:
        return len(self._shown)

    @property
    def current(self) -> PersonRow | None:
        if 0 <= self.cursor < len(self._shown):
            return self._shown[self.cursor]
        return None

    def rows(self) -> list[PersonRow]:
        return list(self._all)

    # cursor

    def watch_cursor(self, _old: int, _new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        current = self.current
        self.post_message(self.Highlighted(current.id if current else None))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        if self._shown:
            self.cursor = min(max(self.cursor + delta, 0), len(self._shown) - 1)

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_jump(self, index: int) -> None:
        if self._shown:
            self.cursor = index if index >= 0 else len(self._shown) - 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter with no one shown is the screen's (home opens the first match once the
        whole list is read)."""
        if action == "open" and self.current is None:
            return False
        return super().check_action(action, parameters)

    def action_open(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.Opened(current.id))

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + self.scroll_offset.y
        if event.y >= 1 and 0 <= row < len(self._shown):
            self.cursor = row
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self._shown) + 1)

    # rendering

    def _columns(self, width: int) -> list[int]:
        """Widths of name, layer, unit, latest, status: the name takes what is left."""
        # "MUS · Underskrevet" whole; where there is room, "Lederevaluering · Underskrevet" too
        status, last = (30 if width >= 110 else 20), locale().date_width()
        # The longest layer name whole where there is room; else "Leder af sig selv" (a name
        # without its note in brackets, `short_name`) whole.
        layer = 34 if width >= 110 else 17
        unit = 18 if width >= 110 else 11
        name = max(width - (layer + unit + last + status) - 4, 12)
        return [name, layer, unit, last, status]

    def _cells(self, row: PersonRow, status_width: int) -> list[str]:
        key = status_key(row, self.today)
        last = day(row.last_held_on)
        status = t(f"status.{key}")
        if key in ("signed", "completed", "in_progress", "draft", "planned") and row.last_kind:
            status = _with_kind(row.last_kind, status, status_width)
        return [row.name, self.layer_names.get(row.layer, row.layer), row.unit, last, status]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self._columns(width)
        if y == 0:
            header = [
                t("home.col.name"),
                t("home.col.layer"),
                t("home.col.unit"),
                t("home.col.last"),
                t("home.col.status"),
            ]
            style = self.get_component_rich_style("people-table--header")
            text = " ".join(_fit(h, w) for h, w in zip(header, columns, strict=True))
            return Strip([Segment(_fit(text, width), style)], width)
        index = y - 1 + self.scroll_offset.y
        if index >= len(self._shown):
            return Strip.blank(width, self.rich_style)
        row = self._shown[index]
        cells = self._cells(row, columns[-1])
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("people-table--cursor")
        segments = []
        for number, (cell, column) in enumerate(zip(cells, columns, strict=True)):
            if number == 1 and len(cell) > column:
                cell = short_name(cell)  # the layer: its note in brackets gives way first
            style = base
            if number == 4 and index != self.cursor:
                status = status_key(row, self.today)
                style = base + self.get_component_rich_style(f"people-table--{status}")
            segments.append(Segment(_fit(cell, column), style))
            segments.append(Segment(" ", base))
        used = sum(columns) + len(columns)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments, width).crop(0, width)
