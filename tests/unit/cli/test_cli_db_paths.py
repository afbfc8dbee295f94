"""What `--db` and `db backup FILE` name, when it is not a plain database file and a new file.

An empty (0-byte) database file: a command that only reads (a listing, `export`,
`db check`, `db backup`) refuses it in one line, exit 2, and leaves it as it is (it may be
a database cut short); a command that would create the database (`db upgrade`, any change,
the app) makes the new database in it, owner-only as one it creates. `--db ""` is refused,
not taken for the default database. `db backup FOLDER` writes the copy in the folder under
a name of its own; a backup never makes the database it is asked to copy.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from pipeline_tui import clock, config
from pipeline_tui.errors import StorageError
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.store.vetting import read_sqlite_state

READS = [
    ("people", "list"),
    ("people", "list", "--json"),
    ("conversations", "list"),
    ("overview",),
    ("export",),
    ("person", "export", "1"),
    ("db", "check"),
]


def empty_file(path: Path, mode: int = 0o644) -> Path:
    """A 0-byte file as `touch` leaves it (world-readable under the usual umask)."""
    path.touch()
    path.chmod(mode)
    return path


def beside(path: Path) -> list[str]:
    """What is in the file's folder (a -wal, -shm, -journal or lock file left behind)."""
    return sorted(p.name for p in path.parent.iterdir())


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("command", READS, ids=" ".join)
@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_command_that_only_reads_refuses_an_empty_file_untouched(
    run_cli, tmp_path: Path, command: tuple[str, ...], lang: str
) -> None:
    """It was read as a new database, and the schema written into it (~200 kB)."""
    path = empty_file(tmp_path / "touched.db")
    result = run_cli("--lang", lang, "--db", path, *command)
    assert result.code == 2, result.err
    line = one_line(result.err)
    assert str(path) in line
    words = ("empty file (0 bytes)", "db upgrade") if lang == "en" else ("tom fil", "db upgrade")
    assert all(word in line for word in words), line
    assert path.stat().st_size == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert beside(path) == ["touched.db"]
    assert result.out == ""


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_backup_of_an_empty_file_writes_nothing(run_cli, tmp_path: Path, lang: str) -> None:
    """`db backup` wrote the schema into the 0-byte file, then backed up that new database."""
    path = empty_file(tmp_path / "touched.db")
    copy = tmp_path / "copy.db"
    result = run_cli("--lang", lang, "--db", path, "db", "backup", copy)
    assert result.code == 2
    assert ("empty file" if lang == "en" else "tom fil") in one_line(result.err)
    assert path.stat().st_size == 0
    assert beside(path) == ["touched.db"]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_backup_never_makes_the_database_it_copies(run_cli, db_path: Path, lang) -> None:
    """A missing database was created (an empty one) and that backed up: a typo in --db
    gave a backup of nothing, reported as done."""
    copy = db_path.with_name("copy.db")
    result = run_cli("--lang", lang, "--db", db_path, "db", "backup", copy)
    assert result.code == 2
    line = one_line(result.err)
    assert str(db_path) in line
    assert ("nothing was backed up" if lang == "en" else "ikke taget nogen backup") in line
    assert not db_path.exists() and not copy.exists()
    assert beside(db_path) == []


@pytest.mark.skipif(os.name != "posix", reason="owner-only is a POSIX file mode (0600)")
def test_db_upgrade_makes_the_new_database_in_an_empty_file_owner_only(
    run_cli, tmp_path: Path
) -> None:
    """A command that would create the database adopts the `touch`ed file, as SQLite does;
    it becomes owner-only as a file this program creates (it stayed 0644: HR data that
    every local user could read), and so do the -wal and -shm SQLite makes beside it."""
    path = empty_file(tmp_path / "touched.db")
    result = run_cli("--db", path, "db", "upgrade")
    assert result.code == 0, result.err
    assert read_sqlite_state(path).revision == HEAD
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    repo = open_repository(str(path))
    try:
        repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
        for suffix in ("-wal", "-shm"):
            assert stat.S_IMODE(Path(f"{path}{suffix}").stat().st_mode) == 0o600
    finally:
        repo.close()
    listing = run_cli("--db", path, "people", "list", "--json")
    assert listing.code == 0 and "Anna Berg" in listing.out


@pytest.mark.skipif(os.name != "posix", reason="owner-only is a POSIX file mode (0600)")
def test_an_adopted_file_keeps_the_owners_bits(tmp_path: Path) -> None:
    """Only the group's and others' bits are taken away: a file the owner made read-only
    for themself is theirs to make writable."""
    path = empty_file(tmp_path / "touched.db", 0o660)
    open_repository(str(path)).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_storage_layer_refuses_an_empty_file_to_a_reader_only(tmp_path: Path) -> None:
    path = empty_file(tmp_path / "touched.db")
    with pytest.raises(StorageError) as refused:
        open_repository(str(path), reading=True)
    assert refused.value.reason == "db_empty"
    assert path.stat().st_size == 0 and beside(path) == ["touched.db"]
    open_repository(str(path)).close()  # a writer makes the database in it
    assert read_sqlite_state(path).revision == HEAD
    open_repository(str(path), reading=True).close()  # a database now


def test_a_reader_still_makes_a_database_where_there_is_no_file(run_cli, db_path: Path):
    """No file is nobody's file: a first listing on a new path makes the database, as before."""
    assert run_cli("--db", db_path, "people", "list").code == 0
    assert read_sqlite_state(db_path).revision == HEAD


@pytest.mark.parametrize(
    "command",
    [
        ("people", "list"),
        ("people", "list", "--json"),
        ("conversations", "list"),
        ("conversations", "list", "--json"),
        ("overview",),
        ("overview", "--format", "csv"),
    ],
    ids=" ".join,
)
def test_a_reader_that_makes_the_database_says_so(run_cli, tmp_path: Path, command) -> None:
    """A mistyped --db (pipline.db) printed "0 people" or an overview of nobody, exit 0, and
    left a new database there without a word, as if the organisation were empty. The
    database is still made (a first listing on a new path works), and stderr says so after
    what was printed; on the database now there, nothing more is said."""
    typo = tmp_path / "pipline.db"
    for lang, said in (
        ("en", f"pipeline-tui: there was no database at {typo}: a new, empty one was made there"),
        (
            "da",
            f"pipeline-tui: der var ingen database i {typo}: der er oprettet en ny, tom database",
        ),
    ):
        typo.unlink(missing_ok=True)
        result = run_cli("--lang", lang, "--db", typo, *command)
        assert result.code == 0, result.err
        assert result.err.splitlines()[-1] == said, result.err
        assert read_sqlite_state(typo).revision == HEAD
        again = run_cli("--lang", lang, "--db", typo, *command)
        assert again.code == 0 and "database" not in again.err, again.err


@pytest.mark.parametrize("blank", ["", " ", "\t"])
@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("command", [("db", "path"), ("people", "list"), ()], ids=" ".join)
def test_an_empty_db_option_is_refused(
    run_cli, blank: str, lang: str, command: tuple[str, ...], monkeypatch
) -> None:
    """`--db ""` (an unset shell variable) used the default database without a word;
    without a command it opened the app on it."""
    from pipeline_tui.tui import run

    def no_app(settings: config.Settings) -> int:
        raise AssertionError(f"the app was opened on {settings.db_path}")

    monkeypatch.setattr(run, "run_app", no_app)
    result = run_cli("--lang", lang, "--db", blank, *command)
    assert result.code == 2
    line = one_line(result.err)
    assert line.startswith("pipeline-tui: --db ")
    assert ("--db is empty" if lang == "en" else "--db er tom") in line
    assert result.out == ""
    assert not config.default_db_path().exists()


def test_an_empty_db_option_is_refused_with_a_database_in_the_environment(
    run_cli, db_path: Path, monkeypatch
) -> None:
    """--db "" is not "no --db": PIPELINE_TUI_DB is not quietly used instead."""
    monkeypatch.setenv("PIPELINE_TUI_DB", str(db_path))
    assert run_cli("--db=", "db", "path").code == 2
    monkeypatch.setenv("PIPELINE_TUI_DB", "")  # an empty variable is an unset one, as before
    assert run_cli("db", "path").out == f"{config.default_db_path()}\n"


CONNINFO = "host=127.0.0.1 port=5432 dbname=pipeline user=hr password=hemmelig"
SAID_CONNINFO = {
    "en": "pipeline-tui: {source} is a libpq connection string (key=value words), not a "
    "database file or URL: give the server as a postgresql:// URL, e.g. "
    "postgresql://user@host:5432/dbname (the password in ~/.pgpass)\n",
    "da": "pipeline-tui: {source} er en libpq-forbindelsesstreng (nøgle=værdi), ikke en "
    "databasefil eller URL: angiv serveren som en postgresql://-URL, fx "
    "postgresql://bruger@vært:5432/databasenavn (adgangskoden i ~/.pgpass)\n",
}


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize(
    "command", [("db", "path"), ("people", "list"), ("db", "upgrade"), ()], ids=" ".join
)
def test_a_libpq_connection_string_is_refused(
    run_cli, lang: str, command: tuple[str, ...], tmp_path: Path, monkeypatch
) -> None:
    """`--db "host=... password=..."` was taken for a file path: a new SQLite file named
    by the password, in the current folder. Refused, the password not repeated, nothing
    made; without a command the app is not opened."""
    from pipeline_tui.tui import run

    def no_app(settings: config.Settings) -> int:
        raise AssertionError(f"the app was opened on {settings.db_path}")

    monkeypatch.setattr(run, "run_app", no_app)
    monkeypatch.chdir(tmp_path)
    for given in (CONNINFO, " dbname = pipeline password=hemmelig", "service=hr"):
        result = run_cli("--lang", lang, "--db", given, *command)
        assert (result.code, result.out) == (2, "")
        assert result.err == SAID_CONNINFO[lang].format(source="--db")
    assert list(tmp_path.iterdir()) == []
    assert not config.default_db_path().exists()


def test_a_libpq_connection_string_in_the_environment_is_refused(
    run_cli, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PIPELINE_TUI_DB", CONNINFO)
    result = run_cli("--lang", "en", "people", "list")
    assert (result.code, result.err) == (2, SAID_CONNINFO["en"].format(source="PIPELINE_TUI_DB"))
    assert list(tmp_path.iterdir()) == []


def test_a_file_whose_name_only_looks_like_one_is_still_a_file(run_cli, tmp_path: Path) -> None:
    """A path (./host=x.db, a folder before it) or a word that is no libpq keyword stays a
    SQLite file."""
    for name in ("./host=x.db", str(tmp_path / "port=1.db"), "hosts=x.db"):
        result = run_cli("--db", name, "db", "path")
        assert (result.code, result.out) == (0, f"{Path(name).resolve()}\n")


@pytest.fixture
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    moment = datetime(2026, 3, 2, 14, 5).astimezone()
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment


def test_a_backup_into_a_folder_is_named_there(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path, pinned_now: datetime
) -> None:
    """`db backup FOLDER` (click's English "Invalid value for 'FILE': ... is a directory")
    writes the copy in the folder, named after the database, the date and the time."""
    repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run_cli("--db", db_path, "db", "backup", folder)
    assert result.code == 0, result.err
    copy = folder / "pipeline-backup-2026-03-02-1405.db"
    assert result.out == f"Backed up {db_path} to {copy}\n"
    assert sorted(p.name for p in folder.iterdir()) == [copy.name]
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    listing = run_cli("--db", copy, "people", "list", "--json")
    assert '"name": "Anna Berg"' in listing.out


def test_a_second_backup_into_the_folder_in_the_same_minute(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path, pinned_now: datetime
) -> None:
    """The name is taken: refused in one line (Danish under --lang da), the first copy kept;
    --force replaces it, as for a file named."""
    assert run_cli("--db", db_path, "db", "backup", tmp_path).code == 0
    copy = tmp_path / "pipeline-backup-2026-03-02-1405.db"
    first = copy.read_bytes()
    again = run_cli("--lang", "da", "--db", db_path, "db", "backup", tmp_path)
    assert again.code == 2
    assert "findes allerede" in one_line(again.err) and "--force" in again.err
    assert copy.read_bytes() == first
    forced = run_cli("--lang", "da", "--db", db_path, "db", "backup", "--force", tmp_path)
    assert forced.code == 0, forced.err
    assert forced.out.startswith("Tog backup af ")


def test_a_backup_into_the_databases_own_folder(
    run_cli, repo: Repository, db_path: Path, pinned_now: datetime, monkeypatch
) -> None:
    """`db backup .` beside the database: a new file there, the database untouched."""
    monkeypatch.chdir(db_path.parent)
    result = run_cli("--db", db_path, "db", "backup", ".")
    assert result.code == 0, result.err
    assert read_sqlite_state(db_path.parent / "pipeline-backup-2026-03-02-1405.db").revision == HEAD


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_backup_into_a_folder_that_is_not_there(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path, lang: str
) -> None:
    """`backups/` with a slash names a folder: there was none, and a file `backups` was
    written instead."""
    result = run_cli("--lang", lang, "--db", db_path, "db", "backup", f"{tmp_path}/backups/")
    assert result.code == 2
    line = one_line(result.err)
    assert ("does not exist" if lang == "en" else "findes ikke") in line
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("blank", ["", "  "])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_backup_needs_a_name(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path, blank: str, lang: str, monkeypatch
) -> None:
    """`db backup ""` is not the current folder."""
    monkeypatch.chdir(tmp_path)
    before = beside(db_path)
    result = run_cli("--lang", lang, "--db", db_path, "db", "backup", blank)
    assert result.code == 2
    assert ("is empty" if lang == "en" else "er tomt") in one_line(result.err)
    assert beside(db_path) == before


def log_of_a_database(tmp_path: Path) -> bytes:
    """The write-ahead log of a real database with writes not yet in the file itself."""
    import sqlite3

    source = tmp_path / "source" / "pipeline.db"
    source.parent.mkdir()
    connection = sqlite3.connect(source)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA wal_autocheckpoint=0")
        connection.execute("CREATE TABLE person (name TEXT)")
        connection.execute("INSERT INTO person VALUES ('Søren Østergaard')")
        connection.commit()
        return Path(f"{source}-wal").read_bytes()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "command", [("db", "upgrade"), ("people", "list"), ("db", "backup", "copy.db"), ()],
    ids=" ".join,
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "da"])
def test_an_empty_file_with_a_log_beside_it_is_refused_by_every_command(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command, lang: str
) -> None:
    """A file cut short to 0 bytes beside a log that holds writes: SQLite took it for a new
    database and deleted the log unread, so a command that creates the database (`db
    upgrade`, the app) lost what the log held. Now no command touches either file."""
    log_bytes = log_of_a_database(tmp_path)
    path = empty_file(tmp_path / "cut.db")
    log = Path(f"{path}-wal")
    log.write_bytes(log_bytes)
    monkeypatch.chdir(tmp_path)
    if not command:  # the app itself: refused before Textual starts
        from pipeline_tui.tui.app import PipelineApp

        monkeypatch.setattr(PipelineApp, "run", lambda *a, **k: pytest.fail("the app started"))
    result = run_cli("--lang", lang, "--db", path, *command)
    assert result.code == 2, result.err
    line = one_line(result.err)
    assert str(path) in line and str(len(log_bytes)) in line
    assert ("write-ahead log" if lang == "en" else "transaktionslog") in line, line
    assert path.stat().st_size == 0
    assert log.read_bytes() == log_bytes
    assert beside(path) == ["cut.db", "cut.db-wal", "source"]
    assert result.out == ""


def test_the_storage_layer_refuses_an_empty_file_with_a_log_to_a_writer_too(tmp_path: Path):
    path = empty_file(tmp_path / "cut.db")
    Path(f"{path}-wal").write_bytes(log_of_a_database(tmp_path))
    with pytest.raises(StorageError) as refused:
        open_repository(str(path)).close()
    assert refused.value.reason == "db_empty_wal"
    assert path.stat().st_size == 0 and Path(f"{path}-wal").stat().st_size > 0


@pytest.mark.parametrize("blank", ["", " "])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_an_empty_content_option_is_refused(run_cli, db_path: Path, blank: str, lang: str):
    """`--content ""` used the shipped packs without a word, as `--db ""` used the default
    database."""
    result = run_cli("--lang", lang, "--db", db_path, "--content", blank, "people", "list")
    assert result.code == 2
    line = one_line(result.err)
    assert ("--content is empty" if lang == "en" else "--content er tom") in line
    assert result.out == "" and not db_path.exists()
