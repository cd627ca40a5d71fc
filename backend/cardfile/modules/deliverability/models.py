"""Sending domains (workspace schema): each with its DKIM key pair (the private key encrypted
with a key derived from SECRET_KEY) and the result of its last DNS check."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

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
