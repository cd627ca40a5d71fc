"""Files on a contact

Revision ID: t0012
Revises: t0011
"""

import sqlalchemy as sa
from alembic import op

revision = "t0012"
down_revision = "t0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_files",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("uploaded_by_user_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_files_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_files")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_contact_files_storage_key")),
    )
    op.create_index(
        "ix_contact_files_contact_created",
        "contact_files",
        ["contact_id", "created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_contact_files_contact_created", table_name="contact_files")
    op.drop_table("contact_files")
