"""Issue 12: answers the database cannot take now are kept, retried and never silently dropped.

The installed `pipeline-tui` in a real terminal (tmux). The database refuses
writes for a while: another process holds SQLite's write lock for 20 s
(`BEGIN IMMEDIATE`, as a long erase or a backup tool would), or the disk is
full (a 1 MiB tmpfs). The user rates and comments meanwhile; the screen must
never claim "saved" while answers wait, and once the cause has passed every
answer must be in `pipeline-tui export`, read by a separate process. Killed
while answers wait, the program offers them back at the next start. A damaged
file ends the program with exit code 2 and one line, never a traceback.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

from .conftest import Terminal, run_command

pytestmark = pytest.mark.slow

SIZE = (120, 40)
SCORES = ("4", "3", "5", "2")
COMMENT = "Jeg gør for meget selv – især med vagtplanen"
SAVED = "✓ Saved"
WAITING = "not saved yet"
LOCK_SECONDS = 20.0


def make_conversation(db: Path) -> tuple[int, list[str]]:
    """Anna Berg (sorts first) with a LUS open on the expectations step; the expectation ids
    in the order the step lists them."""
    repo = open_repository(str(db))
    try:
        mette = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=mette.id
        )
        record = services.start_conversation(
            repo, load_packs(None).default, anna.id, kind="lus", language="en"
        )
        repo.conversations.update(record.id, step="expectations")
        detail = repo.conversations.detail(record.id)
        order = [e.id for e in services.conversation_content(detail).ordered_expectations()]
        return record.id, order
    finally:
        repo.close()


def open_the_conversation(term: Terminal, *expect: str) -> None:
    term.wait_for("Anna Berg", timeout=30)
    term.keys("Enter")  # Anna sorts first
    # The conversations table is filled from a quick first read; the plan follows.
    term.wait_for("LUS · Lead others", timeout=20)
    term.wait_for("Current development plan", timeout=20)
    time.sleep(0.5)
    term.keys("Enter")  # the highlighted (only) conversation
    term.wait_for(*(expect or ("Rater: The leader", SAVED)))


def answer(term: Terminal, watch: list[str]) -> None:
    """Rate four expectations and comment on the fifth, with pauses as a person types;
    every screen seen meanwhile is added to `watch`."""
    for index, score in enumerate(SCORES, start=1):
        term.keys(score)
        # The frames right after the key: once the answer shows, "✓ Saved" must be gone
        # (the screen before the key rightly says saved).
        count = f"Self {index}/"
        watch.extend(screen for screen in (term.screen() for _ in range(12)) if count in screen)
        watch.append(term.wait_for(count))
        time.sleep(0.3)
    term.keys("c")
    term.wait_for("Comment (the leader)")
    term.type(COMMENT)
    watch.append(term.wait_for(COMMENT))
    term.keys("Escape")
    time.sleep(0.5)
    watch.append(term.screen())


def exported(env: dict[str, str], db: Path) -> dict[str, list[dict[str, Any]]]:
    result = run_command(env, "--db", str(db), "export")
    return json.loads(result.stdout)["tables"]


def assert_all_stored(env: dict[str, str], db: Path, order: list[str]) -> None:
    tables = exported(env, db)
    own = {r["expectation_id"]: r for r in tables["rating"] if r["rater"] == "self"}
    scored = {key: r["score"] for key, r in own.items() if r["score"] is not None}
    assert scored == {order[i]: int(score) for i, score in enumerate(SCORES)}
    assert {k: r["comment"] for k, r in own.items() if r["comment"]} == {order[4]: COMMENT}


def wait_saved(term: Terminal, timeout: float) -> str:
    return term.wait_for(SAVED, timeout=timeout)


def hold_lock(db: Path) -> subprocess.Popen:
    """Another process takes SQLite's write lock and keeps it until `release` (at most 120 s)."""
    script = (
        "import select, sqlite3, sys\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "select.select([sys.stdin], [], [], 120)\n"
        "c.execute('COMMIT')\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def release(locker: subprocess.Popen) -> None:
    assert locker.stdin is not None
    locker.stdin.write("release\n")
    locker.stdin.close()
    assert locker.wait(timeout=30) == 0


def test_a_locked_database_loses_nothing(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    """Another process holds the write lock for 20 s while the user rates four expectations
    and types a comment: the screen never says saved meanwhile, and afterwards every answer is
    in the export. The test releases the lock itself, so every screen it looked at before the
    release was seen while the answers could not be written."""
    db = tmp_path / "locked.db"
    _conversation, order = make_conversation(db)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    open_the_conversation(terminal)

    locker = hold_lock(db)
    started = time.monotonic()
    seen: list[str] = []
    try:
        answer(terminal, seen)
        while time.monotonic() - started < LOCK_SECONDS:  # the rest of the lock
            seen.append(terminal.screen())
            time.sleep(0.25)
    finally:
        release(locker)
    assert not [screen for screen in seen if SAVED in screen], "said saved while answers waited"
    assert any(WAITING in screen or "Saving" in screen for screen in seen)

    wait_saved(terminal, timeout=20)
    assert_all_stored(user_env, db, order)
    assert "Traceback" not in terminal.screen()


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; delete the returned file to free it."""
    import os

    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    os.write(descriptor, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(descriptor)
    return filler


def on_full_disk(tmp_path: Path, disk: Path) -> tuple[Path, list[str]]:
    made = tmp_path / "full.db"
    _conversation, order = make_conversation(made)
    db = disk / "pipeline.db"
    shutil.copy(made, db)
    return db, order


def test_a_full_disk_loses_nothing(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path, small_disk: Path
) -> None:
    """The disk fills up while the app is open: answers wait (and the screen says why),
    and are all written once space is freed."""
    db, order = on_full_disk(tmp_path, small_disk)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    open_the_conversation(terminal)
    filler = fill(small_disk)

    seen: list[str] = []
    answer(terminal, seen)
    full = terminal.wait_for("disk full", WAITING, timeout=15)
    assert SAVED not in full
    time.sleep(2)  # retried meanwhile, still not saved
    assert SAVED not in terminal.screen()

    filler.unlink()
    wait_saved(terminal, timeout=20)
    assert_all_stored(user_env, db, order)


def test_answers_waiting_at_a_kill_are_offered_back(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path, small_disk: Path
) -> None:
    """Killed (SIGKILL) while answers wait on a full disk: at the next start the conversation
    offers them back, and once taken they are all in the export."""
    db, order = on_full_disk(tmp_path, small_disk)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    open_the_conversation(terminal)
    filler = fill(small_disk)
    answer(terminal, [])
    terminal.wait_for("disk full", WAITING, timeout=15)
    journal = Path(user_env["XDG_DATA_HOME"]) / "pipeline-tui" / "recovery"
    deadline = time.monotonic() + 10
    while not list(journal.glob("*.json")):
        assert time.monotonic() < deadline, "the waiting answers were not kept on disk"
        time.sleep(0.1)
    (kept,) = journal.glob("*.json")
    assert kept.stat().st_mode & 0o077 == 0, "the recovery file is not owner-only"
    terminal.kill()

    filler.unlink()
    assert exported(user_env, db)["rating"] == []  # nothing was saved before the kill
    again = Terminal(user_env, *SIZE)
    try:
        again.start("--db", str(db), "--lang", "en")
        open_the_conversation(again, "Answers that were not saved", "Save them")
        again.keys("y")
        again.wait_for("answers from last time are saved")
        wait_saved(again, timeout=10)
        assert_all_stored(user_env, db, order)
        assert not list(journal.glob("*.json")), "the recovery file outlived its answers"
    finally:
        again.close()


def test_an_answer_waiting_for_the_lock_at_a_kill_is_offered_back(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    """Killed (SIGKILL) while the first answer waits for another program's write lock (the
    busy timeout, 15 s, not yet over: the write has not failed once): the answer is in the
    recovery file within a second and offered back at the next start (it was lost: the
    file was written only after a write had failed)."""
    db = tmp_path / "locked.db"
    _conversation, order = make_conversation(db)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    open_the_conversation(terminal)
    journal = Path(user_env["XDG_DATA_HOME"]) / "pipeline-tui" / "recovery"

    locker = hold_lock(db)
    try:
        terminal.keys(SCORES[0])
        given = time.monotonic()
        terminal.wait_for("Self 1/")
        while not list(journal.glob("*.json")):
            assert time.monotonic() - given < 5, "the answer under way was not kept on disk"
            time.sleep(0.1)
        assert SAVED not in terminal.screen()
        terminal.kill()
    finally:
        release(locker)
    assert exported(user_env, db)["rating"] == []  # it never reached the database

    again = Terminal(user_env, *SIZE)
    try:
        again.start("--db", str(db), "--lang", "en")
        open_the_conversation(again, "Answers that were not saved", "Save it")
        again.keys("y")
        wait_saved(again, timeout=10)
        own = [r for r in exported(user_env, db)["rating"] if r["rater"] == "self"]
        assert [(r["expectation_id"], r["score"]) for r in own] == [(order[0], int(SCORES[0]))]
        assert not list(journal.glob("*.json")), "the recovery file outlived its answer"
    finally:
        again.close()


PAGE = 4096


def test_a_damaged_database_ends_the_app_with_one_line(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    """Random bytes over the cards' table: the people list still shows (it reads no cards),
    but opening the person (or their conversation) ends the program with exit code 2 and one
    line, never a traceback."""
    db = tmp_path / "damaged.db"
    make_conversation(db)
    with sqlite3.connect(db) as connection:
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'card_pick'"
        ).fetchone()
    connection.close()
    rng = random.Random(11)
    with db.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(bytes(rng.randrange(256) for _ in range(PAGE)))

    terminal.width, terminal.height = SIZE
    terminal.start_reporting("--db", str(db), "--lang", "en")
    terminal.wait_for("Anna Berg", timeout=30)
    terminal.keys("Enter")  # the person: their page reads the conversation, cards and all
    deadline = time.monotonic() + 15
    while "exit=" not in (screen := terminal.screen()):
        assert time.monotonic() < deadline, f"the program went on on a damaged file:\n{screen}"
        if "Current development plan" in screen:  # the page did not need the cards:
            terminal.keys("Enter")  # the conversation does
        time.sleep(0.5)
    assert "exit=2" in screen, screen
    assert "Traceback" not in screen and 'File "' not in screen
    lines = [line for line in screen.splitlines() if line.strip() and "exit=" not in line]
    assert lines == [
        "pipeline-tui: the database file is damaged – nothing was changed. "
        "Restore it from a backup."
    ], screen
