"""Jobs: label, function and queue, attempts, heartbeat, cancellation

Revision ID: t0003
Revises: t0002
"""

import sqlalchemy as sa
from alembic import op

revision = "t0003"
down_revision = "t0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "jobs", sa.Column("label", sa.String(length=200), server_default="", nullable=False)
    )
    op.add_column(
        "jobs", sa.Column("func", sa.String(length=200), server_default="", nullable=False)
    )
    op.add_column(
        "jobs", sa.Column("queue", sa.String(length=20), server_default="default", nullable=False)
    )
    op.add_column("jobs", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("jobs", sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "jobs", sa.Column("cancel_requested_at", sa.DateTime(timezone=True), nullable=True)
    )
    # Records from before: people read the kind until they end.
    op.execute("UPDATE jobs SET label = initcap(replace(kind, '_', ' ')) WHERE label = ''")


def downgrade() -> None:
    op.drop_column("jobs", "cancel_requested_at")
    op.drop_column("jobs", "heartbeat_at")
    op.drop_column("jobs", "attempts")
    op.drop_column("jobs", "queue")
    op.drop_column("jobs", "func")
    op.drop_column("jobs", "label")
