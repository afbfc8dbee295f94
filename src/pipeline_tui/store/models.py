"""SQLModel tables: the records of DESIGN section 3.

Every editable row carries `version`, bumped on each write, so two sessions
editing the same conversation cannot silently overwrite each other (the
repository compares versions). Layer, expectation and card ids are the pack's
ids; the texts they stood for are kept in the conversation's content snapshot.
Only portable column types are used, so the same tables live in PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Every timestamp is an aware UTC datetime (SQLModel stores and returns UTC)."""
    return datetime.now(UTC)


class Stamped(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)
    version: int = Field(default=1, nullable=False)


class Person(Stamped, table=True):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_name", "name"),
        Index("ix_person_unit", "unit"),
        Index("ix_person_manager_id", "manager_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, nullable=False)
    email: str | None = Field(default=None, max_length=320, unique=True)
    title: str = Field(default="", max_length=200, nullable=False)
    unit: str = Field(default="", max_length=200, nullable=False)
    layer: str = Field(max_length=64, nullable=False)
    manager_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL", nullable=True
    )


class ContentSnapshot(SQLModel, table=True):
    """The exact texts conversations were held with, stored once per pack version,
    layer and deck and shared by every conversation that used them."""

    __tablename__ = "content_snapshot"
    __table_args__ = (
        UniqueConstraint("pack_hash", "layer", "deck_id", name="uq_content_snapshot_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pack_id: str = Field(max_length=64, nullable=False)
    pack_version: str = Field(max_length=32, nullable=False)
    pack_hash: str = Field(max_length=64, nullable=False)
    layer: str = Field(max_length=64, nullable=False)
    deck_id: str = Field(default="", max_length=64, nullable=False)
    texts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, nullable=False)


class Conversation(Stamped, table=True):
    __tablename__ = "conversation"
    __table_args__ = (
        Index("ix_conversation_person_held", "person_id", "held_on"),
        Index("ix_conversation_held_on", "held_on"),
        Index("ix_conversation_conductor_id", "conductor_id"),
        # HR's overview reads each person's year from the index alone (migration 0008)
        Index("ix_conversation_person_summary", "person_id", "held_on", "status", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", nullable=False)
    kind: str = Field(max_length=20, nullable=False)
    layer: str = Field(max_length=64, nullable=False)
    held_on: date = Field(nullable=False)
    conducted_by: str = Field(default="", max_length=200, nullable=False)
    conductor_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL", nullable=True
    )
    status: str = Field(default="draft", max_length=20, nullable=False)
    language: str = Field(default="da", max_length=8, nullable=False)
    step: str = Field(default="setup", max_length=20, nullable=False)
    revealed: bool = Field(default=False, nullable=False)
    pack_id: str = Field(max_length=64, nullable=False)
    pack_version: str = Field(max_length=32, nullable=False)
    pack_hash: str = Field(max_length=64, nullable=False)
    deck_id: str | None = Field(default=None, max_length=64)
    snapshot_id: int = Field(foreign_key="content_snapshot.id", nullable=False, index=True)
    completed_at: datetime | None = Field(default=None)


class Rating(Stamped, table=True):
    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint(
            "conversation_id", "expectation_id", "rater", name="uq_rating_conversation_rater"
        ),
        Index("ix_rating_scores", "conversation_id", "expectation_id", "rater", "score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", nullable=False, index=True
    )
    expectation_id: str = Field(max_length=64, nullable=False)
    rater: str = Field(max_length=10, nullable=False)
    score: int | None = Field(default=None)
    not_observed: bool = Field(default=False, nullable=False)
    comment: str = Field(default="", nullable=False)


class RatingSum(SQLModel, table=True):
    """The scores of a year's held ratings summed per (layer, expectation, rater), for HR's
    overview: kept by the database itself (triggers on `rating` and `conversation`, see
    migration 0008), never written by the program, not exported (derived data)."""

    __tablename__ = "rating_sum"

    expectation_id: str = Field(max_length=64, primary_key=True)
    rater: str = Field(max_length=10, primary_key=True)
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    layer: str = Field(max_length=64, primary_key=True)
    n: int = Field(nullable=False)
    total: int = Field(nullable=False)
    total_sq: int = Field(nullable=False)


class FeedbackRater(SQLModel, table=True):
    """One rater invited to (or answering) a leadership evaluation beyond self and manager.

    `rater_group` is peer, report or other. `rater_key` is a keyed hash of the id the
    rater came with (a survey tool's id, an invitation), never the id itself, so it cannot
    be shown or printed; it only tells the same rater's answers apart. `answered_at` is
    None while an invited rater has not answered (the response rate counts these).
    """

    __tablename__ = "feedback_rater"
    __table_args__ = (
        UniqueConstraint("conversation_id", "rater_key", name="uq_feedback_rater_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", nullable=False, index=True
    )
    rater_group: str = Field(max_length=10, nullable=False)
    rater_key: str = Field(max_length=64, nullable=False)
    invited_at: datetime = Field(default_factory=utcnow, nullable=False)
    answered_at: datetime | None = Field(default=None)


class FeedbackAnswer(Stamped, table=True):
    """One rater's answer to one expectation: a score or not observed, and a comment."""

    __tablename__ = "feedback_answer"
    __table_args__ = (
        UniqueConstraint("rater_id", "expectation_id", name="uq_feedback_answer_rater"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rater_id: int = Field(
        foreign_key="feedback_rater.id", ondelete="CASCADE", nullable=False, index=True
    )
    expectation_id: str = Field(max_length=64, nullable=False)
    score: int | None = Field(default=None)
    not_observed: bool = Field(default=False, nullable=False)
    comment: str = Field(default="", nullable=False)


class CardPick(Stamped, table=True):
    __tablename__ = "card_pick"
    __table_args__ = (
        UniqueConstraint("conversation_id", "card_id", name="uq_card_pick_conversation_card"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", nullable=False, index=True
    )
    card_id: str = Field(max_length=64, nullable=False)
    picked_by: str = Field(max_length=10, nullable=False)
    position: int = Field(default=0, nullable=False)
    notes: str = Field(default="", nullable=False)
    agreements: str = Field(default="", nullable=False)
    played: bool = Field(default=False, nullable=False)


class Plan(Stamped, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", nullable=False, unique=True
    )
    summary: str = Field(default="", nullable=False)
    strengths: str = Field(default="", nullable=False)
    development_areas: str = Field(default="", nullable=False)
    # Readiness for the next layer (vocabulary.READINESS; "" not answered) and why.
    readiness: str = Field(default="", max_length=20, nullable=False)
    readiness_note: str = Field(default="", nullable=False)
    follow_up_on: date | None = Field(default=None)
    signed_by_person_at: datetime | None = Field(default=None)
    signed_by_conductor_at: datetime | None = Field(default=None)


class Goal(Stamped, table=True):
    __tablename__ = "goal"
    __table_args__ = (
        Index("ix_goal_reviewed_in_id", "reviewed_in_id"),
        Index("ix_goal_carried_from_id", "carried_from_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", nullable=False, index=True)
    position: int = Field(default=0, nullable=False)
    title: str = Field(default="", nullable=False)
    expectation_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    card_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    success_criterion: str = Field(default="", nullable=False)
    due_on: date | None = Field(default=None)
    status: str = Field(default="open", max_length=20, nullable=False)
    progress_notes: str = Field(default="", nullable=False)
    review_note: str = Field(default="", nullable=False)
    reviewed_in_id: int | None = Field(
        default=None, foreign_key="conversation.id", ondelete="SET NULL", nullable=True
    )
    carried_from_id: int | None = Field(
        default=None, foreign_key="goal.id", ondelete="SET NULL", nullable=True
    )


class Action(Stamped, table=True):
    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", nullable=False, index=True)
    position: int = Field(default=0, nullable=False)
    description: str = Field(default="", nullable=False)
    kind: str = Field(default="experience", max_length=20, nullable=False)
    owner: str = Field(default="", max_length=200, nullable=False)
    due_on: date | None = Field(default=None)
    done: bool = Field(default=False, nullable=False)
    activity_id: str | None = Field(default=None, max_length=64)


class Erasure(SQLModel, table=True):
    """That a person's data was erased, and when: nothing that identifies them.

    `erased_ids` holds the ids of the rows removed, table by table (numbers
    only), so a write from a session still open on them is refused as "erased".
    """

    __tablename__ = "erasure"

    id: int | None = Field(default=None, primary_key=True)
    erased_at: datetime = Field(default_factory=utcnow, nullable=False)
    rows_removed: int = Field(default=0, nullable=False)
    erased_ids: dict[str, list[int]] = Field(
        default_factory=dict,
        sa_column=Column(JSON, nullable=False, server_default=text("'{}'")),
    )


class CopyMade(SQLModel, table=True):
    """A copy of data the program wrote outside the database (a backup, an export, a printed
    plan): an erasure names the older ones, which may still hold the person. `person_id`
    is the person a copy is about (their export, their plan), None for a whole database."""

    __tablename__ = "copy_made"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, nullable=False)
    path: str = Field(max_length=4096, nullable=False)
    made_at: datetime = Field(default_factory=utcnow, nullable=False)
    person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="CASCADE", nullable=True, index=True
    )


class Invitation(SQLModel, table=True):
    """A link that lets one party of one conversation prepare alone in a browser
    (`pipeline-tui invite`). Only the SHA-256 of the link's secret is kept. `party` is
    who answers with it: "self" (the person prepares), or a rater group of a leadership
    evaluation ("peer", "report", "other"), whose link answers as the opaque `rater_id`
    (never a name, never shown). A link stops working when revoked, when `expires_at` has
    passed, when the conversation is held, or (a rater's) once `finished_at` is set.
    """

    __tablename__ = "invitation"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", nullable=False, index=True
    )
    party: str = Field(max_length=20, nullable=False)
    token_hash: str = Field(max_length=64, nullable=False, unique=True)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    expires_at: datetime = Field(nullable=False)
    revoked_at: datetime | None = Field(default=None)
    rater_id: int | None = Field(
        default=None, foreign_key="feedback_rater.id", ondelete="CASCADE", index=True
    )
    finished_at: datetime | None = Field(default=None)


TABLES: tuple[type[SQLModel], ...] = (
    Person,
    ContentSnapshot,
    Conversation,
    Rating,
    CardPick,
    Plan,
    Goal,
    Action,
    Erasure,
    FeedbackRater,
    FeedbackAnswer,
)  # the exported tables; copy_made and invitation are the program's own bookkeeping,
# rating_sum derived data the database keeps


def column_type(column: Any) -> TypeEngine[Any]:
    """The column's SQL type, seen through SQLModel's wrappers (AutoString, UTCDateTime)."""
    kind = column.type
    return cast("TypeEngine[Any]", kind.impl if isinstance(kind, TypeDecorator) else kind)
