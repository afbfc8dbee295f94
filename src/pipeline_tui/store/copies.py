"""The copies of data the program writes outside the database, remembered for erasure.

A backup, an export or a printed plan made before a person is erased still
holds them; the erasure cannot reach it, but it can name it. Each command that
writes such a file notes it here (kind, path, when, and whose it is when it is
about one person). Noting is bookkeeping: it never makes the command fail (an
older schema, a server database simply note nothing); where the note could not be
written (another program held the database past the wait, a read-only file, a
full disk) `note_copy` says so, and the caller tells the user the file is not on
the list an erasure shows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline_tui.store.queries import REVISION_SQL
from pipeline_tui.store.revisions import HEAD

KINDS = ("backup", "export", "person export", "plan", "prep")


@dataclass(frozen=True)
class CopyRecord:
    kind: str
    path: str
    made_at: str


def note_copy(db: Path | None, kind: str, written: Path, person_id: int | None = None) -> bool:
    """Remember that `written` (a copy of kind `kind`) was made from the database `db`.

    False when the note should have been written and could not be (busy, read-only,
    full); True when it was, or when there is nothing to note it in.
    """
    if db is None or not db.is_file():
        return True
    try:
        connection = sqlite3.connect(db, timeout=5)
    except sqlite3.Error:
        return False
    try:
        revision = connection.execute(REVISION_SQL).fetchone()
        if revision is None or revision[0] != HEAD:
            return True
        with connection:
            connection.execute(
                "INSERT INTO copy_made (kind, path, made_at, person_id) VALUES (?, ?, ?, ?)",
                (kind, str(written.resolve()), _now(), person_id),
            )
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return True


def _now() -> str:
    """The timestamp in the form SQLAlchemy stores a DateTime in SQLite."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
