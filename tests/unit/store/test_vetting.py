"""A file the storage layer refuses is refused by the quick read paths too, in the same
words and without importing SQLAlchemy (`store.vetting`): a refusal costs ~0.15 s, not ~0.7 s.

The quick paths (the first screen's people, `read_with` behind the list commands and
`overview`, `export`) run in a fresh interpreter on each kind of file; their messages
are compared with those of the storage layer (`open_repository`) on the same file,
and every file's bytes are compared before and after.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fresh_cli import run_fresh

from pipeline_tui.errors import StorageError
from pipeline_tui.store.repository import open_repository

QUICK_PATHS = r"""
import json, sys
from pathlib import Path
from pipeline_tui.errors import StorageError
from pipeline_tui.store.home import read_people_head
from pipeline_tui.store.reading import read_with
from pipeline_tui.cli import run

found = {}
for name in sys.argv[1:]:
    path = Path(name)
    said = {}
    try:
        read_people_head(path, 10)
        said["first screen"] = None
    except StorageError as exc:
        said["first screen"] = str(exc)
    try:
        read_with(str(path), path, lambda reader: reader.people_rows(()))
        said["read_with"] = None
    except StorageError as exc:
        said["read_with"] = str(exc)
    found[name] = said
found["sqlalchemy"] = "sqlalchemy" in sys.modules
print(json.dumps(found))
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """One file of each kind the storage layer refuses whatever the command."""
    good = tmp_path / "good.db"
    repo = open_repository(str(good))
    repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
    repo.close()
    files = {name: tmp_path / f"{name}.db" for name in ("text", "cut", "newer", "foreign")}
    files["text"].write_text("name;layer\nMette Holm;lead_leaders\n", encoding="utf-8")
    files["cut"].write_bytes(good.read_bytes()[: 3 * 4096])
    shutil.copyfile(good, files["newer"])
    with sqlite3.connect(files["newer"]) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9001'")
    connection.close()
    with sqlite3.connect(files["foreign"]) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.close()
    files["folder"] = tmp_path / "folder.db"
    files["folder"].mkdir()
    files["fifo"] = tmp_path / "fifo.db"
    os.mkfifo(files["fifo"])
    return files


def storage_layer_says(path: Path) -> str:
    with pytest.raises(StorageError) as refused:
        open_repository(str(path), reading=True)
    return str(refused.value)


def test_the_quick_paths_refuse_as_the_storage_layer_does_without_importing_it(
    bad_files: dict[str, Path],
) -> None:
    before = {name: sha256(path) for name, path in bad_files.items()}
    done = subprocess.run(
        [sys.executable, "-c", QUICK_PATHS, *map(str, bad_files.values())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found.pop("sqlalchemy") is False, "a refusal imported SQLAlchemy"
    for name, path in bad_files.items():
        expected = storage_layer_says(path)
        assert found[str(path)] == {"first screen": expected, "read_with": expected}, name
        assert sha256(path) == before[name], name
    assert "not a SQLite file" in found[str(bad_files["text"])]["read_with"]
    assert "cut short" in found[str(bad_files["cut"])]["read_with"]
    assert "newer pipeline-tui" in found[str(bad_files["newer"])]["read_with"]
    assert "no pipeline-tui schema version" in found[str(bad_files["foreign"])]["read_with"]
    assert "is a folder" in found[str(bad_files["folder"])]["read_with"]
    assert "not a regular file" in found[str(bad_files["fifo"])]["read_with"]


def test_export_refuses_before_importing_the_storage_layer(bad_files: dict[str, Path]) -> None:
    """`export` on a file from a newer program: the storage layer's words, exit 2, and
    SQLAlchemy never imported."""
    newer = bad_files["newer"]
    done = run_fresh("--db", newer, "export")
    assert (done.code, done.imported, done.out) == (2, [], "")
    assert done.err == f"pipeline-tui: {storage_layer_says(newer)}\n"


def test_a_database_to_upgrade_still_reaches_the_storage_layer(tmp_path: Path) -> None:
    """An older revision is not refused by the checks: the storage layer upgrades it."""
    from pipeline_tui.store.reading import read_with
    from pipeline_tui.store.revisions import HEAD
    from pipeline_tui.store.vetting import read_sqlite_state, vet

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "db"
    oldest = fixture / "0001.sqlite"
    old = tmp_path / "old.db"
    shutil.copyfile(oldest, old)
    state = vet(old)
    assert state is not None and state.revision != HEAD
    rows = read_with(str(old), old, lambda reader: reader.people_rows(()))
    assert rows  # the fixture's people, read after the upgrade
    assert read_sqlite_state(old).revision == HEAD


def test_the_tables_checked_are_exactly_those_of_each_revision() -> None:
    """The tables and columns a file at each known revision must have (read from HEAD's
    statements, less what came later) are exactly those of the kept fixture made at that
    revision by its migrations: a file is neither refused for lacking what its revision
    never had nor let through lacking what it should have."""
    from pipeline_tui.store.revisions import KNOWN_REVISIONS
    from pipeline_tui.store.vetting import expected_columns, read_sqlite_state

    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "db"
    for revision in KNOWN_REVISIONS:
        state = read_sqlite_state(fixtures / f"{revision}.sqlite")
        assert state.revision == revision and state.columns is not None
        found = {t: cols for t, cols in state.columns.items() if t != "alembic_version"}
        assert expected_columns(revision) == found, revision


def test_db_check_of_a_sound_database_imports_no_orm(tmp_path: Path) -> None:
    """`db check` reads the file with the stdlib alone (it took ~0.9 s with the models)."""
    db = tmp_path / "sound.db"
    open_repository(str(db)).close()
    done = run_fresh("--db", db, "db", "check")
    assert (done.code, done.imported) == (0, []), done.err
    assert f"{db}: ok" in done.out
