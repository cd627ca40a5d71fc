"""Calendars, booking types and bookings for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from factories.accounts import ApiClient

EVERY_DAY = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(7)]


def make_calendar(owner: ApiClient, **overrides: Any) -> dict[str, Any]:
    body = {
        "name": "Consultations",
        "user_id": owner.user["id"],
        "time_zone": "Europe/Warsaw",
        "weekly_hours": EVERY_DAY,
        **overrides,
    }
    return owner.ok(owner.post("calendars", body), 201)  # type: ignore[no-any-return]


def make_type(owner: ApiClient, calendar: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body = {"name": "Intro call", "duration_minutes": 30, "min_notice_minutes": 0, **overrides}
    return owner.ok(owner.post(f"calendars/{calendar['id']}/booking-types", body), 201)  # type: ignore[no-any-return]


def workspace_slug(owner: ApiClient) -> str:
    return owner.ok(owner.get(f"/api/v1/workspaces/{owner.workspace_id}"))["slug"]  # type: ignore[no-any-return]


def page_path(owner: ApiClient, calendar: dict[str, Any]) -> str:
    return f"/api/v1/public/book/{workspace_slug(owner)}/{calendar['slug']}"


def days_ahead(n: int) -> date:
    return datetime.now(UTC).date() + timedelta(days=n)


def slots(
    client: Any,
    page: str,
    type_slug: str,
    first: date,
    last: date | None = None,
    tz: str = "Europe/Warsaw",
) -> list[dict[str, str]]:
    response = client.get(f"{page}/slots?type={type_slug}&from={first}&to={last or first}&tz={tz}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["slots"]  # type: ignore[no-any-return]


def booking_body(
    type_slug: str, start: str, email: str = "ewa@example.com", **extra: Any
) -> dict[str, Any]:
    return {
        "type": type_slug,
        "start": start,
        "name": "Ewa Żółkiewska",
        "email": email,
        "consent": True,
        "tz": "Europe/Warsaw",
        **extra,
    }
