from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import Response, g, request
from flask.views import MethodView
from sqlalchemy import select

from cardfile.access.owned import get_visible
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.limits import booking_limit
from cardfile.api.public import PublicBlueprint, frame_ancestors, public_workspace_id
from cardfile.errors import Invalid, NotFound
from cardfile.modules.bookings import booking as flow
from cardfile.modules.bookings import ics, service
from cardfile.modules.bookings.models import Booking, BookingType, Calendar
from cardfile.modules.bookings.schemas import (
    BookingListArgs,
    BookingPageSchema,
    BookingPatchSchema,
    BookingSchema,
    BookingTypeInSchema,
    BookingTypeListSchema,
    BookingTypePatchSchema,
    BookingTypeSchema,
    CalendarInSchema,
    CalendarListArgs,
    CalendarPageSchema,
    CalendarPatchSchema,
    CalendarSchema,
    CancelSchema,
    OverrideArgs,
    OverrideInSchema,
    OverrideListSchema,
    PublicBookingInSchema,
    PublicBookingSchema,
    PublicCalendarSchema,
    RescheduleSchema,
    SlotArgs,
    SlotListSchema,
    StaffSlotArgs,
)

# PATCH: the fields sent change; items inside a list (hours, questions) stay whole.
PATCHABLE_CALENDAR = tuple(CalendarPatchSchema._declared_fields)
PATCHABLE_TYPE = tuple(BookingTypePatchSchema._declared_fields)

calendars_blp = WorkspaceBlueprint(
    "calendars", __name__, description="Booking calendars, their booking types and date overrides"
)
bookings_blp = WorkspaceBlueprint("bookings", __name__, description="Bookings made on calendars")
contact_bookings_blp = WorkspaceBlueprint(
    "contact_bookings", __name__, description="A contact's bookings"
)
book_blp = PublicBlueprint(
    "public_book",
    __name__,
    limit=booking_limit,
    description="A calendar's public booking page: its types, free slots, booking (no login)",
)
manage_blp = PublicBlueprint(
    "public_booking",
    __name__,
    purpose=service.MANAGE_PURPOSE,
    limit=booking_limit,
    description="A booking, from the link in its mail: see, cancel, reschedule (no login)",
)
feed_blp = PublicBlueprint(
    "calendar_feed",
    __name__,
    purpose=service.FEED_PURPOSE,
    description="A calendar's private iCalendar feed, for calendar apps (signed link)",
)


# ---- staff: calendars -----------------------------------------------------------------------


@calendars_blp.route("")
class Calendars(MethodView):
    @calendars_blp.arguments(CalendarListArgs, location="query")
    @calendars_blp.response(200, CalendarPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_calendars(db(), principal(), args)

    @calendars_blp.arguments(CalendarInSchema)
    @calendars_blp.response(201, CalendarSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """A member's calendar (user_id) or a team's (team_user_ids, booked round-robin)"""
        return service.create_calendar(db(), principal(), data)


@calendars_blp.route("/<int:calendar_id>")
class CalendarDetail(MethodView):
    @calendars_blp.response(200, CalendarSchema)
    def get(self, calendar_id: int) -> Any:
        return service.calendar_view(db(), principal(), calendar_id)

    @calendars_blp.arguments(CalendarPatchSchema(partial=PATCHABLE_CALENDAR))
    @calendars_blp.response(200, CalendarSchema)
    def patch(self, data: dict[str, Any], calendar_id: int) -> Any:
        return service.update_calendar(db(), principal(), calendar_id, data)

    @calendars_blp.response(204)
    def delete(self, calendar_id: int) -> None:
        """Take the calendar down (its page answers 404); its bookings stay"""
        service.delete_calendar(db(), calendar_id)


@calendars_blp.route("/<int:calendar_id>/booking-types")
class BookingTypes(MethodView):
    @calendars_blp.response(200, BookingTypeListSchema)
    def get(self, calendar_id: int) -> Any:
        return service.list_types(db(), calendar_id)

    @calendars_blp.arguments(BookingTypeInSchema)
    @calendars_blp.response(201, BookingTypeSchema)
    def post(self, data: dict[str, Any], calendar_id: int) -> Any:
        return service.create_type(db(), calendar_id, data)


@calendars_blp.route("/<int:calendar_id>/booking-types/<int:type_id>")
class BookingTypeDetail(MethodView):
    @calendars_blp.arguments(BookingTypePatchSchema(partial=PATCHABLE_TYPE))
    @calendars_blp.response(200, BookingTypeSchema)
    def patch(self, data: dict[str, Any], calendar_id: int, type_id: int) -> Any:
        return service.update_type(db(), calendar_id, type_id, data)

    @calendars_blp.response(204)
    def delete(self, calendar_id: int, type_id: int) -> None:
        """Remove it from the page; booked ones keep their type"""
        service.delete_type(db(), calendar_id, type_id)


@calendars_blp.route("/<int:calendar_id>/slots")
@calendars_blp.arguments(StaffSlotArgs, location="query")
@calendars_blp.response(200, SlotListSchema)
def calendar_slots(args: dict[str, Any], calendar_id: int) -> Any:
    """Free slots of a booking type, as the public page shows them (for moving a booking:
    ignore_booking)"""
    session = db()
    calendar = service.get_calendar(session, calendar_id)
    booking_type = flow.type_by_slug(session, calendar, args["type"])
    first, last, zone = args["date_from"], args["date_to"], ZoneInfo(args["tz"])
    free = flow.slots_in_days(
        session, calendar, booking_type, first, last, zone, args["ignore_booking"]
    )
    return {"slots": free}


@calendars_blp.route("/<int:calendar_id>/overrides")
class Overrides(MethodView):
    @calendars_blp.arguments(OverrideArgs, location="query")
    @calendars_blp.response(200, OverrideListSchema)
    def get(self, args: dict[str, Any], calendar_id: int) -> Any:
        """Dates with their own hours or off, from `since` (default: today)"""
        return service.list_overrides(db(), calendar_id, args["since"])

    @calendars_blp.arguments(OverrideInSchema)
    @calendars_blp.response(201, OverrideListSchema)
    def post(self, data: dict[str, Any], calendar_id: int) -> Any:
        """Set a date's hours (or date..end_date's); no hours: days off. Replaces those dates'"""
        return service.set_overrides(db(), calendar_id, data)


@calendars_blp.route("/<int:calendar_id>/overrides/<int:override_id>", methods=["DELETE"])
@calendars_blp.response(204)
def delete_override(calendar_id: int, override_id: int) -> None:
    service.delete_override(db(), calendar_id, override_id)


# ---- staff: bookings -------------------------------------------------------------------------


@bookings_blp.route("")
@bookings_blp.arguments(BookingListArgs, location="query")
@bookings_blp.response(200, BookingPageSchema)
def list_bookings(args: dict[str, Any]) -> Any:
    """Bookings of contacts I can see: ?from&to (a week), ?calendar_id, ?user_id=me, ?status"""
    return service.list_bookings(db(), principal(), args)


@bookings_blp.route("/<int:booking_id>")
class BookingDetail(MethodView):
    @bookings_blp.response(200, BookingSchema)
    def get(self, booking_id: int) -> Any:
        return service.get_booking_view(db(), principal(), booking_id)

    @bookings_blp.arguments(BookingPatchSchema)
    @bookings_blp.response(200, BookingSchema)
    def patch(self, data: dict[str, Any], booking_id: int) -> Any:
        """status: cancelled cancels it; start: moves it to another free slot (mail goes out)"""
        session, who = db(), principal()
        booking: Booking = flow.locked(session, get_visible(session, who, Booking, booking_id))
        if data.get("status") == "cancelled":
            flow.cancel(session, booking, "staff", data.get("reason"), who.actor)
        elif data.get("start") is not None:
            flow.reschedule(session, booking, data["start"], None, who.actor)
        return service.get_booking_view(session, who, booking_id)


@contact_bookings_blp.route("")
@contact_bookings_blp.arguments(BookingListArgs, location="query")
@contact_bookings_blp.response(200, BookingPageSchema)
def contact_bookings(args: dict[str, Any], contact_id: int) -> Any:
    """The contact's bookings, the latest first"""
    return service.list_bookings(
        db(), principal(), {"sort": "-start", **args, "contact_id": contact_id}
    )


# ---- public: the booking page -----------------------------------------------------------------


def _proof() -> flow.Proof:
    return flow.Proof(ip=request.remote_addr, user_agent=request.headers.get("User-Agent"))


@book_blp.route("/<slug>/<calendar_slug>")
@frame_ancestors("*")  # the page may be embedded in a client's site
@book_blp.response(200, PublicCalendarSchema)
def booking_page(calendar_slug: str) -> Any:
    """The calendar and its booking types"""
    session = db()
    calendar = flow.bookable_calendar(session, calendar_slug)
    return flow.public_calendar(session, public_workspace_id(), calendar)


@book_blp.route("/<slug>/<calendar_slug>/slots")
@frame_ancestors("*")
@book_blp.arguments(SlotArgs, location="query")
@book_blp.response(200, SlotListSchema)
def free_slots(args: dict[str, Any], calendar_slug: str) -> Any:
    """Free slots of a booking type on the visitor's days from..to, in the visitor's zone"""
    session = db()
    calendar = flow.bookable_calendar(session, calendar_slug)
    booking_type = flow.type_by_slug(session, calendar, args["type"])
    zone = ZoneInfo(args["tz"])
    slots = flow.slots_in_days(
        session, calendar, booking_type, args["date_from"], args["date_to"], zone
    )
    return {"slots": slots}


@book_blp.route("/<slug>/<calendar_slug>/bookings", methods=["POST"])
@frame_ancestors("*")
@book_blp.arguments(PublicBookingInSchema)
@book_blp.response(201, PublicBookingSchema)
def make_booking(data: dict[str, Any], calendar_slug: str) -> Any:
    """Book a free slot; 409 with the day's free slots when it was just taken"""
    if data.get("website"):  # the honeypot: people never see the field, bots fill it in
        raise Invalid.field("website", "This booking could not be taken.")
    session, workspace_id = db(), public_workspace_id()
    calendar = flow.bookable_calendar(session, calendar_slug)
    booking = flow.book(session, workspace_id, calendar, data, _proof(), g.actor)
    token = service.manage_token(workspace_id, booking.id)
    return flow.public_view(session, workspace_id, booking, token, service.manage_url(token))


# ---- public: managing a booking by its link ---------------------------------------------------


def _managed(token: str) -> Any:
    session, workspace_id = db(), public_workspace_id()
    booking = flow.booking_by_link(session, g.link)
    return session, workspace_id, booking


def _answer(session: Any, workspace_id: int, booking: Booking, token: str) -> Any:
    return flow.public_view(session, workspace_id, booking, token, service.manage_url(token))


@manage_blp.route("/<token>")
@manage_blp.response(200, PublicBookingSchema)
def show_booking(token: str) -> Any:
    session, workspace_id, booking = _managed(token)
    return _answer(session, workspace_id, booking, token)


@manage_blp.route("/<token>/cancel", methods=["POST"])
@manage_blp.arguments(CancelSchema)
@manage_blp.response(200, PublicBookingSchema)
def cancel_booking(data: dict[str, Any], token: str) -> Any:
    """Cancel (the member is told; a second time changes nothing)"""
    session, workspace_id, booking = _managed(token)
    flow.cancel(session, booking, "customer", data.get("reason"), g.actor)
    return _answer(session, workspace_id, booking, token)


@manage_blp.route("/<token>/reschedule", methods=["POST"])
@manage_blp.arguments(RescheduleSchema)
@manage_blp.response(200, PublicBookingSchema)
def reschedule_booking(data: dict[str, Any], token: str) -> Any:
    """Move to another free slot of the same type; 409 with fresh slots when it is taken"""
    session, workspace_id, booking = _managed(token)
    flow.reschedule(session, booking, data["start"], data.get("tz"), g.actor)
    return _answer(session, workspace_id, booking, token)


# ---- public: the private feed ---------------------------------------------------------------


@feed_blp.route("/<token>/calendar.ics")
@feed_blp.response(200, content_type="text/calendar")
def calendar_feed(token: str) -> Response:
    """The calendar's bookings from 30 days back, as iCalendar"""
    session = db()
    calendar = session.get(Calendar, int(g.link.get("calendar", 0)))
    if (
        calendar is None
        or calendar.deleted_at is not None
        or calendar.feed_version != g.link.get("v")
    ):
        raise NotFound("Link")
    rows = session.execute(
        select(Booking, BookingType.name)
        .join(BookingType, BookingType.id == Booking.booking_type_id)
        .where(Booking.calendar_id == calendar.id, service.feed_window())
        .order_by(Booking.starts_at)
        .limit(5000)
    )
    events = ((b, f"{type_name}: {b.name}") for b, type_name in rows)
    body = ics.feed(calendar.name, calendar.time_zone, events)
    return Response(body, mimetype="text/calendar")
