"""The one choice of driver for a read: the stdlib or the storage layer (`read_with`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pipeline_tui.store.queries import Reader, sqlalchemy_reader, sqlite_reader
from pipeline_tui.store.vetting import vet

T = TypeVar("T")


def read_with(db: str | None, path: Path | None, work: Callable[[Reader], T]) -> T:
    """`work` done on the reader of the database `db` (`path`: its local file, if any).

    The one choice of driver: the stdlib on a local SQLite file at the current
    schema (no ORM import), else (another revision, a server URL, a busy or
    odd file) the storage layer, which creates, upgrades or refuses the
    database with its proper message and serves any engine.
    """
    import sqlite3

    fast = sqlite_reader(path)
    if fast is not None:
        reader, close = fast
        try:
            return work(reader)
        except sqlite3.Error:  # busy, locked or odd: the storage layer decides and explains
            pass
        finally:
            close()
    if path is not None:
        vet(path, empty_ok=False)  # what the storage layer refuses, before importing it
    from pipeline_tui.store.base import translated
    from pipeline_tui.store.repository import open_repository

    repo = open_repository(db, reading=True)
    try:
        with translated(repo.engine), repo.engine.connect() as connection:
            return work(sqlalchemy_reader(connection))
    finally:
        repo.close()
