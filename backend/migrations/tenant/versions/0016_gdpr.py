"""GDPR: suppressions, audit log, tracking disabled

Revision ID: t0016
Revises: t0015
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "t0016"
down_revision = "t0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
