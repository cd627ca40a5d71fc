"""Merge and duplicates: matching indexes

Revision ID: t0017
Revises: t0016
"""

import sqlalchemy as sa
from alembic import op

revision = "t0017"
down_revision = "t0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The duplicate finder matches on these (contacts/models.py says why).
    op.create_index(
        "ix_contacts_live_phone",
        "contacts",
        ["phone"],
        postgresql_where=sa.text("deleted_at IS NULL AND phone IS NOT NULL"),
    )
    op.create_index(
        "ix_contacts_live_name_company",
        "contacts",
        [
            sa.text("lower(first_name)"),
            sa.text("lower(last_name)"),
            "company_id",
        ],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_live_name_company", table_name="contacts")
    op.drop_index("ix_contacts_live_phone", table_name="contacts")
