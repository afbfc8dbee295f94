"""Preparation links: who may open which conversation's preparation in a browser.

An invitation lets one party of one conversation (`party`: "self", the person
the conversation is about) prepare alone. Its secret is handed out once, in
the link; only its SHA-256 is stored, so the database (a backup, an export)
never holds a working link. A link works until it is revoked, until its days
are over, or until the conversation is held: its date has passed, both
parties' ratings were revealed, or it is completed or signed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from pipeline_tui import clock
from pipeline_tui.errors import UserError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase
from pipeline_tui.store.conversations import _conversation

DEFAULT_DAYS = 14
MAX_DAYS = 90
# Who an invitation is for. Only the person prepares on their own today; a rater group
# (peers, direct reports) would be another word here, with its own restricted view.
INVITED_PARTIES = ("self",)
TOKEN_BYTES = 32


class AccessError(UserError):
    """A link that does not (or no longer) open anything. `reason`: "unknown",
    "revoked", "expired" or "held". Never says more than that to whoever holds it."""


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    id: int
    conversation_id: int
    party: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


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
    )


def held_reason(conversation: m.Conversation, today: date) -> str | None:
    """Why the conversation no longer takes a preparation, or None while it does."""
    if conversation.status in ("completed", "signed") or conversation.revealed:
        return "held"
    if conversation.held_on < today:
        return "held"
    return None


class InvitationStore(StoreBase):
    def issue(
        self, conversation_id: int, *, party: str = "self", days: int = DEFAULT_DAYS
    ) -> tuple[InvitationRecord, str]:
        """A new link for `party` of the conversation: its record and its secret (the only
        time the secret exists outside the link)."""
        if party not in INVITED_PARTIES:
            raise UserError(f"an invitation is for one of {', '.join(INVITED_PARTIES)}")
        if not 1 <= days <= MAX_DAYS:
            raise UserError(f"an invitation lasts 1 to {MAX_DAYS} days, not {days}", "days")
        token = new_token()
        with self._write() as session:
            conversation = _conversation(session, conversation_id)
            if held_reason(conversation, clock.today()) is not None:
                raise UserError(
                    f"conversation {conversation_id} has been held: there is nothing left "
                    "to prepare",
                    "held",
                )
            now = datetime.now(UTC)
            row = m.Invitation(
                conversation_id=conversation_id,
                party=party,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + timedelta(days=days),
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
        """Revoke every link of the conversation still open; how many were."""
        with self._write() as session:
            _conversation(session, conversation_id)
            rows = session.exec(
                select(m.Invitation).where(
                    m.Invitation.conversation_id == conversation_id,
                    col(m.Invitation.revoked_at).is_(None),
                )
            ).all()
            now = datetime.now(UTC)
            for row in rows:
                row.revoked_at = now
                session.add(row)
            return len(rows)
