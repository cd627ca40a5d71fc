"""Activity counts per contact, kind and 15 minutes (the histogram)

Revision ID: t0014
Revises: t0013
"""

import sqlalchemy as sa
from alembic import op

revision = "t0014"
down_revision = "t0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_counts",
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("bucket", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_activity_counts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "kind", "bucket", name=op.f("pk_activity_counts")),
    )
    op.execute(
        """
        INSERT INTO activity_counts (contact_id, kind, bucket, count)
        SELECT contact_id, kind, date_bin('15 minutes', created_at, 'epoch'::timestamptz),
               count(*)
        FROM activities GROUP BY 1, 2, 3
        """
    )


def downgrade() -> None:
    op.drop_table("activity_counts")
