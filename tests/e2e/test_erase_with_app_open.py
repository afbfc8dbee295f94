"""Erasure while the app is open on the person's conversation (issue 15).

The installed app runs in tmux on the expectations step of Anna's conversation;
a rating is given, then `pipeline-tui person erase` runs from another process,
then another rating is given in the app. The write after the erasure is
refused (the store raises ErasedError: the app says it was not saved), the app
keeps running, and nothing of Anna's is written back: no conversation, no
rating, no person row; Mette's records stay.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

from .conftest import Terminal, run_command

pytestmark = pytest.mark.slow


def counts(db: Path) -> tuple[int, ...]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM conversation), "
            "(SELECT count(*) FROM rating), (SELECT count(*) FROM plan)"
        ).fetchone()
    finally:
        connection.close()


def test_a_rating_given_after_the_erasure_is_refused_and_nothing_comes_back(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "pipeline.db"
    repo = open_repository(str(db))
    try:
        pack = load_packs(None).default
        mette = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=mette.id
        )
        talk = services.start_conversation(repo, pack, anna.id, held_on=date(2026, 11, 2))
        repo.conversations.update(talk.id, step="expectations")
    finally:
        repo.close()

    terminal.width, terminal.height = 100, 30
    terminal.start("--db", str(db), "--lang", "en")
    terminal.wait_for("Anna Berg", "Mette Holm")
    terminal.keys("Enter")  # Anna (first in the list): her page
    terminal.wait_for("LUS · Lead others", "Draft")
    for _ in range(20):  # her conversation, on the expectations step (once the list has focus)
        terminal.keys("Enter")
        try:
            terminal.wait_for("Rater: The leader", timeout=1.5)
            break
        except AssertionError:
            continue
    terminal.wait_for("Rater: The leader", "Self 0/15")
    terminal.keys("3")
    terminal.wait_for("Self 1/15", "Saved")

    erased = run_command(user_env, "--db", str(db), "person", "erase", str(anna.id), "--yes")
    assert f"Erased person {anna.id}" in erased.stdout
    after_erase = counts(db)
    assert after_erase == (1, 0, 0, 0)

    terminal.keys("4")
    # The answer is refused (ErasedError), the user is told and taken home: the people list
    # without Anna, the app still running. (The conversation screen's own check for changes
    # elsewhere may take the user home first; the 4 is then a search on the list: Esc
    # clears it.)
    terminal.wait_for("Everyone")
    terminal.keys("Escape")
    screen = terminal.wait_for("Mette Holm", "1 of 1")
    assert "Anna Berg" not in screen and "Rater:" not in screen
    assert not terminal.dead(), screen
    assert counts(db) == after_erase
    exported = json.loads(run_command(user_env, "--db", str(db), "export").stdout)
    assert [p["name"] for p in exported["tables"]["person"]] == ["Mette Holm"]
    assert exported["tables"]["conversation"] == [] and exported["tables"]["rating"] == []
