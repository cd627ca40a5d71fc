"""The contact's activity log: one row per state change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    Select,
    bindparam,
    extract,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, insert
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor, actor_name
from cardfile.auth.models import User
from cardfile.db.base import utcnow
from cardfile.db.bulk import insert_rows, unnest_rows
from cardfile.db.pagination import Page, decode_cursor, encode_cursor, paginate
from cardfile.modules.contacts.models import Activity, ActivityCount, Contact


@dataclass(frozen=True)
class Happened:
    """One timeline row to write; `at` defaults to now (events from outside bring their own)."""

    contact_id: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    at: datetime | None = None


# Called in the writing transaction with every batch of rows written (scoring listens here).
Listener = Callable[[Session, Sequence[Happened], Actor], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Have `listener` called after each batch of activities is written (same transaction)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def record_rows(session: Session, rows: Sequence[Happened], actor: Actor) -> None:
    """Write timeline rows in one INSERT, move each contact's `last_activity_at` forward and
    tell the listeners."""
    if not rows:
        return
    now = utcnow()
    insert_rows(
        session,
        Activity,
        [
            {
                "contact_id": r.contact_id,
                "kind": r.kind,
                "data": r.data,
                "actor_user_id": actor.user_id,
                "actor_kind": actor.kind,
                "created_at": r.at or now,
            }
            for r in rows
        ],
    )
    _count(session, rows, now)
    latest: dict[int, datetime] = {}
    for r in rows:
        at = r.at or now
        latest[r.contact_id] = max(at, latest.get(r.contact_id, at))
    given = unnest_rows(
        Contact, [{"id": c, "last_activity_at": at} for c, at in latest.items()], "latest"
    )
    _move_last_activity(session, given.c.id, given.c.last_activity_at)
    for listener in _listeners:
        listener(session, rows, actor)


BUCKET_SECONDS = 15 * 60


def bucket_of(at: datetime) -> datetime:
    """The start of the 15 minutes (UTC) `at` falls in."""
    return datetime.fromtimestamp(at.timestamp() // BUCKET_SECONDS * BUCKET_SECONDS, UTC)


def _count(session: Session, rows: Sequence[Happened], now: datetime) -> None:
    """Add the rows to the histogram's buckets (one upsert)."""
    counts = Counter((r.contact_id, r.kind, bucket_of(r.at or now)) for r in rows)
    given = unnest_rows(
        ActivityCount,
        [
            {"contact_id": c, "kind": k, "bucket": b, "count": n}
            for (c, k, b), n in sorted(counts.items())  # one lock order for every writer
        ],
    )
    _add_counts(session, select(*given.c))


def _add_counts(session: Session, source: Select[Any]) -> None:
    """(contact_id, kind, bucket, count) rows added to the histogram's buckets."""
    stmt = insert(ActivityCount).from_select(["contact_id", "kind", "bucket", "count"], source)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["contact_id", "kind", "bucket"],
            set_={"count": ActivityCount.count + stmt.excluded.count},
        )
    )


def _move_last_activity(session: Session, contact_id: Any, at: Any) -> None:
    """Each contact's `last_activity_at` to `at`, in one UPDATE, never moved back by an
    older event (`contact_id` and `at`: columns of a derived table, or a value)."""
    session.execute(
        update(Contact)
        .where(Contact.id == contact_id)
        .where(or_(Contact.last_activity_at.is_(None), Contact.last_activity_at < at))
        .values(last_activity_at=at)
        .execution_options(synchronize_session=False)
    )


def record(
    session: Session, contact_id: int, kind: str, data: dict[str, Any], actor: Actor
) -> None:
    record_rows(session, [Happened(contact_id, kind, data)], actor)


def record_many(
    session: Session,
    contact_ids: Iterable[int],
    kind: str,
    data: dict[str, Any],
    actor: Actor,
    touch: bool = True,
) -> None:
    """The same row on many contacts: what record_rows does, with the ids as the only array
    (a big import's or bulk action's batch costs a few statements, not a dump per row).
    touch=False: the caller has set the contacts' `last_activity_at` already (new ones)."""
    ids = sorted(set(contact_ids))
    if not ids:
        return
    now = utcnow()
    given = select(func.unnest(bindparam("ids", ids, type_=ARRAY(BigInteger))).label("id"))
    given = given.subquery("given")
    session.execute(
        insert(Activity).from_select(
            ["contact_id", "kind", "data", "actor_user_id", "actor_kind", "created_at"],
            select(
                given.c.id,
                literal(kind),
                literal(data, JSONB),
                literal(actor.user_id, BigInteger),
                literal(actor.kind),
                literal(now, DateTime(timezone=True)),
            ),
        )
    )
    bucket = literal(bucket_of(now), DateTime(timezone=True))
    _add_counts(session, select(given.c.id, literal(kind), bucket, literal(1)))
    if touch:
        _move_last_activity(session, given.c.id, literal(now, DateTime(timezone=True)))
    if _listeners:
        rows = [Happened(c, kind, data, now) for c in ids]
        for listener in _listeners:
            listener(session, rows, actor)


def _view(a: Activity, user_name: str | None) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "data": a.data,
        "actor_kind": a.actor_kind,
        "actor_name": actor_name(a.actor_kind, user_name),
        "created_at": a.created_at,
    }


def _of_contact(contact_id: int, kinds: Sequence[str]) -> Select[Any]:
    stmt = (
        select(Activity, User.name)
        .outerjoin(User, User.id == Activity.actor_user_id)
        .where(Activity.contact_id == contact_id)
    )
    return stmt.where(Activity.kind.in_(kinds)) if kinds else stmt


def parse_kinds(value: str | None) -> list[str]:
    """ "note_added, tag_added" -> ["note_added", "tag_added"]."""
    return [k.strip() for k in (value or "").split(",") if k.strip()]


def list_activities(session: Session, contact_id: int, args: dict[str, Any]) -> Page:
    """Page-numbered (the older form of the timeline; `timeline` is keyset)."""
    page = paginate(
        session,
        _of_contact(contact_id, ()),
        args,
        {"created_at": Activity.created_at},
        "-created_at",
        Activity.id,
        scalars=False,
    )
    page.items = [_view(a, name) for a, name in page.items]
    return page


def timeline(
    session: Session, contact_id: int, kinds: Sequence[str], before: str | None, limit: int
) -> dict[str, Any]:
    """Newest first, `limit` rows older than the `before` cursor: one index range scan,
    as fast on page 1,000 as on page 1."""
    stmt = _of_contact(contact_id, kinds)
    if before:
        at, row_id = decode_cursor(before, field="before")
        stmt = stmt.where(tuple_(Activity.created_at, Activity.id) < tuple_(at, row_id))
    rows = session.execute(
        stmt.order_by(Activity.created_at.desc(), Activity.id.desc()).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if more else None
    return {
        "items": [_view(a, name) for a, name in rows],
        "next": encode_cursor(last.created_at, last.id) if last else None,
    }


def histogram(
    session: Session, contact_id: int, by: str, tz: str, kinds: Sequence[str]
) -> dict[str, Any]:
    """How many activities fell in each hour of the day (0-23) or ISO weekday (1 = Monday),
    counted in the viewer's time zone `tz` (from the 15-minute counts, not every row)."""
    per_bucket = select(ActivityCount.bucket, func.sum(ActivityCount.count).label("n")).where(
        ActivityCount.contact_id == contact_id
    )
    if kinds:
        per_bucket = per_bucket.where(ActivityCount.kind.in_(kinds))
    # Kinds summed first, so each bucket's local time is worked out once.
    buckets = per_bucket.group_by(ActivityCount.bucket).subquery()
    local = func.timezone(tz, buckets.c.bucket)
    key = extract("hour" if by == "hour" else "isodow", local).cast(Integer).label("key")
    stmt = select(key, func.sum(buckets.c.n)).group_by(key)
    counts = {k: int(n) for k, n in session.execute(stmt).all()}
    keys = range(24) if by == "hour" else range(1, 8)
    return {"by": by, "tz": tz, "buckets": [{"key": k, "count": counts.get(k, 0)} for k in keys]}
