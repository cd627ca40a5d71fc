"""No double bookings, ever: requests fired at the same moment from many threads (each its own
HTTP client and database connection) against the same slot, overlapping buffers, a day's
limit and a round-robin team. PostgreSQL's exclusion constraint decides; the losers get a 409
with the slots still free."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.bookings import booking_body, days_ahead, make_calendar, make_type, page_path, slots


def _fire(app: Any, path: str, bodies: list[dict[str, Any]]) -> list[Any]:
    """POST every body at once (a barrier releases them together)."""
    barrier = threading.Barrier(len(bodies))

    def one(body: dict[str, Any]) -> Any:
        http = app.test_client()
        barrier.wait()
        return http.post(path, json=body)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(one, bodies))


def _overlaps(workspace_id: int) -> int:
    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.bookings.booking import overlapping_bookings

    with open_workspace_session(workspace_id) as session:
        return overlapping_bookings(session)


def test_twenty_requests_for_one_slot_make_one_booking(app, owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    free = slots(client, page, "intro-call", days_ahead(2))
    bodies = [
        booking_body("intro-call", free[4]["start"], f"visitor{i}@example.com") for i in range(20)
    ]
    answers = _fire(app, f"{page}/bookings", bodies)
    codes = sorted(r.status_code for r in answers)
    assert codes == [201] + [409] * 19
    lost = next(r.get_json() for r in answers if r.status_code == 409)
    assert "just taken" in lost["message"] or "not available" in lost["message"]
    assert free[4] not in lost["slots"] and free[5] in lost["slots"]
    assert owner.ok(owner.get("bookings"))["total"] == 1
    # The losers' visits left nothing behind: only the winner became a contact.
    assert owner.ok(owner.get("contacts?q=visitor"))["total"] == 1
    assert _overlaps(owner.workspace_id) == 0


def test_buffers_and_the_daily_limit_hold_under_concurrency(app, owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    calendar = make_calendar(owner)
    # 30 minutes with 15 kept free on each side: 10:00 and 10:30 cannot both be booked.
    make_type(owner, calendar, name="Buffered", buffer_before=15, buffer_after=15)
    make_type(owner, calendar, name="Limited", max_per_day=2)
    page = page_path(owner, calendar)
    day = days_ahead(3)
    buffered = slots(client, page, "buffered", day)
    neighbours = [buffered[2]["start"], buffered[3]["start"]]  # back to back: buffers clash
    answers = _fire(
        app,
        f"{page}/bookings",
        [
            booking_body("buffered", start, f"b{i}@example.com")
            for i, start in enumerate(neighbours)
        ],
    )
    assert sorted(r.status_code for r in answers) == [201, 409]

    other_day = days_ahead(4)
    limited = slots(client, page, "limited", other_day)
    starts = [s["start"] for s in limited[:8]]  # eight distinct free slots, two places a day
    answers = _fire(
        app,
        f"{page}/bookings",
        [booking_body("limited", start, f"l{i}@example.com") for i, start in enumerate(starts)],
    )
    assert sorted(r.status_code for r in answers) == [201, 201] + [409] * 6
    assert slots(client, page, "limited", other_day) == []  # the day is full for this type
    assert slots(client, page, "buffered", other_day) != []  # other types still book it
    assert _overlaps(owner.workspace_id) == 0


def test_a_team_calendar_spreads_one_slot_over_its_members(app, owner: ApiClient, client) -> None:  # type: ignore[no-untyped-def]
    colleague = member_client(app, owner, role="member")
    team = [owner.user["id"], colleague.user["id"]]
    calendar = make_calendar(owner, name="Front desk", user_id=None, team_user_ids=team)
    assert [m["id"] for m in calendar["members"]] == sorted(team)
    make_type(owner, calendar)
    page = page_path(owner, calendar)
    free = slots(client, page, "intro-call", days_ahead(2))
    answers = _fire(
        app,
        f"{page}/bookings",
        [booking_body("intro-call", free[0]["start"], f"t{i}@example.com") for i in range(3)],
    )
    assert sorted(r.status_code for r in answers) == [201, 201, 409]
    booked = owner.ok(owner.get(f"bookings?calendar_id={calendar['id']}"))["items"]
    assert sorted(b["user_id"] for b in booked) == sorted(team)  # one each
    assert free[0] not in slots(client, page, "intro-call", days_ahead(2))
    # Round-robin: the next booking goes to whoever was booked longest ago.
    first_booked = min(booked, key=lambda b: b["created_at"])["user_id"]
    made = client.post(
        f"{page}/bookings", booking_body("intro-call", free[3]["start"], "n@example.com")
    )
    assert made.status_code == 201
    [latest] = owner.ok(
        owner.get(f"bookings?calendar_id={calendar['id']}&sort=-created_at&page_size=1")
    )["items"]
    assert latest["user_id"] == first_booked
    # A member's time is theirs across calendars: their own calendar shows them busy then.
    own = make_calendar(owner, name="Olive")
    make_type(owner, own)
    mine = slots(client, page_path(owner, own), "intro-call", days_ahead(2))
    assert free[0]["start"] not in [s["start"] for s in mine]
    assert _overlaps(owner.workspace_id) == 0
