"""Notes on a contact

Revision ID: t0005
Revises: t0004
"""

import sqlalchemy as sa
from alembic import op

revision = "t0005"
down_revision = "t0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_notes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index(
        "ix_notes_contact_pinned_created",
        "notes",
        ["contact_id", "pinned", "created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_notes_contact_pinned_created", table_name="notes")
    op.drop_table("notes")
