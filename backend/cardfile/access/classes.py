"""Contact classes: the sets of contacts that members are granted. No Flask here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_classes, visible_contacts
from cardfile.access.models import ContactClass
from cardfile.access.owned import contacts_model
from cardfile.access.principal import Principal
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, NotFound

CLASS_SORTS = {"name": ContactClass.name, "created_at": ContactClass.created_at}


def list_classes(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    Contact = contacts_model()  # noqa: N806 (a model, named as one)
    counts = (
        select(func.count())
        .where(Contact.contact_class_id == ContactClass.id, visible_contacts(principal))
        .correlate(ContactClass)
        .scalar_subquery()
    )
    stmt = select(ContactClass, counts.label("contact_count")).where(visible_classes(principal))
    page = paginate(session, stmt, args, CLASS_SORTS, "name", ContactClass.id, scalars=False)
    page.items = [_class_view(c, n) for c, n in page.items]
    return page


def _class_view(contact_class: ContactClass, count: int) -> dict[str, Any]:
    return {
        "id": contact_class.id,
        "name": contact_class.name,
        "color": contact_class.color,
        "contact_count": count,
    }


def get_visible_class(session: Session, principal: Principal, class_id: int) -> ContactClass:
    found = session.scalar(
        select(ContactClass).where(ContactClass.id == class_id, visible_classes(principal))
    )
    if found is None:
        raise NotFound("Contact class")
    return found


def class_detail(session: Session, principal: Principal, class_id: int) -> dict[str, Any]:
    contact_class = get_visible_class(session, principal, class_id)
    return _class_view(contact_class, _class_count(session, class_id))


def _save_class(session: Session, contact_class: ContactClass) -> dict[str, Any]:
    save_unique(session, contact_class, "name", "A contact class with this name exists.")
    return _class_view(contact_class, _class_count(session, contact_class.id))


def _class_count(session: Session, class_id: int) -> int:
    Contact = contacts_model()  # noqa: N806
    return (
        session.scalar(
            select(func.count()).where(
                Contact.contact_class_id == class_id, Contact.deleted_at.is_(None)
            )
        )
        or 0
    )


def create_class(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    return _save_class(session, ContactClass(**data))


def update_class(
    session: Session, principal: Principal, class_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    contact_class = get_visible_class(session, principal, class_id)
    for key, value in data.items():
        setattr(contact_class, key, value)
    return _save_class(session, contact_class)


def delete_class(session: Session, principal: Principal, class_id: int) -> None:
    contact_class = get_visible_class(session, principal, class_id)
    if (session.scalar(select(func.count()).select_from(ContactClass)) or 0) <= 1:
        raise Conflict(
            "A workspace keeps at least one contact class: new contacts go into it. "
            "Create another class first."
        )
    live = _class_count(session, class_id)
    if live:
        raise Conflict(
            f"{live} contact(s) still belong to this class; move them to another class first.",
            contact_count=live,
        )
    Contact = contacts_model()  # noqa: N806
    if session.scalar(select(func.count()).where(Contact.contact_class_id == class_id)):
        raise Conflict(
            "Deleted contacts of this class can still be restored; it can be removed once "
            "they are purged (30 days after deletion)."
        )
    session.delete(contact_class)
    session.flush()
