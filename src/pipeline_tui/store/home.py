"""The home screen's people list, readable without SQLAlchemy.

Importing SQLAlchemy/SQLModel costs ~0.25–0.45 s on our machines, more than
all of Textual, so the first screen reads a local SQLite file with the stdlib
sqlite3 module and the full storage layer loads behind it. The statements
are those of `store.queries`, which `PeopleStore.rows` runs through
SQLAlchemy for any other database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from pipeline_tui.errors import StorageError, storage_problem
from pipeline_tui.store.queries import Reader, sqlite_reader
from pipeline_tui.store.records import PersonRow

T = TypeVar("T")


def unicode_lower(value: object) -> object:
    """lower() for SQLite, whose own folds ASCII only: "Åse" must sort and match as "åse"."""
    return value.lower() if isinstance(value, str) else value


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def person_row(row: Sequence[object]) -> PersonRow:
    return PersonRow(
        id=row[0],
        name=row[1],
        title=row[2],
        unit=row[3],
        layer=row[4],
        manager_name=row[5],
        last_held_on=_as_date(row[6]),
        last_kind=row[7],
        last_status=row[8],
        follow_up_on=_as_date(row[9]),
    )


# Danish alphabetical order: æ, ø, å after z (ä and ö with æ and ø).
_DANISH = str.maketrans({"æ": "{0", "ä": "{0", "ø": "{1", "ö": "{1", "å": "{2"})


def name_key(name: str) -> str:
    """Sort key for a name: case-insensitive, in Danish alphabetical order."""
    return name.lower().translate(_DANISH)


def people_rows(rows: Iterable[Sequence[object]]) -> list[PersonRow]:
    """Rows of `queries.PEOPLE_ROWS_SQL` as records, by name in Danish order ("Åse" after "Zara").

    Sorted here rather than in SQL: SQLite's lower() folds ASCII only, and a
    Python collation called per row costs more than sorting the list.
    """
    return sorted((person_row(row) for row in rows), key=lambda row: (name_key(row.name), row.id))


def read_people_rows(path: Path) -> list[PersonRow] | None:
    """The people list straight from a SQLite file at the current schema.

    Returns None when the fast path does not apply (no file yet, another
    schema revision, anything unexpected): the caller then opens the database
    through the storage layer, which creates, upgrades or refuses it properly.
    """
    return _read(path, lambda reader: reader.people_rows())


def read_people_head(path: Path, count: int) -> tuple[list[PersonRow], int] | None:
    """The first `count` people of the list, in its order, and how many there are in all.

    The first screen shows a screenful; reading and building ten thousand rows
    first would keep it waiting (~0.1 s). Names alone are cheap to read and
    sort, so the order is exact; the full rows follow (`read_people_rows`).
    None as for `read_people_rows`.
    """
    return _read(path, lambda reader: reader.people_head(count))


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
