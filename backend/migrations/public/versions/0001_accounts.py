"""accounts: users, tokens, agencies, workspaces, memberships

Revision ID: p0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "p0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Used by the trigram search index of every workspace schema.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("time_zone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        schema="public",
    )
    op.create_index(
        "uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True, schema="public"
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("public.users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("last_used_at", TS),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        schema="public",
    )
    op.create_table(
        "agencies",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        schema="public",
    )
    op.create_table(
        "agency_members",
        sa.Column(
            "agency_id",
            sa.BigInteger,
            sa.ForeignKey("public.agencies.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("public.users.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("role IN ('owner', 'admin', 'staff')", name="role"),
        schema="public",
    )
    op.create_table(
        "workspaces",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column(
            "agency_id",
            sa.BigInteger,
            sa.ForeignKey("public.agencies.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("schema_name", sa.String(63), nullable=False, unique=True),
        sa.Column("deleted_at", TS),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        schema="public",
    )
    op.create_table(
        "workspace_members",
        sa.Column(
            "workspace_id",
            sa.BigInteger,
            sa.ForeignKey("public.workspaces.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("public.users.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("all_contacts", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("role IN ('admin', 'member', 'viewer')", name="role"),
        schema="public",
    )


def downgrade() -> None:
    for table in ("workspace_members", "workspaces", "agency_members", "agencies", "api_tokens"):
        op.drop_table(table, schema="public")
    op.drop_table("users", schema="public")
