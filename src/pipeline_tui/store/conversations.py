"""Conversations: start one, rate expectations, pick and play cards.

A signed conversation is read-only here; only its plan's progress can change
(see `PlanStore`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from pipeline_tui import records as r
from pipeline_tui.errors import NotFoundError, RuleError, UserError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, check_unchanged, row_id
from pipeline_tui.store.feedback import feedback_stamp
from pipeline_tui.store.identity import not_found, resolve_conductor
from pipeline_tui.store.queries import sqlalchemy_reader
from pipeline_tui.store.shape import conversation_record, pick_record, rating_record
from pipeline_tui.vocabulary import CONVERSATION_STATUSES, STEPS, is_kind_key
from pipeline_tui.vocabulary import PARTIES as RATERS

SETUP_FIELDS = ("kind", "held_on", "conducted_by", "conductor_id", "language", "step", "revealed")


def snapshot_id_for(session: Session, content: r.ContentRef) -> int:
    key = (content.pack_hash, content.layer, content.deck_id or "")
    query = select(m.ContentSnapshot.id).where(
        m.ContentSnapshot.pack_hash == key[0],
        m.ContentSnapshot.layer == key[1],
        m.ContentSnapshot.deck_id == key[2],
    )
    found = session.exec(query).first()
    if found is not None:
        return found
    row = m.ContentSnapshot(
        pack_id=content.pack_id,
        pack_version=content.pack_version,
        pack_hash=content.pack_hash,
        layer=content.layer,
        deck_id=key[2],
        texts=content.texts,
    )
    session.add(row)
    session.flush()
    return row_id(row)


def _change_deck(session: Session, row: m.Conversation, content: r.ContentRef) -> None:
    """The table of another deck: the cards it does not have go (with their notes; the app
    asks first), its always-included cards are put on it (those already picked become
    fixed)."""
    if content.deck_id is not None and not content.cards:
        return  # a reference that does not list its deck's cards: leave the table alone
    picks = session.exec(select(m.CardPick).where(m.CardPick.conversation_id == row_id(row))).all()
    kept = set(content.cards)
    for pick in picks:
        if pick.card_id not in kept:
            session.delete(pick)
        elif pick.card_id in content.always_included:
            pick.picked_by = "deck"
        elif pick.picked_by == "deck":
            pick.picked_by = "manager"  # on the table, no longer fixed: either may remove it
    on_table = {pick.card_id for pick in picks if pick.card_id in kept}
    for position, card_id in enumerate(content.always_included):
        if card_id not in on_table:
            session.add(
                m.CardPick(
                    conversation_id=row_id(row), card_id=card_id, picked_by="deck",
                    position=position,
                )
            )  # fmt: skip
    session.flush()


def _conversation(session: Session, conversation_id: int) -> m.Conversation:
    row = session.get(m.Conversation, conversation_id)
    if row is None:
        msg = f"no conversation with id {conversation_id}"
        raise not_found(session, "conversation", conversation_id, msg)
    return row


def _editable(session: Session, conversation_id: int) -> m.Conversation:
    row = _conversation(session, conversation_id)
    if row.status == "signed":
        raise RuleError("the conversation is signed: only the plan's progress can change", "signed")
    return row


def _started(row: m.Conversation) -> None:
    """The first answer moves a draft to in progress."""
    if row.status == "draft":
        row.status = "in_progress"
        row.version += 1
        row.updated_at = m.utcnow()


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(m.Person, person_id)
    return person.name if person else ""


def _check_rater(rater: str) -> None:
    if rater not in RATERS:
        raise UserError(f"rater must be one of {', '.join(RATERS)}, not {rater!r}")


class ConversationStore(StoreBase):
    def start(
        self,
        person_id: int,
        *,
        kind: str,
        held_on: date,
        content: r.ContentRef,
        conducted_by: str = "",
        conductor_id: int | None = None,
        language: str = "da",
    ) -> r.ConversationRecord:
        """A new draft with the always-included cards on the table and an empty plan."""
        if not is_kind_key(kind):
            raise UserError(
                f"a conversation kind is 1-20 lower-case letters, digits or _, not {kind!r}"
            )
        with self._write() as session:
            person = session.get(m.Person, person_id)
            if person is None:
                raise not_found(session, "person", person_id, f"no person with id {person_id}")
            conductor_id = resolve_conductor(session, conducted_by, conductor_id)
            row = m.Conversation(
                person_id=person_id,
                kind=kind,
                layer=content.layer,
                held_on=held_on,
                conducted_by=conducted_by.strip(),
                conductor_id=conductor_id,
                language=language,
                pack_id=content.pack_id,
                pack_version=content.pack_version,
                pack_hash=content.pack_hash,
                deck_id=content.deck_id,
                snapshot_id=snapshot_id_for(session, content),
            )
            session.add(row)
            session.flush()
            for position, card_id in enumerate(content.always_included):
                session.add(
                    m.CardPick(
                        conversation_id=row_id(row),
                        card_id=card_id,
                        picked_by="deck",
                        position=position,
                    )
                )
            session.add(m.Plan(conversation_id=row_id(row)))
            session.flush()
            return conversation_record(row, person.name)

    def get(self, conversation_id: int) -> r.ConversationRecord:
        with self._read() as session:
            row = _conversation(session, conversation_id)
            return conversation_record(row, _person_name(session, row.person_id))

    def detail(self, conversation_id: int) -> r.ConversationDetail:
        """Everything the conversation screen shows, read in one session."""
        with self._read() as session:
            _conversation(session, conversation_id)  # gone, or erased: said so
            return sqlalchemy_reader(session.connection()).detail(conversation_id)

    def versions(self, conversation_id: int) -> frozenset[tuple[str, int, int]]:
        """(table, id, version) of every row the conversation screen shows: cheap enough to
        ask every few seconds whether another session changed anything (`records.versions_of`
        gives the same set for a loaded detail)."""
        with self._read() as session:
            row = _conversation(session, conversation_id)
            found: set[tuple[str, int, int]] = {("conversation", row_id(row), row.version)}
            answers = feedback_stamp(session, conversation_id)
            if answers:
                found.add(("feedback", 0, answers))
            tables = (("rating", m.Rating), ("pick", m.CardPick), ("plan", m.Plan))
            for tag, model in tables:
                query = select(model.id, model.version).where(
                    model.conversation_id == conversation_id
                )
                found.update((tag, int(i or 0), v) for i, v in session.exec(query))
            goals = (
                select(m.Goal.id, m.Goal.version)
                .join(m.Plan)
                .where(m.Plan.conversation_id == conversation_id)
            )
            found.update(("goal", int(i or 0), v) for i, v in session.exec(goals))
            actions = (
                select(m.Action.id, m.Action.version)
                .join(m.Goal)
                .join(m.Plan)
                .where(m.Plan.conversation_id == conversation_id)
            )
            found.update(("action", int(i or 0), v) for i, v in session.exec(actions))
            return frozenset(found)

    def snapshot(self, snapshot_id: int) -> dict[str, Any]:
        with self._read() as session:
            row = session.get(m.ContentSnapshot, snapshot_id)
            if row is None:
                raise NotFoundError(f"no content snapshot with id {snapshot_id}", "conversation")
            return dict(row.texts)

    def list(
        self,
        *,
        person_id: int | None = None,
        year: int | None = None,
        limit: int | None = None,
    ) -> list[r.ConversationSummary]:
        """Conversations, newest first, with their plan's state (the statement
        `conversations list` runs, `Reader.conversation_list`)."""
        with self._read() as session:
            reader = sqlalchemy_reader(session.connection())
            return list(reader.conversation_list(person_id=person_id, year=year, limit=limit))

    def update(
        self,
        conversation_id: int,
        *,
        content: r.ContentRef | None = None,
        expected: dict[str, object] | None = None,
        **changes: object,
    ) -> r.ConversationRecord:
        """Change the setup (kind, date, who conducts, language), the step or the reveal.

        A new `content` moves the conversation to another layer or pack version;
        ratings of expectations that layer does not have stay stored but unused. Another
        deck takes the cards it does not have off the table, and puts its
        always-included ones on it.
        `expected` holds the values an editor started from: a field changed
        elsewhere meanwhile is not overwritten (`ConflictError`).
        """
        unknown = set(changes) - set(SETUP_FIELDS)
        if unknown:
            raise UserError(f"cannot change {', '.join(sorted(unknown))} of a conversation")
        if "kind" in changes and not is_kind_key(changes["kind"]):
            raise UserError(f"unknown conversation kind {changes['kind']!r}")
        if "step" in changes and changes["step"] not in STEPS:
            raise UserError(f"unknown step {changes['step']!r}")
        with self._write() as session:
            row = _conversation(session, conversation_id)
            if row.status == "signed" and (set(changes) - {"step"} or content is not None):
                raise RuleError(
                    "the conversation is signed: its setup can no longer change", "signed"
                )
            for key, value in changes.items():
                if expected and key in expected:
                    check_unchanged("conversation", key, getattr(row, key), expected[key], value)
                setattr(row, key, value)
            if "conducted_by" in changes or "conductor_id" in changes:
                row.conductor_id = resolve_conductor(session, row.conducted_by, row.conductor_id)
            if content is not None:
                row.layer = content.layer
                row.pack_id = content.pack_id
                row.pack_version = content.pack_version
                row.pack_hash = content.pack_hash
                if content.deck_id != row.deck_id:
                    _change_deck(session, row, content)
                row.deck_id = content.deck_id
                row.snapshot_id = snapshot_id_for(session, content)
            # The step is where a screen stands, not what the conversation holds: moving
            # between steps is no change for another session to show (a second terminal
            # said "Updated with changes made in another session" at every step taken).
            if set(changes) != {"step"} or content is not None:
                row.version += 1
            row.updated_at = m.utcnow()
            session.flush()
            return conversation_record(row, _person_name(session, row.person_id))

    def delete(self, conversation_id: int) -> None:
        """Delete a conversation not yet completed or signed, with its answers and plan."""
        with self._write() as session:
            row = _conversation(session, conversation_id)
            if row.status not in ("draft", "in_progress"):
                raise RuleError(
                    "only a conversation that is not completed or signed can be deleted"
                )
            session.delete(row)
            session.flush()

    def set_status(self, conversation_id: int, status: str) -> r.ConversationRecord:
        if status not in CONVERSATION_STATUSES or status == "signed":
            raise UserError(f"cannot set status {status!r} (signing goes through the plan)")
        with self._write() as session:
            row = _editable(session, conversation_id)
            row.status = status
            row.completed_at = m.utcnow() if status == "completed" else None
            row.version += 1
            row.updated_at = m.utcnow()
            session.flush()
            return conversation_record(row, _person_name(session, row.person_id))

    # Ratings

    def _rating(
        self, session: Session, conversation_id: int, expectation_id: str, rater: str
    ) -> m.Rating:
        query = select(m.Rating).where(
            m.Rating.conversation_id == conversation_id,
            m.Rating.expectation_id == expectation_id,
            m.Rating.rater == rater,
        )
        row = session.exec(query).first()
        if row is None:
            row = m.Rating(
                conversation_id=conversation_id, expectation_id=expectation_id, rater=rater
            )
            row.version = 0
            session.add(row)
        return row

    def set_rating(
        self,
        conversation_id: int,
        expectation_id: str,
        rater: str,
        *,
        score: int | None = None,
        not_observed: bool = False,
        expected: tuple[int | None, bool] | None = None,
    ) -> r.RatingRecord:
        """Rate (score), mark not observed, or clear (neither) one expectation for one rater.

        `expected` is the (score, not observed) the rater saw before changing it: a
        rating changed in another session meanwhile is not overwritten (`ConflictError`
        with both values), as for text. None: don't check.
        """
        _check_rater(rater)
        if score is not None and not_observed:
            raise UserError("a rating is either a score or 'not observed', not both")
        if score is not None and not 1 <= score <= 9:
            raise UserError(f"a score is between 1 and 9, not {score}")
        with self._write() as session:
            conversation = _editable(session, conversation_id)
            row = self._rating(session, conversation_id, expectation_id, rater)
            if expected is not None:
                current = (row.score, bool(row.not_observed))
                check_unchanged(
                    "rating",
                    "score",
                    current,
                    (expected[0], bool(expected[1])),
                    (score, not_observed),
                )
            row.score = score
            row.not_observed = not_observed
            row.version += 1
            row.updated_at = m.utcnow()
            _started(conversation)
            session.flush()
            return rating_record(row)

    def set_rating_comment(
        self,
        conversation_id: int,
        expectation_id: str,
        rater: str,
        comment: str,
        *,
        expected: str | None = None,
    ) -> r.RatingRecord:
        _check_rater(rater)
        with self._write() as session:
            conversation = _editable(session, conversation_id)
            row = self._rating(session, conversation_id, expectation_id, rater)
            check_unchanged("rating comment", "comment", row.comment or "", expected, comment)
            row.comment = comment
            row.version += 1
            row.updated_at = m.utcnow()
            _started(conversation)
            session.flush()
            return rating_record(row)

    # Cards

    def pick_card(
        self,
        conversation_id: int,
        card_id: str,
        picked_by: str,
        *,
        limit: int | None = None,
    ) -> r.CardPickRecord:
        """Put a card on the table for a party, refusing more than `limit` picks by that party."""
        if picked_by not in RATERS:
            raise UserError(f"cards are picked by {' or '.join(RATERS)}, not {picked_by!r}")
        with self._write() as session:
            conversation = _editable(session, conversation_id)
            picks = session.exec(
                select(m.CardPick).where(m.CardPick.conversation_id == conversation_id)
            ).all()
            if any(p.card_id == card_id for p in picks):
                raise RuleError("that card is already on the table", "card_on_table")
            mine = sum(1 for p in picks if p.picked_by == picked_by)
            if limit is not None and mine >= limit:
                raise RuleError(
                    f"the deck allows {limit} cards for this party, all are picked", "card_limit"
                )
            row = m.CardPick(
                conversation_id=conversation_id,
                card_id=card_id,
                picked_by=picked_by,
                position=max((p.position for p in picks), default=-1) + 1,
            )
            session.add(row)
            _started(conversation)
            session.flush()
            return pick_record(row)

    def unpick_card(self, conversation_id: int, card_id: str) -> None:
        with self._write() as session:
            _editable(session, conversation_id)
            row = session.exec(
                select(m.CardPick).where(
                    m.CardPick.conversation_id == conversation_id, m.CardPick.card_id == card_id
                )
            ).first()
            if row is None:
                raise NotFoundError("that card is not on the table", "card")
            if row.picked_by == "deck":
                raise RuleError(
                    "this card is always on the table and cannot be removed", "card_fixed"
                )
            if row.notes.strip() or row.agreements.strip():  # blank lines are nothing lost
                raise RuleError(
                    "this card has notes: clear them before removing the card", "card_has_notes"
                )
            session.delete(row)

    def pick_id(self, conversation_id: int, card_id: str) -> int:
        """The id of `card_id`'s pick in the conversation (NotFoundError 'card' when not there)."""
        with self._read() as session:
            found = session.exec(
                select(m.CardPick.id).where(
                    m.CardPick.conversation_id == conversation_id, m.CardPick.card_id == card_id
                )
            ).first()
        if found is None:
            raise NotFoundError("that card is not on the table", "card")
        return int(found)

    def set_card_text(
        self, pick_id: int, field: str, value: str, *, expected: str | None = None
    ) -> r.CardPickRecord:
        """Write a card's `notes` or `agreements`."""
        if field not in ("notes", "agreements"):
            raise UserError(f"a card has notes and agreements, not {field!r}")
        with self._write() as session:
            row = session.get(m.CardPick, pick_id)
            if row is None:
                raise not_found(session, "card_pick", pick_id, f"no card pick with id {pick_id}")
            conversation = _editable(session, row.conversation_id)
            check_unchanged("card", field, getattr(row, field), expected, value)
            setattr(row, field, value)
            row.version += 1
            row.updated_at = m.utcnow()
            _started(conversation)
            session.flush()
            return pick_record(row)

    def set_card_played(self, pick_id: int, played: bool = True) -> r.CardPickRecord:
        with self._write() as session:
            row = session.get(m.CardPick, pick_id)
            if row is None:
                raise not_found(session, "card_pick", pick_id, f"no card pick with id {pick_id}")
            _editable(session, row.conversation_id)
            row.played = played
            row.version += 1
            row.updated_at = m.utcnow()
            session.flush()
            return pick_record(row)
