"""A write the database file refuses is "read-only", not a disk that does not answer.

A file SQLite already holds open that is then made unwritable (chattr +i, a file system
remounted read-only) refuses the write with EPERM/EROFS, which SQLite reports as a
"disk I/O error"; the save state then blamed the disk. Checked with the real SQLite
error where this machine can make a file unwritable to itself, else with SQLite's
message on a file this user may not write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from pipeline_tui.errors import storage_problem


def _refuse(paths: list[Path]) -> bool:
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            return False
        return subprocess.run(["chattr", "+i", *paths], capture_output=True).returncode == 0
    for path in paths:
        path.chmod(0o400)
    return True


def _allow(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *paths], capture_output=True)
    for path in paths:
        path.chmod(0o600)


def test_an_io_error_on_a_file_that_may_not_be_written_is_read_only(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=wal")
    connection.execute("CREATE TABLE answer (value INTEGER)")
    files = [db, tmp_path / "x.db-wal"]
    assert _refuse(files)
    try:
        try:
            connection.execute("INSERT INTO answer VALUES (1)")
        except sqlite3.OperationalError as exc:
            error = exc  # as root with chattr: SQLite's own "disk I/O error"
        else:  # another user keeps writing through the open file: SQLite's words then
            error = sqlite3.OperationalError("disk I/O error")
        assert "disk i/o error" in str(error).lower()
        problem = storage_problem(error, str(db))
        assert problem is not None and problem.reason == "readonly"
        assert problem.transient
    finally:
        _allow(files)
        connection.close()
    assert storage_problem(sqlite3.OperationalError("disk I/O error"), str(db)).reason == "io"
