"""Owners (responsible members) of a contact, and the Responsibles view: each member with
the number of owned contacts the caller may see, and those contacts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, aliased

from cardfile.access.owned import only_visible
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.owners.models import ContactOwner
from cardfile.modules.owners.people import (
    active_members,
    check_members,
    contact_name,
    user_names,
)


def _owners(session: Session, contact_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ContactOwner.user_id, User.name, User.email)
        .join(User, User.id == ContactOwner.user_id)
        .where(ContactOwner.contact_id == contact_id)
        .order_by(func.lower(User.name), User.id)
    )
    return [dict(row._mapping) for row in rows]


def list_owners(session: Session, principal: Principal, contact_id: int) -> dict[str, Any]:
    get_contact(session, principal, contact_id)
    return {"items": _owners(session, contact_id)}


def set_owners(
    session: Session, principal: Principal, contact_id: int, user_ids: list[int]
) -> dict[str, Any]:
    """Replace the owners; the timeline names who was added and who removed."""
    contact = get_contact(session, principal, contact_id)
    wanted = list(dict.fromkeys(user_ids))
    current = set(
        session.scalars(select(ContactOwner.user_id).where(ContactOwner.contact_id == contact.id))
    )
    added = [u for u in wanted if u not in current]
    removed = current - set(wanted)
    check_members(session, principal.workspace_id, added, "user_ids")
    if removed:
        session.execute(
            delete(ContactOwner).where(
                ContactOwner.contact_id == contact.id, ContactOwner.user_id.in_(removed)
            )
        )
    if added:
        # Two people saving at once: each owner is kept once, not a 409.
        session.execute(
            insert(ContactOwner)
            .values([{"contact_id": contact.id, "user_id": u} for u in added])
            .on_conflict_do_nothing()
        )
    if added or removed:
        names = user_names(session, [*added, *removed])
        data = {
            "added": sorted(names.get(u, f"User {u}") for u in added),
            "removed": sorted(names.get(u, f"User {u}") for u in removed),
        }
        activity.record(session, contact.id, "owners_changed", data, principal.actor)
    return {"items": _owners(session, contact.id)}


def list_responsibles(session: Session, principal: Principal) -> dict[str, Any]:
    """Every active member, with the owned contacts the caller may see (0 included)."""
    members = active_members(principal.workspace_id)
    counts = only_visible(
        select(ContactOwner.user_id, func.count().label("contact_count")).group_by(
            ContactOwner.user_id
        ),
        principal,
        ContactOwner,
    ).subquery("counts")
    count = func.coalesce(counts.c.contact_count, 0).label("contact_count")
    rows = session.execute(
        select(members.c.user_id, members.c.name, members.c.email, count)
        .outerjoin(counts, counts.c.user_id == members.c.user_id)
        .order_by(count.desc(), func.lower(members.c.name), members.c.user_id)
    )
    return {"items": [dict(row._mapping) for row in rows]}


def responsible_contacts(
    session: Session, principal: Principal, user_id: int, args: dict[str, Any]
) -> Page:
    members = active_members(principal.workspace_id)
    if session.scalar(select(members.c.user_id).where(members.c.user_id == user_id)) is None:
        raise NotFound("Member")
    # An alias: the access rule's EXISTS over contacts must not correlate with this join.
    contact = aliased(Contact, name="owned_contact")
    stmt = only_visible(
        select(contact.id, contact_name(contact).label("name"), contact.email)
        .select_from(ContactOwner)
        .join(contact, contact.id == ContactOwner.contact_id)
        .where(ContactOwner.user_id == user_id),
        principal,
        ContactOwner,
    )
    sorts = {"name": func.lower(contact_name(contact)), "created_at": ContactOwner.created_at}
    page = paginate(session, stmt, args, sorts, "name", contact.id, scalars=False)
    page.items = [dict(row._mapping) for row in page.items]
    return page
