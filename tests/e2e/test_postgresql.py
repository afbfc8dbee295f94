"""The installed `pipeline-tui` on a PostgreSQL database, in a real terminal (issue 14).

The demo organisation is made in a SQLite file and its JSON export imported
into the PostgreSQL database (the rows keep their ids, so every id sequence
must move past them: it crashed on `n` when they did not), then the app (tmux, 80×24) opens a new
conversation from the person page with `n`, rates an expectation and writes a
comment, and quits; `pipeline-tui export` on the same URL must hold the rating
and the comment. The throwaway cluster comes from the `pg_url` fixture
(skipped only where no PostgreSQL binaries are installed).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from .conftest import Terminal, run_command
from .test_newcomer_walk import TRACEBACK_MARKS, Walk

COMMENT = "Jeg planlægger ugen hver mandag"
MAKE_DEMO = (
    "import sys\n"
    "from pipeline_tui.config import Settings\n"
    "from pipeline_tui.demo import ensure_demo_database\n"
    "ensure_demo_database(sys.argv[1], Settings())\n"
)


def test_a_conversation_on_postgresql(
    terminal: Terminal, user_env: dict[str, str], pg_url: str, tmp_path: Path
) -> None:
    local = str(tmp_path / "laptop.db")
    made = subprocess.run(
        [sys.executable, "-c", MAKE_DEMO, local], env=user_env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    dump = tmp_path / "dump.json"
    run_command(user_env, "--db", local, "export", "-o", str(dump))
    run_command(user_env, "--db", pg_url, "import", str(dump))

    terminal.start("--db", pg_url, "--lang", "da")
    walk = Walk(terminal)
    walk.wait_for("Anna Berg", timeout=30)
    walk.type("Rasmus")
    walk.wait_for("Rasmus Holt")
    walk.key("Enter")
    walk.wait_for("Rasmus Holt", timeout=10)
    walk.key("n")  # a new conversation (it crashed here on PostgreSQL)
    try:
        walk.wait_for("US med Rasmus Holt", timeout=4)
    except AssertionError:  # a dialog asks what to start: its default is the one
        walk.key("Enter")
        walk.wait_for("US med Rasmus Holt", timeout=10)
    walk.key("C-Right")  # to the expectations
    walk.wait_for("Bedømmer:")
    walk.key("Home", "4")  # the person rates the first expectation 4
    walk.key("Home", "c")
    walk.type(COMMENT)
    walk.key("Escape")
    time.sleep(1.5)  # the autosave's text pause
    walk.key("C-q")
    deadline = time.monotonic() + 10
    while not terminal.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert terminal.dead(), terminal.screen()
    after = terminal.screen()
    assert not any(mark in after for mark in TRACEBACK_MARKS), after

    tables = json.loads(run_command(user_env, "--db", pg_url, "export").stdout)["tables"]
    rasmus = next(p["id"] for p in tables["person"] if p["name"] == "Rasmus Holt")
    newest = max(c["id"] for c in tables["conversation"])
    conversation = next(c for c in tables["conversation"] if c["id"] == newest)
    assert conversation["person_id"] == rasmus
    assert conversation["status"] == "in_progress"
    ratings = [r for r in tables["rating"] if r["conversation_id"] == conversation["id"]]
    assert [(r["rater"], r["score"], r["comment"]) for r in ratings] == [("self", 4, COMMENT)]
