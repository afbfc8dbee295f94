"""The reads behind HR's overview: summed in SQL, shaped by `core.coverage`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, case, func, select

from pipeline_tui.core.coverage import PersonYear, RatingAggregate, ScopePerson
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase

HELD = ("in_progress", "completed", "signed")
CHUNK = 500


class StatsStore(StoreBase):
    def people(self) -> list[ScopePerson]:
        """Everyone (the hierarchy is needed whole, even for one unit's figures)."""
        person = m.Person.__table__
        query = select(
            person.c.id, person.c.name, person.c.unit, person.c.layer, person.c.manager_id
        ).order_by(person.c.id)
        with self._read() as session:
            return [ScopePerson(*row) for row in session.connection().execute(query)]

    def person_years(self, year: int) -> dict[int, PersonYear]:
        """One entry per person with any conversation: offered, held, signed in `year`,
        the latest plan's follow-up date and the latest held date (any year)."""
        c = m.Conversation.__table__
        plan = m.Plan.__table__
        start, end = date(year, 1, 1), date(year, 12, 31)
        in_year = and_(c.c.held_on >= start, c.c.held_on <= end)
        held = c.c.status.in_(HELD)
        signed = and_(
            plan.c.signed_by_person_at.is_not(None), plan.c.signed_by_conductor_at.is_not(None)
        )
        summary = (
            select(
                c.c.person_id,
                func.max(case((in_year, 1), else_=0)),
                func.max(case((and_(in_year, held), 1), else_=0)),
                func.max(case((and_(in_year, signed), 1), else_=0)),
                func.max(case((held, c.c.held_on), else_=None)),
            )
            .select_from(c.outerjoin(plan, plan.c.conversation_id == c.c.id))
            .group_by(c.c.person_id)
        )
        follow_ups = (
            select(c.c.person_id, c.c.held_on, c.c.id, plan.c.follow_up_on)
            .select_from(c.join(plan, plan.c.conversation_id == c.c.id))
            .where(held, plan.c.follow_up_on.is_not(None))
        )
        with self._read() as session:
            connection = session.connection()
            latest: dict[int, tuple[date, int, date]] = {}
            for person_id, held_on, cid, follow_up in connection.execute(follow_ups):
                key = (held_on, cid, follow_up)
                if person_id not in latest or key[:2] > latest[person_id][:2]:
                    latest[person_id] = key
            result = {}
            for person_id, offered, was_held, was_signed, last in connection.execute(summary):
                result[person_id] = PersonYear(
                    person_id=person_id,
                    offered=bool(offered),
                    held=bool(was_held),
                    signed=bool(was_signed),
                    follow_up_on=latest[person_id][2] if person_id in latest else None,
                    last_held_on=last if isinstance(last, date) or last is None else _date(last),
                )
            return result

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]:
        """Count, sum and sum of squares of scores per conversation layer, expectation
        and rater, over conversations held in `year` (optionally only these people)."""
        c = m.Conversation.__table__
        r = m.Rating.__table__
        base = (
            select(
                c.c.layer,
                r.c.expectation_id,
                r.c.rater,
                func.count(r.c.score),
                func.sum(r.c.score),
                func.sum(r.c.score * r.c.score),
            )
            .select_from(r.join(c, c.c.id == r.c.conversation_id))
            .where(
                c.c.held_on >= date(year, 1, 1),
                c.c.held_on <= date(year, 12, 31),
                c.c.status.in_(HELD),
                r.c.score.is_not(None),
            )
            .group_by(c.c.layer, r.c.expectation_id, r.c.rater)
        )
        queries = [base]
        if person_ids is not None:
            ids = sorted(set(person_ids))
            queries = [
                base.where(c.c.person_id.in_(ids[i : i + CHUNK])) for i in range(0, len(ids), CHUNK)
            ]
        found: list[RatingAggregate] = []
        with self._read() as session:
            connection = session.connection()
            for query in queries:
                found.extend(
                    RatingAggregate(layer, expectation, rater, n, float(total), float(total_sq))
                    for layer, expectation, rater, n, total, total_sq in connection.execute(query)
                )
        return found


def _date(value: object) -> date:
    return date.fromisoformat(str(value)[:10])
