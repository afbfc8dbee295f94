"""Filling a DataTable with columns sized up front, fitted to the room there is.

Textual sizes an auto-width column only when the table next goes idle. If the
screen paints in between (a worker's result arriving while the screen is
still settling), the cells are drawn at their header's width and cached, and
the cache is not keyed by width, so they stay that way: a column with an
empty header shows nothing and a bar loses its percentage. Seen in a real
terminal on the overview; tests/ui/test_overview.py recreates the order of
events. Giving every column its width when it is added leaves nothing to
measure later.

Widths also let a table fit: when the columns need more room than the table
has, one column (the names) gives way and its long texts end in "…", so the
last column is not cut off at 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

Cell = str | Text
MIN_SHRINK = 8  # a column that gives way keeps at least this many cells (or its header)


def cell_width(cell: Cell) -> int:
    return max((cell_len(line) for line in str(cell).splitlines()), default=0)


def room(table: DataTable[Cell]) -> int:
    """Cells available to the table: its width once laid out, else the screen's (a table on a
    hidden tab has no size yet), less room for a scrollbar that may yet appear."""
    width = table.size.width or table.app.size.width
    return max(width - table.styles.scrollbar_size_vertical, 0)


def fill_table(
    table: DataTable[Cell],
    columns: Sequence[tuple[str, str | None]],
    rows: Sequence[tuple[str | None, Sequence[Cell]]],
    *,
    shrink: int | None = None,
    width: int | None = None,
    shorter: Callable[[Cell], Cell] | None = None,
) -> None:
    """Replace the table's columns and rows; the cursor stays where it was, if it still can.

    columns: (header, key or None); rows: (key or None, cells). `shrink` names the column
    that gives way when the table is wider than `width` (default: the room it has): a
    cell too wide for it is said `shorter` first, if given, then cut with "…".
    """
    widths = [cell_width(header) for header, _key in columns]
    for _key, cells in rows:
        for index, cell in enumerate(cells):
            widths[index] = max(widths[index], cell_width(cell))
    if shrink is not None:
        padding = 2 * table.cell_padding
        available = room(table) if width is None else width
        need = sum(widths) + padding * len(widths)
        if need > available:
            floor = max(cell_width(columns[shrink][0]), MIN_SHRINK)
            widths[shrink] = max(floor, widths[shrink] - (need - available))
    cursor = table.cursor_coordinate
    table.clear(columns=True)
    for (header, key), column_width in zip(columns, widths, strict=True):
        table.add_column(_plain(header), width=column_width, key=key)
    for key, cells in rows:
        if shrink is not None and cell_width(cells[shrink]) > widths[shrink]:
            cells = list(cells)
            if shorter is not None:
                cells[shrink] = shorter(cells[shrink])
            if cell_width(cells[shrink]) > widths[shrink]:
                cells[shrink] = _ellipsis(cells[shrink], widths[shrink])
        table.add_row(*map(_plain, cells), key=key)
    if table.row_count:
        table.cursor_coordinate = Coordinate(
            min(cursor.row, table.row_count - 1), min(cursor.column, len(columns) - 1)
        )


def _plain(cell: Cell) -> Text:
    """A cell as the text it is: DataTable reads a string as markup, so a layer named
    "Holdleder [nat]" lost "[nat]" and "Team [/] Vest" stopped the app."""
    return Text(cell) if isinstance(cell, str) else cell


def _ellipsis(cell: Cell, width: int) -> Text:
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.truncate(width, overflow="ellipsis")
    return text
