"""preparation links: one row per invitation, its secret kept only as a hash

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

`pipeline-tui invite` gives the party of a conversation a link to prepare
alone in a browser (`pipeline-tui serve`). The link's secret is never
stored: only its SHA-256, with who prepares (`party`), when the link stops
working and whether it was revoked. The rows go with their conversation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index("ix_invitation_conversation_id", ["conversation_id"], unique=False)


def downgrade() -> None:
    op.drop_table("invitation")
