"""The one "contacts this principal may see" rule. Every read of contacts, and of rows that
belong to a contact (access/owned.py), goes through it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, true

from cardfile.access.models import ContactClass
from cardfile.access.principal import Principal


def visible_classes(principal: Principal) -> ColumnElement[bool]:
    if principal.all_contacts:
        return true()
    return ContactClass.id.in_(principal.class_ids)


CLASS_IDS = "visible_class_ids"


def visible_contacts(
    principal: Principal, contacts: Any = None, deleted: bool = False
) -> ColumnElement[bool]:
    """Live contacts (or, with deleted=True, restorable ones) in the principal's classes.
    `contacts`: the contacts model or an alias of it (default: the registered model)."""
    # The granted ids as a list of values (resolved with the principal), not a subquery:
    # with a subquery PostgreSQL walked the whole index for a small class (2.5 s at 1M).
    return _rule(contacts, principal.all_contacts, deleted, principal.class_ids)


def visible_contacts_bound(
    contacts: Any, all_contacts: bool, deleted: bool | None = False
) -> ColumnElement[bool]:
    """The same rule with the class ids left as a parameter, for a statement built once and
    run by many principals: pass `bound_visibility(principal)` with its parameters.
    deleted=None: live or in the trash alike."""
    return _rule(contacts, all_contacts, deleted, bindparam(CLASS_IDS, expanding=True))


def bound_visibility(principal: Principal) -> dict[str, Any]:
    return {} if principal.all_contacts else {CLASS_IDS: list(principal.class_ids)}


def _rule(
    contacts: Any, all_contacts: bool, deleted: bool | None, class_ids: Any
) -> ColumnElement[bool]:
    if contacts is None:
        from cardfile.access.owned import contacts_model

        contacts = contacts_model()
    if deleted is None:
        state: ColumnElement[bool] = true()
    else:
        state = contacts.deleted_at.is_not(None) if deleted else contacts.deleted_at.is_(None)
    if all_contacts:
        return state
    return and_(state, contacts.contact_class_id.in_(class_ids))
