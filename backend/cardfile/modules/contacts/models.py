"""Contacts, their tags, custom field definitions and activity log (workspace schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    func,
    literal,
    null,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import delete_rows, register_contacts, register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow
from cardfile.modules.companies import models as _companies  # noqa: F401  (company_id FK)

SEARCH_TEXT_SQL = (
    "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || "
    "coalesce(phone_display, '') || ' ' || coalesce(company, ''))"
)


LIVE = text("deleted_at IS NULL")
# What Cardfile last found about a contact's address (imports, hygiene runs, bounces).
EMAIL_STATUSES = ("valid", "risky", "invalid", "suppressed", "unverified")


@register_contacts
class Contact(Timestamped, TenantBase):
    __tablename__ = "contacts"
    __table_args__ = (
        Index(
            "uq_contacts_email_lower",
            func.lower(text("email")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL AND email IS NOT NULL"),
        ),
        Index(
            "ix_contacts_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        # Live rows only: serve the default sort and an index-only count of the visible set.
        Index("ix_contacts_live_created", "created_at", "id", postgresql_where=LIVE),
        Index(
            "ix_contacts_live_class_created",
            "contact_class_id",
            "created_at",
            "id",
            postgresql_where=LIVE,
        ),
        Index("ix_contacts_class", "contact_class_id"),
        # The duplicate finder (merge/duplicates.py): same phone, same name at a company.
        Index(
            "ix_contacts_live_phone",
            "phone",
            postgresql_where=text("deleted_at IS NULL AND phone IS NOT NULL"),
        ),
        Index("ix_contacts_live_email_status", "email_status", postgresql_where=LIVE),
        Index(
            "ix_contacts_live_name_company",
            func.lower(text("first_name")),
            func.lower(text("last_name")),
            "company_id",
            postgresql_where=LIVE,
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))  # E.164, e.g. +48601234567
    phone_display: Mapped[str | None] = mapped_column(String(40))  # as the user typed it
    company: Mapped[str | None] = mapped_column(String(200))  # as typed; company_id links
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenant.companies.id", ondelete="SET NULL"), index=True
    )
    job_title: Mapped[str | None] = mapped_column(String(200))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    contact_class_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contact_classes.id", ondelete="RESTRICT")
    )
    custom: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # What to do next about this person, and when to come back to it.
    next_action: Mapped[str | None] = mapped_column(String(500))
    follow_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Captured: written by Cardfile only, read-only in the API (CAPTURED in schemas.py).
    created_by_kind: Mapped[str] = mapped_column(
        String(16), default="user", server_default="user"
    )  # access/actor.py KINDS
    created_by_user_id: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str | None] = mapped_column(String(200))  # "Import: clients.csv", "API"
    # Per currency, e.g. {"PLN": "120.50"}; kept by the transactions module.
    lifetime_value: Mapped[dict[str, str]] = mapped_column(
        JSONB, default=dict, server_default=text("'{}'::jsonb")
    )
    order_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    score: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # EMAIL_STATUSES, with why and when (the hygiene module sets them).
    email_status: Mapped[str] = mapped_column(
        String(16), default="unverified", server_default="unverified"
    )
    email_status_reason: Mapped[str | None] = mapped_column(String(200))
    email_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # GDPR: events about this person are accepted but not recorded (modules/gdpr).
    tracking_disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # Soft delete: hidden by the access filter, restorable, purged by a periodic job.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search_text: Mapped[str] = mapped_column(Text, Computed(SEARCH_TEXT_SQL, persisted=True))


class Tag(Timestamped, TenantBase):
    __tablename__ = "tags"
    __table_args__ = (Index("uq_tags_name_lower", func.lower(text("name")), unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(16), default="blue")


def _merge_tags(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """The kept contact gets every tag of the merged one (once); a tag on both keeps the
    later expiry (none if either has none)."""
    tags = select(literal(keep_id), ContactTag.tag_id, ContactTag.expires_at).where(
        ContactTag.contact_id == merged_id
    )
    stmt = insert(ContactTag).from_select(["contact_id", "tag_id", "expires_at"], tags)
    later = case(
        (ContactTag.expires_at.is_(None) | stmt.excluded.expires_at.is_(None), null()),
        else_=func.greatest(ContactTag.expires_at, stmt.excluded.expires_at),
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["contact_id", "tag_id"], set_={"expires_at": later}
        )
    )
    delete_rows(session, model, merged_id)


class ContactTag(Timestamped, TenantBase):
    __tablename__ = "contact_tags"

    __table_args__ = (
        Index(
            "ix_contact_tags_expiring",
            "expires_at",
            postgresql_where=text("expires_at IS NOT NULL"),
        ),
    )

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Removed by the periodic tag-expiry job (activity "tag_expired").
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CustomField(Timestamped, TenantBase):
    __tablename__ = "custom_fields"
    __table_args__ = (UniqueConstraint("entity", "key"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # Whose field: "contact" or "company" (custom_fields.ENTITIES); keys are unique per entity.
    entity: Mapped[str] = mapped_column(String(16), default="contact", server_default="contact")
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(16))
    choices: Mapped[list[str]] = mapped_column(JSONB, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)


@register_owned
class Activity(TenantBase):
    """One row per state change of a contact: the contact's timeline."""

    __tablename__ = "activities"
    # Keyset pages of the timeline, all kinds or one kind, newest first, at any depth.
    __table_args__ = (
        Index("ix_activities_contact_created_id", "contact_id", "created_at", "id"),
        Index("ix_activities_contact_kind_created_id", "contact_id", "kind", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    # user, api, form, import, job, system (access/actor.py)
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _merge_counts(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """The kept contact's buckets add the merged one's counts."""
    moved = select(
        literal(keep_id), ActivityCount.kind, ActivityCount.bucket, ActivityCount.count
    ).where(ActivityCount.contact_id == merged_id)
    stmt = insert(ActivityCount).from_select(["contact_id", "kind", "bucket", "count"], moved)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["contact_id", "kind", "bucket"],
            set_={"count": ActivityCount.count + stmt.excluded.count},
        )
    )
    delete_rows(session, model, merged_id)


class ActivityCount(TenantBase):
    """How many activities of a kind a contact had in each 15 minutes (UTC): the activity
    histogram reads these, not every timeline row. 15 minutes, so a bucket falls in one
    local hour in every time zone (some are 30 or 45 minutes off the hour)."""

    __tablename__ = "activity_counts"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    bucket: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


register_owned(ContactTag, merge=_merge_tags)
register_owned(ActivityCount, merge=_merge_counts)
