"""The public booking page in Chromium at 1280 and 390 px, with nobody logged in: a visitor in
Warsaw opens a calendar named in Polish and Cyrillic, chooses between two booking types, picks
tomorrow and its first free time and fills the form (a Polish name, a required question);
someone takes that time first, so the page offers the day's times still free; they pick one,
double-click Confirm and see the confirmation; the booking is in the owner's list once.
From the confirmation they open the manage page, move the booking with the same picker, then
cancel it with a reason; the owner's list shows each change. Back and reload keep the place.
An unknown page says it does not exist."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from factories.accounts import ApiClient, signup_client
from factories.bookings import (
    booking_body,
    make_calendar,
    make_type,
    page_path,
    slots,
    workspace_slug,
)
from factories.browser import fits, shot

WARSAW = ZoneInfo("Europe/Warsaw")
WORKSPACE = "Żółw i Syn — Черепаха Wielkopolska"
CALENDAR = "Konsultacje u Małgorzaty Brzęczyszczykiewicz — Консультации"
CONSENT = "Zgadzam się na przetwarzanie moich danych w celu umówienia spotkania."
NAME = "Zażółć Gęślą Jaźń-Brzęczyszczykiewicz"
QUESTION = "O czym chcesz porozmawiać?"
ANSWER = "Nowa strona internetowa — новый сайт"
REASON = "Choroba w rodzinie — болезнь"


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"booking-{name}-{width}")


def _mine(owner: ApiClient) -> list[dict[str, Any]]:
    """The visitor's bookings, as the workspace's owner lists them."""
    return [b for b in owner.ok(owner.get("bookings"))["items"] if b["name"] == NAME]


def _long_date(day: Any) -> str:
    return f"{day:%A}, {day.day} {day:%B} {day.year}"


def _pick_day(scope: Any, day: Any) -> None:
    """A day of the month grid that has free times (the others are disabled)."""
    scope.get_by_role("button", name=re.compile(rf"^{_long_date(day)}: \d+ free times$")).click()


@pytest.fixture
def visitor(browser, live_url):  # type: ignore[no-untyped-def]
    """A page in a browser of someone in Warsaw, never logged in."""
    contexts = []

    def make(width: int):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_url,
            viewport={"width": width, "height": 900},
            timezone_id="Europe/Warsaw",
            locale="pl-PL",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_book_a_time_then_cancel_it(app, visitor, width: int) -> None:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    owner.ok(owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"name": WORKSPACE}))
    calendar = make_calendar(
        owner,
        name=CALENDAR,
        description="Porozmawiajmy o Twoim projekcie. Давайте поговорим.",
        consent_text=CONSENT,
    )
    intro = make_type(
        owner,
        calendar,
        name="Rozmowa wstępna",
        location="Warszawa, ul. Długa 5",
        questions=[{"label": QUESTION, "required": True, "multiline": True}],
    )
    make_type(owner, calendar, name="Warsztat — Мастерская", duration_minutes=90)
    [key] = [q["key"] for q in intro["questions"]]
    page = visitor(width)

    page.goto(f"/book/{workspace_slug(owner)}/{calendar['slug']}")
    expect(page.get_by_role("heading", name=CALENDAR)).to_be_visible()
    expect(page.get_by_text(WORKSPACE)).to_be_visible()
    page.get_by_role("button", name=re.compile("^Rozmowa wstępna")).click()

    # Tomorrow in Warsaw (the page's detected zone): maybe in the next month.
    today = datetime.now(WARSAW).date()
    tomorrow = today + timedelta(days=1)
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Warsaw")
    if tomorrow.month != today.month:
        page.get_by_role("button", name="Next month").click()
    _pick_day(page, tomorrow)
    times = page.get_by_role("group", name=f"Free times on {_long_date(tomorrow)}")
    expect(times.get_by_role("button").first).to_have_text("09:00")
    fits(page, width)
    _shot(page, "picker", width)
    times.get_by_role("button", name="09:00").click()

    # Each step is in the URL: Back shows the day's times again, Forward and a reload the form.
    form = page.get_by_role("form", name="Your details")
    expect(form).to_be_visible()
    page.go_back()
    expect(times.get_by_role("button", name="09:00")).to_be_visible()
    page.go_forward()
    page.reload()

    # The form: its problems all at once, then filled in.
    form.get_by_role("button", name="Confirm booking").click()
    expect(form.get_by_text("Enter your name.")).to_be_visible()
    expect(form.get_by_text("Answer this question.")).to_be_visible()
    form.get_by_label("Your name").fill(NAME)
    form.get_by_label("Email").fill("jazn@example.pl")
    form.get_by_label(QUESTION).fill(ANSWER)
    form.get_by_label(CONSENT).check()
    expect(form.locator("input[name=website]")).to_have_attribute("tabindex", "-1")
    expect(form.get_by_test_id("booking-when")).to_have_text(f"{_long_date(tomorrow)}, 09:00–09:30")
    fits(page, width)
    _shot(page, "form", width)

    # Someone else takes 09:00 meanwhile: the message, and the times still free that day.
    [first, *_] = slots(app.test_client(), page_path(owner, calendar), intro["slug"], tomorrow)
    taken = app.test_client().post(
        f"{page_path(owner, calendar)}/bookings",
        json=booking_body(intro["slug"], first["start"], answers={key: "Inna sprawa"}),
    )
    assert taken.status_code == 201, taken.get_json()
    form.get_by_role("button", name="Confirm booking").click()
    expect(form.get_by_role("alert")).to_contain_text("This time is not available")
    expect(form.get_by_role("button", name="Confirm booking")).to_be_disabled()
    fresh = form.get_by_role("group", name="Times still free that day")
    expect(fresh.get_by_role("button").first).to_have_text("09:30")
    fits(page, width)
    _shot(page, "taken", width)
    fresh.get_by_role("button", name="09:30").click()
    expect(form.get_by_label("Your name")).to_have_value(NAME)
    form.get_by_role("button", name="Confirm booking").dblclick()

    expect(page.get_by_role("heading", name="You are booked")).to_be_visible()
    expect(page.get_by_text("A confirmation email is on its way")).to_be_visible()
    expect(page.get_by_test_id("booking-when")).to_have_text(f"{_long_date(tomorrow)}, 09:30–10:00")
    expect(page.get_by_text("Warszawa, ul. Długa 5")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="You are booked")).to_be_visible()
    [booked] = _mine(owner)  # the double click booked once
    assert booked["status"] == "confirmed" and booked["answers"] == {key: ANSWER}
    start = datetime.fromisoformat(booked["start"]).astimezone(WARSAW)
    assert (start.date(), start.hour, start.minute) == (tomorrow, 9, 30)
    fits(page, width)
    _shot(page, "confirmation", width)

    # The manage page.
    page.get_by_role("link", name="Change or cancel this booking").click()
    expect(page).to_have_url(re.compile(r"/booking/[^/]+$"))
    expect(page.get_by_test_id("booking-status")).to_have_text("Confirmed")
    expect(page.get_by_role("button", name="Reschedule")).to_be_enabled()
    fits(page, width)
    _shot(page, "manage", width)

    # Reschedule with the same picker: the day after, at 10:00.
    page.get_by_role("button", name="Reschedule").click()
    later = tomorrow + timedelta(days=1)
    picker = page.get_by_role("region", name="Choose a new time")
    if later.month != today.month:
        picker.get_by_role("button", name="Next month").click()
    _pick_day(picker, later)
    fits(page, width)
    _shot(page, "reschedule", width)
    later_times = picker.get_by_role("group", name=f"Free times on {_long_date(later)}")
    later_times.get_by_role("button", name="10:00").click()
    expect(picker.get_by_test_id("booking-when")).to_have_text(f"{_long_date(later)}, 10:00–10:30")
    picker.get_by_role("button", name="Move my booking").dblclick()
    expect(page.get_by_text("Your booking was moved")).to_be_visible()
    expect(page.get_by_test_id("booking-when")).to_have_text(f"{_long_date(later)}, 10:00–10:30")
    [moved] = _mine(owner)
    start = datetime.fromisoformat(moved["start"]).astimezone(WARSAW)
    assert (moved["id"], start.date(), start.hour) == (booked["id"], later, 10)

    # Cancel, with a reason and a confirmation.
    page.get_by_role("button", name="Cancel booking").click()
    region = page.get_by_role("region", name="Cancel the booking")
    region.get_by_label("Reason").fill(REASON)
    region.get_by_role("button", name="Cancel booking").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("This booking is cancelled")).to_be_visible()
    expect(page.get_by_test_id("booking-status")).to_have_text("Cancelled")
    [cancelled] = _mine(owner)
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == REASON
    page.reload()
    expect(page.get_by_test_id("booking-status")).to_have_text("Cancelled")
    expect(page.get_by_role("button", name="Reschedule")).to_have_count(0)
    fits(page, width)
    _shot(page, "manage-cancelled", width)


def test_an_unknown_page(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor(390)
    page.goto("/book/nobody/nothing")
    expect(page.get_by_role("heading", name="This booking page does not exist")).to_be_visible()
    page.goto("/booking/not-a-token")
    expect(page.get_by_role("heading", name="This booking link is not valid")).to_be_visible()
