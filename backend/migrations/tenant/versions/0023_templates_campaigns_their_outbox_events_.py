"""templates, campaigns, their outbox, events and senders

Revision ID: t0023
Revises: t0022
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "t0023"
down_revision = "t0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "email_templates",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_templates")),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("template_id", sa.BigInteger(), nullable=True),
        sa.Column("list_ids", postgresql.JSONB(), nullable=False),
        sa.Column("segment_ids", postgresql.JSONB(), nullable=False),
        sa.Column("exclude_segment_ids", postgresql.JSONB(), nullable=False),
        sa.Column("from_email", sa.String(length=254), nullable=False),
        sa.Column("from_name", sa.String(length=200), nullable=True),
        sa.Column("reply_to", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="draft", nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("throttle_per_minute", sa.Integer(), nullable=True),
        sa.Column("track_opens", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("track_clicks", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("ab", postgresql.JSONB(), nullable=True),
        sa.Column("winner", sa.String(length=1), nullable=True),
        sa.Column("ab_decide_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("sent_by", sa.BigInteger(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_note", sa.String(length=500), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["email_templates.id"],
            name=op.f("fk_campaigns_template_id_email_templates"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index(
        "ix_campaigns_status_scheduled", "campaigns", ["status", "scheduled_at"], unique=False
    )
    op.create_table(
        "campaign_messages",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("version", sa.String(length=1), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=36), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("open_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("clicked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("click_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("complained_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_messages_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_campaign_messages_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_messages")),
        sa.UniqueConstraint(
            "campaign_id", "contact_id", name=op.f("uq_campaign_messages_campaign_id_contact_id")
        ),
        postgresql_with={"fillfactor": 50},
    )
    op.create_index(
        "ix_campaign_messages_campaign_id_id",
        "campaign_messages",
        ["campaign_id", "id"],
        unique=False,
    )
    op.create_index(
        "ix_campaign_messages_contact_created",
        "campaign_messages",
        ["contact_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "campaign_senders",
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_senders_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_campaign_senders")),
    )
    op.create_index(
        op.f("ix_campaign_senders_campaign_id"), "campaign_senders", ["campaign_id"], unique=False
    )
    op.create_table(
        "message_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("campaign_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_message_events_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_message_events_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["campaign_messages.id"],
            name=op.f("fk_message_events_message_id_campaign_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_events")),
    )
    op.create_index(
        "ix_message_events_campaign_kind_at",
        "message_events",
        ["campaign_id", "kind", "at"],
        unique=False,
    )
    op.create_index(
        "ix_message_events_contact_at", "message_events", ["contact_id", "at"], unique=False
    )
    op.create_index(
        op.f("ix_message_events_message_id"), "message_events", ["message_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_message_events_message_id"), table_name="message_events")
    op.drop_index("ix_message_events_contact_at", table_name="message_events")
    op.drop_index("ix_message_events_campaign_kind_at", table_name="message_events")
    op.drop_table("message_events")
    op.drop_index(op.f("ix_campaign_senders_campaign_id"), table_name="campaign_senders")
    op.drop_table("campaign_senders")
    op.drop_index("ix_campaign_messages_campaign_id_id", table_name="campaign_messages")
    op.drop_index("ix_campaign_messages_contact_created", table_name="campaign_messages")
    op.drop_table("campaign_messages")
    op.drop_index("ix_campaigns_status_scheduled", table_name="campaigns")
    op.drop_table("campaigns")
    op.drop_table("email_templates")
