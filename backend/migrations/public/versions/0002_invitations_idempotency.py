"""invitations that wait for consent, unique workspace names, idempotency keys

Revision ID: p0002
Revises: p0001
"""

import sqlalchemy as sa
from alembic import op

revision = "p0002"
down_revision = "p0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
MEMBERSHIPS = ("workspace_members", "agency_members")


def upgrade() -> None:
    # One id space for every pending invitation, so GET /me/invitations can list both kinds.
    op.execute("CREATE SEQUENCE public.invitation_ids")
    for table in MEMBERSHIPS:
        op.add_column(
            table,
            sa.Column(
                "invitation_id",
                sa.BigInteger,
                nullable=False,
                server_default=sa.text("nextval('public.invitation_ids')"),
            ),
            schema="public",
        )
        op.create_unique_constraint(
            f"uq_{table}_invitation_id", table, ["invitation_id"], schema="public"
        )
        op.add_column(table, sa.Column("accepted_at", TS), schema="public")
        op.add_column(
            table,
            sa.Column(
                "invited_by", sa.BigInteger, sa.ForeignKey("public.users.id", ondelete="SET NULL")
            ),
            schema="public",
        )
        op.add_column(table, sa.Column("invitation_failed_at", TS), schema="public")
        # Everyone already in had access: their membership counts as accepted.
        op.execute(f"UPDATE public.{table} SET accepted_at = created_at")

    # Duplicate names within an agency are refused from now on; older ones get their id.
    op.execute(
        """
        UPDATE public.workspaces w SET name = left(w.name, 180) || ' (' || w.id || ')'
        WHERE w.deleted_at IS NULL AND EXISTS (
            SELECT 1 FROM public.workspaces o
            WHERE o.agency_id = w.agency_id AND o.deleted_at IS NULL AND o.id < w.id
              AND lower(btrim(o.name)) = lower(btrim(w.name)))
        """
    )
    op.create_index(
        "uq_workspaces_agency_name",
        "workspaces",
        ["agency_id", sa.text("lower(btrim(name))")],
        unique=True,
        schema="public",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )

    op.create_table(
        "idempotency_keys",
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("public.users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.SmallInteger),
        sa.Column("body", sa.LargeBinary),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        schema="public",
    )
    op.create_index(
        "ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"], schema="public"
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys", schema="public")
    op.drop_index("uq_workspaces_agency_name", table_name="workspaces", schema="public")
    for table in MEMBERSHIPS:
        for column in ("invitation_failed_at", "invited_by", "accepted_at", "invitation_id"):
            op.drop_column(table, column, schema="public")
    op.execute("DROP SEQUENCE public.invitation_ids")
