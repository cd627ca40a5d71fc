"""Booking mail: the customer's confirmation (with the .ics invitation and the manage link),
the member's notice, both again on a reschedule or a cancellation, and the reminders 24 hours
and 1 hour before, sent by a periodic job that claims each reminder once."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.auth.models import User
from cardfile.db.base import utcnow
from cardfile.jobs.core import JobContext, job
from cardfile.mail.transport import build_message, send_message
from cardfile.modules.bookings import ics
from cardfile.modules.bookings.booking import still_members
from cardfile.modules.bookings.models import CONFIRMED, Booking, BookingType, Calendar
from cardfile.modules.bookings.service import manage_token, manage_url, workspace_of

SUBJECTS = {
    "confirmed": "Booked: {title}, {when}",
    "rescheduled": "Moved: {title}, now {when}",
    "cancelled": "Cancelled: {title}, {when}",
    "reminder": "Reminder: {title}, {when}",
}
MEMBER_SUBJECTS = {
    "confirmed": "New booking: {name}, {when}",
    "rescheduled": "Booking moved: {name}, now {when}",
    "cancelled": "Booking cancelled: {name}, {when}",
}


def when(at: datetime, zone: str) -> str:
    """ "Tuesday, 8 December 2026, 09:30 (Europe/Warsaw)" """
    local = at.astimezone(ZoneInfo(zone))
    return f"{local:%A}, {local.day} {local:%B %Y, %H:%M} ({zone})"


def _attach(message: EmailMessage, invitation: bytes, method: str) -> None:
    message.add_attachment(
        invitation,
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
        params={"method": method},
    )


def _mails(session: Session, workspace_id: int, booking: Booking, what: str) -> list[EmailMessage]:
    settings = config.current()
    calendar = session.get(Calendar, booking.calendar_id)
    booking_type = session.get(BookingType, booking.booking_type_id)
    # A member who left the workspace is neither mailed nor named.
    member = (
        session.get(User, booking.user_id) if still_members(session, [booking.user_id]) else None
    )
    workspace = workspace_of(session, workspace_id)
    assert calendar is not None and booking_type is not None
    title = f"{booking_type.name} with {member.name if member else workspace.name}"
    organizer = (
        ics.Party(member.name, member.email)
        if member
        else ics.Party(workspace.name, settings.mail_from)
    )
    method = "CANCEL" if what == "cancelled" else "REQUEST"
    customer_when = when(booking.starts_at, booking.time_zone)
    link = manage_url(manage_token(workspace_id, booking.id))
    lines = [
        f"Hello {booking.name},",
        "",
        {
            "confirmed": f"your booking with {workspace.name} is confirmed:",
            "rescheduled": f"your booking with {workspace.name} has moved:",
            "cancelled": f"your booking with {workspace.name} is cancelled:",
            "reminder": "a reminder of your booking:",
        }[what],
        "",
        f"{booking_type.name}, {booking_type.duration_minutes} minutes",
        customer_when,
    ]
    if booking.location:
        lines.append(f"Where: {booking.location}")
    if what == "cancelled" and booking.cancel_reason:
        lines.append(f"Reason: {booking.cancel_reason}")
    if what != "cancelled":
        lines += ["", f"To reschedule or cancel: {link}"]
    lines += ["", "The attached invitation adds it to your calendar.", ""]
    customer = build_message(
        settings.mail_from,
        booking.email,
        SUBJECTS[what].format(title=booking_type.name, when=customer_when),
        "\n".join(lines),
    )
    _attach(
        customer,
        ics.invitation(booking, title, calendar.time_zone, organizer, f"Manage: {link}"),
        method,
    )
    mails = [customer]
    if member and what in MEMBER_SUBJECTS:
        member_when = when(booking.starts_at, calendar.time_zone)
        answers = [f"{k}: {v}" for k, v in booking.answers.items()]
        text = "\n".join(
            [
                f"{booking.name} <{booking.email}>",
                f"{booking_type.name} in {calendar.name}",
                member_when,
                *answers,
                "",
                f"Reason: {booking.cancel_reason}" if booking.cancel_reason else "",
            ]
        )
        notice = build_message(
            settings.mail_from,
            member.email,
            MEMBER_SUBJECTS[what].format(name=booking.name, when=member_when),
            text.strip() + "\n",
        )
        member_title = f"{booking_type.name}: {booking.name}"
        _attach(
            notice, ics.invitation(booking, member_title, calendar.time_zone, organizer), method
        )
        mails.append(notice)
    return mails


@job(queue="mail", timeout=120)
def deliver_booking_mail(
    ctx: JobContext, booking_id: int, what: str, sequence: int | None = None
) -> dict[str, Any]:
    """The mail of one change of a booking. A later change makes this one stale: skipped."""
    booking = ctx.session.get(Booking, booking_id)
    if booking is None or (sequence is not None and booking.sequence != sequence):
        return {"status": "skipped"}
    smtp = config.current().smtp_url
    for message in _mails(ctx.session, ctx.workspace_id, booking, what):
        send_message(smtp, message)
    return {"status": "sent"}


REMINDERS = (
    ("reminded_24h_at", timedelta(hours=24), timedelta(hours=1)),
    ("reminded_1h_at", timedelta(hours=1), timedelta(0)),
)


@job(queue="mail", timeout=10 * 60, idempotent=True)
def send_reminders(ctx: JobContext) -> dict[str, int]:
    """Every few minutes: the bookings starting within 24 hours (down to an hour) and within
    an hour get their reminder, once. A booking made or moved later than that gets none (its
    confirmation just went out). The claim is one UPDATE, committed before any mail leaves,
    so two runs never both send and a failed send is not retried with the others (at most
    once: a reminder is not worth a duplicate)."""
    session, now = ctx.session, utcnow()
    sent: dict[str, int] = {}
    smtp = config.current().smtp_url
    for column_name, ahead, until in REMINDERS:
        column = getattr(Booking, column_name)
        claimed = session.scalars(
            update(Booking)
            .where(
                Booking.status == CONFIRMED,
                column.is_(None),
                Booking.starts_at <= now + ahead,
                Booking.starts_at > now + until,
                Booking.updated_at <= Booking.starts_at - ahead,
            )
            .values({column_name: now})
            .returning(Booking.id)
        ).all()
        session.commit()
        failed = 0
        for booking_id in claimed:
            booking = session.get(Booking, booking_id)
            assert booking is not None
            try:
                send_message(smtp, _mails(session, ctx.workspace_id, booking, "reminder")[0])
            except (OSError, smtplib.SMTPException):
                failed += 1
        sent[column_name] = len(claimed) - failed
        if failed:
            sent[f"{column_name}_failed"] = failed
    return sent
