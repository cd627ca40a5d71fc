"""Booking a slot, rescheduling and cancelling: the rules, for the public page and staff alike.

What keeps two bookings apart is PostgreSQL: each booking is inserted in a savepoint and the
exclusion constraint refuses one whose held time (buffers included) overlaps a confirmed
booking of the same member. A refused member of a team calendar gives way to the next free
one; when none is left the visitor gets a 409 with the slots still free. Inserts into one
member's day queue on a transaction lock on (member, day), so they never deadlock in the
constraint's check, and a booking type's limit per day is counted under it: two bookings made
at once cannot both take the last place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

from psycopg.errors import DeadlockDetected, ExclusionViolation
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.access.principal import system_principal
from cardfile.errors import ApiError, Conflict, Invalid, NotFound
from cardfile.modules.bookings import availability
from cardfile.modules.bookings.availability import Rules, Slot
from cardfile.modules.bookings.models import CANCELLED, CONFIRMED, Booking, BookingType, Calendar
from cardfile.modules.bookings.service import live_types, overrides_by_date, workspace_of
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import create_contact
from cardfile.modules.gdpr.suppressions import is_forgotten
from cardfile.modules.owners.people import active_members
from cardfile.slugs import SLUG_RE

TAKEN = "Sorry, this time was just taken. Please choose another one."
NOT_FREE = "This time is not available. Please choose one of the free times."
DEADLOCK_RETRIES = 5
UNUSABLE_EMAIL = "This address cannot be used to book; please use another one."
NAME_PART = 100  # contacts.first_name / last_name
ROUND_ROBIN_MEMORY = timedelta(days=90)
PAST = "This booking has already taken place or was cancelled; it can no longer be changed."


@dataclass(frozen=True)
class Proof:
    """Where a public booking came from: kept with the consent."""

    ip: str | None
    user_agent: str | None


def _rules(booking_type: BookingType, now: datetime) -> Rules:
    return Rules(
        duration=timedelta(minutes=booking_type.duration_minutes),
        buffer_before=timedelta(minutes=booking_type.buffer_before),
        buffer_after=timedelta(minutes=booking_type.buffer_after),
        earliest=now + timedelta(minutes=booking_type.min_notice_minutes),
        latest=now + timedelta(days=booking_type.max_days_ahead),
        max_per_day=booking_type.max_per_day,
    )


def slots(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    start: datetime,
    end: datetime,
    ignore_booking: int | None = None,
) -> list[Slot]:
    """The free slots starting in [start, end) (UTC), each with the members free then."""
    now = datetime.now(UTC)
    rules = _rules(booking_type, now)
    start, end = max(start, rules.earliest), min(end, rules.latest + timedelta(seconds=1))
    members = still_members(session, calendar.member_ids)
    if start >= end or not members:
        return []
    zone = ZoneInfo(calendar.time_zone)
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    overrides = overrides_by_date(session, calendar.id, first_day, last_day)
    windows = availability.working_windows(calendar.weekly_hours, overrides, zone, start, end)
    if not windows:
        return []
    span = Range(windows[0].start - timedelta(days=1), windows[-1].end + timedelta(days=1))
    mine = (
        Booking.user_id.in_(members),
        Booking.status == CONFIRMED,
        Booking.blocked.op("&&")(span),
    )
    if ignore_booking is not None:
        mine += (Booking.id != ignore_booking,)
    held_from, held_until = func.lower(Booking.blocked), func.upper(Booking.blocked)
    held = availability.held_times(
        session.execute(
            select(Booking.user_id, held_from, held_until)
            .where(*mine)
            .order_by(Booking.user_id, held_from)
        )
    )
    per_day: dict[Any, int] = {}
    if booking_type.max_per_day is not None:
        local_day = func.date(func.timezone(calendar.time_zone, Booking.starts_at))
        rows = session.execute(
            select(Booking.user_id, local_day, func.count())
            .where(*mine, Booking.booking_type_id == booking_type.id)
            .group_by(Booking.user_id, local_day)
        )
        per_day = {(user_id, day): count for user_id, day, count in rows}
    free = availability.free_slots(windows, rules, members, held, per_day, zone, start, end)
    return _round_robin(session, calendar, free) if len(members) > 1 else free


def still_members(session: Session, user_ids: list[int]) -> list[int]:
    """Those of `user_ids` who are members of the workspace still: someone who left is
    neither offered nor mailed."""
    active = active_members(int(session.info["workspace_id"]))
    still = set(session.scalars(select(active.c.user_id).where(active.c.user_id.in_(user_ids))))
    return [m for m in user_ids if m in still]


def _round_robin(session: Session, calendar: Calendar, free: list[Slot]) -> list[Slot]:
    """Offer a team's members the one booked longest ago (or never, within 90 days) first."""
    last = dict(
        session.execute(
            select(Booking.user_id, func.max(Booking.created_at))
            .where(
                Booking.calendar_id == calendar.id,
                Booking.created_at >= datetime.now(UTC) - ROUND_ROBIN_MEMORY,
            )
            .group_by(Booking.user_id)
        ).all()
    )
    never = datetime.min.replace(tzinfo=UTC)
    members = {m for s in free for m in s.user_ids}
    order = sorted(members, key=lambda m: (last.get(m, never), m))
    rank = {m: i for i, m in enumerate(order)}
    return [Slot(s.start, s.end, tuple(sorted(s.user_ids, key=rank.__getitem__))) for s in free]


def slots_in_days(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    first: Any,
    last: Any,
    zone: tzinfo,
    ignore_booking: int | None = None,
) -> list[dict[str, str]]:
    """The free slots of the visitor's days first..last, written in the visitor's zone."""
    start, end = availability.visitor_day_bounds(first, last, zone)
    return [
        {"start": s.start.astimezone(zone).isoformat(), "end": s.end.astimezone(zone).isoformat()}
        for s in slots(session, calendar, booking_type, start, end, ignore_booking)
    ]


def bookable_calendar(session: Session, slug: str) -> Calendar:
    if not SLUG_RE.match(slug.lower()):
        raise NotFound("Calendar")
    calendar = session.scalar(
        select(Calendar).where(
            Calendar.slug == slug.lower(), Calendar.deleted_at.is_(None), Calendar.active
        )
    )
    if calendar is None:
        raise NotFound("Calendar")
    return calendar


def type_by_slug(
    session: Session, calendar: Calendar, slug: str, field: str = "type"
) -> BookingType:
    for booking_type in live_types(session, calendar.id):
        if booking_type.slug == slug.lower():
            return booking_type
    raise Invalid.field(field, "No such booking type on this page; choose one of the list.")


def _taken(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    start: datetime,
    zone: tzinfo,
    message: str,
    ignore_booking: int | None = None,
) -> ApiError:
    """A 409 that carries the slots of that day still free, for the visitor to pick again."""
    day = start.astimezone(zone).date()
    fresh = slots_in_days(session, calendar, booking_type, day, day, zone, ignore_booking)
    return Conflict(message, errors={"start": [message]}, slots=fresh)


def _lock_member_day(session: Session, calendar: Calendar, user_id: int, start: datetime) -> Any:
    """A transaction lock on (this workspace's member, local day), taken before a booking is
    inserted: bookings of one member's day queue up instead of deadlocking in the exclusion
    check, and counting a day's bookings and adding one happen as one step. Advisory locks
    are per database: the workspace is part of the key. Returns the local day."""
    day = start.astimezone(ZoneInfo(calendar.time_zone)).date()
    key = f"booking-day:{session.info.get('workspace_id')}:{user_id}:{day}"
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
    return day


def _day_is_full(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    user_id: int,
    day: Any,
    ignore_booking: int | None,
) -> bool:
    if booking_type.max_per_day is None:
        return False
    local_day = func.date(func.timezone(calendar.time_zone, Booking.starts_at))
    around = datetime.combine(day, datetime.min.time(), UTC)
    stmt = select(func.count()).where(
        Booking.user_id == user_id,
        Booking.booking_type_id == booking_type.id,
        Booking.status == CONFIRMED,
        Booking.starts_at.between(around - timedelta(days=1), around + timedelta(days=2)),
        local_day == day,
    )
    if ignore_booking is not None:
        stmt = stmt.where(Booking.id != ignore_booking)
    return (session.scalar(stmt) or 0) >= booking_type.max_per_day


def _hold(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    slot: Slot,
    place: Any,
    ignore_booking: int | None = None,
) -> int | None:
    """Put `place` (a new or moved booking) on the first member of the slot who can still take
    it; the member's id, or None when every one of them was taken meanwhile.

    Two inserts at once may still each find the other's uncommitted row and wait for it (when
    held times cross midnight): PostgreSQL ends that deadlock by failing one, whose savepoint
    is then tried again (by then the other has committed, so it fails cleanly, or rolled back,
    so it succeeds)."""
    for user_id in slot.user_ids:
        for _attempt in range(DEADLOCK_RETRIES):
            try:
                with session.begin_nested():
                    day = _lock_member_day(session, calendar, user_id, slot.start)
                    if _day_is_full(session, calendar, booking_type, user_id, day, ignore_booking):
                        break
                    place(user_id)
                    session.flush()
                return user_id
            except DBAPIError as error:
                if isinstance(error.orig, ExclusionViolation):
                    break  # this member was taken: the next one
                if not isinstance(error.orig, DeadlockDetected):
                    raise
    return None


def _find_slot(
    session: Session,
    calendar: Calendar,
    booking_type: BookingType,
    start: datetime,
    ignore_booking: int | None = None,
) -> Slot | None:
    start = start.astimezone(UTC)
    around = slots(
        session,
        calendar,
        booking_type,
        start - timedelta(minutes=1),
        start + timedelta(minutes=1),
        ignore_booking,
    )
    return next((s for s in around if s.start == start), None)


def _held(booking_type: BookingType, start: datetime, end: datetime) -> Range[datetime]:
    return Range(
        start - timedelta(minutes=booking_type.buffer_before),
        end + timedelta(minutes=booking_type.buffer_after),
    )


def _check_answers(booking_type: BookingType, answers: dict[str, Any]) -> dict[str, str]:
    kept, problems = {}, {}
    for question in booking_type.questions:
        value = (answers.get(question["key"]) or "").strip()
        if not question.get("multiline"):
            value = " ".join(value.split())  # one line, as the form field
        if len(value) > 2000:
            problems[question["key"]] = ["Keep the answer under 2,000 characters."]
        elif "\x00" in value or not _encodable(value):
            problems[question["key"]] = ["This answer has a broken character; type it again."]
        elif value:
            kept[question["key"]] = value
        elif question.get("required"):
            problems[question["key"]] = ["Answer this question."]
    if problems:
        raise Invalid({"answers": problems})
    return kept


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _contact_for(session: Session, workspace_id: int, email: str, name: str) -> int:
    """The contact with this email (any case), or a new one. An address whose person asked
    to be forgotten is never added again, so it cannot book (a booking lives on a contact);
    the answer does not say why, so the page tells no one who asked."""
    if is_forgotten(session, email):
        raise Invalid.field("email", UNUSABLE_EMAIL)
    existing = select(Contact.id).where(
        func.lower(Contact.email) == email.lower(), Contact.deleted_at.is_(None)
    )
    found = session.scalar(existing)
    if found is not None:
        return int(found)
    first, _, last = name.partition(" ")
    profile = {
        "email": email,
        "first_name": first[:NAME_PART] or None,
        "last_name": last.strip()[:NAME_PART] or None,
    }
    try:
        with session.begin_nested():
            created = create_contact(
                session, system_principal(workspace_id, via="form"), profile, source="Booking page"
            )
        return int(created.id)
    except Conflict:
        # Booked at the same moment by the same new person: the other booking made them.
        found = session.scalar(existing)
        if found is None:
            raise
        return int(found)


def book(
    session: Session,
    workspace_id: int,
    calendar: Calendar,
    data: dict[str, Any],
    proof: Proof,
    actor: Actor,
) -> Booking:
    booking_type = type_by_slug(session, calendar, data["type"])
    if not data["consent"]:
        raise Invalid.field("consent", "Tick the box to agree, so we can keep your booking.")
    answers = _check_answers(booking_type, data.get("answers") or {})
    # Fresh slots of a lost time are written in the visitor's zone, or else in the offset
    # their own start came with; the booking keeps an IANA zone for its mail.
    visitor_zone: tzinfo = ZoneInfo(data["tz"]) if data.get("tz") else data["start"].tzinfo
    slot = _find_slot(session, calendar, booking_type, data["start"])
    if slot is None:
        raise _taken(session, calendar, booking_type, data["start"], visitor_zone, NOT_FREE)
    now = datetime.now(UTC)
    booking = Booking(
        uid=f"{uuid4()}@cardfile",
        calendar_id=calendar.id,
        booking_type_id=booking_type.id,
        starts_at=slot.start,
        ends_at=slot.end,
        blocked=_held(booking_type, slot.start, slot.end),
        status=CONFIRMED,
        name=data["name"],
        email=data["email"],
        time_zone=data.get("tz") or calendar.time_zone,
        answers=answers,
        location=booking_type.location,
        consent_text=calendar.consent_text,
        consented_at=now,
        ip=proof.ip,
        user_agent=(proof.user_agent or "")[:300] or None,
        source="public",
    )

    def place(user_id: int) -> None:
        booking.user_id = user_id
        session.add(booking)

    # The contact first, outside the member's day lock (a lost slot rolls it back too).
    booking.contact_id = _contact_for(session, workspace_id, data["email"], data["name"])
    if _hold(session, calendar, booking_type, slot, place) is None:
        raise _taken(session, calendar, booking_type, slot.start, visitor_zone, TAKEN)
    _record(session, booking, booking_type, "booking_made", actor)
    _notify(session, booking, "confirmed")
    return booking


def _record(
    session: Session, booking: Booking, booking_type: BookingType, kind: str, actor: Actor
) -> None:
    if booking.contact_id is None:
        return
    data = {
        "booking_id": booking.id,
        "type": booking_type.name,
        "start": booking.starts_at.isoformat(),
        "status": booking.status,
    }
    activity.record(session, booking.contact_id, kind, data, actor)


def _notify(session: Session, booking: Booking, what: str) -> None:
    """Mail the customer and the member once this transaction commits."""
    from cardfile.jobs.core import enqueue_task
    from cardfile.modules.bookings.jobs import deliver_booking_mail

    enqueue_task(
        session,
        deliver_booking_mail,
        queue="mail",
        booking_id=booking.id,
        what=what,
        sequence=booking.sequence,
    )


def _changeable(booking: Booking) -> None:
    if booking.status != CONFIRMED or booking.starts_at <= datetime.now(UTC):
        raise Conflict(PAST)


def reschedule(
    session: Session, booking: Booking, start: datetime, zone_name: str | None, actor: Actor
) -> Booking:
    """Move a booking to another free slot of its type: the same member when free, else the
    next free one of a team; the same UID, a higher SEQUENCE. To its own time: unchanged."""
    _changeable(booking)
    if start == booking.starts_at:
        return booking
    calendar = session.get(Calendar, booking.calendar_id)
    booking_type = session.get(BookingType, booking.booking_type_id)
    assert calendar is not None and booking_type is not None
    zone = ZoneInfo(zone_name or booking.time_zone)
    slot = _find_slot(session, calendar, booking_type, start, ignore_booking=booking.id)
    if slot is None:
        raise _taken(session, calendar, booking_type, start, zone, NOT_FREE, booking.id)
    if booking.user_id in slot.user_ids:  # keep the member the customer had
        slot = Slot(
            slot.start,
            slot.end,
            (booking.user_id,) + tuple(u for u in slot.user_ids if u != booking.user_id),
        )

    def move(user_id: int) -> None:
        booking.user_id = user_id
        booking.starts_at, booking.ends_at = slot.start, slot.end
        booking.blocked = _held(booking_type, slot.start, slot.end)

    if _hold(session, calendar, booking_type, slot, move, ignore_booking=booking.id) is None:
        session.refresh(booking)
        raise _taken(session, calendar, booking_type, start, zone, TAKEN, booking.id)
    booking.sequence += 1
    booking.reminded_24h_at = booking.reminded_1h_at = None
    if zone_name:
        booking.time_zone = zone_name
    booking.updated_at = datetime.now(UTC)
    _record(session, booking, booking_type, "booking_rescheduled", actor)
    _notify(session, booking, "rescheduled")
    return booking


def cancel(
    session: Session, booking: Booking, by: str, reason: str | None, actor: Actor
) -> Booking:
    """Cancel (again: nothing changes); the customer and the member get a CANCEL."""
    if booking.status == CANCELLED:
        return booking
    _changeable(booking)
    booking.status = CANCELLED
    booking.cancelled_at = datetime.now(UTC)
    booking.cancelled_by, booking.cancel_reason = by, reason
    booking.sequence += 1
    booking.updated_at = booking.cancelled_at
    booking_type = session.get(BookingType, booking.booking_type_id)
    assert booking_type is not None
    _record(session, booking, booking_type, "booking_cancelled", actor)
    _notify(session, booking, "cancelled")
    return booking


def locked(session: Session, booking: Booking) -> Booking:
    """The booking re-read under a row lock: two changes of one booking at once (a cancel and
    a reschedule, two reschedules) happen one after the other, each seeing the other's."""
    session.refresh(booking, with_for_update=True)
    return booking


def booking_by_link(session: Session, payload: dict[str, Any]) -> Booking:
    booking = session.get(Booking, int(payload.get("booking", 0)), with_for_update=True)
    if booking is None:
        raise NotFound("Booking")
    return booking


def public_view(
    session: Session, workspace_id: int, booking: Booking, token: str, manage: str
) -> dict[str, Any]:
    calendar = session.get(Calendar, booking.calendar_id)
    booking_type = session.get(BookingType, booking.booking_type_id)
    assert calendar is not None and booking_type is not None
    from cardfile.auth.models import User

    member = session.get(User, booking.user_id)
    zone = ZoneInfo(booking.time_zone)
    workspace = workspace_of(session, workspace_id)
    return {
        "id": booking.id,
        "status": booking.status,
        "start": booking.starts_at.astimezone(zone).isoformat(),
        "end": booking.ends_at.astimezone(zone).isoformat(),
        "time_zone": booking.time_zone,
        "name": booking.name,
        "email": booking.email,
        "workspace_name": workspace.name,
        "workspace_slug": workspace.slug,
        "calendar_name": calendar.name,
        "calendar_slug": calendar.slug,
        "type": public_type(booking_type),
        "member_name": member.name if member else None,
        "can_change": booking.status == CONFIRMED and booking.starts_at > datetime.now(UTC),
        "token": token,
        "manage_url": manage,
    }


def public_type(t: BookingType) -> dict[str, Any]:
    return {
        "name": t.name,
        "slug": t.slug,
        "description": t.description,
        "location": t.location,
        "duration_minutes": t.duration_minutes,
        "min_notice_minutes": t.min_notice_minutes,
        "max_days_ahead": t.max_days_ahead,
        "questions": t.questions,
    }


def public_calendar(session: Session, workspace_id: int, calendar: Calendar) -> dict[str, Any]:
    about = {
        "name": calendar.name,
        "slug": calendar.slug,
        "description": calendar.description,
        "time_zone": calendar.time_zone,
    }
    return {
        "calendar": about,
        **about,
        "workspace_name": workspace_of(session, workspace_id).name,
        "consent_text": calendar.consent_text,
        "booking_types": [public_type(t) for t in live_types(session, calendar.id)],
    }


def overlapping_bookings(session: Session) -> int:
    """How many pairs of confirmed bookings of one member overlap, buffers included (always
    0: the check the tests and the benchmark run after hammering the booking page)."""
    a, b = Booking.__table__.alias("a"), Booking.__table__.alias("b")
    pairs = (
        select(func.count())
        .select_from(a.join(b, (a.c.user_id == b.c.user_id) & (a.c.id < b.c.id)))
        .where(a.c.status == CONFIRMED, b.c.status == CONFIRMED, a.c.blocked.op("&&")(b.c.blocked))
    )
    return int(session.scalar(pairs) or 0)
