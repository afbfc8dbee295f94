"""Listings on stdout that stay quick for 50,000 rows: a plain table and JSON, row by row.

A Rich table measures and lays out every cell before it prints the first line
(34 s for 50,000 people). Here the column widths come from one pass over the
values, the table is fitted to the terminal's width (columns that would not
fit are narrowed; their text folds onto further lines between words, a word
longer than its column cut where it must), and each row is written as soon as
it is formatted. Written to a file or a pipe, the table is not fitted: each
row is one line. Control characters in the
data are shown as escapes, so a name can never move the cursor or recolour the
terminal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import islice, repeat
from json.encoder import encode_basestring
from operator import attrgetter, methodcaller
from typing import Any

from rich.cells import cell_len

from pipeline_tui.vocabulary import CONTROL, shown

GAP = 1  # spaces between columns
MIN_WIDTH = 6
NARROW = 10  # a column whose words are cut is cut down to this first
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


# Where a line may end inside a value: after a space (which is then dropped) or after one
# of these (which stays at the end of the line: "Ærø-" / "Åberg", "anna@" / "klinik.dk").
SOFT_BREAKS = "-/@."
_WORD = re.compile(r"[^ \-/@.]*[\-/@.]?")  # a word with the break after it


def _longest_word(values: Sequence[str], narrow: bool) -> int:
    """The widest word (up to a break) among `values`, in cells."""
    words = _WORD.findall(" ".join(values))
    return max(map(len if narrow else _size, words), default=0)


def _fit(widths: list[int], total: int, words: Sequence[int] | None = None) -> list[int]:
    """Narrow the table until it fits `total` cells, in three rounds: the widest columns
    down to their longest word (`words`: nothing is cut inside a word while there is
    room); then the column with the longest word down to NARROW, then the next (words
    are cut in as few columns as may be); then the widest down to MIN_WIDTH."""
    room = total - GAP * (len(widths) - 1)
    longest = list(words or [0] * len(widths))
    rounds = (
        (lambda i: max(longest[i], MIN_WIDTH), lambda i: widths[i]),
        (lambda i: max(min(longest[i], NARROW), MIN_WIDTH), lambda i: (longest[i], widths[i])),
        (lambda i: MIN_WIDTH, lambda i: widths[i]),
    )
    for floor, first in rounds:
        while sum(widths) > room:
            over = [i for i in range(len(widths)) if widths[i] > floor(i)]
            if not over:
                break
            widths[max(over, key=first)] -= 1
    return widths


def _fitted(
    headings: Sequence[str],
    columns: Sequence[tuple[Sequence[str], list[int], bool]],
    widths: list[int],
    room: int,
) -> list[int]:
    """The columns' `widths` fitted to `room` cells (`_fit`), their longest words found
    only when they do not fit already."""
    if sum(widths) + GAP * (len(widths) - 1) <= room:
        return widths
    words = [
        max(_longest_word(values, narrow), _longest_word([heading], False))
        for heading, (values, _sizes, narrow) in zip(headings, columns, strict=True)
    ]
    return _fit(widths, room, words)


def _fits(value: str, width: int) -> int:
    """How many characters of `value` fit in `width` cells (at least one)."""
    size = 0
    for count, char in enumerate(value):
        size += cell_len(char)
        if size > width:
            return max(count, 1)
    return len(value)


def _fold(value: str, width: int) -> list[str]:
    """`value` cut into lines of at most `width` cells: at the last break that fits (a space,
    which is dropped, or after a SOFT_BREAKS character), inside a word only where the word
    alone is wider than the column."""
    narrow = value.isascii() or _NOT_NARROW.search(value) is None
    pieces = []
    while (len(value) if narrow else cell_len(value)) > width:
        cut = width if narrow else _fits(value, width)
        if cut < len(value) and value[cut] == " ":
            pieces.append(value[:cut])
            value = value[cut + 1 :]
            continue
        space = value.rfind(" ", 1, cut)
        soft = max(value.rfind(mark, 0, cut) for mark in SOFT_BREAKS) + 1
        if soft > space > 0 or (soft > 0 and space <= 0):
            pieces.append(value[:soft])
            value = value[soft:]
        elif space > 0:
            pieces.append(value[:space])
            value = value[space + 1 :]
        else:
            pieces.append(value[:cut])
            value = value[cut:]
    pieces.append(value)
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


def _fold_rows(
    columns: Sequence[tuple[Sequence[str], list[int], bool]],
    widths: Sequence[int],
    numbers: Sequence[int],
) -> list[str]:
    """The rows `numbers` (each with a value wider than its column) folded as `_lines`
    folds them."""
    gap = " " * GAP
    blank = [" " * width for width in widths]
    texts = []
    folded: dict[tuple[str, int], list[str]] = {}  # a title or a unit folds once
    for number in numbers:
        stacks = []
        for (values, sizes, narrow), width in zip(columns, widths, strict=True):
            value, size = values[number], sizes[number]
            if size <= width:
                stacks.append([value + " " * (width - size)])
                continue
            stack = folded.get((value, width))
            if stack is None:
                pieces = _fold(value, width)
                if narrow:
                    stack = [piece.ljust(width) for piece in pieces]
                else:
                    stack = [piece + " " * (width - _size(piece)) for piece in pieces]
                folded[value, width] = stack
            stacks.append(stack)
        height = max(map(len, stacks))
        texts.append(
            "".join(
                gap.join(s[k] if k < len(s) else blank[c] for c, s in enumerate(stacks)).rstrip()
                + "\n"
                for k in range(height)
            )
        )
    return texts


def room() -> int | None:
    """The width the table must fit: the terminal's (or COLUMNS). None when it goes to a
    file or a pipe: then a row is one line, whole, for grep, sort and a spreadsheet."""
    if os.environ.get("COLUMNS", "").strip().isdigit():
        return shutil.get_terminal_size().columns
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):  # not a terminal, or no file behind it
        return None


def print_table(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A table on stdout, fitted to the terminal (`room`; not fitted when it goes to a
    file or a pipe).

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
    width = room()
    if width is not None:
        widths = _fitted(headings, columns, widths, width)
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
        return encode_basestring(value.isoformat())  # in ISO 8601, as dump_json writes it
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
        return map(encode_basestring, map(methodcaller("isoformat"), values))
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
