"""Alembic environment for pipeline-tui.

The program runs migrations itself (`pipeline_tui.store.migrate`) and hands
this script an open connection inside its own transaction, so a migration is
all-or-nothing. Developers can also run `alembic -c db/alembic.ini ...` against
a database URL to autogenerate a new revision.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from pipeline_tui.store import models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pipeline_tui.store.engine import make_engine, writer

    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with writer(engine).begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations()
