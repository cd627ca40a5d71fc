"""How each person arranges the contact card's widgets, and the workspace default."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, utcnow


class CardLayout(TenantBase):
    __tablename__ = "card_layouts"
    # One row per user, and one default (user_id NULL): NULLs count as equal here.
    __table_args__ = (UniqueConstraint("user_id", postgresql_nulls_not_distinct=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)  # NULL: the workspace default
    # [{i, x, y, w, h}] on a 12-column grid; [] means the SPA's built-in arrangement.
    layout: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    updated_by_user_id: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
