"""A file written from the database (export, person export, backup, printed plan) is noted
in it, so that an erasure can name it; when the note cannot be written (another program
holds the database past the wait), the command still succeeds and says the file is not
on that list."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline_tui.store.repository import Repository


def noted(db_path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT kind, path FROM copy_made ORDER BY id").fetchall()
    finally:
        connection.close()


def test_copies_are_noted(run_cli, repo: Repository, sample_org, db_path: Path, tmp_path) -> None:
    repo.close()
    out = tmp_path / "all.json"
    mine = tmp_path / "anna.json"
    assert run_cli("--lang", "en", "--db", db_path, "export", "-o", out).code == 0
    done = run_cli("--lang", "en", "--db", db_path, "person", "export", sample_org.anna, "-o", mine)
    assert done.code == 0 and "could not be recorded" not in done.err
    assert noted(db_path) == [
        ("export", str(out.resolve())),
        ("person export", str(mine.resolve())),
    ]


def test_what_went_to_standard_output_is_no_file_to_name(
    run_cli, repo: Repository, sample_org, db_path: Path, tmp_path, monkeypatch
) -> None:
    """`-o -` writes to standard output: an erasure named "person export: <folder>/-", a
    file that never was."""
    repo.close()
    monkeypatch.chdir(tmp_path)
    assert run_cli("--db", db_path, "person", "export", sample_org.anna, "-o", "-").code == 0
    assert run_cli("--db", db_path, "export", "-o", "-").code == 0
    assert noted(db_path) == []
    erased = run_cli("--db", db_path, "person", "erase", sample_org.anna, "--yes")
    assert erased.code == 0 and "/-" not in erased.out + erased.err


def test_a_copy_made_while_another_program_holds_the_database_is_said(
    run_cli, repo: Repository, sample_org, db_path: Path, tmp_path
) -> None:
    repo.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program's write, held past the 5-s wait
    try:
        out = tmp_path / "all.json"
        done = run_cli("--lang", "en", "--db", db_path, "export", "-o", out)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.code == 0 and out.stat().st_size > 0
    assert done.err.splitlines()[-1] == (
        f"Note: {out} could not be recorded in the database (it was busy or read-only), "
        "so erasing the person will not name this file"
    )
    assert noted(db_path) == []
