"""Bulk actions: durable selections and batches

Revision ID: t0015
Revises: t0014
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "t0015"
down_revision = "t0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
