"""Where the database is: a path or a SQLAlchemy URL, resolved without SQLAlchemy.

Kept free of heavy imports because the first screen reads a local SQLite file
before the storage layer has been imported.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

SQLITE_MEMORY = ":memory:"


def _is_url(db: str) -> bool:
    return "://" in db


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL for the database given as a path, a URL or nothing (the default)."""
    if db is None:
        from pipeline_tui.config import default_db_path

        return f"sqlite:///{default_db_path()}"
    if _is_url(db):
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def sqlite_path(db: str | None) -> Path | None:
    """The local SQLite file behind `db`, or None for a server or an in-memory database."""
    if db is None:
        from pipeline_tui.config import default_db_path

        return default_db_path()
    if not _is_url(db):
        return Path(db).expanduser().resolve()
    scheme, _, rest = db.partition("://")
    if scheme.split("+")[0] != "sqlite":
        return None
    # sqlite:///relative.db, sqlite:////absolute.db; a query string may follow.
    rest = rest.split("?", 1)[0]
    if not rest.startswith("/"):
        return None
    path = unquote(rest[1:])
    if path in ("", SQLITE_MEMORY):
        return None
    return Path(path).expanduser().resolve()


def describe(db: str | None) -> str:
    """The database for messages: a file path, or the URL without its password."""
    path = sqlite_path(db)
    if path is not None:
        return str(path)
    url = resolve_url(db)
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if at and ":" in creds:
        user = creds.split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{host}"
    return url
