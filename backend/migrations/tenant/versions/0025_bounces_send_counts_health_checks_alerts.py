"""bounces send counts health checks alerts

Revision ID: t0025
Revises: t0024
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "t0025"
down_revision = "t0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deliverability_alerts",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=253), nullable=False),
        sa.Column("message", sa.String(length=1000), nullable=False),
        sa.Column("data", postgresql.JSONB(), nullable=False),
        sa.Column("pauses", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.BigInteger(), nullable=True),
        sa.Column("resolution", sa.String(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverability_alerts")),
    )
    op.create_index(
        "ix_deliverability_alerts_created_at", "deliverability_alerts", ["created_at"], unique=False
    )
    op.create_index(
        "uq_deliverability_alerts_open_pause",
        "deliverability_alerts",
        ["pauses"],
        unique=True,
        postgresql_where=sa.text("pauses AND resolved_at IS NULL"),
    )
    op.create_table(
        "health_checks",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("domain_id", sa.BigInteger(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("authentication", postgresql.JSONB(), nullable=False),
        sa.Column("blocklists", postgresql.JSONB(), nullable=False),
        sa.Column("reverse_dns", postgresql.JSONB(), nullable=False),
        sa.Column("rates", postgresql.JSONB(), nullable=False),
        sa.Column("penalties", postgresql.JSONB(), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_id"],
            ["sending_domains.id"],
            name=op.f("fk_health_checks_domain_id_sending_domains"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_checks")),
    )
    op.create_index(
        "ix_health_checks_domain_at", "health_checks", ["domain_id", "at"], unique=False
    )
    op.create_table(
        "send_counts",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("minute", sa.DateTime(timezone=True), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_send_counts_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_counts")),
        sa.UniqueConstraint(
            "minute", "campaign_id", name=op.f("uq_send_counts_minute_campaign_id")
        ),
    )
    op.create_index(
        op.f("ix_send_counts_campaign_id"), "send_counts", ["campaign_id"], unique=False
    )
    op.create_table(
        "bounces",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_bounces_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_bounces_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["campaign_messages.id"],
            name=op.f("fk_bounces_message_id_campaign_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bounces")),
    )
    op.create_index("ix_bounces_at", "bounces", ["at"], unique=False)
    op.create_index(op.f("ix_bounces_campaign_id"), "bounces", ["campaign_id"], unique=False)
    op.create_index("ix_bounces_contact_id", "bounces", ["contact_id"], unique=False)
    op.create_index(op.f("ix_bounces_message_id"), "bounces", ["message_id"], unique=False)
    op.create_index("ix_bounces_sent_at", "bounces", ["sent_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_bounces_sent_at", table_name="bounces")
    op.drop_index(op.f("ix_bounces_message_id"), table_name="bounces")
    op.drop_index("ix_bounces_contact_id", table_name="bounces")
    op.drop_index(op.f("ix_bounces_campaign_id"), table_name="bounces")
    op.drop_index("ix_bounces_at", table_name="bounces")
    op.drop_table("bounces")
    op.drop_index(op.f("ix_send_counts_campaign_id"), table_name="send_counts")
    op.drop_table("send_counts")
    op.drop_index("ix_health_checks_domain_at", table_name="health_checks")
    op.drop_table("health_checks")
    op.drop_index(
        "uq_deliverability_alerts_open_pause",
        table_name="deliverability_alerts",
        postgresql_where=sa.text("pauses AND resolved_at IS NULL"),
    )
    op.drop_index("ix_deliverability_alerts_created_at", table_name="deliverability_alerts")
    op.drop_table("deliverability_alerts")
