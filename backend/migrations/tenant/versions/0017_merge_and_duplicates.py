"""Merge and duplicates: matching indexes

Revision ID: t0017
Revises: t0016
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "t0017"
down_revision = "t0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
