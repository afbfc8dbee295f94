"""rater groups of a leadership evaluation (360°): who was asked, and their answers

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

A leadership evaluation can ask peers, direct reports and others named by the
pack besides the leader and their manager. `feedback_rater` is one rater asked
(through an invitation, or imported from a survey tool): their group, a keyed
hash of the id they came with (never the id itself), when they were asked and
when they answered. `feedback_answer` is one rater's answer to one
expectation: a score or not observed, and an optional comment. Both go with
the conversation (cascade), so erasing the leader erases them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_rater",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("rater_group", sa.String(length=10), nullable=False),
        sa.Column("rater_key", sa.String(length=64), nullable=False),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "rater_key", name="uq_feedback_rater_key"),
    )
    with op.batch_alter_table("feedback_rater", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_rater_conversation_id", ["conversation_id"], unique=False
        )
    op.create_table(
        "feedback_answer",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rater_id", sa.Integer(), nullable=False),
        sa.Column("expectation_id", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("not_observed", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["rater_id"], ["feedback_rater.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rater_id", "expectation_id", name="uq_feedback_answer_rater"),
    )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_answer_rater_id", ["rater_id"], unique=False)


def downgrade() -> None:
    op.drop_table("feedback_answer")
    op.drop_table("feedback_rater")
