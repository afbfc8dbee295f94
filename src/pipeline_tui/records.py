"""Plain data the repository returns: frozen dataclasses, never live ORM objects.

They can cross threads (a worker reads, a message handler shows), and they
import nothing heavy, so the first screen can use them before SQLAlchemy loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from pipeline_tui.vocabulary import (  # noqa: F401  (the records' words, declared there)
    ACTION_KINDS,
    CONVERSATION_KINDS,
    CONVERSATION_STATUSES,
    GOAL_STATUSES,
    PICKED_BY,
    READINESS,
    REVIEWED,
    is_kind_key,
)
from pipeline_tui.vocabulary import PARTIES as RATERS  # noqa: F401


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
    # The latest held conversation of a yearly kind (MUS, LUS, evaluation; any kind when
    # the pack's kinds were not known): what "this year's conversation" is judged by.
    last_yearly_held_on: date | None = None
    email: str = ""  # searched on home, as `people list --search` searches it

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
    readiness: str = ""  # readiness for the next layer (READINESS), "" not answered
    readiness_note: str = ""

    @property
    def is_signed(self) -> bool:
        return self.signed_by_person_at is not None and self.signed_by_conductor_at is not None

    def fold(self, record: GoalRecord | ActionRecord) -> PlanRecord:
        """This plan with a goal or an action a write returned (see `ConversationDetail.fold`)."""
        if isinstance(record, GoalRecord):
            held = next((g for g in self.goals if g.id == record.id), None)
            if held is None:
                return (
                    self
                    if record.plan_id != self.id
                    else replace(self, goals=(*self.goals, record))
                )
            if held.version > record.version:
                return self
            replaced = tuple(record if g.id == record.id else g for g in self.goals)
            return replace(self, goals=replaced)
        goals: list[GoalRecord] = []
        for goal in self.goals:
            if goal.id == record.goal_id:
                held_action = next((a for a in goal.actions if a.id == record.id), None)
                if held_action is not None and held_action.version > record.version:
                    return self
                if held_action is None:
                    actions = (*goal.actions, record)
                else:
                    actions = tuple(record if a.id == record.id else a for a in goal.actions)
                goal = replace(goal, actions=actions)
            goals.append(goal)
        return replace(self, goals=tuple(goals))


@dataclass(frozen=True, slots=True)
class Removed:
    """What a delete returns to be folded into a loaded detail: a card put back
    (`table` "pick", `key` its card id), a goal or an action (`id`)."""

    table: str
    id: int = 0
    key: str = ""


@dataclass(frozen=True, slots=True)
class GroupFeedback:
    """What a rater group (peers, reports, others) said, as it may be shown: never one
    rater's answers, never who they are.

    `shown` is False while fewer than `threshold` raters of the group answered; then
    `means` and `comments` are empty, whatever was answered. An expectation's mean is
    there only when at least `threshold` raters gave it a score (a mean of one or two
    scores would be their answers). `comments` come in a random-looking order that owes
    nothing to who wrote them or when (`anonymity._scrambled`), without raters.
    """

    group: str
    threshold: int
    shown: bool
    means: tuple[tuple[str, float], ...] = ()  # (expectation id, mean score)
    comments: tuple[tuple[str, str], ...] = ()  # (expectation id, comment)
    raters: int = 0  # how many answered: only set when shown

    def mean(self, expectation_id: str) -> float | None:
        for key, value in self.means:
            if key == expectation_id:
                return value
        return None


@dataclass(frozen=True, slots=True)
class FeedbackTarget:
    """What checking a feedback file needs to know of one conversation."""

    conversation_id: int
    kind: str
    signed: bool
    snapshot: dict[str, Any]
    groups_by_key: dict[str, str]  # rater key -> group, of raters stored already


@dataclass(frozen=True, slots=True)
class NewAnswer:
    """One checked answer to store."""

    conversation_id: int
    group: str
    rater: str  # as given; only its hash is stored
    expectation_id: str
    score: int | None
    comment: str = ""

    @property
    def not_observed(self) -> bool:
        return self.score is None


@dataclass(frozen=True, slots=True)
class RaterAnswer:
    """An invited rater's own answer to one expectation, as their form shows it back to
    them (and to nobody else): a score, not observed, or neither yet; a comment."""

    score: int | None = None
    not_observed: bool = False
    comment: str = ""

    @property
    def is_rated(self) -> bool:
        return self.score is not None or self.not_observed


@dataclass(frozen=True, slots=True)
class RaterForm:
    """What an invited rater's link shows: whom they rate (name and role, no more), the
    conversation's content snapshot (the layer's expectations and the scale) and their own
    answers so far. Nobody else's answers, no self or manager ratings, no plan."""

    conversation_id: int
    kind: str
    group: str
    person_name: str
    snapshot: dict[str, Any]
    answers: dict[str, RaterAnswer]


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    """A conversation with everything said in it: what the conversation screen loads."""

    conversation: ConversationRecord
    ratings: tuple[RatingRecord, ...]
    picks: tuple[CardPickRecord, ...]
    plan: PlanRecord | None
    snapshot: dict[str, Any] = field(default_factory=dict)
    # The rater groups asked besides self and manager (360°), in the order of RATER_GROUPS.
    feedback: tuple[GroupFeedback, ...] = ()
    # Changes whenever an answer of theirs is added or changed (`anonymity.stamp`): how a
    # screen left open learns that answers came in, without seeing any one of them.
    feedback_stamp: int = 0

    def group(self, group: str) -> GroupFeedback | None:
        return next((g for g in self.feedback if g.group == group), None)

    def rating(self, expectation_id: str, rater: str) -> RatingRecord | None:
        for rating in self.ratings:
            if rating.expectation_id == expectation_id and rating.rater == rater:
                return rating
        return None

    def versions(self) -> frozenset[tuple[str, int, int]]:
        """(table, id, version) of every row held: compared with the stored rows'
        (`ConversationStore.versions`) to learn whether another session changed any."""
        found = {("conversation", self.conversation.id, self.conversation.version)}
        if self.feedback_stamp:
            found.add(("feedback", 0, self.feedback_stamp))
        found.update(("rating", x.id, x.version) for x in self.ratings if x.id)
        found.update(("pick", x.id, x.version) for x in self.picks if x.id)
        if self.plan is not None:
            found.add(("plan", self.plan.id, self.plan.version))
            for goal in self.plan.goals:
                found.add(("goal", goal.id, goal.version))
                found.update(("action", a.id, a.version) for a in goal.actions)
        return frozenset(found)

    def fold(self, record: object) -> ConversationDetail:
        """This detail with a record a write returned laid over it (by id; an older
        version than the one held is ignored, so results arriving late change nothing)."""
        if isinstance(record, RatingRecord):
            key = (record.expectation_id, record.rater)
            held = self.rating(*key)
            if held is not None and held.version > record.version:
                return self
            rest = tuple(x for x in self.ratings if (x.expectation_id, x.rater) != key)
            return replace(self, ratings=(*rest, record))
        if isinstance(record, CardPickRecord):
            held_pick = next((x for x in self.picks if x.id == record.id), None)
            if held_pick is not None:
                if held_pick.version > record.version:
                    return self
                picks = tuple(record if x.id == record.id else x for x in self.picks)
            else:
                picks = (*self.picks, record)
            return replace(self, picks=picks)
        if isinstance(record, ConversationRecord):
            if record.id != self.conversation.id or self.conversation.version > record.version:
                return self
            return replace(self, conversation=record)
        if isinstance(record, PlanRecord):
            if self.plan is not None and self.plan.version > record.version:
                return self
            return replace(self, plan=record)
        if isinstance(record, GoalRecord | ActionRecord) and self.plan is not None:
            return replace(self, plan=self.plan.fold(record))
        if isinstance(record, Removed):
            return self._without(record)
        return self

    def _without(self, removed: Removed) -> ConversationDetail:
        if removed.table == "pick":
            return replace(self, picks=tuple(p for p in self.picks if p.card_id != removed.key))
        plan = self.plan
        if plan is None:
            return self
        if removed.table == "goal":
            goals = tuple(g for g in plan.goals if g.id != removed.id)
        else:
            goals = tuple(
                replace(g, actions=tuple(a for a in g.actions if a.id != removed.id))
                for g in plan.goals
            )
        return replace(self, plan=replace(plan, goals=goals))


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
    texts: dict[str, Any]
    always_included: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()  # the deck's cards (none without a deck)
