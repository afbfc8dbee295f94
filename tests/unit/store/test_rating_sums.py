"""The year's rating sums the database keeps (`rating_sum`, migration 0008) on either engine:
after any writes and erasures they are the GROUP BY over the ratings that remain."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.errors import UserError
from pipeline_tui.store.erasure import erase_local, open_local
from pipeline_tui.store.privacy import erase_person
from pipeline_tui.store.queries import sqlalchemy_reader
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines

HELD = ("in_progress", "completed", "signed")
LAYERS = ("lead_self", "lead_others")
EXPECTATIONS = ("x.delegation", "x.goals", "x.planning")
RATERS = ("self", "manager")


def kept(peek) -> list[tuple]:
    """The rows of `rating_sum`: (expectation, rater, year, layer, n, total, total_sq)."""
    return sorted(
        tuple(row)
        for row in peek(
            "SELECT expectation_id, rater, year, layer, n, total, total_sq FROM rating_sum"
        )
    )


def summed(peek) -> list[tuple]:
    """The same sums worked out here from every stored rating and its conversation."""
    rows = peek(
        "SELECT r.expectation_id, r.rater, c.held_on, c.layer, c.status, r.score "
        "FROM rating r JOIN conversation c ON c.id = r.conversation_id"
    )
    sums: dict[tuple, list[int]] = {}
    for expectation, rater, held_on, layer, status, score in rows:
        if status in HELD and score is not None:
            entry = sums.setdefault((expectation, rater, int(str(held_on)[:4]), layer), [0, 0, 0])
            entry[0] += 1
            entry[1] += score
            entry[2] += score * score
    return sorted((*key, *values) for key, values in sums.items())


def test_the_kept_sums_follow_random_writes_and_erasures(
    repo: Repository, content_ref, peek
) -> None:
    """A seeded random walk through every write that changes a rating's figure (rate, clear,
    not observed; a conversation's status, date and layer; deleting a conversation; erasing
    a person): after each step the kept sums are the GROUP BY over the remaining ratings,
    and the overview's reader gives the same figures from them as from the ratings."""
    rng = random.Random(19)
    talks = repo.conversations
    people = [
        repo.people.create(f"Person {i}", rng.choice(LAYERS), email=f"p{i}@example.dk")
        for i in range(6)
    ]
    alive = [p.id for p in people]
    conversations: list[int] = []
    checked = 0
    for _step in range(120):
        action = rng.choice(("start", "rate", "rate", "rate", "status", "move", "delete", "erase"))
        try:
            if action == "start" or not conversations:
                content = replace(content_ref, layer=rng.choice(LAYERS))
                held_on = date(rng.choice((2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
                talk = talks.start(rng.choice(alive), kind="lus", held_on=held_on, content=content)
                conversations.append(talk.id)
            elif action == "rate":
                choice = rng.random()
                talks.set_rating(
                    rng.choice(conversations),
                    rng.choice(EXPECTATIONS),
                    rng.choice(RATERS),
                    score=rng.randint(1, 5) if choice < 0.7 else None,
                    not_observed=0.7 <= choice < 0.85,
                )
            elif action == "status":
                talks.set_status(
                    rng.choice(conversations), rng.choice(("in_progress", "completed", "draft"))
                )
            elif action == "move":
                which = rng.choice(conversations)
                if rng.random() < 0.5:
                    talks.update(which, held_on=date(rng.choice((2025, 2026)), 6, 1))
                else:
                    talks.update(which, content=replace(content_ref, layer=rng.choice(LAYERS)))
            elif action == "delete":
                which = rng.choice(conversations)
                talks.delete(which)
                conversations.remove(which)
            elif action == "erase" and len(alive) > 3:
                gone = rng.choice(alive)
                erase_person(repo.engine, gone)
                alive.remove(gone)
                owned = {row[0] for row in peek("SELECT id FROM conversation")}
                conversations = [c for c in conversations if c in owned]
        except UserError:
            continue  # refused (a signed or completed conversation): nothing was written
        assert kept(peek) == summed(peek), f"after {action}"
        checked += 1
    assert checked > 60 and kept(peek)  # the walk wrote, and left sums to compare
    everyone = [p.id for p in people]
    with repo.engine.connect() as connection:
        reader = sqlalchemy_reader(connection)
        for year in (2025, 2026):
            assert reader.rating_aggregates(year) == sorted(
                reader.rating_aggregates(year, everyone),
                key=lambda a: (a.layer, a.expectation_id, a.rater),
            )


def test_an_erased_person_leaves_no_sum_of_their_own(repo: Repository, content_ref, peek) -> None:
    """The only person rated on a layer in a year is erased: that group's row goes; a
    group shared with another person is summed again over the other's ratings only."""
    anna = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    jonas = repo.people.create("Jonas Friis", "lead_others", email="jonas@example.dk")
    talks = repo.conversations
    for who, score in ((anna, 2), (jonas, 4)):
        talk = talks.start(who.id, kind="lus", held_on=date(2026, 3, 2), content=content_ref)
        talks.set_rating(talk.id, "x.goals", "manager", score=score)
    alone = talks.start(
        anna.id,
        kind="mus",
        held_on=date(2025, 5, 5),
        content=replace(content_ref, layer="lead_self"),
    )
    talks.set_rating(alone.id, "x.planning", "self", score=3)
    assert kept(peek) == [
        ("x.goals", "manager", 2026, "lead_others", 2, 6, 20),
        ("x.planning", "self", 2025, "lead_self", 1, 3, 9),
    ]
    erase_person(repo.engine, anna.id)
    assert kept(peek) == [("x.goals", "manager", 2026, "lead_others", 1, 4, 16)]
    assert kept(peek) == summed(peek)


@pytest.mark.sqlite_only
def test_the_stdlib_erasure_keeps_the_sums_too(
    repo: Repository, content_ref, peek, db_path: Path
) -> None:
    """`person erase` on a local file (stdlib, foreign keys cascading) takes the person's
    scores back like the storage layer's erasure."""
    anna = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    jonas = repo.people.create("Jonas Friis", "lead_others", email="jonas@example.dk")
    for who, score in ((anna, 2), (jonas, 5)):
        talk = repo.conversations.start(
            who.id, kind="lus", held_on=date(2026, 3, 2), content=content_ref
        )
        repo.conversations.set_rating(talk.id, "x.goals", "manager", score=score)
    connection = open_local(db_path)
    assert connection is not None
    try:
        erase_local(connection, anna.id)
    finally:
        connection.close()
    assert kept(peek) == [("x.goals", "manager", 2026, "lead_others", 1, 5, 25)]


@pytest.mark.sqlite_only
def test_ratings_written_by_hand_are_summed(repo: Repository, content_ref, db_path: Path) -> None:
    """The triggers are the database's: a rating inserted, changed and deleted with plain
    SQL on another connection is counted, moved and taken back."""
    anna = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    talk = repo.conversations.start(
        anna.id, kind="lus", held_on=date(2026, 3, 2), content=content_ref
    )
    repo.conversations.set_status(talk.id, "in_progress")
    connection = sqlite3.connect(db_path)
    try:
        with connection:
            connection.execute(
                "INSERT INTO rating (conversation_id, expectation_id, rater, score, "
                "not_observed, comment, version, created_at, updated_at) "
                "VALUES (?, 'x.goals', 'self', 3, 0, '', 1, '2026-03-02', '2026-03-02')",
                (talk.id,),
            )
        sums = "SELECT n, total, total_sq FROM rating_sum"
        assert connection.execute(sums).fetchall() == [(1, 3, 9)]
        with connection:
            connection.execute("UPDATE rating SET score = 5")
        assert connection.execute(sums).fetchall() == [(1, 5, 25)]
        with connection:
            connection.execute("UPDATE conversation SET held_on = '2025-12-31'")
        assert connection.execute("SELECT year FROM rating_sum").fetchall() == [(2025,)]
        with connection:
            connection.execute("DELETE FROM rating")
        assert connection.execute(sums).fetchall() == []
    finally:
        connection.close()


def test_the_migration_sums_the_ratings_already_there(
    repo: Repository, content_ref, peek, db: str
) -> None:
    """Migration 0008 fills the sums from the ratings a database already has: taken back to
    0007 (0008's downgrade: no table, no triggers, no index) and upgraded again, the sums
    are those of the ratings, on SQLite and PostgreSQL."""
    from alembic import command
    from alembic.config import Config

    from pipeline_tui.store.engine import writer
    from pipeline_tui.store.migrate import migrations_dir

    talks = repo.conversations
    for i, (layer, year, score) in enumerate(
        (("lead_others", 2026, 2), ("lead_others", 2026, 4), ("lead_self", 2025, 5))
    ):
        who = repo.people.create(f"Person {i}", layer, email=f"p{i}@example.dk")
        talk = talks.start(
            who.id,
            kind="lus",
            held_on=date(year, 3, 2),
            content=replace(content_ref, layer=layer),
        )
        talks.set_rating(talk.id, "x.goals", "manager", score=score)
    before = kept(peek)
    assert before == summed(peek) and len(before) == 2
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    for target in ("0007", "head"):
        with writer(repo.engine).begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if target == "0007" else command.upgrade)(config, target)
        if target == "0007":
            assert peek("SELECT version_num FROM alembic_version") == [("0007",)]
            talks.set_rating(talk.id, "x.planning", "self", score=3)  # no triggers now
    assert (
        kept(peek)
        == summed(peek)
        == sorted([*before, ("x.planning", "self", 2025, "lead_self", 1, 3, 9)])
    )


def test_a_preparation_begun_before_its_day_is_not_in_the_years_figures(
    repo: Repository, content_ref, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three people prepare through their links for conversations dated after today (each
    begun: in progress, self-ratings of 1): none is held, so HR's overview counts none of
    them held, and its rating figures leave their scores out, for everyone and for a
    filtered overview alike. They made the lowest self-rating of the year, and a third
    person for a group of two that may not be shown; before, the kept sums took them in."""
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")
    talks = repo.conversations
    people = [
        repo.people.create(f"Person {i}", "lead_self", email=f"p{i}@example.dk") for i in range(5)
    ]
    for person, held_on, score in (
        (people[0], date(2026, 3, 1), 4),
        (people[1], date(2026, 11, 23), 3),  # today: held
        (people[2], date(2026, 12, 5), 1),  # ahead: only prepared
        (people[3], date(2026, 12, 31), 1),
    ):
        talk = talks.start(person.id, kind="lus", held_on=held_on, content=content_ref)
        talks.set_status(talk.id, "in_progress")
        talks.set_rating(talk.id, EXPECTATIONS[0], "self", score=score)
    with repo.engine.connect() as connection:
        reader = sqlalchemy_reader(connection)
        held = {p for p, year in reader.person_years(2026).items() if year.held}
        assert held == {people[0].id, people[1].id}
        for aggregates in (
            reader.rating_aggregates(2026),
            reader.rating_aggregates(2026, [p.id for p in people]),
        ):
            assert [(a.expectation_id, a.rater, a.n, a.total, a.people) for a in aggregates] == [
                (EXPECTATIONS[0], "self", 2, 7.0, 2)
            ]
