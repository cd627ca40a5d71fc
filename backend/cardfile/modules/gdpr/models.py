"""GDPR (workspace schema): the suppression list (keyed hashes of addresses never to be
imported or mailed again) and the audit log of privacy actions (no personal data in it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, Timestamped

# 'forgotten' now; later issues add 'bounced', 'complained', 'unsubscribed'. 'manual': put on
# the list by a person (the bulk action "suppress", e.g. from a list-hygiene report).
REASONS = ("forgotten", "bounced", "complained", "unsubscribed", "manual")
ACTIONS = ("gdpr_export", "forget", "tracking_disabled", "tracking_enabled")


class Suppression(Timestamped, TenantBase):
    __tablename__ = "suppressions"
    label = "Suppression"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # HMAC-SHA256 (hex) of the trimmed, lower-cased address (gdpr/suppressions.py); never the
    # address itself.
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    reason: Mapped[str] = mapped_column(String(16))


class AuditEntry(Timestamped, TenantBase):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_created_id", "created_at", "id"),)
    label = "Audit entry"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    # A non-personal reference: "contact:12" (an id, meaningless once the person is erased).
    subject: Mapped[str] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
