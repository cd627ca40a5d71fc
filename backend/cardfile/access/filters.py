"""The one "contacts this principal may see" filter. Every read of contacts goes through it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, select, true

from cardfile.access.models import ClassGrant, ContactClass
from cardfile.access.principal import Principal
from cardfile.modules.contacts.models import Contact


def visible_classes(principal: Principal) -> ColumnElement[bool]:
    if principal.all_contacts:
        return true()
    granted = select(ClassGrant.contact_class_id).where(ClassGrant.user_id == principal.user_id)
    return ContactClass.id.in_(granted)


def visible_contacts(
    principal: Principal, contact: Any = Contact, deleted: bool = False
) -> ColumnElement[bool]:
    """Live contacts (or, with deleted=True, restorable ones) in the principal's classes."""
    live = contact.deleted_at.is_not(None) if deleted else contact.deleted_at.is_(None)
    if principal.all_contacts:
        return live
    granted = select(ClassGrant.contact_class_id).where(ClassGrant.user_id == principal.user_id)
    return and_(live, contact.contact_class_id.in_(granted))
