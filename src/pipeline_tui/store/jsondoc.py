"""Strict JSON reading that remembers where every object started.

An import file is checked completely before anything is written, and a
problem in row 5,000 is only useful with its line number. The pure-Python
scanner lets us hook object parsing: each object records its first line, and
duplicate keys (which `json` silently merges) are refused.
"""

from __future__ import annotations

import json
from bisect import bisect_right

# The stdlib's own pure-Python parser parts (public in the module, not in typeshed).
from json.decoder import (  # type: ignore[attr-defined]  # see above
    WHITESPACE,
    JSONArray,
    JSONObject,
)
from json.scanner import py_make_scanner  # type: ignore[attr-defined]  # see above
from typing import Any, cast


class DuplicateKeyError(ValueError):
    def __init__(self, key: str, position: int) -> None:
        super().__init__(f"key {key!r} appears twice in one object")
        self.key = key
        self.position = position


class _Decoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__(object_pairs_hook=self._pairs)
        self.starts: dict[int, int] = {}
        self._pending: list[int] = []
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        self.scan_once = py_make_scanner(self)

    def _parse_object(self, s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        self._pending.append(s_and_end[1] - 1)
        return cast("tuple[Any, int]", JSONObject(s_and_end, *args))

    def _parse_array(self, s_and_end: tuple[str, int], scan_once: Any) -> tuple[Any, int]:
        values, end = JSONArray(s_and_end, scan_once)
        self.starts[id(values)] = s_and_end[1] - 1
        return values, end

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        start = self._pending.pop()
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise DuplicateKeyError(key, start)
            result[key] = value
        self.starts[id(result)] = start
        return result


class JsonDocument:
    """A parsed document plus `line_of(obj)` for any object (dict) or array in it,
    and `line_of_item(array, index)` for any value in an array."""

    def __init__(self, text: str) -> None:
        decoder = _Decoder()
        self._text = text
        self._items: dict[int, list[int]] = {}
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        try:
            self.data = decoder.decode(text)
        except DuplicateKeyError as exc:
            raise json.JSONDecodeError(str(exc), text, exc.position) from None
        self._starts = decoder.starts

    def line_of(self, obj: object) -> int | None:
        start = self._starts.get(id(obj))
        if start is None:
            return None
        return self._line(start)

    def line_of_item(self, array: list[Any], index: int) -> int | None:
        """The line where `array[index]` starts: for a number, text or null in a list,
        which has no position of its own. Scans the array once, only when asked."""
        start = self._starts.get(id(array))
        if start is None:
            return None
        if id(array) not in self._items:
            self._items[id(array)] = _item_starts(self._text, start)
        starts = self._items[id(array)]
        return self._line(starts[index]) if index < len(starts) else None

    def _line(self, position: int) -> int:
        return bisect_right(self._newlines, position - 1) + 1


def _item_starts(text: str, start: int) -> list[int]:
    """Where each value of the (valid) JSON array starting at `start` begins."""
    decoder = json.JSONDecoder()
    starts: list[int] = []
    position = WHITESPACE.match(text, start + 1).end()
    while text[position] != "]":
        starts.append(position)
        _value, position = decoder.raw_decode(text, position)
        position = WHITESPACE.match(text, position).end()
        if text[position] == ",":
            position = WHITESPACE.match(text, position + 1).end()
    return starts
