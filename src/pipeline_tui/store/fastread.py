"""What a printed plan needs, read from a local SQLite file with the stdlib.

`pipeline-tui plan print` is a command people wait on; importing SQLAlchemy
and SQLModel would cost it more than everything else together. For a local
file at the current schema this reader returns the same records as the
stores (`ConversationStore.detail`, `PeopleStore.get`,
`PlanStore.previous_plan`), shaped by the same functions in `store.shape`;
a test compares the two on every conversation of the demo data. Anything
else (another revision, a server URL, a locked file) goes through the
storage layer, which upgrades or refuses with the proper message.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pipeline_tui import records as r
from pipeline_tui.errors import NotFoundError
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


def _datetime(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


CONVERTERS = {
    "DATE": lambda v: date.fromisoformat(v[:10]),
    "DATETIME": _datetime,
    "BOOLEAN": bool,
    "JSON": json.loads,
}


class FastReader:
    """Read-only records from one SQLite connection (the stores' read API, in part)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._types: dict[str, dict[str, str]] = {}
        # The stores are reached as repo.conversations / repo.people / repo.plans.
        self.conversations = self.people = self.plans = self

    def close(self) -> None:
        self._db.close()

    def _rows(self, table: str, where: str, params: tuple, order: str = "id") -> list[Any]:
        types = self._types.get(table)
        if types is None:
            info = self._db.execute(f"PRAGMA table_info({table})").fetchall()
            types = self._types[table] = {row[1]: row[2].upper() for row in info}
        cursor = self._db.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}", params)
        names = [column[0] for column in cursor.description]
        found = []
        for values in cursor:
            row = {}
            for name, value in zip(names, values, strict=True):
                convert = CONVERTERS.get(types.get(name, ""))
                row[name] = convert(value) if convert is not None and value is not None else value
            found.append(SimpleNamespace(**row))
        return found

    def _one(self, table: str, key: int | None) -> Any:
        if key is None:
            return None
        rows = self._rows(table, "id = ?", (key,))
        return rows[0] if rows else None

    def _name(self, person_id: int | None) -> str | None:
        person = self._one("person", person_id)
        return person.name if person is not None else None

    def get(self, person_id: int) -> r.PersonRecord:
        row = self._one("person", person_id)
        if row is None:
            raise NotFoundError(f"no person with id {person_id}", "person")
        return person_record(row, self._name(row.manager_id))

    def plan(self, conversation_id: int) -> r.PlanRecord | None:
        plans = self._rows("plan", "conversation_id = ?", (conversation_id,))
        if not plans:
            return None
        goals = self._rows("goal", "plan_id = ?", (plans[0].id,), "position, id")
        actions: dict[int, list[r.ActionRecord]] = {}
        for goal in goals:
            for action in self._rows("action", "goal_id = ?", (goal.id,), "position, id"):
                actions.setdefault(goal.id, []).append(action_record(action))
        shaped = tuple(goal_record(g, tuple(actions.get(g.id, ()))) for g in goals)
        return plan_record(plans[0], shaped)

    def detail(self, conversation_id: int) -> r.ConversationDetail:
        row = self._one("conversation", conversation_id)
        if row is None:
            raise NotFoundError(f"no conversation with id {conversation_id}", "conversation")
        ratings = self._rows("rating", "conversation_id = ?", (conversation_id,))
        picks = self._rows("card_pick", "conversation_id = ?", (conversation_id,), "position, id")
        snapshot = self._one("content_snapshot", row.snapshot_id)
        return r.ConversationDetail(
            conversation=conversation_record(row, self._name(row.person_id) or ""),
            ratings=tuple(rating_record(x) for x in ratings),
            picks=tuple(pick_record(x) for x in picks),
            plan=self.plan(conversation_id),
            snapshot=dict(snapshot.texts) if snapshot else {},
        )

    def previous_plan(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[r.ConversationRecord, r.PlanRecord] | None:
        """The person's latest earlier conversation that has goals, with its plan."""
        where, params = "person_id = ?", [person_id]
        if before_conversation_id is not None:
            where += " AND id != ?"
            params.append(before_conversation_id)
            current = self._one("conversation", before_conversation_id)
            if current is not None:
                where += " AND held_on <= ?"
                params.append(current.held_on.isoformat())
        name = self._name(person_id) or ""
        for conversation in self._rows(
            "conversation", where, tuple(params), "held_on DESC, id DESC"
        ):
            plan = self.plan(conversation.id)
            if plan is not None and plan.goals:
                return conversation_record(conversation, name), plan
        return None


def open_fast_reader(path: Path | None) -> FastReader | None:
    """A reader on a local SQLite file at the current schema, or None (use the stores)."""
    connection = connect_current(path)
    return FastReader(connection) if connection is not None else None
