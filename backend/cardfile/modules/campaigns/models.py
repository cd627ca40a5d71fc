"""Email templates, campaigns, the per-campaign outbox (one row per recipient: the message
and its state), tracking events, and the senders working on a campaign (workspace schema)."""

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
    and_,
    delete,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

# draft -> scheduled -> sending (-> paused -> sending) -> sent; cancelled from any but sent.
# testing: an A/B test group went out and the rest waits for the winner.
STATUSES = ("draft", "scheduled", "sending", "testing", "paused", "sent", "cancelled")
# A message's life in the outbox. queued: to send; held: waits for the A/B winner;
# claimed: taken by a sender, not yet tried (given back if the sender dies);
# sending: handed to SMTP, outcome not yet recorded; sent: accepted by the SMTP server;
# uncertain: the sender died while sending it (maybe received, never sent again
# automatically); failed: refused by the server; skipped: no longer wanted (unsubscribed,
# suppressed); cancelled: the campaign was cancelled first.
MESSAGE_STATES = (
    "queued",
    "held",
    "claimed",
    "sending",
    "sent",
    "uncertain",
    "failed",
    "skipped",
    "cancelled",
)
PENDING = ("queued", "claimed")
EVENT_KINDS = ("open", "click", "unsubscribe", "bounce", "complaint")


class EmailTemplate(Timestamped, TenantBase):
    __tablename__ = "email_templates"
    label = "Template"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(500))
    html: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)  # None: derived from the HTML
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Campaign(Timestamped, TenantBase):
    __tablename__ = "campaigns"
    __table_args__ = (Index("ix_campaigns_status_scheduled", "status", "scheduled_at"),)
    label = "Campaign"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenant.email_templates.id", ondelete="RESTRICT")
    )
    list_ids: Mapped[list[int]] = mapped_column(JSONB, default=list)
    segment_ids: Mapped[list[int]] = mapped_column(JSONB, default=list)
    exclude_segment_ids: Mapped[list[int]] = mapped_column(JSONB, default=list)
    from_email: Mapped[str] = mapped_column(String(254))
    from_name: Mapped[str | None] = mapped_column(String(200))
    reply_to: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), default="draft", server_default="draft")
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    throttle_per_minute: Mapped[int | None] = mapped_column(Integer)
    track_opens: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    track_clicks: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    # A/B: {"kind": "subject"|"content", "subject_b", "template_b_id", "split_percent",
    # "winner_by": "opens"|"clicks", "wait_hours"}; None: one version.
    ab: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    winner: Mapped[str | None] = mapped_column(String(1))
    ab_decide_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recipients: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    sent_by: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status_note: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CampaignMessage(TenantBase):
    """The outbox row of one recipient, which is also the record of the message sent."""

    __tablename__ = "campaign_messages"
    __table_args__ = (
        UniqueConstraint("campaign_id", "contact_id"),
        Index("ix_campaign_messages_contact_created", "contact_id", "created_at"),
        # Senders claim a campaign's queued rows in id order from a cursor. No index holds
        # `state`: each row changes state three times while sent (claimed, sending, sent),
        # and with room left on its page (fillfactor) each change is a HOT update, writing no
        # index at all.
        Index("ix_campaign_messages_campaign_id_id", "campaign_id", "id"),
        {"postgresql_with": {"fillfactor": 50}},
    )
    label = "Message"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("tenant.campaigns.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    version: Mapped[str | None] = mapped_column(String(1))  # "A", "B"; None while held
    state: Mapped[str] = mapped_column(String(16), default="queued")
    claimed_by: Mapped[str | None] = mapped_column(String(36))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message_id: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(500))  # as the recipient saw it
    error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    open_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    clicked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    click_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unsubscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bounced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    complained_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MessageEvent(TenantBase):
    """Every open, click, unsubscribe, bounce and complaint of a message (reports over time
    and per link read these)."""

    __tablename__ = "message_events"
    __table_args__ = (
        Index("ix_message_events_campaign_kind_at", "campaign_id", "kind", "at"),
        Index("ix_message_events_contact_at", "contact_id", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("tenant.campaigns.id", ondelete="CASCADE"))
    message_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.campaign_messages.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # EVENT_KINDS
    url: Mapped[str | None] = mapped_column(String(2000))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CampaignSender(TenantBase):
    """A sender at work on a campaign; its heartbeat shows it is alive. The rows it claimed
    are given back (or marked uncertain) once its heartbeat is stale."""

    __tablename__ = "campaign_senders"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.campaigns.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _merge_messages(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """Messages move to the kept contact, except in a campaign both received: there the kept
    contact's message stays and takes the other's events and counts; the duplicate goes."""
    kept = aliased(CampaignMessage)
    clash = exists().where(
        kept.contact_id == keep_id, kept.campaign_id == CampaignMessage.campaign_id
    )
    twin = (
        select(kept.id)
        .where(kept.contact_id == keep_id, kept.campaign_id == MessageEvent.campaign_id)
        .scalar_subquery()
    )
    session.execute(
        update(MessageEvent)
        .where(
            MessageEvent.contact_id == merged_id,
            exists().where(
                kept.contact_id == keep_id, kept.campaign_id == MessageEvent.campaign_id
            ),
        )
        .values(message_id=twin)
    )
    dup = aliased(CampaignMessage)
    session.execute(
        update(CampaignMessage)
        .where(
            CampaignMessage.contact_id == keep_id,
            dup.contact_id == merged_id,
            dup.campaign_id == CampaignMessage.campaign_id,
        )
        .values(
            open_count=CampaignMessage.open_count + dup.open_count,
            click_count=CampaignMessage.click_count + dup.click_count,
            opened_at=func.least(CampaignMessage.opened_at, dup.opened_at),
            clicked_at=func.least(CampaignMessage.clicked_at, dup.clicked_at),
            unsubscribed_at=func.least(CampaignMessage.unsubscribed_at, dup.unsubscribed_at),
            bounced_at=func.least(CampaignMessage.bounced_at, dup.bounced_at),
            complained_at=func.least(CampaignMessage.complained_at, dup.complained_at),
        )
    )
    session.execute(
        delete(CampaignMessage).where(and_(CampaignMessage.contact_id == merged_id, clash))
    )
    session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.contact_id == merged_id)
        .values(contact_id=keep_id)
    )


register_owned(CampaignMessage, merge=_merge_messages)
register_owned(MessageEvent)
