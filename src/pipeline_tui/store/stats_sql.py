"""The overview's reads as plain, portable SQL, runnable without SQLAlchemy.

`StatsReader` takes an `execute(sql, params)` function: `StatsStore` passes
one that runs the statement through SQLAlchemy (any database), and
`open_stats_reader` one on a read-only stdlib sqlite3 connection, so that
`pipeline-tui overview` on a local file does not pay for importing the ORM.
Named parameters (`:name`) work in both; no SQLite-only SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pipeline_tui.core.coverage import PersonYear, RatingAggregate, ScopePerson
from pipeline_tui.store.readonly import connect_current

Execute = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

HELD = ("in_progress", "completed", "signed")
CHUNK = 500
_HELD_SQL = "c.status IN ('in_progress', 'completed', 'signed')"
_IN_YEAR = "c.held_on >= :start AND c.held_on <= :end"
_SIGNED = "plan.signed_by_person_at IS NOT NULL AND plan.signed_by_conductor_at IS NOT NULL"

PEOPLE_SQL = "SELECT id, name, unit, layer, manager_id FROM person ORDER BY id"

# Per person: offered, held and signed in the year (of the yearly kinds, `{kinds}`: an
# onboarding or a status conversation is not the year's MUS or LUS); the latest held
# date (any kind, any year: a status conversation is a follow-up too).
SUMMARY_SQL = f"""
SELECT c.person_id,
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} AND {_HELD_SQL} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} AND {_SIGNED} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_HELD_SQL} THEN c.held_on ELSE NULL END)
FROM conversation c LEFT OUTER JOIN plan ON plan.conversation_id = c.id
GROUP BY c.person_id
"""

FOLLOW_UPS_SQL = f"""
SELECT c.person_id, c.held_on, c.id, plan.follow_up_on
FROM conversation c JOIN plan ON plan.conversation_id = c.id
WHERE {_HELD_SQL} AND plan.follow_up_on IS NOT NULL
"""

# Per person and kind of conversation: how many in the year, how many of them held.
KINDS_SQL = f"""
SELECT c.person_id, c.kind, COUNT(*), SUM(CASE WHEN {_HELD_SQL} THEN 1 ELSE 0 END)
FROM conversation c
WHERE {_IN_YEAR}
GROUP BY c.person_id, c.kind
"""

AGGREGATES_SQL = f"""
SELECT c.layer, r.expectation_id, r.rater,
       COUNT(r.score), SUM(r.score), SUM(r.score * r.score)
FROM conversation c JOIN rating r ON r.conversation_id = c.id
WHERE {_IN_YEAR} AND {_HELD_SQL} AND r.score IS NOT NULL{{people}}
GROUP BY c.layer, r.expectation_id, r.rater
"""


def as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class StatsReader:
    """People, per-person year figures and rating sums, from any `execute`."""

    def __init__(self, execute: Execute, date_param: Callable[[date], Any] = lambda d: d) -> None:
        self._execute = execute
        self._date = date_param

    def _year(self, year: int) -> dict[str, Any]:
        return {"start": self._date(date(year, 1, 1)), "end": self._date(date(year, 12, 31))}

    def people(self) -> list[ScopePerson]:
        """Everyone (the hierarchy is needed whole, even for one unit's figures)."""
        return [ScopePerson(*row) for row in self._execute(PEOPLE_SQL, {})]

    def person_years(self, year: int, kinds: Sequence[str] | None = None) -> dict[int, PersonYear]:
        """One entry per person with any conversation: offered, held, signed in `year`
        (counting only conversations of `kinds`, the pack's yearly ones; None: every
        kind), the latest plan's follow-up date and the latest held date (any year)."""
        latest: dict[int, tuple[date, int, date | None]] = {}
        for person_id, held_on, cid, follow_up in self._execute(FOLLOW_UPS_SQL, {}):
            key = (as_date(held_on), cid)
            if person_id not in latest or key > latest[person_id][:2]:
                latest[person_id] = (*key, follow_up)
        result = {}
        params = self._year(year)
        where = ""
        if kinds is not None:
            names = [f"k{i}" for i in range(len(kinds))]
            params.update(zip(names, kinds, strict=True))
            where = (
                f" AND c.kind IN ({', '.join(':' + n for n in names)})" if names else " AND 1 = 0"
            )
        summary = SUMMARY_SQL.format(kinds=where)
        for person_id, offered, held, signed, last in self._execute(summary, params):
            result[person_id] = PersonYear(
                person_id=person_id,
                offered=bool(offered),
                held=bool(held),
                signed=bool(signed),
                follow_up_on=as_date(latest[person_id][2]) if person_id in latest else None,
                last_held_on=as_date(last),
            )
        return result

    def kind_counts(self, year: int) -> list[tuple[int, str, int, int]]:
        """(person, kind, conversations, held) for the conversations of `year`."""
        return [
            (person_id, kind, int(count), int(held or 0))
            for person_id, kind, count, held in self._execute(KINDS_SQL, self._year(year))
        ]

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]:
        """Count, sum and sum of squares of scores per conversation layer, expectation
        and rater, over conversations held in `year` (optionally only these people)."""
        statements: list[tuple[str, dict[str, Any]]] = []
        if person_ids is None:
            statements.append((AGGREGATES_SQL.format(people=""), self._year(year)))
        else:
            ids = sorted(set(person_ids))
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                names = [f"p{i}" for i in range(len(chunk))]
                where = f" AND c.person_id IN ({', '.join(':' + n for n in names)})"
                params = {**self._year(year), **dict(zip(names, chunk, strict=True))}
                statements.append((AGGREGATES_SQL.format(people=where), params))
        return [
            RatingAggregate(layer, expectation, rater, n, float(total), float(total_sq))
            for sql, params in statements
            for layer, expectation, rater, n, total, total_sq in self._execute(sql, params)
        ]


def open_stats_reader(path: Path) -> tuple[StatsReader, Callable[[], None]] | None:
    """A reader on a local SQLite file at the current schema, and its close function.

    None when the fast path does not apply (no file, another revision, not a
    database): the caller then opens the database through the storage layer,
    which upgrades or refuses it with the proper message.
    """
    connection = connect_current(path)
    if connection is None:
        return None
    return StatsReader(connection.execute, date.isoformat), connection.close
