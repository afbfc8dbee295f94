"""What every store shares: short sessions, one transaction per write, and conversions.

Each write opens a session, runs one transaction (BEGIN IMMEDIATE on SQLite)
and commits before returning, so an answer is on disk the moment the call
returns. Reads use their own short session. Rows never leave this package:
they are converted to the frozen records of `pipeline_tui.records`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlmodel import Session

from pipeline_tui.config import describe
from pipeline_tui.errorlog import sanitized_message
from pipeline_tui.errors import ConflictError, StorageError, UserError, storage_problem
from pipeline_tui.store import models as m
from pipeline_tui.store.engine import writer
from pipeline_tui.store.shape import (  # noqa: F401  (the stores import them from here)
    action_record,
    conversation_record,
    goal_record,
    person_record,
    pick_record,
    plan_record,
    rating_record,
)


def row_id(row: Any) -> int:
    """The id of a row that has been flushed (SQLModel types every id as optional)."""
    assert row.id is not None, "flush the row before asking for its id"
    return int(row.id)


class StoreBase:
    """`session`: a transaction the store works in (`Repository.transaction`); None for
    a session and a transaction of its own per call."""

    def __init__(self, engine: Engine, session: Session | None = None) -> None:
        self._engine = engine
        self._writer = writer(engine)
        self._session = session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self._session is not None:  # part of a larger transaction: it commits
            yield self._session
            return
        with translated(self._engine, writing=True), write_session(self._engine) as session:
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        if self._session is not None:  # sees what the transaction wrote so far
            yield self._session
            return
        with translated(self._engine), Session(self._engine, expire_on_commit=False) as session:
            yield session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction (the write lock taken at BEGIN), committed at the
    end, rolled back on any exception."""
    with Session(writer(engine), expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def translated(engine: Engine, *, writing: bool = False) -> Iterator[None]:
    """Driver errors as one-line `StorageError`s with a reason; never the SQL or its values.
    A StorageError says whether it stopped a write or a read (`writing`; the outermost
    context decides, a read inside a write being part of the write)."""
    try:
        with _translating(engine, writing=writing):
            yield
    except StorageError as error:
        error.writing = writing
        raise


@contextmanager
def _translating(engine: Engine, *, writing: bool) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise _explain(exc, where(engine)) from exc
    except IntegrityError as exc:  # a bug or a race: the values stay out of the message
        raise StorageError(
            "the change clashes with what is stored (a duplicate or a missing reference): "
            "nothing was saved",
            "integrity",
        ) from exc
    except DatabaseError as exc:  # a damaged file: "database disk image is malformed"
        _raise_storage_problem(exc, engine)
    except UnicodeEncodeError as exc:  # a lone surrogate cannot be stored as UTF-8
        raise UserError(f"{NOT_UNICODE}: nothing was saved" if writing else NOT_UNICODE) from exc


NOT_UNICODE = "the text is not valid Unicode (it holds a lone surrogate)"


def _explain(exc: OperationalError, where: str | None = None) -> StorageError:
    """The driver's error as a one-line StorageError with its reason (never its SQL)."""
    message = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = message.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError("the database is read-only: nothing was changed", "readonly")
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return StorageError("the disk is full: the last change was not saved", "full")
    if "locked" in lowered or "lock timeout" in lowered or "deadlock" in lowered:
        return StorageError(
            "the database is busy in another program: the last change was not saved, try again",
            "busy",
        )
    problem = storage_problem(exc, where)
    if problem is not None:
        return problem
    if _is_connection_problem(exc):
        return StorageError(
            f"the database server of {where or 'the database'} cannot be reached (is it "
            "running?): nothing was changed, try again",
            "server",
            db=where or "",
        )
    return StorageError(f"database error: {sanitized_message(exc)}")


def _is_connection_problem(exc: OperationalError) -> bool:
    """A server that is down, restarting or unreachable (PostgreSQL), not a bad statement."""
    return bool(getattr(exc, "connection_invalidated", False)) or any(
        word in str(exc.orig).lower()
        for word in ("connection", "server closed", "terminating", "could not connect")
    )


def where(engine: Engine) -> str | None:
    """The database of `engine` for messages: its file (SQLite), or its URL without the
    password (a server)."""
    if engine.dialect.name == "sqlite":
        return engine.url.database
    return describe(engine.url.render_as_string(hide_password=False))


def _raise_storage_problem(exc: DatabaseError, engine: Engine) -> NoReturn:
    """A file or disk problem, or a server that takes no changes, as a StorageError;
    anything else (a bug) stays what it was."""
    problem = storage_problem(exc, where(engine))
    if problem is None:
        raise exc
    raise problem from exc


def touch(row: m.Stamped) -> None:
    """Mark a row changed: a new version and a fresh timestamp."""
    row.version += 1
    row.updated_at = m.utcnow()


def check_unchanged(what: str, field: str, current: Any, expected: Any, new: Any) -> None:
    """Compare-and-set for a field: refuse to overwrite what another session wrote.

    `expected` is the value the editor started from; None means "don't check".
    Writing the value that is already there is never a conflict.
    """
    if expected is None or current in (expected, new):
        return
    raise ConflictError(what, field, theirs=current, mine=new)
