"""`-o newdir/`: a name ending in a slash names a folder. Where there is none, every command
that writes a file refuses it as `db backup` does (it wrote a file named newdir); where it
is a file, that file is not written over."""

from __future__ import annotations

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


def test_a_folder_named_with_a_slash_must_be_there(
    run_cli, demo: tuple[str, int, int], tmp_path: Path
) -> None:
    db, talk, person = demo
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    commands = [
        ("plan", "print", str(talk), "--format", "markdown"),
        ("prep", "print", str(person), "--format", "html"),
        ("export",),
        ("person", "export", str(person)),
        ("db", "backup"),
    ]
    for command in commands:
        option = [] if command[0] == "db" else ["-o"]  # (a backup's file is its argument)
        for force in ([], ["--force"]):
            missing = run_cli("--db", db, *command, *option, f"{out}/newdir/", *force)
            assert (missing.code, missing.err) == (
                2,
                f"pipeline-tui: folder {out / 'newdir'} does not exist\n",
            ), command
            a_file = run_cli("--db", db, *command, *option, f"{notes}/", *force)
            assert (a_file.code, a_file.err) == (
                2,
                f"pipeline-tui: {notes} is a file, not a folder\n",
            ), command
    danish = run_cli("--lang", "da", "--db", db, "export", "-o", f"{out}/newdir/")
    assert (danish.code, danish.err) == (2, f"pipeline-tui: mappen {out / 'newdir'} findes ikke\n")
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert notes.read_text(encoding="utf-8") == "mine\n"


def test_a_blank_output_name_is_refused(
    run_cli, demo: tuple[str, int, int], tmp_path: Path, monkeypatch
) -> None:
    """`-o "  "` (a script's variable left blank): `export` wrote the whole database into a
    file named two spaces, exit 0, and `plan print -o ""` wrote into the working folder.
    Every command that writes a file now says the name is empty, exit 2, and writes nothing."""
    db, talk, person = demo
    monkeypatch.chdir(tmp_path)
    commands = [
        ("plan", "print", str(talk), "--format", "pdf"),
        ("prep", "print", str(person), "--format", "html"),
        ("export",),
        ("person", "export", str(person)),
    ]
    for command in commands:
        for blank in ("", "  ", "\t"):
            result = run_cli("--db", db, *command, "-o", blank)
            assert (result.code, result.err) == (
                2,
                "pipeline-tui: the file name after --output is empty: nothing was written "
                "(give a file name)\n",
            ), (command, blank)
    danish = run_cli("--lang", "da", "--db", db, "export", "--output", " ")
    assert (danish.code, danish.err) == (
        2,
        "pipeline-tui: filnavnet efter --output er tomt: intet er skrevet (angiv et filnavn)\n",
    )
    assert not [
        p for p in tmp_path.iterdir() if not p.name.strip() or p.suffix in (".pdf", ".html")
    ]
