"""Slots are made in the member's zone and shown in the visitor's: the days clocks change in
Europe/Warsaw and America/New_York (the missing and the repeated hour), and a visitor 13 hours
away whose day is not the member's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from cardfile.modules.bookings import availability
from cardfile.modules.bookings.availability import Rules
from factories.accounts import ApiClient
from factories.bookings import booking_body, make_calendar, make_type, page_path, slots

WARSAW, NEW_YORK = ZoneInfo("Europe/Warsaw"), ZoneInfo("America/New_York")
HONOLULU = ZoneInfo("Pacific/Honolulu")


def _local_slots(zone: ZoneInfo, day: date, start: str, end: str, minutes: int = 60) -> list[str]:
    """The slots of one day with hours start..end, as local "HH:MM+hh:mm" strings."""
    hours = [{"weekday": day.weekday(), "start": start, "end": end}]
    first = datetime.combine(day, datetime.min.time(), zone).astimezone(UTC)
    last = first + timedelta(days=2)
    windows = availability.working_windows(hours, {}, zone, first, last)
    rules = Rules(
        duration=timedelta(minutes=minutes),
        buffer_before=timedelta(0),
        buffer_after=timedelta(0),
        earliest=first - timedelta(days=1),
        latest=last,
        max_per_day=None,
    )
    found = availability.free_slots(windows, rules, [1], {}, {}, zone, first, last)
    starts = [s.start for s in found]
    assert len(set(starts)) == len(starts)  # never two slots at one instant
    local = [s.start.astimezone(zone) for s in found]
    return [f"{at:%H:%M}{at.isoformat()[-6:]}" for at in local if at.date() == day]


def test_the_missing_hour_in_warsaw_has_no_slot() -> None:
    spring = date(2027, 3, 28)  # 02:00 becomes 03:00
    assert _local_slots(WARSAW, spring, "00:00", "06:00") == [
        "00:00+01:00",
        "01:00+01:00",
        "03:00+02:00",
        "04:00+02:00",
        "05:00+02:00",
    ]
    # Hours starting in the missing hour start when the clocks have jumped.
    assert _local_slots(WARSAW, spring, "02:30", "05:00") == ["03:30+02:00"]


def test_the_repeated_hour_in_warsaw_has_both_slots() -> None:
    autumn = date(2027, 10, 31)  # 03:00 becomes 02:00 again
    assert _local_slots(WARSAW, autumn, "00:00", "06:00") == [
        "00:00+02:00",
        "01:00+02:00",
        "02:00+02:00",
        "02:00+01:00",
        "03:00+01:00",
        "04:00+01:00",
        "05:00+01:00",
    ]
    # Hours ending in the repeated hour end at its second occurrence.
    assert _local_slots(WARSAW, autumn, "00:00", "02:30", minutes=30)[-3:] == [
        "02:00+02:00",
        "02:30+02:00",
        "02:00+01:00",
    ]


def test_new_york_changes_clocks_on_its_own_days() -> None:
    assert _local_slots(NEW_YORK, date(2027, 3, 14), "00:00", "04:00") == [
        "00:00-05:00",
        "01:00-05:00",
        "03:00-04:00",
    ]
    assert _local_slots(NEW_YORK, date(2027, 11, 7), "00:00", "03:00") == [
        "00:00-04:00",
        "01:00-04:00",
        "01:00-05:00",
        "02:00-05:00",
    ]
    # Office hours keep their wall-clock time: 09:00 is 14:00 UTC, then 13:00 UTC.
    before = _local_slots(NEW_YORK, date(2027, 3, 13), "09:00", "10:00")
    after = _local_slots(NEW_YORK, date(2027, 3, 14), "09:00", "10:00")
    assert before == ["09:00-05:00"] and after == ["09:00-04:00"]


def _next_last_sunday(month: int) -> date:
    """The next last Sunday of `month` (when Europe changes its clocks), days from now."""
    soon = datetime.now(UTC).date() + timedelta(days=2)
    for year in (soon.year, soon.year + 1):
        day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        day -= timedelta(days=(day.weekday() - 6) % 7)
        if day >= soon:
            return day
    raise AssertionError("unreachable")


def test_a_dst_day_through_the_api(owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    sunday = [{"weekday": 6, "start": "00:00", "end": "06:00"}]
    calendar = make_calendar(owner, weekly_hours=sunday)
    make_type(owner, calendar, duration_minutes=60, max_days_ahead=400)
    page = page_path(owner, calendar)
    spring_day, autumn_day = _next_last_sunday(3), _next_last_sunday(10)
    spring = slots(client, page, "intro-call", spring_day)
    assert [s["start"] for s in spring] == [
        f"{spring_day}T00:00:00+01:00",
        f"{spring_day}T01:00:00+01:00",
        f"{spring_day}T03:00:00+02:00",
        f"{spring_day}T04:00:00+02:00",
        f"{spring_day}T05:00:00+02:00",
    ]
    assert spring[1]["end"] == f"{spring_day}T03:00:00+02:00"  # 01:00 + one hour
    # The same day seen from New York (on its summer time since the second Sunday of March).
    saturday = spring_day - timedelta(days=1)
    seen = slots(client, page, "intro-call", saturday, spring_day, "America/New_York")
    assert seen[0]["start"] == f"{saturday}T19:00:00-04:00"
    autumn = slots(client, page, "intro-call", autumn_day)
    assert [s["start"][11:] for s in autumn][2:4] == ["02:00:00+02:00", "02:00:00+01:00"]
    # Both 02:00s are booked as the distinct instants they are.
    for i, slot in enumerate(autumn[2:4]):
        made = client.post(
            f"{page}/bookings", booking_body("intro-call", slot["start"], f"autumn{i}@example.com")
        )
        assert made.status_code == 201, made.get_json()
    assert [s["start"] for s in slots(client, page, "intro-call", autumn_day)] == [
        s["start"] for s in autumn if s not in autumn[2:4]
    ]
    # Half past two (+02:00) is 01:30 before the jump: not on the grid, so no slot.
    off_grid = booking_body("intro-call", f"{spring_day}T02:30:00+02:00")
    assert client.post(f"{page}/bookings", off_grid).status_code == 409


def test_a_visitor_thirteen_hours_ahead_sees_the_slots_on_their_own_days(
    owner: ApiClient, client
) -> None:  # type: ignore[no-untyped-def]
    weekdays = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)]
    # Honolulu (UTC-10) and Istanbul (UTC+3) keep their offsets all year: 13 hours apart.
    calendar = make_calendar(owner, weekly_hours=weekdays, time_zone="Pacific/Honolulu")
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    today = datetime.now(UTC).date()
    monday = today + timedelta(days=7 - today.weekday() + 7)  # a Monday over a week away
    far = "Europe/Istanbul"
    istanbul = ZoneInfo(far)
    on_monday = slots(client, page, "intro-call", monday, tz=far)
    # Honolulu's Monday 09:00-11:00 is the visitor's Monday 22:00-24:00...
    assert [s["start"][11:] for s in on_monday] == [
        "22:00:00+03:00",
        "22:30:00+03:00",
        "23:00:00+03:00",
        "23:30:00+03:00",
    ]
    assert all(s["start"].startswith(str(monday)) for s in on_monday)
    # ...and the rest of Honolulu's Monday falls on the visitor's Tuesday, before its Tuesday.
    on_tuesday = slots(client, page, "intro-call", monday + timedelta(days=1), tz=far)
    assert len(on_tuesday) == 12 + 4
    assert on_tuesday[0]["start"] == f"{monday + timedelta(days=1)}T00:00:00+03:00"
    member_days = {
        datetime.fromisoformat(s["start"]).astimezone(HONOLULU).date() for s in on_tuesday
    }
    assert member_days == {monday, monday + timedelta(days=1)}
    # The visitor's Sunday is Honolulu's Saturday and Sunday morning: nothing.
    assert slots(client, page, "intro-call", monday - timedelta(days=1), tz=far) == []
    # Booking in the visitor's zone lands on the member's hour.
    made = client.post(
        f"{page}/bookings", booking_body("intro-call", on_tuesday[0]["start"], tz=far)
    )
    assert made.status_code == 201
    booked = made.get_json()
    assert booked["start"] == on_tuesday[0]["start"] and booked["time_zone"] == far
    staff = owner.ok(owner.get("bookings"))["items"][0]
    assert datetime.fromisoformat(staff["start"]).astimezone(HONOLULU).hour == 11
    assert datetime.fromisoformat(staff["start"]).astimezone(istanbul).hour == 0
