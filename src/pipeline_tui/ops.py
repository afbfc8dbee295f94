"""A conversation's writes as data: a name and plain arguments.

The UI queues these instead of closures, so that a write which cannot be
saved now (the file is locked, the disk is full) can be kept: retried while
the app runs, and written to a recovery file when it quits, to be offered
back the next time the conversation opens. Every argument is JSON-able
(dates are tagged), and `run` is the only place that maps a name to the
repository call that carries it out. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.packs.view import ConversationContent
    from pipeline_tui.store.repository import Repository


@dataclass(frozen=True)
class Op:
    """One write: `name` (a key of OPS) and its arguments."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def with_args(self, **changes: Any) -> Op:
        return Op(self.name, {**self.args, **changes})

    def to_json(self) -> dict[str, Any]:
        return {"op": self.name, "args": {k: _encode(v) for k, v in self.args.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Op:
        name = data.get("op")
        args = data.get("args")
        if name not in OPS or not isinstance(args, dict):
            raise ValueError(f"not a pipeline-tui write: {name!r}")
        return cls(str(name), {str(k): _decode(v) for k, v in args.items()})


@dataclass
class Context:
    """What a write may need besides the repository."""

    repo: Repository
    content: ConversationContent | None = None
    pack: Callable[[], Pack] | None = None


def run(op: Op, context: Context) -> Any:
    """Carry out `op`; returns what the repository returns (a record, or None)."""
    try:
        handler = OPS[op.name]
    except KeyError:
        raise ValueError(f"unknown write {op.name!r}") from None
    return handler(context, **op.args)


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return None if value["$date"] is None else date.fromisoformat(value["$date"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


# The writes. Each takes the context and the op's arguments by name.


def _rating(c: Context, conversation_id: int, expectation_id: str, rater: str, **kw: Any) -> Any:
    expected = kw.get("expected")
    return c.repo.conversations.set_rating(
        conversation_id,
        expectation_id,
        rater,
        score=kw.get("score"),
        not_observed=bool(kw.get("not_observed")),
        expected=None if expected is None else (expected[0], bool(expected[1])),
    )


def _rating_comment(
    c: Context,
    conversation_id: int,
    expectation_id: str,
    rater: str,
    value: str,
    expected: str | None = None,
) -> Any:
    return c.repo.conversations.set_rating_comment(
        conversation_id, expectation_id, rater, value, expected=expected
    )


def _conversation(
    c: Context,
    conversation_id: int,
    changes: dict[str, Any],
    expected: dict[str, Any] | None = None,
) -> Any:
    return c.repo.conversations.update(conversation_id, expected=expected, **changes)


def _conversation_text(
    c: Context, conversation_id: int, field: str, value: str, expected: str | None = None
) -> Any:
    value = value.strip() if field == "conducted_by" else value
    return c.repo.conversations.update(
        conversation_id,
        content=None,  # a text of the conversation; its content stays
        expected={field: expected.strip() if expected is not None else None},
        **{field: value},
    )


def _change_content(c: Context, conversation_id: int, layer: str, kind: str) -> Any:
    from pipeline_tui import services

    assert c.pack is not None
    return services.change_content(c.repo, c.pack(), conversation_id, layer=layer, kind=kind)


def _pick(c: Context, conversation_id: int, card_id: str, party: str) -> Any:
    from pipeline_tui import services

    assert c.content is not None
    return services.pick_card(c.repo, c.content, conversation_id, card_id, party)


def _unpick(c: Context, conversation_id: int, card_id: str) -> Any:
    """Put a card back; one whose pick never reached the database (the put-back replaced
    it in the queue) is simply not there: nothing to do."""
    from pipeline_tui.errors import NotFoundError
    from pipeline_tui.records import Removed

    try:
        c.repo.conversations.unpick_card(conversation_id, card_id)
    except NotFoundError as exc:
        if exc.reason != "card":
            raise
    return Removed("pick", key=card_id)


def _pick_id(
    c: Context, conversation_id: int | None, card_id: str | None, pick_id: int | None
) -> int:
    """The pick a card write is for: found by card (`pick_id` only in journals of version 0.x)."""
    if pick_id is not None:
        return pick_id
    assert conversation_id is not None and card_id is not None
    return c.repo.conversations.pick_id(conversation_id, card_id)


def _card_text(
    c: Context,
    field: str,
    value: str,
    conversation_id: int | None = None,
    card_id: str | None = None,
    expected: str | None = None,
    pick_id: int | None = None,
) -> Any:
    """A card's notes or agreements, found by its card: a note typed while the pick itself was
    still on its way is written right after it (the queue keeps their order)."""
    pick_id = _pick_id(c, conversation_id, card_id, pick_id)
    record = c.repo.conversations.set_card_text(pick_id, field, value, expected=expected)
    if value.strip() and not record.played:  # writing on a card means it was played
        record = c.repo.conversations.set_card_played(pick_id)
    return record


def _card_played(
    c: Context,
    conversation_id: int | None = None,
    card_id: str | None = None,
    played: bool = True,
    pick_id: int | None = None,
) -> Any:
    pick_id = _pick_id(c, conversation_id, card_id, pick_id)
    return c.repo.conversations.set_card_played(pick_id, played)


def _plan(
    c: Context,
    conversation_id: int,
    changes: dict[str, Any],
    expected: dict[str, Any] | None = None,
) -> Any:
    return c.repo.plans.update(conversation_id, expected=expected, **changes)


def _plan_text(
    c: Context, conversation_id: int, field: str, value: str, expected: str | None = None
) -> Any:
    return c.repo.plans.update(conversation_id, expected={field: expected}, **{field: value})


def _goal(
    c: Context, goal_id: int, changes: dict[str, Any], expected: dict[str, Any] | None = None
) -> Any:
    return c.repo.plans.update_goal(goal_id, expected=expected, **changes)


def _goal_text(
    c: Context, goal_id: int, field: str, value: str, expected: str | None = None
) -> Any:
    return c.repo.plans.update_goal(goal_id, expected={field: expected}, **{field: value})


def _action(
    c: Context, action_id: int, changes: dict[str, Any], expected: dict[str, Any] | None = None
) -> Any:
    return c.repo.plans.update_action(action_id, expected=expected, **changes)


def _action_text(
    c: Context, action_id: int, field: str, value: str, expected: str | None = None
) -> Any:
    return c.repo.plans.update_action(action_id, expected={field: expected}, **{field: value})


def _add_goal(c: Context, conversation_id: int, title: str = "") -> Any:
    return c.repo.plans.add_goal(conversation_id, title)


def _add_action(c: Context, goal_id: int, description: str = "", **kw: Any) -> Any:
    return c.repo.plans.add_action(
        goal_id,
        description,
        kind=kw.get("kind", "experience"),
        owner=kw.get("owner", ""),
        activity_id=kw.get("activity_id"),
    )


def _delete_goal(c: Context, goal_id: int) -> Any:
    from pipeline_tui.records import Removed

    c.repo.plans.delete_goal(goal_id)
    return Removed("goal", goal_id)


def _delete_action(c: Context, action_id: int) -> Any:
    from pipeline_tui.records import Removed

    c.repo.plans.delete_action(action_id)
    return Removed("action", action_id)


def _review(
    c: Context,
    goal_id: int,
    conversation_id: int,
    status: str | None = None,
    value: str | None = None,
    expected: str | None = None,
) -> Any:
    return c.repo.plans.review_goal(
        goal_id, status, value, in_conversation_id=conversation_id, expected_note=expected
    )


def _carry(c: Context, goal_id: int, conversation_id: int) -> Any:
    from pipeline_tui import services
    from pipeline_tui.errors import NotFoundError, RuleError

    try:
        plan = c.repo.plans.get(conversation_id)
    except NotFoundError:
        plan = None
    if plan is not None and any(g.carried_from_id == goal_id for g in plan.goals):
        raise RuleError("that goal is already carried into this plan", "already_carried")
    return services.carry_goal(c.repo, c.repo.plans.goal(goal_id), conversation_id)


def _accept(
    c: Context, conversation_id: int, suggestion: dict[str, Any], lang: str, owner: str = ""
) -> Any:
    from pipeline_tui import services
    from pipeline_tui.core.suggestions import GoalSuggestion

    assert c.content is not None
    fields: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in suggestion.items()
    }
    return services.accept_suggestion(
        c.repo, c.content, conversation_id, GoalSuggestion(**fields), lang, owner=owner
    )


def suggestion_args(suggestion: Any) -> dict[str, Any]:
    """A goal suggestion as the plain arguments of an "accept_suggestion" write."""
    return asdict(suggestion)


def _sign(c: Context, conversation_id: int, signer: str) -> Any:
    return c.repo.plans.sign(conversation_id, signer)


OPS: dict[str, Callable[..., Any]] = {
    "rating": _rating,
    "rating_comment": _rating_comment,
    "conversation": _conversation,
    "conversation_text": _conversation_text,
    "change_content": _change_content,
    "pick": _pick,
    "unpick": _unpick,
    "card_text": _card_text,
    "card_played": _card_played,
    "plan": _plan,
    "plan_text": _plan_text,
    "goal": _goal,
    "goal_text": _goal_text,
    "action": _action,
    "action_text": _action_text,
    "add_goal": _add_goal,
    "add_action": _add_action,
    "delete_goal": _delete_goal,
    "delete_action": _delete_action,
    "review": _review,
    "carry": _carry,
    "accept_suggestion": _accept,
    "sign": _sign,
}
