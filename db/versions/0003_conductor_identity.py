"""who conducted a conversation as a person reference; what an erasure removed, by id

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

Erasure works by identity, not by text: a conversation's conductor is the
person `conductor_id` points at whenever that person is in the database, and
`conducted_by` (the name shown) is free text only for outsiders. Databases
written before this kept the typed name and a reference that could disagree
with it (the setup step changed the name, not the reference), so this
migration makes them agree: the reference stays where it names the person
typed, else it is the one person whose name or email is exactly the text, else
(an outsider, or several people of that name) none. The typed text is kept.

It also indexes the references an erasure follows (who conducted, which goal
was carried from or reviewed in which conversation), so erasing one person
does not scan those tables, and gives each erasure record the ids it removed,
so a session still open on them can be told they were erased. And it keeps a
list of the copies the program made (backups, exports, printed plans), so an
erasure can name the older copies that may still hold the person.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_conductor_id", ["conductor_id"], unique=False)
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index("ix_goal_reviewed_in_id", ["reviewed_in_id"], unique=False)
        batch_op.create_index("ix_goal_carried_from_id", ["carried_from_id"], unique=False)
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("erased_ids", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    op.create_table(
        "copy_made",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("path", sa.String(length=4096), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("copy_made", schema=None) as batch_op:
        batch_op.create_index("ix_copy_made_person_id", ["person_id"], unique=False)
    reconcile_conductors(op.get_bind())


def reconcile_conductors(connection: sa.Connection) -> None:
    """Point each conversation's conductor reference at the person its name is, if one is."""
    people = connection.execute(sa.text("SELECT id, name, email FROM person")).all()
    by_name: dict[str, list[int]] = {}
    names: dict[int, str] = {}
    for person_id, name, email in people:
        names[person_id] = name.strip().casefold()
        by_name.setdefault(name.strip().casefold(), []).append(person_id)
        if email:
            by_name.setdefault(email.strip().casefold(), []).append(person_id)
    rows = connection.execute(
        sa.text("SELECT id, conducted_by, conductor_id FROM conversation")
    ).all()
    for conversation_id, text, current in rows:
        typed = (text or "").strip().casefold()
        if current is not None and names.get(current) == typed:
            continue
        matches = set(by_name.get(typed, [])) if typed else set()
        wanted = next(iter(matches)) if len(matches) == 1 else None
        if wanted != current:
            connection.execute(
                sa.text("UPDATE conversation SET conductor_id = :wanted WHERE id = :id"),
                {"wanted": wanted, "id": conversation_id},
            )


def downgrade() -> None:
    op.drop_table("copy_made")
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.drop_column("erased_ids")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_carried_from_id")
        batch_op.drop_index("ix_goal_reviewed_in_id")
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_conductor_id")
