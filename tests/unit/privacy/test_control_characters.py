"""Control characters in names (an escape sequence, a carriage return): refused where they
come in, written out as escapes wherever a person reads them.

A roster name "Henrik Lund\\r\\x1b[2KErase Test Dummy" once made the question before an
erasure show another name on a terminal; names and units went raw into plan print (text,
Markdown, HTML), prep print and the overview, whose CSV also carried a unit called
"=HYPERLINK(...)" to a spreadsheet as a live formula.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.errors import UserError
from pipeline_tui.packs.loader import load_packs

ESC = "\x1b"
HOSTILE = "Anna\x1b[31m Berg\x1b]0;pwned\x07\r\x1b[2KSomeone Else"


def write_roster(tmp_path: Path, name: str, unit: str = "O2") -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f'name,email,title,unit,layer,manager_email\n"{name}",a@example.dk,T,{unit},lead_self,\n',
        encoding="utf-8",
    )
    return roster


def test_a_roster_line_with_a_control_character_is_refused(run_cli, db_path, tmp_path) -> None:
    result = run_cli("--db", db_path, "people", "import", write_roster(tmp_path, HOSTILE))
    assert result.code == 2
    assert "roster.csv:2: name has a control character (\\x1b)" in result.err
    assert ESC not in result.err


def test_the_store_refuses_them_in_every_text_field(repo) -> None:
    with pytest.raises(UserError, match=r"control character \(\\x1b\)"):
        repo.people.create(HOSTILE, "lead_self")
    person = repo.people.create("Anna Berg", "lead_self")
    for field in ("name", "title", "unit", "email"):
        with pytest.raises(UserError, match="control character"):
            repo.people.update(person.id, **{field: "x\r\x1b[2Ky@example.dk"})
    assert repo.people.get(person.id).name == "Anna Berg"


def test_an_export_with_one_is_refused_on_import(run_cli, repo, db_path, tmp_path) -> None:
    repo.people.create("Anna Berg", "lead_self", email="anna@example.dk")
    exported = tmp_path / "export.json"
    assert run_cli("--db", db_path, "export", "-o", exported).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["tables"]["person"][0]["name"] = HOSTILE
    exported.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("--db", tmp_path / "new.db", "import", exported)
    assert result.code == 2
    assert "control character (\\x1b)" in result.err


@pytest.fixture
def stored_hostile(repo, db_path) -> int:
    """A conversation of a person whose name and unit were written with escape sequences by
    an older version (the store now refuses them; the file can still hold them)."""
    pack = load_packs(None).default
    person = repo.people.create("Anna Berg", "lead_others", unit="O2")
    talk = services.start_conversation(repo, pack, person.id)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE person SET name = ?, unit = ? WHERE id = ?",
            (HOSTILE, '=HYPERLINK("http://x")\x1b[31m', person.id),
        )
    connection.close()
    return talk.id


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_plan_print_writes_them_out_as_escapes(run_cli, db_path, tmp_path, stored_hostile, fmt):
    if fmt == "text":  # on the terminal
        shown = run_cli("--db", db_path, "plan", "print", stored_hostile)
        assert shown.code == 0, shown.err
        assert ESC not in shown.out and "\r" not in shown.out and "\x07" not in shown.out
        assert "Anna\\x1b[31m Berg" in shown.out
    out = tmp_path / f"plan.{fmt}"
    assert run_cli("--db", db_path, "plan", "print", stored_hostile, "--format", fmt,
                   "-o", out).code == 0  # fmt: skip
    written = out.read_text(encoding="utf-8")
    assert ESC not in written and "\r" not in written and "\x07" not in written
    assert "x1b" in written  # written out (Markdown escapes the backslash in turn)


def test_prep_print_and_the_overview_write_them_out_as_escapes(
    run_cli, db_path, stored_hostile
) -> None:
    person = sqlite3.connect(db_path).execute("SELECT id FROM person").fetchone()[0]
    prep = run_cli("--db", db_path, "prep", "print", person)
    assert prep.code == 0, prep.err
    assert ESC not in prep.out and "Anna\\x1b[31m Berg" in prep.out
    for fmt in ("text", "csv"):
        overview = run_cli("--db", db_path, "overview", "--format", fmt, "--year", "2026")
        assert overview.code == 0, overview.err
        assert ESC not in overview.out
    csv_text = run_cli("--db", db_path, "overview", "--format", "csv", "--year", "2026").out
    assert "'=HYPERLINK" in csv_text  # a spreadsheet shows it as text, runs nothing
    assert ",=HYPERLINK" not in csv_text and ',"=HYPERLINK' not in csv_text


def test_the_question_before_an_erasure_shows_the_name_as_stored(
    run_cli, db_path, stored_hostile, monkeypatch
) -> None:
    person = sqlite3.connect(db_path).execute("SELECT id FROM person").fetchone()[0]
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))  # no
    result = run_cli("--db", db_path, "person", "erase", person)
    said = result.out + result.err
    assert ESC not in said and "\r" not in said
    assert "Anna\\x1b[31m Berg" in said and "\\r" in said
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM person").fetchone()[0] == 1
