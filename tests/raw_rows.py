"""Rows as an older version could have written them, for tests of what is read back."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pipeline_tui.store.repository import Repository


def store_raw(repo: Repository, table: str, row_id: int, **values: Any) -> None:
    """Write `values` into a row as an older version could have (the stores now refuse
    some of them, e.g. a name with a terminal escape): what is read back must still be
    shown safely."""
    from sqlalchemy import text

    columns = ", ".join(f"{name} = :{name}" for name in values)
    with repo.engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {table} SET {columns} WHERE id = :row_id"),
            {**values, "row_id": row_id},
        )


def tamper(db_path: Path, *statements: str) -> None:
    """Change the SQLite file behind the program's back, foreign keys off (another tool, a
    bad copy), and leave it all in the file itself."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
