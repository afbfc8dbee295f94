"""the year's rating sums, kept by the database: HR's overview reads them, not the ratings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

HR's overview sums a year's held ratings per (conversation layer, expectation,
rater): one GROUP BY over ~200,000 ratings at 10,000 people, 0.25-0.37 s,
mostly SQLite sorting them. `rating_sum` keeps those sums per year (count,
sum and sum of squares of the scores), and triggers keep it right on every
write, whichever path makes it (the app's autosave, import, erasure, the demo
and benchmark loaders, a hand-written statement):

- a rating inserted, changed (score, expectation, rater, conversation) or
  deleted adds or takes back its score, when its conversation is held
  (in progress, completed or signed);
- a conversation whose date, status or layer changes moves its ratings'
  scores from the old (year, layer) to the new one, or adds or takes them back
  as it becomes held or not;
- a conversation about to be deleted (by hand, or as its person is erased)
  deletes its ratings first, so their scores are taken back while the
  conversation still says where they were counted.

A row whose count comes back to 0 is deleted: after an erasure the sums are
exactly those of the ratings that remain, with no trace of the erased
person's. The table is derived data: not exported, filled from the ratings
here and by the triggers on import. SQLite and PostgreSQL each get their own
triggers (PostgreSQL's run plpgsql functions).

Also for the overview: an index of the conversations by (person, held on, status,
kind), from which the per-person figures of the year are read without reading the
conversations themselves (`store.queries.SUMMARY_SQL`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_HELD = "IN ('in_progress', 'completed', 'signed')"
_KEY = "expectation_id, rater, year, layer"
_ADDED = (
    f"ON CONFLICT ({_KEY}) DO UPDATE SET n = rating_sum.n + excluded.n, "
    "total = rating_sum.total + excluded.total, total_sq = rating_sum.total_sq + excluded.total_sq"
)


def _year(column: str, dialect: str) -> str:
    if dialect == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(substr({column}, 1, 4) AS INTEGER)"  # an ISO date: YYYY-MM-DD


def _fill(dialect: str) -> str:
    return (
        f"INSERT INTO rating_sum ({_KEY}, n, total, total_sq) "
        f"SELECT r.expectation_id, r.rater, {_year('c.held_on', dialect)}, c.layer, "
        "COUNT(r.score), SUM(r.score), SUM(r.score * r.score) "
        "FROM conversation c JOIN rating r ON r.conversation_id = c.id "
        f"WHERE c.status {_HELD} AND r.score IS NOT NULL "
        f"GROUP BY r.expectation_id, r.rater, {_year('c.held_on', dialect)}, c.layer"
    )


def _add_rating(row: str, dialect: str) -> str:
    """Add the rating `row` (NEW) to the sums when its conversation is held."""
    return (
        f"INSERT INTO rating_sum ({_KEY}, n, total, total_sq) "
        f"SELECT {row}.expectation_id, {row}.rater, {_year('c.held_on', dialect)}, c.layer, "
        f"1, {row}.score, {row}.score * {row}.score "
        f"FROM conversation c WHERE c.id = {row}.conversation_id AND c.status {_HELD} "
        f"AND {row}.score IS NOT NULL {_ADDED};"
    )


def _take_rating(row: str, dialect: str) -> str:
    """Take the rating `row` (OLD) back from the sums, and drop a group left empty."""
    return (
        f"UPDATE rating_sum SET n = n - 1, total = total - {row}.score, "
        f"total_sq = total_sq - {row}.score * {row}.score "
        f"WHERE {row}.score IS NOT NULL AND expectation_id = {row}.expectation_id "
        f"AND rater = {row}.rater AND EXISTS (SELECT 1 FROM conversation c "
        f"WHERE c.id = {row}.conversation_id AND c.status {_HELD} "
        f"AND {_year('c.held_on', dialect)} = rating_sum.year AND c.layer = rating_sum.layer);"
        f"\nDELETE FROM rating_sum WHERE n = 0 AND expectation_id = {row}.expectation_id "
        f"AND rater = {row}.rater;"
    )


def _take_conversation(row: str, dialect: str) -> str:
    """Take back every rating of the conversation `row` (OLD) as it was counted."""

    def of(value: str) -> str:
        return (
            f"(SELECT {value} FROM rating r WHERE r.conversation_id = {row}.id "
            "AND r.expectation_id = rating_sum.expectation_id AND r.rater = rating_sum.rater)"
        )

    return (
        f"UPDATE rating_sum SET n = n - {of('COUNT(r.score)')}, "
        f"total = total - {of('COALESCE(SUM(r.score), 0)')}, "
        f"total_sq = total_sq - {of('COALESCE(SUM(r.score * r.score), 0)')} "
        f"WHERE {row}.status {_HELD} AND year = {_year(f'{row}.held_on', dialect)} "
        f"AND layer = {row}.layer AND EXISTS (SELECT 1 FROM rating r "
        f"WHERE r.conversation_id = {row}.id AND r.expectation_id = rating_sum.expectation_id "
        "AND r.rater = rating_sum.rater AND r.score IS NOT NULL);"
    )


def _add_conversation(row: str, dialect: str) -> str:
    """Add every rating of the conversation `row` (NEW) when it is held."""
    return (
        f"INSERT INTO rating_sum ({_KEY}, n, total, total_sq) "
        f"SELECT r.expectation_id, r.rater, {_year(f'{row}.held_on', dialect)}, {row}.layer, "
        "COUNT(r.score), SUM(r.score), SUM(r.score * r.score) "
        f"FROM rating r WHERE r.conversation_id = {row}.id AND r.score IS NOT NULL "
        f"AND {row}.status {_HELD} GROUP BY r.expectation_id, r.rater {_ADDED};"
        "\nDELETE FROM rating_sum WHERE n = 0;"
    )


_RATING_CHANGED = (
    "OLD.score IS NOT NEW.score OR OLD.expectation_id IS NOT NEW.expectation_id "
    "OR OLD.rater IS NOT NEW.rater OR OLD.conversation_id IS NOT NEW.conversation_id"
)
_CONVERSATION_CHANGED = (
    "OLD.held_on IS NOT NEW.held_on OR OLD.status IS NOT NEW.status OR OLD.layer IS NOT NEW.layer"
)


def _sqlite_triggers() -> list[str]:
    def trigger(name: str, event: str, body: str, when: str = "") -> str:
        condition = f" WHEN {when}" if when else ""
        return f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} BEGIN\n{body}\nEND"

    d = "sqlite"
    return [
        trigger("rating_sum_insert", "AFTER INSERT ON rating", _add_rating("NEW", d)),
        trigger("rating_sum_delete", "AFTER DELETE ON rating", _take_rating("OLD", d)),
        trigger(
            "rating_sum_update",
            "AFTER UPDATE OF score, expectation_id, rater, conversation_id ON rating",
            _take_rating("OLD", d) + "\n" + _add_rating("NEW", d),
            _RATING_CHANGED,
        ),
        trigger(
            "rating_sum_conversation_update",
            "AFTER UPDATE OF held_on, status, layer ON conversation",
            _take_conversation("OLD", d) + "\n" + _add_conversation("NEW", d),
            _CONVERSATION_CHANGED,
        ),
        trigger(
            "rating_sum_conversation_delete",
            "BEFORE DELETE ON conversation",
            "DELETE FROM rating WHERE conversation_id = OLD.id;",
        ),
    ]


def _postgresql_triggers() -> list[str]:
    d = "postgresql"

    def function(name: str, body: str, result: str = "NULL") -> str:
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{body}\nRETURN {result};\nEND\n$$"
        )

    changed = _RATING_CHANGED.replace("IS NOT", "IS DISTINCT FROM")
    moved = _CONVERSATION_CHANGED.replace("IS NOT", "IS DISTINCT FROM")
    return [
        function(
            "rating_sum_rating",
            "IF TG_OP IN ('DELETE', 'UPDATE') THEN\n"
            + _take_rating("OLD", d)
            + "\nEND IF;\nIF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
            + _add_rating("NEW", d)
            + "\nEND IF;",
        ),
        function(
            "rating_sum_conversation",
            _take_conversation("OLD", d) + "\n" + _add_conversation("NEW", d),
        ),
        function(
            "rating_sum_conversation_delete",
            "DELETE FROM rating WHERE conversation_id = OLD.id;",
            "OLD",
        ),
        "CREATE TRIGGER rating_sum_insert AFTER INSERT ON rating "
        "FOR EACH ROW EXECUTE FUNCTION rating_sum_rating()",
        "CREATE TRIGGER rating_sum_delete AFTER DELETE ON rating "
        "FOR EACH ROW EXECUTE FUNCTION rating_sum_rating()",
        "CREATE TRIGGER rating_sum_update "
        "AFTER UPDATE OF score, expectation_id, rater, conversation_id ON rating "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION rating_sum_rating()",
        "CREATE TRIGGER rating_sum_conversation_update "
        "AFTER UPDATE OF held_on, status, layer ON conversation "
        f"FOR EACH ROW WHEN ({moved}) EXECUTE FUNCTION rating_sum_conversation()",
        "CREATE TRIGGER rating_sum_conversation_delete BEFORE DELETE ON conversation "
        "FOR EACH ROW EXECUTE FUNCTION rating_sum_conversation_delete()",
    ]


_TRIGGERS = (
    ("rating_sum_insert", "rating"),
    ("rating_sum_delete", "rating"),
    ("rating_sum_update", "rating"),
    ("rating_sum_conversation_update", "conversation"),
    ("rating_sum_conversation_delete", "conversation"),
)
_FUNCTIONS = ("rating_sum_rating", "rating_sum_conversation", "rating_sum_conversation_delete")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "rating_sum",
        sa.Column("expectation_id", sa.String(length=64), nullable=False),
        sa.Column("rater", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("layer", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("total_sq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("expectation_id", "rater", "year", "layer"),
    )
    op.execute(_fill(dialect))
    op.create_index(
        "ix_conversation_person_summary",
        "conversation",
        ["person_id", "held_on", "status", "kind"],
        unique=False,
    )
    for statement in _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table in _TRIGGERS:
        op.execute(
            f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if dialect == "postgresql" else "")
        )
    if dialect == "postgresql":
        for name in _FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("rating_sum")
    op.drop_index("ix_conversation_person_summary", table_name="conversation")
