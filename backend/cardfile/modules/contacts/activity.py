"""The contact's activity log: one row per state change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor, actor_name
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.modules.contacts.models import Activity


def record(
    session: Session, contact_id: int, kind: str, data: dict[str, Any], actor: Actor
) -> None:
    session.add(
        Activity(
            contact_id=contact_id,
            kind=kind,
            data=data,
            actor_user_id=actor.user_id,
            actor_kind=actor.kind,
        )
    )


def record_many(
    session: Session, contact_ids: Iterable[int], kind: str, data: dict[str, Any], actor: Actor
) -> None:
    rows = [
        {
            "contact_id": c,
            "kind": kind,
            "data": data,
            "actor_user_id": actor.user_id,
            "actor_kind": actor.kind,
        }
        for c in contact_ids
    ]
    if rows:
        session.execute(insert(Activity), rows)


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
