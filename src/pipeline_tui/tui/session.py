"""One conversation's state in the UI, with one owner: `ConversationSession`.

The conversation screen owns a session; every step pane and every widget that
shows or writes part of the conversation is handed the same session and reads
from it. Nothing below keeps a copy of the records of its own:

- `detail` is what was last read from the database, with the result of every
  write laid over it as soon as the write lands (`fold`), so a saved comment is
  on screen the moment it is saved, wherever it is looked at next;
- answers given but not yet in the database (typed text waiting for a pause,
  a rating queued behind a locked file) are read from the autosave queue
  itself (`pending`), so moving away and back never shows an older value;
- a text write compares with the value this session last knew to be stored
  (`known`), not with whatever a widget happened to load: only a change made
  in another session is a conflict.

Writes are `ops.Op` values (data, not closures), so that one the database
cannot take now can be retried, kept in the recovery journal and offered back.
The session runs on the UI thread; `Op`s run on the autosave writer thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pipeline_tui.errors import (
    ConflictError,
    ErasedError,
    NotFoundError,
    RuleError,
    StorageError,
    UserError,
)
from pipeline_tui.ops import Context, Op, run
from pipeline_tui.records import (
    ActionRecord,
    CardPickRecord,
    ConversationDetail,
    ConversationRecord,
    GoalRecord,
    PlanRecord,
    RatingRecord,
)
from pipeline_tui.tui.autosave import Job
from pipeline_tui.vocabulary import OTHER_PARTY, PREPARATION_STEPS, STEPS

if TYPE_CHECKING:
    from pipeline_tui.packs.view import ConversationContent
    from pipeline_tui.tui.app import PipelineApp

Done = Callable[[Any], None]
_UNCOMPARED = object()
OnConflict = Callable[[ConflictError], None]


def rating_key(expectation_id: str, rater: str) -> str:
    return f"rating:{expectation_id}:{rater}"


def comment_key(expectation_id: str, rater: str) -> str:
    return f"comment:{expectation_id}:{rater}"


# What a session limited to one party (a preparation link) may write: that party's own
# ratings, comments and card picks, nothing else.
PARTY_OPS = ("rating", "rating_comment", "pick", "unpick")

# The write that keeps the step a conversation is at: no answer of the user's (autosave).
STEP_KEY = "conversation:step"


class ConversationSession:
    """The loaded conversation, the active party, read-only state and the way to write.

    With `party` (a preparation opened from an invitation link) the session is that
    party's alone: the active party is always `party`, the other party's ratings,
    comments and card picks are not read out of it, both are never revealed, and any
    write other than the party's own ratings and picks is refused before it is queued.
    """

    def __init__(self, app: PipelineApp, conversation_id: int, party: str | None = None) -> None:
        self.app = app
        self.conversation_id = conversation_id
        self.party = party
        self.detail: ConversationDetail | None = None
        self.content: ConversationContent | None = None
        # The person's layer now: one promoted after the conversation was set up is told.
        self.person_layer: str | None = None
        self._rater = party or "self"
        # The person's previous conversation and its plan, reviewed on the summary step
        # (loaded once by that step; its goals' reviews fold in like this conversation's).
        self.previous: tuple[ConversationRecord, PlanRecord] | None = None
        # text key -> the value this session last knew to be stored (the base of a write)
        self._known: dict[str, Any] = {}
        # Called when the conversation is gone (its person was erased elsewhere).
        self.on_gone: Callable[[], None] | None = None
        # Called (with AccessError.reason) when a preparation link's write finds the link
        # closed: revoked, run out, or its conversation held. Nothing is written then.
        self.on_link_closed: Callable[[str], None] | None = None
        self.reload: Callable[[], object] = lambda: None  # its result (a worker) is unused
        # date field key -> the text typed in it that is no date (`31.02.2027`, `1.2.27`):
        # never written, but kept while the conversation is open, so that the field shows
        # it again (with what is wrong) when its step or goal is shown again, and closing
        # the conversation asks first (`typed_dates_left`)
        self.typed_dates: dict[str, str] = {}

    # state

    @property
    def rater(self) -> str:
        return self._rater

    @rater.setter
    def rater(self, value: str) -> None:
        if self.party is None:
            self._rater = value

    def sees(self, party: str) -> bool:
        """Whether this session may show what `party` rated, picked or wrote."""
        return self.party is None or party in (self.party, "deck")

    @property
    def loaded(self) -> bool:
        return self.detail is not None and self.content is not None

    @property
    def readonly(self) -> bool:
        return self.detail is not None and self.detail.conversation.is_signed

    def layer_moved(self) -> str | None:
        """The name of the person's layer now, where it is not the layer this conversation
        was set up on and the conversation is still being prepared or held (a promotion
        since it was booked); else None. Only the manager's session tells it."""
        if self.party is not None or self.detail is None or self.person_layer is None:
            return None
        record = self.detail.conversation
        if record.status not in ("draft", "in_progress") or record.layer == self.person_layer:
            return None
        names = self.app.layer_names()
        return names.get(self.person_layer, self.person_layer)

    @property
    def revealed(self) -> bool:
        """Both parties' ratings shown side by side (as last chosen, saved or not)."""
        if self.party is not None:
            return False
        op = self.pending("conversation:revealed")
        if op is not None:
            return bool(op.args["changes"]["revealed"])
        return self.detail is not None and self.detail.conversation.revealed

    @property
    def other(self) -> str:
        return OTHER_PARTY[self.rater]

    @property
    def steps(self) -> tuple[str, ...]:
        """The steps of this kind of conversation, in order (the pack's `steps` of the kind);
        a party preparing alone has those of them that are prepared (`PREPARATION_STEPS`):
        an evaluation its expectations, an onboarding its cards."""
        shown = STEPS if self.party is None else PREPARATION_STEPS
        if self.detail is None or self.content is None:
            return shown
        kind = self.content.steps_for(self.detail.conversation.kind)
        return tuple(step for step in kind if step in shown)

    def load(self, detail: ConversationDetail, content: ConversationContent) -> None:
        """Fresh data from the database: what it holds is now what this session knows
        (the ratings' stored values are what the next rating of each compares with)."""
        self.detail, self.content = detail, content
        for rating in detail.ratings:
            self.know(
                rating_key(rating.expectation_id, rating.rater),
                (rating.score, rating.not_observed),
            )

    def fold(self, result: Any) -> None:
        """Lay a write's result over `detail` (older versions are ignored)."""
        if result is None:
            return
        if self.previous is not None and isinstance(result, GoalRecord):
            conversation, plan = self.previous
            if result.plan_id == plan.id:
                kept = next((g.actions for g in plan.goals if g.id == result.id), ())
                self.previous = (conversation, plan.fold(replace(result, actions=kept)))
                return
        if self.detail is not None:
            self.detail = self.detail.fold(result)

    # reading, with the answers not yet saved laid over what was read

    def pending(self, key: str) -> Op | None:
        job = self.app.saver.pending_value(key)
        return job.op if job is not None and job.scope == self.conversation_id else None

    def text(self, key: str, stored: str) -> str:
        """What a text field shows: the value typed but not yet saved, else `stored`."""
        op = self.pending(key)
        return str(op.args.get("value", stored)) if op is not None else stored

    def rating(self, expectation_id: str, rater: str) -> RatingRecord | None:
        if self.detail is None or not self.sees(rater):
            return None
        record = self.detail.rating(expectation_id, rater)
        op = self.pending(rating_key(expectation_id, rater))
        comment_op = self.pending(comment_key(expectation_id, rater))
        if op is None and comment_op is None:
            return record
        if record is None:
            record = RatingRecord(
                0, self.conversation_id, expectation_id, rater, None, False, "", 0
            )
        if op is not None:
            record = replace(
                record, score=op.args.get("score"), not_observed=bool(op.args.get("not_observed"))
            )
        if comment_op is not None:
            record = replace(record, comment=str(comment_op.args.get("value", "")))
        return record

    def ratings(self) -> dict[tuple[str, str], RatingRecord]:
        """Every rating by (expectation, rater), as the user last gave it."""
        if self.detail is None or self.content is None:
            return {}
        found = {(r.expectation_id, r.rater): r for r in self.detail.ratings if self.sees(r.rater)}
        for key in self.app.saver.shown(self.conversation_id):
            kind, _, rest = key.partition(":")
            if kind in ("rating", "comment"):
                expectation_id, _, rater = rest.rpartition(":")
                record = self.rating(expectation_id, rater)
                if record is not None:
                    found[(expectation_id, rater)] = record
        return found

    def picks(self) -> list[CardPickRecord]:
        """The cards on the table: what was read, with picks and put-backs still on their way."""
        if self.detail is None:
            return []
        waiting = self.app.saver.shown(self.conversation_id)
        picks = []
        for pick in self.detail.picks:
            job = waiting.get(f"card:{pick.card_id}:pick")
            if job is not None and job.op is not None and job.op.name == "unpick":
                continue
            if not self.sees(pick.picked_by):
                continue
            if not pick.played and f"card:{pick.card_id}:played" in waiting:
                pick = replace(pick, played=True)
            picks.append(pick)
        on_table = {pick.card_id for pick in picks}
        for job in waiting.values():
            op = job.op
            if op is None or op.name != "pick" or op.args["card_id"] in on_table:
                continue
            position = max((p.position for p in picks), default=-1) + 1
            card_id, party = op.args["card_id"], op.args["party"]
            provisional = (0, self.conversation_id, card_id, party, position, "", "", False, 0)
            picks.append(CardPickRecord(*provisional))
            on_table.add(card_id)
        return picks

    def previous_goals(self) -> list[GoalRecord]:
        """The previous plan's goals, each review (status, note) as last given."""
        if self.previous is None:
            return []
        goals = []
        for goal in self.previous[1].goals:
            op = self.pending(f"review:{goal.id}")
            if op is not None and op.args.get("status"):
                goal = replace(goal, status=op.args["status"])
            note = self.text(f"review-note:{goal.id}", goal.review_note)
            goals.append(goal if note == goal.review_note else replace(goal, review_note=note))
        return goals

    def goals(self) -> list[GoalRecord]:
        """This conversation's goals, each title as last typed."""
        if self.detail is None or self.detail.plan is None:
            return []
        goals = []
        for goal in self.detail.plan.goals:
            changes = {
                "title": self.text(f"goal:{goal.id}:title", goal.title),
                "status": self.changed(f"goal:{goal.id}:status", "status", goal.status),
                "due_on": self.changed(f"goal:{goal.id}:due_on", "due_on", goal.due_on),
            }
            if any(getattr(goal, k) != v for k, v in changes.items()):
                goal = replace(goal, **changes)
            goals.append(goal)
        return goals

    def goal(self, goal_id: int | None) -> GoalRecord | None:
        return next((g for g in self.goals() if g.id == goal_id), None)

    def action(self, action_id: int) -> ActionRecord | None:
        """An action of this conversation's plan, its discrete fields as last chosen."""
        if self.detail is None or self.detail.plan is None:
            return None
        for goal in self.detail.plan.goals:
            for action in goal.actions:
                if action.id == action_id:
                    changes = {
                        f: self.changed(f"action:{action_id}:{f}", f, getattr(action, f))
                        for f in ("done", "kind", "due_on")
                    }
                    return replace(action, **changes)
        return None

    def typed_dates_left(self) -> dict[str, str]:
        """The texts typed in date fields that are no dates, by the field's key: the
        conversation's date (setup), the follow-up date, and those of the goals and actions
        still in the plan (a deleted goal's field is gone with it); none
        once the plan is signed (nothing can be written to it then: sign-off's checklist
        named them before the signature)."""
        if self.readonly:
            return {}
        goals = self.goals()
        goal_ids = {str(goal.id) for goal in goals}
        action_ids = {str(action.id) for goal in goals for action in goal.actions}
        found = {}
        for key, text in self.typed_dates.items():
            kind, _, rest = key.partition(":")
            owner = rest.partition(":")[0]
            if (
                kind in ("plan", "conversation")
                or (kind == "goal" and owner in goal_ids)
                or (kind == "action" and owner in action_ids)
            ):
                found[key] = text
        return found

    # writing

    def write(
        self,
        key: str,
        op: Op,
        *,
        label: str = "",
        done: Done | None = None,
        on_conflict: OnConflict | None = None,
        on_error: Callable[[UserError], bool] | None = None,
        answer: bool = True,
    ) -> None:
        """Queue `op` now; its result is folded in, then `done(result)` runs (UI thread).

        `on_error` may handle a refused write (a rule, a conflict...) and return True;
        anything it leaves is said in the user's language. `answer=False` for a write that
        is not something the user said (the step moved to): not counted as an answer.
        """
        job = self._job(key, op, label, done, on_conflict, on_error)
        job.answer = answer
        self.app.saver.save(job)

    def type(
        self,
        key: str,
        op: Op,
        *,
        label: str = "",
        done: Done | None = None,
        on_conflict: OnConflict | None = None,
    ) -> None:
        """Queue a text write (`op` with a `value`) for when typing pauses; it is compared
        with the value last known to be stored (`know`) when it runs."""
        # The base as it is now goes with the write into the recovery journal; when it
        # runs, the base is the one known then (a burst never trips over its own saves).
        op = op.with_args(expected=self._known.get(key))
        job = self._job(key, op, label, done, on_conflict, None, sets=op.args.get("value", ""))
        self.app.saver.schedule(job)

    def rate(
        self,
        expectation_id: str,
        rater: str,
        score: int | None,
        not_observed: bool,
        *,
        label: str = "",
        on_conflict: OnConflict | None = None,
    ) -> None:
        """Rate (or clear) an expectation; a rating changed in another session meanwhile
        is not overwritten (`on_conflict` gets both values)."""
        key = rating_key(expectation_id, rater)
        if key not in self._known and self.detail is not None:  # never rated when loaded
            stored = self.detail.rating(expectation_id, rater)
            self._known[key] = (stored.score, stored.not_observed) if stored else (None, False)
        value = (score, not_observed)
        args = {
            "conversation_id": self.conversation_id,
            "expectation_id": expectation_id,
            "rater": rater,
            "score": score,
            "not_observed": not_observed,
            "expected": self._known.get(key),
        }
        job = self._job(key, Op("rating", args), label, None, on_conflict, None, sets=value)
        self.app.saver.save(job)

    def set_field(
        self,
        key: str,
        op: Op,
        field: str,
        value: Any,
        stored: Any,
        *,
        label: str = "",
        done: Done | None = None,
        on_conflict: OnConflict | None = None,
    ) -> None:
        """Change one discrete field (a date, a status, a checkbox) with an op that takes
        `changes` and `expected` dicts: compared, like text, with the value last known to
        be stored, so a change made elsewhere meanwhile is not overwritten."""
        self.know(key, stored)
        op = op.with_args(changes={field: value}, expected={field: self._known.get(key)})
        job = self._job(
            key, op, label, done, on_conflict, None, sets=value, expect=lambda base: {field: base}
        )
        self.app.saver.save(job)

    def changed(self, key: str, field: str, stored: Any) -> Any:
        """A discrete field's value as last chosen (saved or not): see `set_field`."""
        op = self.pending(key)
        if op is not None and field in op.args.get("changes", {}):
            return op.args["changes"][field]
        return stored

    def commit(self, key: str) -> None:
        """The field was left: write what was typed in it now."""
        self.app.saver.commit(key)

    def know(self, key: str, stored: Any) -> None:
        """A field shows `stored` from the database: writes to it compare with that,
        unless an edit of it is still on its way (its base is then the one it had)."""
        if self.pending(key) is None:
            self._known[key] = stored

    def known(self, key: str) -> Any:
        return self._known.get(key)

    def conflict_resolved(self, key: str, theirs: Any) -> None:
        """After a conflict the database holds `theirs`: the next write compares with it."""
        self._known[key] = theirs

    def _job(
        self,
        key: str,
        op: Op,
        label: str,
        done: Done | None,
        on_conflict: OnConflict | None,
        on_error: Callable[[UserError], bool] | None,
        *,
        sets: Any = _UNCOMPARED,
        expect: Callable[[Any], Any] = lambda base: base,
    ) -> Job:
        """The autosave job for `op`. With `sets` (the value the write stores), the write is
        compared with the value known to be stored when it runs, and that becomes `sets`."""
        services = self.app.services
        content = self.content
        link = self.app.preparation if self.party is not None else None

        def write() -> Any:
            if link is not None:  # a link closed a moment ago writes nothing (AccessError)
                services.repo().invitations.get(link.id)
            context = Context(services.repo(), content, services.pack)
            if sets is _UNCOMPARED:
                return run(op, context)
            result = run(op.with_args(expected=expect(self._known.get(key))), context)
            self._known[key] = sets  # the base of the next write of this field
            return result

        def finished(result: Any) -> None:
            self.fold(result)
            if done is not None:
                done(result)

        def failed(error: BaseException) -> None:
            if isinstance(error, ConflictError) and on_conflict is not None:
                on_conflict(error)
            elif isinstance(error, UserError) and on_error is not None and on_error(error):
                return
            else:
                self.failed(error)

        if not self._allowed(op):

            def write() -> Any:
                raise RuleError("a preparation link changes only its own answers", "preparation")

            return Job(key, write, finished, failed, None, self.conversation_id, label)
        return Job(key, write, finished, failed, op, self.conversation_id, label)

    def _allowed(self, op: Op) -> bool:
        """A session limited to one party writes only that party's ratings and picks (the
        refused write fails on the writer thread, on the one path every failure takes)."""
        if self.party is None:
            return True
        args = op.args
        own = args.get("rater", args.get("party", self.party)) == self.party
        if op.name == "unpick" and self.detail is not None:
            own = all(
                p.picked_by == self.party for p in self.detail.picks if p.card_id == args["card_id"]
            )
        return op.name in PARTY_OPS and own and args.get("conversation_id") == self.conversation_id

    def failed(self, error: BaseException) -> None:
        """A write was refused for good: the conversation is gone, its link closed, a rule,
        or a bug."""
        from pipeline_tui.store.invitations import AccessError

        if isinstance(error, AccessError) and self.on_link_closed is not None:
            self.on_link_closed(error.reason)
            return
        if isinstance(error, ErasedError) or (
            isinstance(error, NotFoundError) and error.reason in ("conversation", "person")
        ):
            if self.on_gone is not None:
                self.on_gone()
            return
        self.app.write_failed(error)


def storage_reason(error: BaseException) -> str:
    return error.reason if isinstance(error, StorageError) else ""
