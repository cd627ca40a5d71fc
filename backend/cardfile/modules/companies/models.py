"""Companies (workspace schema): the organisations contacts work for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, Timestamped, utcnow


class Company(Timestamped, TenantBase):
    __tablename__ = "companies"
    __table_args__ = (
        Index("ix_companies_name_lower", func.lower(text("name"))),
        Index(
            "uq_companies_domain_lower",
            func.lower(text("domain")),
            unique=True,
            postgresql_where=text("domain IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str | None] = mapped_column(String(253))  # example.com, lower case
    industry: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[str | None] = mapped_column(String(16))  # a band: 1-10, 11-50, ...
    address: Mapped[str | None] = mapped_column(String(500))
    custom: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
