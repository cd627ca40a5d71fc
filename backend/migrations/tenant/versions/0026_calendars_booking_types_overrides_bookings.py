"""Calendars, booking types, date overrides and bookings (no two confirmed bookings of one
member overlap: an exclusion constraint, btree_gist from the public revision p0006)

Revision ID: t0026
Revises: t0025
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "t0026"
down_revision = "t0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendars",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "team_user_ids", postgresql.ARRAY(sa.BigInteger()), server_default="{}", nullable=False
        ),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("weekly_hours", postgresql.JSONB(), nullable=False),
        sa.Column("consent_text", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("feed_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendars")),
    )
    op.create_index(
        "uq_calendars_slug",
        "calendars",
        ["slug"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "booking_types",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("calendar_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_before", sa.Integer(), server_default="0", nullable=False),
        sa.Column("buffer_after", sa.Integer(), server_default="0", nullable=False),
        sa.Column("min_notice_minutes", sa.Integer(), server_default="60", nullable=False),
        sa.Column("max_days_ahead", sa.Integer(), server_default="60", nullable=False),
        sa.Column("max_per_day", sa.Integer(), nullable=True),
        sa.Column("questions", postgresql.JSONB(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendars.id"],
            name=op.f("fk_booking_types_calendar_id_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_types")),
    )
    op.create_index(
        op.f("ix_booking_types_calendar_id"), "booking_types", ["calendar_id"], unique=False
    )
    op.create_index(
        "uq_booking_types_calendar_slug",
        "booking_types",
        ["calendar_id", "slug"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("calendar_id", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("hours", postgresql.JSONB(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendars.id"],
            name=op.f("fk_calendar_overrides_calendar_id_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_overrides")),
        sa.UniqueConstraint(
            "calendar_id", "date", name=op.f("uq_calendar_overrides_calendar_id_date")
        ),
    )
    op.create_table(
        "bookings",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.String(length=100), nullable=False),
        sa.Column("calendar_id", sa.BigInteger(), nullable=False),
        sa.Column("booking_type_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("contact_id", sa.BigInteger(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked", postgresql.TSTZRANGE(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("answers", postgresql.JSONB(), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("consent_text", sa.Text(), nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.Column("user_agent", sa.String(length=300), nullable=True),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(length=16), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=True),
        sa.Column("reminded_24h_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_1h_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        postgresql.ExcludeConstraint(
            (sa.text("user_id"), "="),
            (sa.text("blocked"), "&&"),
            where=sa.text("status = 'confirmed'"),
            using="gist",
            name="ex_bookings_member_time",
        ),
        sa.ForeignKeyConstraint(
            ["booking_type_id"],
            ["booking_types.id"],
            name=op.f("fk_bookings_booking_type_id_booking_types"),
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"], name=op.f("fk_bookings_calendar_id_calendars")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_bookings_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("uid", name=op.f("uq_bookings_uid")),
    )
    op.create_index(
        "ix_bookings_calendar_id_starts_at", "bookings", ["calendar_id", "starts_at"], unique=False
    )
    op.create_index(
        "ix_bookings_contact_id_starts_at", "bookings", ["contact_id", "starts_at"], unique=False
    )
    op.create_index("ix_bookings_starts_at", "bookings", ["starts_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_bookings_starts_at", table_name="bookings")
    op.drop_index("ix_bookings_contact_id_starts_at", table_name="bookings")
    op.drop_index("ix_bookings_calendar_id_starts_at", table_name="bookings")
    op.drop_table("bookings")
    op.drop_table("calendar_overrides")
    op.drop_index(
        "uq_booking_types_calendar_slug",
        table_name="booking_types",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(op.f("ix_booking_types_calendar_id"), table_name="booking_types")
    op.drop_table("booking_types")
    op.drop_index(
        "uq_calendars_slug", table_name="calendars", postgresql_where=sa.text("deleted_at IS NULL")
    )
    op.drop_table("calendars")
