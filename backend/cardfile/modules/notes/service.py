"""Notes on a contact. Reads and writes go through the contact's visibility; each change
writes a timeline activity naming who made it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.owned import get_visible
from cardfile.access.principal import Principal
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Invalid, NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.notes.models import Note
from cardfile.modules.notes.sanitize import clean_html, plain_text

PREVIEW = 120


def _view(note: Note, author_name: str | None) -> dict[str, Any]:
    return {
        "id": note.id,
        "contact_id": note.contact_id,
        "body": note.body,
        "pinned": note.pinned,
        "author_name": author_name,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }


def list_notes(
    session: Session, principal: Principal, contact_id: int, args: dict[str, Any]
) -> Page:
    """Pinned notes first, then the newest (get_contact is the access check: one contact)."""
    get_contact(session, principal, contact_id)
    stmt = (
        select(Note, User.name)
        .outerjoin(User, User.id == Note.author_id)
        .where(Note.contact_id == contact_id)
        .order_by(Note.pinned.desc())
    )
    page = paginate(
        session, stmt, args, {"created_at": Note.created_at}, "-created_at", Note.id, scalars=False
    )
    page.items = [_view(note, name) for note, name in page.items]
    return page


def _note(session: Session, principal: Principal, contact_id: int, note_id: int) -> Note:
    note: Note = get_visible(session, principal, Note, note_id)
    if note.contact_id != contact_id:  # a note id under another contact's path
        raise NotFound("Note")
    return note


def _clean_body(body: str) -> str:
    cleaned = clean_html(body)
    if not plain_text(cleaned):
        raise Invalid.field("body", "Write something in the note.")
    return cleaned


def get_note(
    session: Session, principal: Principal, contact_id: int, note_id: int
) -> dict[str, Any]:
    note = _note(session, principal, contact_id, note_id)
    return _view(note, _author_name(session, note))


def _author_name(session: Session, note: Note) -> str | None:
    return session.get(User, note.author_id).name if note.author_id else None


def create_note(
    session: Session, principal: Principal, contact_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    contact = get_contact(session, principal, contact_id)
    actor = principal.actor
    note = Note(
        contact_id=contact.id,
        body=_clean_body(data["body"]),
        pinned=data.get("pinned", False),
        author_id=actor.user_id,
        actor_kind=actor.kind,
    )
    session.add(note)
    session.flush()
    preview = plain_text(note.body)[:PREVIEW]
    activity.record(session, contact.id, "note_added", {"note": preview}, actor)
    return _view(note, _author_name(session, note))


def update_note(
    session: Session, principal: Principal, contact_id: int, note_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    note = _note(session, principal, contact_id, note_id)
    kind = None
    if "body" in data:
        note.body, kind = _clean_body(data["body"]), "note_edited"
    if "pinned" in data and data["pinned"] != note.pinned:
        note.pinned = data["pinned"]
        kind = kind or ("note_pinned" if note.pinned else "note_unpinned")
    if kind is not None:
        note.updated_at = datetime.now(UTC)
        preview = plain_text(note.body)[:PREVIEW]
        activity.record(session, contact_id, kind, {"note": preview}, principal.actor)
    return _view(note, _author_name(session, note))


def delete_note(session: Session, principal: Principal, contact_id: int, note_id: int) -> None:
    note = _note(session, principal, contact_id, note_id)
    preview = plain_text(note.body)[:PREVIEW]
    session.delete(note)
    activity.record(session, contact_id, "note_deleted", {"note": preview}, principal.actor)
