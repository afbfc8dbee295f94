"""The SQLAlchemy engine: one factory, with the SQLite settings that keep answers safe.

SQLite is opened in WAL mode with synchronous=NORMAL (a killed process loses
nothing committed; measured at ~0.2 ms per autosave commit), foreign keys on
and a busy timeout so a second writer waits instead of failing. The sqlite3
driver's own transaction handling is switched off and BEGIN is emitted
explicitly: that makes DDL transactional (migrations all-or-nothing) and lets
writes start with BEGIN IMMEDIATE, which takes the write lock up front so two
processes never dead-end on a lock upgrade ("database is locked").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from pipeline_tui.config import describe, ensure_private_dir, resolve_url, sqlite_path
from pipeline_tui.errors import StorageError
from pipeline_tui.store.queries import unicode_lower
from pipeline_tui.store.readonly import read_only_uri
from pipeline_tui.store.vetting import check_sqlite_file

BUSY_TIMEOUT_MS = 15_000
# Seconds to reach a PostgreSQL server before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10
WRITE_OPTION = "pipeline_tui_write"


def create_private_file(path: Path) -> bool:
    """Create an empty owner-only (0600) file; SQLite gives its -wal/-shm files the same mode.

    True if this call made it; False if it was there, or was made meanwhile by another
    program (then it is theirs: never removed by this one).
    """
    if path.exists():
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def prepare_sqlite_file(path: Path, *, default_location: bool) -> bool:
    """Make sure the file can be opened: its folder exists, and a new file is private.

    True if this call created the file.
    """
    folder = path.parent
    if default_location:
        ensure_private_dir(folder)
    elif not folder.is_dir():
        raise StorageError(
            f"folder {folder} does not exist: cannot create {path.name} there",
            "db_no_folder",
            folder=folder,
            name=path.name,
        )
    if path.exists():
        check_sqlite_file(path)
        return False
    try:
        return create_private_file(path)
    except PermissionError as exc:
        raise StorageError(f"cannot create the database {path}: permission denied") from exc
    except OSError as exc:
        raise StorageError(f"cannot create the database {path}: {exc.strerror}") from exc


def _sqlite_events(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function("lower", 1, unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
            if read_only:
                return
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal" and mode != "memory":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# The driver itself: pipeline-tui is installed from its folder (`pip install .`), so
# "pipeline-tui[postgres]" names nothing an index has; this works wherever it was installed.
POSTGRES_INSTALL = "pip install 'psycopg[binary]>=3.1'"
# Any key will do, as long as it is ours: every write transaction of pipeline-tui takes it.
WRITE_LOCK_KEY = 0x70697065  # "pipe"


def postgres_url(url: str) -> str:
    """A PostgreSQL URL with the driver pipeline-tui ships for it (psycopg 3): SQLAlchemy's
    default for a bare `postgresql://` would be psycopg2. Another driver named in the URL
    (`+psycopg2`, `+asyncpg`, `+pg8000`...) is refused: the storage layer speaks psycopg 3
    alone (its errors, its locks), whatever else is installed."""
    scheme, sep, rest = url.partition("://")
    driver = scheme.partition("+")[2]
    if driver not in ("", "psycopg"):
        raise StorageError(
            f"{scheme}:// is not supported: give a postgresql:// or postgresql+psycopg:// URL "
            "(pipeline-tui uses psycopg 3)",
            "pg_driver",
            scheme=scheme,
        )
    return f"postgresql+psycopg{sep}{rest}"


def is_postgres(url: str) -> bool:
    return url.partition("://")[0].split("+")[0] in ("postgresql", "postgres")


def _postgres_connect_args(url: str) -> dict[str, Any]:
    """A server behind a network that drops packets would otherwise hold the app connecting
    for minutes (libpq waits without end): give up after CONNECT_TIMEOUT_S, a passing
    "server" refusal like a stopped server. A `connect_timeout` in the URL is the user's own
    and wins."""
    from urllib.parse import parse_qs, urlsplit

    if "connect_timeout" in parse_qs(urlsplit(url).query):
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT_S}


def _check_postgres_driver() -> None:
    """Refuse, in one line naming the install command, a PostgreSQL URL without psycopg 3."""
    import logging
    from importlib.util import find_spec

    if find_spec("psycopg") is None:
        raise StorageError(
            f"PostgreSQL needs its driver, which is not installed: {POSTGRES_INSTALL}", "driver"
        )
    # psycopg reports what it ignored while a lost connection was torn down through
    # `logging`, which Python prints raw on stderr when nothing else listens ("error ignored
    # terminating <psycopg.Pipeline [BAD] at 0x7f...>: the connection is lost", a line
    # before the command's own "cannot be reached"): the storage layer says it instead.
    logging.getLogger("psycopg").addHandler(logging.NullHandler())


def _postgres_events(engine: Engine) -> None:
    """Writers take one lock at BEGIN, as on SQLite (BEGIN IMMEDIATE): the compare-and-set of
    the versioned writes then reads what the previous writer committed, in any process.
    A writer waits for the lock as long as SQLite's busy timeout, then gives up ("busy")."""
    from pipeline_tui.store.queries import LOCK_TIMEOUT_SQL, WRITE_LOCK_SQL

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION, False):
            connection.exec_driver_sql(LOCK_TIMEOUT_SQL.format(ms=BUSY_TIMEOUT_MS))
            connection.exec_driver_sql(WRITE_LOCK_SQL.format(key=WRITE_LOCK_KEY))


def make_engine(db: str | None, *, echo: bool = False) -> Engine:
    """An engine for `db` (a path, a SQLAlchemy URL, or None for the default file).

    A local SQLite file is created owner-only if it does not exist yet; an
    existing file that is not a SQLite database is refused untouched.
    """
    url = resolve_url(db)
    path = sqlite_path(db)
    if path is not None:
        prepare_sqlite_file(path, default_location=db is None)
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # error messages (and error.log) never carry data
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        _sqlite_events(engine)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # error messages (and error.log) never carry data
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
        )
        _sqlite_events(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if is_postgres(url):
        url = postgres_url(url)
        _check_postgres_driver()
    try:
        if is_postgres(url):  # reads the URL's query string: a malformed URL is refused here
            connect_args = _postgres_connect_args(url)
        engine = create_engine(
            url, echo=echo, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args
        )
    except Exception as exc:  # bad URL or missing driver: a usage problem
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StorageError(
            f"cannot use the database {describe(db)}: {first}",
            "unusable",
            db=describe(db),
            error=first,
        ) from exc
    if engine.dialect.name == "postgresql":
        _postgres_events(engine)
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine that only reads `path`, for a database in a folder that cannot be written.

    SQLite cannot make its -wal/-shm files there, so a database in WAL mode can only be
    opened as immutable (nothing can change it while the folder is read-only anyway).
    """
    uri = read_only_uri(path)
    engine = create_engine(
        "sqlite://",
        hide_parameters=True,
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )
    _sqlite_events(engine, read_only=True)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock at BEGIN (SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def backup_sqlite(source: Path, destination: Path, *, overwrite: bool = False) -> None:
    """A consistent copy of a live SQLite database (the online backup API), owner-only.

    Written to a private temporary file beside `destination` and renamed onto it
    when complete (`files.private_temporary`), so a failed backup leaves nothing.
    """
    from pipeline_tui.files import private_temporary

    with private_temporary(destination, overwrite=overwrite) as tmp:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst)
            # A damaged database copies page by page without a complaint: look at the copy,
            # so that "Backed up" is never said of a file that cannot be read.
            verdict = dst.execute("PRAGMA quick_check(1)").fetchone()
        except sqlite3.Error as exc:
            raise StorageError(f"backup failed: {exc}") from exc
        finally:
            src.close()
            dst.close()
        if verdict is None or verdict[0] != "ok":
            found = str(verdict[0]).splitlines()[-1] if verdict else "unreadable"  # one line
            raise StorageError(
                f"the database is damaged ({found}): no backup was written (copy the file "
                "itself, e.g. with cp, to keep it as it is)",
                "backup_damaged",
                error=found,
            )
        Path(f"{tmp}-journal").unlink(missing_ok=True)
