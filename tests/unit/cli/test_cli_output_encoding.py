"""What the command line writes to a file or a pipe is UTF-8, whatever the locale's encoding.

On Windows a redirected standard output is the ANSI code page (cp1252): `export >
backup.json` wrote an export `import` refused ("not UTF-8 text"), `people list --json` a
JSON no reader takes, and a letter cp1252 lacks ended the command halfway in "unexpected
error: UnicodeEncodeError". Here standard output is such a stream, as Python makes it there.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from pipeline_tui.cli import run
from pipeline_tui.store.repository import open_repository


class Cp1252File(io.TextIOWrapper):
    """Standard output redirected to a file on Windows (not a terminal, cp1252)."""

    def __init__(self) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding="cp1252")

    def written(self) -> bytes:
        self.flush()
        return self.raw_bytes.getvalue()


def written_by(*args: str | Path) -> bytes:
    out, saved = Cp1252File(), sys.stdout
    sys.stdout = out
    try:
        code = run([str(a) for a in args])
    finally:
        sys.stdout = saved
    assert code == 0, args
    return out.written()


def test_a_redirected_output_is_utf8_and_an_export_imports_again(
    tmp_path: Path, db_path: Path
) -> None:
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Søren Ærø", "lead_others", unit="Økonomi", email="s@x.dk")
        for name in ("Łukasz Wójcik", "Åse Ørsted", "Ida Kjær"):
            repo.people.create(name, "lead_self", unit="Økonomi", manager_id=boss.id)
    finally:
        repo.close()

    listing = written_by("--db", db_path, "people", "list", "--json")
    assert {p["name"] for p in json.loads(listing.decode("utf-8"))} == {
        "Søren Ærø",
        "Łukasz Wójcik",
        "Åse Ørsted",
        "Ida Kjær",
    }
    table = written_by("--db", db_path, "people", "list").decode("utf-8")
    assert "Łukasz Wójcik" in table and "Søren Ærø" in table
    overview = written_by("--lang", "da", "--db", db_path, "overview")
    assert "\nØkonomi " in overview.decode("utf-8")
    csv = written_by("--db", db_path, "overview", "--format", "csv")
    assert "unit,Økonomi,,people,4" in csv.decode("utf-8")

    backup = tmp_path / "backup.json"
    backup.write_bytes(written_by("--db", db_path, "export"))
    restored = tmp_path / "restored.db"
    assert run(["--db", str(restored), "import", str(backup)]) == 0
    again = written_by("--db", restored, "people", "list", "--json")
    assert json.loads(again) == json.loads(listing)


class AsciiTerminal(Cp1252File):
    """A terminal whose encoding has no Danish letters (LANG=C on an old system)."""

    def __init__(self) -> None:
        self.raw_bytes = io.BytesIO()
        io.TextIOWrapper.__init__(self, self.raw_bytes, encoding="ascii")

    def isatty(self) -> bool:
        return True


def test_a_terminal_that_cannot_show_a_letter_shows_a_question_mark(db_path: Path) -> None:
    """It ended in "unexpected error: UnicodeEncodeError", exit 1, after the headings."""
    repo = open_repository(str(db_path))
    try:
        repo.people.create("Łukasz Ørsted", "lead_self", unit="Økonomi")
    finally:
        repo.close()
    out, saved = AsciiTerminal(), sys.stdout
    sys.stdout = out
    try:
        code = run(["--db", str(db_path), "people", "list"])
    finally:
        sys.stdout = saved
    assert code == 0
    assert "?ukasz ?rsted" in out.written().decode("ascii")
