"""A newcomer's whole MUS and whole LUS, by keys alone, in a real terminal (issue 13).

The installed `pipeline-tui` runs in tmux at 80×24 and gets one key at a time
with a real pause after each (0.25 s, a quick typist), never Pilot's instant
presses: the Plan step's crash (`NoMatches ... SelectCurrent`, item 1) only
showed with real timing, when a suggestion was taken, a second passed, and
enter came again. Each walk covers every kind of answer – both parties'
ratings, a comment, card picks, a card note and an agreement, goals (two
taken a second apart, one written by hand with an action), the follow-up
date and both signatures – then `pipeline-tui export` must hold every one of
them and the screen must never have shown a traceback.

The person is reached by typing their name and enter (home's letters search),
then only the person page's and the conversation's own keys are used.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import Terminal, run_command

pytestmark = pytest.mark.cold_pack_cache  # a new user's first start: no cache yet

PAUSE = 0.25  # between keys: a person at the keyboard, not a script
TRACEBACK_MARKS = ("Traceback", "NoMatches", "unexpected error")

PEOPLE = """name,email,title,unit,layer,manager_email
Mette Holm,mette@example.dk,Centerchef,Kirurgi,lead_leaders,
Lis Kjær,lis@example.dk,Afdelingsleder,Kirurgi,lead_others,mette@example.dk
Ib Sejr,ib@example.dk,Sygeplejerske,Kirurgi,lead_self,lis@example.dk
"""


@dataclass
class Walk:
    """The terminal, with every key counted and every screen checked for a traceback."""

    term: Terminal
    command_keys: int = 0
    typed: int = 0
    screens: list[str] = field(default_factory=list)

    def key(self, *keys: str, pause: float = PAUSE) -> None:
        for name in keys:
            self.term._tmux("send-keys", "-t", "app", name)
            self.command_keys += 1
            time.sleep(pause)
            self.look()

    def type(self, text: str) -> None:
        """A word or a sentence, a character at a time as typed."""
        for char in text:
            self.term._tmux("send-keys", "-t", "app", "-l", char)
            self.typed += 1
            time.sleep(0.04)
        time.sleep(PAUSE)
        self.look()

    def look(self) -> str:
        shown = self.term.screen()
        self.screens.append(shown)
        dead = self.term.dead()
        if dead or any(mark in shown for mark in TRACEBACK_MARKS):
            raise AssertionError(f"the program failed (exited: {dead}); the screen:\n{shown}")
        return shown

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        shown = self.term.wait_for(*texts, timeout=timeout)
        self.look()
        return shown


@pytest.fixture
def people_db(user_env: dict[str, str], tmp_path: Path) -> Path:
    roster = tmp_path / "people.csv"
    roster.write_text(PEOPLE, encoding="utf-8")
    db = tmp_path / "walk.db"
    run_command(user_env, "--db", str(db), "people", "import", str(roster))
    return db


def export(env: dict[str, str], db: Path) -> dict[str, list[dict]]:
    done = run_command(env, "--db", str(db), "export")
    return json.loads(done.stdout)["tables"]


def open_new_conversation(walk: Walk, name: str, step_name: str) -> None:
    """Home: type the name, enter; the person page: n (and enter if it asks first)."""
    walk.type(name)
    walk.wait_for(name)
    walk.key("Enter")
    walk.wait_for(name, timeout=10)
    walk.key("n")
    try:
        walk.wait_for(step_name, timeout=4)
    except AssertionError:  # a dialog asks what to start: its default is the one
        walk.key("Enter")
        walk.wait_for(step_name, timeout=10)


def rate_all(walk: Walk, scores: list[int], count: int) -> None:
    walk.key("Home")
    for index in range(count):
        walk.key(str(scores[index % len(scores)]))


def picked_by_active(shown: str) -> int:
    """The active picker's count, from its line (marked ▶) above the cards."""
    found = re.search(r"▶ [^:\n]+: (\d+)", shown)
    assert found, shown
    return int(found.group(1))


def pick_cards(walk: Walk, wanted: int) -> None:
    """Right and enter from the first card on until the active party has `wanted` cards
    (a card that is always on the table, or the other party's, stays as it is)."""
    for _ in range(30):
        if picked_by_active(walk.look()) >= wanted:
            return
        walk.key("Right", "Enter")
    raise AssertionError(f"could not pick {wanted} cards:\n{walk.look()}")


def whole_conversation(walk: Walk, words: dict[str, str], count: int) -> None:
    """From the setup step to both signatures, by the README's keys."""
    walk.key("C-Right")  # setup's defaults are right: to the expectations
    walk.wait_for(words["rated_self"])
    rate_all(walk, [4, 5, 4], count)  # the person rates themself (the first rater)
    walk.key("Home", "c")
    walk.type(words["comment"])
    walk.key("Escape")
    walk.key("r")  # now the manager
    rate_all(walk, [2, 3, 2], count)
    walk.key("v")  # reveal both
    walk.wait_for(words["revealed"])

    walk.key("C-Right")  # cards: the manager picks first (the rater in turn), then the person
    walk.wait_for(words["cards_title"])
    walk.key("Home")
    pick_cards(walk, 2)
    walk.key("r", "Home")
    pick_cards(walk, 4)
    walk.wait_for(words["self_picked"], words["manager_picked"])
    walk.key("p")  # play them one by one
    walk.key("Enter")
    walk.type(words["note"])
    walk.key("Tab")
    walk.type(words["agreement"])
    walk.key("C-n")

    walk.key("C-Right")  # summary
    walk.key("C-Right")  # plan: item 1's sequence, with real pauses
    walk.wait_for(words["plan_title"])
    walk.key("Enter")
    time.sleep(1.0)
    walk.key("Enter")
    time.sleep(1.0)
    walk.key("C-n")  # a goal of their own, with an action
    time.sleep(0.5)
    walk.type(words["goal"])
    walk.key("C-t")
    time.sleep(0.5)
    walk.type(words["action"])
    time.sleep(1.0)
    walk.key("C-Right")  # sign-off: the follow-up is only suggested so far
    walk.wait_for(words["follow_up_missing"])
    walk.key("C-Left")
    # the plan's own keys, not "5 Plan": the step bar shows that on every step, and on a
    # loaded machine tab and enter then reached the sign buttons before the plan was back
    walk.wait_for(words["plan_title"], words["plan_keys"])
    walk.key("Tab")  # goals list → follow-up date: enter takes the suggestion
    walk.key("Enter")
    walk.key("C-Right")
    walk.wait_for(words["follow_up_set"])
    walk.key("s")
    walk.key("j" if words["lang"] == "da" else "y")
    walk.key("m")
    walk.key("j" if words["lang"] == "da" else "y")
    walk.wait_for(words["signed"])


def check_export(tables: dict, person: str, words: dict[str, str], count: int) -> None:
    people = {p["id"]: p["name"] for p in tables["person"]}
    conversation = next(c for c in tables["conversation"] if people[c["person_id"]] == person)
    ratings = [r for r in tables["rating"] if r["conversation_id"] == conversation["id"]]
    for rater in ("self", "manager"):
        scored = [r for r in ratings if r["rater"] == rater and r["score"] is not None]
        assert len(scored) == count, (rater, len(scored))
    assert any(r["comment"] == words["comment"] for r in ratings)
    picks = [p for p in tables["card_pick"] if p["conversation_id"] == conversation["id"]]
    assert sum(p["picked_by"] == "self" for p in picks) == 4
    assert sum(p["picked_by"] == "manager" for p in picks) == 2
    assert any(p["notes"] == words["note"] for p in picks)
    assert any(p["agreements"] == words["agreement"] for p in picks)
    plan = next(p for p in tables["plan"] if p["conversation_id"] == conversation["id"])
    assert plan["follow_up_on"] == words["follow_up_on"]
    assert plan["signed_by_person_at"] and plan["signed_by_conductor_at"]
    assert conversation["status"] == "signed"
    goals = [g for g in tables["goal"] if g["plan_id"] == plan["id"]]
    assert len(goals) >= 3, [g["title"] for g in goals]  # two suggestions and our own
    own = next(g for g in goals if g["title"] == words["goal"])
    actions = [a for a in tables["action"] if a["goal_id"] == own["id"]]
    assert [a["description"] for a in actions] == [words["action"]]


DANISH = {
    "lang": "da",
    "title": "MUS med Ib Sejr",
    "rated_self": "Bedømmer:",
    "revealed": "Begge vurderinger vises",
    "cards_title": "Vælg kort",
    "self_picked": ": 4 valgt",
    "manager_picked": ": 2 valgt",
    "plan_title": "5 Plan",
    "plan_keys": "Nyt mål",
    "follow_up_missing": "Ingen dato for opfølgning endnu",
    "follow_up_set": "Der er en dato for opfølgning (23.11.2027)",
    "signed": "underskrevet af begge",
    "comment": "Jeg planlægger ugen hver mandag",
    "note": "Et travlt år med nye kolleger",
    "agreement": "Ib tager introforløbet for de nye",
    "goal": "Leder morgenmødet selv",
    "action": "Leder mødet hver tirsdag",
    "follow_up_on": "2027-11-23",
}

ENGLISH = {
    "lang": "en",
    "title": "LUS with Lis Kjær",
    "rated_self": "Rater:",
    "revealed": "Both ratings are shown",
    "cards_title": "Pick cards",
    "self_picked": ": 4 picked",
    "manager_picked": ": 2 picked",
    "plan_title": "5 Plan",
    "plan_keys": "New goal",
    "follow_up_missing": "No follow-up date yet",
    "follow_up_set": "A follow-up date is set (23 Nov 2027)",
    "signed": "signed by both",
    "comment": "I plan the week every Monday",
    "note": "A busy year with two new leaders",
    "agreement": "Lis meets each new leader in week one",
    "goal": "Delegate the rota to the team",
    "action": "Hand over the January rota",
    "follow_up_on": "2027-11-23",
}


def _expectation_count(env: dict[str, str], db: Path, person: str) -> int:
    """How many expectations the person's layer has (read from the pack via the CLI)."""
    tables = export(env, db)
    people = {p["id"]: p["name"] for p in tables["person"]}
    conversation = next(c for c in tables["conversation"] if people[c["person_id"]] == person)
    snapshot = next(s for s in tables["content_snapshot"] if s["id"] == conversation["snapshot_id"])
    return len(snapshot["texts"]["expectations"])


@pytest.mark.parametrize(
    ("person", "lang", "words"),
    [("Ib Sejr", "da", DANISH), ("Lis Kjær", "en", ENGLISH)],
    ids=["mus-da", "lus-en"],
)
def test_a_whole_conversation_by_keys(person, lang, words, terminal, user_env, people_db) -> None:
    started = time.monotonic()
    terminal.start("--db", str(people_db), "--lang", lang)
    walk = Walk(terminal)
    walk.wait_for("Mette Holm", timeout=30)
    open_new_conversation(walk, person.split()[0], words["title"])
    count = _expectation_count(user_env, people_db, person)
    whole_conversation(walk, words, count)
    walk.key("C-q")
    deadline = time.monotonic() + 10
    while not terminal.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    after = terminal.screen()
    assert not any(mark in after for mark in TRACEBACK_MARKS), after

    check_export(export(user_env, people_db), person, words, count)
    print(
        f"\n{person}: {walk.command_keys} command keys, {walk.typed} typed characters, "
        f"{time.monotonic() - started:.0f} s"
    )
