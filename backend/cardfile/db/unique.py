"""Saving a row guarded by a unique index: a violation becomes a 409 naming the field."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile.errors import Conflict


def save_unique(
    session: Session,
    row: object,
    field: str,
    message: str,
    others: dict[str, tuple[str, str]] | None = None,
) -> None:
    """Add and flush `row` in a savepoint, so a conflict leaves the transaction usable.
    `others`: {constraint name: (field, message)} for the row's other unique constraints."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as error:
        constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
        field, message = (others or {}).get(constraint or "", (field, message))
        raise Conflict(message, errors={field: [message]}) from error
