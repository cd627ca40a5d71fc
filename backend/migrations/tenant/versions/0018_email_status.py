"""Email status with its reason and check time; "unknown" becomes "unverified"

Revision ID: t0018
Revises: t0017
"""

import sqlalchemy as sa
from alembic import op

revision = "t0018"
down_revision = "t0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("email_status_reason", sa.String(200), nullable=True))
    op.add_column(
        "contacts", sa.Column("email_checked_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.alter_column("contacts", "email_status", server_default="unverified")
    op.execute("UPDATE contacts SET email_status = 'unverified' WHERE email_status = 'unknown'")
    op.create_index(
        "ix_contacts_live_email_status",
        "contacts",
        ["email_status"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_live_email_status", table_name="contacts")
    op.execute("UPDATE contacts SET email_status = 'unknown' WHERE email_status = 'unverified'")
    op.alter_column("contacts", "email_status", server_default="unknown")
    op.drop_column("contacts", "email_checked_at")
    op.drop_column("contacts", "email_status_reason")
