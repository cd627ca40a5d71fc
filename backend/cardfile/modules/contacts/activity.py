"""The contact's activity log: one row per state change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor, actor_name
from cardfile.auth.models import User
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.modules.contacts.models import Activity, Contact


@dataclass(frozen=True)
class Happened:
    """One timeline row to write; `at` defaults to now (events from outside bring their own)."""

    contact_id: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    at: datetime | None = None


# Called in the writing transaction with every batch of rows written (scoring listens here).
Listener = Callable[[Session, Sequence[Happened], Actor], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Have `listener` called after each batch of activities is written (same transaction)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def record_rows(session: Session, rows: Sequence[Happened], actor: Actor) -> None:
    """Write timeline rows in one INSERT, move each contact's `last_activity_at` forward and
    tell the listeners."""
    if not rows:
        return
    now = utcnow()
    session.execute(
        insert(Activity),
        [
            {
                "contact_id": r.contact_id,
                "kind": r.kind,
                "data": r.data,
                "actor_user_id": actor.user_id,
                "actor_kind": actor.kind,
                "created_at": r.at or now,
            }
            for r in rows
        ],
    )
    latest: dict[int, datetime] = {}
    for r in rows:
        at = r.at or now
        latest[r.contact_id] = max(at, latest.get(r.contact_id, at))
    by_time: dict[datetime, list[int]] = {}
    for contact_id, at in latest.items():
        by_time.setdefault(at, []).append(contact_id)
    for at, ids in by_time.items():
        session.execute(
            update(Contact)
            .where(Contact.id.in_(ids))
            .where(or_(Contact.last_activity_at.is_(None), Contact.last_activity_at < at))
            .values(last_activity_at=at)
            .execution_options(synchronize_session=False)
        )
    for listener in _listeners:
        listener(session, rows, actor)


def record(
    session: Session, contact_id: int, kind: str, data: dict[str, Any], actor: Actor
) -> None:
    record_rows(session, [Happened(contact_id, kind, data)], actor)


def record_many(
    session: Session, contact_ids: Iterable[int], kind: str, data: dict[str, Any], actor: Actor
) -> None:
    record_rows(session, [Happened(c, kind, data) for c in contact_ids], actor)


def list_activities(session: Session, contact_id: int, args: dict[str, Any]) -> Page:
    stmt = (
        select(Activity, User.name)
        .outerjoin(User, User.id == Activity.actor_user_id)
        .where(Activity.contact_id == contact_id)
    )
    page = paginate(
        session,
        stmt,
        args,
        {"created_at": Activity.created_at},
        "-created_at",
        Activity.id,
        scalars=False,
    )
    page.items = [
        {
            "id": a.id,
            "kind": a.kind,
            "data": a.data,
            "actor_kind": a.actor_kind,
            "actor_name": actor_name(a.actor_kind, name),
            "created_at": a.created_at,
        }
        for a, name in page.items
    ]
    return page
