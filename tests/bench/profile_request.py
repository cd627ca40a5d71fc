"""Where one request's time goes: the real request path in-process, under cProfile.

    .venv/bin/python tests/bench/profile_request.py [list|search|detail] [--requests 500]
        [--top 30] [--cached]

Uses the database `make bench` seeded (run it once with --keep-servers) and its servers.
Each request is a cache miss (the workspace's data version is bumped before it) unless
--cached. Prints the mean wall time per request and the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=("list", "search", "detail"), nargs="?", default="list")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    parser.add_argument(
        "--cached", action="store_true", help="let answers come from the response cache"
    )
    args = parser.parse_args()

    services = bench.Services(keep=True)
    services.start()
    db_url = bench.database_url(services.server_url)
    import psycopg

    from cardfile.app import create_app
    from cardfile.auth import service as auth
    from cardfile.cache import bump_version
    from cardfile.config import Settings
    from cardfile.db.scope import open_public_session

    app = create_app(
        Settings(
            database_url=db_url,
            redis_url=services.redis_url,
            secret_key=secrets.token_urlsafe(32),
            var_dir=bench.OUT,
        )
    )
    with psycopg.connect(bench._admin_dsn(db_url)) as conn:
        user_id, ws = conn.execute(
            "SELECT u.id, min(w.id) FROM public.users u JOIN public.agency_members m "
            "ON m.user_id = u.id JOIN public.workspaces w ON w.agency_id = m.agency_id "
            "WHERE u.email = %s GROUP BY u.id",
            (bench.BENCH_EMAIL,),
        ).fetchone()
        ids = [r[0] for r in conn.execute(f"SELECT id FROM ws_{ws}.contacts LIMIT 5000")]
    with open_public_session() as session, session.begin():
        _, token = auth.create_token(session, user_id, "profile")
    rng = random.Random(1)
    base = f"/api/v1/workspaces/{ws}/contacts"
    terms = ["smith", "anna", "gmail", "aperture", "+48 6"]

    def url() -> str:
        if args.kind == "detail":
            return f"{base}/{rng.choice(ids)}"
        if args.kind == "search":
            return f"{base}?q={rng.choice(terms)}&page_size=50"
        return f"{base}?page={rng.randint(1, 20)}&page_size=50"

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(50):
        assert client.get(url(), headers=headers).status_code == 200
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    for _ in range(args.requests):
        if not args.cached:
            bump_version(ws)
        client.get(url(), headers=headers)
    profiler.disable()
    elapsed = time.perf_counter() - t0
    print(f"{args.kind}: {elapsed / args.requests * 1000:.2f} ms per request (profiled)")
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
