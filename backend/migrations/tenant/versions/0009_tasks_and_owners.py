"""Tasks and contact owners

Revision ID: t0009
Revises: t0008
"""

import sqlalchemy as sa
from alembic import op

revision = "t0009"
down_revision = "t0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assignee_id", sa.BigInteger(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_user_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_tasks_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_index(
        "ix_tasks_assignee_open_due",
        "tasks",
        ["assignee_id", "due_at"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
    )
    op.create_index(
        "ix_tasks_assignee_done",
        "tasks",
        ["assignee_id", "done_at"],
        unique=False,
        postgresql_where=sa.text("done_at IS NOT NULL"),
    )
    op.create_index(
        "ix_tasks_contact_done_due",
        "tasks",
        ["contact_id", "done_at", "due_at"],
        unique=False,
    )
    op.create_table(
        "contact_owners",
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_owners_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "user_id", name=op.f("pk_contact_owners")),
    )
    op.create_index(op.f("ix_contact_owners_user_id"), "contact_owners", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_contact_owners_user_id"), table_name="contact_owners")
    op.drop_table("contact_owners")
    op.drop_index("ix_tasks_contact_done_due", table_name="tasks")
    op.drop_index("ix_tasks_assignee_done", table_name="tasks")
    op.drop_index("ix_tasks_assignee_open_due", table_name="tasks")
    op.drop_table("tasks")
