"""Card layouts: each person's own arrangement of the card's widgets, and the workspace
default an admin publishes (and may lock, so everyone sees it and nobody changes theirs).

A layout is a personal preference, not data about contacts: every role may save their own,
and nothing is written to a timeline."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.db.base import utcnow
from cardfile.errors import Conflict
from cardfile.modules.cardlayout.models import CardLayout

LOCKED = "Your workspace admin has locked the card layout."
LOCKED_FOR_ADMIN = "The card layout is locked for everyone; unlock it to change your own."


def _view(row: CardLayout | None, source: str, locked: bool) -> dict[str, Any]:
    return {
        "layout": row.layout if row is not None else [],
        "locked": locked,
        "source": source,
        "updated_at": row.updated_at if row is not None else None,
    }


def _rows(session: Session, user_id: int) -> tuple[CardLayout | None, CardLayout | None]:
    """(the default, the user's own), in one query."""
    rows = session.scalars(
        select(CardLayout).where((CardLayout.user_id == user_id) | CardLayout.user_id.is_(None))
    ).all()
    default = next((r for r in rows if r.user_id is None), None)
    mine = next((r for r in rows if r.user_id is not None), None)
    return default, mine


def my_layout(session: Session, principal: Principal) -> dict[str, Any]:
    """Mine unless the default is locked; else the default; else the built-in one."""
    default, mine = _rows(session, principal.user_id)
    locked = bool(default and default.locked)
    if mine is not None and not locked:
        return _view(mine, "mine", locked)
    if default is not None:
        return _view(default, "default", locked)
    return _view(None, "builtin", locked)


def _save(
    session: Session, user_id: int | None, values: dict[str, Any], actor_id: int
) -> CardLayout:
    """Insert or replace in one statement (two tabs saving at once do not collide)."""
    values = {**values, "updated_by_user_id": actor_id, "updated_at": utcnow()}
    stmt = (
        insert(CardLayout)
        .values(user_id=user_id, **values)
        .on_conflict_do_update(index_elements=["user_id"], set_=values)
        .returning(CardLayout)
    )
    return session.scalars(stmt, execution_options={"populate_existing": True}).one()


def save_my_layout(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    default = _default(session)
    if default is not None and default.locked:
        raise Conflict(LOCKED_FOR_ADMIN if principal.can(Role.ADMIN) else LOCKED)
    row = _save(session, principal.user_id, {"layout": data["layout"]}, principal.user_id)
    return _view(row, "mine", False)


def reset_my_layout(session: Session, principal: Principal) -> None:
    """Back to the workspace default (or the built-in one)."""
    session.execute(delete(CardLayout).where(CardLayout.user_id == principal.user_id))


def _default(session: Session) -> CardLayout | None:
    return session.scalar(select(CardLayout).where(CardLayout.user_id.is_(None)))


def default_layout(session: Session) -> dict[str, Any]:
    default = _default(session)
    if default is None:
        return _view(None, "builtin", False)
    return _view(default, "default", default.locked)


def save_default_layout(
    session: Session, principal: Principal, data: dict[str, Any]
) -> dict[str, Any]:
    """Publish the default and/or lock it; a part not sent keeps its value."""
    current = _default(session)
    values = {
        "layout": data.get("layout", current.layout if current else []),
        "locked": data.get("locked", current.locked if current else False),
    }
    row = _save(session, None, values, principal.user_id)
    return _view(row, "default", row.locked)
