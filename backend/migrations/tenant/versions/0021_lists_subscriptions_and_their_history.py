"""lists, subscriptions and their history

Revision ID: t0021
Revises: t0020
"""

import sqlalchemy as sa
from alembic import op

revision = "t0021"
down_revision = "t0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lists",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("double_opt_in", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("public", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("form_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lists")),
    )
    op.create_table(
        "subscription_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("list_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("proof_text", sa.Text(), nullable=True),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.Column("user_agent", sa.String(length=500), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("actor_user_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_subscription_events_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["lists.id"],
            name=op.f("fk_subscription_events_list_id_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription_events")),
    )
    op.create_index(
        "ix_subscription_events_contact_created",
        "subscription_events",
        ["contact_id", "created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_subscription_events_list_id"), "subscription_events", ["list_id"], unique=False
    )
    op.create_table(
        "subscriptions",
        sa.Column("list_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("subscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_subscriptions_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["lists.id"],
            name=op.f("fk_subscriptions_list_id_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("list_id", "contact_id", name=op.f("pk_subscriptions")),
    )
    op.create_index(
        "ix_subscriptions_contact_status", "subscriptions", ["contact_id", "status"], unique=False
    )
    op.create_index(
        "ix_subscriptions_list_status",
        "subscriptions",
        ["list_id", "status", "contact_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_subscriptions_list_status", table_name="subscriptions")
    op.drop_index("ix_subscriptions_contact_status", table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_index(op.f("ix_subscription_events_list_id"), table_name="subscription_events")
    op.drop_index("ix_subscription_events_contact_created", table_name="subscription_events")
    op.drop_table("subscription_events")
    op.drop_table("lists")
