"""Imports (workspace schema): the uploaded file's layout and the user's choices, then the
job's durable state — the prepared file's byte offset and row number reached, and the
counts — written in the same transaction as each batch of contacts, so a killed worker's
rerun goes on from exactly there. Rejected (and duplicate) rows keep their original values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from cardfile.db.base import TenantBase, Timestamped, utcnow


class Import(Timestamped, TenantBase):
    __tablename__ = "imports"
    __table_args__ = (Index("ix_imports_created_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    # Where the upload is, under IMPORTS (config.imports_root): <workspace>/<token>
    storage: Mapped[str] = mapped_column(String(200))
    detected: Mapped[dict[str, Any]] = mapped_column(JSONB)  # {encoding, delimiter, header}
    encoding: Mapped[str] = mapped_column(String(16))
    delimiter: Mapped[str] = mapped_column(String(2))
    has_header: Mapped[bool] = mapped_column(Boolean)
    columns: Mapped[list[str]] = mapped_column(JSONB)
    preview: Mapped[list[list[str]]] = mapped_column(JSONB)
    mapping: Mapped[dict[str, str]] = mapped_column(JSONB)
    options: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    questionnaire: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The run: its job, the prepared file's state, how far it got, what happened.
    job_id: Mapped[str | None] = mapped_column(String(36))
    prepared: Mapped[bool] = mapped_column(Boolean, default=False)
    total_rows: Mapped[int | None] = mapped_column(Integer)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    row_number: Mapped[int] = mapped_column(Integer, default=0)  # last file row handled
    byte_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ImportRow(TenantBase):
    """A row that was not imported (rejected or a duplicate in the file), as it was."""

    __tablename__ = "import_rows"

    import_id: Mapped[int] = mapped_column(
        ForeignKey("tenant.imports.id", ondelete="CASCADE"), primary_key=True
    )
    row_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(300))
    cells: Mapped[list[str]] = mapped_column(JSONB)


class ImportMapping(Timestamped, TenantBase):
    """A mapping saved to be used again ({column name: target})."""

    __tablename__ = "import_mappings"
    __table_args__ = (Index("uq_import_mappings_name", func.lower(text("name")), unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    mapping: Mapped[dict[str, str]] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
