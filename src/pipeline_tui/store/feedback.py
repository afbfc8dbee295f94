"""Raters beyond self and manager (360°): asking them, storing their answers, counting.

Answers come in by `import_answers` (a survey tool's file, checked whole by
`core.feedback` first) or, per rater, through an invitation (`invite`, then
`answer`); both write the same rows. What leaves this store is a count or a
`GroupFeedback` (`core.anonymity`): never a single rater's answers, never the
id a rater came with (only a hash of it is stored). A rater who finished through their
link is detached (`detach_rater`): nothing in the database ties their answers to the
link, to when they were asked or answered, or to the order they were asked in.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from pipeline_tui.core.anonymity import StoredAnswer, rater_key, stamp
from pipeline_tui.core.feedback import MAX_COMMENT, plain
from pipeline_tui.errors import RuleError, UserError
from pipeline_tui.records import FeedbackTarget, NewAnswer, RaterAnswer
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, row_id
from pipeline_tui.vocabulary import RATER_GROUPS


@dataclass(frozen=True)
class Imported:
    """What an import stored: the raters in it, and the answers (and their raters) that
    were new or different; an answer given again as it stands is left as it is."""

    raters: int
    changed: int = 0
    changed_raters: int = 0


@dataclass(frozen=True)
class ResponseRate:
    conversation_id: int
    asked: int
    answered: int


# A detached rater's row and answers get random ids below zero (PostgreSQL's columns are
# `integer`): the ids the database hands out count up from 1, so they never follow, meet
# or reveal a detached row (see `_restart_id` for SQLite's).
DETACHED_IDS = 2**31
_Detachable = type[m.FeedbackRater] | type[m.FeedbackAnswer]


def _free_ids(session: Session, table: _Detachable, n: int) -> list[int]:
    """`n` random ids below zero that no row of `table` has."""
    ident = col(table.id)
    ids: set[int] = set()
    while len(ids) < n:
        wanted = {-1 - secrets.randbelow(DETACHED_IDS) for _ in range(n - len(ids))} - ids
        taken = set(session.exec(select(ident).where(ident.in_(wanted))).all())
        ids |= wanted - taken
    return list(ids)


def _restart_id(session: Session, table: _Detachable) -> int | None:
    """The id a new row of `table` must be given, or None for the database's own. SQLite
    gives one more than the largest id: with only detached rows (below zero) left, that
    would follow one of them and tell when it was there; start at 1 again instead."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    top = session.exec(select(func.max(col(table.id)))).one()
    return 1 if top is not None and top < 1 else None


def detach_rater(session: Session, rater: m.FeedbackRater) -> None:
    """Cut every thread from a rater who finished through a link to their answers (the
    invitation must not point at `rater` any longer). Their answers move, unchanged
    (score, comment, `version`: the group's results and the conversation's stamp stay the
    same), to a new rater row of the same group that carries nothing of its own: a random
    id below zero, a random key, the conversation's creation time as when asked and (if
    they scored anything) answered; the answers get random ids and that same time; the old
    row goes. Nothing is left that follows the invitation's id or times, the order raters
    were asked or answered in, or the moments they answered.

    The group's raters detached before are written again with them, all in a random order:
    so the order rows lie in (PostgreSQL hands them back in it) and the transaction that
    wrote them (PostgreSQL's `xmin`, the same as the finished invitation's) tell the
    finished raters of a group no more apart than their rows do."""
    conversation = session.get(m.Conversation, rater.conversation_id)
    if conversation is None:  # the rater's row names its conversation (a foreign key)
        raise UserError(f"no conversation with id {rater.conversation_id}")
    neutral = conversation.created_at
    raters = [
        rater,
        *session.exec(
            select(m.FeedbackRater).where(
                m.FeedbackRater.conversation_id == rater.conversation_id,
                m.FeedbackRater.rater_group == rater.rater_group,
                col(m.FeedbackRater.id) < 0,
            )
        ).all(),
    ]
    shuffle = secrets.SystemRandom().shuffle
    shuffle(raters)
    old_answers: list[m.FeedbackAnswer] = []
    new_raters: list[m.FeedbackRater] = []
    new_answers: list[m.FeedbackAnswer] = []
    for old, new_id in zip(raters, _free_ids(session, m.FeedbackRater, len(raters)), strict=True):
        new_raters.append(
            m.FeedbackRater(
                id=new_id,
                conversation_id=old.conversation_id,
                rater_group=old.rater_group,
                rater_key=secrets.token_hex(32),  # as long as a key, and the hash of nothing
                invited_at=neutral,
                answered_at=neutral if old.answered_at is not None else None,
            )
        )
        answers = session.exec(
            select(m.FeedbackAnswer).where(m.FeedbackAnswer.rater_id == row_id(old))
        ).all()
        old_answers.extend(answers)
        new_answers.extend(
            m.FeedbackAnswer(
                rater_id=new_id,
                expectation_id=answer.expectation_id,
                score=answer.score,
                not_observed=answer.not_observed,
                comment=answer.comment,
                version=answer.version,
                created_at=neutral,
                updated_at=neutral,
            )
            for answer in answers
        )
    shuffle(new_answers)
    for answer, answer_id in zip(
        new_answers, _free_ids(session, m.FeedbackAnswer, len(new_answers)), strict=True
    ):
        answer.id = answer_id
    session.add_all(new_raters)
    session.flush()
    session.add_all(new_answers)
    session.flush()
    for answer in old_answers:
        session.delete(answer)
    session.flush()
    for old in raters:
        session.delete(old)
    session.flush()


def stored_answers(session: Session, conversation_id: int) -> list[StoredAnswer]:
    query = (
        select(m.FeedbackRater.rater_group, m.FeedbackAnswer)
        .join(m.FeedbackAnswer, col(m.FeedbackAnswer.rater_id) == col(m.FeedbackRater.id))
        .where(m.FeedbackRater.conversation_id == conversation_id)
    )
    return [
        StoredAnswer(
            group, a.rater_id, a.expectation_id, a.score, a.not_observed, a.comment, a.version
        )
        for group, a in session.exec(query)
    ]


def feedback_stamp(session: Session, conversation_id: int) -> int:
    """The conversation's `anonymity.stamp`: it changes when any answer is added or changed."""
    count, versions = session.exec(
        select(
            func.count(col(m.FeedbackAnswer.id)),
            func.coalesce(func.sum(col(m.FeedbackAnswer.version)), 0),
        )
        .join(m.FeedbackRater, col(m.FeedbackAnswer.rater_id) == col(m.FeedbackRater.id))
        .where(m.FeedbackRater.conversation_id == conversation_id)
    ).one()
    return stamp(int(count), int(versions))


def own_answers(session: Session, rater_id: int) -> dict[str, RaterAnswer]:
    """One rater's own answers, by expectation: for that rater's form alone (an invitation
    link's session), never for a screen, a print or an export of the evaluation."""
    rows = session.exec(select(m.FeedbackAnswer).where(m.FeedbackAnswer.rater_id == rater_id)).all()
    return {
        row.expectation_id: RaterAnswer(row.score, row.not_observed, row.comment) for row in rows
    }


def give_answer(
    session: Session,
    rater: m.FeedbackRater,
    expectation_id: str,
    *,
    rating: tuple[int | None, bool] | None = None,
    comment: str | None = None,
) -> RaterAnswer:
    """Store one invited rater's rating (`rating`: score, not observed) or comment of one
    expectation, keeping the other part as it was; the answer as stored now. The
    expectation and the score are checked against the conversation's own content."""
    conversation = session.get(m.Conversation, rater.conversation_id)
    if conversation is None:
        raise UserError(f"no conversation with id {rater.conversation_id}")
    if conversation.status == "signed":
        raise RuleError("the conversation is signed: no answers can be added", "signed")
    snapshot = session.get(m.ContentSnapshot, conversation.snapshot_id)
    texts = dict(snapshot.texts) if snapshot is not None else {}
    ids = {e.get("id") for e in texts.get("expectations", []) if isinstance(e, dict)}
    if expectation_id not in ids:
        raise UserError("no such expectation in this evaluation", "expectation")
    if rating is not None:
        score, not_observed = rating
        levels = {
            level.get("value")
            for level in texts.get("scale", {}).get("levels", [])
            if isinstance(level, dict)
        }
        if score is not None and (not_observed or score not in levels):
            raise UserError(f"{score} is not on the evaluation's scale", "score")
    if comment is not None and len(comment) > MAX_COMMENT:
        raise UserError(f"a comment holds at most {MAX_COMMENT} characters", "comment")
    row = session.exec(
        select(m.FeedbackAnswer).where(
            m.FeedbackAnswer.rater_id == rater.id,
            m.FeedbackAnswer.expectation_id == expectation_id,
        )
    ).first()
    if row is None:
        row = m.FeedbackAnswer(
            id=_restart_id(session, m.FeedbackAnswer),
            rater_id=row_id(rater),
            expectation_id=expectation_id,
        )
    else:
        row.version += 1
        row.updated_at = m.utcnow()
    if rating is not None:
        row.score, row.not_observed = rating[0], rating[0] is None and rating[1]
    if comment is not None:
        row.comment = comment
    session.add(row)
    if row.score is not None or row.not_observed:
        rater.answered_at = rater.answered_at or m.utcnow()
        session.add(rater)
    return RaterAnswer(row.score, row.not_observed, row.comment)


def _answer(
    stored: dict[str, m.FeedbackAnswer],
    fresh: dict[tuple[int, str], dict[str, object]],
    rater_id: int,
    answer: NewAnswer,
) -> str:
    """One answer of the rater `rater_id`, beside their `stored` answers (by expectation):
    "new" (its values added to `fresh`, the rows to insert), "changed" (the stored row
    updated) or "same" (the row as stored already: left untouched)."""
    given = (answer.score, answer.not_observed, answer.comment)
    row = stored.get(answer.expectation_id)
    if row is None:
        values = fresh.get((rater_id, answer.expectation_id))
        if values is not None:  # given twice in one import: the later one counts
            values.update(score=given[0], not_observed=given[1], comment=given[2])
            return "same"
        now = m.utcnow()
        fresh[(rater_id, answer.expectation_id)] = {
            "rater_id": rater_id,
            "expectation_id": answer.expectation_id,
            "score": answer.score,
            "not_observed": answer.not_observed,
            "comment": answer.comment,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        return "new"
    if (row.score, row.not_observed, row.comment) == given:
        return "same"
    row.score, row.not_observed, row.comment = given
    row.version += 1
    row.updated_at = m.utcnow()
    return "changed"


def _raters_of(session: Session, conversation_id: int) -> dict[str, m.FeedbackRater]:
    """The raters of a conversation that takes answers, by key."""
    conversation = session.get(m.Conversation, conversation_id)
    if conversation is None:
        raise UserError(f"no conversation with id {conversation_id}")
    if conversation.status == "signed":
        raise RuleError("the conversation is signed: no answers can be added", "signed")
    query = select(m.FeedbackRater).where(m.FeedbackRater.conversation_id == conversation_id)
    return {row.rater_key: row for row in session.exec(query)}


def _check_group(group: str) -> None:
    if group not in RATER_GROUPS:
        raise UserError(f"unknown rater group {group!r} (known: {', '.join(RATER_GROUPS)})")


class FeedbackStore(StoreBase):
    def targets(self, conversation_ids: Iterable[int]) -> dict[int, FeedbackTarget]:
        """The conversations of `conversation_ids` that exist, for checking a file."""
        wanted = sorted(set(conversation_ids))
        found: dict[int, FeedbackTarget] = {}
        with self._read() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = session.exec(
                    select(m.Conversation, m.ContentSnapshot)
                    .join(m.ContentSnapshot)
                    .where(col(m.Conversation.id).in_(chunk))
                ).all()
                raters = session.exec(
                    select(
                        m.FeedbackRater.conversation_id,
                        m.FeedbackRater.rater_key,
                        m.FeedbackRater.rater_group,
                    ).where(col(m.FeedbackRater.conversation_id).in_(chunk))
                ).all()
                keys: dict[int, dict[str, str]] = {}
                for conversation_id, key, group in raters:
                    keys.setdefault(conversation_id, {})[key] = group
                for conversation, snapshot in rows:
                    if conversation.id is None:  # a stored row always has one
                        continue
                    found[conversation.id] = FeedbackTarget(
                        conversation_id=conversation.id,
                        kind=conversation.kind,
                        signed=conversation.status == "signed",
                        snapshot=dict(snapshot.texts),
                        groups_by_key=keys.get(conversation.id, {}),
                    )
        return found

    def people_named(self, raters: Iterable[str]) -> set[str]:
        """Those of `raters` (ids as `core.feedback.plain` gives them) that are the name or
        e-mail address of someone in the database, trimmed and case folded alike: such an
        id is refused, since hashing every name and address would find the rater."""
        wanted = set(raters)
        if not wanted:
            return set()
        found: set[str] = set()
        with self._read() as session:
            for name, email in session.exec(select(m.Person.name, m.Person.email)):
                found.update(text for text in (plain(name), plain(email or "")) if text in wanted)
        return found

    def import_answers(self, answers: Sequence[NewAnswer]) -> Imported:
        """Store checked answers, all or none, in one transaction; a rater's earlier answer
        to the same expectation is replaced. An answer the same as the one stored is not
        written again (no new version, no new time): the same file imported twice leaves
        the database as it was. The raters and answers stored are read with a query or two
        per conversation, and the new rows written together (a survey's 80,000 rows took
        three minutes, with queries, an object and a flush for each row)."""
        with self._write() as session, session.no_autoflush:
            raters: dict[tuple[int, str], m.FeedbackRater] = {}
            by_key: dict[int, dict[str, m.FeedbackRater]] = {}  # conversation -> key -> row
            first_rater = _restart_id(session, m.FeedbackRater)
            for answer in answers:
                _check_group(answer.group)
                who = (answer.conversation_id, answer.rater)
                if who in raters:
                    continue
                known = by_key.get(answer.conversation_id)
                if known is None:
                    known = by_key[answer.conversation_id] = _raters_of(
                        session, answer.conversation_id
                    )
                key = rater_key(answer.conversation_id, answer.rater)
                rater = known.get(key)
                if rater is None:
                    rater = m.FeedbackRater(
                        id=first_rater,
                        conversation_id=answer.conversation_id,
                        rater_group=answer.group,
                        rater_key=key,
                    )
                    session.add(rater)
                    if first_rater is not None:  # the database's own ids follow this one
                        session.flush()
                        first_rater = None
                    known[key] = rater
                elif rater.rater_group != answer.group:
                    raise UserError(
                        f"this rater answered as {rater.rater_group} before, not as {answer.group}"
                    )
                raters[who] = rater
            session.flush()  # the new raters, in the order they came: now with their ids
            stored: dict[int, dict[str, m.FeedbackAnswer]] = {}  # by rater row, expectation
            for conversation_id in by_key:
                query = (
                    select(m.FeedbackAnswer)
                    .join(m.FeedbackRater, col(m.FeedbackRater.id) == m.FeedbackAnswer.rater_id)
                    .where(m.FeedbackRater.conversation_id == conversation_id)
                )
                for row in session.exec(query):
                    stored.setdefault(row.rater_id, {})[row.expectation_id] = row
            fresh: dict[tuple[int, str], dict[str, object]] = {}  # new rows' values
            changed_raters: set[tuple[int, str]] = set()
            changed = 0
            for answer in answers:
                who = (answer.conversation_id, answer.rater)
                rater_id = row_id(raters[who])
                outcome = _answer(stored.setdefault(rater_id, {}), fresh, rater_id, answer)
                if outcome != "same":
                    changed += 1
                    changed_raters.add(who)
            rows = list(fresh.values())
            first_id = _restart_id(session, m.FeedbackAnswer)
            if rows and first_id is not None:  # the database's own ids follow the first one
                session.execute(insert(m.FeedbackAnswer), [{**rows[0], "id": first_id}])
                rows = rows[1:]
            if rows:
                session.execute(insert(m.FeedbackAnswer), rows)
            now = m.utcnow()
            for who, rater in raters.items():
                if who in changed_raters or rater.answered_at is None:
                    rater.answered_at = now
            return Imported(len(raters), changed, len(changed_raters))

    def invite(self, conversation_id: int, group: str, rater: str) -> int:
        """Ask one rater (an invitation link names them by an opaque id); returns the rater's
        row id, the same for the same id asked again. Counted as asked until they answer."""
        _check_group(group)
        with self._write() as session:
            return self._rater(session, conversation_id, group, rater).id or 0

    def answer(self, answer: NewAnswer) -> None:
        """One invited rater's answer to one expectation (an invitation's form)."""
        self.import_answers([answer])

    def _rater(
        self, session: Session, conversation_id: int, group: str, rater: str
    ) -> m.FeedbackRater:
        conversation = session.get(m.Conversation, conversation_id)
        if conversation is None:
            raise UserError(f"no conversation with id {conversation_id}")
        if conversation.status == "signed":
            raise RuleError("the conversation is signed: no answers can be added", "signed")
        key = rater_key(conversation_id, rater)
        row = session.exec(
            select(m.FeedbackRater).where(
                m.FeedbackRater.conversation_id == conversation_id,
                m.FeedbackRater.rater_key == key,
            )
        ).first()
        if row is None:
            row = m.FeedbackRater(
                id=_restart_id(session, m.FeedbackRater),
                conversation_id=conversation_id,
                rater_group=group,
                rater_key=key,
            )
            session.add(row)
            session.flush()
        elif row.rater_group != group:
            raise UserError(f"this rater answered as {row.rater_group} before, not as {group}")
        return row

    def response_rates(self, conversation_ids: Iterable[int] | None = None) -> list[ResponseRate]:
        """Raters asked and raters who answered, per conversation that asked anyone."""
        query = select(
            m.FeedbackRater.conversation_id,
            func.count(),
            func.count(col(m.FeedbackRater.answered_at)),
        ).group_by(col(m.FeedbackRater.conversation_id))
        if conversation_ids is not None:
            query = query.where(col(m.FeedbackRater.conversation_id).in_(list(conversation_ids)))
        with self._read() as session:
            return [
                ResponseRate(conversation_id, asked, answered)
                for conversation_id, asked, answered in session.exec(
                    query.order_by(col(m.FeedbackRater.conversation_id))
                )
            ]
