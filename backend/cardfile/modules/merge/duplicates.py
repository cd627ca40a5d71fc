"""Likely duplicates among the contacts a caller may see: the same email (any case), the same
phone (the `phone` column is E.164 already, see contacts/phones.py), or the same first and
last name (any case; the API trims input) at the same company (its id, else the company
text). Hidden contacts are filtered out BEFORE grouping, so a group never reveals one and
needs 2 visible contacts.

The live email index is unique (any case), so email groups cannot form among live contacts
today; the reason is kept so the finder stays right if that rule ever changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, select, union_all
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.modules.contacts.models import Contact

REASONS = ("email", "phone", "name_company")
MAX_GROUP_CONTACTS = 50  # listed per group (the newest); `size` says how many there are


def _clean(column: Any) -> ColumnElement[Any]:
    # The API trims text on input (api/fields.py Text), so lower() alone matches the index.
    return func.lower(column)


def _keys() -> dict[str, tuple[ColumnElement[Any], ColumnElement[bool]]]:
    """reason -> (the matching key, when a contact has one)."""
    company = func.coalesce(
        "id:" + cast(Contact.company_id, String), "text:" + _clean(Contact.company)
    )
    return {
        "email": (_clean(Contact.email), func.coalesce(Contact.email, "") != ""),
        "phone": (Contact.phone, func.coalesce(Contact.phone, "") != ""),
        "name_company": (
            func.concat_ws("\x1f", _clean(Contact.first_name), _clean(Contact.last_name), company),
            (func.coalesce(Contact.first_name, "") != "")
            & (func.coalesce(Contact.last_name, "") != "")
            & (Contact.company_id.is_not(None) | (func.coalesce(Contact.company, "") != "")),
        ),
    }


def groups_query(principal: Principal, reason: str | None = None) -> Select[Any]:
    """(reason, key, ids newest first, size, newest) per group of 2+ visible contacts."""
    parts = []
    for name, (key, present) in _keys().items():
        if reason is not None and name != reason:
            continue
        parts.append(
            select(
                literal(name).label("reason"),
                key.label("key"),
                func.array_agg(
                    aggregate_order_by(Contact.id, Contact.updated_at.desc(), Contact.id.desc())
                ).label("ids"),
                func.count().label("size"),
                func.max(Contact.updated_at).label("newest"),
            )
            .where(visible_contacts(principal, Contact), present)
            .group_by(key)
            .having(func.count() >= 2)
        )
    return union_all(*parts).subquery("groups").select()


@dataclass
class Group:
    reason: str
    size: int
    ids: list[int]


def find_groups(
    session: Session, principal: Principal, reason: str | None, offset: int, limit: int | None
) -> tuple[list[Group], int]:
    """A page of groups (newest activity first) and the number of groups in all pages."""
    groups = groups_query(principal, reason).subquery()
    total = session.scalar(select(func.count()).select_from(groups)) or 0
    stmt = select(groups).order_by(groups.c.newest.desc(), groups.c.reason, groups.c.key)
    if limit is not None:
        stmt = stmt.offset(offset).limit(limit)
    rows = session.execute(stmt).all()
    return [Group(r.reason, r.size, list(r.ids)) for r in rows], total


def _name(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def list_duplicates(session: Session, principal: Principal, args: dict[str, Any]) -> dict[str, Any]:
    page, size = args["page"], args["page_size"]
    groups, total = find_groups(session, principal, args.get("reason"), (page - 1) * size, size)
    shown = {i for g in groups for i in g.ids[:MAX_GROUP_CONTACTS]}
    people: dict[int, dict[str, Any]] = {}
    if shown:
        rows = session.execute(
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                Contact.email,
                Contact.phone,
                Contact.company,
                Contact.updated_at,
            ).where(Contact.id.in_(shown))
        )
        for r in rows:
            people[r.id] = {
                "id": r.id,
                "name": _name(r.first_name, r.last_name),
                "email": r.email,
                "phone": r.phone,
                "company": r.company,
                "updated_at": r.updated_at,
            }
    return {
        "groups": [
            {
                "reason": g.reason,
                "size": g.size,
                "contacts": [people[i] for i in g.ids[:MAX_GROUP_CONTACTS] if i in people],
            }
            for g in groups
        ],
        "total": total,
        "page": page,
        "page_size": size,
    }
