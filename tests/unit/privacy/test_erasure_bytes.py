"""Privacy (issue 7, guarantee 6): erasure leaves no trace; a person's export holds everything.

After `person erase` the raw bytes of the database file and of any -wal file
beside it are searched for every text the person wrote or that named them,
including earlier versions of notes that were edited (old row versions live on
in free pages and the WAL unless they are wiped): none may remain. Only an
erasure record stays, with its date and a count. `person export` is compared
with the rows of a full `export` that belong to the person.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import Repository, open_repository

NAME = "Zelda Quorvath"
EMAIL = "zelda.quorvath@example.dk"
# Every text Zelda's records hold, final or earlier version; each is unique in the file.
SECRETS = {
    "title": "Kvalitetskoordinator Wexholm",
    "comment": "Jeg tvivler ofte på Zelda-planen",
    "comment_before": "Første udkast til kommentaren Xylofon",
    "note": "Hun sover dårligt efter nattevagter Brombær",
    "note_before": "Kladde om søvnproblemer Hindbær",
    "agreement": "Vi aftaler sparring hver fredag Jordbær",
    "summary": "Et svært år med sygdom i familien Solsikke",
    "strengths": "Rolig under pres Valmue",
    "areas": "At sige fra Kornblomst",
    "goal": "Tag orlov i tre måneder Tulipan",
    "criterion": "Hun er tilbage med overskud Nellike",
    "progress": "Orlov bevilget i maj Lavendel",
    "action": "Tal med HR om orlov Rosmarin",
    "carried": "Følg op efter orloven Timian",
    "review": "Delvist nået Basilikum",
}
LONG_NOTE = ("Lang note om trivsel og arbejdsmiljø Oregano " * 200).strip()  # overflow pages
OTHERS_NOTE = "Jonas ønsker nattevagter i foråret"


def database_bytes(path: Path) -> bytes:
    """The raw bytes of the database file and its -wal (if any): everything on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def fill(repository: Repository) -> dict[str, int]:
    """Zelda with two conversations full of text, her report Jonas, and Mette above her."""
    pack = load_packs(None).default
    people = repository.people
    mette = people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
    zelda = people.create(NAME, "lead_others", email=EMAIL, manager_id=mette.id)
    people.update(zelda.id, title=SECRETS["title"])
    jonas = people.create("Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=zelda.id)
    talks, plans = repository.conversations, repository.plans
    talk = services.start_conversation(repository, pack, zelda.id, held_on=date(2026, 3, 2))
    detail = talks.detail(talk.id)
    content = services.conversation_content(detail)
    first, second = (e.id for e in content.expectations[:2])
    talks.set_rating(talk.id, first, "self", score=2)
    talks.set_rating(talk.id, first, "manager", score=3)
    talks.set_rating(talk.id, second, "manager", not_observed=True)
    talks.set_rating_comment(talk.id, first, "self", SECRETS["comment_before"])
    talks.set_rating_comment(
        talk.id, first, "self", SECRETS["comment"], expected=SECRETS["comment_before"]
    )
    on_table = {p.card_id for p in detail.picks}
    card = next(c for c in content.deck.cards if c.id not in on_table)
    pick = talks.pick_card(talk.id, card.id, "self")
    talks.set_card_text(pick.id, "notes", SECRETS["note_before"])
    talks.set_card_text(pick.id, "notes", SECRETS["note"], expected=SECRETS["note_before"])
    talks.set_card_text(pick.id, "agreements", SECRETS["agreement"])
    plans.update(
        talk.id,
        summary=SECRETS["summary"] + "\n" + LONG_NOTE,
        strengths=SECRETS["strengths"],
        development_areas=SECRETS["areas"],
    )
    goal = plans.add_goal(talk.id, SECRETS["goal"], success_criterion=SECRETS["criterion"])
    plans.update_goal(goal.id, progress_notes=SECRETS["progress"])
    plans.add_action(goal.id, SECRETS["action"], owner=NAME)
    plans.sign(talk.id, "person")
    plans.sign(talk.id, "conductor")
    later = services.start_conversation(repository, pack, zelda.id, held_on=date(2027, 3, 1))
    plans.add_goal(later.id, SECRETS["carried"], carried_from_id=goal.id)
    plans.review_goal(goal.id, "partly", SECRETS["review"], in_conversation_id=later.id)

    theirs = services.start_conversation(
        repository, pack, jonas.id, held_on=date(2026, 4, 14), conductor_id=zelda.id
    )
    jonas_detail = talks.detail(theirs.id)
    jonas_pick = jonas_detail.picks[0]
    talks.set_card_text(jonas_pick.id, "notes", f"{OTHERS_NOTE}; aftalt med {NAME}")
    return {"zelda": zelda.id, "jonas": jonas.id, "mette": mette.id, "jonas_talk": theirs.id}


@pytest.fixture
def org(db_path: Path) -> dict[str, int]:
    repository = open_repository(str(db_path))
    try:
        return fill(repository)
    finally:
        repository.close()


def test_erase_leaves_none_of_their_bytes_in_the_file_or_wal(db_path: Path, run_cli) -> None:
    """Privacy: after erase no byte of their texts (old versions too) is in the file or WAL."""
    texts = [NAME, EMAIL, *SECRETS.values(), LONG_NOTE[:60]]
    app = open_repository(str(db_path))  # the app, open on the file all along
    try:
        org = fill(app)
        stored = database_bytes(db_path)
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
        missing = [text for text in texts if text.encode() not in stored]
        assert missing == []  # also the replaced versions, in the WAL: the test can see them
        args = ("person", "erase", org["zelda"], "--yes", "--scrub-mentions")
        result = run_cli("--db", db_path, *args)
        assert result.code == 0, result.err
        remaining = database_bytes(db_path)
        for text in texts:
            assert text.encode() not in remaining, text
        assert OTHERS_NOTE.encode() in remaining  # Jonas's own words stay
        assert [p.name for p in app.people.list()] == ["Jonas Friis", "Mette Holm"]
    finally:
        app.close()
    for text in texts:
        assert text.encode() not in database_bytes(db_path), text


def test_only_an_erasure_record_with_its_date_remains(
    org: dict[str, int], db_path: Path, run_cli
) -> None:
    """Privacy: the erasure record holds when it happened and a count, nothing about the person."""
    assert run_cli("--db", db_path, "person", "erase", org["zelda"], "--yes").code == 0
    connection = sqlite3.connect(db_path)
    try:
        cursor = connection.execute("SELECT * FROM erasure")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        people = connection.execute(
            "SELECT id, name, manager_id FROM person ORDER BY id"
        ).fetchall()
        conversations = connection.execute("SELECT person_id, conductor_id FROM conversation")
        conversations = conversations.fetchall()
    finally:
        connection.close()
    assert columns == ["id", "erased_at", "rows_removed", "erased_ids"]
    [(record_id, erased_at, removed, erased_ids)] = rows
    assert set(json.loads(erased_ids)) == {
        "person", "conversation", "plan", "goal", "action", "card_pick"
    }  # fmt: skip
    assert all(isinstance(i, int) for ids in json.loads(erased_ids).values() for i in ids)
    assert record_id == 1
    assert datetime.fromisoformat(erased_at).date() >= date(2026, 1, 1)
    # Her person row, two conversations with their ratings, cards, plans, goals and actions.
    assert isinstance(removed, int) and removed >= 1 + 2 + 3 + 2 + 2 + 1
    assert people == [(org["mette"], "Mette Holm", None), (org["jonas"], "Jonas Friis", None)]
    assert conversations == [(org["jonas"], None)]


def belongs(tables: dict[str, list[dict]], person_id: int) -> dict[str, list[dict]]:
    """The rows of a full export that are about `person_id`, found by following the links."""
    conversations = [r for r in tables["conversation"] if r["person_id"] == person_id]
    talk_ids = {r["id"] for r in conversations}
    plans = [r for r in tables["plan"] if r["conversation_id"] in talk_ids]
    plan_ids = {r["id"] for r in plans}
    goals = [r for r in tables["goal"] if r["plan_id"] in plan_ids]
    goal_ids = {r["id"] for r in goals}
    return {
        "conversations": conversations,
        "ratings": [r for r in tables["rating"] if r["conversation_id"] in talk_ids],
        "card_picks": [r for r in tables["card_pick"] if r["conversation_id"] in talk_ids],
        "plans": plans,
        "goals": goals,
        "actions": [r for r in tables["action"] if r["goal_id"] in goal_ids],
    }


def test_person_export_holds_every_row_about_them(
    org: dict[str, int], db_path: Path, run_cli
) -> None:
    """Privacy: person export has every rating, comment, note, goal and action stored about them."""
    everything = run_cli("--db", db_path, "export")
    assert everything.code == 0, everything.err
    tables = json.loads(everything.out)["tables"]
    result = run_cli("--db", db_path, "person", "export", org["zelda"])
    assert result.code == 0, result.err
    theirs = json.loads(result.out)
    [person] = [r for r in tables["person"] if r["id"] == org["zelda"]]
    assert theirs["person"] == person
    expected = belongs(tables, org["zelda"])
    for key, rows in expected.items():
        assert rows, key  # the fixture has something in every table
        assert theirs[key] == rows, key
    assert theirs["manager_of"] == [{"id": org["jonas"], "name": "Jonas Friis"}]
    assert [c["id"] for c in theirs["conducted_conversations"]] == [org["jonas_talk"]]
    text = result.out
    for key, secret in SECRETS.items():
        if key not in ("comment_before", "note_before"):  # replaced versions are not stored
            assert json.dumps(secret, ensure_ascii=False) in text or secret in text, key
    assert LONG_NOTE in json.loads(result.out)["plans"][0]["summary"]


def test_erase_without_scrubbing_keeps_a_mention_and_lists_it(
    org: dict[str, int], db_path: Path, run_cli
) -> None:
    """Without --scrub-mentions her name in Jonas's note stays (it is Jonas's record); erase
    says so, and `person mentions` listed it beforehand."""
    listed = run_cli("--db", db_path, "person", "mentions", org["zelda"])
    assert listed.code == 0, listed.err
    assert (
        f"conversation {org['jonas_talk']} (Jonas Friis, 14 Apr 2026) card_pick.notes" in listed.out
    )
    assert "[scrubbed with --scrub-mentions]" in listed.out
    as_json = json.loads(run_cli("--db", db_path, "person", "mentions", org["zelda"], "--json").out)
    assert [(x["owner_id"], x["matched"]) for x in as_json] == [(org["jonas"], "name")]
    result = run_cli("--db", db_path, "person", "erase", org["zelda"], "--yes")
    assert result.code == 0, result.err
    assert "Mentions of them by name in other people's notes were kept" in result.err
    assert "Backups, exports and printed plans made before now" in result.err
    remaining = database_bytes(db_path)
    assert f"{OTHERS_NOTE}; aftalt med {NAME}".encode() in remaining
    for secret in (EMAIL, SECRETS["note"], SECRETS["goal"], LONG_NOTE[:60]):
        assert secret.encode() not in remaining, secret


def test_another_session_keeps_saving_while_a_person_is_erased(
    org: dict[str, int], db_path: Path
) -> None:
    """Another connection commits a write every few milliseconds during the erasure (with
    scrubbing); none waits a second: no whole-file rewrite holds the lock."""
    import threading
    import time

    from pipeline_tui.store.privacy import erase_person

    other = open_repository(str(db_path))
    eraser = open_repository(str(db_path))
    waits: list[float] = []
    stop = threading.Event()

    def keep_saving() -> None:
        pick = other.conversations.detail(org["jonas_talk"]).picks[1]
        index = 0
        while not stop.is_set():
            start = time.perf_counter()
            other.conversations.set_card_text(pick.id, "agreements", f"Aftale {index}")
            waits.append(time.perf_counter() - start)
            index += 1
            time.sleep(0.002)

    writer = threading.Thread(target=keep_saving)
    try:
        writer.start()
        time.sleep(0.1)
        before = len(waits)
        erase_person(eraser.engine, org["zelda"], scrub_mentions=True)
        time.sleep(0.1)
    finally:
        stop.set()
        writer.join(timeout=10)
        other.close()
        eraser.close()
    assert len(waits) > before + 5
    assert max(waits) < 1.0, max(waits)


def test_erase_names_the_older_copies_that_may_hold_them(
    org: dict[str, int], db_path: Path, run_cli, tmp_path: Path
) -> None:
    """Privacy: backups, exports and her printed plan made before the erasure are named by
    it (another person's export is not); the list of her own copies goes with her."""
    out = tmp_path / "out"
    out.mkdir()
    talk = json.loads(run_cli("--db", db_path, "conversations", "list", "--json").out)
    zelda_talk = next(c["id"] for c in talk if c["person_id"] == org["zelda"])
    commands = [
        ("db", "backup", out / "backup.db"),
        ("export", "--output", out / "all.json"),
        ("person", "export", org["zelda"], "--output", out / "zelda.json"),
        ("person", "export", org["jonas"], "--output", out / "jonas.json"),
        ("plan", "print", zelda_talk, "--output", out / "plan.txt"),
    ]
    for command in commands:
        assert run_cli("--db", db_path, *command).code == 0
    result = run_cli("--db", db_path, "person", "erase", org["zelda"], "--yes")
    assert result.code == 0, result.err
    named = [line.split(": ", 1)[1] for line in result.err.splitlines() if line.startswith("  ")]
    assert named == [str(out / n) for n in ("backup.db", "all.json", "zelda.json", "plan.txt")]
    connection = sqlite3.connect(db_path)
    try:
        kept = connection.execute("SELECT kind, person_id FROM copy_made ORDER BY id").fetchall()
    finally:
        connection.close()
    assert kept == [("backup", None), ("export", None), ("person export", org["jonas"])]
