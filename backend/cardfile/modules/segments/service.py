"""Segments: saved rules, and the live count and preview of any rules, always within the
contacts the caller may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.modules.contacts.models import Contact
from cardfile.modules.segments.models import Segment
from cardfile.modules.segments.rules import compile_rules, validate

SEGMENT_SORTS = {
    "name": Segment.name,
    "created_at": Segment.created_at,
    "updated_at": Segment.updated_at,
}
PREVIEW_SORTS = {
    "created_at": Contact.created_at,
    "email": Contact.email,
    "last_name": Contact.last_name,
    "score": Contact.score,
}


def get_segment(session: Session, segment_id: int, deleted: bool = False) -> Segment:
    found = session.get(Segment, segment_id)
    if found is None or (found.deleted_at is not None) != deleted:
        raise NotFound("Segment")
    return found


def list_segments(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(Segment).where(
        Segment.deleted_at.is_not(None) if args.get("deleted") else Segment.deleted_at.is_(None)
    )
    if args.get("q"):
        stmt = stmt.where(Segment.name.icontains(args["q"], autoescape=True))
    return paginate(session, stmt, args, SEGMENT_SORTS, "name", Segment.id)


def create_segment(session: Session, principal: Principal, data: dict[str, Any]) -> Segment:
    segment = Segment(
        name=data["name"],
        description=data.get("description"),
        rules=validate(session, data["rules"]),
        created_by=principal.user_id,
    )
    session.add(segment)
    session.flush()
    return segment


def update_segment(session: Session, segment_id: int, data: dict[str, Any]) -> Segment:
    segment = get_segment(session, segment_id)
    if "rules" in data:
        data = {**data, "rules": validate(session, data["rules"])}
    for key, value in data.items():
        setattr(segment, key, value)
    segment.updated_at = utcnow()
    session.flush()
    return segment


def delete_segment(session: Session, segment_id: int) -> None:
    get_segment(session, segment_id).deleted_at = utcnow()


def restore_segment(session: Session, segment_id: int) -> Segment:
    segment = get_segment(session, segment_id, deleted=True)
    segment.deleted_at = None
    return segment


def matching(session: Session, principal: Principal, rules: dict[str, Any]) -> Select[Any]:
    """Contacts matching already validated rules, among those the principal may see."""
    return select(Contact).where(
        visible_contacts(principal, Contact), compile_rules(session, rules)
    )


def count(session: Session, principal: Principal, rules: Any) -> dict[str, int]:
    checked = validate(session, rules)
    stmt = matching(session, principal, checked).with_only_columns(func.count())
    return {"count": int(session.scalar(stmt) or 0)}


def preview(session: Session, principal: Principal, rules: Any, args: dict[str, Any]) -> Page:
    checked = validate(session, rules)
    return paginate(
        session,
        matching(session, principal, checked),
        args,
        PREVIEW_SORTS,
        "-created_at",
        Contact.id,
    )
