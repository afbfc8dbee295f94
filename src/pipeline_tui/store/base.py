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
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

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


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _explain(exc, self._engine.url.database) from exc
        except DatabaseError as exc:  # a damaged file: "database disk image is malformed"
            _raise_storage_problem(exc, self._engine)
        except UnicodeEncodeError as exc:  # a lone surrogate cannot be stored as UTF-8
            raise UserError(f"{NOT_UNICODE}: nothing was saved") from exc

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise _explain(exc, self._engine.url.database) from exc
        except DatabaseError as exc:
            _raise_storage_problem(exc, self._engine)
        except UnicodeEncodeError as exc:
            raise UserError(NOT_UNICODE) from exc


NOT_UNICODE = "the text is not valid Unicode (it holds a lone surrogate)"


def _explain(exc: OperationalError, where: str | None = None) -> StorageError:
    """The driver's error as a one-line StorageError with its reason (never its SQL)."""
    message = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = message.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError("the database is read-only: nothing was changed", "readonly")
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return StorageError("the disk is full: the last change was not saved", "full")
    if "locked" in lowered:
        return StorageError(
            "the database is busy in another program: the last change was not saved, try again",
            "busy",
        )
    problem = storage_problem(exc, where)
    if problem is not None:
        return problem
    return StorageError(f"database error: {message.splitlines()[0] if message else ''}")


def _raise_storage_problem(exc: DatabaseError, engine: Engine) -> NoReturn:
    """A file or disk problem as a StorageError; anything else (a bug) stays what it was."""
    problem = storage_problem(exc, engine.url.database)
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
