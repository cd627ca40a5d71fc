"""iCalendar (RFC 5545) for bookings: the invitation sent with each mail (METHOD:REQUEST, or
CANCEL), and a calendar's private feed. A booking's UID never changes; its SEQUENCE goes up
with every reschedule and the cancellation, so calendar apps update the event they have.
Times are written in the member's zone with its VTIMEZONE, so the event shows at the right
instant in any app, across daylight-saving changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar as ICalendar
from icalendar import Event, vCalAddress, vText

from cardfile.modules.bookings.models import CANCELLED, Booking

PRODID = "-//Cardfile//Bookings//EN"


@dataclass(frozen=True)
class Party:
    name: str | None
    email: str


def _address(party: Party, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{party.email}")
    if party.name:
        address.params["cn"] = vText(party.name)
    if role:
        address.params["role"] = vText(role)
        address.params["partstat"] = vText("ACCEPTED")
    return address


def _event(
    booking: Booking, title: str, zone: str, organizer: Party | None, description: str | None
) -> Event:
    event = Event()
    event.add("uid", booking.uid)
    event.add("sequence", booking.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", booking.starts_at.astimezone(ZoneInfo(zone)))
    event.add("dtend", booking.ends_at.astimezone(ZoneInfo(zone)))
    event.add("summary", title)
    if booking.location:
        event.add("location", booking.location)
    if description:
        event.add("description", description)
    if organizer:
        event.add("organizer", _address(organizer))
    event.add("attendee", _address(Party(booking.name, booking.email), "REQ-PARTICIPANT"))
    event.add("status", "CANCELLED" if booking.status == CANCELLED else "CONFIRMED")
    return event


def _calendar(method: str | None, events: Iterable[Event], name: str | None = None) -> bytes:
    calendar = ICalendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation(
    booking: Booking, title: str, zone: str, organizer: Party, description: str | None = None
) -> bytes:
    """A REQUEST for a confirmed booking, a CANCEL for a cancelled one."""
    method = "CANCEL" if booking.status == CANCELLED else "REQUEST"
    return _calendar(method, [_event(booking, title, zone, organizer, description)])


def feed(name: str, zone: str, bookings: Iterable[tuple[Booking, str]]) -> bytes:
    """A calendar's bookings for subscribing apps: (booking, title) pairs."""
    events = (_event(b, title, zone, None, None) for b, title in bookings)
    return _calendar(None, events, name)
