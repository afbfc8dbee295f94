"""Who is who across records: a conductor as a person reference, and ids an erasure removed.

A conversation names who conducted it twice: `conducted_by`, the name shown,
and `conductor_id`, the person it is when that person is in the database.
Erasure and renaming follow the reference, never the text, so a namesake's
records are never touched; the text alone is kept only for an outsider (or a
name several people share, which cannot be told apart).
"""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, select

from pipeline_tui.errors import ErasedError, NotFoundError
from pipeline_tui.store import models as m


def resolve_conductor(session: Session, text: str, hint: int | None = None) -> int | None:
    """The person a typed conductor name (or email) is, or None for an outsider.

    `hint` (the manager, or the reference stored so far) is kept when the
    text is empty or is that person's name or email: it tells namesakes apart.
    Otherwise the reference is the one person whose name or email is exactly
    the text (in any letter case); none when no one, or several people, are.
    """
    typed = text.strip().lower()
    if hint is not None:
        person = session.get(m.Person, hint)
        if person is not None and (
            not typed or typed in (person.name.strip().lower(), (person.email or "").lower())
        ):
            return hint
    if not typed:
        return None
    if not typed.isascii():
        # Compared here: SQL's lower() folds what the database's character type knows
        # (PostgreSQL under LC_CTYPE C, ASCII only: "Øjvind" stayed "Øjvind" and was no one).
        people = session.exec(select(m.Person.id, m.Person.name, m.Person.email)).all()
        named = [
            pid
            for pid, name, email in people
            if typed in (name.strip().lower(), (email or "").strip().lower())
        ]
        return named[0] if len(named) == 1 else None
    found = session.exec(
        select(m.Person.id)
        .where(or_(func.lower(m.Person.name) == typed, func.lower(m.Person.email) == typed))
        .limit(2)
    ).all()
    return found[0] if len(found) == 1 else None


def rename_conductor(session: Session, person_id: int, name: str) -> None:
    """Show a renamed person's new name on the conversations they conducted."""
    rows = session.exec(select(m.Conversation).where(m.Conversation.conductor_id == person_id))
    for row in rows.all():
        row.conducted_by = name


def was_erased(session: Session, table: str, row_id: int) -> bool:
    """True when an erasure removed row `row_id` of `table`."""
    for ids in session.exec(select(m.Erasure.erased_ids)).all():
        if row_id in (ids or {}).get(table, ()):
            return True
    return False


# The `reason` of the error for a missing row of a table (what is missing, for the UI).
REASONS = {"card_pick": "card"}


def not_found(session: Session, table: str, row_id: int, message: str) -> NotFoundError:
    """The error for a missing row: ErasedError when an erasure removed it."""
    reason = REASONS.get(table, table)
    if was_erased(session, table, row_id):
        return ErasedError(f"{message}: it was erased with its person", reason, id=row_id)
    return NotFoundError(message, reason, id=row_id)
