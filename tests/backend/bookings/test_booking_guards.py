"""What a booking page and the staff API refuse or keep to themselves: bad input answered
with a 422 naming the field (never a 500), the private feed for admins and the calendar's
members only, a forgotten person's address not re-added, someone who left not booked."""

from __future__ import annotations

from factories.accounts import ApiClient, member_client
from factories.bookings import (
    booking_body,
    days_ahead,
    make_calendar,
    make_type,
    page_path,
    slots,
)
from factories.contacts import make_contact


def test_the_private_feed_is_for_admins_and_the_calendars_members(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    viewer = member_client(app, owner, role="viewer")
    colleague = member_client(app, owner, role="member")
    theirs = make_calendar(owner, name="Colleague", user_id=colleague.user["id"])
    assert owner.ok(owner.get(f"calendars/{theirs['id']}"))["feed_url"]
    assert colleague.ok(colleague.get(f"calendars/{theirs['id']}"))["feed_url"]
    assert viewer.ok(viewer.get(f"calendars/{theirs['id']}"))["feed_url"] is None
    listed = viewer.ok(viewer.get("calendars"))["items"]
    assert [c["feed_url"] for c in listed] == [None]


def test_bad_input_gets_a_422_naming_the_field(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    kind = make_type(owner, calendar, questions=[{"key": "topic", "label": "Topic?"}])
    # A partial item inside a PATCH is still checked whole.
    half = owner.patch(f"calendars/{calendar['id']}", {"weekly_hours": [{"weekday": 0}]})
    assert half.status_code == 422 and "weekly_hours.0.start" in half.get_json()["errors"]
    types = f"calendars/{calendar['id']}/booking-types/{kind['id']}"
    nameless = owner.patch(types, {"questions": [{"required": True}]})
    assert nameless.status_code == 422 and "questions.0.label" in nameless.get_json()["errors"]
    page = page_path(owner, calendar)
    far = client.get(f"{page}/slots?type=intro-call&from=9999-12-31&to=9999-12-31")
    assert far.status_code == 422 and "from" in far.get_json()["errors"]
    ancient = client.post(
        f"{page}/bookings", booking_body("intro-call", "0001-01-01T00:00:00+00:00")
    )
    assert ancient.status_code == 422 and "start" in ancient.get_json()["errors"]
    [slot, *_] = slots(client, page, "intro-call", days_ahead(2))
    broken = client.post(
        f"{page}/bookings",
        booking_body("intro-call", slot["start"], answers={"topic": "\ud800"}),
    )
    assert broken.status_code == 422 and "answers.topic" in broken.get_json()["errors"]
    not_text = client.post(
        f"{page}/bookings", booking_body("intro-call", slot["start"], answers={"topic": 5})
    )
    assert not_text.status_code == 422
    assert client.get(f"{page}%00").status_code == 404
    assert client.get("/api/v1/p/abc%00def").status_code == 404
    # A one-word name longer than a contact's first name still books.
    long_name = booking_body("intro-call", slot["start"], "long@example.com", name="Ż" * 150)
    assert client.post(f"{page}/bookings", long_name).status_code == 201
    [row] = owner.ok(owner.get("bookings"))["items"]
    both = owner.patch(f"bookings/{row['id']}", {"status": "cancelled", "start": slot["start"]})
    assert both.status_code == 422 and "start" in both.get_json()["errors"]


def test_a_move_to_the_same_time_changes_nothing(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    [slot, *_] = slots(client, page, "intro-call", days_ahead(2))
    booked = client.post(f"{page}/bookings", booking_body("intro-call", slot["start"])).get_json()
    manage = f"/api/v1/public/bookings/{booked['token']}"
    assert client.post(f"{manage}/reschedule", {"start": slot["start"]}).status_code == 200
    assert owner.ok(owner.get(f"bookings/{booked['id']}"))["sequence"] == 0


def test_a_forgotten_address_is_not_added_again_nor_told_apart(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    gone = make_contact(owner, email="gone@example.com")
    owner.ok(owner.post(f"contacts/{gone['id']}/forget"))
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    [slot, *_] = slots(client, page, "intro-call", days_ahead(2))
    made = client.post(
        f"{page}/bookings", booking_body("intro-call", slot["start"], "Gone@Example.com")
    )
    assert made.status_code == 422
    message = made.get_json()["errors"]["email"][0]
    assert "forgot" not in message.lower() and "another" in message
    assert owner.ok(owner.get("contacts?q=gone@example.com"))["total"] == 0
    assert owner.ok(owner.get("bookings"))["total"] == 0


def test_someone_who_left_is_no_longer_offered(app, owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    colleague = member_client(app, owner, role="member")
    calendar = make_calendar(owner, name="Colleague", user_id=colleague.user["id"])
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    assert slots(client, page, "intro-call", days_ahead(2))
    assert owner.delete(f"members/{colleague.user['id']}").status_code == 204
    assert slots(client, page, "intro-call", days_ahead(2)) == []
