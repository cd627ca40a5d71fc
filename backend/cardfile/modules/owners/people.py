"""The people tasks and owners name: the workspace's active members (public tables, joined
from the workspace's Session), and a contact's display name in SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, literal, select
from sqlalchemy.orm import Session

from cardfile.access.members import memberships_of
from cardfile.auth.models import User
from cardfile.errors import Invalid


def active_members(workspace_id: int) -> Subquery:
    """(user_id, name, email) of members who accepted their invitation (explicit members and
    the agency's owners and admins): the people a task or a contact can be given to."""
    m = memberships_of(workspace_id)
    return (
        select(m.c.user_id, User.name, User.email)
        .join(User, User.id == m.c.user_id)
        .where(m.c.accepted_at.is_not(None), User.password_hash.is_not(None))
        .subquery("active_members")
    )


def check_members(session: Session, workspace_id: int, user_ids: Iterable[int], field: str) -> None:
    """422 on `field` naming the first id that is not an active member of the workspace."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return
    members = active_members(workspace_id)
    found = set(session.scalars(select(members.c.user_id).where(members.c.user_id.in_(wanted))))
    missing = [user_id for user_id in wanted if user_id not in found]
    if missing:
        raise Invalid.field(field, f"User {missing[0]} is not a member of this workspace.")


def user_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {user_id: name for user_id, name in rows}


def contact_name(contacts: Any) -> ColumnElement[str]:
    """How the SPA names a contact: first and last name, else email, else phone."""
    full = func.nullif(func.btrim(func.concat_ws(" ", contacts.first_name, contacts.last_name)), "")
    return func.coalesce(
        full, contacts.email, contacts.phone_display, contacts.phone, literal("Unnamed contact")
    )
