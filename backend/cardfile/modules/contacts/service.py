"""Contacts: every read goes through the access filter; every change writes an activity."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import Row, Select, and_, bindparam, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile.access.filters import (
    bound_visibility,
    visible_classes,
    visible_contacts,
    visible_contacts_bound,
)
from cardfile.access.models import ContactClass
from cardfile.access.owned import erase_contact_rows
from cardfile.access.principal import Principal
from cardfile.api.fields import check_storable
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.modules.companies.models import Company
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.custom_fields import validate_custom
from cardfile.modules.contacts.models import Contact, ContactTag, Tag
from cardfile.modules.contacts.phones import e164
from cardfile.modules.contacts.tags import set_contact_tags, tag_names, tag_names_column
from cardfile.modules.gdpr.suppressions import FORGOTTEN_MESSAGE, is_forgotten

PROFILE_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "phone",
    "phone_display",
    "company",
    "company_id",
    "job_title",
    "time_zone",
    "contact_class_id",
    "next_action",
    "follow_up_at",
    "tracking_disabled",
)
# Where a contact came from, when its creator does not say (an import names its file).
SOURCES = {"user": "Added in Cardfile", "api": "API", "form": "Web form", "import": "Import"}
DUPLICATE_EMAIL = "A contact with this email already exists."
CONTACT_SORTS = {
    name: getattr(Contact, name)
    for name in ("created_at", "updated_at", "email", "first_name", "last_name", "company")
}


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_contacts(principal: Principal, filters: dict[str, Any]) -> Select[Any]:
    """Contacts the principal may see, narrowed by search text, tag name, class and email
    status."""
    stmt = select(Contact).where(visible_contacts(principal, Contact))
    if term := (filters.get("q") or "").strip().lower():
        stmt = stmt.where(Contact.search_text.like(f"%{_escape_like(term)}%"))
    if tag := (filters.get("tag") or "").strip():
        stmt = stmt.where(
            exists().where(
                ContactTag.contact_id == Contact.id,
                ContactTag.tag_id == Tag.id,
                func.lower(Tag.name) == tag.lower(),
            )
        )
    if filters.get("contact_class_id") is not None:
        stmt = stmt.where(Contact.contact_class_id == filters["contact_class_id"])
    if filters.get("email_status"):
        stmt = stmt.where(Contact.email_status == filters["email_status"])
    return stmt


def selected_ids(
    principal: Principal, selection: dict[str, Any], deleted: bool = False
) -> Select[Any]:
    """The ids of a selection ({ids} or {filter}, see SelectionSchema) that the principal
    may see now: a listed id that is hidden (or gone) is simply not there."""
    if "ids" in selection:
        return select(Contact.id).where(
            Contact.id.in_(selection["ids"]),
            visible_contacts(principal, Contact, deleted=deleted),
        )
    return matching_contacts(principal, selection.get("filter") or {}).with_only_columns(Contact.id)


def with_tags(session: Session, contacts: list[Contact]) -> list[Contact]:
    names = tag_names(session, [c.id for c in contacts])
    for contact in contacts:
        contact.tag_names = names[contact.id]  # type: ignore[attr-defined]
    return contacts


TAG_NAMES = tag_names_column(Contact.id)


# A search counts its matches up to here; beyond, the list says "more than 10,000".
SEARCH_COUNT_CAP = 10_000
KEYSET_SORTS = ("created_at", "updated_at")


def list_contacts(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    searching = bool((args.get("q") or "").strip())
    page = paginate(
        session,
        matching_contacts(principal, args),
        args,
        CONTACT_SORTS,
        "-created_at",
        Contact.id,
        sort_index=not searching,
        count_cap=SEARCH_COUNT_CAP if searching else None,
        keyset=KEYSET_SORTS,
    )
    # A second query, not TAG_NAMES: PostgreSQL would evaluate that for every OFFSET row.
    page.items = with_tags(session, list(page.items))
    return page


TRASH_SORTS = {**CONTACT_SORTS, "deleted_at": Contact.deleted_at}


def list_trash(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    """Deleted contacts, restorable until the purge (30 days after deletion)."""
    stmt = select(Contact).where(visible_contacts(principal, Contact, deleted=True))
    if term := (args.get("q") or "").strip().lower():
        stmt = stmt.where(Contact.search_text.like(f"%{_escape_like(term)}%"))
    page = paginate(session, stmt, args, TRASH_SORTS, "-deleted_at", Contact.id)
    page.items = with_tags(session, list(page.items))
    return page


def get_contact(
    session: Session, principal: Principal, contact_id: int, deleted: bool = False
) -> Contact:
    contact = session.scalar(
        select(Contact).where(
            Contact.id == contact_id, visible_contacts(principal, Contact, deleted=deleted)
        )
    )
    if contact is None:
        raise NotFound("Contact")
    return contact


@cache
def _detail_statement(all_contacts: bool) -> Select[Any]:
    """Built once per kind of principal (its cache key is then computed once, too)."""
    return select(*Contact.__table__.c, TAG_NAMES).where(
        Contact.id == bindparam("contact_id"), visible_contacts_bound(Contact, all_contacts)
    )


def contact_detail(session: Session, principal: Principal, contact_id: int) -> Row[Any]:
    """The card: the contact's columns and tag names in one query, read as a plain row (it
    is only shown, so no ORM object is built)."""
    session.flush()  # a change made in this transaction is part of the answer
    statement = _detail_statement(principal.all_contacts)
    params = {"contact_id": contact_id, **bound_visibility(principal)}
    row = session.connection().execute(statement, params).first()
    if row is None:
        raise NotFound("Contact")
    return row


def class_for(session: Session, principal: Principal, class_id: int | None) -> int:
    """The requested class if the principal may use it, else their default class."""
    stmt = select(ContactClass.id).where(visible_classes(principal))
    if class_id is not None:
        found = session.scalar(stmt.where(ContactClass.id == class_id))
        if found is None:
            raise Invalid.field("contact_class_id", "Choose one of your contact classes.")
        return found
    found = session.scalar(stmt.order_by(ContactClass.id).limit(1))
    if found is None:
        raise Invalid.field("contact_class_id", "You have no contact class to add contacts to.")
    return found


def _check_email_free(
    session: Session, principal: Principal, email: str | None, except_id: int | None = None
) -> None:
    if not email:
        return
    stmt = select(Contact.id, Contact.contact_class_id).where(
        func.lower(Contact.email) == email.lower(), Contact.deleted_at.is_(None)
    )
    if except_id is not None:
        stmt = stmt.where(Contact.id != except_id)
    row = session.execute(stmt).first()
    if row is None:
        return
    visible = session.scalar(
        select(exists().where(Contact.id == row.id, visible_contacts(principal, Contact)))
    )
    # Name the existing contact only to someone allowed to see it.
    extra = {"existing_id": row.id} if visible else {}
    raise Conflict(DUPLICATE_EMAIL, errors={"email": [DUPLICATE_EMAIL]}, **extra)


def _flush_unique(session: Session) -> None:
    """Flush; losing a race with a concurrent insert of the same email is a 409 (the
    transaction is spent then, so the winner is not looked up: the request rolls back)."""
    try:
        session.flush()
    except IntegrityError as error:
        raise Conflict(DUPLICATE_EMAIL, errors={"email": [DUPLICATE_EMAIL]}) from error


def _with_phone_forms(data: dict[str, Any]) -> dict[str, Any]:
    """The typed phone is kept for display; `phone` itself becomes E.164 (for matching)."""
    if "phone" not in data:
        return data
    typed = data["phone"]
    return {**data, "phone": e164(typed) if typed else None, "phone_display": typed}


def _with_company(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """A linked company must exist; its name becomes the contact's company text (what the
    list shows, searches and sorts by) unless the caller sets that text too."""
    if data.get("company_id") is None:
        return data
    name = session.scalar(select(Company.name).where(Company.id == data["company_id"]))
    if name is None:
        raise Invalid.field("company_id", "Choose a company of this workspace.")
    return {"company": name, **data} if "company" not in data else data


def create_contact(
    session: Session, principal: Principal, data: dict[str, Any], source: str | None = None
) -> Row[Any]:
    """`source`: where the contact came from ("Import: clients.csv"); by default what the
    actor is (added in Cardfile, API, web form)."""
    data = _with_company(session, _with_phone_forms(data))
    if not data.get("email") and not data.get("phone"):
        raise Invalid(
            {
                "email": ["Enter an email or a phone number."],
                "phone": ["Enter an email or a phone number."],
            }
        )
    class_id = class_for(session, principal, data.get("contact_class_id"))
    custom = validate_custom(session, data.get("custom") or {})
    # GDPR: an address whose person asked to be forgotten is never added again (modules/gdpr).
    if is_forgotten(session, data.get("email")):
        raise Invalid.field("email", FORGOTTEN_MESSAGE)
    _check_email_free(session, principal, data.get("email"))
    actor = principal.actor
    contact = Contact(
        **{k: data.get(k) for k in PROFILE_FIELDS},
        custom=custom,
        created_by_kind=actor.kind,
        created_by_user_id=actor.user_id,
        source=source or SOURCES.get(actor.kind, actor.kind.capitalize()),
    )
    contact.contact_class_id = class_id
    session.add(contact)
    _flush_unique(session)
    added, _ = set_contact_tags(session, contact.id, data.get("tags") or [])
    activity.record(session, contact.id, "created", {"tags": added}, principal.actor)
    return contact_detail(session, principal, contact.id)


def _as_json(value: Any) -> Any:
    """A value as the timeline stores it (JSON): dates as ISO 8601."""
    return value.isoformat() if isinstance(value, datetime) else value


def update_contact(
    session: Session, principal: Principal, contact_id: int, data: dict[str, Any]
) -> Row[Any]:
    contact = get_contact(session, principal, contact_id)
    data = _with_company(session, _with_phone_forms(data))
    changes: dict[str, list[Any]] = {}
    if "contact_class_id" in data:
        if data["contact_class_id"] is None:
            raise Invalid.field("contact_class_id", "Every contact belongs to a class.")
        data["contact_class_id"] = class_for(session, principal, data["contact_class_id"])
    if "email" in data:
        _check_email_free(session, principal, data["email"], except_id=contact.id)
    for key in PROFILE_FIELDS:
        if key in data and data[key] != getattr(contact, key):
            changes[key] = [_as_json(getattr(contact, key)), _as_json(data[key])]
            setattr(contact, key, data[key])
    if not contact.email and not contact.phone:
        raise Invalid({"email": ["Keep an email or a phone number on the contact."]})
    if "custom" in data:
        custom = validate_custom(session, data["custom"] or {}, existing=contact.custom)
        if custom != contact.custom:
            changes["custom"] = [contact.custom, custom]
            contact.custom = custom
    if "tags" in data:
        added, removed = set_contact_tags(session, contact.id, data["tags"] or [])
        if added or removed:
            changes["tags"] = [removed, added]
    if changes:
        contact.updated_at = datetime.now(UTC)
        _flush_unique(session)
        activity.record(session, contact.id, "updated", {"changes": changes}, principal.actor)
    return contact_detail(session, principal, contact.id)


def change_tag(
    session: Session, principal: Principal, contact_id: int, name: str, add: bool
) -> Row[Any]:
    name = name.strip()
    try:
        check_storable(name)
    except ValidationError as error:
        raise Invalid.field("tag", error.messages[0]) from error
    if not name or len(name) > 100:
        raise Invalid.field("tag", "A tag name has 1 to 100 characters.")
    contact = with_tags(session, [get_contact(session, principal, contact_id)])[0]
    names: list[str] = list(contact.tag_names)  # type: ignore[attr-defined]
    lowered = [n.lower() for n in names]
    if add and name.lower() not in lowered:
        names.append(name)
    elif not add:
        names = [n for n in names if n.lower() != name.lower()]
    return update_contact(session, principal, contact_id, {"tags": names})


def delete_contact(session: Session, principal: Principal, contact_id: int) -> None:
    """Soft delete: gone from every view at once; restorable until purged."""
    contact = get_contact(session, principal, contact_id)
    contact.deleted_at = datetime.now(UTC)
    activity.record(session, contact.id, "deleted", {}, principal.actor)


def restore_contact(session: Session, principal: Principal, contact_id: int) -> Row[Any]:
    contact = get_contact(session, principal, contact_id, deleted=True)
    _check_email_free(session, principal, contact.email, except_id=contact.id)
    contact.deleted_at = None
    activity.record(session, contact.id, "restored", {}, principal.actor)
    return contact_detail(session, principal, contact.id)


def purge_deleted(session: Session, older_than: datetime) -> int:
    """Remove soft-deleted contacts for good. Each module's erase runs first (a file's
    stored bytes go too); what is left cascades with the row."""
    gone = and_(Contact.deleted_at.is_not(None), Contact.deleted_at < older_than)
    for contact_id in list(session.scalars(select(Contact.id).where(gone))):
        erase_contact_rows(session, contact_id)
    result = session.execute(Contact.__table__.delete().where(gone))
    return result.rowcount or 0
