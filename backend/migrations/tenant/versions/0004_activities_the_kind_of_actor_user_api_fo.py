"""Activities: the kind of actor (user, API, form, import, job)

Revision ID: t0004
Revises: t0003
"""

import sqlalchemy as sa
from alembic import op

revision = "t0004"
down_revision = "t0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "activities",
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("activities", "actor_kind")
