"""Listings on stdout that stay quick for 50,000 rows: a plain table and JSON, row by row.

A Rich table measures and lays out every cell before it prints the first line
(34 s for 50,000 people). Here the column widths come from one pass over the
values, the table is fitted to the terminal's width (columns that would not
fit are narrowed; their text folds onto further lines, as Rich's `fold` does),
and each row is written as soon as it is formatted. Control characters in the
data are shown as escapes, so a name can never move the cursor or recolour the
terminal.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import islice, repeat
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from typing import Any

from rich.cells import cell_len

from pipeline_tui.vocabulary import CONTROL, shown

GAP = 1  # spaces between columns
MIN_WIDTH = 6
BATCH = 2000  # rows written per call


def _visible(text: str) -> str:
    """`text` with control characters as escapes (\\x1b, \\n...)."""
    return shown(text, lines=False)


# Characters that may not take exactly one cell (combining marks, East Asian wide...):
# text without them is as wide as it is long, which is quick to know.
_NOT_NARROW = re.compile(r"[^\u0020-\u02ff\u0370-\u10ff]")


def _size(text: str) -> int:
    if text.isascii() or _NOT_NARROW.search(text) is None:
        return len(text)
    return cell_len(text)


def _fit(widths: list[int], total: int) -> list[int]:
    """Narrow the widest columns until the table fits `total` cells."""
    room = total - GAP * (len(widths) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_WIDTH:
            break
        widths[widest] -= 1
    return widths


def _fold(value: str, width: int) -> list[str]:
    """`value` cut into pieces of at most `width` cells."""
    if value.isascii():
        return [value[i : i + width] for i in range(0, len(value), width)] or [""]
    pieces, current, size = [], "", 0
    for char in value:
        char_size = cell_len(char)
        if size + char_size > width and current:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += char_size
    pieces.append(current)
    return pieces


def _lines(cells: Sequence[str], sizes: Sequence[int], widths: Sequence[int]) -> str:
    if all(size <= w for size, w in zip(sizes, widths, strict=True)):
        parts = [c + " " * (w - size) for c, size, w in zip(cells, sizes, widths, strict=True)]
        return (" " * GAP).join(parts).rstrip() + "\n"
    folded = [_fold(c, w) for c, w in zip(cells, widths, strict=True)]
    height = max(len(f) for f in folded)
    out = []
    for number in range(height):
        parts = []
        for piece, w in zip(folded, widths, strict=True):
            text = piece[number] if number < len(piece) else ""
            parts.append(text + " " * (w - _size(text)))
        out.append((" " * GAP).join(parts).rstrip() + "\n")
    return "".join(out)


def _column(values: Sequence[str]) -> tuple[Sequence[str], list[int], bool]:
    """A column's values (control characters as escapes), their widths in cells, and
    whether each is as wide as it is long: looked at once for the whole column, value by
    value only where it holds such characters."""
    if CONTROL.search(" ".join(values)) is not None:
        values = [_visible(value) for value in values]
    joined = "".join(values)
    if joined.isascii() or _NOT_NARROW.search(joined) is None:
        return values, list(map(len, values)), True
    return values, list(map(_size, values)), False


FOLD_AT_ONCE = 8  # rows folded onto at most this many lines are built a line at a time


def _fold_rows(
    columns: Sequence[tuple[Sequence[str], list[int], bool]],
    widths: Sequence[int],
    numbers: Sequence[int],
) -> list[str]:
    """The rows `numbers` folded as `_lines` folds them: built a line at a time for all
    of them (in a column of one-cell characters a line's piece is a slice), so that a
    table where every row folds (people at 80 columns) costs C-level work per line, not
    Python per piece; a row of more than FOLD_AT_ONCE lines is built on its own."""
    gap = " " * GAP
    blank = [" " * width for width in widths]
    parts: list[tuple[bool, list[Any], int]] = []
    counts = []
    for (values, sizes, narrow), width in zip(columns, widths, strict=True):
        if narrow:
            cells: list[Any] = [values[n] for n in numbers]
            counts.append([-(-size // width) or 1 for size in map(len, cells)])
        else:
            cells = [
                [p + " " * (width - _size(p)) for p in _fold(values[n], width)]
                if sizes[n] > width
                else [values[n] + " " * (width - sizes[n])]
                for n in numbers
            ]
            counts.append(list(map(len, cells)))
        parts.append((narrow, cells, width))
    heights = list(map(max, *counts)) if len(counts) > 1 else counts[0]
    texts = [""] * len(numbers)
    for k in range(min(max(heights), FOLD_AT_ONCE)):
        pieces = [  # map() over C functions: no Python frame per piece
            list(
                map(
                    str.ljust,
                    map(itemgetter(slice(k * width, k * width + width)), cells),
                    repeat(width),
                )
            )
            if narrow
            else [stack[k] if k < len(stack) else blank[c] for stack in cells]
            for c, (narrow, cells, width) in enumerate(parts)
        ]
        line = map(str.rstrip, map(gap.join, zip(*pieces, strict=True)))
        rows = zip(texts, line, heights, strict=True)
        texts = [t + text + "\n" if h > k else t for t, text, h in rows]
    for index, height in enumerate(heights):
        if height > FOLD_AT_ONCE:
            stacks = [
                [cells[index][i : i + width].ljust(width) for i in range(0, height * width, width)]
                if narrow
                else cells[index]
                for narrow, cells, width in parts
            ]
            texts[index] = "".join(
                gap.join(s[k] if k < len(s) else blank[c] for c, s in enumerate(stacks)).rstrip()
                + "\n"
                for k in range(height)
            )
    return texts


def print_table(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A table on stdout, fitted to the terminal (80 columns when not a terminal).

    Laid out a column at a time (one pass of C-level string work per column rather than
    Python per cell); a row with a value wider than its column is folded (`_fold_rows`)
    as `_lines` folds it.
    """
    listed = list(rows)
    columns = [_column(values) for values in zip(*listed, strict=True)]
    widths = [_size(h) for h in headings]
    for index, (_values, sizes, _narrow) in enumerate(columns):
        widths[index] = max(widths[index], max(sizes))
    if not listed:
        columns = [([], [], True) for _heading in headings]
    widths = _fit(widths, shutil.get_terminal_size((80, 24)).columns)
    padded = []
    folded: set[int] = set()
    for (values, sizes, narrow), width in zip(columns, widths, strict=True):
        if max(sizes, default=0) > width:
            folded.update(number for number, size in enumerate(sizes) if size > width)
        if narrow:  # a value's length is its width: str.ljust pads it
            padded.append(list(map(str.ljust, values, repeat(width))))
        else:
            padded.append([v + " " * (width - size) for v, size in zip(values, sizes, strict=True)])
    gap = " " * GAP
    lines = [gap.join(parts).rstrip() + "\n" for parts in zip(*padded, strict=True)]
    if folded:
        numbers = sorted(folded)
        for number, text in zip(numbers, _fold_rows(columns, widths, numbers), strict=True):
            lines[number] = text
    out = sys.stdout
    out.write(_lines(headings, [_size(h) for h in headings], widths))
    for start in range(0, len(lines), BATCH):
        out.write("".join(lines[start : start + BATCH]))
    out.flush()


def _value(value: Any) -> str:
    """One value as `json.dumps(..., indent=2, ensure_ascii=False)` writes it inside a
    record of a list (strings by the C encoder; no encoder object per value)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, (date, datetime)):
        return encode_basestring(str(value))  # as dump_json's default=str
    if isinstance(value, (list, dict)) and value:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return json.dumps(value, ensure_ascii=False)


def _encoded(values: list[Any]) -> Iterable[str]:
    """A column of values, each as `_value` writes it: by C-level map where the column holds
    one kind of value (text, whole numbers, dates or moments), else value by value."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return map(encode_basestring, values)
    if kinds <= {int}:
        return map(int.__repr__, values)
    if kinds <= {date} or kinds <= {datetime}:
        return map(encode_basestring, map(str, values))
    if kinds <= {str, type(None)}:
        return [encode_basestring(v) if v is not None else "null" for v in values]
    return map(_value, values)


def print_json(records: Iterable[Any], fields: Sequence[str]) -> None:
    """A JSON list of records (their `fields`) on stdout, BATCH records at a time; the same
    text as `json.dumps(list, indent=2)` (whose indenting encoder is pure Python and slow).
    A batch is encoded a field at a time (`_encoded`), each value by the C encoder."""
    out = sys.stdout
    keys = [json.dumps(name, ensure_ascii=False) + ": " for name in fields]
    values_of = attrgetter(*fields) if len(fields) > 1 else lambda r: (getattr(r, fields[0]),)
    rows = iter(records)
    opening = "[\n  {\n    "
    while batch := list(islice(rows, BATCH)):
        columns = zip(*map(values_of, batch), strict=True)
        encoded = [
            map(key.__add__, _encoded(list(column)))
            for key, column in zip(keys, columns, strict=True)
        ]
        bodies = map(",\n    ".join, zip(*encoded, strict=True))
        out.write(opening + "\n  },\n  {\n    ".join(bodies) + "\n  }")
        opening = ",\n  {\n    "
    out.write("[]\n" if opening.startswith("[") else "\n]\n")
    out.flush()
