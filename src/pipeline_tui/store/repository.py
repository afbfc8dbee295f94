"""The one storage API the TUI and the command line use.

    repo = open_repository(settings.db)
    person = repo.people.create("Anna Berg", "lead_others", email="anna@example.org")
    talk = repo.conversations.start(person.id, kind="lus", held_on=..., content=...)
    repo.conversations.set_rating(talk.id, "lead_others.delegation", "self", score=3)
    repo.plans.add_goal(talk.id, "Delegate the roster to the two coordinators")

Every write is its own short transaction and is on disk when the call returns;
every read returns frozen records. Methods are safe to call from worker threads.

A service that writes several rows that belong together (a goal with its
actions, a roster, an import) does it in one transaction, through the same
stores and their checks:

    with repo.transaction() as tx:
        goal = tx.plans.add_goal(talk.id, "Delegate the roster")
        tx.plans.add_action(goal.id, "Train the coordinators")

Everything in the block is committed at its end, or nothing if it raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from pipeline_tui.config import describe, sqlite_path
from pipeline_tui.store.base import translated, write_session
from pipeline_tui.store.bulk import BulkStore
from pipeline_tui.store.conversations import ConversationStore
from pipeline_tui.store.feedback import FeedbackStore
from pipeline_tui.store.invitations import InvitationStore
from pipeline_tui.store.people import PeopleStore
from pipeline_tui.store.plans import PlanStore
from pipeline_tui.store.stats import StatsStore


class Repository:
    def __init__(self, engine: Engine, db: str | None = None, session: Session | None = None):
        self.engine = engine
        self.db = db
        self.session = session  # set inside `transaction()`
        self.people = PeopleStore(engine, session)
        self.conversations = ConversationStore(engine, session)
        self.plans = PlanStore(engine, session)
        self.bulk = BulkStore(engine, session)
        self.stats = StatsStore(engine, session)
        self.feedback = FeedbackStore(engine, session)
        self.invitations = InvitationStore(engine, session)

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """The same stores on one session: every write and read in the block is one
        transaction, committed when the block ends, rolled back if it raises. Nested
        calls join the outer transaction."""
        if self.session is not None:
            yield self
            return
        with (
            translated(self.engine, writing=True),
            write_session(self.engine) as session,
        ):
            yield Repository(self.engine, self.db, session)

    @property
    def description(self) -> str:
        """Where the data is, for messages (a file path, or a URL without password)."""
        return describe(self.db)

    @property
    def is_sqlite_file(self) -> bool:
        return sqlite_path(self.db) is not None

    def close(self) -> None:
        self.engine.dispose()


def open_repository(db: str | None, *, reading: bool = False) -> Repository:
    """Open (create, upgrade) the database and return its repository.

    `reading`: the caller only reads, so a database in a read-only folder is
    opened read-only rather than refused.
    """
    from pipeline_tui.store.migrate import open_engine

    return Repository(open_engine(db, reading=reading), db)
