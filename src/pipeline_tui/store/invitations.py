"""Preparation links: who may open which conversation's preparation in a browser.

An invitation lets one party of one conversation answer alone: the person the
conversation is about (`party` "self") prepares; a rater of a leadership
evaluation's 360° group (`party` "peer", "report" or "other") rates the
layer's expectations as the opaque rater the invitation was made for
(`rater_id`: a `feedback_rater` row, never a name). Its secret is handed out
once, in the link; only its SHA-256 is stored, so the database (a backup, an
export) never holds a working link. A link works until it is revoked, until
its days are over, or until the conversation is held: its date has passed,
both parties' ratings were revealed, or it is completed or signed; a rater's
link also stops once the rater has said they are done (`finish`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from pipeline_tui import clock
from pipeline_tui.core.due import held_reason
from pipeline_tui.errors import UserError
from pipeline_tui.records import RaterAnswer, RaterForm
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, row_id
from pipeline_tui.store.conversations import _conversation
from pipeline_tui.store.feedback import detach_rater, give_answer, own_answers
from pipeline_tui.vocabulary import RATER_GROUPS

DEFAULT_DAYS = 14
MAX_DAYS = 90
# Who an invitation is for: the person ("self", their preparation), or one rater of a
# 360° group (their rating form; the link answers as the rater it was made for).
INVITED_PARTIES = ("self", *RATER_GROUPS)
TOKEN_BYTES = 32


class AccessError(UserError):
    """A link that does not (or no longer) open anything. `reason`: "unknown",
    "revoked", "expired", "held" or "done" (the rater finished). Never says more than that
    to whoever holds it."""


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    id: int
    conversation_id: int
    party: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    # A rater's link: the opaque rater it answers as (never shown), and when they finished.
    rater_id: int | None = None
    finished_at: datetime | None = None

    @property
    def for_rater(self) -> bool:
        return self.party in RATER_GROUPS


def _answers_if_none_given(session: Session, rater_id: int) -> list[m.FeedbackAnswer] | None:
    """The rater's answer rows if none of them gives anything (no rating, no "not
    observed", no comment: a comment typed and wiped again leaves an empty row), else
    None: the rater answered."""
    rows = session.exec(select(m.FeedbackAnswer).where(m.FeedbackAnswer.rater_id == rater_id)).all()
    given = any(r.score is not None or r.not_observed or r.comment.strip() for r in rows)
    return None if given else list(rows)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _record(row: m.Invitation) -> InvitationRecord:
    return InvitationRecord(
        id=row.id or 0,
        conversation_id=row.conversation_id,
        party=row.party,
        created_at=_aware(row.created_at),
        expires_at=_aware(row.expires_at),
        revoked_at=_aware(row.revoked_at) if row.revoked_at else None,
        rater_id=row.rater_id,
        finished_at=_aware(row.finished_at) if row.finished_at else None,
    )


class InvitationStore(StoreBase):
    def issue(
        self,
        conversation_id: int,
        *,
        party: str = "self",
        days: int = DEFAULT_DAYS,
        rater_id: int | None = None,
    ) -> tuple[InvitationRecord, str]:
        """A new link for `party` of the conversation: its record and its secret (the only
        time the secret exists outside the link). A rater group's link needs the rater it
        answers as (`rater_id`, from `FeedbackStore.invite`, of that conversation and
        group); see `services.invite_rater`."""
        if party not in INVITED_PARTIES:
            raise UserError(f"an invitation is for one of {', '.join(INVITED_PARTIES)}")
        if (party in RATER_GROUPS) != (rater_id is not None):
            raise UserError("a rater group's link, and only one, answers as a rater")
        if not 1 <= days <= MAX_DAYS:
            raise UserError(f"an invitation lasts 1 to {MAX_DAYS} days, not {days}", "days")
        token = new_token()
        with self._write() as session:
            conversation = _conversation(session, conversation_id)
            if held_reason(conversation, clock.today()) is not None:
                asked = party in RATER_GROUPS  # a rater is not asked to prepare anything
                raise UserError(
                    f"conversation {conversation_id} has been held: "
                    + (
                        "it takes no more answers from others"
                        if asked
                        else "there is nothing left to prepare"
                    ),
                    "held_raters" if asked else "held",
                    id=conversation_id,
                )
            if rater_id is not None:
                rater = session.get(m.FeedbackRater, rater_id)
                if rater is None or (rater.conversation_id, rater.rater_group) != (
                    conversation_id,
                    party,
                ):
                    raise UserError(f"the rater is not a {party} of conversation {conversation_id}")
            now = datetime.now(UTC)
            row = m.Invitation(
                conversation_id=conversation_id,
                party=party,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + timedelta(days=days),
                rater_id=rater_id,
            )
            session.add(row)
            session.flush()
            return _record(row), token

    def check(self, token: str) -> InvitationRecord:
        """The invitation the secret `token` opens, if it still opens it (else AccessError)."""
        if not token or len(token) > 200:
            raise AccessError("the link is not valid", "unknown")
        with self._read() as session:
            row = session.exec(
                select(m.Invitation).where(m.Invitation.token_hash == token_hash(token))
            ).first()
            if row is None:
                raise AccessError("the link is not valid", "unknown")
            return self._still_open(session, row)

    def get(self, invitation_id: int) -> InvitationRecord:
        """The invitation by id, if it still opens its conversation (else AccessError)."""
        with self._read() as session:
            row = session.get(m.Invitation, invitation_id)
            if row is None:
                raise AccessError("the link is not valid", "unknown")
            return self._still_open(session, row)

    def _still_open(self, session: Session, row: m.Invitation) -> InvitationRecord:
        if row.revoked_at is not None:
            raise AccessError("the link was revoked", "revoked")
        if row.finished_at is not None:
            raise AccessError("the rater has finished", "done")
        if _aware(row.expires_at) <= datetime.now(UTC):
            raise AccessError("the link has expired", "expired")
        conversation = session.get(m.Conversation, row.conversation_id)
        if conversation is None:
            raise AccessError("the link is not valid", "unknown")
        reason = held_reason(conversation, clock.today())
        if reason is not None:
            raise AccessError("the conversation has been held", reason)
        return _record(row)

    def list(self, conversation_id: int) -> list[InvitationRecord]:
        with self._read() as session:
            rows = session.exec(
                select(m.Invitation)
                .where(m.Invitation.conversation_id == conversation_id)
                .order_by(col(m.Invitation.id))
            ).all()
            return [_record(row) for row in rows]

    def revoke(self, conversation_id: int) -> int:
        """Revoke every link of the conversation still open; how many were.

        A rater whose link is revoked before they gave any answer is asked no longer: their
        empty rater row goes, so the evaluation's raters asked (the overview's response
        rate) count only those still asked or who answered. Revoking five links and sending
        five new ones said 10 asked. A rater who answered stays, with their answers, cut
        from the link as "done" cuts them (`detach_rater`): the link opens nothing again,
        so nothing need lead from it, or its hash, to what they answered."""
        with self._write() as session:
            _conversation(session, conversation_id)
            rows = session.exec(
                select(m.Invitation).where(
                    m.Invitation.conversation_id == conversation_id,
                    col(m.Invitation.revoked_at).is_(None),
                )
            ).all()
            now = datetime.now(UTC)
            unanswered: list[m.FeedbackRater | m.FeedbackAnswer] = []
            answered: list[m.FeedbackRater] = []
            for row in rows:
                row.revoked_at = now
                rater = None if row.rater_id is None else session.get(m.FeedbackRater, row.rater_id)
                if rater is not None:
                    empty = _answers_if_none_given(session, row_id(rater))
                    if empty is None:
                        answered.append(rater)
                    else:
                        unanswered += [*empty, rater]
                    row.rater_id = None  # (the link opens nothing now: it needs no rater)
                session.add(row)
            session.flush()  # the links let go of their raters first
            for gone in unanswered:  # (each rater's empty answers before the rater)
                session.delete(gone)
                session.flush()
            for rater in answered:  # the link is done with: as "done" does, cut the thread
                detach_rater(session, rater)
            return len(rows)

    # A rater's form (the invitation of a 360° group's rater)

    def _rater_row(self, session: Session, invitation_id: int) -> m.FeedbackRater:
        """The rater an open rater's link answers as (AccessError once the link is closed)."""
        row = session.get(m.Invitation, invitation_id)
        if row is None:
            raise AccessError("the link is not valid", "unknown")
        self._still_open(session, row)
        rater = session.get(m.FeedbackRater, row.rater_id) if row.rater_id is not None else None
        if rater is None:
            raise AccessError("the link is not valid", "unknown")
        return rater

    def form(self, invitation_id: int) -> RaterForm:
        """What the rater's link shows: whom they rate (name and the layer's content), and
        their own answers so far; nothing of anyone else's."""
        with self._read() as session:
            rater = self._rater_row(session, invitation_id)
            conversation = _conversation(session, rater.conversation_id)
            person = session.get(m.Person, conversation.person_id)
            snapshot = session.get(m.ContentSnapshot, conversation.snapshot_id)
            return RaterForm(
                conversation_id=rater.conversation_id,
                kind=conversation.kind,
                group=rater.rater_group,
                person_name=person.name if person is not None else "",
                snapshot=dict(snapshot.texts) if snapshot is not None else {},
                answers=own_answers(session, rater.id or 0),
            )

    def answer(
        self,
        invitation_id: int,
        expectation_id: str,
        *,
        rating: tuple[int | None, bool] | None = None,
        comment: str | None = None,
    ) -> RaterAnswer:
        """Store the link's rater's rating (score, not observed) or comment of one
        expectation, while the link is open (else AccessError); the answer as stored."""
        with self._write() as session:
            rater = self._rater_row(session, invitation_id)
            return give_answer(session, rater, expectation_id, rating=rating, comment=comment)

    def finish(self, invitation_id: int) -> None:
        """The rater is done: their answers stay, the link opens nothing any more, and
        nothing leads from the link, or its hash, to the answers given with it any longer.

        Forgetting the tie (`rater_id`) is not enough: the rater's row was written with the
        invitation (`invited_at` beside its `created_at`), their first score sets
        `answered_at`, their answers carry the moments they were given, and ids are issued
        in the order the raters were asked and answered. So, in this one transaction, the
        rater's answers move to a new rater row (`detach_rater`) with nothing of its own:
        a random id, a random key, the conversation's creation time; the old row goes.
        """
        with self._write() as session:
            rater = self._rater_row(session, invitation_id)
            row = session.get(m.Invitation, invitation_id)
            assert row is not None  # checked by _rater_row
            row.finished_at = datetime.now(UTC)
            row.rater_id = None
            session.add(row)
            session.flush()  # before the rater goes: the invitation must not go with it
            detach_rater(session, rater)
