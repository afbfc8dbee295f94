"""The overview's per-person figures (`Reader.person_years`) on either engine."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.store.queries import sqlalchemy_reader
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


def test_the_follow_up_is_that_of_the_latest_held_conversation(
    repo: Repository, content_ref
) -> None:
    """The follow-up date is that of the plan of the latest held conversation that has one
    (a later draft with a date does not count; a later held one without a date neither),
    in one statement per person on SQLite and PostgreSQL alike."""
    people, talks, plans = repo.people, repo.conversations, repo.plans
    anna = people.create("Anna Berg", "lead_others", email="anna@example.dk", unit="A")
    jonas = people.create("Jonas Friis", "lead_others", email="jonas@example.dk", unit="B")
    for held_on, follow_up, status in (
        (date(2025, 3, 2), date(2026, 3, 1), "completed"),
        (date(2026, 3, 2), date(2027, 3, 1), "in_progress"),
        (date(2026, 6, 1), None, "completed"),
        (date(2026, 10, 1), date(2028, 1, 1), None),  # only prepared: not held
    ):
        talk = talks.start(anna.id, kind="lus", held_on=held_on, content=content_ref)
        if follow_up is not None:
            plans.update(talk.id, follow_up_on=follow_up)
        if status is not None:
            talks.set_status(talk.id, status)
    talks.start(jonas.id, kind="lus", held_on=date(2026, 2, 2), content=content_ref)
    with repo.engine.connect() as connection:
        years = sqlalchemy_reader(connection).person_years(2026)
    assert years[anna.id].follow_up_on == date(2027, 3, 1)
    assert years[anna.id].last_held_on == date(2026, 6, 1)
    assert (years[anna.id].offered, years[anna.id].held) == (True, True)
    assert years[jonas.id].follow_up_on is None and years[jonas.id].last_held_on is None
    assert (years[jonas.id].offered, years[jonas.id].held) == (True, False)


def test_a_conversation_begun_before_its_day_is_held_on_the_day(
    repo: Repository, content_ref, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conversation the person began preparing (a rating) before its day counts as
    offered, not held, until the day comes: on SQLite and PostgreSQL alike."""
    anna = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    talk = repo.conversations.start(
        anna.id, kind="lus", held_on=date(2026, 11, 30), content=content_ref
    )
    repo.conversations.set_rating(talk.id, "lead_others.delegation", "self", score=4)
    for today, held in (("2026-11-29", False), ("2026-11-30", True), ("2026-12-01", True)):
        monkeypatch.setenv("PIPELINE_TUI_TODAY", today)
        year = repo.stats.person_years(2026)[anna.id]
        assert (year.offered, year.held) == (True, held), today
        assert year.last_held_on == (date(2026, 11, 30) if held else None), today
        assert repo.stats.kind_counts(2026) == [(anna.id, "lus", 1, int(held))], today


def test_old_expectation_titles_come_from_the_snapshots_newest_first(
    repo: Repository, content_ref
) -> None:
    """`expectation_titles` reads the titles of expectations a pack no longer has from the
    content snapshots of the layer, the newest first, on SQLite and PostgreSQL alike."""
    from dataclasses import replace

    anna = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")

    def held_with(digit: str, title: str) -> None:
        expectation = {"id": "lead_others.rota", "title": {"da": title, "en": title + " (en)"}}
        texts = {**content_ref.texts, "expectations": [expectation]}
        content = replace(content_ref, pack_hash=digit * 64, texts=texts)
        repo.conversations.start(anna.id, kind="lus", held_on=date(2026, 3, 2), content=content)

    held_with("b", "Lægger vagtplan")
    held_with("c", "Lægger vagtplanen i tide")
    wanted = {"lead_others": {"lead_others.rota", "lead_others.never"}, "lead_self": {"x"}}
    assert repo.stats.expectation_titles(wanted) == {
        "lead_others.rota": {
            "da": "Lægger vagtplanen i tide",
            "en": "Lægger vagtplanen i tide (en)",
        }
    }
