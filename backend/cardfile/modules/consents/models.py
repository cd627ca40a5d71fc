"""Consents (workspace schema): the purposes a person may agree to, and an append-only history
of each grant and withdrawal with its proof (source, the exact text, IP and user agent)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

STATES = ("granted", "withdrawn")


class ConsentPurpose(Timestamped, TenantBase):
    """Built-in ones (email_marketing, sms, profiling) are inserted by the migration."""

    __tablename__ = "consent_purposes"
    label = "Consent purpose"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    key: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(1000))
    built_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")


@register_owned  # a merge moves the history to the kept contact; its current state follows
class ConsentEvent(TenantBase):
    """Never updated: the current state of a purpose is its newest event."""

    __tablename__ = "consent_events"
    __table_args__ = (
        Index(
            "ix_consent_events_contact_purpose_created", "contact_id", "purpose_id", "created_at"
        ),
    )
    label = "Consent"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    # RESTRICT: a purpose with recorded proof cannot be deleted.
    purpose_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.consent_purposes.id", ondelete="RESTRICT"), index=True
    )
    state: Mapped[str] = mapped_column(String(16))  # STATES
    source: Mapped[str] = mapped_column(String(200))  # "web form", "phone call", ...
    proof_text: Mapped[str | None] = mapped_column(Text)  # the exact text agreed to
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
