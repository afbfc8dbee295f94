"""What the ratings say: the profile per dimension, strengths, development areas, gaps.

Self-ratings are known to correlate weakly with how others see us, and leaders
who rate themselves far above their manager's view are the ones at risk, so
gaps are first-class here: they are listed, sized and suggested as goals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import mean

from pipeline_tui.core.anonymity import DECIMALS
from pipeline_tui.packs.shapes import Content
from pipeline_tui.records import GroupFeedback, RatingRecord
from pipeline_tui.vocabulary import PARTIES

LARGE_GAP = 2


@dataclass(frozen=True)
class DimensionProfile:
    dimension_id: str
    expectations: int
    self_mean: float | None
    manager_mean: float | None
    self_rated: int
    manager_rated: int
    # The expectations both scored, and each one's mean over those: the gap compares like
    # with like. Each mean above is over what that party scored (their view of the
    # dimension); where one scored 2 of 4 and the other all 4, the difference of those
    # means mixes in the other's scores of expectations the first left out.
    both_rated: int = 0
    self_mean_both: float | None = None
    manager_mean_both: float | None = None

    @property
    def gap(self) -> float | None:
        """Self less the manager over the expectations both scored (None: none)."""
        if self.self_mean_both is None or self.manager_mean_both is None:
            return None
        return self.self_mean_both - self.manager_mean_both

    @property
    def gap_over_fewer(self) -> bool:
        """The gap stands for fewer expectations than the means shown (one party scored
        some the other did not)."""
        return self.gap is not None and (
            self.both_rated != self.self_rated or self.both_rated != self.manager_rated
        )


@dataclass(frozen=True)
class Gap:
    expectation_id: str
    self_score: int
    manager_score: int

    @property
    def size(self) -> int:
        """Positive when the person rates themselves above the manager's view."""
        return self.self_score - self.manager_score


@dataclass(frozen=True)
class Scored:
    expectation_id: str
    score: float
    self_score: int | None
    manager_score: int | None


def scores(ratings: Iterable[RatingRecord], rater: str) -> dict[str, int]:
    """Expectation id -> score for one rater (not-observed and unrated left out)."""
    return {r.expectation_id: r.score for r in ratings if r.rater == rater and r.score is not None}


def rated_count(content: Content, ratings: Iterable[RatingRecord], rater: str) -> int:
    """How many of the layer's expectations this rater has answered (a score or not observed)."""
    ids = {e.id for e in content.expectations}
    return sum(1 for r in ratings if r.rater == rater and r.is_rated and r.expectation_id in ids)


def profile(content: Content, ratings: Sequence[RatingRecord]) -> list[DimensionProfile]:
    own, boss = scores(ratings, "self"), scores(ratings, "manager")
    result = []
    for dimension, items in content.by_dimension():
        ids = [e.id for e in items]
        mine = [own[i] for i in ids if i in own]
        theirs = [boss[i] for i in ids if i in boss]
        both = [i for i in ids if i in own and i in boss]
        result.append(
            DimensionProfile(
                dimension_id=dimension.id,
                expectations=len(ids),
                self_mean=mean(mine) if mine else None,
                manager_mean=mean(theirs) if theirs else None,
                self_rated=len(mine),
                manager_rated=len(theirs),
                both_rated=len(both),
                self_mean_both=mean(own[i] for i in both) if both else None,
                manager_mean_both=mean(boss[i] for i in both) if both else None,
            )
        )
    return result


def gaps(content: Content, ratings: Sequence[RatingRecord], *, minimum: int = 1) -> list[Gap]:
    """Expectations both rated where the scores differ by `minimum` or more, largest first."""
    own, boss = scores(ratings, "self"), scores(ratings, "manager")
    found = [
        Gap(e.id, own[e.id], boss[e.id])
        for e in content.ordered_expectations()
        if e.id in own and e.id in boss and abs(own[e.id] - boss[e.id]) >= minimum
    ]
    return sorted(found, key=lambda g: (-abs(g.size), -g.size))


def largest_gaps(
    content: Content, ratings: Sequence[RatingRecord], *, limit: int = 5
) -> tuple[list[Gap], list[Gap]]:
    """The largest gaps each way: (person above the manager, manager above the person).

    Sorted by size alone, a few gaps where the person rates themself higher
    filled the list and a manager who rates higher (an unseen strength, the
    other blind spot) never showed. Each way gets a fair share of `limit`,
    the rest goes to the way that has more.
    """
    found = gaps(content, ratings)
    above = [g for g in found if g.size > 0]
    below = [g for g in found if g.size < 0]
    share = (limit + 1) // 2
    take_below = min(len(below), max(limit - min(len(above), share), limit - share))
    take_above = min(len(above), limit - take_below)
    return above[:take_above], below[:take_below]


def _combined(content: Content, ratings: Sequence[RatingRecord]) -> list[Scored]:
    """One score per expectation: the manager's where given (the outside view), else self."""
    own, boss = scores(ratings, "self"), scores(ratings, "manager")
    result = []
    for e in content.ordered_expectations():
        if e.id in boss or e.id in own:
            score = boss[e.id] if e.id in boss else own[e.id]
            result.append(Scored(e.id, float(score), own.get(e.id), boss.get(e.id)))
    return result


def midpoint(content: Content) -> float:
    """The layer's bar: the middle of the pack's scale (3 on a 1–5 scale)."""
    values = content.scale_values
    return (min(values) + max(values)) / 2


def strengths(content: Content, ratings: Sequence[RatingRecord], *, limit: int = 3) -> list[Scored]:
    """The highest-rated expectations above the layer's bar (4 or 5 on a 1–5 scale)."""
    bar = midpoint(content)
    found = [s for s in _combined(content, ratings) if s.score > bar]
    return sorted(found, key=lambda s: -s.score)[:limit]


def development_areas(
    content: Content, ratings: Sequence[RatingRecord], *, limit: int = 3
) -> list[Scored]:
    """The lowest-rated expectations below the layer's bar (1 or 2 on a 1–5 scale)."""
    bar = midpoint(content)
    found = [s for s in _combined(content, ratings) if s.score < bar]
    return sorted(found, key=lambda s: s.score)[:limit]


# --- 360°: self, manager and the rater groups shown (peers, reports, others) -----------

BLIND_SPOT = "blind_spot"  # self far above how the others see it
HIDDEN_STRENGTH = "hidden_strength"  # self far below how the others see it


@dataclass(frozen=True)
class SeriesRow:
    """One dimension or expectation, with a value per series (None: not rated, or a group
    too small to show) and whether self lies far from the others (`flag`)."""

    key: str
    values: tuple[float | None, ...]  # in the order of the series it was made for
    flag: str | None = None


def shown_groups(feedback: Sequence[GroupFeedback]) -> tuple[str, ...]:
    """The rater groups whose results may be shown, in the order of RATER_GROUPS."""
    return tuple(g.group for g in feedback if g.shown)


def series_for(feedback: Sequence[GroupFeedback]) -> tuple[str, ...]:
    """The series a 360° profile shows: self, manager and every group that may be shown."""
    return (*PARTIES, *shown_groups(feedback))


def far_apart(content: Content) -> float:
    """How far self must lie from the others' mean to be marked: a quarter of the scale
    (1 point on a 1–5 scale)."""
    values = content.scale_values
    return (max(values) - min(values)) / 4


def _flag(values: Sequence[float | None], far: float) -> str | None:
    own, others = values[0], [v for v in values[1:] if v is not None]
    if own is None or not others:
        return None
    return _judged(own - mean(others), far)


def _judged(difference: float, far: float) -> str | None:
    """Self this far above the others (or below): a blind spot (a hidden strength)."""
    difference = round(difference, DECIMALS)  # 1.0, not 0.9999999999999996
    if difference >= far:
        return BLIND_SPOT
    if difference <= -far:
        return HIDDEN_STRENGTH
    return None


def expectation_series(
    content: Content,
    ratings: Sequence[RatingRecord],
    feedback: Sequence[GroupFeedback],
) -> list[SeriesRow]:
    """Per expectation (in the order shown): self, manager, then each group shown."""
    own, boss = scores(ratings, "self"), scores(ratings, "manager")
    groups = [g for g in feedback if g.shown]
    far = far_apart(content)
    rows = []
    for e in content.ordered_expectations():
        values = (
            float(own[e.id]) if e.id in own else None,
            float(boss[e.id]) if e.id in boss else None,
            *(g.mean(e.id) for g in groups),
        )
        rows.append(SeriesRow(e.id, values, _flag(values, far)))
    return rows


def dimension_series(
    content: Content,
    ratings: Sequence[RatingRecord],
    feedback: Sequence[GroupFeedback],
) -> list[SeriesRow]:
    """Per dimension: each series' mean over the dimension's expectations it has a value for."""
    by_expectation = {row.key: row for row in expectation_series(content, ratings, feedback)}
    width = len(series_for(feedback))
    far = far_apart(content)
    rows = []
    for dimension, items in content.by_dimension():
        values = []
        for index in range(width):
            found = [v for e in items if (v := by_expectation[e.id].values[index]) is not None]
            values.append(round(mean(found), DECIMALS) if found else None)
        rows.append(
            SeriesRow(
                dimension.id,
                tuple(values),
                _flag_shared([by_expectation[e.id] for e in items], far),
            )
        )
    return rows


def _flag_shared(items: Sequence[SeriesRow], far: float) -> str | None:
    """A dimension's flag, self against each other series over the expectations both
    have a value for (as the self − manager gap: like with like), then averaged: where
    every series has every expectation, self's mean less the others' mean, as before.
    Each series' mean shown stays over all it has."""
    differences = []
    for index in range(1, len(items[0].values) if items else 0):
        both = [
            (row.values[0], other)
            for row in items
            if row.values[0] is not None and (other := row.values[index]) is not None
        ]
        if both:
            differences.append(mean(own for own, _ in both) - mean(other for _, other in both))
    return _judged(mean(differences), far) if differences else None
