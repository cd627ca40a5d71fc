"""Saving a row guarded by a unique index: a violation becomes a 409 naming the field."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile.errors import Conflict


def save_unique(session: Session, row: object, field: str, message: str) -> None:
    """Add and flush `row` in a savepoint, so a conflict leaves the transaction usable."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as error:
        raise Conflict(message, errors={field: [message]}) from error
