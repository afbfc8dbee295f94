"""readiness for the next layer, a question of its own in a leadership evaluation

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

The rating scale rates performance in the present role; whether the leader is
ready for the next layer is asked on its own (the plan's `readiness`: now, in
a year or two, or not now; empty while not answered) with the reasons in
`readiness_note`. Existing plans get empty values: the question was not asked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("readiness", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("readiness_note", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("readiness_note")
        batch_op.drop_column("readiness")
