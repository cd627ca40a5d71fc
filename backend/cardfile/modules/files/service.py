"""Files on a contact. The bytes are streamed into storage by the route (api/uploads); here
the rules: the contact is visible, the type is allowed and matches the name, each change is
in the timeline, and a deleted row's file leaves storage once the deletion is committed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.actor import actor_name
from cardfile.access.owned import get_visible
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.files.storage import Stored, human_size
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.files.kinds import check, clean_name
from cardfile.modules.files.models import ContactFile, remove_blobs_after_commit

FILE_SORTS = {
    "created_at": ContactFile.created_at,
    "name": ContactFile.name,
    "size": ContactFile.size,
}


def too_large_message(limit: int) -> str:
    return f"Files can be at most {human_size(limit)}."


def _view(row: ContactFile, user_name: str | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "contact_id": row.contact_id,
        "name": row.name,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "uploaded_by_user_id": row.uploaded_by_user_id,
        "uploaded_by_name": actor_name(row.actor_kind, user_name),
        "actor_kind": row.actor_kind,
        "created_at": row.created_at,
    }


def list_files(
    session: Session, principal: Principal, contact_id: int, args: dict[str, Any]
) -> Page:
    """The contact's files, newest first (get_contact is the access check: one contact)."""
    get_contact(session, principal, contact_id)
    stmt = (
        select(ContactFile, User.name)
        .outerjoin(User, User.id == ContactFile.uploaded_by_user_id)
        .where(ContactFile.contact_id == contact_id)
    )
    page = paginate(
        session,
        stmt,
        args,
        FILE_SORTS,
        "-created_at",
        ContactFile.id,
        scalars=False,
        keyset=("created_at",),
    )
    page.items = [_view(row, name) for row, name in page.items]
    return page


def get_file(session: Session, principal: Principal, contact_id: int, file_id: int) -> ContactFile:
    """One file of a contact the principal may see, or NotFound."""
    row: ContactFile = get_visible(session, principal, ContactFile, file_id)
    if row.contact_id != contact_id:  # a file id under another contact's path
        raise NotFound("File")
    return row


def add_file(
    session: Session,
    principal: Principal,
    contact_id: int,
    stored: Stored,
    filename: str,
    content_type: str,
) -> dict[str, Any]:
    """Record a file already streamed into storage. Invalid (on `file`) for a type that is not
    allowed or a name that disguises it; the caller then removes the stored bytes."""
    contact = get_contact(session, principal, contact_id)
    name = clean_name(filename)
    check(name, content_type)
    actor = principal.actor
    row = ContactFile(
        contact_id=contact.id,
        name=name,
        content_type=content_type,
        size=stored.size,
        storage_key=stored.key,
        sha256=stored.sha256,
        uploaded_by_user_id=actor.user_id,
        actor_kind=actor.kind,
    )
    session.add(row)
    session.flush()
    activity.record(session, contact.id, "file_added", {"file": name, "size": row.size}, actor)
    user = session.get(User, actor.user_id) if actor.user_id else None
    return _view(row, user.name if user else None)


def delete_file(session: Session, principal: Principal, contact_id: int, file_id: int) -> None:
    row = get_file(session, principal, contact_id, file_id)
    session.delete(row)
    data = {"file": row.name, "size": row.size}
    activity.record(session, contact_id, "file_deleted", data, principal.actor)
    remove_blobs_after_commit(session, [row.storage_key])
