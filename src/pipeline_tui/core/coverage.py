"""HR's figures: who was offered and held this year's conversation, who has a signed
plan, which follow-ups are overdue, and where leadership is weakest.

Pure: the store hands in people, one `PersonYear` per person and rating
aggregates (count, sum, sum of squares and people rated per layer, expectation and
rater, summed in SQL so ten thousand people cost one query); this module does the rest.

Definitions (the client's KPI "Tilbudt MUS %" and the goal "100 % offered and
with a development plan"):
- offered: the person has a conversation dated in the year, in any state
  (a draft with a date is an offer);
- held: a conversation in the year has been held (in progress, completed, signed);
- signed plan: a conversation in the year has a plan signed by both;
- follow-up overdue: the latest plan's follow-up date has passed and no
  conversation has been held since.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from pipeline_tui.core.due import held_reason
from pipeline_tui.core.order import name_key


@dataclass(frozen=True)
class ScopePerson:
    id: int
    name: str
    unit: str
    layer: str
    manager_id: int | None


@dataclass(frozen=True)
class PersonYear:
    person_id: int
    offered: bool
    held: bool
    signed: bool
    follow_up_on: date | None  # of the latest plan
    last_held_on: date | None  # of the latest held conversation, any year
    # The nearest conversation booked ahead and not yet held (a draft, or one begun through
    # the person's link before its day: `core.due.is_planned`), any kind: an overdue
    # follow-up with a date booked reads "Overdue · planned", as on home.
    planned_on: date | None = None


@dataclass(frozen=True)
class RatingAggregate:
    layer: str
    expectation_id: str
    rater: str
    n: int
    total: float
    total_sq: float
    # How many different people the n scores are of: a person rated in two conversations of
    # the year on the layer counts once (what HR's overview's threshold counts).
    people: int


@dataclass(frozen=True)
class Stat:
    n: int = 0
    mean: float | None = None
    spread: float | None = None  # population standard deviation

    @classmethod
    def of(cls, n: int, total: float, total_sq: float) -> Stat:
        if n <= 0:
            return cls()
        mean = total / n
        variance = max(total_sq / n - mean * mean, 0.0)
        return cls(n, mean, math.sqrt(variance))


@dataclass(frozen=True)
class CoverageRow:
    key: str
    people: int
    offered: int
    held: int
    signed: int
    overdue: int

    def share(self, count: int) -> float:
        return count / self.people if self.people else 0.0


@dataclass(frozen=True)
class Coverage:
    year: int
    total: CoverageRow
    by_unit: list[CoverageRow]
    by_layer: list[CoverageRow]
    not_held: list[int] = field(default_factory=list)  # person ids, no held conversation
    overdue: list[int] = field(default_factory=list)  # person ids, follow-up overdue
    due_soon: list[int] = field(default_factory=list)  # follow-up within 14 days


@dataclass(frozen=True)
class DimensionStat:
    layer: str
    dimension_id: str
    manager: Stat
    self: Stat


@dataclass(frozen=True)
class ExpectationStat:
    layer: str
    expectation_id: str
    manager: Stat
    self: Stat

    @property
    def score(self) -> float:
        """What 'weakest' sorts by: the manager's mean, or self where no manager rated."""
        if self.manager.mean is not None:
            return self.manager.mean
        return self.self.mean if self.self.mean is not None else math.inf


@dataclass(frozen=True)
class ResponseRate:
    """How many of the raters a conversation asked (peers, reports, others) answered."""

    conversation_id: int
    person_id: int
    kind: str
    held_on: date | None
    asked: int
    answered: int
    status: str = "completed"  # the conversation's: one in progress is still collecting answers
    revealed: bool = False  # its ratings shown: its links take no more answers

    @property
    def share(self) -> float:
        return self.answered / self.asked if self.asked else 0.0

    def collecting(self, today: date) -> bool:
        """Whether its links still take answers: not held by the one rule the links
        follow (`core.due.held_reason`), so a reminder to its raters can still help."""
        return self.held_on is not None and held_reason(_Held(self), today) is None


@dataclass(frozen=True)
class _Held:
    """A response rate as `held_reason` reads a conversation (its date known)."""

    rate: ResponseRate

    @property
    def status(self) -> str:
        return self.rate.status

    @property
    def revealed(self) -> bool:
        return self.rate.revealed

    @property
    def held_on(self) -> date:
        assert self.rate.held_on is not None
        return self.rate.held_on


def is_overdue(year: PersonYear | None, today: date) -> bool:
    if year is None or year.follow_up_on is None or year.follow_up_on >= today:
        return False
    return year.last_held_on is None or year.last_held_on < year.follow_up_on


def is_due_soon(year: PersonYear | None, today: date, days: int = 14) -> bool:
    if year is None or year.follow_up_on is None:
        return False
    return 0 <= (year.follow_up_on - today).days <= days


def _row(
    key: str, people: Sequence[ScopePerson], years: Mapping[int, PersonYear], today: date
) -> CoverageRow:
    found = [years.get(p.id) for p in people]
    return CoverageRow(
        key=key,
        people=len(people),
        offered=sum(1 for y in found if y and y.offered),
        held=sum(1 for y in found if y and y.held),
        signed=sum(1 for y in found if y and y.signed),
        overdue=sum(1 for y in found if is_overdue(y, today)),
    )


def coverage(
    year: int,
    people: Sequence[ScopePerson],
    years: Mapping[int, PersonYear],
    today: date,
    *,
    layer_order: Sequence[str] = (),
) -> Coverage:
    """Coverage for everyone given, in total, per unit (by name) and per layer (pack order)."""
    units: dict[str, list[ScopePerson]] = defaultdict(list)
    layers: dict[str, list[ScopePerson]] = defaultdict(list)
    for person in people:
        units[person.unit].append(person)
        layers[person.layer].append(person)
    rank = {key: i for i, key in enumerate(layer_order)}
    # Who is due or overdue, by name in Danish order as on home (they came by id)
    by_name = sorted(people, key=lambda p: (name_key(p.name), p.id))
    return Coverage(
        year=year,
        total=_row("", people, years, today),
        by_unit=[_row(u, units[u], years, today) for u in sorted(units, key=name_key)],
        by_layer=[
            _row(key, layers[key], years, today)
            for key in sorted(layers, key=lambda k: (rank.get(k, len(rank)), k))
        ],
        not_held=[p.id for p in by_name if not (years.get(p.id) and years[p.id].held)],
        overdue=[p.id for p in by_name if is_overdue(years.get(p.id), today)],
        due_soon=[p.id for p in by_name if is_due_soon(years.get(p.id), today)],
    )


def _combine(items: Iterable[RatingAggregate]) -> Stat:
    n = total = total_sq = 0.0
    for item in items:
        n += item.n
        total += item.total
        total_sq += item.total_sq
    return Stat.of(int(n), total, total_sq)


def expectation_stats(aggregates: Iterable[RatingAggregate]) -> list[ExpectationStat]:
    grouped: dict[tuple[str, str], dict[str, list[RatingAggregate]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for item in aggregates:
        grouped[(item.layer, item.expectation_id)][item.rater].append(item)
    return [
        ExpectationStat(layer, expectation, _combine(by["manager"]), _combine(by["self"]))
        for (layer, expectation), by in grouped.items()
    ]


def dimension_stats(
    aggregates: Iterable[RatingAggregate], dimension_of: Mapping[str, str]
) -> list[DimensionStat]:
    """Mean and spread per layer and dimension (expectations no longer in the pack are left out)."""
    grouped: dict[tuple[str, str], dict[str, list[RatingAggregate]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for item in aggregates:
        dimension = dimension_of.get(item.expectation_id)
        if dimension is not None:
            grouped[(item.layer, dimension)][item.rater].append(item)
    return [
        DimensionStat(layer, dimension, _combine(by["manager"]), _combine(by["self"]))
        for (layer, dimension), by in sorted(grouped.items())
    ]


def weakest(
    aggregates: Iterable[RatingAggregate], *, per_layer: int = 3
) -> dict[str, list[ExpectationStat]]:
    """The lowest-rated expectations of each layer (manager's mean first, then self)."""
    by_layer: dict[str, list[ExpectationStat]] = defaultdict(list)
    for stat in expectation_stats(aggregates):
        if stat.score != math.inf:
            by_layer[stat.layer].append(stat)
    return {
        layer: sorted(items, key=lambda s: (s.score, s.expectation_id))[:per_layer]
        for layer, items in sorted(by_layer.items())
    }


def team(people: Iterable[ScopePerson], manager_id: int) -> set[int]:
    """Everyone who reports to `manager_id`, directly or through others."""
    children: dict[int, list[int]] = defaultdict(list)
    for person in people:
        if person.manager_id is not None:
            children[person.manager_id].append(person.id)
    found: set[int] = set()
    stack = list(children.get(manager_id, ()))
    while stack:
        person_id = stack.pop()
        if person_id in found or person_id == manager_id:
            continue
        found.add(person_id)
        stack.extend(children.get(person_id, ()))
    return found
