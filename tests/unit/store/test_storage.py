"""Opening storage: private files, WAL, and refusing what must not be touched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui import config
from pipeline_tui.errors import StorageError
from pipeline_tui.store.migrate import open_engine
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.store.vetting import read_sqlite_state

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loose_umask():
    """A umask that would make new files world-readable, to prove the modes are chosen."""
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_new_database_and_its_wal_files_are_private(db_path: Path, loose_umask) -> None:
    """The app creates its database 0600, and SQLite's -wal/-shm files follow while open."""
    repo = open_repository(str(db_path))
    try:
        repo.people.create("Anna Berg", "lead_others")
        wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
        assert wal.exists() and shm.exists()
        assert (mode(db_path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
        with repo.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        repo.close()
    assert mode(db_path) == 0o600
    assert read_sqlite_state(db_path).revision == HEAD


def test_default_location_is_a_private_folder(loose_umask) -> None:
    """With no --db the database goes to the user data folder, made 0700, the file 0600."""
    repo = open_repository(None)
    repo.close()
    folder = config.data_dir()
    assert folder.parent.parent.name.startswith("home")  # the test's own XDG_DATA_HOME
    assert mode(folder) == 0o700
    assert mode(config.default_db_path()) == 0o600


def test_default_folder_is_tightened_if_it_exists() -> None:
    """A data folder left readable by others is made owner-only when the database opens."""
    folder = config.data_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    open_repository(None).close()
    assert mode(folder) == 0o700


def test_a_newer_database_is_refused_untouched(db_path: Path) -> None:
    """A database whose schema revision this program does not know is refused byte for byte."""
    open_repository(str(db_path)).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = digest(db_path)
    with pytest.raises(StorageError, match="newer pipeline-tui"):
        open_engine(str(db_path))
    assert digest(db_path) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    """--db pointing at some other file never writes to it."""
    notes = tmp_path / "notes.txt"
    notes.write_text("Referat fra mødet\n" * 100, encoding="utf-8")
    before = digest(notes)
    with pytest.raises(StorageError, match="not a SQLite file"):
        open_engine(str(notes))
    assert digest(notes) == before


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    """A SQLite file with tables but no pipeline-tui schema version is left alone."""
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO person (name) VALUES ('Anna')")
    connection.commit()
    connection.close()
    before = digest(other)
    with pytest.raises(StorageError, match="not a pipeline-tui database"):
        open_engine(str(other))
    assert digest(other) == before


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    """A folder is not a database; a file in a folder that does not exist is not created."""
    with pytest.raises(StorageError, match="folder"):
        open_engine(str(tmp_path))
    missing = tmp_path / "no-such-folder" / "pipeline.db"
    with pytest.raises(StorageError, match="does not exist"):
        open_engine(str(missing))
    assert not missing.parent.exists()


def test_sqlite_url_is_accepted(tmp_path: Path) -> None:
    """--db may be a SQLAlchemy URL for a local file; it is treated like the path."""
    path = tmp_path / "via-url.db"
    repo = Repository(open_engine(f"sqlite:///{path}"), f"sqlite:///{path}")
    try:
        repo.people.create("Anna Berg", "lead_others")
        assert repo.description == str(path)
    finally:
        repo.close()
    assert mode(path) == 0o600
    assert read_sqlite_state(path).revision == HEAD


def test_a_killed_process_loses_nothing_it_wrote(db_path: Path, peek) -> None:
    """A write is on disk when the call returns, even if the process dies right after."""
    script = (
        "import os, sys\n"
        "from pipeline_tui.store.repository import open_repository\n"
        "repo = open_repository(sys.argv[1])\n"
        "repo.people.create('Anna Berg', 'lead_others', email='anna@example.dk')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=True, timeout=60)
    assert peek("SELECT name, email FROM person") == [("Anna Berg", "anna@example.dk")]
