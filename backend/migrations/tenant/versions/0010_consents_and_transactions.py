"""Consents and transactions

Revision ID: t0010
Revises: t0009
"""

import sqlalchemy as sa
from alembic import op

revision = "t0010"
down_revision = "t0009"
branch_labels = None
depends_on = None

BUILT_IN_PURPOSES = [
    ("email_marketing", "Email marketing", "Newsletters and offers sent by email."),
    ("sms", "SMS", "Offers and reminders sent by text message."),
    ("profiling", "Profiling", "Using activity and purchases to tailor what the person sees."),
]


def upgrade() -> None:
    purposes = op.create_table(
        "consent_purposes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("built_in", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_purposes")),
        sa.UniqueConstraint("key", name=op.f("uq_consent_purposes_key")),
    )
    # Every workspace (new ones too: they run every migration) starts with these.
    op.execute(
        purposes.insert().values(
            [
                {
                    "key": key,
                    "name": name,
                    "description": text,
                    "built_in": True,
                    "created_at": sa.func.now(),
                }
                for key, name, text in BUILT_IN_PURPOSES
            ]
        )
    )
    op.create_table(
        "consent_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("purpose_id", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("proof_text", sa.Text(), nullable=True),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.Column("user_agent", sa.String(length=500), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("actor_user_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_consent_events_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["purpose_id"],
            ["consent_purposes.id"],
            name=op.f("fk_consent_events_purpose_id_consent_purposes"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_events")),
    )
    op.create_index(
        "ix_consent_events_contact_purpose_created",
        "consent_events",
        ["contact_id", "purpose_id", "created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_consent_events_purpose_id"), "consent_events", ["purpose_id"], unique=False
    )
    op.create_table(
        "transactions",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("product", sa.String(length=200), nullable=True),
        sa.Column("price", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("quantity", sa.Integer(), server_default="1", nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("order_id", sa.String(length=100), nullable=True),
        sa.Column("actor_kind", sa.String(length=16), server_default="user", nullable=False),
        sa.Column("actor_user_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity >= 1", name=op.f("ck_transactions_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_transactions_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
    )
    op.create_index(
        "ix_transactions_contact_ordered",
        "transactions",
        ["contact_id", "ordered_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_transactions_order_id",
        "transactions",
        ["order_id"],
        unique=True,
        postgresql_where=sa.text("order_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_transactions_order_id",
        table_name="transactions",
        postgresql_where=sa.text("order_id IS NOT NULL"),
    )
    op.drop_index("ix_transactions_contact_ordered", table_name="transactions")
    op.drop_table("transactions")
    op.drop_index(op.f("ix_consent_events_purpose_id"), table_name="consent_events")
    op.drop_index("ix_consent_events_contact_purpose_created", table_name="consent_events")
    op.drop_table("consent_events")
    op.drop_table("consent_purposes")
