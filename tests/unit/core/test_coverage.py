"""Coverage figures on a hand-made organisation, every answer worked out by hand below."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from pipeline_tui.core.coverage import (
    PersonYear,
    RatingAggregate,
    ScopePerson,
    Stat,
    coverage,
    dimension_stats,
    is_due_soon,
    is_overdue,
    team,
    weakest,
)

TODAY = date(2026, 11, 23)

# Ward A: 1 leader (2) + 3 staff (3, 4, 5); Finance: 1 leader (6) + 2 staff (7, 8); top: 1.
PEOPLE = [
    ScopePerson(1, "Top", "Board", "lead_business", None),
    ScopePerson(2, "Leader A", "Ward A", "lead_others", 1),
    ScopePerson(3, "Nurse 1", "Ward A", "lead_self", 2),
    ScopePerson(4, "Nurse 2", "Ward A", "lead_self", 2),
    ScopePerson(5, "Nurse 3", "Ward A", "lead_self", 2),
    ScopePerson(6, "Leader F", "Finance", "lead_others", 1),
    ScopePerson(7, "Clerk 1", "Finance", "lead_self", 6),
    ScopePerson(8, "Clerk 2", "Finance", "lead_self", 6),
]
YEARS = {
    # held and signed this year
    2: PersonYear(2, True, True, True, date(2027, 3, 1), date(2026, 3, 1)),
    # held, not signed; last plan's follow-up passed before this year's conversation
    3: PersonYear(3, True, True, False, date(2026, 2, 1), date(2026, 5, 1)),
    # offered (a draft with a date), not held; follow-up overdue (passed, nothing held since)
    4: PersonYear(4, True, False, False, date(2026, 10, 1), date(2025, 10, 1)),
    # nothing this year; follow-up due in 10 days
    5: PersonYear(5, False, False, False, date(2026, 12, 3), date(2025, 12, 3)),
    # held and signed
    6: PersonYear(6, True, True, True, None, date(2026, 9, 9)),
    # nothing this year; follow-up overdue
    7: PersonYear(7, False, False, False, date(2026, 1, 31), date(2025, 1, 31)),
    # 1 and 8: never had a conversation
}


def test_totals_worked_out_by_hand() -> None:
    """8 people: offered 2,3,4,6 = 4; held 2,3,6 = 3; signed 2,6 = 2; overdue 4,7 = 2."""
    result = coverage(2026, PEOPLE, YEARS, TODAY)
    total = result.total
    assert (total.people, total.offered, total.held, total.signed, total.overdue) == (8, 4, 3, 2, 2)
    assert total.share(total.signed) == pytest.approx(0.25)
    assert sorted(result.not_held) == [1, 4, 5, 7, 8]
    assert sorted(result.overdue) == [4, 7]
    assert result.due_soon == [5]


def test_per_unit_and_per_layer_rows() -> None:
    """Ward A: 4 people, offered 3, held 2, signed 1, overdue 1; Finance: 3, 1, 1, 1, 1."""
    result = coverage(2026, PEOPLE, YEARS, TODAY, layer_order=["lead_self", "lead_others"])
    units = {row.key: row for row in result.by_unit}
    assert [row.key for row in result.by_unit] == ["Board", "Finance", "Ward A"]
    ward = units["Ward A"]
    assert (ward.people, ward.offered, ward.held, ward.signed, ward.overdue) == (4, 3, 2, 1, 1)
    finance = units["Finance"]
    assert (finance.people, finance.offered, finance.held, finance.signed, finance.overdue) == (
        3,
        1,
        1,
        1,
        1,
    )
    layers = [(row.key, row.people, row.signed) for row in result.by_layer]
    # pack order first, then any layer the pack does not list
    assert layers == [("lead_self", 5, 0), ("lead_others", 2, 2), ("lead_business", 1, 0)]


def test_overdue_and_soon_rules() -> None:
    """Overdue: follow-up passed and nothing held since; soon: within 14 days, not passed."""
    passed = PersonYear(1, False, False, False, date(2026, 11, 22), date(2025, 11, 1))
    assert is_overdue(passed, TODAY)
    held_since = PersonYear(1, True, True, False, date(2026, 11, 1), date(2026, 11, 20))
    assert not is_overdue(held_since, TODAY)
    assert not is_overdue(None, TODAY)
    assert is_due_soon(PersonYear(1, False, False, False, TODAY, None), TODAY)
    in_15 = PersonYear(1, False, False, False, date(2026, 12, 8), None)
    assert not is_due_soon(in_15, TODAY)


def test_stat_mean_and_spread() -> None:
    """Scores 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population standard deviation 2."""
    scores = [2, 4, 4, 4, 5, 5, 7, 9]
    stat = Stat.of(len(scores), sum(scores), sum(s * s for s in scores))
    assert stat.mean == pytest.approx(5.0)
    assert stat.spread == pytest.approx(2.0)
    assert Stat.of(0, 0, 0).mean is None


def _agg(layer: str, exp: str, rater: str, scores: list[int]) -> RatingAggregate:
    return RatingAggregate(
        layer, exp, rater, len(scores), sum(scores), sum(s * s for s in scores), len(scores)
    )


def test_dimension_stats_combine_expectations() -> None:
    """'people' on lead_others: manager 2,4 (e1) and 3,3 (e2) give mean 3, spread √0.5."""
    aggregates = [
        _agg("lead_others", "e1", "manager", [2, 4]),
        _agg("lead_others", "e2", "manager", [3, 3]),
        _agg("lead_others", "e1", "self", [4, 4]),
        _agg("lead_others", "gone", "manager", [1]),  # no longer in the pack: left out
    ]
    stats = dimension_stats(aggregates, {"e1": "people", "e2": "people"})
    assert len(stats) == 1
    stat = stats[0]
    assert (stat.layer, stat.dimension_id) == ("lead_others", "people")
    assert stat.manager.n == 4
    assert stat.manager.mean == pytest.approx(3.0)
    assert stat.manager.spread == pytest.approx(math.sqrt(0.5))
    assert stat.self.mean == pytest.approx(4.0)


def test_weakest_prefers_the_managers_view() -> None:
    """Lowest manager mean first; an expectation only self-rated counts with the self mean."""
    aggregates = [
        _agg("lead_self", "a", "manager", [4, 4]),
        _agg("lead_self", "b", "manager", [2, 3]),
        _agg("lead_self", "b", "self", [5, 5]),
        _agg("lead_self", "c", "self", [3]),
        _agg("lead_self", "d", "manager", [1, 5]),
    ]
    found = weakest(aggregates, per_layer=3)["lead_self"]
    assert [(s.expectation_id, s.score) for s in found] == [("b", 2.5), ("c", 3.0), ("d", 3.0)]


def test_team_follows_reports_through_leaders() -> None:
    """The top leader's team is everyone else; a first-line leader's team is their staff."""
    assert team(PEOPLE, 1) == {2, 3, 4, 5, 6, 7, 8}
    assert team(PEOPLE, 2) == {3, 4, 5}
    assert team(PEOPLE, 3) == set()


def test_units_in_danish_order() -> None:
    """Units come in the order a Dane looks them up, as the people list does: æ, ø, å after
    z, in any case (code-point order put Århus before Ærø and Østerbro, a lower-case unit
    last of all)."""
    units = ("Århus", "Østerbro", "Ærø", "odense", "Aalborg", "Zealand")
    people = [ScopePerson(i, f"P{i}", unit, "lead_self", None) for i, unit in enumerate(units)]
    found = coverage(2026, people, {}, TODAY)
    assert [row.key for row in found.by_unit] == [
        "Aalborg", "odense", "Zealand", "Ærø", "Østerbro", "Århus"
    ]  # fmt: skip


def test_who_is_due_or_overdue_comes_by_name_in_danish_order() -> None:
    """The lists HR works down (no conversation, follow-up overdue, due soon) are in the
    people list's order, by name as a Dane reads it; they came in the order people were
    added (by id)."""
    names = ("Åse Ø", "Bo B", "Ærø Æ", "anna A", "Zara Z")
    people = [ScopePerson(i, name, "U", "lead_self", None) for i, name in enumerate(names, 1)]
    overdue = PersonYear(0, False, False, False, date(2026, 1, 1), None)
    years = {p.id: replace(overdue, person_id=p.id) for p in people}
    found = coverage(2026, people, years, TODAY)
    order = ["anna A", "Bo B", "Zara Z", "Ærø Æ", "Åse Ø"]
    by_id = {p.id: p.name for p in people}
    assert [by_id[i] for i in found.not_held] == order
    assert [by_id[i] for i in found.overdue] == order
