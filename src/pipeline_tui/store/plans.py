"""Development plans: goals, actions, sign-off, and the follow-up of last year's plan.

After both parties sign, the plan's content is frozen; what can still change
is its progress: a goal's status and progress notes, an action's done flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from pipeline_tui import clock
from pipeline_tui import records as r
from pipeline_tui.errors import NotFoundError, RuleError, UserError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, check_unchanged, row_id, touch
from pipeline_tui.store.identity import not_found
from pipeline_tui.store.queries import sqlalchemy_reader
from pipeline_tui.store.shape import action_record, goal_record
from pipeline_tui.vocabulary import ACTION_KINDS, GOAL_STATUSES, READINESS, REVIEWED

PLAN_FIELDS = (
    "summary",
    "strengths",
    "development_areas",
    "follow_up_on",
    "readiness",
    "readiness_note",
)
GOAL_FIELDS = (
    "title",
    "expectation_ids",
    "card_ids",
    "success_criterion",
    "due_on",
    "status",
    "progress_notes",
)
ACTION_FIELDS = ("description", "kind", "owner", "due_on", "done", "activity_id")
PROGRESS_GOAL_FIELDS = ("status", "progress_notes")
PROGRESS_ACTION_FIELDS = ("done",)
SIGNERS = ("person", "conductor")


def load_plan(session: Session, conversation_id: int) -> r.PlanRecord | None:
    """The plan as stored, with what this session wrote so far (flushed)."""
    session.flush()
    return sqlalchemy_reader(session.connection()).plan(conversation_id)


def _plan_for(session: Session, conversation_id: int) -> tuple[m.Plan, m.Conversation]:
    conversation = session.get(m.Conversation, conversation_id)
    if conversation is None:
        msg = f"no conversation with id {conversation_id}"
        raise not_found(session, "conversation", conversation_id, msg)
    plan = session.exec(select(m.Plan).where(m.Plan.conversation_id == conversation_id)).first()
    if plan is None:
        plan = m.Plan(conversation_id=conversation_id)
        session.add(plan)
        session.flush()
    return plan, conversation


def _goal(session: Session, goal_id: int) -> tuple[m.Goal, m.Conversation]:
    goal = session.get(m.Goal, goal_id)
    if goal is None:
        raise not_found(session, "goal", goal_id, f"no goal with id {goal_id}")
    plan = session.get(m.Plan, goal.plan_id)
    conversation = session.get(m.Conversation, plan.conversation_id) if plan else None
    assert conversation is not None, "a goal's plan and conversation go with it"
    return goal, conversation


def _require_open(
    conversation: m.Conversation, fields: Sequence[str], allowed: Sequence[str]
) -> None:
    if conversation.status == "signed" and set(fields) - set(allowed):
        raise RuleError(
            "the plan is signed: only progress (status, notes, done) can change", "signed"
        )


def _check_values(kind: str, changes: dict[str, object]) -> None:
    status = changes.get("status")
    if status is not None and status not in GOAL_STATUSES:
        raise UserError(f"goal status must be one of {', '.join(GOAL_STATUSES)}")
    if kind == "action" and "kind" in changes and changes["kind"] not in ACTION_KINDS:
        raise UserError(f"action type must be one of {', '.join(ACTION_KINDS)}")
    readiness = changes.get("readiness")
    if readiness is not None and readiness not in ("", *READINESS):
        raise UserError(f"readiness must be one of {', '.join(READINESS)} (or empty)")
    for key in ("due_on", "follow_up_on"):
        value = changes.get(key)
        if value is not None and not isinstance(value, date):
            raise UserError(f"{key} must be a date")


def _apply(
    row: m.Stamped,
    what: str,
    changes: dict[str, object],
    expected: dict[str, object] | None,
) -> None:
    for key, value in changes.items():
        if key in ("expectation_ids", "card_ids"):
            value = list(value)  # type: ignore[call-overload]  # a sequence of ids, stored as a JSON list
        if expected and key in expected:
            check_unchanged(what, key, getattr(row, key), expected[key], value)
        setattr(row, key, value)
    touch(row)


class PlanStore(StoreBase):
    def get(self, conversation_id: int) -> r.PlanRecord:
        with self._read() as session:
            plan = load_plan(session, conversation_id)
            if plan is None:
                raise NotFoundError(f"conversation {conversation_id} has no plan", "conversation")
            return plan

    def update(
        self, conversation_id: int, *, expected: dict[str, object] | None = None, **changes: object
    ) -> r.PlanRecord:
        """Change the plan's summary texts or follow-up date."""
        unknown = set(changes) - set(PLAN_FIELDS)
        if unknown:
            raise UserError(f"cannot change {', '.join(sorted(unknown))} of a plan")
        _check_values("plan", changes)
        with self._write() as session:
            plan, conversation = _plan_for(session, conversation_id)
            _require_open(conversation, list(changes), ())
            _apply(plan, "plan", changes, expected)
            session.flush()
            return load_plan(session, conversation_id)  # type: ignore[return-value]  # it was just written

    def add_goal(
        self,
        conversation_id: int,
        title: str,
        *,
        expectation_ids: Sequence[str] = (),
        card_ids: Sequence[str] = (),
        success_criterion: str = "",
        due_on: date | None = None,
        carried_from_id: int | None = None,
    ) -> r.GoalRecord:
        with self._write() as session:
            plan, conversation = _plan_for(session, conversation_id)
            _require_open(conversation, ["title"], ())
            count = len(session.exec(select(m.Goal.id).where(m.Goal.plan_id == plan.id)).all())
            row = m.Goal(
                plan_id=row_id(plan),
                position=count,
                title=title,
                expectation_ids=list(expectation_ids),
                card_ids=list(card_ids),
                success_criterion=success_criterion,
                due_on=due_on,
                carried_from_id=carried_from_id,
            )
            session.add(row)
            session.flush()
            return goal_record(row)

    def goal(self, goal_id: int) -> r.GoalRecord:
        with self._read() as session:
            row, _conversation = _goal(session, goal_id)
            actions = session.exec(
                select(m.Action).where(m.Action.goal_id == goal_id).order_by(col(m.Action.position))
            ).all()
            return goal_record(row, tuple(action_record(a) for a in actions))

    def update_goal(
        self, goal_id: int, *, expected: dict[str, object] | None = None, **changes: object
    ) -> r.GoalRecord:
        unknown = set(changes) - set(GOAL_FIELDS)
        if unknown:
            raise UserError(f"cannot change {', '.join(sorted(unknown))} of a goal")
        _check_values("goal", changes)
        with self._write() as session:
            row, conversation = _goal(session, goal_id)
            _require_open(conversation, list(changes), PROGRESS_GOAL_FIELDS)
            _apply(row, "goal", changes, expected)
            session.flush()
            actions = session.exec(
                select(m.Action).where(m.Action.goal_id == goal_id).order_by(col(m.Action.position))
            ).all()
            return goal_record(row, tuple(action_record(a) for a in actions))

    def delete_goal(self, goal_id: int) -> None:
        with self._write() as session:
            row, conversation = _goal(session, goal_id)
            _require_open(conversation, ["title"], ())
            for action in session.exec(select(m.Action).where(m.Action.goal_id == goal_id)).all():
                session.delete(action)
            session.delete(row)

    def add_action(
        self,
        goal_id: int,
        description: str,
        *,
        kind: str = "experience",
        owner: str = "",
        due_on: date | None = None,
        activity_id: str | None = None,
    ) -> r.ActionRecord:
        _check_values("action", {"kind": kind, "due_on": due_on})
        with self._write() as session:
            _goal_row, conversation = _goal(session, goal_id)
            _require_open(conversation, ["description"], ())
            count = len(session.exec(select(m.Action.id).where(m.Action.goal_id == goal_id)).all())
            row = m.Action(
                goal_id=goal_id,
                position=count,
                description=description,
                kind=kind,
                owner=owner,
                due_on=due_on,
                activity_id=activity_id,
            )
            session.add(row)
            session.flush()
            return action_record(row)

    def update_action(
        self, action_id: int, *, expected: dict[str, object] | None = None, **changes: object
    ) -> r.ActionRecord:
        unknown = set(changes) - set(ACTION_FIELDS)
        if unknown:
            raise UserError(f"cannot change {', '.join(sorted(unknown))} of an action")
        _check_values("action", changes)
        with self._write() as session:
            row = session.get(m.Action, action_id)
            if row is None:
                raise not_found(session, "action", action_id, f"no action with id {action_id}")
            _goal_row, conversation = _goal(session, row.goal_id)
            _require_open(conversation, list(changes), PROGRESS_ACTION_FIELDS)
            _apply(row, "action", changes, expected)
            session.flush()
            return action_record(row)

    def delete_action(self, action_id: int) -> None:
        with self._write() as session:
            row = session.get(m.Action, action_id)
            if row is None:
                raise not_found(session, "action", action_id, f"no action with id {action_id}")
            _goal_row, conversation = _goal(session, row.goal_id)
            _require_open(conversation, ["description"], ())
            session.delete(row)

    def sign(self, conversation_id: int, signer: str) -> r.PlanRecord:
        """Record one party's sign-off; with both, the conversation becomes signed (read-only)."""
        if signer not in SIGNERS:
            raise UserError(f"the plan is signed by {' or '.join(SIGNERS)}, not {signer!r}")
        with self._write() as session:
            plan, conversation = _plan_for(session, conversation_id)
            now = clock.now()  # the day a pinned date says, as everything else printed
            if signer == "person" and plan.signed_by_person_at is None:
                plan.signed_by_person_at = now
            if signer == "conductor" and plan.signed_by_conductor_at is None:
                plan.signed_by_conductor_at = now
            touch(plan)
            if plan.signed_by_person_at and plan.signed_by_conductor_at:
                conversation.status = "signed"
                conversation.completed_at = conversation.completed_at or now
                touch(conversation)
            session.flush()
            return load_plan(session, conversation_id)  # type: ignore[return-value]  # it was just written

    def previous_plan(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[r.ConversationRecord, r.PlanRecord] | None:
        """The person's latest earlier concluded (signed or completed) conversation that
        has goals, with its plan: the plan a follow-up reviews."""
        with self._read() as session:
            return sqlalchemy_reader(session.connection()).previous_plan(
                person_id, before_conversation_id=before_conversation_id
            )

    def previous_plans(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[tuple[r.ConversationRecord, r.PlanRecord] | None, r.ConversationRecord | None]:
        """`previous_plan`, and the latest earlier conversation after it with goals that
        was never concluded (its plan is not reviewed; the follow-up says so)."""
        with self._read() as session:
            return sqlalchemy_reader(session.connection()).previous_plans(
                person_id, before_conversation_id=before_conversation_id
            )

    def review_goal(
        self,
        goal_id: int,
        status: str | None,
        note: str | None,
        *,
        in_conversation_id: int,
        expected_note: str | None = None,
    ) -> r.GoalRecord:
        """Mark an earlier plan's goal done / partly / not done at a follow-up conversation.

        In one transaction: `status` None keeps a status already given (else "partly"),
        `note` None keeps the note; `expected_note` is the note the editor started from,
        and a note changed meanwhile by another session raises ConflictError.
        """
        if status is not None and status not in REVIEWED:
            raise UserError("a reviewed goal is done, partly or not_done")
        with self._write() as session:
            row, _conversation = _goal(session, goal_id)
            if session.get(m.Conversation, in_conversation_id) is None:
                raise NotFoundError(
                    f"no conversation with id {in_conversation_id}",
                    "conversation",
                    id=in_conversation_id,
                )
            if note is not None:
                check_unchanged("goal", "review_note", row.review_note, expected_note, note)
                row.review_note = note
            row.status = status or (row.status if row.status in REVIEWED else "partly")
            row.reviewed_in_id = in_conversation_id
            touch(row)
            session.flush()
            return goal_record(row)
