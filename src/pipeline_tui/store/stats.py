"""The reads behind HR's overview: summed in SQL, shaped by `core.coverage`.

The statements and the reader live in `store.queries`, shared with the stdlib
reader that `pipeline-tui overview` uses on a local file.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from pipeline_tui.core.coverage import PersonYear, RatingAggregate, ResponseRate, ScopePerson
from pipeline_tui.store.base import StoreBase
from pipeline_tui.store.queries import Reader, sqlalchemy_reader


class StatsStore(StoreBase):
    def _reader(self, session: Session) -> Reader:
        return sqlalchemy_reader(session.connection())

    def people(self) -> list[ScopePerson]:
        """Everyone (the hierarchy is needed whole, even for one unit's figures)."""
        with self._read() as session:
            return self._reader(session).people()

    def person_years(self, year: int, kinds: Sequence[str] | None = None) -> dict[int, PersonYear]:
        """Offered, held, signed in `year` (conversations of `kinds`; None: any), follow-up
        and latest held date, per person."""
        with self._read() as session:
            return self._reader(session).person_years(year, kinds)

    def kind_counts(self, year: int) -> list[tuple[int, str, int, int]]:
        """(person, kind, conversations, held) for the conversations of `year`."""
        with self._read() as session:
            return self._reader(session).kind_counts(year)

    def feedback_responses(self, year: int) -> list[ResponseRate]:
        """Raters asked and raters who answered, per conversation of `year` that asked any."""
        with self._read() as session:
            return self._reader(session).feedback_responses(year)

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]:
        """Score count, sum and sum of squares per layer, expectation and rater in `year`."""
        with self._read() as session:
            return self._reader(session).rating_aggregates(year, person_ids)

    def expectation_titles(self, wanted: dict[str, set[str]]) -> dict[str, dict[str, str]]:
        """The titles expectations no longer in the pack had when rated (see `Reader`)."""
        with self._read() as session:
            return self._reader(session).expectation_titles(wanted)
