"""Strict JSON reading that remembers where every object started.

An import file is checked completely before anything is written, and a
problem in row 5,000 is only useful with its line number. The pure-Python
scanner lets us hook object parsing: each object records its first line, and
duplicate keys (which `json` silently merges) are refused.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from json.decoder import JSONObject
from json.scanner import py_make_scanner
from typing import Any


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
        self.scan_once = py_make_scanner(self)

    def _parse_object(self, s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        self._pending.append(s_and_end[1] - 1)
        return JSONObject(s_and_end, *args)

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
    """A parsed document plus `line_of(obj)` for any object (dict) in it."""

    def __init__(self, text: str) -> None:
        decoder = _Decoder()
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
        return bisect_right(self._newlines, start - 1) + 1
