"""Recording whole conversations at once: for demo data, benchmarks and migrations in.

The interactive path writes one answer per transaction; a generator that
fills a database with years of history would spend hours doing that. Here a
held conversation (ratings, cards, plan, goals, actions) is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from pipeline_tui import records as r
from pipeline_tui.errors import UserError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, row_id
from pipeline_tui.store.conversations import snapshot_id_for
from pipeline_tui.vocabulary import CONVERSATION_STATUSES, READINESS, is_kind_key


@dataclass(frozen=True)
class HeldRating:
    expectation_id: str
    rater: str
    score: int | None
    not_observed: bool = False
    comment: str = ""


@dataclass(frozen=True)
class HeldCard:
    card_id: str
    picked_by: str
    notes: str = ""
    agreements: str = ""
    played: bool = False


@dataclass(frozen=True)
class HeldAction:
    description: str
    kind: str
    owner: str = ""
    due_on: date | None = None
    done: bool = False
    activity_id: str | None = None


@dataclass(frozen=True)
class HeldGoal:
    title: str
    success_criterion: str = ""
    due_on: date | None = None
    status: str = "open"
    progress_notes: str = ""
    expectation_ids: tuple[str, ...] = ()
    card_ids: tuple[str, ...] = ()
    actions: tuple[HeldAction, ...] = ()


@dataclass(frozen=True)
class HeldConversation:
    person_id: int
    kind: str
    held_on: date
    content: r.ContentRef
    status: str = "signed"
    conducted_by: str = ""
    conductor_id: int | None = None
    language: str = "da"
    revealed: bool = True
    ratings: tuple[HeldRating, ...] = ()
    cards: tuple[HeldCard, ...] = ()
    summary: str = ""
    follow_up_on: date | None = None
    signed_at: datetime | None = None
    goals: tuple[HeldGoal, ...] = field(default_factory=tuple)
    readiness: str = ""  # for the next layer (vocabulary.READINESS), "" not discussed
    readiness_note: str = ""


class BulkStore(StoreBase):
    def record(self, conversations: Sequence[HeldConversation]) -> list[int]:
        """Write held conversations, each complete, all in one transaction; their ids."""
        ids = []
        with self._write() as session:
            for held in conversations:
                ids.append(_record(session, held))
        return ids


def _record(session: Session, held: HeldConversation) -> int:
    if not is_kind_key(held.kind) or held.status not in CONVERSATION_STATUSES:
        raise UserError(f"bad conversation kind or status: {held.kind}/{held.status}")
    if held.readiness and held.readiness not in READINESS:
        raise UserError(f"bad readiness: {held.readiness}")
    completed = held.signed_at if held.status in ("completed", "signed") else None
    conversation = m.Conversation(
        person_id=held.person_id,
        kind=held.kind,
        layer=held.content.layer,
        held_on=held.held_on,
        conducted_by=held.conducted_by,
        conductor_id=held.conductor_id,
        status=held.status,
        language=held.language,
        step="signoff" if held.status == "signed" else "expectations",
        revealed=held.revealed,
        pack_id=held.content.pack_id,
        pack_version=held.content.pack_version,
        pack_hash=held.content.pack_hash,
        deck_id=held.content.deck_id,
        snapshot_id=snapshot_id_for(session, held.content),
        completed_at=completed,
    )
    session.add(conversation)
    session.flush()
    cid = row_id(conversation)
    session.add_all(
        m.Rating(
            conversation_id=cid,
            expectation_id=x.expectation_id,
            rater=x.rater,
            score=x.score,
            not_observed=x.not_observed,
            comment=x.comment,
        )
        for x in held.ratings
    )
    session.add_all(
        m.CardPick(
            conversation_id=cid,
            card_id=c.card_id,
            picked_by=c.picked_by,
            position=position,
            notes=c.notes,
            agreements=c.agreements,
            played=c.played,
        )
        for position, c in enumerate(held.cards)
    )
    signed = held.signed_at if held.status == "signed" else None
    plan = m.Plan(
        conversation_id=cid,
        summary=held.summary,
        readiness=held.readiness,
        readiness_note=held.readiness_note,
        follow_up_on=held.follow_up_on,
        signed_by_person_at=signed,
        signed_by_conductor_at=signed,
    )
    session.add(plan)
    session.flush()
    for position, g in enumerate(held.goals):
        goal = m.Goal(
            plan_id=row_id(plan),
            position=position,
            title=g.title,
            expectation_ids=list(g.expectation_ids),
            card_ids=list(g.card_ids),
            success_criterion=g.success_criterion,
            due_on=g.due_on,
            status=g.status,
            progress_notes=g.progress_notes,
        )
        session.add(goal)
        session.flush()
        session.add_all(
            m.Action(
                goal_id=row_id(goal),
                position=index,
                description=a.description,
                kind=a.kind,
                owner=a.owner,
                due_on=a.due_on,
                done=a.done,
                activity_id=a.activity_id,
            )
            for index, a in enumerate(g.actions)
        )
    return cid
