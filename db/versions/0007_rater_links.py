"""invitations for raters of a leadership evaluation: the link knows its rater

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

`pipeline-tui invite CONVERSATION --group peer|report|other` gives one rater
of a 360° group a link of their own. The invitation's `party` names the group,
`rater_id` is the opaque rater it answers as (`feedback_rater`; never a name,
never shown), and `finished_at` is when the rater said they were done, after
which the link opens nothing. A preparation link of the person ("self") has
neither. The invitation goes with its rater (cascade).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rater_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            "fk_invitation_rater_id",
            "feedback_rater",
            ["rater_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index("ix_invitation_rater_id", ["rater_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index("ix_invitation_rater_id")
        batch_op.drop_constraint("fk_invitation_rater_id", type_="foreignkey")
        batch_op.drop_column("finished_at")
        batch_op.drop_column("rater_id")
