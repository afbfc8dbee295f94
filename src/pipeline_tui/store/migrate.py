"""Opening a database: refuse what is not ours or is too new, upgrade what is old.

The checks of `store.vetting` read the file with the stdlib sqlite3 module in
read-only mode before anything else touches it, so a database from a newer program (or a
file that is not a pipeline-tui database) is refused with its bytes unchanged.
Alembic is imported only when a migration actually has to run: a new SQLite
database is made at the current schema from the statements the migrations leave
behind (`db/head_schema.json`, written by `db/dump_head_schema.py` and checked
against the migrations by a test): a first command on a new database takes
~0.6 s instead of ~0.8 s.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from pipeline_tui.config import describe, sqlite_path
from pipeline_tui.errors import StorageError, storage_problem
from pipeline_tui.store import queries as q
from pipeline_tui.store.engine import make_engine, make_read_only_engine, writer
from pipeline_tui.store.revisions import HEAD, migrations_dir, saved_head_schema
from pipeline_tui.store.vetting import DatabaseState, check_state, vet


def _read_engine_state(engine: Engine) -> DatabaseState:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text(q.REVISION_SQL)).scalar()
    return DatabaseState(revision=revision, has_tables=bool(tables))


def create_at_head(engine: Engine) -> bool:
    """Make the schema of HEAD in a new, empty SQLite database, in one transaction.

    False (nothing done) where the statements on file are not those of HEAD: the
    migrations then run as for any older database.
    """
    saved = saved_head_schema()
    if not saved:
        return False
    with writer(engine).begin() as connection:
        for statement in saved["statements"]:
            connection.exec_driver_sql(statement)
    return True


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction."""
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
    opened read-only instead of refused. A database file this call creates is
    removed again if it cannot be set up (a full disk), so a failed start leaves
    nothing behind.
    """
    path = sqlite_path(db)
    found = vet(path) if path is not None else None
    if path is not None and found is not None:
        state = found
        if reading and not os.access(path.parent, os.W_OK):
            if state.revision != HEAD:
                raise StorageError(
                    f"the database {path} needs an upgrade to schema {HEAD}, but its folder "
                    "is read-only: nothing was changed"
                )
            return make_read_only_engine(path)
        engine = make_engine(db)
        created = False
    else:
        created = path is not None and not path.exists()
        engine = make_engine(db)
        try:
            state = _read_engine_state(engine)
        except Exception as exc:
            _give_up(engine, path if created else None)
            raise storage_problem(exc, describe(db)) or StorageError(
                f"cannot open {describe(db)}: {_first_line(exc)}"
            ) from exc
        check_state(state, describe(db))
    if state.revision != HEAD:
        new = state.revision is None and not state.has_tables
        try:
            if not (new and engine.dialect.name == "sqlite" and create_at_head(engine)):
                upgrade(engine)
        except Exception as exc:
            _give_up(engine, path if created else None)
            if isinstance(exc, StorageError):
                raise
            raise storage_problem(exc, describe(db)) or StorageError(
                f"could not upgrade {describe(db)}: {_first_line(exc)}"
            ) from exc
    return engine


def _first_line(exc: BaseException) -> str:
    """SQLAlchemy adds the SQL and a link on further lines: the message is the first."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _give_up(engine: Engine, created: Path | None) -> None:
    """Close the engine; remove the database file (and its -wal/-shm) if this run made it."""
    engine.dispose()
    if created is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{created}{suffix}").unlink(missing_ok=True)
