"""What every store shares: short sessions, one transaction per write, and conversions.

Each write opens a session, runs one transaction (BEGIN IMMEDIATE on SQLite)
and commits before returning, so an answer is on disk the moment the call
returns. Reads use their own short session. Rows never leave this package:
they are converted to the frozen records of `store.records`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from pipeline_tui.errors import ConflictError, StorageError
from pipeline_tui.store import models as m
from pipeline_tui.store import records as r
from pipeline_tui.store.engine import writer


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise StorageError(_explain(exc)) from exc

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise StorageError(_explain(exc)) from exc


def _explain(exc: OperationalError) -> str:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = message.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only: nothing was changed"
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return "the disk is full: the last change was not saved"
    if "locked" in lowered:
        return "the database is busy in another program: the last change was not saved, try again"
    return f"database error: {message}"


def touch(row: m.Stamped) -> None:
    """Mark a row changed: a new version and a fresh timestamp."""
    row.version += 1
    row.updated_at = m.utcnow()


def check_unchanged(what: str, field: str, current: Any, expected: Any, new: Any) -> None:
    """Compare-and-set for a field: refuse to overwrite what another session wrote.

    `expected` is the value the editor started from; None means "don't check".
    Writing the value that is already there is never a conflict.
    """
    if expected is None or current in (expected, new):
        return
    raise ConflictError(what, field, theirs=current, mine=new)


def person_record(row: m.Person, manager_name: str | None = None) -> r.PersonRecord:
    return r.PersonRecord(
        id=row.id,
        name=row.name,
        email=row.email,
        title=row.title,
        unit=row.unit,
        layer=row.layer,
        manager_id=row.manager_id,
        manager_name=manager_name,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def conversation_record(row: m.Conversation, person_name: str) -> r.ConversationRecord:
    return r.ConversationRecord(
        id=row.id,
        person_id=row.person_id,
        person_name=person_name,
        kind=row.kind,
        layer=row.layer,
        held_on=row.held_on,
        conducted_by=row.conducted_by,
        conductor_id=row.conductor_id,
        status=row.status,
        language=row.language,
        step=row.step,
        revealed=row.revealed,
        pack_id=row.pack_id,
        pack_version=row.pack_version,
        pack_hash=row.pack_hash,
        deck_id=row.deck_id,
        snapshot_id=row.snapshot_id,
        completed_at=row.completed_at,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def rating_record(row: m.Rating) -> r.RatingRecord:
    return r.RatingRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        expectation_id=row.expectation_id,
        rater=row.rater,
        score=row.score,
        not_observed=row.not_observed,
        comment=row.comment,
        version=row.version,
    )


def pick_record(row: m.CardPick) -> r.CardPickRecord:
    return r.CardPickRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        card_id=row.card_id,
        picked_by=row.picked_by,
        position=row.position,
        notes=row.notes,
        agreements=row.agreements,
        played=row.played,
        version=row.version,
    )


def action_record(row: m.Action) -> r.ActionRecord:
    return r.ActionRecord(
        id=row.id,
        goal_id=row.goal_id,
        position=row.position,
        description=row.description,
        kind=row.kind,
        owner=row.owner,
        due_on=row.due_on,
        done=row.done,
        activity_id=row.activity_id,
        version=row.version,
    )


def goal_record(row: m.Goal, actions: tuple[r.ActionRecord, ...] = ()) -> r.GoalRecord:
    return r.GoalRecord(
        id=row.id,
        plan_id=row.plan_id,
        position=row.position,
        title=row.title,
        expectation_ids=tuple(row.expectation_ids or ()),
        card_ids=tuple(row.card_ids or ()),
        success_criterion=row.success_criterion,
        due_on=row.due_on,
        status=row.status,
        progress_notes=row.progress_notes,
        review_note=row.review_note,
        reviewed_in_id=row.reviewed_in_id,
        carried_from_id=row.carried_from_id,
        version=row.version,
        actions=actions,
    )


def plan_record(row: m.Plan, goals: tuple[r.GoalRecord, ...] = ()) -> r.PlanRecord:
    return r.PlanRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        summary=row.summary,
        strengths=row.strengths,
        development_areas=row.development_areas,
        follow_up_on=row.follow_up_on,
        signed_by_person_at=row.signed_by_person_at,
        signed_by_conductor_at=row.signed_by_conductor_at,
        version=row.version,
        goals=goals,
    )
