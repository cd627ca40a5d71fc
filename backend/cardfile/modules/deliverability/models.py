"""Deliverability tables (workspace schema): sending domains, each with its DKIM key pair
(the private key encrypted with a key derived from SECRET_KEY) and its last DNS check;
bounces and complaints; messages sent per minute; monitoring history; alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow


class SendingDomain(Timestamped, TenantBase):
    __tablename__ = "sending_domains"
    __table_args__ = (
        Index("uq_sending_domains_domain_lower", func.lower(text("domain")), unique=True),
    )
    label = "Sending domain"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    domain: Mapped[str] = mapped_column(String(253))
    dkim_selector: Mapped[str] = mapped_column(String(63))
    dkim_public_key: Mapped[str] = mapped_column(Text)  # base64 DER (the p= of the record)
    dkim_private_key: Mapped[str] = mapped_column(Text)  # PEM, encrypted (records.py)
    verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checks: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Bounce(TenantBase):
    """A bounce or complaint matched to one of our messages (what the `bounces` list shows and
    the rates count)."""

    __tablename__ = "bounces"
    __table_args__ = (
        Index("ix_bounces_at", "at"),
        Index("ix_bounces_sent_at", "sent_at"),
        Index("ix_bounces_contact_id", "contact_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))  # hard, soft, complaint
    email: Mapped[str] = mapped_column(String(254))
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.campaigns.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.campaign_messages.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(253))  # the sending domain
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str | None] = mapped_column(String(16))  # enhanced status code, 5.1.1
    detail: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(16))  # smtp (the listener), webhook


def _merge_bounces(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """Bounces move to the kept contact; in a campaign both received they point at the kept
    contact's message (the duplicate message goes: campaigns' merge, run after this one)."""
    from cardfile.modules.campaigns.models import CampaignMessage  # campaigns imports us

    twin = (
        select(CampaignMessage.id)
        .where(
            CampaignMessage.contact_id == keep_id,
            CampaignMessage.campaign_id == Bounce.campaign_id,
        )
        .scalar_subquery()
    )
    session.execute(
        update(Bounce)
        .where(Bounce.contact_id == merged_id)
        .values(contact_id=keep_id, message_id=func.coalesce(twin, Bounce.message_id))
    )


register_owned(Bounce, merge=_merge_bounces)


class SendCount(TenantBase):
    """Messages accepted by the mail server per minute, campaign and sending domain: written by
    the senders every 2 seconds, read by the rates (the outbox itself has no index on time)."""

    __tablename__ = "send_counts"
    __table_args__ = (UniqueConstraint("minute", "campaign_id"),)  # also the index on minute

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    minute: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.campaigns.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(253))
    sent: Mapped[int] = mapped_column(Integer, default=0)


class HealthCheck(TenantBase):
    """One monitoring result: of a sending domain (domain_id), or of the whole workspace
    (domain_id None: its sending IPs and overall rates). Kept as history."""

    __tablename__ = "health_checks"
    __table_args__ = (Index("ix_health_checks_domain_at", "domain_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    domain_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenant.sending_domains.id", ondelete="CASCADE")
    )
    score: Mapped[int] = mapped_column(Integer)
    authentication: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    blocklists: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    reverse_dns: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    rates: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    penalties: Mapped[dict[str, int]] = mapped_column(JSONB, default=dict)


class Alert(TenantBase):
    """Something to act on. A pausing alert (at most one open) holds all sending until an
    admin resolves it with a reason."""

    __tablename__ = "deliverability_alerts"
    __table_args__ = (
        Index(
            "uq_deliverability_alerts_open_pause",
            "pauses",
            unique=True,
            postgresql_where=text("pauses AND resolved_at IS NULL"),
        ),
        Index("ix_deliverability_alerts_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))  # bounce_rate, complaint_rate, blocklisted,
    # authentication
    subject: Mapped[str] = mapped_column(String(253))  # the domain or IP, or "workspace"
    message: Mapped[str] = mapped_column(String(1000))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    pauses: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[int | None] = mapped_column(BigInteger)
    resolution: Mapped[str | None] = mapped_column(String(1000))
