"""The profile per dimension, strengths, development areas and gaps."""

from __future__ import annotations

import pytest

from pipeline_tui.core.profile import development_areas, gaps, profile, rated_count, strengths

from .conftest import rating


def test_profile_means_per_dimension(content) -> None:
    """Results: self (4+2)/2 = 3, manager (3+2)/2 = 2.5; people: self 5, manager not rated."""
    ratings = [
        rating("r1", "self", 4),
        rating("r2", "self", 2),
        rating("r1", "manager", 3),
        rating("r2", "manager", 2),
        rating("p1", "self", 5),
        rating("p2", "manager", None, not_observed=True),
    ]
    result = {p.dimension_id: p for p in profile(content, ratings)}
    assert [p.dimension_id for p in profile(content, ratings)] == ["results", "people"]
    assert result["results"].self_mean == pytest.approx(3.0)
    assert result["results"].manager_mean == pytest.approx(2.5)
    assert result["results"].gap == pytest.approx(0.5)
    assert result["people"].self_mean == pytest.approx(5.0)
    assert result["people"].manager_mean is None
    assert result["people"].gap is None


def test_rated_count_includes_not_observed(content) -> None:
    """Not observed is an answer; an unrated row (cleared) is not."""
    ratings = [
        rating("r1", "manager", 3),
        rating("p1", "manager", None, not_observed=True),
        rating("p2", "manager", None),
        rating("elsewhere", "manager", 4),
    ]
    assert rated_count(content, ratings, "manager") == 2


def test_gaps_largest_first_self_above_manager_before_below(content) -> None:
    """Gaps of 2 (self above), -2 (self below) and 1, sorted by size, then sign."""
    ratings = [
        rating("r1", "self", 5),
        rating("r1", "manager", 3),
        rating("p1", "self", 2),
        rating("p1", "manager", 4),
        rating("r2", "self", 4),
        rating("r2", "manager", 3),
        rating("p2", "self", 3),
        rating("p2", "manager", 3),
    ]
    found = gaps(content, ratings)
    assert [(g.expectation_id, g.size) for g in found] == [("r1", 2), ("p1", -2), ("r2", 1)]
    assert [g.expectation_id for g in gaps(content, ratings, minimum=2)] == ["r1", "p1"]


def test_strengths_and_development_areas_use_the_managers_view(content) -> None:
    """The manager's score counts where given; self only where the manager did not rate."""
    ratings = [
        rating("r1", "self", 5),
        rating("r1", "manager", 2),  # a self-rated 5 the manager sees as 2: development area
        rating("p1", "manager", 5),
        rating("r2", "self", 4),  # only self: counts as 4
        rating("p2", "manager", 1),
    ]
    assert [s.expectation_id for s in strengths(content, ratings)] == ["p1", "r2"]
    assert [(s.expectation_id, s.score) for s in development_areas(content, ratings)] == [
        ("p2", 1.0),
        ("r1", 2.0),
    ]


def test_the_gap_is_over_the_expectations_both_rated(content) -> None:
    """Self scored one of results' two expectations (3), the manager both (4 and 3): the
    means shown stay each one's own (self 3,0, manager 3,5), but the gap was their
    difference, −0,5, where on the one expectation both scored it is 3 − 4 = −1,0."""
    ratings = [rating("r1", "self", 3), rating("r1", "manager", 4), rating("r2", "manager", 3)]
    result = {p.dimension_id: p for p in profile(content, ratings)}["results"]
    assert (result.self_mean, result.manager_mean) == (pytest.approx(3.0), pytest.approx(3.5))
    assert result.gap == pytest.approx(-1.0)
    assert result.both_rated == 1 and result.gap_over_fewer
    same = [*ratings, rating("r2", "self", 2)]
    both = {p.dimension_id: p for p in profile(content, same)}["results"]
    assert both.gap == pytest.approx(-1.0) and not both.gap_over_fewer
    alone = {p.dimension_id: p for p in profile(content, [rating("r1", "self", 3)])}["results"]
    assert alone.gap is None and not alone.gap_over_fewer


def test_the_360_flag_compares_the_expectations_both_rated(content) -> None:
    """360°: self scored one of results' two expectations (3), the peers both (4 and 2,
    a mean of 3,0): the dimension's flag compared self's 3,0 with the peers' 3,0 and
    marked nothing, where on the one expectation both scored the peers see 1 point more
    (a hidden strength). The flag now compares like with like; the means stay."""
    from pipeline_tui.core.profile import HIDDEN_STRENGTH, dimension_series
    from pipeline_tui.records import GroupFeedback

    peers = GroupFeedback("peer", 3, True, (("r1", 4.0), ("r2", 2.0)), raters=3)
    rows = {row.key: row for row in dimension_series(content, [rating("r1", "self", 3)], [peers])}
    assert rows["results"].values == (3.0, None, 3.0)
    assert rows["results"].flag == HIDDEN_STRENGTH
    every = [rating("r1", "self", 3), rating("r2", "self", 3)]
    same = {row.key: row for row in dimension_series(content, every, [peers])}["results"]
    assert same.values == (3.0, None, 3.0) and same.flag is None  # complete: as before
