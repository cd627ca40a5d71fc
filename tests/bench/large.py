"""The 1,000,000-contact cases: one client, the real request path in-process.

Seeds (once, kept in database `cardfile_bench_1m` on the bench PostgreSQL) one workspace with
1,000,000 contacts: 1,000 of them in a small class "VIP", and 10% with the company "Zephyr
Logistics" (a search that matches 10%). Then measures, one request at a time through the
Flask app with the same API token path as production:

- page 1 for a viewer restricted to the small class (goal < 20 ms);
- any page by cursor, at random depths, and the last page (goal < 50 ms);
- a search matching 10% of contacts including its total (goal < 100 ms).

The page cases run with no cached answer (the response cache emptied before each request)
and the total cached, as between writes; `owner_page1_after_write` and the search run as
right after a write (data version bumped: nothing cached, the total counted again). The
last case repeats the search with its answer cached.

Run by `make bench` after the load test (run.py --large), or alone:
`.venv/bin/python tests/bench/large.py [--contacts N] [--requests N]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402
import seed  # noqa: E402

DB_NAME = "cardfile_bench_1m"
SEARCH_COMPANY = "Zephyr Logistics"
VIP_EVERY = 1000
# 2: created_at grows with the id (rows stored in creation order, as a used table has them).
LAYOUT = 2
GOALS_MS = {"restricted_page1": 20, "cursor_page": 50, "last_page": 50, "search_10pct_cold": 100}


def _dsn(server_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(server_url.replace("postgresql://", "postgresql+psycopg://", 1))
    return url.set(database=name).render_as_string(hide_password=False)


def _seeded(db_url: str, contacts: int) -> dict[str, Any] | None:
    import psycopg

    try:
        with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            row = conn.execute("SELECT info FROM public.bench_large").fetchone()
    except psycopg.Error:
        return None
    info = row[0] if row else {}
    return info if info.get("contacts") == contacts and info.get("layout") == LAYOUT else None


def prepare(server_url: str, redis_url: str, contacts: int) -> dict[str, Any]:
    import psycopg
    from psycopg.types.json import Jsonb

    db_url = _dsn(server_url, DB_NAME)
    from cardfile.cache import init_redis
    from cardfile.db.engine import init_engine

    init_engine(db_url)
    init_redis(redis_url)
    if info := _seeded(db_url, contacts):
        from cardfile.db.migrate import upgrade_all

        upgrade_all()  # a database kept from an older run gets the newer migrations
        bench.log(f"reusing the seeded {contacts:,}-contact database")
        return {**info, "db_url": db_url}
    bench.log(f"seeding {contacts:,} contacts (once; kept in {DB_NAME})")
    with psycopg.connect(bench._admin_dsn(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    from cardfile.access.models import ClassGrant, ContactClass
    from cardfile.auth import service as auth
    from cardfile.auth.models import User
    from cardfile.db.migrate import upgrade_public
    from cardfile.db.scope import open_public_session, workspace_session
    from cardfile.tenancy.models import WorkspaceMember

    upgrade_public()
    t0 = time.perf_counter()
    with open_public_session() as session, session.begin():
        owner, workspace = auth.signup(
            session, "owner@large.bench", "bench-password-1", "Owner", "Large Agency"
        )
        viewer = User(email="viewer@large.bench", name="Viewer", password_hash="x")
        session.add(viewer)
        session.flush()
        session.add(
            WorkspaceMember(
                workspace_id=workspace.id,
                user_id=viewer.id,
                role="viewer",
                all_contacts=False,
                accepted_at=owner.created_at,
            )
        )
        _, owner_token = auth.create_token(session, owner.id, "bench")
        _, viewer_token = auth.create_token(session, viewer.id, "bench")
        ws_id, viewer_id = workspace.id, viewer.id
    with workspace_session(ws_id) as session:
        vip = ContactClass(name="VIP", color="grape")
        session.add(vip)
        session.flush()
        session.add(ClassGrant(user_id=viewer_id, contact_class_id=vip.id))
        vip_id = vip.id
    schema = f"ws_{ws_id}"
    rng = random.Random(7)
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        general = conn.execute(
            f"SELECT id FROM {schema}.contact_classes WHERE name = 'General'"
        ).fetchone()[0]
        columns = (
            "id, email, first_name, last_name, phone, company, time_zone, contact_class_id, "
            "created_at, updated_at"
        )
        with conn.cursor().copy(f"COPY {schema}.contacts ({columns}) FROM STDIN") as copy:
            for row in seed.contact_rows(contacts, general, rng, chronological=True):
                values = list(row)
                if values[0] % 10 == 0:
                    values[5] = SEARCH_COMPANY
                if values[0] % VIP_EVERY == 0:
                    values[7] = vip_id
                copy.write_row(values)
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{schema}.contacts', 'id'), %s)", (contacts,)
        )
        info = {
            "contacts": contacts,
            "layout": LAYOUT,
            "workspace_id": ws_id,
            "owner_token": owner_token,
            "viewer_token": viewer_token,
            "seed_s": round(time.perf_counter() - t0, 1),
        }
        conn.execute("CREATE TABLE public.bench_large (info jsonb)")
        conn.execute("INSERT INTO public.bench_large VALUES (%s)", (Jsonb(info),))
        conn.commit()
    with psycopg.connect(
        db_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f"VACUUM (ANALYZE) {schema}.contacts")
    bench.log(f"seeded in {time.perf_counter() - t0:.0f}s")
    return {**info, "db_url": db_url}


def measure(client: Any, path: str, token: str, n: int, before: Any = None) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(3):
        assert client.get(path() if callable(path) else path, headers=headers).status_code == 200
    times = []
    for _ in range(n):
        url = path() if callable(path) else path
        if before:
            before()
        t0 = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.get_json())
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    """Alone it starts and stops the bench servers; run.py passes its own, still running."""
    parser = argparse.ArgumentParser(description="1M-contact single-client cases")
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args(argv)
    own = services is None
    if services is None:
        services = bench.Services(keep=False)
        services.start()
    try:
        return _run(args, services)
    finally:
        from cardfile.db.engine import get_engine

        get_engine().dispose()
        if own:
            services.stop()


def _run(args: argparse.Namespace, services: bench.Services) -> dict[str, Any]:
    import secrets

    from cardfile.app import create_app
    from cardfile.cache import bump_version, get_redis
    from cardfile.config import Settings
    from cardfile.db.pagination import encode_cursor

    info = prepare(services.server_url, services.redis_url, args.contacts)
    app = create_app(
        Settings(
            database_url=info["db_url"],
            redis_url=services.redis_url,
            secret_key=secrets.token_urlsafe(32),
            var_dir=bench.OUT,
        )
    )
    client = app.test_client()
    ws = info["workspace_id"]
    base = f"/api/v1/workspaces/{ws}/contacts?page_size=50"
    import psycopg

    with psycopg.connect(info["db_url"].replace("postgresql+psycopg://", "postgresql://")) as conn:
        points = conn.execute(
            f"SELECT created_at, id FROM ws_{ws}.contacts TABLESAMPLE SYSTEM (1) LIMIT 500"
        ).fetchall()
    rng = random.Random(3)

    def cursor_path() -> str:
        created, row_id = rng.choice(points)
        return f"{base}&cursor={encode_cursor(created, row_id)}"

    n, owner, viewer = args.requests, info["owner_token"], info["viewer_token"]

    redis = get_redis()

    def no_answer() -> None:  # no cached answer; the total stays cached, as between writes
        keys = list(redis.scan_iter(f"cardfile:ws:{ws}:response:*", count=1000))
        if keys:
            redis.delete(*keys)

    def after_write() -> None:  # as right after any write: no cached answer, no cached total
        bump_version(ws)

    results = {
        "restricted_page1": measure(client, base, viewer, n, before=no_answer),
        "owner_page1": measure(client, base, owner, n, before=no_answer),
        "owner_page1_after_write": measure(client, base, owner, n, before=after_write),
        "cursor_page": measure(client, cursor_path, owner, n, before=no_answer),
        "last_page": measure(client, f"{base}&sort=created_at", owner, n, before=no_answer),
        "search_10pct_cold": measure(client, f"{base}&q=zephyr", owner, n, before=after_write),
        "search_10pct_cached": measure(client, f"{base}&q=zephyr", owner, n),
    }
    search = client.get(
        f"{base}&q=zephyr", headers={"Authorization": f"Bearer {info['owner_token']}"}
    ).get_json()
    results["search_total"] = {
        "total": search["total"],
        "total_is_estimate": search["total_is_estimate"],
    }
    for case, goal in GOALS_MS.items():
        results[case]["goal_ms"] = goal
        results[case]["ok"] = results[case]["p95_ms"] < goal
    return {"contacts": args.contacts, "requests_per_case": n, "cases": results}


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
