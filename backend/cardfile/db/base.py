"""Declarative bases: PublicBase for shared tables, TenantBase for per-workspace tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Tenant tables are declared in this placeholder schema. A scoped Session translates it to
# `ws_<id>`; without a scope the SQL names a schema that never exists, so it fails loudly.
TENANT_PLACEHOLDER = "tenant"

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class PublicBase(DeclarativeBase):
    metadata = MetaData(schema="public", naming_convention=NAMING)


class TenantBase(DeclarativeBase):
    metadata = MetaData(schema=TENANT_PLACEHOLDER, naming_convention=NAMING)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
