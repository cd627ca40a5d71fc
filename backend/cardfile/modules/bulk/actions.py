"""What each bulk action does to one batch of contacts (all visible to the caller): set-based
SQL, a timeline row per contact changed naming the action, and how many changed and how many
were already in that state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.tags import ensure_tags, find_tag, tag_contacts
from cardfile.modules.gdpr.suppressions import suppress_many
from cardfile.modules.hygiene.checks import REASON_TEXT
from cardfile.modules.owners.models import ContactOwner


@dataclass(frozen=True)
class Outcome:
    changed: int
    unchanged: int
    conflicts: int = 0


Apply = Callable[[Session, Sequence[int], dict[str, Any], Actor], Outcome]


def _outcome(ids: Sequence[int], changed: Sequence[int]) -> Outcome:
    return Outcome(changed=len(changed), unchanged=len(ids) - len(changed))


def add_tag(session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor) -> Outcome:
    [tag] = ensure_tags(session, [params["tag"]])
    return _outcome(ids, tag_contacts(session, ids, tag, True, actor, params.get("expires_at")))


def remove_tag(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    tag = find_tag(session, params["tag"])
    changed = tag_contacts(session, ids, tag, False, actor) if tag is not None else []
    return _outcome(ids, changed)


def set_owners(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    """mode add: these users own each contact too; remove: they no longer do; replace: they
    alone do."""
    users, mode = list(params["user_ids"]), params["mode"]
    added: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    if mode in ("remove", "replace"):
        gone = delete(ContactOwner).where(ContactOwner.contact_id.in_(ids))
        if mode == "remove":
            gone = gone.where(ContactOwner.user_id.in_(users))
        else:
            gone = gone.where(ContactOwner.user_id.not_in(users))
        removed = list(
            session.execute(gone.returning(ContactOwner.contact_id, ContactOwner.user_id)).all()
        )
    if mode in ("add", "replace") and users:
        rows = [{"contact_id": c, "user_id": u} for c in ids for u in users]
        added = list(
            session.execute(
                insert(ContactOwner)
                .values(rows)
                .on_conflict_do_nothing()
                .returning(ContactOwner.contact_id, ContactOwner.user_id)
            ).all()
        )
    changes: dict[int, dict[str, list[int]]] = {}
    for key, pairs in (("added", added), ("removed", removed)):
        for contact_id, user_id in pairs:
            changes.setdefault(contact_id, {"added": [], "removed": []})[key].append(user_id)
    activity.record_rows(
        session,
        [
            Happened(c, "owners_changed", {"user_ids": change, "bulk": True})
            for c, change in sorted(changes.items())
        ],
        actor,
    )
    return _outcome(ids, list(changes))


def set_class(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    target = params["contact_class_id"]
    before = dict(
        session.execute(
            select(Contact.id, Contact.contact_class_id).where(
                Contact.id.in_(ids), Contact.contact_class_id != target
            )
        ).all()
    )
    if before:
        session.execute(
            update(Contact)
            .where(Contact.id.in_(list(before)))
            .values(contact_class_id=target, updated_at=func.now())
            .execution_options(synchronize_session=False)
        )
    rows = [
        Happened(c, "updated", {"changes": {"contact_class_id": [old, target]}, "bulk": True})
        for c, old in sorted(before.items())
    ]
    activity.record_rows(session, rows, actor)
    return _outcome(ids, list(before))


def set_field(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    """One custom field to one value (validated by its type before the run); null clears."""
    key, value = params["key"], params["value"]
    current = dict(
        session.execute(select(Contact.id, Contact.custom[key]).where(Contact.id.in_(ids))).all()
    )
    changed = sorted(c for c, old in current.items() if old != value)
    if changed:
        new = (
            Contact.custom.op("-")(key)
            if value is None
            else Contact.custom.op("||")(func.jsonb_build_object(key, func.to_jsonb(value)))
        )
        session.execute(
            update(Contact)
            .where(Contact.id.in_(changed))
            .values(custom=new, updated_at=func.now())
            .execution_options(synchronize_session=False)
        )
    rows = [
        Happened(
            c,
            "updated",
            {"changes": {"custom": [{key: current[c]}, {key: value}]}, "bulk": True},
        )
        for c in changed
    ]
    activity.record_rows(session, rows, actor)
    return _outcome(ids, changed)


def delete_contacts(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    """Soft delete, as one at a time does: restorable from the trash for 30 days."""
    changed = list(
        session.scalars(
            update(Contact)
            .where(Contact.id.in_(ids), Contact.deleted_at.is_(None))
            .values(deleted_at=datetime.now(UTC))
            .returning(Contact.id)
            .execution_options(synchronize_session=False)
        )
    )
    activity.record_many(session, changed, "deleted", {"bulk": True}, actor)
    return _outcome(ids, changed)


def restore_contacts(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    """Back from the trash, except a contact whose email a live contact has taken since
    (a conflict: restore it alone after changing one of them)."""
    rows = session.execute(
        select(Contact.id, Contact.email).where(
            Contact.id.in_(ids), Contact.deleted_at.is_not(None)
        )
    ).all()
    taken = {
        email
        for (email,) in session.execute(
            select(func.lower(Contact.email)).where(
                Contact.deleted_at.is_(None),
                func.lower(Contact.email).in_([e.lower() for _, e in rows if e]),
            )
        )
    }
    seen: set[str] = set()
    restore: list[int] = []
    for contact_id, email in rows:
        key = (email or "").lower()
        if key and (key in taken or key in seen):
            continue
        seen.add(key)
        restore.append(contact_id)
    if restore:
        session.execute(
            update(Contact)
            .where(Contact.id.in_(restore))
            .values(deleted_at=None)
            .execution_options(synchronize_session=False)
        )
    activity.record_many(session, restore, "restored", {"bulk": True}, actor)
    conflicts = len(rows) - len(restore)
    return Outcome(changed=len(restore), unchanged=len(ids) - len(rows), conflicts=conflicts)


def suppress_contacts(
    session: Session, ids: Sequence[int], params: dict[str, Any], actor: Actor
) -> Outcome:
    """Their addresses on the workspace's suppression list (reason "manual"; never mailed or
    imported again) and their email status "suppressed". A contact with no address, or
    already suppressed, is unchanged."""
    rows = session.execute(
        select(Contact.id, Contact.email).where(
            Contact.id.in_(ids),
            Contact.email.is_not(None),
            Contact.email != "",
        )
    ).all()
    suppress_many(session, [email for _, email in rows], "manual")
    changed = list(
        session.scalars(
            update(Contact)
            .where(
                Contact.id.in_([c for c, _ in rows]),
                Contact.email_status.is_distinct_from("suppressed"),
            )
            .values(
                email_status="suppressed",
                email_status_reason=REASON_TEXT["suppressed"],
                email_checked_at=func.now(),
            )
            .returning(Contact.id)
            .execution_options(synchronize_session=False)
        )
    )
    activity.record_many(session, sorted(changed), "email_suppressed", {"bulk": True}, actor)
    return _outcome(ids, changed)


ACTIONS: dict[str, Apply] = {
    "add_tag": add_tag,
    "remove_tag": remove_tag,
    "set_owners": set_owners,
    "set_class": set_class,
    "set_field": set_field,
    "delete": delete_contacts,
    "restore": restore_contacts,
    "suppress": suppress_contacts,
}
LABELS = {
    "add_tag": "Add tag “{tag}”",
    "remove_tag": "Remove tag “{tag}”",
    "set_owners": "Change responsible users",
    "set_class": "Change contact class",
    "set_field": "Set field “{key}”",
    "delete": "Delete contacts",
    "restore": "Restore contacts",
    "suppress": "Suppress addresses",
}
