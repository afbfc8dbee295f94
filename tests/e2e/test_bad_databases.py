"""Guarantee 4 of issue 7, bad databases: a clear message, exit code 2, the file untouched.

The installed `pipeline-tui` is run as a separate process (isolated user folders)
with `--db` pointing at a file that is not a database, one cut short, one with
random bytes written over it, a read-only file or folder, a database from a
newer program, and a full disk (a small tmpfs where this machine lets us mount
one, and everywhere a file-size limit, RLIMIT_FSIZE, that makes the kernel
refuse the writes). Every command tried must either do its job or say in one
line what is wrong, with exit code 2 and no traceback, and the database file's
bytes are compared (sha256) before and after.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_tui.store.repository import open_repository
from pipeline_tui.store.revisions import HEAD

from .conftest import COMMAND

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
PAGE = 4096

# Each command a user may run on the file; () is the bare command that opens the app.
READS = [("people", "list"), ("export",), ("overview",)]
EVERY = [*READS, ()]


def ids(commands: list[tuple[str, ...]]) -> list[str]:
    return [" ".join(c) or "app" for c in commands]


def run(
    env: dict[str, str], db: Path, *args: str, limit: int | None = None
) -> subprocess.CompletedProcess:
    """`pipeline-tui --db DB ARGS...` outside a terminal (the app must refuse before its UI).

    `limit` caps the size of any file the process writes (RLIMIT_FSIZE); SIGXFSZ is
    ignored so that a write beyond it fails with EFBIG, as on a full disk.
    """

    def cap() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [str(COMMAND), "--db", str(db), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap if limit is not None else None,
    )


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit code 2 and exactly one line on stderr, naming the problem; no traceback."""
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("pipeline-tui: "), line
    for word in words:
        assert word in line, line
    return line


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    """A real database at the current schema with a small organisation (no -wal beside it)."""
    path = tmp_path / "good" / "pipeline.db"
    path.parent.mkdir()
    repo = open_repository(str(path))
    try:
        mette = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=mette.id
        )
        repo.people.create("Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=anna.id)
    finally:
        repo.close()
    assert not Path(f"{path}-wal").exists()
    return path


def copy_to(source: Path, folder: Path, name: str = "pipeline.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    return target


def page_of_table(db: Path, table: str) -> int:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    finally:
        connection.close()
    return root


def scribble(path: Path, offset: int, length: int, seed: int) -> None:
    """Write `length` random bytes at `offset` (a damaged disk block, a bad copy)."""
    noise = random.Random(seed).randbytes(length)
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(noise)


# --- files that are not (whole) databases --------------------------------------------


@pytest.mark.parametrize("command", EVERY, ids=ids(EVERY))
def test_a_text_file_is_refused(
    user_env: dict[str, str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): --db at a text file: "not a SQLite file", exit 2, untouched."""
    notes = tmp_path / "notes.db"
    notes.write_text("Referat fra mødet\nAnna: vagtplanen\n", encoding="utf-8")
    before = sha256(notes)
    result = run(user_env, notes, *command)
    assert_refused(result, str(notes), "not a SQLite file")
    assert sha256(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["notes.db"]


@pytest.mark.parametrize("command", EVERY, ids=ids(EVERY))
def test_a_truncated_copy_is_refused(
    user_env: dict[str, str], good_db: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): a copy cut off halfway: "damaged", "cut short", exit 2."""
    cut = copy_to(good_db, tmp_path / "cut")
    data = cut.read_bytes()
    half = (len(data) // 2 // PAGE) * PAGE  # on a page boundary: every page left is whole
    cut.write_bytes(data[:half])
    before = sha256(cut)
    result = run(user_env, cut, *command)
    assert_refused(result, str(cut), "damaged", "cut short")
    assert sha256(cut) == before


@pytest.mark.parametrize("command", EVERY, ids=ids(EVERY))
def test_random_bytes_over_the_people_are_refused(
    user_env: dict[str, str], good_db: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): random bytes over the page holding the people (which every
    command reads): "damaged", exit 2, the file untouched, no UI started."""
    broken = copy_to(good_db, tmp_path / "broken")
    page = page_of_table(broken, "person")
    scribble(broken, (page - 1) * PAGE, PAGE, seed=7)
    before = sha256(broken)
    result = run(user_env, broken, *command)
    assert_refused(result, "damaged", "malformed")
    assert sha256(broken) == before


@pytest.mark.parametrize("command", READS, ids=ids(READS))
def test_random_bytes_in_the_middle_are_refused_or_harmless(
    user_env: dict[str, str], good_db: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): random bytes over the middle of the file: a command either
    prints exactly what the undamaged file gives (it never read the damage) or refuses with
    "damaged", exit 2; the file is untouched either way."""
    expected = run(user_env, good_db, *command)
    assert expected.returncode == 0, expected.stderr
    broken = copy_to(good_db, tmp_path / "broken")
    size = broken.stat().st_size
    scribble(broken, (size // 2 // PAGE) * PAGE, PAGE, seed=11)
    before = sha256(broken)
    result = run(user_env, broken, *command)
    if result.returncode == 0:
        assert (result.stdout, result.stderr) == (expected.stdout, expected.stderr)
    else:
        assert_refused(result, "damaged")
    assert sha256(broken) == before


def test_random_bytes_in_the_middle_stop_an_export(
    user_env: dict[str, str], good_db: Path, tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): an export reads every table, so damage in the middle of a
    table is reported ("damaged", exit 2) and no partial export file is left."""
    broken = copy_to(good_db, tmp_path / "broken")
    middle = (broken.stat().st_size // PAGE) // 2 + 1
    tables = sorted(
        page_of_table(broken, name)
        for name in ("person", "conversation", "rating", "card_pick", "plan", "goal", "action")
    )
    page = min(tables, key=lambda p: abs(p - middle))  # the table page nearest the middle
    scribble(broken, (page - 1) * PAGE, PAGE, seed=13)
    before = sha256(broken)
    assert_refused(run(user_env, broken, "export"), "damaged")
    output = tmp_path / "export.json"
    assert_refused(run(user_env, broken, "export", "--output", str(output)), "damaged")
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".export", "export"))] == []
    assert sha256(broken) == before


@pytest.mark.parametrize("command", EVERY, ids=ids(EVERY))
def test_a_database_from_a_newer_program_is_refused(
    user_env: dict[str, str], good_db: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): a schema revision this program does not know: "newer
    pipeline-tui", exit 2, the file untouched (no upgrade, no journal-mode change)."""
    newer = copy_to(good_db, tmp_path / "newer")
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9001'")
    connection.close()
    before = sha256(newer)
    result = run(user_env, newer, *command)
    assert_refused(result, str(newer), "newer pipeline-tui", "9001", HEAD)
    assert sha256(newer) == before


# --- read-only files and folders -------------------------------------------------------


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files and folders read-only for the program, even when the tests run as root.

    Root ignores permission bits, so there the immutable attribute (chattr +i) is
    used; without chattr (or a file system that has no such attribute) the test is
    skipped, saying why.
    """
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root, where file modes are not enforced, and chattr is missing")
    done: list[Path] = []
    try:
        for p in paths:
            result = subprocess.run([chattr, "+i", str(p)], capture_output=True, text=True)
            if result.returncode != 0:
                pytest.skip(f"running as root and chattr +i does not work here: {result.stderr}")
            done.append(p)
        yield
    finally:
        for p in reversed(done):
            subprocess.run([chattr, "-i", str(p)], check=True)


def test_a_read_only_file_can_be_read_but_not_changed(
    user_env: dict[str, str], good_db: Path, tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): a read-only database file is read as usual (people list,
    export, overview print what the writable file gives), a change to it ("people import") and
    the app, which saves every answer, are refused with "read-only", exit 2; bytes unchanged."""
    expected = {command: run(user_env, good_db, *command) for command in READS}
    locked = copy_to(good_db, tmp_path / "locked")
    roster = tmp_path / "new.csv"
    roster.write_text("name,email,layer,manager_email\nBo Lund,bo@example.dk,lead_self,\n")
    before = sha256(locked)
    with read_only(locked):
        for command in READS:
            result = run(user_env, locked, *command)
            assert result.returncode == 0, result.stderr
            assert result.stdout == expected[command].stdout
        # a dry run only reads: it checks the roster against the file as the reads do
        dry = run(user_env, locked, "people", "import", str(roster), "--dry-run")
        assert dry.returncode == 0 and "1" in dry.stdout, dry.stderr
        assert_refused(run(user_env, locked, "people", "import", str(roster)), "read-only")
        assert_refused(run(user_env, locked), str(locked), "read-only")
        danish = run(user_env, locked, "--lang", "da")
        assert_refused(danish, str(locked), "er skrivebeskyttet: appen gemmer hvert svar")
    assert sha256(locked) == before
    listed = run(user_env, locked, "people", "list", "--json")
    assert "Bo Lund" not in listed.stdout


@pytest.mark.parametrize("command", EVERY, ids=ids(EVERY))
def test_a_new_database_in_a_read_only_folder(
    user_env: dict[str, str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Guarantee 4 (bad databases): --db in a folder that cannot be written: "cannot create ...
    permission denied", exit 2, nothing left in the folder."""
    folder = tmp_path / "shared"
    folder.mkdir()
    target = folder / "pipeline.db"
    with read_only(folder):
        result = run(user_env, target, *command)
    if command == ("export",):  # it only reads: there is nothing there to export
        assert_refused(result, str(target), "no database at", "nothing was exported")
    else:
        assert_refused(result, str(target), "cannot create", "permission denied")
    assert list(folder.iterdir()) == []


PLAN = ("plan", "print", "1")


def test_a_database_in_a_read_only_folder_is_read_not_changed(
    user_env: dict[str, str], good_db: Path, tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): a writable database in a folder that is read-only (SQLite
    cannot make its -wal/-shm files beside it): the reading commands (people list, export,
    overview, plan print) print what they print on a writable copy; a change (people import)
    and the app say in one line that it is read-only, exit 2; the file untouched, nothing
    created beside it."""
    repo = open_repository(str(good_db))
    try:
        from datetime import date

        from pipeline_tui import services
        from pipeline_tui.packs.loader import load_packs

        person = repo.people.list()[0]
        talk = services.start_conversation(
            repo,
            load_packs(None).default,
            person.id,
            kind="evaluation",  # (its answers from peers are imported below)
            held_on=date(2026, 3, 2),
        )
        repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
        content = services.conversation_content(repo.conversations.detail(talk.id))
        expectation = content.ordered_expectations()[0].id
    finally:
        repo.close()
    reads = [*READS, ("plan", "print", str(talk.id))]
    expected = {command: run(user_env, good_db, *command) for command in reads}
    folder = tmp_path / "archive"
    db = copy_to(good_db, folder)
    roster = tmp_path / "new.csv"
    roster.write_text("name,email,layer,manager_email\nBo Lund,bo@example.dk,lead_self,\n")
    answers = tmp_path / "answers.csv"  # (a file of no answers is refused, exit 2)
    answers.write_text(
        "conversation_id,rater,group,expectation_id,score,comment\n"
        f"{talk.id},R_7pQw,peer,{expectation},4,\n"
    )
    before = sha256(db)
    with read_only(folder):
        for command in reads:
            result = run(user_env, db, *command)
            assert result.returncode == 0, (command, result.stderr)
            assert result.stdout == expected[command].stdout, command
        # a dry run only reads, as the reads above (it was refused as a change: the folder)
        for dry in (("people", "import", str(roster)), ("feedback", "import", str(answers))):
            result = run(user_env, db, *dry, "--dry-run")
            assert result.returncode == 0, (dry, result.stderr)
        assert_refused(run(user_env, db, "people", "import", str(roster)), str(db), "read-only")
        assert_refused(run(user_env, db), str(db), "read-only")
        danish = run(user_env, db, "--lang", "da")
        assert_refused(danish, str(db), "ligger i en skrivebeskyttet mappe, hvor SQLite")
    assert sha256(db) == before
    assert [p.name for p in folder.iterdir()] == ["pipeline.db"]


# --- files that are not ours, and files that are not files -----------------------------


def foreign_sqlite(path: Path, version: str | None = "0001") -> Path:
    """Another program's SQLite file (rollback journal, its own tables), whose version table
    happens to read like ours."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        if version is not None:
            connection.execute("INSERT INTO alembic_version VALUES (?)", (version,))
        connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT)")
        connection.execute("INSERT INTO invoice (customer) VALUES ('Hansen ApS')")
    connection.close()
    return path


# `export` and `person erase` read or write a local file at our version with the stdlib:
# they must refuse another program's file as the storage layer does.
FOREIGN = [*EVERY, ("db", "upgrade"), ("db", "check"), ("person", "erase", "1", "--yes")]


@pytest.mark.parametrize("version", ["0001", HEAD])
@pytest.mark.parametrize("command", FOREIGN, ids=ids(FOREIGN))
def test_a_foreign_sqlite_file_with_our_version_is_refused_untouched(
    user_env: dict[str, str], tmp_path: Path, command: tuple[str, ...], version: str
) -> None:
    """Guarantee 4: another program's SQLite file whose version table reads like ours is
    refused (exit 2, one line) with its sha256 unchanged: no switch to WAL, no -wal, -shm or
    -journal left beside it."""
    folder = tmp_path / "other"
    folder.mkdir()
    db = foreign_sqlite(folder / "invoices.sqlite", version)
    before = sha256(db)
    assert_refused(run(user_env, db, *command), str(db), "not a pipeline-tui database")
    assert sha256(db) == before
    assert [p.name for p in folder.iterdir()] == ["invoices.sqlite"]


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-null"])
@pytest.mark.parametrize(
    "command", [*READS, ("db", "upgrade")], ids=ids([*READS, ("db", "upgrade")])
)
def test_special_files_are_refused(
    user_env: dict[str, str], tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    """Guarantee 4: --db naming a FIFO, a folder or /dev/null: exit 2 in one line, without
    blocking on the FIFO and without a -journal created beside /dev/null (even as root)."""
    if kind == "fifo":
        target = tmp_path / "pipe.db"
        os.mkfifo(target)
    elif kind == "folder":
        target = tmp_path / "folder.db"
        target.mkdir()
    else:
        target = Path("/dev/null")
    beside = {Path(f"{target}{suffix}").exists() for suffix in ("-journal", "-wal", "-shm")}
    assert beside == {False}
    line = assert_refused(run(user_env, target, *command), str(target))
    assert "folder" in line if kind == "folder" else "not a regular file" in line
    for suffix in ("-journal", "-wal", "-shm"):
        assert not Path(f"{target}{suffix}").exists()


# --- a full disk -------------------------------------------------------------------------


def big_roster(path: Path, people: int = 300) -> Path:
    """A roster whose import needs far more room than a nearly full disk has."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "layer", "manager_email"])
        for n in range(people):
            writer.writerow([f"Person {n} " + "æøå" * 50, f"p{n}@example.dk", "lead_self", ""])
    return path


def fill(disk: Path, leave: int) -> Path:
    """Fill the disk up to `leave` free bytes; returns the filler file (delete it to free room)."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    filler = disk / "filler"
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))
    return filler


# SQLite's -shm file takes 32 KiB when a database is opened; leave room for it and a
# page or two of write-ahead log, no more.
ROOM = 40 * 1024


def test_full_disk_import_is_refused_and_changes_nothing(
    user_env: dict[str, str], good_db: Path, small_disk: Path, tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): on a full disk (tmpfs) reading works, an import is refused
    with "disk is full", exit 2; the file's bytes are unchanged and nothing is half-imported."""
    db = copy_to(good_db, small_disk)
    expected = run(user_env, db, "export")
    filler = fill(small_disk, ROOM)
    before = sha256(db)
    assert run(user_env, db, "people", "list").returncode == 0
    result = run(user_env, db, "people", "import", str(big_roster(tmp_path / "big.csv")))
    assert_refused(result, "disk is full")
    assert sha256(db) == before
    filler.unlink()
    after = run(user_env, db, "export")
    assert after.returncode == 0, after.stderr
    assert after.stdout == expected.stdout


def test_full_disk_new_database_is_refused_and_left_out(
    user_env: dict[str, str], small_disk: Path
) -> None:
    """Guarantee 4 (bad databases): a new database on a full disk (tmpfs): "disk is full",
    exit 2, and no empty or half-made file left behind."""
    fill(small_disk, 0)
    target = small_disk / "pipeline.db"
    assert_refused(run(user_env, target, "people", "list"), str(target), "disk is full")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_full_disk_upgrade_is_refused_and_changes_nothing(
    user_env: dict[str, str], small_disk: Path
) -> None:
    """Guarantee 4 (bad databases): a database of the first schema on a full disk (tmpfs): the
    upgrade is refused ("disk is full", exit 2) with the file's bytes unchanged, and it
    upgrades with every person once there is room."""
    old = copy_to(FIXTURES / "0001.sqlite", small_disk, "old.db")
    connection = sqlite3.connect(old)  # as the program keeps it: in WAL mode
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    people = connection.execute("SELECT name FROM person ORDER BY id").fetchall()
    connection.close()
    filler = fill(small_disk, ROOM)
    before = sha256(old)
    assert_refused(run(user_env, old, "people", "list"), str(old), "disk is full")
    assert sha256(old) == before
    filler.unlink()
    listed = run(user_env, old, "people", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    for (name,) in people:
        assert name in listed.stdout


LIMIT = 40 * 1024  # bytes any file may grow to: the -shm (32 KiB) fits, a big import does not


def test_write_limit_import_is_refused_and_changes_nothing(
    user_env: dict[str, str], good_db: Path, tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): with the kernel refusing to grow files (RLIMIT_FSIZE, as a
    full disk would), an import is refused in one line, exit 2, bytes unchanged; runs anywhere."""
    db = copy_to(good_db, tmp_path / "limited")
    expected = run(user_env, db, "export")
    before = sha256(db)
    listed = run(user_env, db, "people", "list", limit=LIMIT)
    assert listed.returncode == 0, listed.stderr
    roster = big_roster(tmp_path / "big.csv")
    line = assert_refused(run(user_env, db, "people", "import", str(roster), limit=LIMIT))
    assert "disk" in line  # "disk is full" or "disk I/O error", whichever the OS error became
    assert sha256(db) == before
    assert run(user_env, db, "export").stdout == expected.stdout


def test_write_limit_new_database_is_refused_and_left_out(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    """Guarantee 4 (bad databases): a new database under a tiny file-size limit (RLIMIT_FSIZE):
    one line naming the file and the disk, exit 2, no file left behind."""
    folder = tmp_path / "limited"
    folder.mkdir()
    target = folder / "pipeline.db"
    line = assert_refused(run(user_env, target, "people", "list", limit=PAGE), str(target))
    assert "disk" in line
    assert list(folder.iterdir()) == []
