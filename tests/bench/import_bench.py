"""Import of a generated 1,000,000-row CSV (issue 17) through the real job function, next to
the limit measured in the same run: PostgreSQL COPY of the same contacts into the same table
with no checks at all.

The file: 10 columns (email, first and last name, phone, company, job title, two custom
fields, tags, and one skipped column), Polish letters, Windows line ends, 5% in-file
duplicates (the address again, in another case), 2% invalid addresses, 2,000 domains, all
answered by a local DNS server (dnslib; the internet is never asked).

- import: a fresh child process runs `cardfile.jobs.core.run` on `run_import` (what the RQ
  worker calls): the check and UTF-8 rewrite of the file, then batches of 5,000 with every
  check (syntax, fake, disposable, role, typo, suppression list, MX), the inserts, tags,
  activity rows and the rejected rows; rows/s over the whole file and the child's peak RSS.
- COPY: the contacts the import created, COPYed (psycopg `COPY ... FROM STDIN`) into the
  same table of a second, empty workspace: rows/s. The goal is the import at >= 25% of it.

Not part of pytest. Alone: `.venv/bin/python tests/bench/import_bench.py [--rows 1000000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/: factories.dns, the local DNS server

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_import"
SECRET = "bench-import-" + "x" * 32
DOMAINS = [f"firma-{i}.pl" for i in range(2_000)]
HEADER = [
    "Email Address",
    "First Name",
    "Last Name",
    "Phone Number",
    "Company Name",
    "Job Title",
    "Miasto",
    "Plan",
    "Tags",
    "Notatki",
]
MAPPING = {
    "Email Address": "email",
    "First Name": "first_name",
    "Last Name": "last_name",
    "Phone Number": "phone",
    "Company Name": "company",
    "Job Title": "job_title",
    "Miasto": "custom:miasto",
    "Plan": "custom:plan",
    "Tags": "tags",
    "Notatki": "skip",
}


def write_file(path: Path, rows: int, seed: int = 17) -> dict[str, int]:
    """The CSV, streamed to disk; how many rows are duplicates and invalid by design."""
    rng = random.Random(seed)
    kinds = {"duplicate": 0, "invalid": 0}
    firsts: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\r\n")
        for i in range(rows):
            roll = rng.random()
            if roll < 0.05 and firsts:
                email = rng.choice(firsts).upper()
                kinds["duplicate"] += 1
            elif roll < 0.07:
                email = f"osoba{i}@@{rng.choice(DOMAINS)}"
                kinds["invalid"] += 1
            else:
                email = f"osoba.{i}@{rng.choice(DOMAINS)}"
                if len(firsts) < 200_000:
                    firsts.append(email)
            plan = ("Basic", "Pro", "Enterprise")[i % 3]
            tags = "Klient;Newsletter" if i % 4 == 0 else ""
            out.write(
                f"{email},Zażółć {i},Gęślą-Jaźń,+48 600 {i % 1000:03d} {i % 997:03d},"
                f'"Firma {i % 5000}, sp. z o.o.",Kierownik sprzedaży,Łódź,{plan},{tags},'
                f"Notatka {i}\r\n"
            )
    return kinds


def _setup(db_url: str, var_dir: Path, rows: int) -> dict[str, Any]:
    """A fresh database: two workspaces (the import's and the COPY's), the custom fields,
    and a draft import of the generated file, mapped and with its questionnaire."""
    from cardfile.access.principal import resolve_principal
    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_public
    from cardfile.db.scope import open_public_session, workspace_session
    from cardfile.modules.contacts.custom_fields import create_field
    from cardfile.modules.imports import service

    upgrade_public()
    ids = []
    for name in ("import", "copy"):
        with open_public_session() as session, session.begin():
            user, workspace = auth.signup(
                session, f"{name}@cardfile.local", "bench-password-1", "Bench", f"Agency {name}"
            )
            ids.append((workspace.id, user.id))
    (ws_id, user_id), (copy_ws, _) = ids
    for workspace_id in (ws_id, copy_ws):
        with workspace_session(workspace_id) as session:
            create_field(session, {"label": "Miasto", "type": "text", "entity": "contact"})
            create_field(
                session,
                {
                    "label": "Plan",
                    "type": "choice",
                    "choices": ["Basic", "Pro", "Enterprise"],
                    "entity": "contact",
                },
            )
    with workspace_session(ws_id) as session:
        principal = resolve_principal(session, user_id, ws_id)
        assert principal is not None
        storage, folder = service.new_folder(ws_id)
        t0 = time.perf_counter()
        kinds = write_file(folder / service.ORIGINAL, rows)
        bench.log(f"import: wrote {rows:,} rows in {time.perf_counter() - t0:.0f}s")
        size = (folder / service.ORIGINAL).stat().st_size
        record = service.create_import(session, principal, storage, "bench.csv", size)
        service.update_import(
            session,
            principal,
            record.id,
            {
                "mapping": MAPPING,
                "questionnaire": {"source": "customers", "consent_collected": "Bench"},
            },
        )
        import_id = record.id
    return {
        "workspace_id": ws_id,
        "user_id": user_id,
        "copy_workspace_id": copy_ws,
        "import_id": import_id,
        "file_mb": round(size / 1024**2, 1),
        **kinds,
    }


def child(info: dict[str, Any]) -> dict[str, Any]:
    """The import job in this (fresh) process, measured."""
    import export_bench

    from cardfile.jobs.core import func_path, run
    from cardfile.jobs.worker import init_process
    from cardfile.modules.imports import jobs

    init_process()
    if hook := os.environ.get("BENCH_SQL_TIMES"):  # a file timing each statement (profiling)
        exec(Path(hook).read_text(), {})
    before, reset = export_bench._status_mb("VmRSS"), export_bench._reset_peak()
    t0 = time.perf_counter()
    result = run(
        info["workspace_id"],
        func_path(jobs.run_import),
        None,
        {"import_id": info["import_id"], "user_id": info["user_id"]},
    )
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 1),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(export_bench._peak_mb(reset), 1),
        "counts": result["counts"],
        "rows": result["rows"],
    }


def copy_limit(db_url: str, info: dict[str, Any]) -> dict[str, Any]:
    """The contacts the import created, COPYed into the same (empty) table elsewhere."""
    import psycopg

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    columns = (
        "email, first_name, last_name, phone, phone_display, company, job_title, custom, "
        "contact_class_id, created_by_kind, source, email_status, created_at, updated_at"
    )
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            f"SELECT {columns.replace('contact_class_id', 'NULL')} "
            f"FROM ws_{info['workspace_id']}.contacts ORDER BY id"
        ).fetchall()
        target = int(info["copy_workspace_id"])
        general = conn.execute(
            f"SELECT id FROM ws_{target}.contact_classes WHERE name = 'General'"
        ).fetchone()
        rows = [(*r[:8], general[0], *r[9:]) for r in rows]
    with psycopg.connect(dsn) as conn:
        t0 = time.perf_counter()
        with conn.cursor().copy(f"COPY ws_{target}.contacts ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in row])
        conn.commit()
        seconds = time.perf_counter() - t0
    return {
        "rows": len(rows),
        "seconds": round(seconds, 1),
        "rows_per_s": round(len(rows) / seconds),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="Import of a 1,000,000-row CSV vs COPY")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile", help="write the import's cProfile stats to this file")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return {}
    from factories.dns import DnsServer

    dns = DnsServer()
    dns.mail_domains(DOMAINS)
    dns.start()
    try:
        with (
            appdb.servers(services) as running,
            appdb.app_database(running, DB_NAME, SECRET, fresh=True, DNS_SERVERS=dns.address) as (
                db_url,
                env,
            ),
        ):
            from cardfile import config

            info = _setup(db_url, config.current().var_dir, args.rows)
            profile = ["-m", "cProfile", "-o", args.profile] if args.profile else []
            measured = appdb.run_child(__file__, info, env, profile)
            bench.log(f"import: {json.dumps(measured)}")
            limit = copy_limit(db_url, info)
            bench.log(f"import: COPY limit {json.dumps(limit)}")
    finally:
        dns.stop()
    rows_per_s = round(args.rows / measured["seconds"])
    return {
        "rows": args.rows,
        "file_mb": info["file_mb"],
        "designed": {"duplicate": info["duplicate"], "invalid": info["invalid"]},
        "import": {**measured, "rows_per_s": rows_per_s},
        "copy": limit,
        "share_of_copy": round(rows_per_s / limit["rows_per_s"] * 100, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    imp, copy = report["import"], report["copy"]
    counts = imp["counts"]
    return "\n".join(
        [
            "| import of a CSV | rows | seconds | rows/s | worker peak RSS MB | limit |",
            "|---|---:|---:|---:|---:|---|",
            f"| every check, batches of 5,000 | {report['rows']:,} | {imp['seconds']} | "
            f"{imp['rows_per_s']:,} | {imp['peak_rss_mb']} | goal < 60 s, < 300 MB |",
            f"| COPY of the created contacts, no checks | {copy['rows']:,} | {copy['seconds']} | "
            f"{copy['rows_per_s']:,} | — | the import at >= 25%: "
            f"**{report['share_of_copy']}%** |",
            "",
            f"Outcome: {counts['created']:,} created, {counts['duplicate_in_file']:,} "
            f"duplicates in the file, rejected {counts['rejected']}, flagged "
            f"{counts['flagged']} (designed: {report['designed']}); file "
            f"{report['file_mb']} MB.",
        ]
    )


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
