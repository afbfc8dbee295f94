"""Errors that reach the user as a message and an exit code, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or usage: the message is shown on stderr and the exit code is 2.

    `reason` is a short machine-readable word for the kind of problem, so that a
    screen can say it in the user's language instead of showing the (English)
    message; "" where there is none. `values` are the message's particulars (an id...),
    for saying it again in another language.
    """

    exit_code = 2

    def __init__(self, message: str = "", reason: str = "", **values: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.values = values


# Storage problems that pass: a write refused for one of these is kept and tried again.
TRANSIENT = ("busy", "full", "io", "readonly", "open", "server_readonly", "server", "denied")


class StorageError(UserError):
    """The database cannot be used as asked (not a database, newer schema, read-only...).

    `reason`: "busy" (another program holds the lock), "full" (no space), "io",
    "readonly", "open" (the folder does not let SQLite write beside the file),
    "server_readonly" (a PostgreSQL server takes no changes: a standby, a read-only
    database), "denied" (the PostgreSQL role lacks a privilege, "permission denied for
    table ...": kept and tried again, as its administrator may grant it), "server" (the
    database server cannot be reached: stopped, restarting, the network down), "damaged",
    or "" for problems found before opening (newer schema, foreign file).

    `writing`: False when a read failed (nothing was being saved: the app then says it
    could not read, not that something was not saved).
    """

    writing = True

    @property
    def transient(self) -> bool:
        """True when the same write may succeed later, once the cause has passed."""
        return self.reason in TRANSIENT


class NotFoundError(UserError):
    """A person, conversation, goal... that does not exist (or no longer does).

    `reason` names what is missing: "person", "conversation", "goal", "action", "card"...
    """


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


# PostgreSQL's SQLSTATE for a write in a read-only transaction: a hot standby, or a database
# (a role, a server) whose default_transaction_read_only is on.
READ_ONLY_SQL_TRANSACTION = "25006"
# PostgreSQL's SQLSTATE for a statement the role has no privilege for ("permission denied
# for table person", "permission denied for schema public", "must be owner of table ...").
INSUFFICIENT_PRIVILEGE = "42501"


def storage_problem(exc: BaseException, where: object = None) -> StorageError | None:
    """A SQLite error about the file or the disk, or a PostgreSQL server that takes no
    changes (not a bug), as a one-line message, else None.

    `exc` is the driver's error or SQLAlchemy's wrapper around it; `where` names
    the database in the message (a file, or a URL without its password). Used by the
    stores (`store.base.translated`) and where such errors can surface outside them:
    the fast stdlib read paths, export, migrations and the command line's last resort.
    """
    import sqlite3

    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) == READ_ONLY_SQL_TRANSACTION:  # psycopg's, by its code
        return StorageError(
            f"the database {where or ''} takes no changes (the server holds it read-only: "
            "a standby, or default_transaction_read_only is on): nothing was changed",
            "server_readonly",
            db=where or "",
        )
    if getattr(orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        said = str(orig).splitlines()[0] if str(orig) else "permission denied"
        return StorageError(
            f"the database {where or ''} does not let its role do this ({said}): nothing was "
            "changed; its administrator can grant the role the rights it needs "
            "(docs/postgresql.md)",
            "denied",
            db=where or "",
            error=said,
        )
    error = orig if isinstance(orig, sqlite3.Error) else exc
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    lowered = message.lower()
    name = f"the database {where}" if where else "the database"
    # The particulars, for saying it in another language: the database when it is named.
    values: dict[str, object] = {"db": where, "error": message} if where else {}
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return StorageError(
            f"{name} is damaged ({message}): nothing was changed; restore it from a backup",
            "damaged",
            **values,
        )
    if "disk is full" in lowered:
        return StorageError(
            f"the disk is full: {name} could not be written, nothing was changed",
            "full",
            **values,
        )
    if "disk i/o error" in lowered and _refused_file(where):
        # A file SQLite holds open made unwritable (chattr +i, a read-only remount): the
        # write is refused with EPERM/EROFS, which SQLite reports as an I/O error.
        return StorageError(f"{name} is read-only: nothing was changed", "readonly", **values)
    if "disk i/o error" in lowered:
        return StorageError(
            f"{name} could not be read or written (disk I/O error; is the disk full?): "
            "nothing was changed",
            "io",
            **values,
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"{name} is read-only: nothing was changed", "readonly", **values)
    if "unable to open" in lowered:
        return StorageError(
            f"cannot open {name} ({message}): SQLite needs to write its -wal and -shm "
            "files in the database's folder; is the folder read-only?",
            "open",
            **values,
        )
    if "locked" in lowered or "busy" in lowered:
        return StorageError(
            f"{name} is busy in another program: nothing was changed, try again",
            "busy",
            **values,
        )
    return None


def _refused_file(where: object) -> bool:
    """True when the SQLite file `where` (or its -wal or -journal beside it) exists and may
    not be written by this process: an I/O error on it is a refusal, not a failing disk."""
    import os

    if not isinstance(where, str | os.PathLike):
        return False
    path = os.fspath(where)
    files = [path, f"{path}-wal", f"{path}-journal"]
    return any(os.path.exists(f) and not os.access(f, os.W_OK) for f in files)


class ErasedError(NotFoundError):
    """The record a session was working on was removed by the erasure of its person.

    Raised instead of a plain NotFoundError when the missing id is one an
    erasure removed, so an open session can say "the person was erased" and
    leave, rather than retry or offer to write the text back.
    """
