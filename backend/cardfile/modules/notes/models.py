"""Notes on a contact (workspace schema): sanitised rich text, pinned ones first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow


@register_owned
class Note(Timestamped, TenantBase):
    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_contact_pinned_created", "contact_id", "pinned", "created_at"),
    )
    label = "Note"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("tenant.contacts.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)  # HTML, sanitised on the way in
    pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_kind: Mapped[str] = mapped_column(String(16), default="user", server_default="user")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
