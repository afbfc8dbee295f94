"""What is due on the people list, and a person's history over the years."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from pipeline_tui.core.due import follow_up_state, has_conversation_this_year, status_key
from pipeline_tui.core.history import current_plan, draft_plan, progress, trends
from pipeline_tui.records import (
    ActionRecord,
    ConversationDetail,
    ConversationRecord,
    GoalRecord,
    PersonRow,
    PlanRecord,
)

from .conftest import rating

TODAY = date(2026, 11, 23)


def row(held: date | None, status: str | None, follow_up: date | None) -> PersonRow:
    """The latest conversation (a MUS, yearly) was held on `held` in `status`."""
    begun = status == "in_progress" and held is not None and held <= TODAY
    yearly = held if status in ("completed", "signed") or begun else None
    return PersonRow(1, "A", "", "", "lead_self", None, held, "mus", status, follow_up, yearly)


@pytest.mark.parametrize(
    ("held", "status", "follow_up", "expected"),
    [
        (None, None, None, "due"),
        (date(2025, 5, 1), "signed", date(2026, 5, 1), "overdue"),
        (date(2025, 5, 1), "signed", date(2026, 12, 1), "due"),
        (date(2026, 5, 1), "signed", date(2026, 12, 1), "soon"),
        (date(2026, 5, 1), "signed", date(2027, 5, 1), "signed"),
        (date(2026, 11, 30), "draft", None, "planned"),  # a date ahead: not the latest held
        # Last year's follow-up is overdue and this year's is booked: both said.
        (date(2026, 11, 30), "draft", date(2026, 11, 1), "overdue_planned"),
        (date(2026, 11, 23), "draft", date(2026, 11, 1), "overdue"),  # today's draft: not ahead
        (date(2026, 11, 23), "draft", None, "draft"),
        (date(2026, 11, 20), "in_progress", None, "in_progress"),
        # Begun ahead of its day (the person prepared through their link): still planned.
        (date(2026, 11, 30), "in_progress", None, "planned"),
        (date(2026, 11, 30), "in_progress", date(2026, 11, 1), "overdue_planned"),
    ],
)
def test_status_key(held, status, follow_up, expected) -> None:
    """The most urgent state wins: overdue follow-up, then no conversation this year."""
    assert status_key(row(held, status, follow_up), TODAY) == expected


def test_a_conversation_booked_after_this_years_held_one_reads_planned() -> None:
    """This year's MUS held and signed, a status conversation booked for next week: home
    said "Status conversation · Draft" (the latest conversation's own state), where a
    booked one reads "Planned" everywhere else."""
    booked = PersonRow(
        1, "A", "", "", "lead_self", None, date(2026, 12, 2), "status", "draft",
        date(2027, 5, 1), date(2026, 5, 1),
    )  # fmt: skip
    assert status_key(booked, TODAY) == "planned"
    begun = replace(booked, last_status="in_progress")
    assert status_key(begun, TODAY) == "planned"
    today = replace(booked, last_held_on=TODAY)
    assert status_key(today, TODAY) == "draft"


def test_a_draft_is_not_a_held_conversation() -> None:
    """Coverage counts conversations that were held, not ones merely prepared."""
    assert not has_conversation_this_year(row(date(2026, 11, 30), "draft", None), TODAY)
    assert has_conversation_this_year(row(date(2026, 1, 30), "completed", None), TODAY)
    assert follow_up_state(row(None, None, TODAY), TODAY) == "soon"


def _record(cid: int, held_on: date, status: str = "signed") -> ConversationRecord:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return ConversationRecord(
        cid, 1, "A", "lus", "team_lead", held_on, "", None, status, "da", "plan", True,
        "test", "1", "h", None, 1, None, 1, now, now,
    )  # fmt: skip


def _plan(cid: int, goals: tuple[GoalRecord, ...]) -> PlanRecord:
    return PlanRecord(cid, cid, "", "", "", None, None, None, 1, goals)


def _goal(title: str, done: tuple[bool, ...]) -> GoalRecord:
    actions = tuple(
        ActionRecord(i, 1, i, f"a{i}", "experience", "", None, d, None, 1)
        for i, d in enumerate(done)
    )
    return GoalRecord(1, 1, 0, title, (), (), "", None, "open", "", "", None, None, 1, actions)


def test_trends_follow_dimensions_over_time(content) -> None:
    """Two held conversations (and a draft, left out): results went 2.0 -> 3.5."""
    first = ConversationDetail(
        _record(1, date(2025, 3, 1)),
        (rating("r1", "manager", 2), rating("r2", "manager", 2)),
        (),
        _plan(1, (_goal("old", (True, False)),)),
    )
    second = ConversationDetail(
        _record(2, date(2026, 3, 1)),
        (rating("r1", "manager", 3), rating("r2", "manager", 4)),
        (),
        _plan(2, ()),
    )
    draft = ConversationDetail(_record(3, date(2026, 12, 1), "draft"), (), (), None)
    columns, rows = trends([(second, content), (draft, content), (first, content)])
    assert columns == ["2025-03-01", "2026-03-01"]
    results = next(r for r in rows if r.dimension_id == "results")
    assert [p.manager_mean for p in results.points] == [2.0, 3.5]
    assert results.change() == pytest.approx(1.5)
    people = next(r for r in rows if r.dimension_id == "people")
    assert [p.manager_mean for p in people.points] == [None, None]
    found = current_plan([(second, content), (first, content)])
    assert found is not None and found[0].conversation.id == 1
    assert progress(found[1].goals[0]) == (1, 2)


def test_the_plan_in_force_is_the_latest_signed_one(content) -> None:
    """A newer plan still being written is a draft beside it, not the plan in force."""
    signed = ConversationDetail(
        _record(1, date(2025, 3, 1)), (), (), _plan(1, (_goal("signed goal", (True,)),))
    )
    writing = ConversationDetail(
        _record(2, date(2026, 11, 20), "in_progress"),
        (),
        (),
        _plan(2, (_goal("draft goal", ()),)),
    )
    history = [(writing, content), (signed, content)]
    found = current_plan(history)
    assert found is not None and found[0].conversation.id == 1
    draft = draft_plan(history)
    assert draft is not None and draft[1].goals[0].title == "draft goal"
    assert draft_plan([(signed, content)]) is None
    assert current_plan([(writing, content)]) is None


def test_a_conversation_without_ratings_is_no_column_of_the_trend(content) -> None:
    """A status conversation held between two rated ones (it has no expectations step)
    showed as a column of dashes under a second year heading."""
    first = ConversationDetail(
        _record(1, date(2023, 1, 15)), (rating("r1", "manager", 2),), (), None
    )
    status = ConversationDetail(_record(2, date(2026, 6, 1)), (), (), None)
    second = ConversationDetail(
        _record(3, date(2026, 1, 15)), (rating("r1", "manager", 4),), (), None
    )
    columns, rows = trends([(status, content), (second, content), (first, content)])
    assert columns == ["2023-01-15", "2026-01-15"]
    results = next(r for r in rows if r.dimension_id == "results")
    assert [p.manager_mean if p else None for p in results.points] == [2.0, 4.0]
    assert results.change() == pytest.approx(2.0)
