"""agency deliverability limits

Revision ID: p0005
Revises: p0004
"""

import sqlalchemy as sa
from alembic import op

revision = "p0005"
down_revision = "p0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "agencies", sa.Column("bounce_limit", sa.Float(), server_default="5.0", nullable=False)
    )
    op.add_column(
        "agencies", sa.Column("complaint_limit", sa.Float(), server_default="0.1", nullable=False)
    )


def downgrade() -> None:
    op.drop_column("agencies", "complaint_limit")
    op.drop_column("agencies", "bounce_limit")
