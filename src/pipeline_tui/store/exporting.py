"""The export document's shape, and the export of a local SQLite file with the stdlib alone.

An export is one JSON document: the format and schema revision, then every exported
table (the models' `TABLES`, in that order) as a list of rows, one row a line, its
columns in the models' order. `document` writes that shape for any source of rows;
`transfer.export_lines` feeds it rows through SQLAlchemy (any engine), and
`export_lines_sqlite` reads a local file at the current schema with the stdlib,
so that `export` on such a file imports no ORM (~0.3 s instead of ~0.9 s for a
small database). Which columns each table has, and which of them hold timestamps,
dates, flags or JSON, is saved with HEAD's statements (`db/head_schema.json`,
written from the models by `db/dump_head_schema.py`; a test checks the two agree).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from pipeline_tui.errors import StorageError
from pipeline_tui.store.queries import EXPLAIN_SQL, EXPORT_ROWS_SQL, as_date, as_moment
from pipeline_tui.store.revisions import HEAD, saved_head_schema

FORMAT = "pipeline-tui-export"
FORMAT_VERSION = 1

# What a column holds, for writing it as the storage layer reads it.
MOMENT, DAY, FLAG, DOCUMENT, PLAIN = "moment", "date", "flag", "json", "plain"

# The exported tables in order, each with its columns: (table, ((column, kind), ...)).
Described = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@cache
def exported_tables() -> Described:
    """The exported tables and their columns, from HEAD's saved statements; from the models
    where those are not yet HEAD's (a migration just added)."""
    saved = saved_head_schema()
    if "exported" in saved:
        return tuple(
            (str(table), tuple((str(name), str(kind)) for name, kind in columns.items()))
            for table, columns in saved["exported"].items()
        )
    return described_by_models()


def described_by_models() -> Described:
    """The exported tables and their columns as the models declare them (what
    `db/dump_head_schema.py` saves; importing the models costs ~0.5 s)."""
    from sqlalchemy import JSON, Boolean, Date, DateTime

    from pipeline_tui.store.models import TABLES, column_type

    def kind(column: Any) -> str:
        found = column_type(column)
        for sql_type, name in ((DateTime, MOMENT), (Date, DAY), (Boolean, FLAG), (JSON, DOCUMENT)):
            if isinstance(found, sql_type):
                return name
        return PLAIN

    return tuple(
        (
            str(model.__tablename__),
            tuple((column.name, kind(column)) for column in model.__table__.columns),  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
        )
        for model in TABLES
    )


# One encoder for every row: `json.dumps(row, ensure_ascii=False)` makes a new one per call.
encode_row = json.JSONEncoder(ensure_ascii=False).encode


def document(lines_of: Callable[[str], Iterable[str]]) -> Iterator[str]:
    """The export document, a line at a time; `lines_of(table)` gives a table's rows, each
    encoded as one line."""
    tables = exported_tables()
    yield "{\n"
    yield f'  "format": "{FORMAT}",\n'
    yield f'  "format_version": {FORMAT_VERSION},\n'
    yield f'  "schema_revision": "{HEAD}",\n'
    yield '  "tables": {\n'
    for index, (table, _columns) in enumerate(tables):
        yield f'    "{table}": ['
        first = True
        for line in lines_of(table):
            yield ("\n" if first else ",\n") + "      " + line
            first = False
        yield (("]" if first else "\n    ]") + ("," if index < len(tables) - 1 else "") + "\n")
    yield "  }\n}\n"


def export_lines_sqlite(connection: sqlite3.Connection) -> Iterator[str]:
    """The export document read with the stdlib from a local SQLite file at the current
    schema (`queries.connect_current`), in one read transaction: a consistent snapshot
    of every table, without the ORM's row processing (a million ratings go through here)."""
    columns = dict(exported_tables())
    connection.execute("BEGIN")
    try:
        yield from document(lambda table: _sqlite_lines(connection, table, columns[table]))
    finally:
        # A write that failed midway (a full disk, a closed pipe) may have closed the
        # connection before this generator is: its read then ended with it.
        with contextlib.suppress(sqlite3.ProgrammingError):
            connection.execute("COMMIT")


def sqlite_exportable(connection: sqlite3.Connection) -> bool:
    """Every exported table and column is in the file (its statements compile): another
    program's file whose version table reads like ours is left to the storage layer, which
    refuses it in one line, before a byte of the document is written."""
    try:
        for table, columns in exported_tables():
            connection.execute(EXPLAIN_SQL.format(sql=_rows_sql(table, columns))).fetchall()
    except sqlite3.Error:
        return False
    return True


def _rows_sql(table: str, columns: tuple[tuple[str, str], ...]) -> str:
    names = ", ".join(f'"{name}"' for name, _kind in columns)
    return EXPORT_ROWS_SQL.format(columns=names, table=table)


def _stored_moment(value: Any) -> Any:
    """A timestamp as stored on SQLite ("2026-11-23 10:00:00.123456", UTC) as the storage layer
    exports it (ISO 8601 with the offset); the usual shape by slicing, any other parsed."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[19] == ".":
        if value.endswith(".000000"):  # as datetime.isoformat() writes a whole second
            return f"{value[:10]}T{value[11:19]}+00:00"
        return f"{value[:10]}T{value[11:]}+00:00"
    moment = as_moment(value)
    return moment.isoformat() if moment is not None else None


def _stored_date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and len(value) == 10):
        return value
    day = as_date(value)
    return day.isoformat() if day is not None else None


def _stored_flag(value: Any) -> Any:
    return None if value is None else bool(value)


def _stored_document(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    MOMENT: _stored_moment,
    DAY: _stored_date,
    FLAG: _stored_flag,
    DOCUMENT: _stored_document,
}


def _sqlite_lines(
    connection: sqlite3.Connection, table: str, columns: tuple[tuple[str, str], ...]
) -> Iterator[str]:
    """A table's rows as export lines, read with the stdlib; each value as
    `transfer.iter_rows` gives it through SQLAlchemy (a test compares the two documents
    byte for byte)."""
    names = [name for name, _kind in columns]
    converters = [
        (index, CONVERTERS[kind]) for index, (_name, kind) in enumerate(columns) if kind != PLAIN
    ]
    encode = encode_row
    for found in connection.execute(_rows_sql(table, columns)):
        row = list(found)
        for index, convert in converters:
            try:
                row[index] = convert(row[index])
            except ValueError:  # damaged JSON: no file leaves out a row, none is refused later
                what = f"{table} {row[names.index('id')]}, column {names[index]}"
                raise StorageError(
                    f"the database holds damaged JSON ({what}): nothing was written",
                    "damaged_json",
                    what=what,
                ) from None
        yield encode(dict(zip(names, row, strict=True)))
