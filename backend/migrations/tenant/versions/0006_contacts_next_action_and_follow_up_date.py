"""Contacts: next action and follow-up date

Revision ID: t0006
Revises: t0005
"""

import sqlalchemy as sa
from alembic import op

revision = "t0006"
down_revision = "t0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("next_action", sa.String(length=500), nullable=True))
    op.add_column("contacts", sa.Column("follow_up_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("contacts", "follow_up_at")
    op.drop_column("contacts", "next_action")
