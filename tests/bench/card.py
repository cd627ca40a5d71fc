"""The contact card with a long history (issue 15), over HTTP on `cardfile serve`.

Seeds (once, kept in database `cardfile_bench_card` on the bench PostgreSQL) one workspace
with 2,000 contacts; one of them carries 100,000 activity rows and 1,000 transactions, plus a
few notes, tasks, tags, owners, consents and files. Then, against `cardfile serve`:

- the whole card: every request the SPA makes when the card opens (CARD_REQUESTS, taken
  from Chromium's network log of the real SPA), sent as a browser does, 6 at a time on
  keep-alive connections; one sample is the wall time until the last answer (goal p99
  < 150 ms);
- the timeline's page 1 and page 1,000 (50 rows a page, keyset `before` cursor), one
  request at a time (goal < 50 ms each);
- events posted in batches of 1,000 (page visits with a user agent, contacts by email),
  one client: events per second.

Run by `make bench`, or alone: `.venv/bin/python tests/bench/card.py [--samples N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_card"
ACTIVITIES = 100_000
TRANSACTIONS = 1_000
CONTACTS = 2_000
PAGE = 50
GOALS_MS = {"card_p99": 150, "timeline_page1_p99": 50, "timeline_page1000_p99": 50}
BROWSER_CONNECTIONS = 6  # what a browser opens per host over HTTP/1.1
UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)

# What the SPA asks for when a card opens ({c}: the contact, {tz}: the viewer's zone), as
# the server logged it for the real SPA in Chromium (tests/e2e/test_card_parts.py, after its
# reload), minus /me and /me/invitations which every page asks; keep this list in step.
CARD_REQUESTS = [
    "contacts/{c}",
    "card-layout",
    "custom-fields?page_size=200&entity=contact",
    "contact-classes?page_size=200",
    "members?page_size=200",
    "tags?page_size=200",
    "jobs?page_size=20",
    "contacts/{c}/tags",
    "contacts/{c}/owners",
    "contacts/{c}/score-history?page_size=50",
    "tasks?contact_id={c}&page_size=100",
    "contacts/{c}/notes?page_size=50",
    "contacts/{c}/transactions?page=1&page_size=10",
    "contacts/{c}/consents",
    "contacts/{c}/ecommerce-summary",
    "contacts/{c}/files?page=1&page_size=20",
    "contacts/{c}/activity/histogram?by=hour&tz={tz}",
    "contacts/{c}/activity?limit=50",
]


def _seed(db_url: str) -> dict[str, Any]:
    """The workspace, its token and the heavy contact; kept for the next run."""
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_all, upgrade_public
    from cardfile.db.scope import open_public_session

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn) as conn:
            row = conn.execute("SELECT info FROM public.bench_card").fetchone()
            if row:
                upgrade_all()  # kept from an older run: bring it to the current migrations
                return dict(row[0])
    except psycopg.Error:
        pass
    t0 = time.perf_counter()
    upgrade_public()
    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session, "card@cardfile.local", "bench-password-1", "Card Owner", "Card Agency"
        )
        _, token = auth.create_token(session, user.id, "bench")
        ws_id, user_id = workspace.id, user.id
    schema = f"ws_{ws_id}"
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = {schema}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()[
            0
        ]
        conn.execute(
            "INSERT INTO contacts (email, first_name, last_name, contact_class_id, custom, "
            "created_at, updated_at, created_by_kind, created_by_user_id, source) "
            "SELECT 'person' || i || '@example.org', 'Person', 'No ' || i, %s, '{}', now(), "
            "now(), 'user', %s, 'Bench' FROM generate_series(1, %s) i",
            (general, user_id, CONTACTS),
        )
        heavy = conn.execute("SELECT min(id) FROM contacts").fetchone()[0]
        kinds = (
            "ARRAY['page_visit','note_added','tag_added','custom_event','updated','form_submitted']"
        )
        conn.execute(
            "INSERT INTO activities (contact_id, kind, data, actor_kind, created_at) "
            f"SELECT %s, ({kinds})[1 + i %% 6], jsonb_build_object('n', i, 'url', "
            "'https://shop.example/p/' || (i %% 500)), 'api', "
            "now() - make_interval(secs => i * 37) FROM generate_series(1, %s) i",
            (heavy, ACTIVITIES),
        )
        conn.execute(  # what activity.record_rows keeps for the histogram
            "INSERT INTO activity_counts (contact_id, kind, bucket, count) SELECT contact_id, "
            "kind, date_bin('15 minutes', created_at, 'epoch'::timestamptz), count(*) "
            "FROM activities GROUP BY 1, 2, 3"
        )
        conn.execute(
            "INSERT INTO transactions (contact_id, description, product, quantity, price, amount,"
            " currency, ordered_at, order_id, created_at) "
            "SELECT %s, 'Order ' || i, 'Product ' || (i %% 40), 1 + i %% 3, 19.99, "
            "(19.99 * (1 + i %% 3))::numeric(14,2), "
            "CASE WHEN i %% 10 = 0 THEN 'EUR' ELSE 'PLN' END, now() - make_interval(days => i), "
            "'B-' || i, now() FROM generate_series(1, %s) i",
            (heavy, TRANSACTIONS),
        )
        conn.execute(
            "INSERT INTO notes (contact_id, body, pinned, author_id, actor_kind, updated_at, "
            "created_at) SELECT %s, '<p>Note ' || i || '</p>', i = 1, %s, 'user', now(), "
            "now() - make_interval(hours => i) FROM generate_series(1, 30) i",
            (heavy, user_id),
        )
        conn.execute(
            "INSERT INTO tags (name, color, created_at) SELECT 'tag ' || i, 'blue', now() "
            "FROM generate_series(1, 12) i"
        )
        conn.execute(
            "INSERT INTO contact_tags (contact_id, tag_id, created_at) "
            "SELECT %s, id, now() FROM tags",
            (heavy,),
        )
        conn.execute(
            "INSERT INTO tasks (contact_id, title, due_at, assignee_id, created_by_user_id, "
            "actor_kind, created_at, updated_at) SELECT %s, 'Task ' || i, now() + "
            "make_interval(days => i - 5), %s, %s, 'user', now(), now() "
            "FROM generate_series(1, 15) i",
            (heavy, user_id, user_id),
        )
        conn.execute(
            "INSERT INTO contact_owners (contact_id, user_id, created_at) VALUES (%s, %s, now())",
            (heavy, user_id),
        )
        conn.execute(
            "UPDATE contacts SET order_count = %s, lifetime_value = "
            "(SELECT jsonb_object_agg(currency, total::text) FROM (SELECT currency, sum(amount) "
            "total FROM transactions GROUP BY currency) s), last_activity_at = now() "
            "WHERE id = %s",
            (TRANSACTIONS, heavy),
        )
        info = {"workspace_id": ws_id, "token": token, "contact_id": heavy, "user_id": user_id}
        conn.execute("CREATE TABLE public.bench_card (info jsonb)")
        conn.execute("INSERT INTO public.bench_card VALUES (%s)", (json.dumps(info),))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) {schema}.activities, {schema}.transactions")
    bench.log(f"card: seeded in {time.perf_counter() - t0:.0f}s")
    return info


class Client:
    """One keep-alive connection, as one of a browser's."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection(bench.HOST, port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        return response.status, response.read()


def _stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "p99_ms": round(times[int(0.99 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def _timed(client: Client, path: str, n: int) -> dict[str, float]:
    times = []
    for i in range(n + 5):
        t0 = time.perf_counter()
        status, body = client.request("GET", path)
        elapsed = (time.perf_counter() - t0) * 1000
        assert status == 200, (path, status, body[:300])
        if i >= 5:  # warm-up
            times.append(elapsed)
    return _stats(times)


def measure(port: int, info: dict[str, Any], samples: int) -> dict[str, Any]:
    from sqlalchemy import select

    from cardfile.cache import bump_version
    from cardfile.db.pagination import encode_cursor
    from cardfile.db.scope import workspace_session
    from cardfile.modules.contacts.models import Activity

    ws, c, token = info["workspace_id"], info["contact_id"], info["token"]
    base = f"/api/v1/workspaces/{ws}/"
    paths = [base + p.format(c=c, tz="Europe/Warsaw") for p in CARD_REQUESTS]
    clients = [Client(port, token) for _ in range(BROWSER_CONNECTIONS)]
    for path in paths:  # every request answers 200 before anything is timed
        status, body = clients[0].request("GET", path)
        assert status == 200, (path, status, body[:300])
    report: dict[str, Any] = {"card_requests": len(paths)}

    def fetch_all() -> float:
        t0 = time.perf_counter()
        slots = [paths[i::BROWSER_CONNECTIONS] for i in range(BROWSER_CONNECTIONS)]
        with ThreadPoolExecutor(BROWSER_CONNECTIONS) as pool:
            for statuses in pool.map(
                lambda pair: [pair[0].request("GET", p)[0] for p in pair[1]],
                zip(clients, slots, strict=True),
            ):
                assert all(s == 200 for s in statuses), statuses
        return (time.perf_counter() - t0) * 1000

    bump_version(ws)  # nothing cached from before, as after a write
    for _ in range(10):
        fetch_all()
    report["card"] = _stats([fetch_all() for _ in range(samples)])
    # Each request alone, one at a time: where the card's time goes.
    report["per_request_p50_ms"] = {
        p.format(c="{c}", tz="{tz}"): _timed(clients[0], path, 30)["p50_ms"]
        for p, path in zip(CARD_REQUESTS, paths, strict=True)
    }

    with workspace_session(ws) as session:
        row = session.execute(
            select(Activity.created_at, Activity.id)
            .where(Activity.contact_id == c)
            .order_by(Activity.created_at.desc(), Activity.id.desc())
            .offset(PAGE * 999 - 1)
            .limit(1)
        ).one()
    cursor = encode_cursor(row.created_at, row.id)
    timeline = base + f"contacts/{c}/activity?limit={PAGE}"
    report["timeline_page1"] = _timed(clients[0], timeline, samples * 2)
    report["timeline_page1000"] = _timed(clients[0], f"{timeline}&before={cursor}", samples * 2)

    rng = random.Random(11)
    batches, size = 20, 1000
    t0 = time.perf_counter()
    for b in range(batches):
        events = [
            {
                "type": "page_visit",
                "email": f"person{rng.randint(1, CONTACTS)}@example.org",
                "url": f"https://shop.example/p/{rng.randint(1, 500)}?b={b}",
                "referrer": "https://www.google.com/",
                "user_agent": UA,
            }
            for _ in range(size)
        ]
        status, body = clients[0].request("POST", base + "events", {"events": events})
        assert status == 201, (status, body[:300])
    elapsed = time.perf_counter() - t0
    report["events"] = {
        "batches": batches,
        "batch_size": size,
        "seconds": round(elapsed, 2),
        "events_per_s": round(batches * size / elapsed),
        "ms_per_batch": round(elapsed * 1000 / batches, 1),
    }
    for client in clients:
        client.conn.close()
    report["goals"] = {
        "card_p99": {"limit_ms": 150, "ok": report["card"]["p99_ms"] < 150},
        "timeline_page1_p99": {"limit_ms": 50, "ok": report["timeline_page1"]["p99_ms"] < 50},
        "timeline_page1000_p99": {
            "limit_ms": 50,
            "ok": report["timeline_page1000"]["p99_ms"] < 50,
        },
    }
    return report


def markdown(report: dict[str, Any]) -> str:
    card, t1, t1000, ev = (
        report["card"],
        report["timeline_page1"],
        report["timeline_page1000"],
        report["events"],
    )
    ok = {k: "met" if v["ok"] else "**missed**" for k, v in report["goals"].items()}
    return "\n".join(
        [
            f"The contact card: one contact with {ACTIVITIES:,} activities and "
            f"{TRANSACTIONS:,} transactions (tests/bench/card.py).",
            "",
            "| case | p50 ms | p95 ms | p99 ms | goal |",
            "|---|---:|---:|---:|---|",
            f"| whole card: {report['card_requests']} requests, "
            f"{BROWSER_CONNECTIONS} at a time | {card['p50_ms']} | {card['p95_ms']} | "
            f"{card['p99_ms']} | p99 < 150 ms: {ok['card_p99']} |",
            f"| timeline page 1 | {t1['p50_ms']} | {t1['p95_ms']} | {t1['p99_ms']} | "
            f"< 50 ms: {ok['timeline_page1_p99']} |",
            f"| timeline page 1,000 (keyset) | {t1000['p50_ms']} | {t1000['p95_ms']} | "
            f"{t1000['p99_ms']} | < 50 ms: {ok['timeline_page1000_p99']} |",
            "",
            "Each of the card's requests alone (p50 ms, one at a time): "
            + ", ".join(f"`{p}` {ms}" for p, ms in report["per_request_p50_ms"].items())
            + ".",
            "",
            f"Events in: {ev['batches']} batches of {ev['batch_size']:,} page visits (contacts "
            f"by email, user agents parsed), one client: **{ev['events_per_s']:,} events/s** "
            f"({ev['ms_per_batch']} ms a batch).",
        ]
    )


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    """Alone it starts and stops the bench servers; run.py passes its own, still running."""
    parser = argparse.ArgumentParser(description="the contact card with a long history")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    own = services is None
    if services is None:
        services = bench.Services(keep=False)
        services.start()
    import psycopg
    from sqlalchemy.engine import make_url

    from cardfile.cache import init_redis
    from cardfile.db.engine import get_engine, init_engine

    server = make_url(services.server_url.replace("postgresql://", "postgresql+psycopg://", 1))
    db_url = server.set(database=DB_NAME).render_as_string(hide_password=False)
    try:
        with psycopg.connect(bench._admin_dsn(services.server_url), autocommit=True) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)
            ).fetchone():
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        with contextlib.suppress(RuntimeError):
            get_engine().dispose()
        init_engine(db_url)
        init_redis(services.redis_url)
        info = _seed(db_url)
        env = dict(
            bench.os.environ,
            DATABASE_URL=db_url,
            REDIS_URL=services.redis_url,
            SECRET_KEY="bench-card-" + "x" * 32,
            CARDFILE_VAR_DIR=str(bench.OUT),
        )
        argv_serve = [
            sys.executable, "-m", "cardfile.cli", "serve", "--port", str(args.port),
            "--workers", str(args.workers), "--threads", str(args.threads),
        ]  # fmt: skip
        bench.log(f"card: `cardfile serve` on :{args.port}")
        server = bench.Gunicorn("card", argv_serve, env, args.port)
        try:
            report = measure(args.port, info, args.samples)
        finally:
            server.stop()
        bench.log("card: " + json.dumps({k: report[k] for k in ("card", "events")}))
        return report
    finally:
        get_engine().dispose()
        if own:
            services.stop()


if __name__ == "__main__":
    result = main()
    print(markdown(result))
