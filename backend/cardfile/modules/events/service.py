"""Events from outside (page visits, forms, downloads, custom events) on the timeline.

A batch resolves its contacts in at most two queries (by id, by email), writes every
timeline row in one INSERT (so scoring runs once per batch) and is all or nothing: an
event whose contact cannot be found stores nothing of the batch."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.errors import NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import create_contact
from cardfile.modules.events.useragent import describe

# Event type -> timeline kind (the kinds scoring rules match on).
KINDS = {
    "page_visit": "page_visit",
    "form_submitted": "form_submitted",
    "file_downloaded": "file_downloaded",
    "custom": "custom_event",
}
NO_SUCH_ID = "No contact with this id."
NO_SUCH_EMAIL = 'No contact has this email; send "create": true to add one.'


def _timeline_data(event: dict[str, Any]) -> dict[str, Any]:
    kind = event["type"]
    if kind == "page_visit":
        data = {"url": event["url"], "referrer": event.get("referrer")}
        if event.get("user_agent"):
            data.update(describe(event["user_agent"]))
    elif kind == "form_submitted":
        data = {"form": event["form"], "fields": event.get("form_fields")}
    elif kind == "file_downloaded":
        data = {"file": event["file"]}
    else:
        data = {"name": event["name"], "properties": event.get("properties")}
    return {k: v for k, v in data.items() if v is not None}


def _visible_ids(session: Session, principal: Principal, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    stmt = select(Contact.id).where(Contact.id.in_(ids), visible_contacts(principal, Contact))
    return set(session.scalars(stmt))


def _by_email(session: Session, principal: Principal, emails: set[str]) -> dict[str, int | None]:
    """Lower-cased email -> the live contact's id, or None when it is hidden from the
    principal (then it is "not found", and never added again)."""
    if not emails:
        return {}
    stmt = select(
        Contact.id,
        func.lower(Contact.email),
        visible_contacts(principal, Contact).label("visible"),
    ).where(
        func.lower(Contact.email).in_(emails),
        Contact.email.is_not(None),
        Contact.deleted_at.is_(None),
    )
    return {email: (cid if visible else None) for cid, email, visible in session.execute(stmt)}


def _untracked(session: Session, ids: set[int]) -> set[int]:
    """The contacts among `ids` whose tracking is disabled (modules/gdpr)."""
    stmt = select(Contact.id).where(Contact.id.in_(ids), Contact.tracking_disabled)
    return set(session.scalars(stmt)) if ids else set()


def post_events(
    session: Session, principal: Principal, events: list[dict[str, Any]], single: bool = False
) -> dict[str, Any]:
    def name(index: int, field: str) -> str:
        return field if single else f"events.{index}.{field}"

    ids = _visible_ids(
        session, principal, {e["contact_id"] for e in events if e.get("contact_id") is not None}
    )
    wanted = {e["email"].lower() for e in events if e.get("contact_id") is None}
    found = _by_email(session, principal, wanted)
    errors: dict[str, list[str]] = {}
    to_create: dict[str, str] = {}  # lower-cased -> as first written
    for index, event in enumerate(events):
        if event.get("contact_id") is not None:
            if event["contact_id"] not in ids:
                errors[name(index, "contact_id")] = [NO_SUCH_ID]
            continue
        email = event["email"].lower()
        if email in found:
            if found[email] is None:
                errors[name(index, "email")] = [NO_SUCH_EMAIL]
        elif event["create"]:
            to_create.setdefault(email, event["email"])
        else:
            errors[name(index, "email")] = [NO_SUCH_EMAIL]
    if errors:
        raise NotFound("Contact", errors=errors)
    for email, typed in to_create.items():
        found[email] = create_contact(session, principal, {"email": typed}).id
    rows, contact_ids = [], []
    for event in events:
        contact_id = event.get("contact_id") or found[event["email"].lower()]
        contact_ids.append(contact_id)
        rows.append(
            Happened(
                contact_id, KINDS[event["type"]], _timeline_data(event), event.get("occurred_at")
            )
        )
    # GDPR: events about a person who disabled tracking are accepted but not recorded.
    untracked = _untracked(session, set(contact_ids))
    activity.record_rows(
        session, [r for r in rows if r.contact_id not in untracked], principal.actor
    )
    return {"accepted": len(rows), "created_contacts": len(to_create), "contact_ids": contact_ids}
