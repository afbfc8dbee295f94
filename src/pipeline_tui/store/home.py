"""The home screen's people list, readable without SQLAlchemy.

Importing SQLAlchemy/SQLModel costs ~0.25–0.45 s on our machines, more than
all of Textual, so the first screen reads a local SQLite file with the stdlib
sqlite3 module and the full storage layer loads behind it. The statements
are those of `store.queries` (`people_rows_sql`), which `PeopleStore.rows`
runs through SQLAlchemy for any other database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pipeline_tui.errors import StorageError, storage_problem
from pipeline_tui.records import PersonRow

# The people list's helpers live with its statement; they are named here for callers
# (its Danish order is `core.order.name_key`).
from pipeline_tui.store.queries import (  # noqa: F401
    Reader,
    people_rows,
    people_rows_sql,
    person_row,
    sqlite_reader,
    unicode_lower,
)
from pipeline_tui.store.vetting import vet

T = TypeVar("T")


def read_people_rows(path: Path, yearly: Sequence[str] | None = None) -> list[PersonRow] | None:
    """The people list straight from a SQLite file at the current schema.

    Returns None when the fast path does not apply (no file yet, another
    schema revision, anything unexpected): the caller then opens the database
    through the storage layer, which creates, upgrades or refuses it properly.
    """
    return _read(path, lambda reader: reader.people_rows(yearly))


def read_people_head(
    path: Path, count: int, yearly: Sequence[str] | None = None
) -> tuple[list[PersonRow], int] | None:
    """The first `count` people of the list, in its order, and how many there are in all.

    The first screen shows a screenful; reading and building ten thousand rows
    first would keep it waiting (~0.1 s). Names alone are cheap to read and
    sort, so the order is exact; the full rows follow (`read_people_rows`).
    None as for `read_people_rows`; a file the storage layer would refuse (not SQLite,
    too new...) raises its StorageError here, before SQLAlchemy is imported.
    """
    head = _read(path, lambda reader: reader.people_head(count, yearly))
    if head is None:
        vet(path)  # a file the storage layer would refuse is refused now, before importing it
    return head


def _read(path: Path, read: Callable[[Reader], T]) -> T | None:
    opened = sqlite_reader(path)
    if opened is None:
        return None
    reader, close = opened
    try:
        return read(reader)
    except sqlite3.OperationalError:  # busy, or unreadable here: the storage layer explains
        return None
    except sqlite3.DatabaseError as exc:  # a damaged file: refused before the first screen
        raise storage_problem(exc, path) or StorageError(f"{path}: {exc}") from exc
    except sqlite3.Error:
        return None
    finally:
        close()
