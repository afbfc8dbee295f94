"""indexes for the HR overview: conversations by date, ratings covering their scores

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The overview sums a year's ratings: with these the query reads only that
year's conversations and their ratings' index entries, never the whole
rating table (0.31 s -> 0.17 s on 10,000 people with five years of history).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_held_on", ["held_on"], unique=False)
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rating_scores",
            ["conversation_id", "expectation_id", "rater", "score"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.drop_index("ix_rating_scores")
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_held_on")
