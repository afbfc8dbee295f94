"""Every statement pipeline-tui runs as SQL text, in one place, and the reads built on them.

Portable SQL with named parameters (`:name`), run on any engine through
SQLAlchemy by the stores, and on a local SQLite file through a stdlib sqlite3
connection by the quick paths (the first screen, `plan print`, `overview`),
which must not pay for importing the ORM. `Reader` turns the rows into the
frozen records of `store.records` the same way for both; `read_with` is the
one place that chooses between them. A test checks that no other module holds
`SELECT` text. No SQLAlchemy is imported here at module level.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from pipeline_tui.core.coverage import PersonYear, RatingAggregate, ScopePerson
from pipeline_tui.errors import NotFoundError
from pipeline_tui.store import records as r
from pipeline_tui.store.readonly import connect_current
from pipeline_tui.store.shape import (
    action_record,
    conversation_record,
    goal_record,
    person_record,
    pick_record,
    plan_record,
    rating_record,
)

T = TypeVar("T")
Execute = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

# -- Engine housekeeping ------------------------------------------------------------------

# PostgreSQL: a write transaction waits at most this long for the lock, then gives up.
LOCK_TIMEOUT_SQL = "SET LOCAL lock_timeout = {ms}"
# PostgreSQL: the one write lock (transaction-scoped advisory lock), like BEGIN IMMEDIATE.
WRITE_LOCK_SQL = "SELECT pg_advisory_xact_lock({key})"
# PostgreSQL: after rows came in with their ids (an import), the table's id sequence
# continues past the highest id.
RESET_SEQUENCE_SQL = """SELECT setval(pg_get_serial_sequence('"{table}"', 'id'),
    COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)"""
REVISION_SQL = "SELECT version_num FROM alembic_version"
SQLITE_TABLES_SQL = "SELECT name FROM sqlite_master WHERE type = 'table'"
SQLITE_COLUMNS_SQL = 'SELECT name FROM pragma_table_info("{table}")'
COUNT_SQL = "SELECT count(*) FROM {table}"
# `db check`
UNKNOWN_VALUES_SQL = "SELECT id, {column} FROM {table} WHERE {column} NOT IN ({marks})"
BAD_VERSIONS_SQL = "SELECT id, version FROM {table} WHERE version IS NULL OR version < 1"
MANAGERS_SQL = "SELECT id, manager_id FROM person WHERE manager_id IS NOT NULL"

# -- Mentions of a person in other people's notes (`store.mentions`) ------------------------

PERSON_NAME_EMAIL_SQL = "SELECT name, email FROM person WHERE id = :id"
OTHER_NAMES_SQL = "SELECT lower(name) FROM person WHERE id != :id"
MENTIONS_SQL = (
    "SELECT {alias}.id, {alias}.{column}, c.id, c.person_id, owner.name, c.held_on "
    "FROM {source} JOIN person owner ON owner.id = c.person_id "
    "WHERE c.person_id != :pid{extra} AND ({like})"
)
FIELD_SQL = "SELECT {column} FROM {table} WHERE id = :id"

# -- The home screen's people list ------------------------------------------------------------

# The follow-up date shown is that of the latest *held* conversation's plan
# that has one, while no conversation has been held since (the same rule as
# `core.coverage.is_overdue`): a conversation only prepared (a draft) does not
# make an overdue follow-up go away, a held one does.
PEOPLE_ROWS_SQL = """
SELECT p.id, p.name, p.title, p.unit, p.layer, boss.name,
       last.held_on, last.kind, last.status, plan.follow_up_on
FROM person p
LEFT JOIN person boss ON boss.id = p.manager_id
LEFT JOIN conversation last ON last.id = (
    SELECT c.id FROM conversation c
    WHERE c.person_id = p.id
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
)
LEFT JOIN plan ON plan.id = (
    SELECT pl.id FROM plan pl JOIN conversation c ON c.id = pl.conversation_id
    WHERE c.person_id = p.id AND pl.follow_up_on IS NOT NULL
      AND c.status IN ('in_progress', 'completed', 'signed')
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
) AND plan.follow_up_on > (
    SELECT MAX(c.held_on) FROM conversation c
    WHERE c.person_id = p.id AND c.status IN ('in_progress', 'completed', 'signed')
)
"""
PEOPLE_NAMES_SQL = "SELECT id, name FROM person"

# -- One conversation, its person and plans (the conversation screen, `plan print`) -----------

COLUMNS = {
    "person": (
        "id", "name", "email", "title", "unit", "layer", "manager_id",
        "version", "created_at", "updated_at",
    ),
    "conversation": (
        "id", "person_id", "kind", "layer", "held_on", "conducted_by", "conductor_id",
        "status", "language", "step", "revealed", "pack_id", "pack_version", "pack_hash",
        "deck_id", "snapshot_id", "completed_at", "version", "created_at", "updated_at",
    ),
    "rating": (
        "id", "conversation_id", "expectation_id", "rater", "score", "not_observed",
        "comment", "version",
    ),
    "card_pick": (
        "id", "conversation_id", "card_id", "picked_by", "position", "notes", "agreements",
        "played", "version",
    ),
    "plan": (
        "id", "conversation_id", "summary", "strengths", "development_areas",
        "follow_up_on", "signed_by_person_at", "signed_by_conductor_at", "version",
    ),
    "goal": (
        "id", "plan_id", "position", "title", "expectation_ids", "card_ids",
        "success_criterion", "due_on", "status", "progress_notes", "review_note",
        "reviewed_in_id", "carried_from_id", "version",
    ),
    "action": (
        "id", "goal_id", "position", "description", "kind", "owner", "due_on", "done",
        "activity_id", "version",
    ),
    "content_snapshot": ("id", "texts"),
}  # fmt: skip


def _select(table: str, where: str, order: str = "id") -> str:
    columns = ", ".join(f"t.{c}" for c in COLUMNS[table])
    return f'SELECT {columns} FROM "{table}" t WHERE {where} ORDER BY {order}'


PERSON_SQL = _select("person", "t.id = :id")
CONVERSATION_SQL = _select("conversation", "t.id = :id")
RATINGS_SQL = _select("rating", "t.conversation_id = :id")
PICKS_SQL = _select("card_pick", "t.conversation_id = :id", "t.position, t.id")
SNAPSHOT_SQL = _select("content_snapshot", "t.id = :id")
PLAN_SQL = _select("plan", "t.conversation_id = :id")
GOALS_SQL = _select("goal", "t.plan_id = :id", "t.position, t.id")
ACTIONS_SQL = _select(
    "action", "t.goal_id IN (SELECT g.id FROM goal g WHERE g.plan_id = :id)", "t.position, t.id"
)
EARLIER_SQL = _select(
    "conversation",
    "t.person_id = :person AND t.id != :before AND t.held_on <= :held_on",
    "t.held_on DESC, t.id DESC",
)
ALL_OF_PERSON_SQL = _select("conversation", "t.person_id = :person", "t.held_on DESC, t.id DESC")

# Converting what a driver returns (SQLite: text and 0/1; PostgreSQL: typed values).
DATES = {"held_on", "due_on", "follow_up_on"}
MOMENTS = {"created_at", "updated_at", "completed_at", "signed_by_person_at",
           "signed_by_conductor_at"}  # fmt: skip
FLAGS = {"revealed", "not_observed", "played", "done"}
DOCUMENTS = {"texts", "expectation_ids", "card_ids"}


def as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_moment(value: object) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (they are stored in UTC)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _convert(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in DATES:
        return as_date(value)
    if name in MOMENTS:
        return as_moment(value)
    if name in FLAGS:
        return bool(value)
    if name in DOCUMENTS and isinstance(value, str):
        return json.loads(value)
    return value


def _rows(table: str, found: Iterable[Sequence[Any]]) -> list[Any]:
    names = COLUMNS[table]
    return [
        SimpleNamespace(**{n: _convert(n, v) for n, v in zip(names, row, strict=True)})
        for row in found
    ]


# -- HR's overview (summed in SQL, shaped by `core.coverage`) --------------------------------

HELD = ("in_progress", "completed", "signed")
CHUNK = 500
_HELD_SQL = "c.status IN ('in_progress', 'completed', 'signed')"
_IN_YEAR = "c.held_on >= :start AND c.held_on <= :end"
_SIGNED = "plan.signed_by_person_at IS NOT NULL AND plan.signed_by_conductor_at IS NOT NULL"

PEOPLE_SQL = "SELECT id, name, unit, layer, manager_id FROM person ORDER BY id"

# Per person: offered, held and signed in the year; the latest held date (any year).
SUMMARY_SQL = f"""
SELECT c.person_id,
       MAX(CASE WHEN {_IN_YEAR} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR} AND {_HELD_SQL} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR} AND {_SIGNED} THEN 1 ELSE 0 END),
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


class Reader:
    """Every read the quick paths and the stores share, on any `execute(sql, params)`:
    a stdlib sqlite3 connection's, or one running the statement through SQLAlchemy."""

    def __init__(self, execute: Execute, date_param: Callable[[date], Any] = lambda d: d) -> None:
        self._execute = execute
        self._date = date_param

    def _all(self, table: str, sql: str, **params: Any) -> list[Any]:
        return _rows(table, self._execute(sql, params))

    def _one(self, table: str, sql: str, key: int | None) -> Any:
        if key is None:
            return None
        found = self._all(table, sql, id=key)
        return found[0] if found else None

    # The home screen's list of people

    def people_rows(self) -> list[r.PersonRow]:
        from pipeline_tui.store.home import people_rows

        return people_rows(self._execute(PEOPLE_ROWS_SQL, {}))

    def people_head(self, count: int) -> tuple[list[r.PersonRow], int]:
        """The first `count` people of the list, in its order, and how many there are."""
        from pipeline_tui.store.home import name_key, people_rows

        names = list(self._execute(PEOPLE_NAMES_SQL, {}))
        if len(names) <= count:
            return people_rows(self._execute(PEOPLE_ROWS_SQL, {})), len(names)
        names.sort(key=lambda row: (name_key(row[1]), row[0]))
        ids = [row[0] for row in names[:count]]
        marks = ", ".join(f":p{i}" for i in range(len(ids)))
        params = {f"p{i}": value for i, value in enumerate(ids)}
        rows = self._execute(f"{PEOPLE_ROWS_SQL} WHERE p.id IN ({marks})", params)
        return people_rows(rows), len(names)

    # One person, one conversation, plans

    def _name(self, person_id: int | None) -> str | None:
        person = self._one("person", PERSON_SQL, person_id)
        return person.name if person is not None else None

    def person(self, person_id: int) -> r.PersonRecord:
        row = self._one("person", PERSON_SQL, person_id)
        if row is None:
            raise NotFoundError(f"no person with id {person_id}", "person")
        return person_record(row, self._name(row.manager_id))

    def plan(self, conversation_id: int) -> r.PlanRecord | None:
        plans = self._all("plan", PLAN_SQL, id=conversation_id)
        if not plans:
            return None
        goals = self._all("goal", GOALS_SQL, id=plans[0].id)
        actions: dict[int, list[r.ActionRecord]] = {}
        if goals:
            for action in self._all("action", ACTIONS_SQL, id=plans[0].id):
                actions.setdefault(action.goal_id, []).append(action_record(action))
        shaped = tuple(goal_record(g, tuple(actions.get(g.id, ()))) for g in goals)
        return plan_record(plans[0], shaped)

    def detail(self, conversation_id: int) -> r.ConversationDetail:
        row = self._one("conversation", CONVERSATION_SQL, conversation_id)
        if row is None:
            raise NotFoundError(f"no conversation with id {conversation_id}", "conversation")
        snapshot = self._one("content_snapshot", SNAPSHOT_SQL, row.snapshot_id)
        return r.ConversationDetail(
            conversation=conversation_record(row, self._name(row.person_id) or ""),
            ratings=tuple(map(rating_record, self._all("rating", RATINGS_SQL, id=row.id))),
            picks=tuple(map(pick_record, self._all("card_pick", PICKS_SQL, id=row.id))),
            plan=self.plan(conversation_id),
            snapshot=dict(snapshot.texts) if snapshot else {},
        )

    def previous_plan(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[r.ConversationRecord, r.PlanRecord] | None:
        """The person's latest earlier conversation that has goals, with its plan."""
        current = self._one("conversation", CONVERSATION_SQL, before_conversation_id)
        if current is not None:
            params = {"person": person_id, "before": current.id,
                      "held_on": self._date(current.held_on)}  # fmt: skip
            earlier = self._all("conversation", EARLIER_SQL, **params)
        else:
            earlier = [
                c
                for c in self._all("conversation", ALL_OF_PERSON_SQL, person=person_id)
                if c.id != before_conversation_id
            ]
        name = self._name(person_id) or ""
        for conversation in earlier:
            plan = self.plan(conversation.id)
            if plan is not None and plan.goals:
                return conversation_record(conversation, name), plan
        return None

    def plan_parts(self, conversation_id: int) -> tuple[r.ConversationDetail, r.PersonRecord, Any]:
        """What a printed plan shows: the conversation, its person, their previous plan
        (`previous_plan`'s answer)."""
        detail = self.detail(conversation_id)
        record = detail.conversation
        person = self.person(record.person_id)
        previous = self.previous_plan(record.person_id, before_conversation_id=record.id)
        return detail, person, previous

    # HR's overview

    def _year(self, year: int) -> dict[str, Any]:
        return {"start": self._date(date(year, 1, 1)), "end": self._date(date(year, 12, 31))}

    def people(self) -> list[ScopePerson]:
        """Everyone (the hierarchy is needed whole, even for one unit's figures)."""
        return [ScopePerson(*row) for row in self._execute(PEOPLE_SQL, {})]

    def person_years(self, year: int) -> dict[int, PersonYear]:
        """One entry per person with any conversation: offered, held, signed in `year`,
        the latest plan's follow-up date and the latest held date (any year)."""
        latest: dict[int, tuple[date, int, date | None]] = {}
        for person_id, held_on, cid, follow_up in self._execute(FOLLOW_UPS_SQL, {}):
            key = (as_date(held_on), cid)
            if person_id not in latest or key > latest[person_id][:2]:
                latest[person_id] = (*key, follow_up)
        result = {}
        for person_id, offered, held, signed, last in self._execute(SUMMARY_SQL, self._year(year)):
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


def sqlite_reader(path: Path | None) -> tuple[Reader, Callable[[], None]] | None:
    """A reader on a local SQLite file at the current schema, read with the stdlib, and its
    close function; None when that does not apply (no file, another revision, not ours)."""
    connection = connect_current(path) if path is not None else None
    if connection is None:
        return None
    return Reader(connection.execute, date.isoformat), connection.close


def sqlalchemy_reader(connection: Any) -> Reader:
    """A reader running the statements on a SQLAlchemy connection (any engine)."""
    from sqlalchemy import text

    return Reader(lambda sql, params: connection.execute(text(sql), params))


def read_with(db: str | None, path: Path | None, work: Callable[[Reader], T]) -> T:
    """`work` done on the reader of the database `db` (`path`: its local file, if any).

    The one choice of driver: the stdlib on a local SQLite file at the current
    schema (no ORM import), else (another revision, a server URL, a busy or
    odd file) the storage layer, which creates, upgrades or refuses the
    database with its proper message and serves any engine.
    """
    import sqlite3

    fast = sqlite_reader(path)
    if fast is not None:
        reader, close = fast
        try:
            return work(reader)
        except sqlite3.Error:  # busy, locked or odd: the storage layer decides and explains
            pass
        finally:
            close()
    from pipeline_tui.store.base import translated
    from pipeline_tui.store.repository import open_repository

    repo = open_repository(db, reading=True)
    try:
        with translated(repo.engine), repo.engine.connect() as connection:
            return work(sqlalchemy_reader(connection))
    finally:
        repo.close()


__all__ = ["Reader", "read_with", "sqlalchemy_reader", "sqlite_reader"]
