"""List hygiene's durable state (workspace schema): runs with their cursor and counts, the
contacts whose status or reason a run changed, the duplicate groups it found, and the
workspace's schedule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, BigInteger, DateTime, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.access.owned import register_owned
from cardfile.db.base import TenantBase, Timestamped, utcnow

TRIGGERS = ("manual", "schedule")
SCHEDULES = ("off", "daily", "weekly", "monthly")
DEFAULT_SCHEDULE = "weekly"
DUPLICATE_KINDS = ("duplicate", "possible_duplicate")


class HygieneRun(Timestamped, TenantBase):
    __tablename__ = "hygiene_runs"
    __table_args__ = (Index("ix_hygiene_runs_created_id", "created_at", "id"),)
    label = "Hygiene run"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # {"workspace": true} | {"ids": [...]} | {"filter": {...}} (SelectionSchema)
    scope: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    trigger: Mapped[str] = mapped_column(String(16), default="manual")
    job_id: Mapped[str | None] = mapped_column(String(36))
    total: Mapped[int | None] = mapped_column(Integer)
    checked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    changed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # {"valid": n, ...} and {"no_mx": n, ...} over the contacts checked so far
    by_status: Mapped[dict[str, int]] = mapped_column(JSONB, default=dict)
    by_reason: Mapped[dict[str, int]] = mapped_column(JSONB, default=dict)
    # The last contact id checked, committed with its batch: a rerun goes on after it.
    cursor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    duplicates_done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@register_owned
class HygieneChange(TenantBase):
    """A contact whose email status or reason the run changed (nothing else is listed)."""

    __tablename__ = "hygiene_changes"
    __table_args__ = (Index("ix_hygiene_changes_run_status_id", "run_id", "new_status", "id"),)
    label = "Hygiene change"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("tenant.hygiene_runs.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.contacts.id", ondelete="CASCADE"), index=True
    )
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(200))


class HygieneDuplicate(TenantBase):
    """A group of live contacts whose addresses are the same (kind "duplicate": trim, case,
    NFKC) or probably the same mailbox ("possible_duplicate": Gmail dots and +tags)."""

    __tablename__ = "hygiene_duplicates"
    __table_args__ = (Index("ix_hygiene_duplicates_run_kind_id", "run_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("tenant.hygiene_runs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(320))
    contact_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))


class HygieneSettings(TenantBase):
    """One row (id 1); absent means the defaults (weekly)."""

    __tablename__ = "hygiene_settings"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    schedule: Mapped[str] = mapped_column(
        String(16), default=DEFAULT_SCHEDULE, server_default=DEFAULT_SCHEDULE
    )
    last_scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
