"""A read-only stdlib connection to a local SQLite file at the current schema.

The fast read paths (the first screen, `overview`, `plan print`) use it to skip
importing SQLAlchemy. Anything else, no file, not a database, another schema
revision, returns None: the caller then opens the database through the storage
layer, which creates, upgrades or refuses it with the proper message.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline_tui.store.revisions import HEAD


def connect_current(path: Path | None) -> sqlite3.Connection | None:
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        connection.close()
        return None
    if revision is None or revision[0] != HEAD:
        connection.close()
        return None
    return connection
