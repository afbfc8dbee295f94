"""What the storage layer refuses before it touches a SQLite file, checked with the stdlib.

A folder or a special file, a file that is not SQLite or was cut short, one with
tables but no pipeline-tui schema version, one written by a newer program, or one
whose version names tables it does not have: each is refused with its bytes
unchanged. `vet` runs these checks; the storage layer runs it first when it opens
a file (`migrate.open_engine`), and the quick read paths run it when they cannot
read a file themselves, so a file that must be refused is refused without
importing SQLAlchemy (~0.1 s instead of ~0.7 s). Each refusal names its reason and its
particulars (`UserError.values`), for saying it in the user's language.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline_tui.errors import StorageError, storage_problem
from pipeline_tui.store import queries as q
from pipeline_tui.store.readonly import cut_short, read_only_uri
from pipeline_tui.store.revisions import (
    ADDED_IN,
    HEAD,
    KNOWN_REVISIONS,
    TABLES_ADDED_IN,
    saved_head_schema,
)
from pipeline_tui.texts import Phrase

SQLITE_HEADER = b"SQLite format 3\x00"


def check_regular_file(path: Path) -> None:
    """Refuse a folder or a special file (/dev/null, a FIFO, a device) before opening it:
    SQLite would write a -journal beside /dev/null, and reading a FIFO blocks."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(
            f"cannot use the database {path}: {exc.strerror}",
            "unusable",
            db=path,
            error=exc.strerror,
            errno=exc.errno,
        ) from exc
    if stat.S_ISDIR(found.st_mode):
        raise StorageError(f"{path} is a folder, not a database file", "db_folder", db=path)
    if not stat.S_ISREG(found.st_mode):
        raise StorageError(
            f"{path} is not a regular file (a device, a pipe or a socket): not a database; "
            "it was left untouched",
            "db_special",
            db=path,
        )


def check_sqlite_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a SQLite database."""
    check_regular_file(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise StorageError(
            f"cannot read the database {path}: permission denied",
            "unreadable",
            db=path,
            error="permission denied",
            errno=exc.errno,
        ) from exc
    except OSError as exc:
        raise StorageError(
            f"cannot read the database {path}: {exc.strerror}",
            "unreadable",
            db=path,
            error=exc.strerror,
            errno=exc.errno,
        ) from exc
    if header and header != SQLITE_HEADER:
        raise StorageError(
            f"{path} is not a pipeline-tui database (not a SQLite file)", "not_sqlite", db=path
        )
    short = cut_short(path)
    if short is not None:
        size, expected = short
        raise StorageError(
            f"the database {path} is damaged (cut short: {size} of {expected} bytes): "
            "nothing was changed; restore it from a backup",
            "damaged",
            db=path,
            error=Phrase("cli.db.cut_short", size=size, expected=expected),
        )


@dataclass(frozen=True)
class DatabaseState:
    revision: str | None
    has_tables: bool
    columns: dict[str, set[str]] | None = None  # what the file has, when it was read


def expected_columns(revision: str) -> dict[str, frozenset[str]]:
    """Every table and column a pipeline-tui database at `revision` has."""
    later = set().union(*(cols for rev, cols in ADDED_IN.items() if rev > revision))
    newer = {name for rev, names in TABLES_ADDED_IN.items() if rev > revision for name in names}
    return {
        table: columns - {col for name, col in later if name == table}
        for table, columns in head_columns().items()
        if table not in newer
    }


@cache
def head_columns() -> dict[str, frozenset[str]]:
    """Every table and column of a database at HEAD but Alembic's own, worked out once.

    Read from the statements that make a new database (`db/head_schema.json`), run on
    an in-memory database (~3 ms; importing the models to ask them costs ~0.5 s); from
    the models, their exported tables only, where those statements are not yet HEAD's
    (a migration just added).
    """
    saved = saved_head_schema()
    if not saved:
        from pipeline_tui.store import models as m

        return {
            str(model.__tablename__): frozenset(c.name for c in model.__table__.columns)  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
            for model in m.TABLES
        }
    memory = sqlite3.connect(":memory:")
    try:
        for statement in saved["statements"]:
            memory.execute(statement)
        tables = [row[0] for row in memory.execute(q.SQLITE_TABLES_SQL)]
        return {
            table: frozenset(
                row[0] for row in memory.execute(q.SQLITE_COLUMNS_SQL.format(table=table))
            )
            for table in tables
            if table != "alembic_version"
        }
    finally:
        memory.close()


def read_sqlite_state(path: Path) -> DatabaseState:
    """The schema revision of a SQLite file, read without writing to it."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise storage_problem(exc, path) or StorageError(
            f"cannot open the database {path}: {exc}", "unopened", db=path, error=str(exc)
        ) from exc
    try:
        tables = {row[0] for row in connection.execute(q.SQLITE_TABLES_SQL)}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute(q.REVISION_SQL).fetchone()
            revision = row[0] if row else None
        columns = {
            table: {row[0] for row in connection.execute(q.SQLITE_COLUMNS_SQL.format(table=table))}
            for table in tables
            if '"' not in table
        }
    except sqlite3.DatabaseError as exc:
        # A damaged file, or one that cannot be read here (a read-only folder, a full disk).
        raise storage_problem(exc, path) or StorageError(
            f"{path} is not a usable pipeline-tui database ({exc}); it was left untouched",
            "not_usable",
            db=path,
            error=str(exc),
        ) from exc
    finally:
        connection.close()
    return DatabaseState(revision=revision, has_tables=bool(tables), columns=columns)


def check_state(state: DatabaseState, where: str) -> None:
    """Refuse a database this program must not change."""
    if state.revision is None and state.has_tables:
        raise StorageError(
            f"{where} holds tables but no pipeline-tui schema version: "
            "it is not a pipeline-tui database and was left untouched",
            "foreign",
            db=where,
        )
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise StorageError(
            f"{where} was written by a newer pipeline-tui (schema {state.revision}; "
            f"this program knows up to {HEAD}). Upgrade pipeline-tui to open it; "
            "the database was left untouched",
            "newer",
            db=where,
            revision=state.revision,
            head=HEAD,
        )
    if state.revision is not None and state.columns is not None:
        missing: list[str] = []
        for table, columns in sorted(expected_columns(state.revision).items()):
            found = state.columns.get(table)
            if found is None:
                missing.append(table)
            else:
                missing.extend(f"{table}.{column}" for column in sorted(columns - found))
        if missing:
            raise StorageError(
                f"{where} has a schema version ({state.revision}) but not the tables of one "
                f"(no {', '.join(missing[:3])}): it is not a pipeline-tui database and "
                "was left untouched",
                "no_tables",
                db=where,
                revision=state.revision,
                missing=", ".join(missing[:3]),
            )


def is_empty_file(path: Path) -> bool:
    """Whether `path` is an existing file of 0 bytes (`touch`ed, or cut short to nothing).

    SQLite takes such a file for an empty database, whatever is beside it (it deletes a
    write-ahead log beside it unread, even when it only reads).
    """
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def refuse_empty_file(path: Path) -> None:
    """Refuse the 0-byte file `path` where a database must be there already (a command that
    only reads it, `db backup`, `db check`): it is left as it is, for a command that would
    create the database (`db upgrade`, the app, any change) to make one in it; or it was a
    database cut short, to be restored from a backup."""
    raise StorageError(
        f"{path} is an empty file (0 bytes), not a database: it was left untouched. To start "
        "a new database in it, run db upgrade on it; if it held a database, restore that "
        "from a backup",
        "db_empty",
        db=path,
    )


def refuse_log_without_database(path: Path) -> None:
    """Refuse the 0-byte file `path` for every command when a write-ahead log with
    something in it lies beside it: the file was cut short (a full disk, a copy that
    stopped) and the log may hold the database's last writes, or all of it. SQLite would
    take the empty file for a new database and delete that log unread, reading or writing."""
    log = Path(f"{path}-wal")
    try:
        size = log.stat().st_size
    except OSError:
        return
    if size > 0:
        raise StorageError(
            f"{path} is an empty file (0 bytes) with a write-ahead log of {size} bytes beside "
            f"it ({log.name}): both were left untouched. Restore the database from a backup, "
            "or keep both files for someone who can recover them",
            "db_empty_wal",
            db=path,
            log=log.name,
            size=size,
        )


def vet(path: Path, *, empty_ok: bool = True) -> DatabaseState | None:
    """The state of the SQLite file at `path` once it is shown to be one this program may
    open; None where there is no file yet or an empty one (a new database).

    Raises StorageError, reading nothing but the file and writing nothing, for what
    the storage layer would refuse whatever the command (see the module's docstring);
    without `empty_ok` (a command that only reads) also for an empty file
    (`refuse_empty_file`).
    """
    check_regular_file(path)
    try:
        if path.stat().st_size == 0:
            refuse_log_without_database(path)
            if not empty_ok:
                refuse_empty_file(path)
            return None
    except FileNotFoundError:
        return None
    check_sqlite_file(path)
    state = read_sqlite_state(path)
    check_state(state, str(path))
    return state
