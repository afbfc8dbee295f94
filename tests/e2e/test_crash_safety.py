"""Guarantee 1 of issue 7, crash safety: nothing typed a second before the end is lost.

The installed `pipeline-tui` runs in a real terminal (tmux); a person opens a
colleague, starts a conversation, rates, comments, plays a card with a note and
writes a goal, all by keyboard. One second after the last key the program is
ended the hard way (SIGKILL), by a closed terminal (SIGHUP, or the whole tmux
server going away) or politely (SIGTERM). What was typed is then read back with
`pipeline-tui export`, a separate process, never through the app's own objects.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui.store.repository import open_repository

from .conftest import Terminal, process_gone, run_command

pytestmark = pytest.mark.slow

SCORES = ("4", "3", "5", "2")
COMMENT = "Jeg gør for meget selv – især med vagtplanen"
CARD_NOTE = "Vagtplanen tager to dage hver måned"
GOAL_TITLE = "Uddeleger vagtplanen til koordinatorerne"
SIZE = (120, 40)  # room for every typed text on one line
ENDS_WITHIN = 6.0  # seconds a signalled program may take to save and end
SETTLE_AFTER_TYPING = 1.0  # the promise: nothing typed more than a second ago is lost


def make_organisation(db: Path) -> None:
    """Three people in a line; Anna Berg (a first-line leader) sorts first."""
    repo = open_repository(str(db))
    try:
        mette = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=mette.id
        )
        repo.people.create("Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=anna.id)
    finally:
        repo.close()


def exported(env: dict[str, str], db: Path) -> dict[str, list[dict[str, Any]]]:
    """The whole database through the installed command's `export` (a separate process)."""
    result = run_command(env, "--db", str(db), "export")
    document = json.loads(result.stdout)
    assert document["format"] == "pipeline-tui-export"
    return document["tables"]


def shown_order(snapshot_texts: Any) -> list[str]:
    """Expectation ids in the order the expectations step lists them: by dimension, then pack."""
    texts = json.loads(snapshot_texts) if isinstance(snapshot_texts, str) else snapshot_texts
    expectations = texts["expectations"]
    return [
        e["id"]
        for dimension in texts["dimensions"]
        for e in expectations
        if e["dimension"] == dimension["id"]
    ]


def hold_a_conversation(term: Terminal) -> None:
    """From the people list to a goal title, by keyboard, waiting only for what the screen shows."""
    term.wait_for("Anna Berg", timeout=30)
    term.keys("Enter")  # open the highlighted person (Anna sorts first)
    term.wait_for("No conversations yet")
    term.keys("n")  # new conversation: a dialog first
    term.wait_for("Start the conversation")
    term.keys("Enter")
    term.wait_for("LUS with Anna Berg")  # the conversation is loaded: its title is shown

    term.keys("C-Right")  # expectations
    term.wait_for("Rater: The leader")
    for score in SCORES:
        term.keys(score)  # rates the highlighted expectation and moves on
    term.wait_for(f"Self {len(SCORES)}/")
    term.keys("c")  # comment on the (next) highlighted expectation
    term.wait_for("Comment (the leader)")
    term.type(COMMENT)
    term.wait_for(COMMENT)
    term.keys("Escape")  # back to the list: the field is left, the comment committed

    term.keys("C-Right")  # cards
    term.wait_for("The leader: 0 picked")
    # The rules' minimum picks (the employee 3, the manager 1) before the cards are
    # played. The grid is in theme order: two cards, one always included, then more.
    term.keys("Enter")  # the first card
    term.wait_for("The leader: 1 picked")
    term.keys("Right", "Enter")
    term.wait_for("The leader: 2 picked")
    term.keys("Right", "Right", "Enter")  # past the always-included card
    term.wait_for("The leader: 3 picked")
    term.keys("r", "Right", "Enter")  # the manager picks the next one
    term.wait_for("The leader's manager: 1 picked")
    term.keys("p")  # play the cards
    term.wait_for("cards played", "Write notes")  # the list has the focus: enter acts on it
    term.keys("Enter")  # into the first card's notes
    term.type(CARD_NOTE)
    term.wait_for(CARD_NOTE)

    term.keys("C-Right", "C-Right")  # through the summary to the plan
    term.wait_for("Suggested: a year after")  # the plan is shown with its data
    term.keys("C-n")  # a new goal; its title has the focus
    term.wait_for("Success criterion")
    term.type(GOAL_TITLE)
    term.wait_for(GOAL_TITLE)


def assert_everything_typed_is_stored(tables: dict[str, list[dict[str, Any]]]) -> None:
    (conversation,) = tables["conversation"]
    anna = next(p for p in tables["person"] if p["name"] == "Anna Berg")
    assert conversation["person_id"] == anna["id"]
    snapshot = next(s for s in tables["content_snapshot"] if s["id"] == conversation["snapshot_id"])
    order = shown_order(snapshot["texts"])

    own = {r["expectation_id"]: r for r in tables["rating"] if r["rater"] == "self"}
    scored = {key: r["score"] for key, r in own.items() if r["score"] is not None}
    assert scored == {order[i]: int(score) for i, score in enumerate(SCORES)}
    commented = {key: r["comment"] for key, r in own.items() if r["comment"]}
    assert commented == {order[len(SCORES)]: COMMENT}

    notes = [p for p in tables["card_pick"] if p["notes"]]
    assert [p["notes"] for p in notes] == [CARD_NOTE]
    picked_by = [p["picked_by"] for p in tables["card_pick"]]
    assert (picked_by.count("self"), picked_by.count("manager")) == (3, 1)

    (plan,) = tables["plan"]
    goals = [g for g in tables["goal"] if g["plan_id"] == plan["id"]]
    assert [g["title"] for g in goals] == [GOAL_TITLE]


ENDINGS = {
    "SIGKILL": lambda term: term.kill(signal.SIGKILL, timeout=ENDS_WITHIN),
    "SIGHUP": lambda term: term.kill(signal.SIGHUP, timeout=ENDS_WITHIN),
    "terminal-closed": lambda term: term.close_terminal(timeout=ENDS_WITHIN),
    "SIGTERM": lambda term: term.kill(signal.SIGTERM, timeout=ENDS_WITHIN),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_nothing_typed_is_lost_when_the_program_ends(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path, ending: str
) -> None:
    """Guarantee 1 (crash safety): ratings, a comment, a card note and a goal typed ≥1 s before
    SIGKILL / SIGHUP / a closed terminal / SIGTERM are all in `pipeline-tui export`."""
    db = tmp_path / "crash.db"
    make_organisation(db)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    hold_a_conversation(terminal)
    time.sleep(SETTLE_AFTER_TYPING)
    ENDINGS[ending](terminal)

    assert_everything_typed_is_stored(exported(user_env, db))


def test_the_conversation_is_there_after_a_kill(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    """Guarantee 1 (crash safety): after SIGKILL the program starts again on the same database
    and shows the conversation in the people list and on the person, with the goal typed last."""
    db = tmp_path / "crash.db"
    make_organisation(db)
    terminal.width, terminal.height = SIZE
    terminal.start("--db", str(db), "--lang", "en")
    hold_a_conversation(terminal)
    time.sleep(SETTLE_AFTER_TYPING)
    terminal.kill(signal.SIGKILL)

    again = Terminal(user_env, *SIZE)
    try:
        again.start("--db", str(db), "--lang", "en")
        home = again.wait_for("Anna Berg", timeout=30)
        anna = next(line for line in home.splitlines() if "Anna Berg" in line)
        assert "LUS · In progress" in anna
        again.keys("Enter")
        # the conversation in the list, its goal in the current development plan
        person = again.wait_for("Conversations", "Current development plan", GOAL_TITLE)
        assert "No conversations yet" not in person
        assert any(
            "LUS" in line for line in person.split("Current development plan")[0].splitlines()
        )
        again.keys("C-q")
        deadline = time.monotonic() + 15
        while not again.dead():
            assert time.monotonic() < deadline, "ctrl+q did not end the program"
            time.sleep(0.05)
    finally:
        again.close()


CLOSINGS = 5  # the program used to outlive its closed terminal about one time in three


def test_a_closed_terminal_always_ends_the_program(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    """Guarantee 1 (crash safety): closing the terminal (SIGHUP) ends the program within
    seconds every time, on home and on a person, instead of leaving it running without a screen."""
    db = tmp_path / "closed.db"
    make_organisation(db)
    for attempt in range(CLOSINGS):
        term = Terminal(user_env, *SIZE)
        pid = None
        try:
            term.start("--db", str(db), "--lang", "en")
            term.wait_for("Anna Berg", timeout=30)
            if attempt % 2:
                term.keys("Enter")
                term.wait_for("No conversations yet")
            pid = term.pid()
            term.close_terminal(timeout=ENDS_WITHIN)
        finally:
            term.close()
            if pid is not None and not process_gone(
                pid
            ):  # never leave a program behind, even when failing
                os.kill(pid, signal.SIGKILL)
