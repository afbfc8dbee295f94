"""Plain data the repository returns: frozen dataclasses, never live ORM objects.

They can cross threads (a worker reads, a message handler shows), and they
import nothing heavy, so the first screen can use them before SQLAlchemy loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

RATERS = ("self", "manager")
# The kinds every pack has; a pack may define more (its `conversations`), so the
# store accepts any key of the form `is_kind_key` allows.
CONVERSATION_KINDS = ("mus", "lus", "evaluation")
_KIND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzæøåäöüé0123456789_")


def is_kind_key(value: object) -> bool:
    """A conversation kind as a pack names it: 1-20 lower-case letters, digits or _."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= 20
        and value[0] != "_"
        and all(c in _KIND_CHARS or (c.isalpha() and c.islower()) for c in value)
    )


CONVERSATION_STATUSES = ("draft", "in_progress", "completed", "signed")
GOAL_STATUSES = ("open", "in_progress", "done", "partly", "not_done")
REVIEWED = ("done", "partly", "not_done")  # what an earlier goal is found to be at a follow-up
ACTION_KINDS = ("experience", "relationships", "formal")
PICKED_BY = ("self", "manager", "deck")


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    name: str
    email: str | None
    title: str
    unit: str
    layer: str
    manager_id: int | None
    manager_name: str | None
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the people list on the home screen."""

    id: int
    name: str
    title: str
    unit: str
    layer: str
    manager_name: str | None
    last_held_on: date | None
    last_kind: str | None
    last_status: str | None
    follow_up_on: date | None

    def had_conversation_in(self, year: int) -> bool:
        return self.last_held_on is not None and self.last_held_on.year >= year


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    id: int
    person_id: int
    person_name: str
    kind: str
    layer: str
    held_on: date
    conducted_by: str
    conductor_id: int | None
    status: str
    language: str
    step: str
    revealed: bool
    pack_id: str
    pack_version: str
    pack_hash: str
    deck_id: str | None
    snapshot_id: int
    completed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def is_signed(self) -> bool:
        return self.status == "signed"


@dataclass(frozen=True, slots=True)
class RatingRecord:
    id: int
    conversation_id: int
    expectation_id: str
    rater: str
    score: int | None
    not_observed: bool
    comment: str
    version: int

    @property
    def is_rated(self) -> bool:
        return self.score is not None or self.not_observed


@dataclass(frozen=True, slots=True)
class CardPickRecord:
    id: int
    conversation_id: int
    card_id: str
    picked_by: str
    position: int
    notes: str
    agreements: str
    played: bool
    version: int


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    goal_id: int
    position: int
    description: str
    kind: str
    owner: str
    due_on: date | None
    done: bool
    activity_id: str | None
    version: int


@dataclass(frozen=True, slots=True)
class GoalRecord:
    id: int
    plan_id: int
    position: int
    title: str
    expectation_ids: tuple[str, ...]
    card_ids: tuple[str, ...]
    success_criterion: str
    due_on: date | None
    status: str
    progress_notes: str
    review_note: str
    reviewed_in_id: int | None
    carried_from_id: int | None
    version: int
    actions: tuple[ActionRecord, ...] = ()

    @property
    def is_finished(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: int
    conversation_id: int
    summary: str
    strengths: str
    development_areas: str
    follow_up_on: date | None
    signed_by_person_at: datetime | None
    signed_by_conductor_at: datetime | None
    version: int
    goals: tuple[GoalRecord, ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.signed_by_person_at is not None and self.signed_by_conductor_at is not None


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    """A conversation with everything said in it: what the conversation screen loads."""

    conversation: ConversationRecord
    ratings: tuple[RatingRecord, ...]
    picks: tuple[CardPickRecord, ...]
    plan: PlanRecord | None
    snapshot: dict = field(default_factory=dict)

    def rating(self, expectation_id: str, rater: str) -> RatingRecord | None:
        for rating in self.ratings:
            if rating.expectation_id == expectation_id and rating.rater == rater:
                return rating
        return None


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """One line of a conversation listing."""

    id: int
    person_id: int
    person_name: str
    unit: str
    kind: str
    layer: str
    held_on: date
    status: str
    conducted_by: str
    goals: int
    follow_up_on: date | None
    plan_signed: bool


@dataclass(frozen=True, slots=True)
class ContentRef:
    """The content a conversation is held with: pack identity and the texts it uses.

    Built from a loaded pack by `packs.snapshot.content_ref`; the store keeps
    the texts once per pack hash, layer and deck, shared by every conversation.
    """

    pack_id: str
    pack_version: str
    pack_hash: str
    layer: str
    deck_id: str | None
    texts: dict
    always_included: tuple[str, ...] = ()
