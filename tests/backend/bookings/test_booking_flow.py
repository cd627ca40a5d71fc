"""The booking page end to end: set up a calendar, see free slots, book (the contact found or
made, the timeline, mail with an .ics invitation), manage by the signed link (reschedule and
cancel with a higher SEQUENCE), the staff lists, the card, the private feed."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.message import Message
from zoneinfo import ZoneInfo

from icalendar import Calendar as ICalendar

from factories.accounts import ApiClient, member_client
from factories.bookings import (
    booking_body,
    days_ahead,
    make_calendar,
    make_type,
    page_path,
    slots,
    workspace_slug,
)
from factories.contacts import make_contact
from factories.smtp import SmtpSink


def _ics_of(message: Message) -> tuple[str, ICalendar]:
    """The mail's plain text and its invitation."""
    parts = {p.get_content_type(): p.get_payload(decode=True) for p in message.walk()}
    return parts["text/plain"].decode(), ICalendar.from_ical(parts["text/calendar"])


def _mail_to(smtp: SmtpSink, address: str) -> list[Message]:
    return [m for m in smtp.messages if address in (m["To"] or "")]


def test_calendars_are_set_up_with_clear_errors(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    bad = owner.post(
        "calendars",
        {
            "name": "X",
            "user_id": owner.user["id"],
            "time_zone": "Mars/Olympus",
            "weekly_hours": [{"weekday": 7, "start": "9:00", "end": "08:00"}],
        },
    )
    assert bad.status_code == 422
    errors = bad.get_json()["errors"]
    assert "time_zone" in errors and "weekly_hours.0.weekday" in errors
    overlap = owner.post(
        "calendars",
        {
            "name": "X",
            "user_id": owner.user["id"],
            "time_zone": "Europe/Warsaw",
            "weekly_hours": [
                {"weekday": 0, "start": "09:00", "end": "12:00"},
                {"weekday": 0, "start": "11:00", "end": "13:00"},
            ],
        },
    )
    assert (
        overlap.status_code == 422 and "overlaps" in overlap.get_json()["errors"]["weekly_hours"][0]
    )
    stranger_id = 10**12
    nobody = owner.post(
        "calendars",
        {"name": "X", "user_id": stranger_id, "time_zone": "UTC", "weekly_hours": []},
    )
    assert nobody.status_code == 422 and "user_id" in nobody.get_json()["errors"]

    calendar = make_calendar(owner, name="Gabinet Łódź")
    assert calendar["slug"] == "gabinet-lodz"
    assert calendar["public_url"].endswith(f"/book/{workspace_slug(owner)}/gabinet-lodz")
    assert make_calendar(owner, name="Gabinet Łódź")["slug"] == "gabinet-lodz-2"
    clash = owner.patch(f"calendars/{calendar['id']}", {"slug": "gabinet-lodz-2"})
    assert clash.status_code == 422 and "address" in clash.get_json()["errors"]["slug"][0]
    kind = make_type(owner, calendar, name="Konsultacja 30 min", questions=[{"label": "Temat?"}])
    assert kind["slug"] == "konsultacja-30-min" and kind["questions"][0]["key"] == "temat"
    plain = make_type(owner, calendar, name="Szybka", questions=["Numer telefonu?"])
    assert plain["questions"] == [
        {"key": "numer_telefonu", "label": "Numer telefonu?", "required": False, "multiline": False}
    ]
    listed = owner.ok(owner.get(f"calendars/{calendar['id']}/booking-types"))["items"]
    assert [t["slug"] for t in listed] == ["konsultacja-30-min", "szybka"]

    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get("calendars"))["total"] >= 2
    assert viewer.post("calendars", {"name": "V"}).status_code == 403


def test_a_visitor_books_and_manages_a_slot(
    app, owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner, name="Doradztwo")
    make_type(
        owner,
        calendar,
        name="Rozmowa",
        location="https://meet.example.com/abc",
        questions=[{"key": "topic", "label": "What about?", "required": True}],
    )
    page = page_path(owner, calendar)
    shown = client.get(page)
    assert shown.status_code == 200
    assert [t["slug"] for t in shown.get_json()["booking_types"]] == ["rozmowa"]
    assert shown.get_json()["calendar"]["name"] == "Doradztwo"
    assert shown.get_json()["booking_types"][0]["max_days_ahead"] == 60
    assert "frame-ancestors *" in shown.headers["Content-Security-Policy"]
    day = days_ahead(3)
    free = slots(client, page, "rozmowa", day)
    assert len(free) == 16  # 09:00-17:00, 30 minutes each
    first = datetime.fromisoformat(free[0]["start"])  # 09:00 in Warsaw, with its offset then
    assert "T09:00:00" in free[0]["start"]
    assert first.utcoffset() == first.astimezone(ZoneInfo("Europe/Warsaw")).utcoffset()

    # An existing contact is found by email, whatever its case.
    existing = make_contact(owner, email="Ewa.K@Example.com", first_name="Ewa")
    missing = client.post(
        f"{page}/bookings", booking_body("rozmowa", free[2]["start"], "ewa.k@example.com")
    )
    assert missing.status_code == 422 and "answers.topic" in missing.get_json()["errors"]
    nul = client.post(
        f"{page}/bookings",
        booking_body("rozmowa", free[2]["start"], answers={"topic": "a\x00b"}),
    )
    assert nul.status_code == 422 and "answers.topic" in nul.get_json()["errors"]
    no_consent = client.post(
        f"{page}/bookings",
        booking_body("rozmowa", free[2]["start"], answers={"topic": "Tax"}, consent=False),
    )
    assert no_consent.status_code == 422 and "consent" in no_consent.get_json()["errors"]
    made = client.post(
        f"{page}/bookings",
        booking_body("rozmowa", free[2]["start"], "ewa.k@example.com", answers={"topic": "Tax"}),
    )
    assert made.status_code == 201, made.get_json()
    booked = made.get_json()
    assert booked["start"] == free[2]["start"] and booked["status"] == "confirmed"
    assert booked["type"]["location"] == "https://meet.example.com/abc"
    assert booked["manage_url"].endswith(f"/booking/{booked['token']}")
    assert owner.ok(owner.get(f"bookings/{booked['id']}"))["email"] == "ewa.k@example.com"
    assert free[2] not in slots(client, page, "rozmowa", day)

    # The card: the booking, and the timeline.
    mine = owner.ok(owner.get(f"contacts/{existing['id']}/bookings"))["items"]
    assert len(mine) == 1 and mine[0]["answers"] == {"topic": "Tax"}
    assert mine[0]["consent_text"] == calendar["consent_text"] and mine[0]["consented_at"]
    kinds = [
        a["kind"] for a in owner.ok(owner.get(f"contacts/{existing['id']}/activities"))["items"]
    ]
    assert "booking_made" in kinds

    # Mail: the customer's confirmation with a REQUEST, the member's notice.
    run_jobs()
    [confirmation] = _mail_to(smtp, "ewa.k@example.com")
    text, invite = _ics_of(confirmation)
    assert invite["METHOD"] == "REQUEST"
    [event] = invite.walk("VEVENT")
    uid = str(event["UID"])
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime.fromisoformat(free[2]["start"])
    assert invite.walk("VTIMEZONE"), "the member's zone travels with the event"
    [link] = re.findall(r"http://\S+/booking/(\S+)", text)  # the mail's own manage link
    assert client.get(f"/api/v1/public/bookings/{link}").get_json()["start"] == free[2]["start"]
    assert _mail_to(smtp, owner.email), "the member is told"

    # Reschedule by the link: same UID, SEQUENCE 1; the old slot is free again.
    manage = f"/api/v1/public/bookings/{booked['token']}"
    assert client.get(manage).get_json()["can_change"] is True
    moved = client.post(f"{manage}/reschedule", {"start": free[5]["start"]})
    assert moved.status_code == 200 and moved.get_json()["start"] == free[5]["start"]
    assert free[2] in slots(client, page, "rozmowa", day)
    taken_elsewhere = client.post(
        f"{manage}/reschedule",
        {"start": free[5]["start"][:11] + "03:00:00" + free[5]["start"][-6:]},
    )
    assert taken_elsewhere.status_code == 409
    run_jobs()
    _, again = _ics_of(_mail_to(smtp, "ewa.k@example.com")[-1])
    [event] = again.walk("VEVENT")
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 1 and again["METHOD"] == "REQUEST"

    # Cancel: a CANCEL with SEQUENCE 2; again changes nothing; no more changes.
    cancelled = client.post(f"{manage}/cancel", {"reason": "Sick"})
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert client.post(f"{manage}/cancel", {}).status_code == 200
    assert client.post(f"{manage}/reschedule", {"start": free[6]["start"]}).status_code == 409
    run_jobs()
    cancel_text, cancel = _ics_of(_mail_to(smtp, "ewa.k@example.com")[-1])
    assert "Reason: Sick" in cancel_text
    [event] = cancel.walk("VEVENT")
    assert cancel["METHOD"] == "CANCEL" and str(event["UID"]) == uid and event["SEQUENCE"] == 2
    kinds = [
        a["kind"] for a in owner.ok(owner.get(f"contacts/{existing['id']}/activities"))["items"]
    ]
    assert {"booking_rescheduled", "booking_cancelled"} <= set(kinds)

    # A token of another purpose, or a forged one, opens nothing.
    assert client.get(f"/api/v1/public/bookings/{booked['token'][:-3]}xyz").status_code == 404


def test_a_new_visitor_becomes_a_contact_and_bots_are_stopped(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    free = slots(client, page, "intro-call", days_ahead(2))
    bot = client.post(
        f"{page}/bookings",
        booking_body("intro-call", free[0]["start"], "bot@example.com", website="http://spam"),
    )
    assert bot.status_code == 422
    assert owner.ok(owner.get("bookings"))["total"] == 0
    made = client.post(
        f"{page}/bookings", booking_body("intro-call", free[0]["start"], "Nowa.Osoba@example.com")
    )
    assert made.status_code == 201
    [contact] = owner.ok(owner.get("contacts?q=nowa.osoba"))["items"]
    assert contact["first_name"] == "Ewa" and contact["last_name"] == "Żółkiewska"
    listed = owner.ok(owner.get("bookings?status=confirmed"))["items"]
    assert [b["contact_id"] for b in listed] == [contact["id"]]
    # Not a free slot (outside the hours, or not on the grid): 409 with the day's free slots.
    wrong = client.post(
        f"{page}/bookings",
        booking_body("intro-call", free[0]["start"][:11] + "09:10:00" + free[0]["start"][-6:]),
    )
    assert wrong.status_code == 409 and wrong.get_json()["slots"] == free[1:]
    unknown = client.post(f"{page}/bookings", booking_body("nope", free[1]["start"]))
    assert unknown.status_code == 422 and "type" in unknown.get_json()["errors"]
    assert client.get(f"{page}-missing").status_code == 404


def test_the_private_feed_lists_the_bookings_and_can_be_renewed(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    [first, *_] = slots(client, page, "intro-call", days_ahead(4))
    assert (
        client.post(f"{page}/bookings", booking_body("intro-call", first["start"])).status_code
        == 201
    )
    path = calendar["feed_url"].split("127.0.0.1:8000", 1)[1]
    feed = client.get(path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    [event] = ICalendar.from_ical(feed.data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Intro call: Ewa Żółkiewska"
    renewed = owner.ok(owner.patch(f"calendars/{calendar['id']}", {"renew_feed": True}))
    assert renewed["feed_url"] != calendar["feed_url"]
    assert client.get(path).status_code == 404


def test_overrides_change_a_day_and_days_off_close_it(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar, duration_minutes=60)
    page = page_path(owner, calendar)
    short, off = days_ahead(5), days_ahead(6)
    overrides = f"calendars/{calendar['id']}/overrides"
    owner.ok(
        owner.post(overrides, {"date": str(short), "hours": [{"start": "10:00", "end": "12:00"}]}),
        201,
    )
    owner.ok(
        owner.post(
            overrides, {"date": str(off), "end_date": str(off + timedelta(days=2)), "note": "Urlop"}
        ),
        201,
    )
    assert [s["start"][11:16] for s in slots(client, page, "intro-call", short)] == [
        "10:00",
        "11:00",
    ]
    assert slots(client, page, "intro-call", off, off + timedelta(days=2)) == []
    listed = owner.ok(owner.get(overrides))["items"]
    assert [o["day_off"] for o in listed] == [False, True, True, True]
    assert owner.delete(f"{overrides}/{listed[1]['id']}").status_code == 204
    assert len(slots(client, page, "intro-call", off)) == 8
    bad = owner.post(overrides, {"date": str(off), "end_date": str(short)})
    assert bad.status_code == 422 and "end_date" in bad.get_json()["errors"]


def test_staff_cancel_and_move_bookings_and_hidden_contacts_stay_hidden(
    app, owner: ApiClient, client
) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    free = slots(client, page, "intro-call", days_ahead(3))
    booked = client.post(
        f"{page}/bookings", booking_body("intro-call", free[0]["start"])
    ).get_json()
    [row] = owner.ok(owner.get(f"bookings?from={free[0]['start'].replace('+', '%2B')}"))["items"]
    # Staff see the free times as the page does; the booking being moved frees its own.
    day = days_ahead(3)
    staff_slots = f"calendars/{calendar['id']}/slots?type=intro-call&from={day}&to={day}"
    assert free[0] not in owner.ok(owner.get(f"{staff_slots}&tz=Europe/Warsaw"))["slots"]
    moving = owner.ok(owner.get(f"{staff_slots}&tz=Europe/Warsaw&ignore_booking={row['id']}"))
    assert moving["slots"] == free
    moved = owner.ok(owner.patch(f"bookings/{row['id']}", {"start": free[3]["start"]}))
    assert moved["sequence"] == 1
    assert datetime.fromisoformat(moved["start"]) == datetime.fromisoformat(free[3]["start"])
    done = owner.ok(
        owner.patch(f"bookings/{row['id']}", {"status": "cancelled", "reason": "Closed"})
    )
    assert done["status"] == "cancelled" and done["cancelled_by"] == "staff"
    assert (
        client.get(f"/api/v1/public/bookings/{booked['token']}").get_json()["can_change"] is False
    )
    from factories.contacts import make_class

    hidden = make_class(owner, "Hidden")
    owner.ok(owner.patch(f"contacts/{row['contact_id']}", {"contact_class_id": hidden["id"]}))
    limited = member_client(app, owner, role="member", class_ids=[make_class(owner, "Seen")["id"]])
    assert limited.ok(limited.get("bookings"))["total"] == 0
    assert limited.get(f"bookings/{row['id']}").status_code == 404
    month = (datetime.now(UTC) + timedelta(days=30)).isoformat().replace("+", "%2B")
    assert owner.ok(owner.get(f"bookings?to={month}"))["total"] == 1


def _remind(app, workspace_id: int, run_jobs) -> None:  # type: ignore[no-untyped-def]
    from cardfile.jobs.core import enqueue_now
    from cardfile.jobs.periodic import PERIODIC

    [reminders] = [p for p in PERIODIC if p.func.endswith("bookings.jobs:send_reminders")]
    with app.app_context():
        enqueue_now(workspace_id, reminders.func, queue=reminders.queue)
    run_jobs()


def _shift(workspace_id: int, booking_id: int, starts_in: timedelta, made_ago: timedelta) -> None:
    """Move a booking so it starts `starts_in` from now and was made `made_ago`."""
    from sqlalchemy import update

    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.bookings.models import Booking

    with open_workspace_session(workspace_id) as session:
        start = datetime.now(UTC) + starts_in
        session.execute(
            update(Booking)
            .where(Booking.id == booking_id)
            .values(
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                created_at=datetime.now(UTC) - made_ago,
                updated_at=datetime.now(UTC) - made_ago,
            )
        )
        session.commit()


def test_reminders_go_out_a_day_and_an_hour_before_once(  # type: ignore[no-untyped-def]
    app, owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    free = slots(client, page, "intro-call", days_ahead(5))
    early = booking_body("intro-call", free[0]["start"], "early@example.com")
    late = booking_body("intro-call", free[1]["start"], "late@example.com")
    assert client.post(f"{page}/bookings", early).status_code == 201
    assert client.post(f"{page}/bookings", late).status_code == 201
    ids = {b["email"]: b["id"] for b in owner.ok(owner.get("bookings"))["items"]}
    # Booked three days ahead, now 20 hours away; booked 5 hours ahead (no day-before mail).
    _shift(owner.workspace_id, ids["early@example.com"], timedelta(hours=20), timedelta(days=3))
    _shift(owner.workspace_id, ids["late@example.com"], timedelta(hours=4), timedelta(hours=1))
    run_jobs()
    sent = len(smtp.messages)
    _remind(app, owner.workspace_id, run_jobs)
    _remind(app, owner.workspace_id, run_jobs)  # a second run sends nothing again
    reminders = [m for m in smtp.messages[sent:] if m["Subject"].startswith("Reminder")]
    assert [m["To"] for m in reminders] == ["early@example.com"]
    # Now both are within the hour: one 1-hour reminder each.
    _shift(owner.workspace_id, ids["early@example.com"], timedelta(minutes=50), timedelta(days=3))
    _shift(owner.workspace_id, ids["late@example.com"], timedelta(minutes=40), timedelta(hours=5))
    _remind(app, owner.workspace_id, run_jobs)
    _remind(app, owner.workspace_id, run_jobs)
    reminders = [m for m in smtp.messages[sent:] if m["Subject"].startswith("Reminder")]
    assert sorted(m["To"] for m in reminders) == [
        "early@example.com",
        "early@example.com",
        "late@example.com",
    ]
