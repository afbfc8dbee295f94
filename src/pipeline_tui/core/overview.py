"""HR's overview for a year: coverage, dimension figures and the weakest expectations.

Pure: the figures come from a `StatsSource` (the storage layer's `StatsStore`,
or `store.queries.Reader` on a stdlib connection to a local file) and are
shaped by `core.coverage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

from pipeline_tui import clock
from pipeline_tui.core.coverage import (
    Coverage,
    DimensionStat,
    ExpectationStat,
    PersonYear,
    RatingAggregate,
    ResponseRate,
    ScopePerson,
    coverage,
    dimension_stats,
    team,
    weakest,
)
from pipeline_tui.core.order import name_key
from pipeline_tui.errors import UserError

if TYPE_CHECKING:
    from pipeline_tui.packs.shapes import PackNames


class StatsSource(Protocol):
    def people(self) -> list[ScopePerson]: ...

    def person_years(
        self, year: int, kinds: Sequence[str] | None = None
    ) -> dict[int, PersonYear]: ...

    def kind_counts(self, year: int) -> list[tuple[int, str, int, int]]: ...

    def feedback_responses(self, year: int) -> list[ResponseRate]: ...

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]: ...

    def expectation_titles(self, wanted: dict[str, set[str]]) -> dict[str, dict[str, str]]: ...


class Prefetched:
    """A `StatsSource` that has asked `source` up front for the year's rating sums over
    everyone (`whole`), and answers the rest from `source`. The command line does this
    while the content pack loads on another thread. Since the sums are kept by the
    database (`rating_sum`, migration 0008) they take a millisecond; this mattered while
    SQLite summed 200,000 ratings for them (~0.3 s, without holding the GIL), and still
    does when the pack is loaded in full (the cache not current). The other figures
    come back a row per person, each row taking the GIL back: read after the loading,
    they are not slowed down by it."""

    def __init__(self, source: StatsSource, year: int, *, whole: bool) -> None:
        self._source, self._year = source, year
        self._aggregates = source.rating_aggregates(year) if whole else None

    def people(self) -> list[ScopePerson]:
        return self._source.people()

    def person_years(self, year: int, kinds: Sequence[str] | None = None) -> dict[int, PersonYear]:
        return self._source.person_years(year, kinds)

    def kind_counts(self, year: int) -> list[tuple[int, str, int, int]]:
        return self._source.kind_counts(year)

    def feedback_responses(self, year: int) -> list[ResponseRate]:
        return self._source.feedback_responses(year)

    def expectation_titles(self, wanted: dict[str, set[str]]) -> dict[str, dict[str, str]]:
        return self._source.expectation_titles(wanted)

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]:
        if year == self._year and person_ids is None and self._aggregates is not None:
            return self._aggregates
        return self._source.rating_aggregates(year, person_ids)


@dataclass(frozen=True)
class Overview:
    """HR's overview for a year, for everyone or a unit, a layer or a manager's team."""

    year: int
    coverage: Coverage
    people: dict[int, ScopePerson]
    years: dict[int, PersonYear]
    dimensions: list[DimensionStat]
    weakest: dict[str, list[ExpectationStat]]
    too_few: tuple[str, ...] = ()  # layers rated, none for MIN_GROUP people: not shown
    # Conversations of the year in scope per kind: kind -> (conversations, held),
    # the pack's kinds first in its order, then any other kind found.
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The year's evaluations in scope that asked peers, reports or others: the response rate.
    responses: tuple[ResponseRate, ...] = ()
    # Expectations among `weakest` that the content pack no longer has (removed since,
    # or renamed): id -> title per language, as their conversations were held with it.
    old_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def title(self, expectation_id: str, pack: PackNames, lang: str) -> str:
        """An expectation's title: the pack's, else the one it was rated under, else its id."""
        found = pack.expectation(expectation_id)
        if found is not None:
            return found.title.get(lang)
        old = self.old_titles.get(expectation_id, {})
        return old.get(lang) or next(iter(old.values()), expectation_id)


# As for 360 feedback: a group's figures are shown only when they stand for at least
# this many people; fewer, and a figure is close to one person's rating. People, not
# ratings: two people rated in three conversations of the year are still two.
MIN_GROUP = 3


def shown_groups(
    aggregates: Sequence[RatingAggregate],
) -> tuple[list[RatingAggregate], set[str]]:
    """The rating groups (layer, expectation, rater) that stand for at least MIN_GROUP
    different people, and the layers rated but with no such group (too few to show).

    A group's figures come in one aggregate, or in several (a filtered overview reads its
    people in chunks, each person in one chunk): they are summed first."""
    merged: dict[tuple[str, str, str], RatingAggregate] = {}
    for item in aggregates:
        key = (item.layer, item.expectation_id, item.rater)
        before = merged.get(key)
        merged[key] = (
            item
            if before is None
            else replace(
                before,
                n=before.n + item.n,
                total=before.total + item.total,
                total_sq=before.total_sq + item.total_sq,
                people=before.people + item.people,
            )
        )
    shown = [item for item in merged.values() if item.people >= MIN_GROUP]
    return shown, {item.layer for item in merged.values()} - {item.layer for item in shown}


def count_kinds(
    rows: Sequence[tuple[int, str, int, int]], in_scope: set[int], order: Sequence[str]
) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    for person_id, kind, count, held in rows:
        if person_id in in_scope:
            before = totals.get(kind, (0, 0))
            totals[kind] = (before[0] + count, before[1] + held)
    ranked = [k for k in order if k in totals] + sorted(k for k in totals if k not in order)
    return {k: totals[k] for k in ranked}


def units_named(people: Sequence[ScopePerson], unit: str) -> set[str]:
    """The units `unit` names: itself when someone is in it, else those spelled so in
    another case or with spaces around ('økonomi ' for 'Økonomi'); empty when none."""
    stored = {p.unit for p in people}
    if unit in stored:
        return {unit}
    wanted = unit.strip().casefold()
    return {u for u in stored if u and u.strip().casefold() == wanted}


def named_units(people: Sequence[ScopePerson], unit: str) -> set[str]:
    """`units_named`, or a refusal that names the units there are when `unit` names none:
    a unit mistyped on the command line is not an organisation of 0 people."""
    units = units_named(people, unit)
    if not units:
        known = sorted({p.unit for p in people if p.unit}, key=name_key)
        raise UserError(
            f"no one is in unit {unit!r} (units: {', '.join(known) or '-'})",
            "unknown_unit",
            unit=unit,
            known=", ".join(known) or "–",
        )
    return units


def overview(
    stats: StatsSource,
    pack: PackNames,
    year: int,
    *,
    unit: str | None = None,
    layer: str | None = None,
    manager_id: int | None = None,
    today: date | None = None,
    unit_must_exist: bool = False,
) -> Overview:
    """The figures for everyone or those chosen. A `unit` is found as typed, else in any
    case and without spaces around it; `unit_must_exist`: a unit no one is in is refused
    (the command line: a unit mistyped is not an organisation of 0 people)."""
    everyone = stats.people()
    scope = everyone
    if manager_id is not None:
        members = team(everyone, manager_id)
        scope = [p for p in scope if p.id in members]
    if unit:
        units = named_units(everyone, unit) if unit_must_exist else units_named(everyone, unit)
        scope = [p for p in scope if p.unit in units]
    # The ratings of a layer are those given on it (the conversation's layer, as the
    # unfiltered overview groups them): someone who has moved on since still counts in the
    # layer they were rated on, not in their new one, whose expectations they were not
    # rated against. So the layer chooses the ratings, not the people they are of.
    rated = scope
    if layer:
        scope = [p for p in scope if p.layer == layer]
    filtered = len(rated) != len(everyone)
    aggregates = stats.rating_aggregates(year, [p.id for p in rated] if filtered else None)
    if layer:
        aggregates = [a for a in aggregates if a.layer == layer]
    aggregates, too_few = shown_groups(aggregates)
    dimension_of = {e.id: e.dimension for items in pack.expectations.values() for e in items}
    # Offered, held and signed count the year's conversation only (MUS, LUS, evaluation):
    # not an onboarding or a status conversation (the pack's kinds that are not `yearly`).
    years = stats.person_years(year, [k.key for k in pack.kinds if k.yearly])
    weak = weakest(aggregates)
    gone: dict[str, set[str]] = {}
    for layer_key, items in weak.items():
        for item in items:
            if pack.expectation(item.expectation_id) is None:
                gone.setdefault(layer_key, set()).add(item.expectation_id)
    return Overview(
        year=year,
        coverage=coverage(
            year,
            scope,
            years,
            today or clock.today(),
            layer_order=pack.layer_keys(),
        ),
        people={p.id: p for p in scope},
        years=years,
        dimensions=dimension_stats(aggregates, dimension_of),
        weakest=weak,
        too_few=tuple(sorted(too_few)),
        kinds=count_kinds(
            stats.kind_counts(year), {p.id for p in scope}, [k.key for k in pack.kinds]
        ),
        responses=tuple(
            r for r in stats.feedback_responses(year) if r.person_id in {p.id for p in scope}
        ),
        old_titles=stats.expectation_titles(gone) if gone else {},
    )
