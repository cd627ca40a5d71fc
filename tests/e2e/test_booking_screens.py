"""The staff's booking screens in Chromium, at 1280 and 390 px. An owner makes a calendar in
Settings → Calendars (a Polish and Cyrillic name, Europe/Warsaw, Monday's hours copied to the
other weekdays), adds a booking type with a question and a day off; a visitor books a slot on
the public page (the public API); the owner sees the booking in the week (a grid, or a list of
days on a phone), opens it with its answer and consent, cancels it with a reason; the list tab
shows it cancelled, and the contact's card shows it in its Bookings panel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.bookings import booking_body, days_ahead, page_path, slots
from factories.browser import fits, shot

ARTIFACTS = Path(__file__).parent / "artifacts"

CALENDAR = "Konsultacje Żółwia — Консультации"
TYPE = "Rozmowa wstępna"
QUESTION = "O czym chcesz porozmawiać?"
ANSWER = "O żółwiach i черепахах."
REASON = "Choroba — болезнь."


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"bookings-{name}-{width}")


def _nav(page: Page, width: int, name: str) -> None:
    """The main navigation; on a phone it is behind the menu button."""
    if width < 768:
        page.get_by_role("button", name="Open navigation").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def _make_calendar(page: Page, width: int, ws: int) -> int:
    _nav(page, width, "Calendars")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/settings/calendars$"))
    expect(page.get_by_text("No calendars yet")).to_be_visible()
    page.get_by_role("link", name="New calendar").first.click()

    form = page.get_by_role("form", name="New calendar")
    form.get_by_label("Name").fill(CALENDAR)
    form.get_by_label("Time zone").click()
    form.get_by_label("Time zone").fill("Europe/Warsaw")
    page.get_by_role("option", name="Europe/Warsaw", exact=True).click()
    # Monday 08:00–12:00 and 13:00–16:00, copied to Tuesday–Friday.
    form.get_by_label("Monday from", exact=True).fill("08:00")
    form.get_by_label("Monday until", exact=True).fill("12:00")
    form.get_by_role("button", name="Add hours on Monday").click()
    form.get_by_label("Monday from 2", exact=True).fill("13:00")
    form.get_by_label("Monday until 2", exact=True).fill("16:00")
    form.get_by_role("button", name="Copy Monday to Tuesday–Friday").click()
    expect(form.get_by_label("Friday until 2", exact=True)).to_have_value("16:00")
    # An end before its start is refused on the range, before anything is sent.
    form.get_by_label("Monday until 1", exact=True).fill("07:00")
    expect(form.get_by_text("The end must come after the start.")).to_be_visible()
    expect(form.get_by_role("button", name="Create calendar")).to_be_disabled()
    form.get_by_label("Monday until 1", exact=True).fill("12:00")
    form.get_by_role("button", name="Create calendar").dblclick()
    expect(page).to_have_url(re.compile(rf"/w/{ws}/settings/calendars/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _add_type_and_day_off(page: Page) -> None:
    page.get_by_role("button", name="Add booking type").click()
    dialog = page.get_by_role("dialog", name="New booking type")
    dialog.get_by_label("Name").fill(TYPE)
    dialog.get_by_label("Minimum notice (minutes)").fill("0")
    dialog.get_by_role("button", name="Add a question").click()
    dialog.get_by_label("Question 1", exact=True).fill(QUESTION)
    dialog.get_by_label("Required").check()
    dialog.get_by_role("button", name="Add booking type").click()
    expect(dialog).to_have_count(0)
    booking_type = page.get_by_test_id("booking-type")
    expect(booking_type.get_by_text(TYPE)).to_be_visible()
    rules = "30 min · no notice needed, up to 60 days ahead"
    expect(booking_type.get_by_text(rules)).to_be_visible()

    overrides = page.get_by_role("form", name="Add a date override")
    overrides.get_by_label("Date").fill(str(days_ahead(9)))
    overrides.get_by_label("Until").fill(str(days_ahead(10)))
    overrides.get_by_label("Note").fill("Urlop")
    overrides.get_by_role("button", name="Add override").click()
    listed = page.get_by_role("list", name="Date overrides")
    expect(listed.get_by_role("listitem")).to_have_count(1)  # two days, one row
    expect(listed.get_by_text("Day off")).to_be_visible()


def _book(app: Any, owner: ApiClient, calendar_id: int) -> dict[str, Any]:
    """A visitor books the first free slot a week ahead on the public page."""
    calendar = owner.ok(owner.get(f"calendars/{calendar_id}"))
    [booking_type] = owner.ok(owner.get(f"calendars/{calendar_id}/booking-types"))["items"]
    [question] = booking_type["questions"]
    public = app.test_client()
    path = page_path(owner, calendar)
    free = slots(public, path, booking_type["slug"], days_ahead(7))
    assert free, "the calendar has hours a week ahead"
    body = booking_body(booking_type["slug"], free[0]["start"], answers={question["key"]: ANSWER})
    response = public.post(f"{path}/bookings", json=body)
    assert response.status_code == 201, response.get_json()
    [booking] = owner.ok(owner.get("bookings"))["items"]
    return booking  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", [1280, 390])
def test_calendar_booking_week_cancel_and_card(app, new_page, width: int) -> None:  # type: ignore[no-untyped-def]
    owner: ApiClient = signup_client(app)
    ws = owner.workspace_id
    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)

    calendar_id = _make_calendar(page, width, ws)
    calendar = owner.ok(owner.get(f"calendars/{calendar_id}"))
    assert calendar["name"] == CALENDAR and calendar["time_zone"] == "Europe/Warsaw"
    assert calendar["user_id"] == owner.user["id"]
    friday = [(h["start"], h["end"]) for h in calendar["weekly_hours"] if h["weekday"] == 4]
    assert friday == [("08:00", "12:00"), ("13:00", "16:00")]
    assert len(owner.ok(owner.get("calendars"))["items"]) == 1  # the double click made one

    expect(page.get_by_text(calendar["public_url"])).to_be_visible()
    expect(page.get_by_role("button", name="Copy private calendar feed link")).to_be_visible()
    _add_type_and_day_off(page)
    fits(page, width)
    _shot(page, "calendar-editor", width)

    booking = _book(app, owner, calendar_id)

    # The week: next week holds the booking (a week ahead); opening it shows its details.
    _nav(page, width, "Bookings")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/bookings$"))
    page.get_by_role("button", name="Next week").click()
    block = page.get_by_role("button", name=re.compile("Ewa Żółkiewska, " + TYPE))
    expect(block).to_be_visible()
    fits(page, width)
    _shot(page, "week", width)

    block.click()
    drawer = page.get_by_role("dialog", name="Ewa Żółkiewska")
    expect(drawer.get_by_text(ANSWER)).to_be_visible()
    expect(drawer.get_by_text(QUESTION)).to_be_visible()
    expect(drawer.get_by_test_id("consent-text")).to_contain_text(calendar["consent_text"])
    expect(drawer.get_by_text("Public booking page")).to_be_visible()
    # Rescheduling offers the day's free times, the booking's own among them.
    times = drawer.get_by_role("group", name=re.compile("^Free times on "))
    expect(times.get_by_role("button").first).to_be_visible()
    fits(page, width)
    _shot(page, "drawer", width)
    drawer.get_by_label("Reason for cancelling").fill(REASON)
    drawer.get_by_role("button", name="Cancel booking").click()
    confirm = page.get_by_role("dialog", name="Cancel this booking?")
    confirm.get_by_role("button", name="Cancel booking").dblclick()
    expect(confirm).to_have_count(0)
    expect(drawer.get_by_text(f"“{REASON}”")).to_be_visible()
    expect(drawer.get_by_text("Cancelled", exact=True)).to_be_visible()
    found = owner.ok(owner.get(f"bookings/{booking['id']}"))
    assert found["status"] == "cancelled" and found["cancel_reason"] == REASON
    assert found["cancelled_by"] == "staff"

    # Closing goes back to the week; the list tab shows it cancelled.
    page.keyboard.press("Escape")
    expect(page).not_to_have_url(re.compile("booking="))
    page.get_by_role("tab", name="List").click()
    expect(page).to_have_url(re.compile("view=list"))
    listed = page.get_by_label("Bookings", exact=True)
    expect(listed.get_by_text("Ewa Żółkiewska")).to_be_visible()
    expect(listed.get_by_text("Cancelled")).to_be_visible()
    fits(page, width)
    _shot(page, "list", width)
    page.reload()  # the tab and filters are in the address
    expect(page.get_by_label("Bookings", exact=True).get_by_text("Ewa Żółkiewska")).to_be_visible()

    # The contact's card: the Bookings panel lists it, with a link back.
    page.goto(f"/w/{ws}/contacts/{booking['contact_id']}")
    panel = page.get_by_role("region", name="Bookings")
    row = panel.get_by_test_id("contact-booking")
    expect(row).to_have_count(1, timeout=10_000)  # the card loads many panels at once
    expect(row.get_by_text("Cancelled")).to_be_visible()
    expect(row.get_by_text(f"{TYPE} · {CALENDAR}", exact=False)).to_be_visible()
    fits(page, width)
    panel.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    panel.screenshot(path=str(ARTIFACTS / f"bookings-card-panel-{width}.png"))
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/w/{ws}/bookings\?.*booking={booking['id']}"))
    expect(page.get_by_role("dialog", name="Ewa Żółkiewska")).to_be_visible()
