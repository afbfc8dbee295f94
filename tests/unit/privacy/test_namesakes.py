"""Privacy: erasure by identity. Two people called Fatima Jensen; erasing one leaves every
record of the other, and what names the other, unchanged byte for byte in `export`.

Run through the installed command (`pipeline-tui person erase`, `export`), with and
without --scrub-mentions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

BIN = Path(sys.executable).parent


def run(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_TUI_")}
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PIPELINE_TUI_TODAY="2026-11-23",
    )
    done = subprocess.run(
        [str(BIN / "pipeline-tui"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def fill(db: Path) -> dict[str, int]:
    """Two Fatima Jensens, each with a conversation full of text naming herself; the second
    conducts Omar's conversation, whose note names 'Fatima Jensen' (which one is unknown)."""
    pack = load_packs(None).default
    repo = open_repository(str(db))
    try:
        people = repo.people
        first = people.create("Fatima Jensen", "lead_others", email="fatima.j1@example.dk")
        second = people.create("Fatima Jensen", "lead_others", email="fatima.j2@example.dk")
        omar = people.create(
            "Omar Said", "lead_self", email="omar@example.dk", manager_id=second.id
        )
        ids = {"first": first.id, "second": second.id, "omar": omar.id}
        for key, person in (("first", first), ("second", second)):
            talk = services.start_conversation(repo, pack, person.id, held_on=date(2026, 3, 2))
            detail = repo.conversations.detail(talk.id)
            expectation = services.conversation_content(detail).expectations[0].id
            repo.conversations.set_rating(talk.id, expectation, "self", score=3)
            repo.conversations.set_rating_comment(
                talk.id, expectation, "self", f"Jeg, Fatima Jensen ({person.email}), øver mig"
            )
            repo.conversations.set_card_text(
                detail.picks[0].id, "notes", "Fatima Jensen vil have mere ansvar"
            )
            goal = repo.plans.add_goal(talk.id, "Fatima Jensen leder et projekt")
            repo.plans.add_action(goal.id, "Find et projekt", owner="Fatima Jensen")
            ids[f"{key}_talk"] = talk.id
        omars = services.start_conversation(
            repo, pack, omar.id, held_on=date(2026, 4, 1), conducted_by="Fatima Jensen",
            conductor_id=second.id,
        )  # fmt: skip
        pick = repo.conversations.detail(omars.id).picks[0]
        repo.conversations.set_card_text(pick.id, "notes", "Aftalt med Fatima Jensen i april")
        ids["omar_talk"] = omars.id
    finally:
        repo.close()
    return ids


def rows_of(export: dict, person_id: int) -> dict[str, list[str]]:
    """Every exported row about `person_id` or written in conversations she is in or
    conducts, as the JSON text `export` wrote (compared byte for byte)."""
    tables = export["tables"]
    talks = {
        r["id"] for r in tables["conversation"] if person_id in (r["person_id"], r["conductor_id"])
    }
    plans = {r["id"] for r in tables["plan"] if r["conversation_id"] in talks}
    goals = {r["id"] for r in tables["goal"] if r["plan_id"] in plans}
    picked = {
        "person": [r for r in tables["person"] if person_id in (r["id"], r["manager_id"])],
        "conversation": [r for r in tables["conversation"] if r["id"] in talks],
        "rating": [r for r in tables["rating"] if r["conversation_id"] in talks],
        "card_pick": [r for r in tables["card_pick"] if r["conversation_id"] in talks],
        "plan": [r for r in tables["plan"] if r["id"] in plans],
        "goal": [r for r in tables["goal"] if r["id"] in goals],
        "action": [r for r in tables["action"] if r["goal_id"] in goals],
    }
    return {
        k: [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in v] for k, v in picked.items()
    }


@pytest.mark.parametrize("scrub", [False, True], ids=["plain", "scrub-mentions"])
def test_erasing_one_namesake_leaves_the_other_byte_for_byte(
    db_path: Path, tmp_path: Path, scrub: bool
) -> None:
    """The second Fatima's person row, conversation, ratings, notes, plan, goals and
    actions, Omar's conversation she conducts and his note naming 'Fatima Jensen': the same
    bytes in `export` after the first Fatima is erased; the first's rows are gone."""
    ids = fill(db_path)
    home = tmp_path / "home"
    before = json.loads(run("--db", db_path, "export", home=home).stdout)
    erase = ["person", "erase", ids["first"], "--yes"] + (["--scrub-mentions"] if scrub else [])
    done = run("--db", db_path, *erase, home=home)
    assert "Erased person" in done.stdout
    after = json.loads(run("--db", db_path, "export", home=home).stdout)

    kept = rows_of(before, ids["second"])
    assert kept["conversation"] and kept["rating"] and kept["action"]
    assert rows_of(after, ids["second"]) == kept
    assert all(r["id"] != ids["first"] for r in after["tables"]["person"])
    assert all(r["person_id"] != ids["first"] for r in after["tables"]["conversation"])
    text = json.dumps(after, ensure_ascii=False)
    assert "fatima.j1@example.dk" not in text
    assert "Fatima Jensen" in text  # the other one's name, everywhere it was
