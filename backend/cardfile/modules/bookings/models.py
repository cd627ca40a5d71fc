"""Booking tables (workspace schema): calendars with their weekly hours, booking types, date
overrides, and bookings.

No double bookings: a booking holds its member's time from `starts_at - buffer_before` to
`ends_at + buffer_after` (`blocked`), and an exclusion constraint (btree_gist) refuses two
confirmed bookings of one member whose held times overlap, whatever the application does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSTZRANGE, ExcludeConstraint, Range
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

LIVE = text("deleted_at IS NULL")
CONFIRMED = "confirmed"
CANCELLED = "cancelled"


class Calendar(Timestamped, TenantBase):
    """A member's calendar (`user_id`), or a team's (`team_user_ids`, booked round-robin)."""

    __tablename__ = "calendars"
    __table_args__ = (Index("uq_calendars_slug", "slug", unique=True, postgresql_where=LIVE),)
    label = "Calendar"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(Text)
    # User ids (public.users): no foreign key across schemas, as tasks.assignee_id.
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    team_user_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )
    time_zone: Mapped[str] = mapped_column(String(64))
    # [{"weekday": 0 (Monday) .. 6, "start": "HH:MM", "end": "HH:MM"}], in `time_zone`
    weekly_hours: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    # What a visitor agrees to by booking: kept on each booking as the proof.
    consent_text: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    # Bumped to revoke the private feed's address (its token carries the version).
    feed_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def member_ids(self) -> list[int]:
        return [self.user_id] if self.user_id else sorted(self.team_user_ids)


class BookingType(Timestamped, TenantBase):
    __tablename__ = "booking_types"
    __table_args__ = (
        Index(
            "uq_booking_types_calendar_slug",
            "calendar_id",
            "slug",
            unique=True,
            postgresql_where=LIVE,
        ),
    )
    label = "Booking type"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.calendars.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(500))  # an address or a video link
    duration_minutes: Mapped[int] = mapped_column(Integer)
    buffer_before: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    buffer_after: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    min_notice_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    max_days_ahead: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    max_per_day: Mapped[int | None] = mapped_column(Integer)  # per member; None: no limit
    # [{"key": "topic", "label": "What is it about?", "required": true, "multiline": false}]
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CalendarOverride(TenantBase):
    """One date's own hours instead of the weekly ones; no hours: a day off."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (UniqueConstraint("calendar_id", "date"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("tenant.calendars.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    hours: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)  # [{start, end}]
    note: Mapped[str | None] = mapped_column(String(200))


@register_owned
class Booking(Timestamped, TenantBase):
    __tablename__ = "bookings"
    __table_args__ = (
        ExcludeConstraint(
            (text("user_id"), "="),
            (text("blocked"), "&&"),
            name="ex_bookings_member_time",
            using="gist",
            where=text("status = 'confirmed'"),
        ),
        Index("ix_bookings_starts_at", "starts_at"),
        Index("ix_bookings_contact_id_starts_at", "contact_id", "starts_at"),
        Index("ix_bookings_calendar_id_starts_at", "calendar_id", "starts_at"),
    )
    label = "Booking"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)  # the iCalendar UID, for ever
    calendar_id: Mapped[int] = mapped_column(ForeignKey("tenant.calendars.id"))
    booking_type_id: Mapped[int] = mapped_column(ForeignKey("tenant.booking_types.id"))
    user_id: Mapped[int] = mapped_column(BigInteger)  # the member who holds the time
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE")
    )
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blocked: Mapped[Range[datetime]] = mapped_column(TSTZRANGE)
    status: Mapped[str] = mapped_column(String(16), default=CONFIRMED)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    time_zone: Mapped[str] = mapped_column(String(64))  # the visitor's, for their mail
    answers: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    location: Mapped[str | None] = mapped_column(String(500))
    # The proof of consent: the exact text agreed to, when, from where.
    consent_text: Mapped[str | None] = mapped_column(Text)
    consented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    source: Mapped[str] = mapped_column(String(16), default="public")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by: Mapped[str | None] = mapped_column(String(16))  # customer | staff
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    reminded_24h_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminded_1h_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
