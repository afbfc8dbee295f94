"""`person erase` on a local SQLite file, with the stdlib (no SQLAlchemy to import).

The same erasure as `store.privacy.erase_person` (which serves any engine, and
scrubs mentions when asked): the same rows go in one short write transaction
(BEGIN IMMEDIATE, foreign keys and `secure_delete` on, as every connection of the
storage layer has them), the same `erasure` row is left, and the write-ahead log
is checkpointed and truncated afterwards. The command takes this path for a local
file at the current schema when no mentions are to be scrubbed; a test erases the
same person both ways and compares the databases.

Erasing is a short command: importing SQLAlchemy and the models (~0.5 s) cost
several times the erasure itself (~0.1 s at 10,000 people), and other sessions
wait for the write lock only while the transaction runs.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store import queries as q
from pipeline_tui.store.readonly import cut_short
from pipeline_tui.store.revisions import HEAD

ERASED = "[erased]"
BUSY_TIMEOUT_MS = 15_000  # as the storage layer's engine (`store.engine`)


@dataclass(frozen=True)
class Erased:
    """What an erasure did."""

    rows_removed: int
    conducted: int  # conversations of others that now show the conductor as erased
    scrubbed: int  # text fields whose mention was replaced (--scrub-mentions)
    mentions_kept: int | None  # mentions left (may be of a namesake); None: not searched
    log_emptied: bool  # False: a reader kept the write-ahead log from being emptied
    copies: tuple[tuple[str, str, str], ...] = ()  # (kind, path, made) that may hold them
    conversations: tuple[int, ...] = ()  # the person's own, gone with them
    # --scrub-mentions: what was replaced by ERASED in other people's notes (whole words,
    # any letter case), for the copies of those notes outside the database (`recovery.py`)
    scrubbed_words: tuple[re.Pattern[str], ...] = ()


def open_local(path: Path | None) -> sqlite3.Connection | None:
    """A stdlib connection that may write the local SQLite file `path` at the current schema,
    set up as the storage layer sets up its own; None when that does not apply (no file,
    a folder or file that cannot be written, another revision): the caller then uses the
    storage layer, which upgrades, refuses or explains."""
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return None
    if cut_short(path) is not None:
        return None
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        revision = connection.execute(q.REVISION_SQL).fetchone()
        if revision is None or revision[0] != HEAD or not _ours(connection):
            connection.close()
            return None
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")
        if connection.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error:
        connection.close()
        return None
    return connection


def _ours(connection: sqlite3.Connection) -> bool:
    """Every statement of the erasure compiles: the tables and columns are there (another
    program's file whose version table reads like ours is left to the storage layer,
    which refuses it untouched)."""
    statements = (
        q.PERSON_SQL,
        q.REPORTS_COUNT_SQL,
        *q.ERASE_OWNED_SQL.values(),
        *q.ERASE_COUNTED_SQL,
        q.ERASE_CONDUCTED_SQL,
        q.ERASE_COPIES_SQL,
        q.ERASE_PERSON_SQL,
        q.ERASURE_SQL,
    )
    params = {"id": 0, "erased": "", "at": "", "removed": 0, "ids": ""}
    try:
        for sql in statements:
            connection.execute(q.EXPLAIN_SQL.format(sql=sql), params).fetchall()
    except sqlite3.Error:
        return False
    return True


def who(connection: sqlite3.Connection, person_id: int) -> tuple[str, int]:
    """The person's name and how many people report to them directly; NotFoundError if none."""
    reader = q.Reader(connection.execute, date.isoformat)
    person = reader.person(person_id)
    (reports,) = connection.execute(q.REPORTS_COUNT_SQL, {"id": person_id}).fetchone()
    return person.name, int(reports)


def erase_local(connection: sqlite3.Connection, person_id: int) -> Erased:
    """Erase a person by identity (see `store.privacy`), in one write transaction."""
    params = {"id": person_id}
    connection.execute("BEGIN IMMEDIATE")
    try:
        ids = {
            table: [row[0] for row in connection.execute(sql, params)]
            for table, sql in q.ERASE_OWNED_SQL.items()
        }
        if not ids["person"]:
            raise NotFoundError(f"no person with id {person_id}", "person", id=person_id)
        removed = sum(len(v) for v in ids.values()) + sum(
            connection.execute(sql, params).fetchone()[0] for sql in q.ERASE_COUNTED_SQL
        )
        conducted = connection.execute(
            q.ERASE_CONDUCTED_SQL, {"id": person_id, "erased": ERASED}
        ).rowcount
        copies = tuple(
            (kind, path, _minute(made))
            for kind, path, made in connection.execute(q.ERASE_COPIES_SQL, params)
        )
        connection.execute(q.ERASE_PERSON_SQL, params)
        connection.execute(
            q.ERASURE_SQL,
            {
                # as the storage layer stores a moment: naive UTC, with microseconds
                "at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                "removed": removed,
                "ids": json.dumps(ids),
            },
        )
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return Erased(
        removed,
        max(conducted, 0),
        0,
        None,
        empty_log(connection),
        copies,
        tuple(ids["conversation"]),
    )


def _minute(made: object) -> str:
    moment = q.as_moment(made)
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def empty_log(connection: sqlite3.Connection, patience: float = 3.0) -> bool:
    """Copy the write-ahead log into the file and truncate it (the erased rows' old pages go
    with it); a session reading at that moment holds it: retried for `patience` seconds."""
    deadline = time.monotonic() + patience
    while True:
        busy = connection.execute(q.CHECKPOINT_SQL).fetchone()[0]
        if not busy or time.monotonic() > deadline:
            return not busy
        time.sleep(0.05)
