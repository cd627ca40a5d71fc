"""List hygiene: runs, their changes and duplicate groups, the schedule per workspace

Revision ID: t0019
Revises: t0018
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "t0019"
down_revision = "t0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hygiene_runs",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("scope", postgresql.JSONB(), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("job_id", sa.String(length=36), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("checked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("changed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("by_status", postgresql.JSONB(), nullable=False),
        sa.Column("by_reason", postgresql.JSONB(), nullable=False),
        sa.Column("cursor", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("duplicates_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hygiene_runs")),
    )
    op.create_index("ix_hygiene_runs_created_id", "hygiene_runs", ["created_at", "id"])
    op.create_table(
        "hygiene_changes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("old_status", sa.String(length=16), nullable=False),
        sa.Column("new_status", sa.String(length=16), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_hygiene_changes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["hygiene_runs.id"],
            name=op.f("fk_hygiene_changes_run_id_hygiene_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hygiene_changes")),
    )
    op.create_index(
        op.f("ix_hygiene_changes_contact_id"), "hygiene_changes", ["contact_id"], unique=False
    )
    op.create_index(
        "ix_hygiene_changes_run_status_id", "hygiene_changes", ["run_id", "new_status", "id"]
    )
    op.create_table(
        "hygiene_duplicates",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("contact_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["hygiene_runs.id"],
            name=op.f("fk_hygiene_duplicates_run_id_hygiene_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hygiene_duplicates")),
    )
    op.create_index(
        "ix_hygiene_duplicates_run_kind_id", "hygiene_duplicates", ["run_id", "kind", "id"]
    )
    op.create_table(
        "hygiene_settings",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("schedule", sa.String(length=16), server_default="weekly", nullable=False),
        sa.Column("last_scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hygiene_settings")),
    )


def downgrade() -> None:
    op.drop_table("hygiene_settings")
    op.drop_index("ix_hygiene_duplicates_run_kind_id", table_name="hygiene_duplicates")
    op.drop_table("hygiene_duplicates")
    op.drop_index("ix_hygiene_changes_run_status_id", table_name="hygiene_changes")
    op.drop_index(op.f("ix_hygiene_changes_contact_id"), table_name="hygiene_changes")
    op.drop_table("hygiene_changes")
    op.drop_index("ix_hygiene_runs_created_id", table_name="hygiene_runs")
    op.drop_table("hygiene_runs")
