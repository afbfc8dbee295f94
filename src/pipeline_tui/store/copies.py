"""The copies of data the program writes outside the database, remembered for erasure.

A backup, an export or a printed plan made before a person is erased still
holds them; the erasure cannot reach it, but it can name it. Each command that
writes such a file notes it here (kind, path, when, and whose it is when it is
about one person), in the database's `copy_made` table: a SQLite file with the
stdlib (no storage layer to import for one row), a PostgreSQL server through the
storage layer's engine. Noting is bookkeeping: it never makes the command fail (an
older SQLite schema, an in-memory database simply note nothing); where the note could
not be written (another program held the database past the wait, a read-only file or
server, a full disk, a server that cannot be reached) `note_copy` says so, and the
caller tells the user the file is not on the list an erasure shows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_tui.store.queries import REVISION_SQL
from pipeline_tui.store.revisions import HEAD

if TYPE_CHECKING:
    from sqlalchemy import Engine

KINDS = ("backup", "export", "person export", "plan", "prep", "screenshot")


@dataclass(frozen=True)
class CopyRecord:
    kind: str
    path: str
    made_at: str


def note_copy(
    db: str | None,
    kind: str,
    written: Path,
    person_id: int | None = None,
    *,
    engine: Engine | None = None,
) -> bool:
    """Remember that `written` (a copy of kind `kind`) was made from the database `db`
    (as `--db` names it: a file, a URL, or None for the default file). `engine`: one the
    caller has open on a server database, used instead of a new one.

    False when the note should have been written and could not be (busy, read-only,
    full, unreachable); True when it was, or when there is nothing to note it in.
    """
    from pipeline_tui.config import resolve_url, sqlite_path

    path = sqlite_path(db)
    if path is not None:
        return _note_in_file(path, kind, written, person_id)
    if resolve_url(db).startswith("sqlite"):  # in memory: gone with the program
        return True
    return _note_on_server(db, kind, written, person_id, engine)


def _note_in_file(db: Path, kind: str, written: Path, person_id: int | None) -> bool:
    if not db.is_file():
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
            # the file written again holds only what was written last: one note per file
            connection.execute("DELETE FROM copy_made WHERE path = ?", (str(written.resolve()),))
            connection.execute(
                "INSERT INTO copy_made (kind, path, made_at, person_id) VALUES (?, ?, ?, ?)",
                (kind, str(written.resolve()), _now(), person_id),
            )
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return True


def _note_on_server(
    db: str | None, kind: str, written: Path, person_id: int | None, engine: Engine | None
) -> bool:
    """The note in a server database's `copy_made`, in a write transaction of its own (the
    write lock taken as by every write); the schema is the current one, as the command
    that made the copy opened it."""
    from sqlalchemy import delete, insert
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import col

    from pipeline_tui.errors import UserError
    from pipeline_tui.store import models as m
    from pipeline_tui.store.engine import make_engine, writer

    own = engine is None
    try:
        if engine is None:
            engine = make_engine(db)
        with writer(engine).begin() as connection:
            path = str(written.resolve())
            connection.execute(delete(m.CopyMade).where(col(m.CopyMade.path) == path))
            connection.execute(
                insert(m.CopyMade).values(
                    kind=kind, path=path, made_at=m.utcnow(), person_id=person_id
                )
            )
    except (SQLAlchemyError, UserError, OSError):
        return False
    finally:
        if own and engine is not None:
            engine.dispose()
    return True


def _now() -> str:
    """The timestamp in the form SQLAlchemy stores a DateTime in SQLite."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
