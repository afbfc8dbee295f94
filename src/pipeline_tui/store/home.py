"""The home screen's people list, readable without SQLAlchemy.

Importing SQLAlchemy/SQLModel costs ~0.25–0.45 s on our machines, more than
all of Textual, so the first screen reads a local SQLite file with the stdlib
sqlite3 module and the full storage layer loads behind it. The SQL is plain
and portable; `PeopleStore.rows` runs the same statement through SQLAlchemy
for any other database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from pipeline_tui.errors import StorageError, storage_problem
from pipeline_tui.records import PersonRow
from pipeline_tui.store.readonly import connect_current
from pipeline_tui.vocabulary import is_kind_key

T = TypeVar("T")

# The follow-up date shown is that of the latest *held* conversation's plan
# that has one, while no conversation has been held since (the same rule as
# `core.coverage.is_overdue`): a conversation only prepared (a draft) does not
# make an overdue follow-up go away, a held one does. The last column is the
# latest held conversation of the yearly kinds (`{yearly}`, see `people_rows_sql`):
# an onboarding or a status conversation is not the year's MUS or LUS.
_PEOPLE_ROWS = """
SELECT p.id, p.name, p.title, p.unit, p.layer, boss.name,
       last.held_on, last.kind, last.status, plan.follow_up_on,
       (SELECT MAX(c.held_on) FROM conversation c
        WHERE c.person_id = p.id
          AND c.status IN ('in_progress', 'completed', 'signed'){yearly})
FROM person p
LEFT JOIN person boss ON boss.id = p.manager_id
LEFT JOIN conversation last ON last.id = (
    SELECT c.id FROM conversation c
    WHERE c.person_id = p.id
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
)
LEFT JOIN plan ON plan.id = (
    SELECT pl.id FROM plan pl JOIN conversation c ON c.id = pl.conversation_id
    WHERE c.person_id = p.id AND pl.follow_up_on IS NOT NULL
      AND c.status IN ('in_progress', 'completed', 'signed')
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
) AND plan.follow_up_on > (
    SELECT MAX(c.held_on) FROM conversation c
    WHERE c.person_id = p.id AND c.status IN ('in_progress', 'completed', 'signed')
)
"""


def people_rows_sql(yearly: Sequence[str] | None = None) -> str:
    """The people list's statement; `yearly` the pack's yearly kinds (None: every kind).

    The kinds are written into the text rather than bound: the same statement runs
    with "?" marks on sqlite3 and with named ones through SQLAlchemy. A kind key is
    letters, digits and _ only (`is_kind_key`), so it cannot end the quoted literal.
    """
    if yearly is None:
        return _PEOPLE_ROWS.format(yearly="")
    keys = [kind for kind in yearly if is_kind_key(kind)]
    listed = ", ".join(f"'{kind}'" for kind in keys) if keys else "NULL"
    return _PEOPLE_ROWS.format(yearly=f" AND c.kind IN ({listed})")


PEOPLE_ROWS_SQL = people_rows_sql()


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
        last_yearly_held_on=_as_date(row[10]),
    )


# Danish alphabetical order: æ, ø, å after z (ä and ö with æ and ø).
_DANISH = str.maketrans({"æ": "{0", "ä": "{0", "ø": "{1", "ö": "{1", "å": "{2"})


def name_key(name: str) -> str:
    """Sort key for a name: case-insensitive, in Danish alphabetical order."""
    return name.lower().translate(_DANISH)


def people_rows(rows: Iterable[Sequence[object]]) -> list[PersonRow]:
    """Rows of PEOPLE_ROWS_SQL as records, by name in Danish order ("Åse" after "Zara").

    Sorted here rather than in SQL: SQLite's lower() folds ASCII only, and a
    Python collation called per row costs more than sorting the list.
    """
    return sorted((person_row(row) for row in rows), key=lambda row: (name_key(row.name), row.id))


def read_people_rows(path: Path, yearly: Sequence[str] | None = None) -> list[PersonRow] | None:
    """The people list straight from a SQLite file at the current schema.

    Returns None when the fast path does not apply (no file yet, another
    schema revision, anything unexpected): the caller then opens the database
    through the storage layer, which creates, upgrades or refuses it properly.
    """
    sql = people_rows_sql(yearly)
    return _read(path, lambda connection: people_rows(connection.execute(sql)))


def read_people_head(
    path: Path, count: int, yearly: Sequence[str] | None = None
) -> tuple[list[PersonRow], int] | None:
    """The first `count` people of the list, in its order, and how many there are in all.

    The first screen shows a screenful; reading and building ten thousand rows
    first would keep it waiting (~0.1 s). Names alone are cheap to read and
    sort, so the order is exact; the full rows follow (`read_people_rows`).
    None as for `read_people_rows`.
    """

    sql = people_rows_sql(yearly)

    def head(connection: sqlite3.Connection) -> tuple[list[PersonRow], int]:
        names = connection.execute("SELECT id, name FROM person").fetchall()
        if len(names) <= count:
            return people_rows(connection.execute(sql)), len(names)
        names.sort(key=lambda row: (name_key(row[1]), row[0]))
        ids = [row[0] for row in names[:count]]
        marks = ", ".join("?" * len(ids))
        rows = connection.execute(f"{sql} WHERE p.id IN ({marks})", ids)
        return people_rows(rows), len(names)

    return _read(path, head)


def _read(path: Path, read: Callable[[sqlite3.Connection], T]) -> T | None:
    connection = connect_current(path)
    if connection is None:
        return None
    try:
        return read(connection)
    except sqlite3.OperationalError:  # busy, or unreadable here: the storage layer explains
        return None
    except sqlite3.DatabaseError as exc:  # a damaged file: refused before the first screen
        raise storage_problem(exc, path) or StorageError(f"{path}: {exc}") from exc
    except sqlite3.Error:
        return None
    finally:
        connection.close()
