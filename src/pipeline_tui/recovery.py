"""Answers that could not be saved yet, kept in an owner-only file until they can be.

While the database refuses writes (locked by another program, a full disk),
the app keeps every unsaved answer in this journal as well as in memory, so
that quitting, a closed terminal or a killed process loses none of them: the
next time the conversation opens, they are offered back. An entry is a write
as data (`ops.Op`) with the conversation it belongs to and a label for the
user. Entries of conversations not opened in this run are kept as they were.
No Textual here.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline_tui.ops import Op

VERSION = 1


@dataclass(frozen=True)
class Entry:
    conversation_id: int
    key: str
    op: Op
    label: str
    at: str  # when it was given (ISO, UTC)

    def to_json(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "key": self.key,
            "label": self.label,
            "at": self.at,
            **self.op.to_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        if not isinstance(data, dict) or not isinstance(data.get("conversation_id"), int):
            raise ValueError("not a recovery entry")
        return cls(
            conversation_id=data["conversation_id"],
            key=str(data.get("key", "")),
            op=Op.from_json(data),
            label=str(data.get("label", "")),
            at=str(data.get("at", "")),
        )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Journal:
    """The recovery file of one database: read once, rewritten as unsaved answers change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Entries from an earlier run, not yet offered back (or declined for now).
        self._earlier: list[Entry] = self._read()

    def _read(self) -> list[Entry]:
        return self._on_disk() or []

    def _on_disk(self) -> list[Entry] | None:
        """The entries in the file now ([] when there is none); None when it cannot be read."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            return None
        entries = []
        for item in data.get("entries", []) if isinstance(data, dict) else []:
            with contextlib.suppress(ValueError, TypeError):
                entries.append(Entry.from_json(item))
        return entries

    def _still_kept(self) -> None:
        """Let go of the earlier entries another program took out of the file meanwhile: an
        erasure (`person erase`) or another window that took them back. Written back from
        here, an erased person's answers came back, and a conversation given the number of
        an erased or deleted one later (SQLite reuses the highest) was offered them."""
        if self._earlier:
            on_disk = self._on_disk()
            if on_disk is not None:
                # as the file has it now: an erasure may have scrubbed a name out of one
                now = {(e.conversation_id, e.key, e.at): e for e in on_disk}
                self._earlier = [
                    now[k] for e in self._earlier if (k := (e.conversation_id, e.key, e.at)) in now
                ]

    def earlier(self, conversation_id: int) -> list[Entry]:
        """What an earlier run could not save for this conversation."""
        self._still_kept()
        return [e for e in self._earlier if e.conversation_id == conversation_id]

    def forget(self, conversation_id: int) -> None:
        """The earlier entries of a conversation were taken back (or declined)."""
        self._earlier = [e for e in self._earlier if e.conversation_id != conversation_id]
        self.write([])

    def drop(self, conversation_ids: Iterable[int]) -> None:
        """The conversations are gone for good (their person was erased): what was kept of
        them goes too, now, not when they are opened again (they never will be)."""
        gone = set(conversation_ids)
        if any(e.conversation_id in gone for e in self._earlier):
            self._earlier = [e for e in self._earlier if e.conversation_id not in gone]
            self.write([])

    def scrub(self, replace: Callable[[str], str]) -> None:
        """Pass every text of the kept entries (the answers typed, their labels) through
        `replace`: an erasure with --scrub-mentions takes the erased person's name out of
        the unsaved notes about others as it does out of the saved ones."""

        def scrubbed(value: Any) -> Any:
            if isinstance(value, str):
                return replace(value)
            if isinstance(value, list):
                return [scrubbed(v) for v in value]
            if isinstance(value, dict):
                return {k: scrubbed(v) for k, v in value.items()}
            return value

        entries = self._on_disk()
        if not entries:
            return
        new = []
        for entry in entries:
            data = entry.to_json()
            data["label"] = replace(entry.label)
            data["args"] = scrubbed(data["args"])
            new.append(Entry.from_json(data))
        if new != entries:
            self._earlier = new
            self._save(new)

    def write(self, current: Iterable[Entry]) -> None:
        """Keep `current` (this run's unsaved answers) and the earlier entries; no file when
        there is nothing to keep."""
        current = list(current)  # read before the file is: it may be a generator
        self._still_kept()
        self._save([*self._earlier, *current])

    def _save(self, entries: list[Entry]) -> None:
        if not entries:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        from pipeline_tui.config import ensure_private_dir

        ensure_private_dir(self.path.parent)
        body = json.dumps(
            {"version": VERSION, "entries": [e.to_json() for e in entries]},
            ensure_ascii=False,
            indent=1,
        )
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(8)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
