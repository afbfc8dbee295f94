"""Errors that reach the user as a message and an exit code, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path


class UserError(Exception):
    """Bad input or usage: the message is shown on stderr and the exit code is 2."""

    exit_code = 2


class StorageError(UserError):
    """The database cannot be used as asked (not a database, newer schema, read-only...)."""


class NotFoundError(UserError):
    """A person, conversation, goal... that does not exist (or no longer does)."""


class RuleError(UserError):
    """A change the rules do not allow: a card beyond the deck's picks, editing a signed plan."""


class ConflictError(UserError):
    """Someone else changed the same field since it was read: both versions are kept.

    `theirs` is what is stored now, `mine` what this session tried to write; the
    caller shows both and lets the user choose, so neither is silently lost.
    """

    def __init__(self, what: str, field: str, theirs: object, mine: object) -> None:
        super().__init__(f"{what}: {field} was changed in another session meanwhile")
        self.what = what
        self.field = field
        self.theirs = theirs
        self.mine = mine


def storage_problem(exc: BaseException, where: object = None) -> StorageError | None:
    """A SQLite error about the file or the disk (not a bug) as a one-line message, else None.

    `exc` is the driver's error or SQLAlchemy's wrapper around it; `where` names
    the database in the message. Used where such errors can surface outside the
    stores: the fast stdlib read paths, export, and the command line's last resort.
    """
    import sqlite3

    orig = getattr(exc, "orig", None)
    error = orig if isinstance(orig, sqlite3.Error) else exc
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    lowered = message.lower()
    name = f"the database {where}" if where else "the database"
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return StorageError(
            f"{name} is damaged ({message}): nothing was changed; restore it from a backup"
        )
    if "disk is full" in lowered:
        return StorageError(f"the disk is full: {name} could not be written, nothing was changed")
    if "disk i/o error" in lowered:
        return StorageError(
            f"{name} could not be read or written (disk I/O error; is the disk full?): "
            "nothing was changed"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"{name} is read-only: nothing was changed")
    if "unable to open" in lowered:
        return StorageError(
            f"cannot open {name} ({message}): SQLite needs to write its -wal and -shm "
            "files in the database's folder; is the folder read-only?"
        )
    if "locked" in lowered or "busy" in lowered:
        return StorageError(f"{name} is busy in another program: nothing was changed, try again")
    return None


def log_unexpected(exc: BaseException) -> Path | None:
    """Keep the traceback of a bug in the cache folder's `error.log`, not on the screen.

    Owner-only (0600): a traceback can hold personal data from the failing
    statement. Returns the log's path, or None when it could not be written.
    """
    import traceback

    from pipeline_tui.config import cache_dir, ensure_private_dir

    try:
        folder = ensure_private_dir(cache_dir())
        path = folder / "error.log"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(path, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
            handle.write("\n")
        return path
    except OSError:
        return None
