"""The one "contacts this principal may see" filter. Every read of contacts goes through it."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, select, true

from cardfile.access.models import ClassGrant, ContactClass
from cardfile.access.principal import Principal
from cardfile.modules.contacts.models import Contact


def _granted_classes(principal: Principal) -> Select[tuple[int]]:
    return select(ClassGrant.contact_class_id).where(ClassGrant.user_id == principal.user_id)


def visible_classes(principal: Principal) -> ColumnElement[bool]:
    if principal.all_contacts:
        return true()
    return ContactClass.id.in_(_granted_classes(principal))


def visible_contacts(principal: Principal, deleted: bool = False) -> ColumnElement[bool]:
    """Live contacts (or, with deleted=True, restorable ones) in the principal's classes."""
    live = Contact.deleted_at.is_not(None) if deleted else Contact.deleted_at.is_(None)
    if principal.all_contacts:
        return live
    return and_(live, Contact.contact_class_id.in_(_granted_classes(principal)))
