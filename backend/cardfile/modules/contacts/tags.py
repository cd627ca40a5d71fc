"""Tags: a workspace's vocabulary; counts only include contacts the caller may see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, delete, func, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.activity import Happened
from cardfile.modules.contacts.models import Contact, ContactTag, Tag

TAG_SORTS = {"name": Tag.name, "created_at": Tag.created_at}


def _count(principal: Principal) -> Any:
    return (
        select(func.count())
        .select_from(ContactTag)
        .join(Contact, Contact.id == ContactTag.contact_id)
        .where(ContactTag.tag_id == Tag.id, visible_contacts(principal, Contact))
        .correlate(Tag)
        .scalar_subquery()
    )


def _view(tag: Tag, count: int) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "color": tag.color, "contact_count": count}


def _tags_for(principal: Principal) -> Any:
    """All tags, or for a member restricted to some classes only tags they can see used."""
    count = _count(principal)
    stmt = select(Tag, count)
    return stmt if principal.all_contacts else stmt.where(count > 0)


def list_tags(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt = _tags_for(principal)
    if args.get("q"):
        stmt = stmt.where(func.lower(Tag.name).contains(args["q"].lower(), autoescape=True))
    page = paginate(session, stmt, args, TAG_SORTS, "name", Tag.id, scalars=False)
    page.items = [_view(tag, count) for tag, count in page.items]
    return page


def get_tag(session: Session, principal: Principal, tag_id: int) -> dict[str, Any]:
    row = session.execute(_tags_for(principal).where(Tag.id == tag_id)).first()
    if row is None:
        raise NotFound("Tag")
    return _view(*row)


def find_tag(session: Session, name: str) -> Tag | None:
    return session.scalar(select(Tag).where(func.lower(Tag.name) == name.strip().lower()))


def _save(session: Session, tag: Tag) -> None:
    save_unique(session, tag, "name", "A tag with this name exists.")


def create_tag(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    tag = Tag(**data)
    _save(session, tag)
    return _view(tag, 0)


def update_tag(
    session: Session, principal: Principal, tag_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFound("Tag")
    for key, value in data.items():
        setattr(tag, key, value)
    _save(session, tag)
    return get_tag(session, principal, tag_id)


def delete_tag(session: Session, tag_id: int) -> None:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFound("Tag")
    session.delete(tag)
    session.flush()


def merge_tags(session: Session, principal: Principal, tag_id: int, into_id: int) -> dict[str, Any]:
    """Fold tag `tag_id` into `into_id`: its contacts get `into_id` (once; the later expiry
    wins, none if either has none), `tag_id` is deleted, one timeline row per contact."""
    if tag_id == into_id:
        raise Invalid.field("into_id", "Choose another tag to merge this one into.")
    # Both rows locked in id order, so two merges of the same tags take turns.
    found = {
        t.id: t
        for t in session.scalars(
            select(Tag).where(Tag.id.in_([tag_id, into_id])).order_by(Tag.id).with_for_update()
        )
    }
    if tag_id not in found or into_id not in found:
        raise NotFound("Tag")
    source, target = found[tag_id], found[into_id]
    stmt = insert(ContactTag).from_select(
        ["contact_id", "tag_id", "expires_at", "created_at"],
        select(ContactTag.contact_id, literal(into_id), ContactTag.expires_at, func.now()).where(
            ContactTag.tag_id == tag_id
        ),
    )
    kept, moved = ContactTag.__table__.c.expires_at, stmt.excluded.expires_at
    stmt = stmt.on_conflict_do_update(
        index_elements=["contact_id", "tag_id"],
        set_={
            "expires_at": case(
                (kept.is_(None) | moved.is_(None), None), else_=func.greatest(kept, moved)
            )
        },
    )
    contact_ids = list(session.scalars(stmt.returning(ContactTag.contact_id)))
    data = {"from": source.name, "into": target.name}
    activity.record_rows(
        session, [Happened(c, "tag_merged", data) for c in sorted(contact_ids)], principal.actor
    )
    session.delete(source)
    session.flush()
    return get_tag(session, principal, into_id)


def ensure_tags(session: Session, names: Sequence[str]) -> list[Tag]:
    """Tags by name (case-insensitive), created when missing; keeps the caller's order."""
    # Once per name whatever its case ("VIP" and "vip" are one tag): the first spelling wins.
    first: dict[str, str] = {}
    for name in (n.strip() for n in names):
        if name:
            first.setdefault(name.lower(), name)
    wanted = list(first.values())
    if not wanted:
        return []
    lowered = [n.lower() for n in wanted]
    session.execute(insert(Tag).values([{"name": n} for n in wanted]).on_conflict_do_nothing())
    found = {
        t.name.lower(): t
        for t in session.scalars(select(Tag).where(func.lower(Tag.name).in_(lowered)))
    }
    if len(found) != len(lowered):  # deleted between our insert and this read
        raise Conflict("A tag was deleted at the same moment; try again.")
    return [found[n] for n in lowered]


def tag_names(session: Session, contact_ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {c: [] for c in contact_ids}
    if not contact_ids:
        return names
    rows = session.execute(
        select(ContactTag.contact_id, Tag.name)
        .join(Tag, Tag.id == ContactTag.tag_id)
        .where(ContactTag.contact_id.in_(contact_ids))
        .order_by(func.lower(Tag.name))
    )
    for contact_id, name in rows:
        names[contact_id].append(name)
    return names


def tag_names_column(contact_id: Any) -> Any:
    """The contact's tag names (sorted as tag_names() sorts them) as one array column, so
    a page or a card and its tags come in one query."""
    names = (
        select(Tag.name)
        .join(ContactTag, ContactTag.tag_id == Tag.id)
        .where(ContactTag.contact_id == contact_id)
        .order_by(func.lower(Tag.name))
        .scalar_subquery()
    )
    return func.array(names).label("tag_names")


def tag_contacts(
    session: Session,
    contact_ids: Sequence[int],
    tag: Tag,
    add: bool,
    actor: Actor,
    expires_at: datetime | None = None,
) -> list[int]:
    """Add (or remove) one tag on many contacts at once, with their activities; returns the
    ids that changed (a contact that already had it, or lacked it, is left alone). An added
    tag may come off by itself at `expires_at`."""
    if not contact_ids:
        return []
    if add:
        stmt: Any = (
            insert(ContactTag)
            .values(
                [{"contact_id": c, "tag_id": tag.id, "expires_at": expires_at} for c in contact_ids]
            )
            .on_conflict_do_nothing()
        )
    else:
        stmt = delete(ContactTag).where(
            ContactTag.tag_id == tag.id, ContactTag.contact_id.in_(contact_ids)
        )
    changed = list(session.scalars(stmt.returning(ContactTag.contact_id)))
    kind = "tagged" if add else "untagged"
    activity.record_many(session, changed, kind, {"tag": tag.name, "bulk": True}, actor)
    return changed


def set_contact_tags(
    session: Session, contact_id: int, names: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Replace a contact's tags; returns (added, removed) names."""
    current = set(tag_names(session, [contact_id])[contact_id])
    tags = ensure_tags(session, names)
    wanted = {t.name for t in tags}
    session.execute(
        delete(ContactTag).where(
            ContactTag.contact_id == contact_id, ContactTag.tag_id.not_in([t.id for t in tags])
        )
    )
    if tags:
        session.execute(
            insert(ContactTag)
            .values([{"contact_id": contact_id, "tag_id": t.id} for t in tags])
            .on_conflict_do_nothing()
        )
    return sorted(wanted - current), sorted(current - wanted)


# ---- one contact's tags, some expiring ----------------------------------------------------


def _contact_tag_view(tag: Tag, expires_at: datetime | None) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "color": tag.color, "expires_at": expires_at}


def contact_tags(session: Session, contact_id: int) -> list[dict[str, Any]]:
    """The contact's tags by name, each with its expiry (None: kept until removed)."""
    rows = session.execute(
        select(Tag, ContactTag.expires_at)
        .join(ContactTag, ContactTag.tag_id == Tag.id)
        .where(ContactTag.contact_id == contact_id)
        .order_by(func.lower(Tag.name))
    )
    return [_contact_tag_view(tag, expires_at) for tag, expires_at in rows]


def add_contact_tag(
    session: Session, contact_id: int, name: str, expires_at: datetime | None, actor: Actor
) -> tuple[dict[str, Any], bool]:
    """Put a tag on a contact (created if new), or change the expiry of one it has.
    Returns the tag and whether it was new on this contact."""
    if expires_at is not None and expires_at <= datetime.now(UTC):
        raise Invalid.field("expires_at", "Choose a time in the future for the tag to expire.")
    [tag] = ensure_tags(session, [name])
    current = session.get(ContactTag, (contact_id, tag.id))
    if current is None:
        session.add(ContactTag(contact_id=contact_id, tag_id=tag.id, expires_at=expires_at))
        data = {"tag": tag.name, "expires_at": expires_at.isoformat() if expires_at else None}
        activity.record(session, contact_id, "tag_added", data, actor)
    elif current.expires_at != expires_at:
        data = {"tag": tag.name, "expires_at": [_iso(current.expires_at), _iso(expires_at)]}
        current.expires_at = expires_at
        activity.record(session, contact_id, "tag_expiry_changed", data, actor)
    session.flush()
    return _contact_tag_view(tag, expires_at), current is None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def remove_contact_tag(session: Session, contact_id: int, tag_id: int, actor: Actor) -> None:
    removed = session.execute(
        delete(ContactTag)
        .where(ContactTag.contact_id == contact_id, ContactTag.tag_id == tag_id)
        .returning(ContactTag.tag_id)
    ).first()
    if removed is None:
        raise NotFound("Tag")
    tag = session.get(Tag, tag_id)
    activity.record(session, contact_id, "tag_removed", {"tag": tag.name if tag else ""}, actor)


EXPIRY_BATCH = 5_000


def expire_tags(session: Session, now: datetime, actor: Actor) -> int:
    """Remove one batch of tags whose time is up, each with a "tag_expired" timeline row;
    returns how many (call again until 0)."""
    due = (
        select(ContactTag.contact_id, ContactTag.tag_id)
        .where(ContactTag.expires_at <= now)
        .order_by(ContactTag.expires_at)
        .limit(EXPIRY_BATCH)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    removed = session.execute(
        delete(ContactTag)
        .where(ContactTag.contact_id == due.c.contact_id, ContactTag.tag_id == due.c.tag_id)
        .returning(ContactTag.contact_id, ContactTag.tag_id)
    ).all()
    if not removed:
        return 0
    names = dict(
        session.execute(select(Tag.id, Tag.name).where(Tag.id.in_({t for _, t in removed}))).all()
    )
    rows = [Happened(c, "tag_expired", {"tag": names.get(t, "")}) for c, t in removed]
    activity.record_rows(session, rows, actor)
    return len(removed)


CLOUD_SIZE = 100


def tag_cloud(session: Session, principal: Principal, limit: int = CLOUD_SIZE) -> list[dict]:
    """The most used tags over the contacts the caller may see, with their counts."""
    count = func.count().label("count")
    rows = session.execute(
        select(Tag.id, Tag.name, Tag.color, count)
        .join(ContactTag, ContactTag.tag_id == Tag.id)
        .join(Contact, Contact.id == ContactTag.contact_id)
        .where(visible_contacts(principal, Contact))
        .group_by(Tag.id)
        .order_by(count.desc(), func.lower(Tag.name))
        .limit(limit)
    )
    return [dict(row._mapping) for row in rows]
