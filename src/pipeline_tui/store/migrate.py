"""Opening a database: refuse what is not ours or is too new, upgrade what is old.

The checks of `store.vetting` read the file with the stdlib sqlite3 module in
read-only mode before anything else touches it, so a database from a newer program (or a
file that is not a pipeline-tui database) is refused with its bytes unchanged.
Alembic is imported only when a migration actually has to run: a new SQLite
database is made at the current schema from the statements the migrations leave
behind (`db/head_schema.json`, written by `db/dump_head_schema.py` and checked
against the migrations by a test): a first command on a new database takes
~0.6 s instead of ~0.8 s.

Two programs may open the same new (or old) database at the same moment: the app and
a command, two commands. Creating and upgrading a SQLite file is therefore done under
a lock (`setup_lock`: an owner-only lock file beside the database, held with flock),
and the file is looked at again once the lock is held: the second program waits, then
finds the database made (or upgraded) and uses it; the schema is made once, and a
creator that fails removes its file before anyone else can open it. The write
transaction that makes the schema checks once more that the file is still empty. On
PostgreSQL the upgrade's transaction takes the advisory lock every writer takes
(`engine.writer`) before Alembic reads the revision, so a second first connection
waits and then finds nothing to do. A database already at the current schema takes
no lock.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from pipeline_tui.config import describe, ensure_private_dir, sqlite_path
from pipeline_tui.errors import INSUFFICIENT_PRIVILEGE, StorageError, storage_problem
from pipeline_tui.store import queries as q
from pipeline_tui.store.engine import (
    BUSY_TIMEOUT_MS,
    make_engine,
    make_read_only_engine,
    prepare_sqlite_file,
    writer,
)
from pipeline_tui.store.revisions import HEAD, migrations_dir, saved_head_schema
from pipeline_tui.store.vetting import DatabaseState, check_state, is_empty_file, vet


def _read_engine_state(engine: Engine) -> DatabaseState:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text(q.REVISION_SQL)).scalar()
    return DatabaseState(revision=revision, has_tables=bool(tables))


def create_at_head(engine: Engine) -> bool:
    """Make the schema of HEAD in a new, empty SQLite database, in one transaction.

    False (nothing done) where the statements on file are not those of HEAD, or where the
    database is no longer empty once its write lock is held (made meanwhile by a program
    that did not wait for `setup_lock`): the migrations then run as for any older
    database, and find nothing to do on one at HEAD.
    """
    saved = saved_head_schema()
    if not saved:
        return False
    with writer(engine).begin() as connection:
        if connection.exec_driver_sql(q.SQLITE_TABLES_SQL).first() is not None:
            return False
        for statement in saved["statements"]:
            connection.exec_driver_sql(statement)
    return True


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction.

    Its BEGIN takes the write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock)
    before Alembic reads the revision: a concurrent upgrader waits, then reads the
    revision the first one left and applies only what is still pending (nothing).
    """
    # Deferred: alembic costs ~150 ms to import and is needed only for an upgrade.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(db: str | None, *, reading: bool = False) -> Engine:
    """An engine on a database at the current schema, created or upgraded as needed.

    An existing file is checked read-only first (a regular file, SQLite, one of our
    schema revisions with its tables), so a file that is not ours is refused with
    its bytes unchanged: no WAL switch, no -journal beside it. With `reading` (a
    command that only reads) a database in a folder that cannot be written is
    opened read-only instead of refused, and an empty (0-byte) file is refused
    untouched (`vetting.refuse_empty_file`: it may be a database cut short) where any
    other command adopts it as a new database, owner-only as one it creates
    (`adopt_empty_file`). A database file this call creates is
    removed again if it cannot be set up (a full disk), so a failed start leaves
    nothing behind. A SQLite file is created or upgraded under `setup_lock` (see the
    module's docstring), so another program doing the same at the same moment is
    waited for, not collided with.
    """
    path = sqlite_path(db)
    if path is None:
        return _set_up(db, None)
    found = vet(path, empty_ok=not reading)
    if found is not None and found.revision == HEAD:
        if reading and not os.access(path.parent, os.W_OK):
            return make_read_only_engine(path)
        return make_engine(db)
    if found is not None and reading and not os.access(path.parent, os.W_OK):
        raise StorageError(
            f"the database {path} needs an upgrade to schema {HEAD}, but its folder "
            "is read-only: nothing was changed"
        )
    if db is None:
        ensure_private_dir(path.parent)  # the default folder, made before its lock file
    with setup_lock(path):
        return _set_up(db, path, reading=reading)


def _set_up(db: str | None, path: Path | None, *, reading: bool = False) -> Engine:
    """An engine on `db` at HEAD: the file (`path`, looked at again, under `setup_lock`)
    created, upgraded or refused; a server database upgraded or refused."""
    found = vet(path, empty_ok=not reading) if path is not None else None
    adopted: int | None = None  # the mode an adopted empty file had
    if path is not None and found is not None:
        state = found
        engine = make_engine(db)
        created = False
    else:
        # Made here, by this call, or not at all: only the file this call made is removed
        # again if it cannot be set up (under `setup_lock` nobody else has opened it yet).
        created = path is not None and prepare_sqlite_file(path, default_location=db is None)
        if path is not None and not created:
            adopted = adopt_empty_file(path)
        engine = make_engine(db)
        try:
            state = _read_engine_state(engine)
        except Exception as exc:
            _give_up(engine, path if created else None, path, adopted)
            raise storage_problem(exc, describe(db)) or StorageError(
                f"cannot open the database {describe(db)}: {_first_line(exc)}",
                "unopened",
                db=describe(db),
                error=_first_line(exc),
            ) from exc
        check_state(state, describe(db))
    if state.revision != HEAD:
        new = state.revision is None and not state.has_tables
        try:
            if not (new and engine.dialect.name == "sqlite" and create_at_head(engine)):
                upgrade(engine)
        except Exception as exc:
            _give_up(engine, path if created else None, path, adopted)
            if isinstance(exc, StorageError):
                raise
            # A role that may not change the tables is told who can (`_upgrade_failed`).
            code = getattr(getattr(exc, "orig", None), "sqlstate", None)
            denied = code == INSUFFICIENT_PRIVILEGE
            problem = None if denied else storage_problem(exc, describe(db))
            raise problem or _upgrade_failed(exc, describe(db), new=new) from exc
    return engine


def adopt_empty_file(path: Path) -> int | None:
    """Make the empty file `path`, about to become a new database, owner-only, as a
    database file this program creates is (SQLite gives its -wal/-shm the same mode): a
    `touch`ed file is world-readable under the usual umask. The owner's own bits stay.

    The mode it had (to put back if the database cannot be set up), or None where nothing
    was changed (not empty, private already, or not ours to change).
    """
    if os.name != "posix" or not is_empty_file(path):
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
            return mode
    except OSError:
        pass
    return None


def lock_path(path: Path) -> Path:
    """The lock file of the SQLite database `path` (there only while it is set up)."""
    return Path(f"{path}.lock")


@contextmanager
def setup_lock(path: Path) -> Iterator[None]:
    """Hold the lock that makes creating or upgrading the SQLite file `path` one program's
    work at a time; waits for it as long as SQLite waits for its write lock.

    The lock is flock on `<path>.lock`, created owner-only (0600) beside the database,
    and removed while still held once the work is done, so nothing is left beside the
    database; a waiter that then holds a removed file's lock takes the new file's
    instead. flock is released when its process ends, so a killed process leaves at
    most an empty file that the next start takes and removes. Where no such file can be
    made (a read-only or missing folder, a full disk) nor the database can: the work
    goes on without it, to fail with the database's own message; without flock (not
    POSIX) the write transaction's check in `create_at_head` is what remains.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock = lock_path(path)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    held: int | None = None
    while held is None:
        try:
            fd = os.open(lock, flags, 0o600)
        except OSError:
            break
        try:
            pause = 0.002
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StorageError(
                            f"the database {path} is being created or upgraded by another "
                            "program: nothing was changed, try again",
                            "busy",
                            db=path,
                        ) from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.02)
            mine, named = os.fstat(fd), os.stat(lock, follow_symlinks=False)
            if (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino):
                held = fd
        except FileNotFoundError:
            pass  # removed by the holder that finished: take the next file
        except OSError:
            os.close(fd)  # no flock here (some network file systems): go on without it
            break
        except BaseException:
            os.close(fd)
            raise
        if held is None:
            os.close(fd)
    try:
        yield
    finally:
        if held is not None:
            with suppress(OSError):
                lock.unlink()
            os.close(held)


def _first_line(exc: BaseException) -> str:
    """SQLAlchemy adds the SQL and a link on further lines: the message is the first."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _upgrade_failed(exc: BaseException, db: str, *, new: bool = False) -> StorageError:
    """An upgrade that failed (rolled back: nothing changed) as a one-line refusal; a role
    that may not change the tables is told who can. `new`: the database had no tables yet
    (a department's first start), which is no upgrade of anything."""
    error = _first_line(exc)
    denied = getattr(getattr(exc, "orig", None), "sqlstate", None) == INSUFFICIENT_PRIVILEGE
    if denied and new:
        return StorageError(
            f"the database {db} has no tables yet, and its role may not create them "
            f"({error}): nothing was changed; run `pipeline-tui db upgrade` once as the role "
            "that owns the database",
            "create_denied",
            db=db,
            error=error,
        )
    if denied:
        return StorageError(
            f"the database {db} needs an upgrade to schema {HEAD}, which its role may not "
            f"make ({error}): nothing was changed; run `pipeline-tui db upgrade` once as the "
            "role that owns its tables",
            "upgrade_denied",
            db=db,
            schema=HEAD,
            error=error,
        )
    return StorageError(
        f"could not upgrade the database {db} ({error}): nothing was changed",
        "upgrade_failed",
        db=db,
        error=error,
    )


def _give_up(
    engine: Engine, created: Path | None, path: Path | None = None, mode: int | None = None
) -> None:
    """Close the engine; remove the database file (and its -wal/-shm) if this run made it,
    or give an empty file it adopted (`path`) its `mode` back."""
    engine.dispose()
    if created is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{created}{suffix}").unlink(missing_ok=True)
    elif path is not None and mode is not None:
        with suppress(OSError):
            path.chmod(mode)
