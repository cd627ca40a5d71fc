"""contacts, classes, grants, tags, custom fields, activities, jobs

Revision ID: t0001
Revises:

Runs with search_path set to the workspace schema: tables are created unqualified.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def created_at() -> sa.Column:
    return sa.Column("created_at", TS, nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "contact_classes",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("color", sa.String(16), nullable=False, server_default="gray"),
        created_at(),
    )
    op.create_index(
        "uq_contact_classes_name_lower", "contact_classes", [sa.text("lower(name)")], unique=True
    )
    op.create_table(
        "class_grants",
        sa.Column("user_id", sa.BigInteger, primary_key=True),
        sa.Column(
            "contact_class_id",
            sa.BigInteger,
            sa.ForeignKey("contact_classes.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("email", sa.String(254)),
        sa.Column("first_name", sa.String(100)),
        sa.Column("last_name", sa.String(100)),
        sa.Column("phone", sa.String(40)),
        sa.Column("company", sa.String(200)),
        sa.Column("time_zone", sa.String(64)),
        sa.Column(
            "contact_class_id",
            sa.BigInteger,
            sa.ForeignKey("contact_classes.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("custom", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        created_at(),
        sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("deleted_at", TS),
        sa.Column(
            "search_text",
            sa.Text,
            sa.Computed(
                "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
                "coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || "
                "coalesce(company, ''))",
                persisted=True,
            ),
        ),
        sa.CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="email_or_phone"),
    )
    op.create_index(
        "uq_contacts_email_lower",
        "contacts",
        [sa.text("lower(email)")],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL AND email IS NOT NULL"),
    )
    op.execute(
        "CREATE INDEX ix_contacts_search_trgm ON contacts "
        "USING gin (search_text public.gin_trgm_ops)"
    )
    live = sa.text("deleted_at IS NULL")
    op.create_index(
        "ix_contacts_live_created", "contacts", ["created_at", "id"], postgresql_where=live
    )
    op.create_index(
        "ix_contacts_live_class_created",
        "contacts",
        ["contact_class_id", "created_at", "id"],
        postgresql_where=live,
    )
    # for the foreign key: deleting a class checks for (any) contacts in it
    op.create_index("ix_contacts_class", "contacts", ["contact_class_id"])
    op.create_table(
        "tags",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("color", sa.String(16), nullable=False, server_default="blue"),
        created_at(),
    )
    op.create_index("uq_tags_name_lower", "tags", [sa.text("lower(name)")], unique=True)
    op.create_table(
        "contact_tags",
        sa.Column(
            "contact_id",
            sa.BigInteger,
            sa.ForeignKey("contacts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id",
            sa.BigInteger,
            sa.ForeignKey("tags.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        created_at(),
    )
    op.create_table(
        "custom_fields",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("choices", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        created_at(),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column(
            "contact_id",
            sa.BigInteger,
            sa.ForeignKey("contacts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("data", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("actor_user_id", sa.BigInteger),
        created_at(),
    )
    op.create_index("ix_activities_contact_created", "activities", ["contact_id", "created_at"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="queued", index=True),
        sa.Column("done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("total", sa.Integer),
        sa.Column("params", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("result", JSONB),
        sa.Column("error", sa.Text),
        sa.Column("created_by", sa.BigInteger),
        created_at(),
        sa.Column("started_at", TS),
        sa.Column("finished_at", TS),
    )
    op.execute("INSERT INTO contact_classes (name, color) VALUES ('General', 'gray')")


def downgrade() -> None:
    for table in (
        "jobs",
        "activities",
        "custom_fields",
        "contact_tags",
        "tags",
        "contacts",
        "class_grants",
        "contact_classes",
    ):
        op.drop_table(table)
