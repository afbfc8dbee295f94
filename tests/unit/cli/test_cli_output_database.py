"""No command writes its file over the database it works on: `-o` naming the database (or its
-wal, -shm, -journal; through a symbolic link, a hard link or another spelling of its path)
is refused in one line, exit 2, with --force too, and nothing is written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest


@pytest.fixture
def demo(templates, db_path: Path) -> tuple[str, int, int]:
    """The demo organisation in the test's database file; a signed conversation's id and
    its person's."""
    templates.demo(db_path)
    connection = sqlite3.connect(db_path)
    try:
        talk, person = connection.execute(
            "SELECT id, person_id FROM conversation WHERE status = 'signed' ORDER BY id"
        ).fetchone()
    finally:
        connection.close()
    return str(db_path), talk, person


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commands(talk: int, person: int) -> list[tuple[str, ...]]:
    return [
        ("plan", "print", str(talk), "--format", "pdf"),
        ("plan", "print", str(talk), "--format", "markdown"),
        ("prep", "print", str(person), "--format", "html"),
        ("export",),
        ("person", "export", str(person)),
    ]


@pytest.mark.parametrize("force", [True, False])
def test_no_command_writes_over_the_database(
    run_cli, demo: tuple[str, int, int], tmp_path: Path, force: bool
) -> None:
    db, talk, person = demo
    database = Path(db)
    (tmp_path / "sub").mkdir()
    os.symlink(database, tmp_path / "link.db")
    os.link(database, tmp_path / "hard.db")
    names = [
        database,  # the tester's case: `plan print 24 --format pdf -o s.db --force`
        tmp_path / "sub" / ".." / database.name,  # another spelling of its path
        tmp_path / "link.db",
        tmp_path / "hard.db",
        Path(f"{database}-wal"),
        Path(f"{database}-journal"),  # not there: refused by its name
    ]
    for command in commands(talk, person):  # each command works, to another file
        elsewhere = run_cli("--db", db, *command, "-o", tmp_path / "elsewhere", "--force")
        assert elsewhere.code == 0, elsewhere
    before = digest(database)
    listing = sorted(p.name for p in tmp_path.iterdir())
    for command in commands(talk, person):
        for name in names:
            args = ["--db", db, *command, "-o", name, *(["--force"] if force else [])]
            result = run_cli(*args)
            assert result.code == 2, (args, result)
            assert result.err == (
                f"pipeline-tui: {name} is the database {database} or one of its files: "
                "nothing was written (choose another file)\n"
            ), args
            assert result.out == ""
    assert digest(database) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    danish = run_cli("--lang", "da", "--db", db, "export", "-o", database, "--force")
    assert (danish.code, danish.err) == (
        2,
        f"pipeline-tui: {database} er databasen {database} eller en af dens filer: intet er "
        "skrevet (vælg en anden fil)\n",
    )


def test_a_backup_is_not_written_over_the_database_s_own_files(
    run_cli, repo, sample_org, db: str, tmp_path: Path
) -> None:
    """`db backup` refused the database itself already; its -wal and -shm, which SQLite
    reads as the database's, are refused too."""
    database = Path(db)
    wal = Path(f"{database}-wal")
    assert wal.exists()  # the repository is open: the log is there
    before = digest(wal)
    result = run_cli("--db", db, "db", "backup", wal, "--force")
    assert (result.code, result.err) == (
        2,
        f"pipeline-tui: {wal} is the database {database} or one of its files: "
        "nothing was written (choose another file)\n",
    )
    assert digest(wal) == before
