"""export / import: the whole database as JSON through the command line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines


def count_people(run_cli, db: Path) -> int:
    return len(json.loads(run_cli("--db", db, "people", "list", "--json").out))


def test_export_import_export_round_trip(run_cli, repo, sample_org, db, tmp_path) -> None:
    """Export, import into an empty database, export again: the same bytes."""
    first = tmp_path / "first.json"
    assert run_cli("--db", db, "export", "--output", first).code == 0
    if os.name == "posix":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    copy = tmp_path / "copy.db"
    imported = run_cli("--db", copy, "import", first)
    assert imported.code == 0, imported.err
    assert "3 people" in imported.out
    second = run_cli("--db", copy, "export")
    assert second.code == 0
    assert second.out == first.read_text(encoding="utf-8")


def test_import_into_a_database_with_data_is_refused(run_cli, repo, sample_org, db, tmp_path):
    """Importing into a database that has rows exits 2 and changes nothing."""
    dump = tmp_path / "dump.json"
    run_cli("--db", db, "export", "-o", dump)
    result = run_cli("--db", db, "import", dump)
    assert result.code == 2
    assert "not empty" in result.err and "Traceback" not in result.err
    assert count_people(run_cli, db) == 3


def test_bad_json_is_reported_with_its_line(run_cli, tmp_path: Path) -> None:
    """A file that is not valid JSON: exit 2, the line named, no database created."""
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "pipeline-tui-export",\n  "tables": {,\n}\n', encoding="utf-8")
    target = tmp_path / "new.db"
    result = run_cli("--db", target, "import", bad)
    assert result.code == 2
    assert "line 3: not valid JSON" in result.err
    assert not target.exists()


@pytest.mark.parametrize(
    ("data", "en", "da"),
    [
        (
            "navn;email;titel;enhed;lag;leder_email\nBo Ærø;bo@x.dk;;K;lead_self;\n".encode(),
            "this is a CSV file, not an export: people come in with `pipeline-tui people "
            "import FILE.csv`",
            "det er en CSV-fil, ikke en eksport: personer importeres med",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00" + bytes(30) + b"[Content_Types].xml",
            "this is a spreadsheet workbook (.xlsx, .xls or .ods), not an export: save the "
            "people as CSV UTF-8",
            "det er en regnearksfil (.xlsx, .xls eller .ods), ikke en eksport",
        ),
        (b"%PDF-1.7\n%%EOF\n", "this is a PDF, not an export", "det er en PDF, ikke en eksport"),
    ],
    ids=["roster-csv", "workbook", "pdf"],
)
def test_a_roster_a_workbook_or_a_pdf_given_to_import_is_said_to_be_one(
    run_cli, tmp_path: Path, data: bytes, en: str, da: str
) -> None:
    """`import` takes an export; the file a newcomer may give it instead is named, with the
    command that takes it, in the language asked; no database is made."""
    given = tmp_path / "given"
    given.write_bytes(data)
    db = tmp_path / "new.db"
    result = run_cli("--db", db, "import", given)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("pipeline-tui: the file was not imported:\n")
    assert f"line 1: {en}" in result.err, result.err
    danish = run_cli("--lang", "da", "--db", db, "import", given)
    assert danish.code == 2 and f"linje 1: {da}" in danish.err, danish.err
    assert not db.exists()


def test_bad_rows_are_refused_with_line_numbers_and_nothing_written(
    run_cli, repo, sample_org, db, tmp_path
) -> None:
    """Unknown column, duplicate key and bad reference: each with its line; nothing imported."""
    exported = run_cli("--db", db, "export").out.splitlines(keepends=True)

    def line_with(text: str) -> int:
        return next(i for i, line in enumerate(exported) if text in line)

    mette = line_with('"name": "Mette Holm"')
    exported[mette] = exported[mette].replace('"title": ""', '"title": "", "hat": "blå"')
    rating = line_with('"rater": "manager"')
    exported[rating] = exported[rating].replace(
        f'"conversation_id": {sample_org.anna_talk}', '"conversation_id": 404'
    )
    goal = line_with('"title": "Flere nattevagter"')
    exported[goal] = exported[goal].replace('"status": "open"', '"status": "open", "status": "x"')
    bad = tmp_path / "bad.json"
    bad.write_text("".join(exported), encoding="utf-8")
    target = tmp_path / "new.db"

    result = run_cli("--db", target, "import", bad)
    assert result.code == 2
    assert f"line {goal + 1}: not valid JSON: key 'status' appears twice" in result.err

    exported[goal] = exported[goal].replace(', "status": "x"', "")
    bad.write_text("".join(exported), encoding="utf-8")
    result = run_cli("--db", target, "import", bad)
    assert result.code == 2
    assert f"line {mette + 1}: person row 1: unknown column hat" in result.err

    exported[mette] = exported[mette].replace(', "hat": "blå"', "")
    bad.write_text("".join(exported), encoding="utf-8")
    result = run_cli("--db", target, "import", bad)
    assert result.code == 2
    assert (
        f"line {rating + 1}: rating.conversation_id refers to conversation 404, "
        "which is not in the file"
    ) in result.err
    assert "Traceback" not in result.err
    assert not target.exists()


def test_an_export_from_schema_0002_imports_with_its_erasure_record(
    run_cli, repo, sample_org, db: str, tmp_path: Path
) -> None:
    """An export written before 0003 (its erasure rows have no erased_ids) still imports."""
    from pipeline_tui.store.privacy import erase_person

    erase_person(repo.engine, sample_org.jonas)
    document = json.loads(run_cli("--db", db, "export").out)
    document["schema_revision"] = "0002"
    for row in document["tables"]["erasure"]:
        del row["erased_ids"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    copy = tmp_path / "copy.db"
    result = run_cli("--db", copy, "import", old)
    assert result.code == 0, result.err
    again = json.loads(run_cli("--db", copy, "export").out)
    assert [row["erased_ids"] for row in again["tables"]["erasure"]] == [{}]


@pytest.fixture
def new_db(engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Where an import goes: a new database on the test's engine (a file not made yet, or
    an empty PostgreSQL database at the current schema)."""
    if engine != "postgresql":
        yield str(tmp_path / "new.db")
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database(template=request.getfixturevalue("pg_head"))
    yield url
    cluster.drop(url)


def nothing_in(engine: str, target: str) -> bool:
    if engine != "postgresql":
        return not Path(target).exists()
    from pipeline_tui.store.repository import open_repository

    repo = open_repository(target, reading=True)
    try:
        with repo.engine.connect() as connection:
            return not connection.exec_driver_sql("SELECT count(*) FROM person").scalar()
    finally:
        repo.close()


@pytest.mark.parametrize(
    ("table", "change", "problem"),
    [
        ("person", {"id": 2**31}, "id 2147483648 is out of range"),
        ("conversation", {"person_id": 2**31}, "person_id 2147483648 is out of range"),
        ("card_pick", {"notes": "nul \x00 i en note"}, "notes holds the NUL character"),
        ("person", {"id": 0}, "id 0 is below 1"),
        ("conversation", {"id": -1}, "id -1 is below 1"),
        ("goal", {"version": 0}, "version 0 is below 1"),
        ("person", {"name": " "}, "the name is empty"),
    ],
    ids=["id-2**31", "reference-2**31", "nul", "person-0", "conversation-below-0",
         "version-0", "empty-name"],
)  # fmt: skip
def test_what_one_engine_or_the_commands_cannot_use_is_refused_alike(
    run_cli, repo, sample_org, db, engine, new_db, tmp_path, table, change, problem
) -> None:
    """An export SQLite took but PostgreSQL could not hold (a 64-bit id, NUL in a note:
    exit 0 on SQLite, 'unexpected error: DataError' on PostgreSQL), or a row the commands
    could not name or `db check` refuses: the import's own check refuses it on both
    engines, one line each with the file's line, exit 2, nothing written."""
    document = json.loads(run_cli("--db", db, "export").out)
    document["tables"][table][-1].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("--db", new_db, "import", bad)
    assert result.code == 2, result.err
    assert f"line 1: {table}" in result.err and problem in result.err, result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    assert nothing_in(engine, new_db)


def test_an_export_cut_short_says_so(run_cli, tmp_path: Path) -> None:
    """An export cut off inside a text (a full disk, a copy that did not finish) said
    "linje 41: ikke gyldig JSON: Unterminated string starting at", JSON's words, ending
    mid-sentence; it now says the file was cut short, on the line where it ends."""
    source = tmp_path / "source.db"
    whole = tmp_path / "whole.json"
    from pipeline_tui.store.repository import open_repository

    open_repository(str(source)).close()  # a database of nobody: its export is short
    assert run_cli("--db", source, "export", "-o", whole).code == 0
    text = whole.read_text(encoding="utf-8")
    cut = text[: text.index('"pipeline-tui-export"') + 8]  # inside the format's string
    short = tmp_path / "short.json"
    short.write_text(cut, encoding="utf-8")
    line = cut.count("\n") + 1
    said = {}
    for lang in ("en", "da"):
        target = tmp_path / f"new-{lang}.db"
        result = run_cli("--lang", lang, "--db", target, "import", short)
        assert result.code == 2 and not target.exists()
        said[lang] = result.err.splitlines()[-1]
    assert said == {
        "en": f"line {line}: the file ends in the middle of the export: it was cut short "
        "(a full disk, a copy that did not finish?)",
        "da": f"linje {line}: filen slutter midt i eksporten: den er blevet afkortet (en fuld "
        "disk, en kopi, der ikke blev færdig?)",
    }


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("revision", ["0001", "0005"])
def test_an_export_of_an_old_database_leaves_the_file_as_it_was(
    run_cli, tmp_path: Path, revision: str
) -> None:
    """`export` of a database of an earlier schema upgraded the file in place (its bytes
    changed, revision HEAD: the program that wrote it could no longer open it), unlike
    `db backup`. Now the export is made from an upgraded copy, the same document as an
    export after `db upgrade`, and the file keeps its bytes and its revision; stderr says so."""
    import hashlib
    import shutil

    from pipeline_tui.store.revisions import HEAD
    from pipeline_tui.store.vetting import read_sqlite_state

    old = Path(shutil.copyfile(FIXTURES / f"{revision}.sqlite", tmp_path / "old.db"))
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    out = tmp_path / "old.json"
    result = run_cli("--db", old, "--lang", "en", "export", "-o", out)
    assert result.code == 0, result.err
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert read_sqlite_state(old).revision == revision
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db", "old.json"]
    assert result.err.splitlines() == [
        f"Wrote {out}",
        f"{old}: schema {revision}, this program's is {HEAD}: exported from an upgraded "
        "copy, the database itself left as it was (`db upgrade` upgrades it)",
    ]
    assert json.loads(out.read_text(encoding="utf-8"))["schema_revision"] == HEAD
    upgraded = Path(shutil.copyfile(old, tmp_path / "upgraded.db"))
    assert run_cli("--db", upgraded, "db", "upgrade").code == 0
    assert run_cli("--db", upgraded, "export").out == out.read_text(encoding="utf-8")


@pytest.mark.sqlite_only
def test_an_export_of_a_damaged_old_database_says_it_is_damaged(run_cli, tmp_path: Path) -> None:
    """A damaged database of an earlier schema: the export says so as a damaged database is
    said (not "no backup was written", the words of the copy it is made from), exit 2, no
    output file, the database's bytes unchanged."""
    import hashlib
    import random
    import shutil

    old = Path(shutil.copyfile(FIXTURES / "0005.sqlite", tmp_path / "old.db"))
    size = old.stat().st_size
    with old.open("r+b") as handle:
        handle.seek((size // 2 // 4096) * 4096)
        handle.write(random.Random(11).randbytes(4096))
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    out = tmp_path / "old.json"
    result = run_cli("--db", old, "--lang", "en", "export", "-o", out)
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line.startswith(f"pipeline-tui: the database {old} is damaged (")
    assert line.endswith("): nothing was changed; restore it from a backup")
    assert not out.exists() and hashlib.sha256(old.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_an_export_saved_again_as_unicode_imports(
    run_cli, repo, sample_org, db, tmp_path: Path, codec: str
) -> None:
    """An export opened and saved again in an editor as "Unicode" (UTF-16 with its byte
    order mark, Windows Notepad's choice before UTF-8) was refused as "line 1: not UTF-8
    text"; it imports as the export itself does, as the CSV imports read such a file."""
    first = tmp_path / "first.json"
    assert run_cli("--db", db, "export", "-o", first).code == 0
    text = first.read_text(encoding="utf-8").replace("\n", "\r\n")
    saved = tmp_path / "saved.json"
    data = text.encode(codec)
    saved.write_bytes(data if codec != "utf-16-be" else b"\xfe\xff" + data)
    copy = tmp_path / "copy.db"
    result = run_cli("--db", copy, "import", saved)
    assert result.code == 0, result.err
    assert run_cli("--db", copy, "export").out == first.read_text(encoding="utf-8")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf\r\n  \n", b"\xff\xfe"])
def test_an_empty_file_is_said_to_be_empty(run_cli, tmp_path: Path, data: bytes) -> None:
    """An empty file (a download that failed, a file made but never written) read "line 1:
    not valid JSON: Expecting value"; it is said to be empty, exit 2, no database made."""
    empty = tmp_path / "export.json"
    empty.write_bytes(data)
    target = tmp_path / "new.db"
    result = run_cli("--db", target, "--lang", "en", "import", empty)
    assert result.code == 2
    assert result.err.splitlines() == [
        "pipeline-tui: the file was not imported:",
        "line 1: the file is empty: `import` takes the JSON file `pipeline-tui export` writes",
    ]
    danish = run_cli("--db", target, "--lang", "da", "import", empty)
    assert "linje 1: filen er tom" in danish.err
    assert not target.exists()


def test_an_export_of_a_database_that_is_not_there_is_refused(run_cli, tmp_path: Path) -> None:
    """`--db typo.db export` (a mistyped path) made an empty database there and wrote an
    export of nobody, exit 0; an export only reads: nothing is there, nothing is made."""
    typo = tmp_path / "pipline.db"
    out = tmp_path / "export.json"
    result = run_cli("--db", typo, "--lang", "en", "export", "-o", out)
    assert result.code == 2
    assert result.err == f"pipeline-tui: no database at {typo}: nothing was exported\n"
    danish = run_cli("--db", typo, "--lang", "da", "export", "-o", out)
    assert danish.err == (
        f"pipeline-tui: der er ingen database i {typo}: der er ikke eksporteret noget\n"
    )
    assert not typo.exists() and not out.exists()
    assert not list(tmp_path.iterdir())


def _old_demo(tmp_path: Path) -> Path:
    """The demo organisation at schema 0001: its export is larger than a pipe holds."""
    import gzip

    old = tmp_path / "old.db"
    old.write_bytes(gzip.decompress((FIXTURES / "demo" / "0001.sqlite.gz").read_bytes()))
    return old


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.name != "posix", reason="signals and process ids as on POSIX")
def test_an_export_of_an_old_database_ended_by_a_signal_removes_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export` of an old database works on a temporary copy of the whole database (names,
    notes, ratings). Ended by SIGTERM (a polite kill, a closed terminal's SIGHUP) while the
    reader of its output was slow, the program left the copy in the temporary folder; now it
    is removed."""
    import signal
    import subprocess
    import sys
    import time

    import pipeline_tui

    temp = tmp_path / "tmp"
    temp.mkdir()
    old = _old_demo(tmp_path)
    src = str(Path(pipeline_tui.__file__).parents[1])
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": src}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        export = subprocess.Popen(  # its output not read: it waits with the copy made
            [sys.executable, "-m", "pipeline_tui", "--db", str(old), "export"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while not any(temp.glob("pipeline-tui-export-*/old.db-wal")):
                assert time.monotonic() < deadline and export.poll() is None
                time.sleep(0.05)
            time.sleep(0.5)
            export.send_signal(signum)
            export.wait(timeout=30)
        finally:
            export.kill()
            assert export.stdout is not None
            export.stdout.close()
        assert list(temp.iterdir()) == [], signum


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.name != "posix", reason="process ids as on POSIX")
def test_an_export_of_an_old_database_removes_copies_left_by_a_killed_one(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy left by an export killed outright (kill -9) is removed by the next export of
    an old database; one of an export still running is not touched."""
    import subprocess
    import sys
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    left = temp / f"pipeline-tui-export-{int(gone.stdout)}-x1y2z3"
    running = temp / f"pipeline-tui-export-{os.getppid()}-a1b2c3"
    for folder in (left, running):
        folder.mkdir(mode=0o700)
        (folder / "old.db").write_bytes(b"Zelda Quorvath")
    old = _old_demo(tmp_path)
    result = run_cli("--db", old, "export", "-o", tmp_path / "out.json")
    assert result.code == 0, result.err
    assert sorted(p.name for p in temp.iterdir()) == [running.name]
