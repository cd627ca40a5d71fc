"""Calendars, booking types and date overrides (what admins set up), and the bookings staff
read: lists with filters, one booking, a contact's. Bookings are guarded through their
contact (access/owned.py): a booking of a contact one may not see does not exist for them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.owned import only_visible
from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.api.public import link_token
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import Invalid, NotFound
from cardfile.modules.bookings.models import (
    CONFIRMED,
    Booking,
    BookingType,
    Calendar,
    CalendarOverride,
)
from cardfile.modules.contacts.custom_fields import key_from_label
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.owners.people import check_members, user_names
from cardfile.slugs import free_slug, slugify
from cardfile.tenancy.models import Workspace

DEFAULT_CONSENT = (
    "I agree that {workspace} keeps my name, email and answers to arrange this appointment."
)
SLUG_TAKEN = "Another calendar has this address; choose another."
TYPE_SLUG_TAKEN = "Another booking type of this calendar has this address; choose another."
FEED_PURPOSE = "calendar-feed"
MANAGE_PURPOSE = "booking"


def workspace_of(session: Session, workspace_id: int) -> Workspace:
    workspace = session.get(Workspace, workspace_id)
    assert workspace is not None
    return workspace


def public_page_url(workspace_slug: str, calendar_slug: str) -> str:
    return f"{config.current().base_url}/book/{workspace_slug}/{calendar_slug}"


def manage_token(workspace_id: int, booking_id: int) -> str:
    return link_token(MANAGE_PURPOSE, workspace_id, booking=booking_id)


def manage_url(token: str) -> str:
    return f"{config.current().base_url}/booking/{token}"


def feed_url(workspace_id: int, calendar: Calendar) -> str:
    token = link_token(FEED_PURPOSE, workspace_id, calendar=calendar.id, v=calendar.feed_version)
    return f"{config.current().base_url}/api/v1/public/calendar-feeds/{token}/calendar.ics"


def feed_window() -> Any:
    """What a calendar's feed holds: its bookings from 30 days back on."""
    return Booking.starts_at >= datetime.now(UTC) - timedelta(days=30)


# ---- calendars ----------------------------------------------------------------------------


def get_calendar(session: Session, calendar_id: int) -> Calendar:
    calendar = session.get(Calendar, calendar_id)
    if calendar is None or calendar.deleted_at is not None:
        raise NotFound("Calendar")
    return calendar


def _upcoming(session: Session, calendar_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Booking.calendar_id, func.count())
        .where(
            Booking.calendar_id.in_(calendar_ids),
            Booking.status == CONFIRMED,
            Booking.starts_at >= datetime.now(UTC),
        )
        .group_by(Booking.calendar_id)
    )
    return {calendar_id: count for calendar_id, count in rows}


def _feed_for(principal: Principal, calendar: Calendar) -> bool:
    """The private feed lists every booking with the customer's name and email, whatever
    their contact class: only admins and the calendar's own members get its address."""
    return principal.role >= Role.ADMIN or principal.user_id in calendar.member_ids


def _calendar_views(
    session: Session, principal: Principal, calendars: list[Calendar]
) -> list[dict[str, Any]]:
    workspace_id = principal.workspace_id
    workspace = workspace_of(session, workspace_id)
    names = user_names(session, [m for c in calendars for m in c.member_ids])
    upcoming = _upcoming(session, [c.id for c in calendars])
    return [
        {
            "id": c.id,
            "name": c.name,
            "slug": c.slug,
            "description": c.description,
            "user_id": c.user_id,
            "team_user_ids": sorted(c.team_user_ids),
            "members": [{"id": m, "name": names.get(m)} for m in c.member_ids],
            "time_zone": c.time_zone,
            "weekly_hours": sorted(c.weekly_hours, key=lambda h: (h["weekday"], h["start"])),
            "consent_text": c.consent_text,
            "active": c.active,
            "public_url": public_page_url(workspace.slug, c.slug),
            "feed_url": feed_url(workspace_id, c) if _feed_for(principal, c) else None,
            "upcoming": upcoming.get(c.id, 0),
            "created_at": c.created_at,
            "updated_at": c.updated_at,
        }
        for c in calendars
    ]


def calendar_view(session: Session, principal: Principal, calendar_id: int) -> dict[str, Any]:
    session.flush()
    return _calendar_views(session, principal, [get_calendar(session, calendar_id)])[0]


def list_calendars(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt: Select[Any] = select(Calendar).where(Calendar.deleted_at.is_(None))
    if args.get("q"):
        like = f"%{args['q']}%"
        stmt = stmt.where(or_(Calendar.name.ilike(like), Calendar.slug.ilike(like)))
    sorts = {"name": Calendar.name, "created_at": Calendar.created_at}
    page = paginate(session, stmt, args, sorts, "name", Calendar.id)
    page.items = _calendar_views(session, principal, list(page.items))
    return page


def _check_hours(hours: list[dict[str, Any]], field: str, by_weekday: bool) -> None:
    """No two windows of one day overlap."""
    seen: dict[int, list[tuple[str, str]]] = {}
    for h in hours:
        day = h["weekday"] if by_weekday else 0
        for start, end in seen.get(day, []):
            if h["start"] < end and start < h["end"]:
                raise Invalid.field(field, f"{h['start']}–{h['end']} overlaps {start}–{end}.")
        seen.setdefault(day, []).append((h["start"], h["end"]))


def _check_owner(session: Session, principal: Principal, calendar: Calendar) -> None:
    if calendar.user_id is not None and calendar.team_user_ids:
        raise Invalid.field(
            "team_user_ids", "A calendar belongs to one member or to a team, not both."
        )
    if calendar.user_id is None and not calendar.team_user_ids:
        raise Invalid.field("user_id", "Choose the member this calendar belongs to.")
    if calendar.user_id is not None:
        check_members(session, principal.workspace_id, [calendar.user_id], "user_id")
    check_members(session, principal.workspace_id, calendar.team_user_ids, "team_user_ids")


def _calendar_slug_taken(session: Session, slug: str, except_id: int | None = None) -> bool:
    stmt = select(Calendar.id).where(Calendar.slug == slug, Calendar.deleted_at.is_(None))
    if except_id is not None:
        stmt = stmt.where(Calendar.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


def create_calendar(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    _check_hours(data["weekly_hours"], "weekly_hours", by_weekday=True)
    slug = data.get("slug") or free_slug(
        slugify(data["name"], "calendar"), lambda s: _calendar_slug_taken(session, s)
    )
    if _calendar_slug_taken(session, slug):
        raise Invalid.field("slug", SLUG_TAKEN)
    workspace = workspace_of(session, principal.workspace_id)
    calendar = Calendar(
        name=data["name"],
        slug=slug,
        description=data.get("description"),
        user_id=data.get("user_id"),
        team_user_ids=sorted(set(data.get("team_user_ids") or [])),
        time_zone=data["time_zone"],
        weekly_hours=data["weekly_hours"],
        consent_text=data.get("consent_text") or DEFAULT_CONSENT.format(workspace=workspace.name),
        active=data.get("active", True),
    )
    _check_owner(session, principal, calendar)
    save_unique(session, calendar, "slug", SLUG_TAKEN)
    return calendar_view(session, principal, calendar.id)


def update_calendar(
    session: Session, principal: Principal, calendar_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    calendar = get_calendar(session, calendar_id)
    if "weekly_hours" in data:
        _check_hours(data["weekly_hours"], "weekly_hours", by_weekday=True)
    if data.get("slug") and _calendar_slug_taken(session, data["slug"], calendar.id):
        raise Invalid.field("slug", SLUG_TAKEN)
    if "team_user_ids" in data:
        data["team_user_ids"] = sorted(set(data["team_user_ids"]))
    for key in (
        "name",
        "slug",
        "description",
        "user_id",
        "team_user_ids",
        "time_zone",
        "weekly_hours",
        "consent_text",
        "active",
    ):
        if key in data and (data[key] is not None or key in ("description", "user_id")):
            setattr(calendar, key, data[key])
    if data.get("renew_feed"):
        calendar.feed_version += 1
    _check_owner(session, principal, calendar)
    calendar.updated_at = datetime.now(UTC)
    save_unique(session, calendar, "slug", SLUG_TAKEN)
    return calendar_view(session, principal, calendar.id)


def delete_calendar(session: Session, calendar_id: int) -> None:
    """Hidden at once (its page answers 404); its bookings stay on the contacts' cards."""
    get_calendar(session, calendar_id).deleted_at = datetime.now(UTC)


# ---- booking types ----------------------------------------------------------------------


def _type_view(t: BookingType) -> dict[str, Any]:
    return {
        "id": t.id,
        "calendar_id": t.calendar_id,
        "name": t.name,
        "slug": t.slug,
        "description": t.description,
        "location": t.location,
        "duration_minutes": t.duration_minutes,
        "buffer_before": t.buffer_before,
        "buffer_after": t.buffer_after,
        "min_notice_minutes": t.min_notice_minutes,
        "max_days_ahead": t.max_days_ahead,
        "max_per_day": t.max_per_day,
        "questions": t.questions,
        "position": t.position,
    }


def live_types(session: Session, calendar_id: int) -> list[BookingType]:
    return list(
        session.scalars(
            select(BookingType)
            .where(BookingType.calendar_id == calendar_id, BookingType.deleted_at.is_(None))
            .order_by(BookingType.position, BookingType.id)
        )
    )


def list_types(session: Session, calendar_id: int) -> dict[str, Any]:
    get_calendar(session, calendar_id)
    return {"items": [_type_view(t) for t in live_types(session, calendar_id)]}


def get_type(session: Session, calendar_id: int, type_id: int) -> BookingType:
    found = session.get(BookingType, type_id)
    if found is None or found.calendar_id != calendar_id or found.deleted_at is not None:
        raise NotFound("Booking type")
    return found


def _questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each question gets a key (from its label when not given); keys are unique."""
    keyed, seen = [], set()
    for q in questions:
        key = q.get("key") or key_from_label(q["label"])[:40]
        key = free_slug(key, lambda k: k.replace("-", "_") in seen).replace("-", "_")
        seen.add(key)
        keyed.append({**q, "key": key})
    return keyed


def _type_slug_taken(session: Session, calendar_id: int, slug: str, except_id: int | None) -> bool:
    stmt = select(BookingType.id).where(
        BookingType.calendar_id == calendar_id,
        BookingType.slug == slug,
        BookingType.deleted_at.is_(None),
    )
    if except_id is not None:
        stmt = stmt.where(BookingType.id != except_id)
    return session.scalar(stmt.limit(1)) is not None


TYPE_FIELDS = (
    "name",
    "slug",
    "description",
    "location",
    "duration_minutes",
    "buffer_before",
    "buffer_after",
    "min_notice_minutes",
    "max_days_ahead",
    "max_per_day",
    "questions",
    "position",
)


def create_type(session: Session, calendar_id: int, data: dict[str, Any]) -> dict[str, Any]:
    get_calendar(session, calendar_id)
    slug = data.get("slug") or free_slug(
        slugify(data["name"], "meeting"),
        lambda s: _type_slug_taken(session, calendar_id, s, None),
    )
    if _type_slug_taken(session, calendar_id, slug, None):
        raise Invalid.field("slug", TYPE_SLUG_TAKEN)
    booking_type = BookingType(
        calendar_id=calendar_id,
        **{k: data[k] for k in TYPE_FIELDS if k in data},
    )
    booking_type.slug = slug
    booking_type.questions = _questions(data.get("questions") or [])
    save_unique(session, booking_type, "slug", TYPE_SLUG_TAKEN)
    return _type_view(booking_type)


def update_type(
    session: Session, calendar_id: int, type_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    booking_type = get_type(session, calendar_id, type_id)
    if data.get("slug") and _type_slug_taken(session, calendar_id, data["slug"], type_id):
        raise Invalid.field("slug", TYPE_SLUG_TAKEN)
    if "questions" in data:
        data["questions"] = _questions(data["questions"] or [])
    for key in TYPE_FIELDS:
        if key in data and (
            data[key] is not None or key in ("description", "location", "max_per_day")
        ):
            setattr(booking_type, key, data[key])
    booking_type.updated_at = datetime.now(UTC)
    save_unique(session, booking_type, "slug", TYPE_SLUG_TAKEN)
    return _type_view(booking_type)


def delete_type(session: Session, calendar_id: int, type_id: int) -> None:
    """Hidden from the page; its bookings keep their type."""
    get_type(session, calendar_id, type_id).deleted_at = datetime.now(UTC)


# ---- date overrides ---------------------------------------------------------------------


def _override_view(o: CalendarOverride) -> dict[str, Any]:
    return {"id": o.id, "date": o.date, "hours": o.hours, "note": o.note, "day_off": not o.hours}


def overrides_by_date(
    session: Session, calendar_id: int, first: date, last: date
) -> dict[date, list[dict[str, str]]]:
    rows = session.scalars(
        select(CalendarOverride).where(
            CalendarOverride.calendar_id == calendar_id,
            CalendarOverride.date.between(first, last),
        )
    )
    return {o.date: o.hours for o in rows}


def list_overrides(session: Session, calendar_id: int, since: date | None) -> dict[str, Any]:
    get_calendar(session, calendar_id)
    rows = session.scalars(
        select(CalendarOverride)
        .where(
            CalendarOverride.calendar_id == calendar_id,
            CalendarOverride.date >= (since or datetime.now(UTC).date() - timedelta(days=1)),
        )
        .order_by(CalendarOverride.date)
        .limit(1000)
    )
    return {"items": [_override_view(o) for o in rows]}


def set_overrides(session: Session, calendar_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Set one date's hours (or a run of dates'); a date set before is replaced."""
    get_calendar(session, calendar_id)
    first, last = data["date"], data.get("end_date") or data["date"]
    if last < first:
        raise Invalid.field("end_date", "Use a date on or after the first day.")
    if (last - first).days > 365:
        raise Invalid.field("end_date", "Set at most 366 days at a time.")
    _check_hours(data["hours"], "hours", by_weekday=False)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    session.execute(
        delete(CalendarOverride).where(
            CalendarOverride.calendar_id == calendar_id, CalendarOverride.date.in_(days)
        )
    )
    rows = [
        CalendarOverride(
            calendar_id=calendar_id, date=day, hours=data["hours"], note=data.get("note")
        )
        for day in days
    ]
    session.add_all(rows)
    session.flush()
    return {"items": [_override_view(o) for o in rows]}


def delete_override(session: Session, calendar_id: int, override_id: int) -> None:
    found = session.get(CalendarOverride, override_id)
    if found is None or found.calendar_id != calendar_id:
        raise NotFound("Date override")
    session.delete(found)


# ---- bookings, as staff read them ---------------------------------------------------------


def _booking_rows() -> Select[Any]:
    return (
        select(Booking, Calendar.name, BookingType.name, User.name)
        .join(Calendar, Calendar.id == Booking.calendar_id)
        .join(BookingType, BookingType.id == Booking.booking_type_id)
        .outerjoin(User, User.id == Booking.user_id)
    )


def booking_view(row: Any) -> dict[str, Any]:
    b, calendar_name, type_name, user_name = row
    return {
        "id": b.id,
        "status": b.status,
        "start": b.starts_at,
        "end": b.ends_at,
        "calendar_id": b.calendar_id,
        "calendar_name": calendar_name,
        "booking_type_id": b.booking_type_id,
        "booking_type_name": type_name,
        "user_id": b.user_id,
        "user_name": user_name,
        "contact_id": b.contact_id,
        "name": b.name,
        "email": b.email,
        "time_zone": b.time_zone,
        "answers": b.answers,
        "location": b.location,
        "consent_text": b.consent_text,
        "consented_at": b.consented_at,
        "source": b.source,
        "sequence": b.sequence,
        "cancelled_at": b.cancelled_at,
        "cancelled_by": b.cancelled_by,
        "cancel_reason": b.cancel_reason,
        "created_at": b.created_at,
    }


BOOKING_SORTS = {"start": Booking.starts_at, "created_at": Booking.created_at}


def list_bookings(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt = only_visible(_booking_rows(), principal, Booking)
    if args.get("contact_id") is not None:
        get_contact(session, principal, args["contact_id"])
        stmt = stmt.where(Booking.contact_id == args["contact_id"])
    if args.get("calendar_id") is not None:
        stmt = stmt.where(Booking.calendar_id == args["calendar_id"])
    if user := args.get("user_id"):
        stmt = stmt.where(Booking.user_id == (principal.user_id if user == "me" else int(user)))
    if args.get("status"):
        stmt = stmt.where(Booking.status == args["status"])
    if args.get("start_from"):
        stmt = stmt.where(Booking.starts_at >= args["start_from"])
    if args.get("start_to"):
        stmt = stmt.where(Booking.starts_at < args["start_to"])
    if args.get("q"):
        like = f"%{args['q']}%"
        stmt = stmt.where(or_(Booking.name.ilike(like), Booking.email.ilike(like)))
    page = paginate(session, stmt, args, BOOKING_SORTS, "start", Booking.id, scalars=False)
    page.items = [booking_view(row) for row in page.items]
    return page


def get_booking_view(session: Session, principal: Principal, booking_id: int) -> dict[str, Any]:
    session.flush()
    row = session.execute(
        only_visible(_booking_rows().where(Booking.id == booking_id), principal, Booking)
    ).first()
    if row is None:
        raise NotFound("Booking")
    return booking_view(row)
