"""The people list's due states agree with HR's overview, from both read paths."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.core.coverage import is_overdue
from pipeline_tui.core.due import follow_up_state, status_key
from pipeline_tui.store.home import read_people_head, read_people_rows
from pipeline_tui.store.queries import sqlite_reader as open_stats_reader
from pipeline_tui.store.repository import Repository

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(repo: Repository, content_ref) -> dict[str, int]:
    """Four people whose follow-ups differ:

    - Lars: follow-up 2026-06-06 passed; only a draft dated ahead since -> overdue, planned.
    - Maja: follow-up 2026-06-06 passed; a conversation held 2026-09-01 since,
      without a follow-up date -> not overdue.
    - Nora: follow-up 2026-12-01, in 8 days -> soon (and due: nothing held this year).
    - Otto: the latest plan's follow-up 2027-03-01, an older one passed -> nothing due.
    """
    lus = replace(content_ref, layer="lead_others")
    ids = {}
    for name in ("Lars", "Maja", "Nora", "Otto"):
        person = repo.people.create(f"{name} Test", "lead_others", email=f"{name}@example.dk")
        ids[name] = person.id

    def held(name: str, on: date, follow_up: date | None, status: str = "signed") -> None:
        talk = repo.conversations.start(ids[name], kind="lus", held_on=on, content=lus)
        if follow_up is not None:
            repo.plans.update(talk.id, follow_up_on=follow_up)
        if status == "signed":
            repo.plans.sign(talk.id, "person")
            repo.plans.sign(talk.id, "conductor")
        elif status != "draft":
            repo.conversations.set_status(talk.id, status)

    held("Lars", date(2025, 6, 6), date(2026, 6, 6))
    held("Lars", date(2026, 11, 30), None, status="draft")
    held("Maja", date(2025, 6, 6), date(2026, 6, 6))
    held("Maja", date(2026, 9, 1), None, status="completed")
    held("Nora", date(2025, 12, 1), date(2026, 12, 1))
    held("Otto", date(2025, 3, 1), date(2026, 3, 1))
    held("Otto", date(2026, 3, 1), date(2027, 3, 1))
    return ids


def test_home_and_overview_agree_on_overdue(
    people: dict[str, int], repo: Repository, db_path: Path
) -> None:
    """A draft does not clear an overdue follow-up, a held conversation does; both views agree."""
    reader, close = open_stats_reader(db_path)
    try:
        years = reader.person_years(2026)
    finally:
        close()
    fast = {row.name.split()[0]: status_key(row, TODAY) for row in read_people_rows(db_path)}
    stored = {row.name.split()[0]: status_key(row, TODAY) for row in repo.people.rows()}
    assert fast == stored
    # A draft dated ahead does not clear an overdue follow-up (it says it is planned).
    assert fast["Lars"] == "overdue_planned" and fast["Nora"] == "due"
    nora = next(row for row in read_people_rows(db_path) if row.name.startswith("Nora"))
    assert follow_up_state(nora, TODAY) == "soon"
    assert fast["Maja"] == "completed" and fast["Otto"] == "signed"
    for name, person_id in people.items():
        overdue = fast[name] in ("overdue", "overdue_planned")
        assert is_overdue(years.get(person_id), TODAY) == overdue, name


def test_people_sort_by_name_with_danish_letters(repo: Repository, db_path: Path) -> None:
    """Both read paths sort by name ignoring case, with Æ, Ø and Å after Z."""
    for name in ("Åse Dahl", "bo Lund", "Zara Holm", "Ørjan Berg", "Carl Ek"):
        repo.people.create(name, "lead_self")
    expected = ["bo Lund", "Carl Ek", "Zara Holm", "Ørjan Berg", "Åse Dahl"]
    assert [row.name for row in read_people_rows(db_path)] == expected
    assert [row.name for row in repo.people.rows()] == expected
    assert [person.name for person in repo.people.list()] == expected  # `people list` too


def test_the_first_screenful_is_the_head_of_the_whole_list(
    people: dict[str, int], repo: Repository, db_path: Path
) -> None:
    """The head read for the first screen is the whole list's first rows, row for row (order,
    due states, follow-ups), with the right total; a short list comes back whole."""
    for name in ("Åse Dahl", "bo Lund", "Zara Holm", "Ørjan Berg", "Carl Ek", "carl Ek"):
        repo.people.create(name, "lead_self")
    whole = read_people_rows(db_path)
    assert len(whole) == 10
    for count in (1, 3, 7, 9):
        head, total = read_people_head(db_path, count)
        assert total == 10
        assert head == whole[:count]
    assert read_people_head(db_path, 10) == (whole, 10)
    assert read_people_head(db_path, 500) == (whole, 10)
    assert read_people_head(db_path.with_name("missing.db"), 5) is None


def test_a_conversation_prepared_through_the_link_is_not_held_before_its_day(
    repo: Repository, db_path: Path, content_ref, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pia's follow-up of 2026-06-06 has passed; her MUS is booked for 2026-11-30, and on
    2026-11-23 she rates herself through her preparation link (the conversation is begun).
    Until its day it is not held: home says overdue and planned, HR's overview counts it
    offered, not held, and the follow-up overdue; on the day it is held, on both read paths."""
    lus = replace(content_ref, layer="lead_others")
    pia = repo.people.create("Pia Test", "lead_others", email="pia@example.dk").id
    old = repo.conversations.start(pia, kind="lus", held_on=date(2025, 6, 6), content=lus)
    repo.plans.update(old.id, follow_up_on=date(2026, 6, 6))
    repo.plans.sign(old.id, "person")
    repo.plans.sign(old.id, "conductor")
    booked = repo.conversations.start(pia, kind="lus", held_on=date(2026, 11, 30), content=lus)
    repo.conversations.set_rating(booked.id, "lead_others.delegation", "self", score=2)
    assert repo.conversations.get(booked.id).status == "in_progress"

    def seen(today: date) -> tuple[set[str], bool, bool, int]:
        monkeypatch.setenv("PIPELINE_TUI_TODAY", today.isoformat())
        fast = next(row for row in read_people_rows(db_path) if row.id == pia)
        stored = next(row for row in repo.people.rows() if row.id == pia)
        assert fast == stored
        reader, close = open_stats_reader(db_path)
        try:
            year = reader.person_years(2026)[pia]
            counts = [held for who, _, _, held in reader.kind_counts(2026) if who == pia]
        finally:
            close()
        assert year == repo.stats.person_years(2026)[pia]
        assert year.offered
        states = {status_key(fast, today), status_key(stored, today)}
        return states, year.held, is_overdue(year, today), sum(counts)

    assert seen(TODAY) == ({"overdue_planned"}, False, True, 0)
    assert seen(date(2026, 11, 30)) == ({"in_progress"}, True, False, 1)
