"""Scoring (workspace schema): rules "event -> points", the decay setting, and each contact's
score history (the score itself is the contact's captured `score` column)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

# What a rule can react to: activity kinds (engine.py maps them) and the events to come.
EVENTS = (
    "tag_added",
    "note_added",
    "email_opened",
    "email_clicked",
    "purchase",
    "page_visit",
    "form_submitted",
    "file_downloaded",
    "booking_made",
    "custom_event",
)
# Events whose rule may narrow by `match` (custom_event must).
MATCHED = ("tag_added", "page_visit", "form_submitted", "custom_event")


class ScoringRule(Timestamped, TenantBase):
    __tablename__ = "scoring_rules"
    label = "Scoring rule"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event: Mapped[str] = mapped_column(String(32))
    # Per event; for purchase, per 1 unit of currency (rounded half up per purchase).
    points: Mapped[int] = mapped_column(Integer)
    # tag name (tag_added), "URL contains" (page_visit), form name, custom event name
    match: Mapped[str | None] = mapped_column(String(200))
    currency: Mapped[str | None] = mapped_column(String(3))  # purchase: only this currency
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")


class ScoringSettings(TenantBase):
    """One row (id 1); absent means the defaults."""

    __tablename__ = "scoring_settings"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    # Every 30 days a contact's score loses this share, rounded toward zero.
    decay_percent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@register_owned
class ScoreHistory(TenantBase):
    __tablename__ = "score_history"
    __table_args__ = (
        Index("ix_score_history_contact_created_id", "contact_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    delta: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)  # after this change
    reason: Mapped[str] = mapped_column(String(300))  # "tag_added: vip", "decay"
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenant.scoring_rules.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
