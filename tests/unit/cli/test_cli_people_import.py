"""people import: a roster CSV into the database, all rows or none, every problem by line."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui.config import describe

pytestmark = pytest.mark.both_engines


ROSTER = (
    "name,email,title,unit,layer,manager_email\n"
    "Mette Holm,mette.holm@example.dk,Centerchef,Ortopædi,lead_leaders,\n"
    "Anna Berg,anna.berg@example.dk,Afdelingssygeplejerske,Ortopædi,lead_others,"
    "mette.holm@example.dk\n"
    "Jonas Friis,jonas.friis@example.dk,Sygeplejerske,Ortopædi,lead_self,anna.berg@example.dk\n"
)

DANISH_ROSTER = (
    "\ufeffname;email;title;unit;layer;manager_email\r\n"
    "Søren Ærø;soren@example.dk;Direktør;Direktionen;lead_business;\r\n"
    "Åse Møller;aase@example.dk;Oversygeplejerske;Kirurgi, Ø-afsnit;Leder af medarbejdere;"
    "soren@example.dk\r\n"
    "Bjørn Dæhlie;bjorn@example.dk;Sygeplejerske;Kirurgi, Ø-afsnit;"
    "leder af sig selv (medarbejder);aase@example.dk\r\n"
)


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def people(run_cli, db: Path) -> list[tuple[str, str, str | None]]:
    found = json.loads(run_cli("--db", db, "people", "list", "--json").out)
    return [(p["name"], p["layer"], p["manager_name"]) for p in found]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_adds_everyone_with_their_managers(run_cli, db: str, roster: Path) -> None:
    """A clean roster is imported whole, managers linked within the file."""
    result = run_cli("--db", db, "people", "import", roster)
    assert result.code == 0, result.err
    assert result.out == f"Imported 3 people into {describe(db)}\n"
    assert people(run_cli, db) == [
        ("Anna Berg", "lead_others", "Mette Holm"),
        ("Jonas Friis", "lead_self", "Anna Berg"),
        ("Mette Holm", "lead_leaders", None),
    ]


@pytest.mark.sqlite_only
def test_dry_run_writes_nothing(run_cli, db: str, roster: Path) -> None:
    """--dry-run checks and reports, and the database's bytes stay as they were."""
    assert run_cli("--db", db, "db", "upgrade").code == 0
    before = digest(Path(db))
    result = run_cli("--db", db, "people", "import", "--dry-run", roster)
    assert result.code == 0
    assert "3 people can be imported (dry run, nothing written)" in result.out
    assert digest(Path(db)) == before
    assert people(run_cli, db) == []


def test_danish_semicolon_roster(run_cli, db: str, tmp_path: Path) -> None:
    """Excel's Danish CSV (BOM, semicolons, æøå) with layers named in Danish imports."""
    path = tmp_path / "medarbejdere.csv"
    path.write_bytes(DANISH_ROSTER.encode("utf-8"))
    result = run_cli("--db", db, "people", "import", path)
    assert result.code == 0, result.err
    assert people(run_cli, db) == [
        ("Bjørn Dæhlie", "lead_self", "Åse Møller"),
        ("Søren Ærø", "lead_business", None),
        ("Åse Møller", "lead_others", "Søren Ærø"),
    ]
    listing = json.loads(run_cli("--db", db, "people", "list", "--json").out)
    assert {p["unit"] for p in listing} == {"Direktionen", "Kirurgi, Ø-afsnit"}


def test_danish_excel_roster_in_windows_1252_with_sep_line_imports(
    run_cli, db: str, tmp_path: Path
) -> None:
    """Danish Excel's "CSV (semikolonsepareret)": Windows-1252 bytes, a `sep=;` line, Danish
    column names, layers by key or Danish name. It imports and says which encoding it read."""
    path = tmp_path / "medarbejdere.csv"
    path.write_bytes(
        (
            "sep=;\r\n"
            "navn;email;titel;enhed;lag;leder_email\r\n"
            "Søren Ærø;soren@example.dk;Direktør;Direktionen;lead_business;\r\n"
            "Åse Møller;aase@example.dk;Oversygeplejerske;Kirurgi, Ø-afsnit;"
            "Leder af medarbejdere;soren@example.dk\r\n"
            "Bjørn Dæhlie;bjorn@example.dk;Sygeplejerske – nat;Kirurgi, Ø-afsnit;"
            "lead_self;aase@example.dk\r\n"
        ).encode("cp1252")
    )
    result = run_cli("--db", db, "people", "import", path)
    assert result.code == 0, result.err
    assert "read as Windows-1252" in result.err
    assert people(run_cli, db) == [
        ("Bjørn Dæhlie", "lead_self", "Åse Møller"),
        ("Søren Ærø", "lead_business", None),
        ("Åse Møller", "lead_others", "Søren Ærø"),
    ]
    listing = json.loads(run_cli("--db", db, "people", "list", "--json").out)
    assert {p["title"] for p in listing} >= {"Sygeplejerske – nat", "Direktør"}


def test_a_layer_given_by_the_note_in_its_name_imports(run_cli, db: str, tmp_path: Path) -> None:
    """ "Medarbejder" in the Niveau column (the layer is "Leder af sig selv (medarbejder)", and
    that is what a Danish HR system calls the people who lead no one) was refused with
    "mente du 'leder af medarbejdere'?", the layer above it; it is the layer its name's note
    names, as the name without the note already was."""
    path = tmp_path / "medarbejdere.csv"
    path.write_bytes(
        (
            "Navn;E-mail;Stilling;Afdeling;Niveau;Leders e-mail\r\n"
            "Åse Møller;aase@example.dk;Teamleder;Løn;Leder af medarbejdere;\r\n"
            "Jens Hansen;jens@example.dk;Lønkonsulent;Løn;Medarbejder;aase@example.dk\r\n"
            "Ida Berg;ida@example.dk;Developer;Løn;individual contributor;aase@example.dk\r\n"
        ).encode("cp1252")
    )
    result = run_cli("--db", db, "--lang", "da", "people", "import", path)
    assert result.code == 0, result.err
    assert people(run_cli, db) == [
        ("Ida Berg", "lead_self", "Åse Møller"),
        ("Jens Hansen", "lead_self", "Åse Møller"),
        ("Åse Møller", "lead_others", None),
    ]


def test_a_second_roster_may_name_managers_already_stored(
    run_cli, db: str, roster: Path, tmp_path: Path
) -> None:
    """Managers can be people imported earlier; a person already stored is refused by line."""
    run_cli("--db", db, "people", "import", roster)
    more = tmp_path / "more.csv"
    more.write_text(
        "name,email,layer,manager_email\nBo Lund,bo@example.dk,lead_self,ANNA.BERG@example.dk\n",
        encoding="utf-8",
    )
    assert run_cli("--db", db, "people", "import", more).code == 0
    assert ("Bo Lund", "lead_self", "Anna Berg") in people(run_cli, db)
    again = run_cli("--db", db, "people", "import", more)
    assert again.code == 2
    assert f"{more}:2: bo@example.dk is already in the database" in again.err


def test_bad_rows_import_nothing_and_are_reported_by_line(run_cli, db: str, tmp_path: Path) -> None:
    """Unknown layer, duplicate email and unknown manager: each on its line, no one imported."""
    path = tmp_path / "bad.csv"
    path.write_text(
        ROSTER
        + "Bo Lund,bo@example.dk,,,Chef,\n"
        + "Anna Igen,ANNA.BERG@example.dk,,,lead_self,\n"
        + "Carl Ek,carl@example.dk,,,lead_self,nobody@example.dk\n",
        encoding="utf-8",
    )
    result = run_cli("--db", db, "people", "import", path)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith(f"{path}:5: unknown layer 'Chef'")
    assert lines[1] == f"{path}:6: duplicate email anna.berg@example.dk (also on line 3)"
    assert lines[2] == f"{path}:7: manager nobody@example.dk not found in the file or the database"
    assert lines[3] == f"pipeline-tui: 3 problems in {path}: nothing was imported"
    assert "Traceback" not in result.err
    assert people(run_cli, db) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            ROSTER.replace("Jonas Friis,", '"Jonas" Friis,').encode(),
            ["{path}:4: broken CSV"],
        ),
        (
            ROSTER.encode("latin-1").replace(b"\xe6", b"\x81"),  # 0x81: no letter in either
            ["{path}:2: neither UTF-8 nor", "{path}:3: neither UTF-8", "{path}:4: neither"],
        ),
    ],
    ids=["broken-quoting", "wrong-encoding"],
)
def test_unreadable_rosters_import_nothing(run_cli, db, tmp_path, data, expected) -> None:
    """Broken quoting or a non-UTF-8 file: the lines are named and nothing is imported."""
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    result = run_cli("--db", db, "people", "import", path)
    assert result.code == 2
    problems = result.err.splitlines()[:-1]
    assert len(problems) == len(expected)
    for line, start in zip(problems, expected, strict=True):
        assert line.startswith(start.format(path=path))
    assert people(run_cli, db) == []


def test_roster_round_trip_through_json(run_cli, db: str, roster: Path, tmp_path) -> None:
    """Import a roster, export, import that into an empty database, export again: identical."""
    assert run_cli("--db", db, "people", "import", roster).code == 0
    first = run_cli("--db", db, "export")
    copy = tmp_path / "copy.db"
    dump = tmp_path / "dump.json"
    dump.write_text(first.out, encoding="utf-8")
    assert run_cli("--db", copy, "import", dump).code == 0
    second = run_cli("--db", copy, "export")
    assert first.code == second.code == 0
    assert second.out == first.out
    assert len(json.loads(second.out)["tables"]["person"]) == 3


def test_installed_command_imports_a_roster(db: str, roster: Path) -> None:
    """The console script imports a roster and reports on stdout, exit 0."""
    script = Path(sys.executable).parent / "pipeline-tui"
    if not script.exists():
        pytest.skip("the console script is not installed")
    done = subprocess.run(
        [str(script), "--db", db, "people", "import", str(roster)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (0, f"Imported 3 people into {describe(db)}\n")


def test_a_dash_reads_the_roster_from_standard_input(db: str, roster: Path) -> None:
    """`people import -` takes a roster piped in, its problems named "<stdin>:LINE"; from a
    terminal it is refused at once, not waited on."""
    import os
    import pty

    script = str(Path(sys.executable).parent / "pipeline-tui")
    bad = roster.read_text(encoding="utf-8") + "Ea Sand,not-an-address,,Kirurgi,lead_self,\n"
    refused = subprocess.run(
        [script, "--db", db, "people", "import", "-"],
        input=bad, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[0].startswith("<stdin>:5: ")
    assert refused.stderr.splitlines()[-1] == (
        "pipeline-tui: 1 problem in <stdin>: nothing was imported"
    )
    done = subprocess.run(
        [script, "--db", db, "people", "import", "-"],
        input=roster.read_text(encoding="utf-8"), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (0, f"Imported 3 people into {describe(db)}\n")
    leader, follower = pty.openpty()
    try:
        waiting = subprocess.run(
            [script, "--db", db, "people", "import", "-"],
            stdin=follower, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert waiting.returncode == 2
    assert "standard input, which is a terminal here" in waiting.stderr


def test_people_list_names_layers_and_takes_them_by_name(
    run_cli, db: str, roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table shows each layer's name in the chosen language, JSON the key; --layer takes
    a key or a name, and an unknown layer is refused with the choices and exit code 2."""
    monkeypatch.setenv("COLUMNS", "200")  # one line per person
    assert run_cli("--db", db, "people", "import", roster).code == 0
    danish = run_cli("--db", db, "--lang", "da", "people", "list")
    assert danish.code == 0, danish.err
    assert "Leder af medarbejdere" in danish.out and "lead_others" not in danish.out
    english = run_cli("--db", db, "--lang", "en", "people", "list")
    assert "Lead others" in english.out
    # Without --lang the headings and the count line are English (the command line's words),
    # the app's language Danish: the layers were Danish under "layer". The same language now.
    plain = run_cli("--db", db, "people", "list")
    assert (plain.out, plain.err) == (english.out, english.err)
    by_name = run_cli("--db", db, "people", "list", "--json", "--layer", "leder af ledere")
    assert [p["name"] for p in json.loads(by_name.out)] == ["Mette Holm"]
    by_key = run_cli("--db", db, "people", "list", "--json", "--layer", "lead_self")
    assert [p["layer"] for p in json.loads(by_key.out)] == ["lead_self"]
    wrong = run_cli("--db", db, "people", "list", "--layer", "boss")
    assert wrong.code == 2
    assert "unknown layer 'boss'" in wrong.err and "lead_others" in wrong.err
    assert "Traceback" not in wrong.err


def test_a_layer_is_known_by_the_note_in_its_name(run_cli, db: str, tmp_path: Path) -> None:
    """A Danish roster's "Medarbejder" (the note of "Leder af sig selv (medarbejder)") was
    refused with "did you mean 'leder af medarbejdere'?", the layer of their managers: an
    HR consultant who took the advice would have imported every employee as a leader. The
    note names its layer, in the roster and in --layer, in both languages."""
    roster = tmp_path / "medarbejdere.csv"
    roster.write_text(
        "navn;email;titel;enhed;lag;leder_email\n"
        "Pia Holm;pia@example.dk;Sygeplejerske;HR;Medarbejder;\n"
        "Ole Dam;ole@example.dk;Konsulent;HR;individual contributor;\n",
        encoding="utf-8",
    )
    done = run_cli("--lang", "da", "--db", db, "people", "import", roster)
    assert done.code == 0, done.err
    listed = json.loads(run_cli("--db", db, "people", "list", "--json").out)
    assert {(p["name"], p["layer"]) for p in listed} == {
        ("Pia Holm", "lead_self"),
        ("Ole Dam", "lead_self"),
    }
    for typed in ("medarbejder", "Individual contributor"):
        found = run_cli("--db", db, "people", "list", "--json", "--layer", typed)
        assert found.code == 0, found.err
        assert len(json.loads(found.out)) == 2
        overview = run_cli("--db", db, "overview", "--layer", typed, "--format", "json")
        assert json.loads(overview.out)["total"]["people"] == 2


def test_the_installed_command_imports_a_danish_excel_roster(db: str, tmp_path: Path) -> None:
    """The same Danish Excel roster through the installed `pipeline-tui` in its own process."""
    import os
    import subprocess
    import sys

    path = tmp_path / "medarbejdere.csv"
    path.write_bytes(
        "sep=;\r\nnavn;email;titel;enhed;lag;leder_email\r\n"
        "Søren Ærø;soren@example.dk;Direktør;Direktionen;Topleder;\r\n"
        "Åse Møller;aase@example.dk;Sygeplejerske;Kirurgi;lead_self;soren@example.dk\r\n".encode(
            "cp1252"
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_TUI_")}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("pipeline-tui")), "--db", db, "people",
         "import", str(path)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read as Windows-1252" in done.stderr
    assert done.stdout.startswith("Imported 2 people")


def test_a_dry_run_makes_no_database(run_cli, tmp_path) -> None:
    """A dry run checks the roster and changes nothing: not even a new database file."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,layer,manager_email\nBo Lund,bo@example.dk,lead_self,\n")
    db = tmp_path / "new.db"
    result = run_cli("--db", db, "people", "import", roster, "--dry-run")
    assert result.code == 0, result.err
    assert "1" in result.out
    assert not db.exists() and list(tmp_path.iterdir()) == [roster]


def test_a_unit_written_otherwise_than_in_the_database_is_refused(
    run_cli, db: str, tmp_path: Path
) -> None:
    """A second roster writing 'økonomi' where the database has 'Økonomi' is refused on its
    line, with the database's spelling (it made a second unit), dry run and import alike;
    nothing is imported."""
    first = tmp_path / "first.csv"
    first.write_text("navn;email;enhed;lag\nBo Lund;bo@example.dk;Økonomi;lead_self\n")
    assert run_cli("--db", db, "people", "import", first).code == 0
    second = tmp_path / "second.csv"
    second.write_text("navn;email;enhed;lag\nAse Dam;ase@example.dk;økonomi;lead_self\n")
    for dry in (("--dry-run",), ()):
        result = run_cli("--db", db, "--lang", "da", "people", "import", *dry, second)
        assert result.code == 2
        assert "second.csv:2: enheden 'økonomi' hedder 'Økonomi' i databasen" in result.err
    listing = json.loads(run_cli("--db", db, "people", "list", "--json").out)
    assert [p["unit"] for p in listing] == ["Økonomi"]


@pytest.mark.parametrize(
    "text",
    [
        "name,email,title,unit,layer,manager_email\n",
        "sep=;\r\nnavn;email;titel;enhed;lag;leder_email;;\r\n;;;;;;;\r\n\r\n",
    ],
    ids=["header-only", "danish-excel-empty-rows"],
)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_roster_with_no_rows_is_said_to_have_none(
    run_cli, db: str, tmp_path: Path, text: str, dry_run: bool
) -> None:
    """A roster of its header alone (the export of an empty filter, the template) said
    "Imported 0 people", exit 0, as if it were the file meant; it is now a problem of its
    header line, exit 2, in both languages."""
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    header = 2 if text.startswith("sep=") else 1
    more = ("--dry-run",) if dry_run else ()
    result = run_cli("--db", db, "people", "import", path, *more)
    assert result.code == 2, result.out
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{path}:{header}: only the header, no rows below it: there is nothing to import "
        "(the right file? an export of an empty selection?)",
        f"pipeline-tui: 1 problem in {path}: nothing was imported",
    ]
    danish = run_cli("--db", db, "--lang", "da", "people", "import", path, *more)
    assert danish.code == 2
    assert f"{path}:{header}: kun overskriftslinjen, ingen rækker under den" in danish.err
    assert people(run_cli, db) == []


def test_a_name_title_or_unit_of_several_lines_is_refused(run_cli, db: str, tmp_path: Path) -> None:
    """A cell of several lines (Alt+Enter in Excel, a quoted CRLF from a Windows export) was
    imported into a name, a title or a unit, all shown on one line: `people list` showed
    "Bo\\nLund", the app's lists and the printed plan broke the line. A CR in the same
    cell was refused as a control character, the LF beside it not. Each is now a problem
    by line and column, exit 2, nothing imported."""
    path = tmp_path / "roster.csv"
    path.write_bytes(
        b"name,email,title,unit,layer,manager_email\n"
        b"Mette Holm,mette@example.dk,Centerchef,Ortop\xc3\xa6di,lead_leaders,\n"
        b'"Bo\r\nLund",bo@example.dk,"Afdelings-\nleder",Kirurgi,lead_others,mette@example.dk\n'
        b'Ida Krog,ida@example.dk,Sygeplejerske,"Kirurgi\n\nB",lead_self,bo@example.dk\n'
    )
    result = run_cli("--db", db, "--lang", "en", "people", "import", path)
    assert result.code == 2, result.out
    assert result.err.splitlines() == [
        f"{path}:3: name has a line break (a cell of several lines): write it on one line",
        f"{path}:3: title has a line break (a cell of several lines): write it on one line",
        f"{path}:6: unit has a line break (a cell of several lines): write it on one line",
        f"pipeline-tui: 3 problems in {path}: nothing was imported",
    ]
    danish = run_cli("--db", db, "--lang", "da", "people", "import", path)
    assert f"{path}:3: navn indeholder et linjeskift" in danish.err
    assert people(run_cli, db) == []
