"""Every statement pipeline-tui runs as SQL text, in one place, and the reads built on them.

Portable SQL with named parameters (`:name`), run on any engine through
SQLAlchemy by the stores, and on a local SQLite file through a stdlib sqlite3
connection by the quick paths (the first screen, `plan print`, `overview`),
which must not pay for importing the ORM. `Reader` turns the rows into the
frozen records of `pipeline_tui.records` the same way for both; `store.reading.read_with` is the
one place that chooses between them. A test checks that no other module holds
`SELECT` text. No SQLAlchemy is imported here at module level.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline_tui import clock
from pipeline_tui import records as r
from pipeline_tui.core.order import name_key
from pipeline_tui.core.search import matches, search_key, search_words
from pipeline_tui.errors import NotFoundError
from pipeline_tui.store.readonly import cut_short, read_only_uri
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.store.shape import (
    action_record,
    conversation_record,
    goal_record,
    person_record,
    pick_record,
    plan_record,
    rating_record,
)
from pipeline_tui.vocabulary import CONCLUDED_STATUSES, is_kind_key

if TYPE_CHECKING:  # imported where used: the short commands (erase, the first screen) skip them
    from pipeline_tui.core.anonymity import StoredAnswer
    from pipeline_tui.core.coverage import PersonYear, RatingAggregate, ResponseRate, ScopePerson

T = TypeVar("T")
Execute = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

# -- Engine housekeeping ------------------------------------------------------------------

# PostgreSQL: a write transaction waits at most this long for the lock, then gives up.
LOCK_TIMEOUT_SQL = "SET LOCAL lock_timeout = {ms}"
# PostgreSQL: the one write lock (transaction-scoped advisory lock), like BEGIN IMMEDIATE.
WRITE_LOCK_SQL = "SELECT pg_advisory_xact_lock({key})"
# PostgreSQL: after rows came in with their ids (an import), the table's id sequence
# continues past the highest id (from 1 when there are only detached raters' ids, below 0).
RESET_SEQUENCE_SQL = """SELECT setval(pg_get_serial_sequence('"{table}"', 'id'),
    GREATEST((SELECT MAX(id) FROM "{table}"), 0) + 1, false)"""
REVISION_SQL = "SELECT version_num FROM alembic_version"
# The texts conversations of a layer were held with, newest first (HR's overview names an
# expectation the content pack no longer has by the title it had then).
LAYER_SNAPSHOTS_SQL = "SELECT texts FROM content_snapshot WHERE layer = :layer ORDER BY id DESC"
SQLITE_TABLES_SQL = "SELECT name FROM sqlite_master WHERE type = 'table'"
SQLITE_COLUMNS_SQL = 'SELECT name FROM pragma_table_info("{table}")'
COUNT_SQL = "SELECT count(*) FROM {table}"
# `export` on a local file (`transfer.export_lines_sqlite`): a table's columns, by id.
EXPORT_ROWS_SQL = 'SELECT {columns} FROM "{table}" ORDER BY id'
# `db check`
UNKNOWN_VALUES_SQL = "SELECT id, {column} FROM {table} WHERE {column} NOT IN ({marks})"
BAD_VERSIONS_SQL = "SELECT id, version FROM {table} WHERE version IS NULL OR version < 1"
MANAGERS_SQL = "SELECT id, manager_id FROM person WHERE manager_id IS NOT NULL"
# Each score with the content snapshot whose scale it is on (its conversation's).
SCORES_SQL = {
    "rating": (
        "SELECT r.id, r.score, c.snapshot_id FROM rating r"
        " JOIN conversation c ON c.id = r.conversation_id WHERE r.score IS NOT NULL"
        " ORDER BY r.id"
    ),
    "feedback_answer": (
        "SELECT a.id, a.score, c.snapshot_id FROM feedback_answer a"
        " JOIN feedback_rater f ON f.id = a.rater_id"
        " JOIN conversation c ON c.id = f.conversation_id WHERE a.score IS NOT NULL"
        " ORDER BY a.id"
    ),
}

# -- Mentions of a person in other people's notes (`store.mentions`) ------------------------

PERSON_NAME_EMAIL_SQL = "SELECT name, email FROM person WHERE id = :id"
UNITS_SQL = "SELECT DISTINCT unit FROM person"
# Whether a database holds anyone (`demo` on a server, before the storage layer opens it).
ANY_PERSON_SQL = "SELECT 1 FROM person LIMIT 1"
# Names as stored, lower-cased by the caller: PostgreSQL's lower() folds only what the
# database's character type knows (under LC_CTYPE C, ASCII: "Ørnulf" stays "Ørnulf").
OTHER_NAMES_SQL = "SELECT name FROM person WHERE id != :id"
MENTIONS_SQL = (
    "SELECT {alias}.id, {alias}.{column}, c.id, c.person_id, owner.name, c.held_on "
    "FROM {source} JOIN person owner ON owner.id = c.person_id "
    "WHERE c.person_id != :pid{extra} AND ({like})"
)
FIELD_SQL = "SELECT {column} FROM {table} WHERE id = :id"

# -- `person erase` on a local file with the stdlib (`store.erasure`) -----------------------

# The person's own rows, table by table; their ratings and raters counted, not listed.
_THEIR_TALKS = "SELECT id FROM conversation WHERE person_id = :id"
ERASE_OWNED_SQL = {
    "person": "SELECT id FROM person WHERE id = :id",
    "conversation": f"{_THEIR_TALKS} ORDER BY id",
    "plan": f"SELECT id FROM plan WHERE conversation_id IN ({_THEIR_TALKS}) ORDER BY id",
    "goal": "SELECT id FROM goal WHERE plan_id IN (SELECT id FROM plan "
    f"WHERE conversation_id IN ({_THEIR_TALKS})) ORDER BY id",
    "action": "SELECT id FROM action WHERE goal_id IN (SELECT g.id FROM goal g JOIN plan p "
    f"ON p.id = g.plan_id WHERE p.conversation_id IN ({_THEIR_TALKS})) ORDER BY id",
    "card_pick": f"SELECT id FROM card_pick WHERE conversation_id IN ({_THEIR_TALKS}) ORDER BY id",
}
ERASE_COUNTED_SQL = (
    f"SELECT count(*) FROM rating WHERE conversation_id IN ({_THEIR_TALKS})",
    "SELECT count(*) FROM feedback_answer WHERE rater_id IN (SELECT id FROM feedback_rater "
    f"WHERE conversation_id IN ({_THEIR_TALKS}))",
    f"SELECT count(*) FROM feedback_rater WHERE conversation_id IN ({_THEIR_TALKS})",
)
REPORTS_COUNT_SQL = "SELECT count(*) FROM person WHERE manager_id = :id AND id != :id"
# Every conversation they conducted, signed ones too, shows the conductor as erased (as
# `store.privacy.erase_person` does on any engine): a signed plan keeps its text, not the
# erased person's name.
ERASE_CONDUCTED_SQL = (
    "UPDATE conversation SET conducted_by = :erased, conductor_id = NULL WHERE conductor_id = :id"
)
ERASE_COPIES_SQL = (
    "SELECT kind, path, made_at FROM copy_made WHERE person_id IS NULL OR person_id = :id "
    "ORDER BY made_at"
)
ERASE_PERSON_SQL = "DELETE FROM person WHERE id = :id"
ERASURE_SQL = (
    "INSERT INTO erasure (erased_at, rows_removed, erased_ids) VALUES (:at, :removed, :ids)"
)
CHECKPOINT_SQL = "PRAGMA wal_checkpoint(TRUNCATE)"
# A statement compiled, not run: it fails on a missing table or column (a quick path
# checks a file is ours before it writes or streams anything).
EXPLAIN_SQL = "EXPLAIN {sql}"

# -- The home screen's people list ------------------------------------------------------------


# Whether a conversation has been held (`:today` bound to today's date): completed or
# signed, or begun and its day come. A conversation the person began preparing through
# their link before its day is not held yet: it neither counts as the year's conversation
# nor ends an overdue follow-up until the day comes (as `core.due.status_key` shows it:
# planned). Its links close only the day after (`core.due.held_reason`): on its day it is
# being held, and the person and the raters may still answer until the day is over.
def held_sql(alias: str = "c") -> str:
    return (
        f"({alias}.status IN ('completed', 'signed')"
        f" OR ({alias}.status = 'in_progress' AND {alias}.held_on <= :today))"
    )


HELD_SQL = held_sql()

# The follow-up date shown is that of the latest *held* conversation's plan
# that has one, while no conversation has been held since (the same rule as
# `core.coverage.is_overdue`): a conversation only prepared (a draft, or one the
# person began preparing through a link before its day) does not make an overdue
# follow-up go away, a held one does. The last column is the latest held
# conversation of the yearly kinds (`{yearly}`, see `people_rows_sql`): an
# onboarding or a status conversation is not the year's MUS or LUS.
_PEOPLE_ROWS = """
SELECT p.id, p.name, p.title, p.unit, p.layer, boss.name,
       last.held_on, last.kind, last.status, plan.follow_up_on,
       (SELECT MAX(c.held_on) FROM conversation c
        WHERE c.person_id = p.id
          AND {held}{yearly}),
       p.email
FROM person p
LEFT JOIN person boss ON boss.id = p.manager_id
LEFT JOIN conversation last ON last.id = (
    SELECT c.id FROM conversation c
    WHERE c.person_id = p.id
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
)
LEFT JOIN plan ON plan.id = (
    SELECT pl.id FROM plan pl JOIN conversation c ON c.id = pl.conversation_id
    WHERE c.person_id = p.id AND pl.follow_up_on IS NOT NULL
      AND {held}
    ORDER BY c.held_on DESC, c.id DESC
    LIMIT 1
) AND plan.follow_up_on > (
    SELECT MAX(c.held_on) FROM conversation c
    WHERE c.person_id = p.id AND {held}
)
"""


def people_rows_sql(yearly: Sequence[str] | None = None) -> str:
    """The people list's statement; `yearly` the pack's yearly kinds (None: every kind).

    The kinds are written into the text rather than bound: the same statement runs
    with "?" marks on sqlite3 and with named ones through SQLAlchemy. A kind key is
    letters, digits and _ only (`is_kind_key`), so it cannot end the quoted literal.
    """
    if yearly is None:
        return _PEOPLE_ROWS.format(yearly="", held=HELD_SQL)
    keys = [kind for kind in yearly if is_kind_key(kind)]
    listed = ", ".join(f"'{kind}'" for kind in keys) if keys else "NULL"
    return _PEOPLE_ROWS.format(yearly=f" AND c.kind IN ({listed})", held=HELD_SQL)


PEOPLE_ROWS_SQL = people_rows_sql()


# The people listing (`people list`): every person with their manager's name.
PEOPLE_LIST_SQL = """
SELECT p.id, p.name, p.email, p.title, p.unit, p.layer, p.manager_id, boss.name,
       p.version, p.created_at, p.updated_at
FROM person p LEFT JOIN person boss ON boss.id = p.manager_id
"""


def unicode_lower(value: Any) -> Any:
    """lower() for SQLite, whose own folds ASCII only: "Åse" must sort and match as "åse"."""
    return value.lower() if isinstance(value, str) else value


def _searched_fields(person: r.PersonRecord) -> tuple[str, ...]:
    """What `people list --search` finds a person by, as home's search does."""
    return (person.name, person.email or "", person.title or "", person.unit or "")


PEOPLE_NAMES_SQL = "SELECT id, name FROM person"

# -- The conversation listing (`conversations list`, the person page) -------------------------

# Conversations, newest first, with their person and their plan's state (the plan is
# unique per conversation; a conversation without one shows none). `{where}`: the
# filters `Reader.conversation_list` adds, `{limit}` its LIMIT. Ordered by an expression,
# not the column: walking the date index fetches each row from wherever it lies in the
# table (40,000 conversations: 0.8 s on SQLite), reading the table in its own order and
# sorting takes half as long; a person's or a year's rows are still found by the indexes.
CONVERSATION_LIST_SQL = """
SELECT c.id, c.person_id, p.name, p.unit, c.kind, c.layer, c.held_on, c.status,
       c.conducted_by,
       (SELECT COUNT(g.id) FROM goal g WHERE g.plan_id = plan.id),
       plan.follow_up_on,
       CASE WHEN plan.signed_by_person_at IS NOT NULL
             AND plan.signed_by_conductor_at IS NOT NULL THEN 1 ELSE 0 END
FROM conversation c
JOIN person p ON p.id = c.person_id
LEFT JOIN plan ON plan.conversation_id = c.id{where}
ORDER BY COALESCE(c.held_on, c.held_on) DESC, c.id DESC{limit}
"""

# -- One conversation, its person and plans (the conversation screen, `plan print`) -----------

COLUMNS = {
    "person": (
        "id", "name", "email", "title", "unit", "layer", "manager_id",
        "version", "created_at", "updated_at",
    ),
    "conversation": (
        "id", "person_id", "kind", "layer", "held_on", "conducted_by", "conductor_id",
        "status", "language", "step", "revealed", "pack_id", "pack_version", "pack_hash",
        "deck_id", "snapshot_id", "completed_at", "version", "created_at", "updated_at",
    ),
    "rating": (
        "id", "conversation_id", "expectation_id", "rater", "score", "not_observed",
        "comment", "version",
    ),
    "card_pick": (
        "id", "conversation_id", "card_id", "picked_by", "position", "notes", "agreements",
        "played", "version",
    ),
    "plan": (
        "id", "conversation_id", "summary", "strengths", "development_areas",
        "follow_up_on", "signed_by_person_at", "signed_by_conductor_at", "readiness",
        "readiness_note", "version",
    ),
    "goal": (
        "id", "plan_id", "position", "title", "expectation_ids", "card_ids",
        "success_criterion", "due_on", "status", "progress_notes", "review_note",
        "reviewed_in_id", "carried_from_id", "version",
    ),
    "action": (
        "id", "goal_id", "position", "description", "kind", "owner", "due_on", "done",
        "activity_id", "version",
    ),
    "content_snapshot": ("id", "texts"),
}  # fmt: skip


def column_sql(table: str, column: str) -> str:
    """Every row's id and one column of `table` (`db check` reads the JSON columns): the
    names come from the program's own list of tables, never from a user."""
    return f'SELECT id, "{column}" FROM "{table}"'


def _select(table: str, where: str, order: str = "id") -> str:
    columns = ", ".join(f"t.{c}" for c in COLUMNS[table])
    return f'SELECT {columns} FROM "{table}" t WHERE {where} ORDER BY {order}'


PERSON_SQL = _select("person", "t.id = :id")
CONVERSATION_SQL = _select("conversation", "t.id = :id")
RATINGS_SQL = _select("rating", "t.conversation_id = :id")
PICKS_SQL = _select("card_pick", "t.conversation_id = :id", "t.position, t.id")
SNAPSHOT_SQL = _select("content_snapshot", "t.id = :id")
PLAN_SQL = _select("plan", "t.conversation_id = :id")
GOALS_SQL = _select("goal", "t.plan_id = :id", "t.position, t.id")
ACTIONS_SQL = _select(
    "action",
    "t.goal_id IN (SELECT g.id FROM goal g WHERE g.plan_id = :id)",
    "t.position, t.id",
)
EARLIER_SQL = _select(
    "conversation",
    "t.person_id = :person AND t.id != :before AND t.held_on <= :held_on",
    "t.held_on DESC, t.id DESC",
)
ALL_OF_PERSON_SQL = _select("conversation", "t.person_id = :person", "t.held_on DESC, t.id DESC")

# Converting what a driver returns (SQLite: text and 0/1; PostgreSQL: typed values).
DATES = {"held_on", "due_on", "follow_up_on"}
MOMENTS = {"created_at", "updated_at", "completed_at", "signed_by_person_at",
           "signed_by_conductor_at"}  # fmt: skip
FLAGS = {"revealed", "not_observed", "played", "done"}
DOCUMENTS = {"texts", "expectation_ids", "card_ids"}


def as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_moment(value: object) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (they are stored in UTC)."""
    if value is None:
        return None
    if isinstance(value, str) and value[-6:-5] not in ("+", "-") and value[-1:] != "Z":
        try:  # SQLite's text, without an offset: read as UTC in one step (50,000 people)
            return datetime.fromisoformat(value + "+00:00")
        except ValueError:
            pass
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _convert(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in DATES:
        return as_date(value)
    if name in MOMENTS:
        return as_moment(value)
    if name in FLAGS:
        return bool(value)
    if name in DOCUMENTS and isinstance(value, str):
        return json.loads(value)
    return value


def _rows(table: str, found: Iterable[Sequence[Any]]) -> list[Any]:
    names = COLUMNS[table]
    return [
        SimpleNamespace(**{n: _convert(n, v) for n, v in zip(names, row, strict=True)})
        for row in found
    ]


def person_row(row: Sequence[Any]) -> r.PersonRow:
    return r.PersonRow(
        id=row[0],
        name=row[1],
        title=row[2],
        unit=row[3],
        layer=row[4],
        manager_name=row[5],
        last_held_on=as_date(row[6]),
        last_kind=row[7],
        last_status=row[8],
        follow_up_on=as_date(row[9]),
        last_yearly_held_on=as_date(row[10]),
        email=row[11] or "",
    )


def people_rows(rows: Iterable[Sequence[object]]) -> list[r.PersonRow]:
    """Rows of PEOPLE_ROWS_SQL as records, by name in Danish order ("Åse" after "Zara").

    Sorted here rather than in SQL: SQLite's lower() folds ASCII only, and a
    Python collation called per row costs more than sorting the list.
    """
    return sorted((person_row(row) for row in rows), key=lambda row: (name_key(row.name), row.id))


# -- HR's overview (summed in SQL, shaped by `core.coverage`) --------------------------------

HELD = ("in_progress", "completed", "signed")
CHUNK = 500
# The ratings that count in the figures per expectation: those of a conversation begun,
# whatever its day (the rule `rating_sum`'s triggers keep, migration 0008).
_RATED_SQL = "c.status IN ('in_progress', 'completed', 'signed')"
_IN_YEAR = "c.held_on >= :start AND c.held_on <= :end"
_SIGNED = (
    "EXISTS (SELECT 1 FROM plan WHERE plan.conversation_id = c.id "
    "AND plan.signed_by_person_at IS NOT NULL AND plan.signed_by_conductor_at IS NOT NULL)"
)

PEOPLE_SQL = "SELECT id, name, unit, layer, manager_id FROM person ORDER BY id"

# Per person: offered, held and signed in the year (of the yearly kinds, `{kinds}`: an
# onboarding or a status conversation is not the year's MUS or LUS); the latest held
# date (any kind, any year: a status conversation is a follow-up too); and the follow-up
# date of the plan of their latest held conversation that has one (any year), looked up
# per person through the (person, held on) index rather than read for every conversation;
# and the nearest date booked ahead, not yet held (`core.due.is_planned`: planned).
# The conversations are read from one covering index (person, held on, status, kind:
# migration 0008), and a plan only for a conversation of the year (`_SIGNED`, looked up
# once the year and kind match): 185 -> 130 ms at 10,000 people.
SUMMARY_SQL = f"""
SELECT c.person_id,
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} AND {HELD_SQL} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {_IN_YEAR}{{kinds}} AND {_SIGNED} THEN 1 ELSE 0 END),
       MAX(CASE WHEN {HELD_SQL} THEN c.held_on ELSE NULL END),
       (SELECT fp.follow_up_on FROM conversation fc JOIN plan fp ON fp.conversation_id = fc.id
        WHERE fc.person_id = c.person_id AND fp.follow_up_on IS NOT NULL
          AND {held_sql("fc")}
        ORDER BY fc.held_on DESC, fc.id DESC LIMIT 1),
       MIN(CASE WHEN c.status IN ('draft', 'in_progress') AND c.held_on > :today
                THEN c.held_on ELSE NULL END)
FROM conversation c
GROUP BY c.person_id
"""

# Per person and kind of conversation: how many in the year, how many of them held.
KINDS_SQL = f"""
SELECT c.person_id, c.kind, COUNT(*), SUM(CASE WHEN {HELD_SQL} THEN 1 ELSE 0 END)
FROM conversation c
WHERE {_IN_YEAR}
GROUP BY c.person_id, c.kind
"""

AGGREGATES_SQL = f"""
SELECT c.layer, r.expectation_id, r.rater,
       COUNT(r.score), SUM(r.score), SUM(r.score * r.score), COUNT(DISTINCT c.person_id)
FROM conversation c JOIN rating r ON r.conversation_id = c.id
WHERE {_IN_YEAR} AND {HELD_SQL} AND r.score IS NOT NULL{{people}}
GROUP BY c.layer, r.expectation_id, r.rater
"""

# The same sums for everyone, as the database keeps them (`rating_sum`, migration 0008:
# triggers on the ratings and conversations), in the order of AGGREGATES_SQL's groups.
RATING_SUMS_SQL = """
SELECT layer, expectation_id, rater, n, total, total_sq
FROM rating_sum
WHERE year = :year
ORDER BY layer, expectation_id, rater
"""

# How many of those sums' scores are a second (third...) of one person's: the ratings of
# people with more than one conversation of the year on the layer counted, less those
# people. A group's people are its count less this (a person with one conversation has one
# rating per expectation and rater). Only the conversations of such people join their
# ratings: ~30 ms at 10,000 people, where counting the people over every rating of the
# year took ~0.8 s (what `rating_sum` was made to spare the overview).
REPEATED_SQL = f"""
SELECT c.layer, r.expectation_id, r.rater, COUNT(r.score) - COUNT(DISTINCT c.person_id)
FROM conversation c JOIN rating r ON r.conversation_id = c.id
WHERE {_IN_YEAR} AND {HELD_SQL} AND r.score IS NOT NULL
  AND EXISTS (SELECT 1 FROM conversation o
              WHERE o.person_id = c.person_id AND o.id != c.id AND o.layer = c.layer
                AND o.held_on >= :start AND o.held_on <= :end
                AND {held_sql("o")})
GROUP BY c.layer, r.expectation_id, r.rater
"""

# The kept sums count every rating of a conversation begun (in progress), but one begun
# before its day (the person preparing through their link) has not been held yet: its
# scores are taken out of the kept sums, as coverage does not count it held
# (`held_sql`). Few rows: only conversations of the year dated after today.
AHEAD_SQL = f"""
SELECT c.layer, r.expectation_id, r.rater, COUNT(r.score), SUM(r.score), SUM(r.score * r.score)
FROM conversation c JOIN rating r ON r.conversation_id = c.id
WHERE {_IN_YEAR} AND {_RATED_SQL} AND NOT {HELD_SQL} AND r.score IS NOT NULL
GROUP BY c.layer, r.expectation_id, r.rater
"""

# `db check`: the kept sums, and the sums over the ratings themselves (the triggers keep both
# the same; SQLite, held on as ISO text).
KEPT_SUMS_SQL = "SELECT expectation_id, rater, year, layer, n, total, total_sq FROM rating_sum"
SUMMED_SQL = f"""
SELECT r.expectation_id, r.rater, CAST(substr(c.held_on, 1, 4) AS INTEGER),
       c.layer, COUNT(r.score), SUM(r.score), SUM(r.score * r.score)
FROM conversation c JOIN rating r ON r.conversation_id = c.id
WHERE {_RATED_SQL} AND r.score IS NOT NULL
GROUP BY r.expectation_id, r.rater, CAST(substr(c.held_on, 1, 4) AS INTEGER), c.layer
"""

# Per conversation of the year that asked raters beyond self and manager (360°): how many
# were asked, how many answered.
RESPONSES_SQL = f"""
SELECT c.id, c.person_id, c.kind, c.held_on, COUNT(fr.id), COUNT(fr.answered_at), c.status,
       c.revealed
FROM conversation c JOIN feedback_rater fr ON fr.conversation_id = c.id
WHERE {_IN_YEAR}
GROUP BY c.id, c.person_id, c.kind, c.held_on, c.status, c.revealed
ORDER BY c.held_on, c.id
"""

# A conversation's 360° answers, for `core.anonymity` to fold into what may be shown.
FEEDBACK_ANSWERS_SQL = """
SELECT r.rater_group, a.rater_id, a.expectation_id, a.score, a.not_observed, a.comment, a.version
FROM feedback_answer a JOIN feedback_rater r ON r.id = a.rater_id
WHERE r.conversation_id = :id
ORDER BY a.id
"""


class Reader:
    """Every read the quick paths and the stores share, on any `execute(sql, params)`:
    a stdlib sqlite3 connection's, or one running the statement through SQLAlchemy."""

    def __init__(self, execute: Execute, date_param: Callable[[date], Any] = lambda d: d) -> None:
        self._execute = execute
        self._date = date_param

    def _all(self, table: str, sql: str, **params: Any) -> list[Any]:
        return _rows(table, self._execute(sql, params))

    def _one(self, table: str, sql: str, key: int | None) -> Any:
        if key is None:
            return None
        found = self._all(table, sql, id=key)
        return found[0] if found else None

    # The home screen's list of people

    def people_rows(self, yearly: Sequence[str] | None = None) -> list[r.PersonRow]:
        """The people list; `yearly` the pack's yearly kinds (see `people_rows_sql`)."""
        return people_rows(self._execute(people_rows_sql(yearly), self._today()))

    def people_head(
        self, count: int, yearly: Sequence[str] | None = None
    ) -> tuple[list[r.PersonRow], int]:
        """The first `count` people of the list, in its order, and how many there are."""
        sql = people_rows_sql(yearly)
        names = list(self._execute(PEOPLE_NAMES_SQL, {}))
        if len(names) <= count:
            return people_rows(self._execute(sql, self._today())), len(names)
        names.sort(key=lambda row: (name_key(row[1]), row[0]))
        ids = [row[0] for row in names[:count]]
        marks = ", ".join(f":p{i}" for i in range(len(ids)))
        params = {f"p{i}": value for i, value in enumerate(ids)} | self._today()
        rows = self._execute(f"{sql} WHERE p.id IN ({marks})", params)
        return people_rows(rows), len(names)

    def _units_named(self, unit: str) -> list[str]:
        """The stored units `unit` names: itself when some person's unit is exactly that,
        else those equal to it in another case or with spaces around it. Folded here, not
        by SQL's lower(): SQLite's folds ASCII only, and PostgreSQL's what the database's
        character type knows (under LC_CTYPE C, ASCII only: "økonomi" found no "Økonomi")."""
        units = [row[0] for row in self._execute(UNITS_SQL, {}) if row[0] is not None]
        if unit in units:
            return [unit]
        folded = unit.strip().lower()
        return [stored for stored in units if stored.strip().lower() == folded]

    def people_list(
        self,
        *,
        search: str | None = None,
        unit: str | None = None,
        layer: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[r.PersonRecord]:
        """People by name (the whole list in Danish order; a page by lower-cased name);
        `search` finds name, email, title or unit as home's search does (every word, in
        any case, ø typed as o or oe, æ as a or ae, å as a or aa: `core.search`); `unit`
        is the unit so named, else one so named in another case ('økonomi' for 'Økonomi')."""
        where: list[str] = []
        params: dict[str, Any] = {}
        words = search_words(search) if search else []
        if unit:  # as stored; else as typed in another case or with spaces around it
            named = self._units_named(unit)
            marks = ", ".join(f":unit{i}" for i in range(len(named)))
            where.append(f"p.unit IN ({marks})" if named else "1 = 0")
            params.update({f"unit{i}": value for i, value in enumerate(named)})
        if layer:
            where.append("p.layer = :layer")
            params["layer"] = layer
        sql = PEOPLE_LIST_SQL + (" WHERE " + " AND ".join(where) if where else "")
        whole = limit is None and not offset
        if words:  # searched in Python (SQL has no such folding): a page is cut after it
            found = [
                person
                for person in self.people_list(unit=unit, layer=layer)
                if matches(search_key(_searched_fields(person)), words)
            ]
            if whole:
                return found
            found.sort(key=lambda person: (person.name.lower(), person.id))
            return found[offset:] if limit is None else found[offset : offset + limit]
        if not whole:  # a page: ordered (and cut) in SQL
            sql += " ORDER BY lower(p.name), p.id"
            params["limit"], params["offset"] = (-1 if limit is None else limit), offset
            sql += " LIMIT :limit OFFSET :offset" if limit is not None else " OFFSET :offset"
        found = [
            r.PersonRecord(
                id=row[0],
                name=row[1],
                email=row[2],
                title=row[3],
                unit=row[4],
                layer=row[5],
                manager_id=row[6],
                manager_name=row[7],
                version=row[8],
                created_at=as_moment(row[9]),  # type: ignore[arg-type]  # a stored row always has it
                updated_at=as_moment(row[10]),  # type: ignore[arg-type]  # a stored row always has it
            )
            for row in self._execute(sql, params)
        ]
        if whole:  # Danish order, as on home
            found.sort(key=lambda person: (name_key(person.name), person.id))
        return found

    # The conversation listing

    def conversation_list(
        self,
        *,
        person_id: int | None = None,
        year: int | None = None,
        limit: int | None = None,
    ) -> Iterator[r.ConversationSummary]:
        """Conversations, newest first, with their plan's state (`person_id`: only theirs;
        `year`: only those held in it), one record at a time as the rows arrive."""
        where: list[str] = []
        params: dict[str, Any] = {}
        if person_id is not None:
            where.append("c.person_id = :person")
            params["person"] = person_id
        if year is not None:
            where.append(_IN_YEAR)
            params.update(self._year(year))
        sql = CONVERSATION_LIST_SQL.format(
            where=" WHERE " + " AND ".join(where) if where else "",
            limit=" LIMIT :limit" if limit is not None else "",
        )
        if limit is not None:
            params["limit"] = limit
        summary = r.ConversationSummary
        for row in self._execute(sql, params):
            yield summary(
                id=row[0],
                person_id=row[1],
                person_name=row[2],
                unit=row[3],
                kind=row[4],
                layer=row[5],
                held_on=as_date(row[6]),  # type: ignore[arg-type]  # a stored row always has it
                status=row[7],
                conducted_by=row[8],
                goals=int(row[9] or 0),
                follow_up_on=as_date(row[10]),
                plan_signed=bool(row[11]),
            )

    # One person, one conversation, plans

    def _name(self, person_id: int | None) -> str | None:
        person = self._one("person", PERSON_SQL, person_id)
        return person.name if person is not None else None

    def person(self, person_id: int) -> r.PersonRecord:
        row = self._one("person", PERSON_SQL, person_id)
        if row is None:
            raise NotFoundError(f"no person with id {person_id}", "person", id=person_id)
        return person_record(row, self._name(row.manager_id))

    def plan(self, conversation_id: int) -> r.PlanRecord | None:
        plans = self._all("plan", PLAN_SQL, id=conversation_id)
        if not plans:
            return None
        goals = self._all("goal", GOALS_SQL, id=plans[0].id)
        actions: dict[int, list[r.ActionRecord]] = {}
        if goals:
            for action in self._all("action", ACTIONS_SQL, id=plans[0].id):
                actions.setdefault(action.goal_id, []).append(action_record(action))
        shaped = tuple(goal_record(g, tuple(actions.get(g.id, ()))) for g in goals)
        return plan_record(plans[0], shaped)

    def detail(self, conversation_id: int) -> r.ConversationDetail:
        from pipeline_tui.core.anonymity import answers_stamp, group_feedback, threshold_of

        row = self._one("conversation", CONVERSATION_SQL, conversation_id)
        if row is None:
            raise NotFoundError(
                f"no conversation with id {conversation_id}", "conversation", id=conversation_id
            )
        snapshot = self._one("content_snapshot", SNAPSHOT_SQL, row.snapshot_id)
        # Not an object: changed by hand or damaged; read as none, which readers refuse.
        texts = dict(snapshot.texts) if snapshot and isinstance(snapshot.texts, dict) else {}
        answers = self.feedback_answers(row.id)
        return r.ConversationDetail(
            conversation=conversation_record(row, self._name(row.person_id) or ""),
            ratings=tuple(map(rating_record, self._all("rating", RATINGS_SQL, id=row.id))),
            picks=tuple(map(pick_record, self._all("card_pick", PICKS_SQL, id=row.id))),
            plan=self.plan(conversation_id),
            snapshot=texts,
            # Only what may be shown: groups at or above the threshold, never an answer.
            feedback=group_feedback(answers, threshold_of(texts)),
            feedback_stamp=answers_stamp(answers),
        )

    def feedback_answers(self, conversation_id: int) -> list[StoredAnswer]:
        """The conversation's 360° answers, each with its rater's group (kept inside the
        storage layer: `core.anonymity` turns them into what may be shown)."""
        from pipeline_tui.core.anonymity import StoredAnswer

        return [
            StoredAnswer(group, rater, key, score, bool(unseen), comment or "", version)
            for group, rater, key, score, unseen, comment, version in self._execute(
                FEEDBACK_ANSWERS_SQL, {"id": conversation_id}
            )
        ]

    def previous_plan(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[r.ConversationRecord, r.PlanRecord] | None:
        """The plan a follow-up reviews: the person's latest earlier conversation that was
        concluded (signed or completed) and has goals, with its plan."""
        return self.previous_plans(person_id, before_conversation_id=before_conversation_id)[0]

    def previous_plans(
        self, person_id: int, *, before_conversation_id: int | None = None
    ) -> tuple[tuple[r.ConversationRecord, r.PlanRecord] | None, r.ConversationRecord | None]:
        """`previous_plan`'s answer, and the latest earlier conversation after it whose plan
        has goals but was never concluded (None without one): a draft, or one left in
        progress, is not last year's plan, and the follow-up says it passed it over.

        A follow-up once reviewed the goals of whatever earlier conversation had some,
        signed or not, under the same heading as a signed plan."""
        current = self._one("conversation", CONVERSATION_SQL, before_conversation_id)
        if current is not None:
            params = {"person": person_id, "before": current.id,
                      "held_on": self._date(current.held_on)}  # fmt: skip
            earlier = self._all("conversation", EARLIER_SQL, **params)
        else:
            earlier = [
                c
                for c in self._all("conversation", ALL_OF_PERSON_SQL, person=person_id)
                if c.id != before_conversation_id
            ]
        name = self._name(person_id) or ""
        skipped: r.ConversationRecord | None = None
        for conversation in earlier:
            plan = self.plan(conversation.id)
            if plan is None or not plan.goals:
                continue
            record = conversation_record(conversation, name)
            if conversation.status in CONCLUDED_STATUSES:
                return (record, plan), skipped
            skipped = skipped or record
        return None, skipped

    def plan_parts(self, conversation_id: int) -> tuple[r.ConversationDetail, r.PersonRecord, Any]:
        """What a printed plan shows: the conversation, its person, their previous plan
        (`previous_plan`'s answer)."""
        detail = self.detail(conversation_id)
        record = detail.conversation
        person = self.person(record.person_id)
        previous = self.previous_plan(record.person_id, before_conversation_id=record.id)
        return detail, person, previous

    # HR's overview

    def _year(self, year: int) -> dict[str, Any]:
        return {
            "start": self._date(date(year, 1, 1)),
            "end": self._date(date(year, 12, 31)),
        }

    def _today(self) -> dict[str, Any]:
        """`:today` of HELD_SQL: whether a conversation begun has been held is a matter of
        its day."""
        return {"today": self._date(clock.today())}

    def people(self) -> list[ScopePerson]:
        """Everyone (the hierarchy is needed whole, even for one unit's figures)."""
        from pipeline_tui.core.coverage import ScopePerson

        return [ScopePerson(*row) for row in self._execute(PEOPLE_SQL, {})]

    def person_years(self, year: int, kinds: Sequence[str] | None = None) -> dict[int, PersonYear]:
        """One entry per person with any conversation: offered, held, signed in `year`
        (counting only conversations of `kinds`, the pack's yearly ones; None: every
        kind), the latest plan's follow-up date, the latest held date (any year) and the
        nearest date booked ahead."""
        from pipeline_tui.core.coverage import PersonYear

        result = {}
        params = self._year(year) | self._today()
        where = ""
        if kinds is not None:
            names = [f"k{i}" for i in range(len(kinds))]
            params.update(zip(names, kinds, strict=True))
            where = (
                f" AND c.kind IN ({', '.join(':' + n for n in names)})" if names else " AND 1 = 0"
            )
        summary = SUMMARY_SQL.format(kinds=where)
        for person_id, offered, held, signed, last, follow_up, planned in self._execute(
            summary, params
        ):
            result[person_id] = PersonYear(
                person_id=person_id,
                offered=bool(offered),
                held=bool(held),
                signed=bool(signed),
                follow_up_on=as_date(follow_up),
                last_held_on=as_date(last),
                planned_on=as_date(planned),
            )
        return result

    def feedback_responses(self, year: int) -> list[ResponseRate]:
        """Raters asked and raters who answered, per conversation of `year` that asked any."""
        from pipeline_tui.core.coverage import ResponseRate

        return [
            ResponseRate(
                cid,
                person_id,
                kind,
                as_date(held_on),
                int(asked),
                int(answered),
                str(status),
                bool(revealed),
            )
            for cid, person_id, kind, held_on, asked, answered, status, revealed in self._execute(
                RESPONSES_SQL, self._year(year)
            )
        ]

    def kind_counts(self, year: int) -> list[tuple[int, str, int, int]]:
        """(person, kind, conversations, held) for the conversations of `year`."""
        return [
            (person_id, kind, int(count), int(held or 0))
            for person_id, kind, count, held in self._execute(
                KINDS_SQL, self._year(year) | self._today()
            )
        ]

    def expectation_titles(self, wanted: dict[str, set[str]]) -> dict[str, dict[str, str]]:
        """Expectation id -> its title per language, as the conversations on each layer of
        `wanted` (layer -> ids) were held with it: from their content snapshots, newest
        first. For expectations the content pack no longer has; an id found in none of
        them is left out."""
        found: dict[str, dict[str, str]] = {}
        for layer, ids in sorted(wanted.items()):
            left = set(ids) - set(found)
            for (texts,) in self._execute(LAYER_SNAPSHOTS_SQL, {"layer": layer}):
                if not left:
                    break
                data = json.loads(texts) if isinstance(texts, str | bytes) else texts
                items = data.get("expectations") if isinstance(data, dict) else None
                for item in items if isinstance(items, list) else ():
                    ident = item.get("id") if isinstance(item, dict) else None
                    title = item.get("title") if ident in left else None
                    if isinstance(ident, str) and isinstance(title, dict):
                        found[ident] = {k: v for k, v in title.items() if isinstance(v, str)}
                        left.discard(ident)
        return found

    def rating_aggregates(
        self, year: int, person_ids: Sequence[int] | None = None
    ) -> list[RatingAggregate]:
        """Count, sum and sum of squares of scores, and the people they are of, per
        conversation layer, expectation and rater, over conversations held in `year`
        (optionally only these people)."""
        from pipeline_tui.core.coverage import RatingAggregate

        if person_ids is None:  # everyone: the sums the database keeps
            params = self._year(year) | self._today()
            repeated = {
                (layer, expectation, rater): int(extra)
                for layer, expectation, rater, extra in self._execute(REPEATED_SQL, params)
            }
            ahead = {
                (layer, expectation, rater): (int(n), float(total), float(total_sq))
                for layer, expectation, rater, n, total, total_sq in self._execute(
                    AHEAD_SQL, params
                )
            }
            sums: list[RatingAggregate] = []
            for layer, expectation, rater, n, total, total_sq in self._execute(
                RATING_SUMS_SQL, {"year": year}
            ):
                key = (layer, expectation, rater)
                not_yet, not_yet_total, not_yet_sq = ahead.get(key, (0, 0.0, 0.0))
                held = int(n) - not_yet
                if held <= 0:
                    continue
                sums.append(
                    RatingAggregate(
                        layer,
                        expectation,
                        rater,
                        held,
                        float(total) - not_yet_total,
                        float(total_sq) - not_yet_sq,
                        people=held - repeated.get(key, 0),
                    )
                )
            return sums
        found: list[RatingAggregate] = []
        ids = sorted(set(person_ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            names = [f"p{i}" for i in range(len(chunk))]
            where = f" AND c.person_id IN ({', '.join(':' + n for n in names)})"
            params = {**self._year(year), **self._today(), **dict(zip(names, chunk, strict=True))}
            found.extend(
                RatingAggregate(
                    layer, expectation, rater, n, float(total), float(total_sq), int(people)
                )
                for layer, expectation, rater, n, total, total_sq, people in self._execute(
                    AGGREGATES_SQL.format(people=where), params
                )
            )
        return found


def connect_current(path: Path | None) -> sqlite3.Connection | None:
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    if cut_short(path) is not None:
        return None
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    connection.create_function("lower", 1, unicode_lower, deterministic=True)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        revision = connection.execute(REVISION_SQL).fetchone()
    except sqlite3.Error:
        connection.close()
        return None
    if revision is None or revision[0] != HEAD:
        connection.close()
        return None
    return connection


def sqlite_reader(path: Path | None) -> tuple[Reader, Callable[[], None]] | None:
    """A reader on a local SQLite file at the current schema, read with the stdlib, and its
    close function; None when that does not apply (no file, another revision, not ours)."""
    connection = connect_current(path) if path is not None else None
    if connection is None:
        return None
    return Reader(connection.execute, date.isoformat), connection.close


def sqlalchemy_reader(connection: Any) -> Reader:
    """A reader running the statements on a SQLAlchemy connection (any engine)."""
    from sqlalchemy import text

    return Reader(lambda sql, params: connection.execute(text(sql), params))


__all__ = ["Reader", "sqlalchemy_reader", "sqlite_reader"]
