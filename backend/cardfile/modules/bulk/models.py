"""A bulk action's durable state (workspace schema): the contact ids resolved when it
started, in batches, each marked done in the transaction that changed its contacts. A
worker killed mid-batch leaves that batch undone; the rerun does it once, and the report is
the sum of the batches' results, as an uninterrupted run gives."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, BigInteger, DateTime, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, Timestamped


class BulkRun(Timestamped, TenantBase):
    __tablename__ = "bulk_runs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    action: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    total: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(BigInteger)


class BulkBatch(TenantBase):
    __tablename__ = "bulk_batches"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.bulk_runs.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result: Mapped[dict[str, int] | None] = mapped_column(JSONB)
