"""A person's right of access (export) and right to erasure.

Erasure removes the person and everything about them in one transaction:
their conversations with ratings, cards, notes and plans go (cascade); people
they managed keep their rows without the link; in other people's records
their name and email are replaced by a marker wherever they were written
(who conducted a conversation, an action's owner, a note that names them),
except as the conductor of a plan both parties signed: that is the signed record.
Only an `erasure` row remains: that an erasure happened, when, and how many
rows it removed. The file is then compacted so the deleted bytes are gone
from the database, its WAL and its free pages.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, String, Table, func, select, update

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store import models as m
from pipeline_tui.store.engine import compact, writer
from pipeline_tui.store.transfer import TABLES, column_type, iter_rows

ERASED = "[erased]"
PRIVACY_FORMAT = "pipeline-tui-person-export"


def _table(model: Any) -> Table:
    return model.__table__


def person_export(engine: Engine, person_id: int) -> dict[str, Any]:
    """Everything stored about one person, as JSON-ready data."""
    person_t = _table(m.Person)
    people = list(iter_rows(engine, person_t, person_t.c.id == person_id))
    if not people:
        raise NotFoundError(f"no person with id {person_id}")
    conv_t = _table(m.Conversation)
    conversations = list(iter_rows(engine, conv_t, conv_t.c.person_id == person_id))
    conv_ids = [c["id"] for c in conversations]
    rating_t, pick_t, plan_t = _table(m.Rating), _table(m.CardPick), _table(m.Plan)
    goal_t, action_t = _table(m.Goal), _table(m.Action)
    plans = list(iter_rows(engine, plan_t, plan_t.c.conversation_id.in_(conv_ids)))
    goals = list(iter_rows(engine, goal_t, goal_t.c.plan_id.in_([p["id"] for p in plans])))
    actions = list(iter_rows(engine, action_t, action_t.c.goal_id.in_([g["id"] for g in goals])))
    with engine.connect() as connection:
        reports = connection.execute(
            select(person_t.c.id, person_t.c.name).where(person_t.c.manager_id == person_id)
        ).all()
        conducted = connection.execute(
            select(conv_t.c.id, conv_t.c.held_on, conv_t.c.kind).where(
                conv_t.c.conductor_id == person_id
            )
        ).all()
    return {
        "format": PRIVACY_FORMAT,
        "person": people[0],
        "manager_of": [{"id": pid, "name": name} for pid, name in reports],
        "conversations": conversations,
        "ratings": list(iter_rows(engine, rating_t, rating_t.c.conversation_id.in_(conv_ids))),
        "card_picks": list(iter_rows(engine, pick_t, pick_t.c.conversation_id.in_(conv_ids))),
        "plans": plans,
        "goals": goals,
        "actions": actions,
        "conducted_conversations": [
            {"id": cid, "held_on": held.isoformat(), "kind": kind} for cid, held, kind in conducted
        ],
    }


def erase_person(engine: Engine, person_id: int) -> int:
    """Erase a person and every trace of them; returns the number of rows removed."""
    person_t = _table(m.Person)
    conv_t = _table(m.Conversation)
    with writer(engine).begin() as connection:
        row = connection.execute(
            select(person_t.c.name, person_t.c.email).where(person_t.c.id == person_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no person with id {person_id}")
        name, email = row
        before = _count_rows(connection)
        signed = _signed_records(connection, person_id)
        connection.execute(
            update(conv_t)
            .where(conv_t.c.conductor_id == person_id)
            .values(conducted_by=ERASED, conductor_id=None)
        )
        connection.execute(person_t.delete().where(person_t.c.id == person_id))
        for needle in (name, email):
            if needle and len(needle.strip()) >= 3:
                _scrub(connection, needle)
        for conversation_id, conducted_by in signed.items():
            connection.execute(
                update(conv_t)
                .where(conv_t.c.id == conversation_id)
                .values(conducted_by=conducted_by)
            )
        removed = before - _count_rows(connection)
        connection.execute(
            _table(m.Erasure).insert().values(erased_at=m.utcnow(), rows_removed=removed)
        )
    compact(engine)
    return removed


def _signed_records(connection: Any, person_id: int) -> dict[int, str]:
    """Who conducted the signed conversations the person conducted for others.

    A signed plan is a record both parties signed: the conductor's name on it stays
    as it was signed (only the link to the erased person goes).
    """
    conv_t = _table(m.Conversation)
    rows = connection.execute(
        select(conv_t.c.id, conv_t.c.conducted_by).where(
            conv_t.c.conductor_id == person_id,
            conv_t.c.status == "signed",
            conv_t.c.person_id != person_id,
        )
    ).all()
    return {conversation_id: conducted_by for conversation_id, conducted_by in rows}


def _count_rows(connection: Any) -> int:
    total = 0
    for table in TABLES:
        if table.name != "erasure":
            total += connection.execute(select(func.count()).select_from(table)).scalar() or 0
    return total


def _scrub(connection: Any, needle: str) -> None:
    """Replace `needle`, in any letter case ("ANNA BERG", "anna berg"), by the erased
    marker in every text column of every table."""
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    folded = needle.lower()  # lower() is Unicode-aware on SQLite too (engine.unicode_lower)
    for table in TABLES:
        if table.name in ("erasure", "content_snapshot"):
            continue
        for column in table.columns:
            if not isinstance(column_type(column), String) or column.name == "email":
                continue
            if (table.name, column.name) == ("person", "name"):
                continue  # another person's own name, even the same or a longer one, is theirs
            found = connection.execute(
                select(table.c.id, column).where(
                    func.lower(column).contains(folded, autoescape=True)
                )
            ).all()
            for row_id, value in found:
                connection.execute(
                    update(table)
                    .where(table.c.id == row_id)
                    .values({column.name: pattern.sub(ERASED, value)})
                )
