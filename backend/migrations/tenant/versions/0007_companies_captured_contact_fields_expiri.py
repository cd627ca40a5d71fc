"""Companies; captured contact fields; expiring tags; timeline keyset indexes

Revision ID: t0007
Revises: t0006
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "t0007"
down_revision = "t0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=True),
        sa.Column("industry", sa.String(length=100), nullable=True),
        sa.Column("size", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("custom", postgresql.JSONB(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
    )
    op.create_index(
        "ix_companies_name_lower", "companies", [sa.literal_column("lower(name)")], unique=False
    )
    op.create_index(
        "uq_companies_domain_lower",
        "companies",
        [sa.literal_column("lower(domain)")],
        unique=True,
        postgresql_where=sa.text("domain IS NOT NULL"),
    )
    op.drop_index(op.f("ix_activities_contact_created"), table_name="activities")
    op.create_index(
        "ix_activities_contact_created_id",
        "activities",
        ["contact_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_activities_contact_kind_created_id",
        "activities",
        ["contact_id", "kind", "created_at", "id"],
        unique=False,
    )
    op.add_column(
        "contact_tags", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index(
        "ix_contact_tags_expiring",
        "contact_tags",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("expires_at IS NOT NULL"),
    )
    op.add_column("contacts", sa.Column("company_id", sa.BigInteger(), nullable=True))
    op.add_column("contacts", sa.Column("job_title", sa.String(length=200), nullable=True))
    op.add_column(
        "contacts",
        sa.Column("created_by_kind", sa.String(length=16), server_default="user", nullable=False),
    )
    op.add_column("contacts", sa.Column("created_by_user_id", sa.BigInteger(), nullable=True))
    op.add_column("contacts", sa.Column("source", sa.String(length=200), nullable=True))
    op.add_column(
        "contacts",
        sa.Column(
            "lifetime_value",
            postgresql.JSONB(),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "contacts", sa.Column("order_count", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("contacts", sa.Column("score", sa.Integer(), server_default="0", nullable=False))
    op.add_column(
        "contacts", sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "contacts",
        sa.Column("email_status", sa.String(length=16), server_default="unknown", nullable=False),
    )
    op.create_index(op.f("ix_contacts_company_id"), "contacts", ["company_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_contacts_company_id_companies"),
        "contacts",
        "companies",
        ["company_id"],
        ["id"],
        ondelete="SET NULL",
    )
    # Contacts made before: created by whoever the "created" activity names.
    op.execute(
        """
        UPDATE contacts c SET created_by_kind = a.actor_kind, created_by_user_id = a.actor_user_id,
               last_activity_at =
                   (SELECT max(created_at) FROM activities l WHERE l.contact_id = c.id)
        FROM activities a WHERE a.contact_id = c.id AND a.kind = 'created'
        """
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_contacts_company_id_companies"), "contacts", type_="foreignkey")
    op.drop_index(op.f("ix_contacts_company_id"), table_name="contacts")
    op.drop_column("contacts", "email_status")
    op.drop_column("contacts", "last_activity_at")
    op.drop_column("contacts", "score")
    op.drop_column("contacts", "order_count")
    op.drop_column("contacts", "lifetime_value")
    op.drop_column("contacts", "source")
    op.drop_column("contacts", "created_by_user_id")
    op.drop_column("contacts", "created_by_kind")
    op.drop_column("contacts", "job_title")
    op.drop_column("contacts", "company_id")
    op.drop_index(
        "ix_contact_tags_expiring",
        table_name="contact_tags",
        postgresql_where=sa.text("expires_at IS NOT NULL"),
    )
    op.drop_column("contact_tags", "expires_at")
    op.drop_index("ix_activities_contact_kind_created_id", table_name="activities")
    op.drop_index("ix_activities_contact_created_id", table_name="activities")
    op.create_index(
        op.f("ix_activities_contact_created"),
        "activities",
        ["contact_id", "created_at"],
        unique=False,
    )
    op.drop_index(
        "uq_companies_domain_lower",
        table_name="companies",
        postgresql_where=sa.text("domain IS NOT NULL"),
    )
    op.drop_index("ix_companies_name_lower", table_name="companies")
    op.drop_table("companies")
