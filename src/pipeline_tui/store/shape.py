"""Rows to records: the frozen dataclasses of `pipeline_tui.records`, from anything with the
columns as attributes (a SQLModel row, or a row read by `store.queries`).

No SQLAlchemy here, so the fast read paths can shape records the same way.
"""

from __future__ import annotations

from typing import Any

from pipeline_tui import records as r


def person_record(row: Any, manager_name: str | None = None) -> r.PersonRecord:
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


def conversation_record(row: Any, person_name: str) -> r.ConversationRecord:
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


def rating_record(row: Any) -> r.RatingRecord:
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


def pick_record(row: Any) -> r.CardPickRecord:
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


def action_record(row: Any) -> r.ActionRecord:
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


def goal_record(row: Any, actions: tuple[r.ActionRecord, ...] = ()) -> r.GoalRecord:
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


def plan_record(row: Any, goals: tuple[r.GoalRecord, ...] = ()) -> r.PlanRecord:
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
        readiness=row.readiness,
        readiness_note=row.readiness_note,
    )
