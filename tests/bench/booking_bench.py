"""Calendar booking (issue 20): how long the free slots of 60 days take to compute for a busy
calendar, and how many bookings a second the booking page takes from 16 clients at once.

1. Availability: one member's calendar, 08:00-20:00 every day in Europe/Warsaw, a 15-minute
   booking type; 2,000 confirmed bookings spread over the next 60 days (of 2,880 slots). The
   public `slots` request for all 60 days (from..to, tz=America/New_York), through the app
   in this process (Flask's test client: no network), 30 times: median and 95th percentile.
2. Throughput: a fresh calendar (09:00-17:00, 30 minutes, 60 days: 960 slots); 16 client
   threads POST bookings to `cardfile serve` (gunicorn, 4 workers x 4 threads) over HTTP, each
   to its own share of the slots, every booking a new visitor (a new contact). Twice: shares
   of contiguous days (as visitors spread over the weeks), then interleaved (client i takes
   slots i, i+16, ...: all 16 book the same day at once, and queue on that day's lock).
   Bookings a second, wall clock. Then SQL counts overlapping held times of confirmed
   bookings of one member: must be 0.

Not part of pytest. Alone: `.venv/bin/python tests/bench/booking_bench.py`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_booking"
SECRET = "bench-booking-" + "x" * 32
EXISTING, DAYS, RUNS, CLIENTS, PORT = 2_000, 60, 30, 16, 8731


def _workspace(name: str) -> tuple[int, str, int]:
    """A new workspace: (id, slug, owner's user id)."""
    from cardfile.auth import service as auth
    from cardfile.db.scope import open_public_session

    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session, f"{name}-{time.time_ns()}@cardfile.local", "bench-password-1", name, "Bench"
        )
        return int(workspace.id), workspace.slug, int(user.id)


def _calendar(workspace_id: int, user_id: int, start: str, end: str, minutes: int) -> str:
    from cardfile.access.principal import system_principal
    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.bookings import service

    hours = [{"weekday": d, "start": start, "end": end} for d in range(7)]
    with open_workspace_session(workspace_id) as session:
        principal = system_principal(workspace_id)
        calendar = service.create_calendar(
            session,
            principal,
            {
                "name": "Gabinet",
                "user_id": user_id,
                "time_zone": "Europe/Warsaw",
                "weekly_hours": hours,
            },
        )
        service.create_type(
            session,
            calendar["id"],
            {
                "name": "Wizyta",
                "duration_minutes": minutes,
                "min_notice_minutes": 0,
                "max_days_ahead": DAYS + 5,
            },
        )
        session.commit()
        return str(calendar["slug"])


def _fill(db_url: str, workspace_id: int, user_id: int) -> None:
    """EXISTING bookings at random 15-minute slots of the next DAYS days (08:00-20:00)."""
    import psycopg

    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute(f"SET search_path = ws_{workspace_id}, public")
        calendar_id, type_id = conn.execute(
            "SELECT calendar_id, id FROM booking_types LIMIT 1"
        ).fetchone()
        conn.execute(
            """
            INSERT INTO bookings (uid, calendar_id, booking_type_id, user_id, starts_at, ends_at,
                blocked, status, name, email, time_zone, answers, sequence, source, created_at,
                updated_at)
            SELECT 'bench-' || n || '@cardfile', %(calendar)s, %(type)s, %(user)s, s, s + '15 min',
                tstzrange(s, s + '15 min'), 'confirmed', 'Gość ' || n, 'g' || n || '@example.com',
                'Europe/Warsaw', '{}', 0, 'public', now(), now()
            FROM (
                SELECT row_number() OVER () AS n, s FROM (
                    SELECT ((current_date + d + 1)::timestamp + time '08:00'
                            + q * interval '15 min') AT TIME ZONE 'Europe/Warsaw' AS s
                    FROM generate_series(0, %(days)s - 1) d, generate_series(0, 47) q
                    ORDER BY md5(d::text || ':' || q::text)
                    LIMIT %(n)s
                ) picked
            ) chosen
            """,
            {
                "calendar": calendar_id,
                "type": type_id,
                "user": user_id,
                "days": DAYS,
                "n": EXISTING,
            },
        )


def _availability(db_url: str) -> dict[str, Any]:
    from cardfile import config
    from cardfile.app import create_app

    workspace_id, slug, user_id = _workspace("Availability")
    calendar = _calendar(workspace_id, user_id, "08:00", "20:00", 15)
    _fill(db_url, workspace_id, user_id)
    app = create_app(config.current())
    app.config["BOOKING_LIMIT"] = "100000 per minute"
    http = app.test_client()
    first = datetime.now(UTC).date()
    last = first + timedelta(days=DAYS - 1)
    path = (
        f"/api/v1/public/book/{slug}/{calendar}/slots?type=wizyta&from={first}&to={last}"
        "&tz=America/New_York"
    )
    timings, count = [], 0
    for _ in range(RUNS + 3):
        started = time.perf_counter()
        response = http.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_json()
        count = len(response.get_json()["slots"])
    timings = sorted(timings[3:])  # the first runs warm the caches
    return {
        "existing_bookings": EXISTING,
        "days": DAYS,
        "free_slots": count,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "runs": RUNS,
    }


def _throughput(env: dict[str, str], interleaved: bool) -> dict[str, Any]:
    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.bookings.booking import overlapping_bookings

    workspace_id, slug, user_id = _workspace("Throughput")
    calendar = _calendar(workspace_id, user_id, "09:00", "17:00", 30)
    base = f"/api/v1/public/book/{slug}/{calendar}"
    first = datetime.now(UTC).date() + timedelta(days=1)
    last = first + timedelta(days=DAYS - 1)
    server = bench.Gunicorn(
        "booking",
        [
            sys.executable,
            "-m",
            "cardfile.cli",
            "serve",
            "--port",
            str(PORT),
            "--workers",
            "4",
            "--threads",
            "4",
        ],
        dict(env, BOOKING_LIMIT="100000 per minute"),
        PORT,
    )
    try:
        connection = http.client.HTTPConnection(bench.HOST, PORT, timeout=30)
        connection.request("GET", f"{base}/slots?type=wizyta&from={first}&to={last}&tz=UTC")
        slots = json.loads(connection.getresponse().read())["slots"]
        codes: list[int] = []
        lock = threading.Lock()

        def client(i: int) -> None:
            conn = http.client.HTTPConnection(bench.HOST, PORT, timeout=60)
            mine = []
            share = len(slots) // CLIENTS
            mine_slots = slots[i::CLIENTS] if interleaved else slots[i * share : (i + 1) * share]
            for n, slot in enumerate(mine_slots):
                body = {
                    "type": "wizyta",
                    "start": slot["start"],
                    "name": f"Klient {i}-{n}",
                    "email": f"klient-{i}-{n}@example.com",
                    "consent": True,
                    "tz": "UTC",
                }
                conn.request(
                    "POST",
                    f"{base}/bookings",
                    json.dumps(body),
                    {"Content-Type": "application/json"},
                )
                response = conn.getresponse()
                response.read()
                mine.append(response.status)
            with lock:
                codes.extend(mine)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.stop()
    with open_workspace_session(workspace_id) as session:
        overlaps = overlapping_bookings(session)
    made = codes.count(201)
    return {
        "clients": CLIENTS,
        "slots": len(slots),
        "created": made,
        "other_statuses": sorted({c for c in codes if c != 201}),
        "seconds": round(seconds, 2),
        "per_second": round(made / seconds, 1),
        "overlaps": overlaps,
        "server": "gunicorn, 4 workers x 4 threads",
        "shares": "interleaved (all on one day at once)" if interleaved else "contiguous days",
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    argparse.ArgumentParser(description="Booking availability and throughput").parse_args(argv)
    with (
        appdb.servers(services) as running,
        appdb.app_database(running, DB_NAME, SECRET, True) as (db_url, env),
    ):
        from cardfile.db.migrate import upgrade_public

        upgrade_public()
        bench.log("booking: availability over 60 days with 2,000 bookings")
        availability = _availability(db_url)
        bench.log(f"booking: {json.dumps(availability)}")
        throughput = []
        for interleaved in (False, True):
            bench.log(f"booking: throughput with 16 clients (interleaved: {interleaved})")
            throughput.append(_throughput(env, interleaved))
            bench.log(f"booking: {json.dumps(throughput[-1])}")
    return {"availability": availability, "throughput": throughput}


def markdown(report: dict[str, Any]) -> str:
    a = report["availability"]
    rows = [
        f"| bookings from {t['clients']} concurrent clients on distinct slots, shares: "
        f"{t['shares']}, over HTTP ({t['server']}) | {t['per_second']} bookings/s "
        f"({t['created']:,} in {t['seconds']} s); overlaps found by SQL afterwards: "
        f"{t['overlaps']} | none named (figure asked for); zero overlaps |"
        for t in report["throughput"]
    ]
    return "\n".join(
        [
            "| booking (issue 20) | measured | limit in the issue |",
            "|---|---:|---|",
            f"| free slots of {a['days']} days, a calendar with {a['existing_bookings']:,} "
            f"bookings ({a['free_slots']:,} slots free), public `slots` request in process | "
            f"median {a['median_ms']} ms, p95 {a['p95_ms']} ms ({a['runs']} runs) | "
            "none named (figure asked for) |",
            *rows,
        ]
    )


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
