"""Mailing lists (workspace schema): lists, each contact's subscription to a list, and the
append-only history of every change of a subscription with its proof."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.access.owned import delete_rows, register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

# unconfirmed: waits for the double opt-in click; bounced and complained are set by bounces
# and feedback loops (deliverability).
STATUSES = ("unconfirmed", "subscribed", "unsubscribed", "bounced", "complained")


class MailingList(Timestamped, TenantBase):
    __tablename__ = "lists"
    label = "List"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))
    double_opt_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # Shown to the public on the preference page and the subscribe form.
    public: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    # Part of the subscribe form's token: bumping it retires every form embedded so far.
    form_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _merge_subscriptions(session: Session, model: type, keep_id: int, merged_id: int) -> None:
    """The kept contact keeps its own subscription to a list both had; lists only the merged
    contact was on move over with their status."""
    moved = select(
        Subscription.list_id,
        literal(keep_id),
        Subscription.status,
        Subscription.source,
        Subscription.subscribed_at,
        Subscription.unsubscribed_at,
        Subscription.created_at,
        Subscription.updated_at,
    ).where(Subscription.contact_id == merged_id)
    session.execute(
        insert(Subscription)
        .from_select(
            [
                "list_id",
                "contact_id",
                "status",
                "source",
                "subscribed_at",
                "unsubscribed_at",
                "created_at",
                "updated_at",
            ],
            moved,
        )
        .on_conflict_do_nothing(index_elements=["list_id", "contact_id"])
    )
    delete_rows(session, model, merged_id)


class Subscription(TenantBase):
    __tablename__ = "subscriptions"
    __table_args__ = (
        Index("ix_subscriptions_contact_status", "contact_id", "status"),
        Index("ix_subscriptions_list_status", "list_id", "status", "contact_id"),
    )
    label = "Subscription"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.lists.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))  # STATUSES
    source: Mapped[str | None] = mapped_column(String(200))
    subscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unsubscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@register_owned
class SubscriptionEvent(TenantBase):
    """Never updated: one row per change of a subscription, with who or what made it."""

    __tablename__ = "subscription_events"
    __table_args__ = (Index("ix_subscription_events_contact_created", "contact_id", "created_at"),)
    label = "Subscription change"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.lists.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(String(200))
    # Proof for a subscription through a public form: the text shown, IP and user agent.
    proof_text: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


register_owned(Subscription, merge=_merge_subscriptions)
