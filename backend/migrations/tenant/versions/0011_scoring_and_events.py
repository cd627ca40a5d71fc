"""Scoring rules, score history, events

Revision ID: t0011
Revises: t0010
"""

import sqlalchemy as sa
from alembic import op

revision = "t0011"
down_revision = "t0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_rules",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("match", sa.String(length=200), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_rules")),
    )
    op.create_table(
        "scoring_settings",
        sa.Column("id", sa.SmallInteger(), nullable=False),
        sa.Column("decay_percent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_settings")),
    )
    op.create_table(
        "score_history",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("rule_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_score_history_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["scoring_rules.id"],
            name=op.f("fk_score_history_rule_id_scoring_rules"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_history")),
    )
    op.create_index(
        "ix_score_history_contact_created_id",
        "score_history",
        ["contact_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_score_history_contact_created_id", table_name="score_history")
    op.drop_table("score_history")
    op.drop_table("scoring_settings")
    op.drop_table("scoring_rules")
