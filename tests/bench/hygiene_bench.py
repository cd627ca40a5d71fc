"""A list-hygiene run over 1,000,000 contacts with 20,000 distinct domains (issue 17),
through the real job function, against a local DNS server (dnslib; the internet is never
asked): contacts/s and the child's peak memory.

Seeded once with SQL into `cardfile_bench_hygiene_<contacts>` (kept for the next run; each
run starts a new HygieneRun over the whole workspace). Of the domains, 1 in 20 has no mail (its
contacts become invalid, no_mx), 1 in 50 only an A record; 500 addresses are role ones.

Not part of pytest. Alone: `.venv/bin/python tests/bench/hygiene_bench.py [--contacts N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/: factories.dns, the local DNS server

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_hygiene"
SECRET = "bench-hygiene-" + "x" * 32
DOMAINS = 20_000


def _domain(i: int) -> str:
    return f"domena-{i}.pl"


def _seed(db_url: str, contacts: int) -> dict[str, Any]:
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_all, upgrade_public
    from cardfile.db.scope import open_public_session

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with contextlib.suppress(psycopg.Error), psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT info FROM public.bench_hygiene").fetchone()
        if row:
            upgrade_all()
            return dict(row[0])
    t0 = time.perf_counter()
    upgrade_public()
    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session, "hygiene@cardfile.local", "bench-password-1", "Hygiene", "Hygiene Agency"
        )
        ws_id, user_id = workspace.id, user.id
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = ws_{ws_id}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()
        conn.execute(
            "INSERT INTO contacts (email, first_name, contact_class_id, custom, created_at, "
            "updated_at, created_by_kind, source) "
            f"SELECT CASE WHEN i %% 40 = 0 AND i <= {DOMAINS} THEN 'info' ELSE 'osoba.' || i END "
            f"|| '@domena-' || (i %% {DOMAINS}) || '.pl', 'Zofia', %s, '{{}}', now(), now(), "
            "'import', 'Bench' FROM generate_series(1, %s) i",
            (general[0], contacts),
        )
        info = {"workspace_id": ws_id, "user_id": user_id, "contacts": contacts}
        conn.execute("CREATE TABLE public.bench_hygiene (info jsonb)")
        conn.execute("INSERT INTO public.bench_hygiene VALUES (%s)", (json.dumps(info),))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.contacts")
    bench.log(f"hygiene: seeded {contacts:,} contacts in {time.perf_counter() - t0:.0f}s")
    return info


def _new_run(info: dict[str, Any]) -> int:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.hygiene.models import HygieneRun

    with workspace_session(info["workspace_id"]) as session:
        run = HygieneRun(
            scope={"workspace": True},
            trigger="manual",
            created_by=info["user_id"],
            by_status={},
            by_reason={},
        )
        session.add(run)
        session.flush()
        return int(run.id)


def child(info: dict[str, Any], run_id: int) -> dict[str, Any]:
    import export_bench

    from cardfile.jobs.core import func_path, run
    from cardfile.jobs.worker import init_process
    from cardfile.modules.hygiene import jobs

    init_process()
    before, reset = export_bench._status_mb("VmRSS"), export_bench._reset_peak()
    t0 = time.perf_counter()
    result = run(info["workspace_id"], func_path(jobs.run_hygiene), None, {"run_id": run_id})
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 1),
        "contacts_per_s": round(info["contacts"] / seconds),
        "peak_rss_mb": round(export_bench._peak_mb(reset), 1),
        "rss_before_mb": round(before, 1),
        "by_status": result.get("by_status"),
        "changed": result.get("changed"),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="List hygiene over 1,000,000 contacts")
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        given = json.loads(args.child)
        print(json.dumps(child(given["info"], given["run_id"])))
        return {}
    from factories.dns import DnsServer

    dns = DnsServer()
    dns.mail_domains(_domain(i) for i in range(DOMAINS) if i % 20 and i % 50)
    for i in range(0, DOMAINS, 50):
        dns.address_only(_domain(i))
    dns.start()
    try:
        with (
            appdb.servers(services) as running,
            appdb.app_database(
                running, f"{DB_NAME}_{args.contacts}", SECRET, False, DNS_SERVERS=dns.address
            ) as (db_url, env),
        ):
            info = _seed(db_url, args.contacts)
            run_id = _new_run(info)
            measured = appdb.run_child(__file__, {"info": info, "run_id": run_id}, env)
            bench.log(f"hygiene: {json.dumps(measured)}")
    finally:
        dns.stop()
    return {"contacts": args.contacts, "domains": DOMAINS, **measured}


def markdown(report: dict[str, Any]) -> str:
    return "\n".join(
        [
            "| hygiene run | contacts | domains | seconds | contacts/s | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|",
            f"| whole workspace, local DNS | {report['contacts']:,} | {report['domains']:,} | "
            f"{report['seconds']} | {report['contacts_per_s']:,} | {report['peak_rss_mb']} |",
            "",
            f"Statuses set: {report['by_status']}.",
        ]
    )


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
