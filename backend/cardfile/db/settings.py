"""A workspace's settings of one kind: a single row, id 1, in its own table."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session


def upsert_settings(
    session: Session, model: Any, values: dict[str, Any], defaults: dict[str, Any] | None = None
) -> None:
    """Set `values` on the settings row, creating it (with `defaults` too) when missing."""
    session.execute(
        insert(model)
        .values(id=1, **(defaults or {}), **values)
        .on_conflict_do_update(index_elements=[model.id], set_=values)
    )
