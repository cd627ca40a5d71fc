"""CSV export of 10,000 and 100,000 contacts with 10 custom fields (issue 16), through the
real job function (`cardfile.jobs.core.run`, what the RQ worker calls), one child process per
size: rows per second and the child's peak memory, which must stay flat as rows grow.

Seeds (once, kept in database `cardfile_bench_export_<largest size>` on the bench PostgreSQL)
one workspace with as many contacts as the largest size, 10 custom fields filled on each, and
a tag "first-<size>" on the first <size> for each smaller size. Each size is a fresh Python
process that imports the app, notes its resident memory, runs the export job (every standard
column and the 10 custom fields) and reports:

- rows/s (the whole job: access check, count, batches, CSV, the copy into storage);
- peak RSS during the job (VmHWM, reset as the job starts; ru_maxrss where that cannot be
  reset) and its growth over the RSS before the job; flat means the 100k run peaks within a
  few MB of the 10k run.

Not part of pytest. Alone: `.venv/bin/python tests/bench/export_bench.py [--sizes 10000,100000]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_export"  # + the number of contacts seeded
CUSTOM = [(f"field_{i}", "number" if i % 3 == 0 else "text") for i in range(1, 11)]
SECRET = "bench-export-" + "x" * 32


def _seed(db_url: str, contacts: int) -> dict[str, Any]:
    """The workspace, its owner and the contacts; kept for the next run."""
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_all, upgrade_public
    from cardfile.db.scope import open_public_session

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with contextlib.suppress(psycopg.Error), psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT info FROM public.bench_export").fetchone()
        if row:
            upgrade_all()  # kept from an older run: bring it to the current migrations
            return dict(row[0])
    t0 = time.perf_counter()
    upgrade_public()
    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session, "export@cardfile.local", "bench-password-1", "Export Owner", "Export Agency"
        )
        ws_id, user_id = workspace.id, user.id
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = ws_{ws_id}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()
        for position, (key, kind) in enumerate(CUSTOM):
            conn.execute(
                "INSERT INTO custom_fields (entity, key, label, type, choices, position, "
                "created_at) VALUES ('contact', %s, %s, %s, '[]', %s, now())",
                (key, key.replace("_", " ").title(), kind, position),
            )
        custom = ", ".join(
            f"'{key}', " + ("i * 1.5" if kind == "number" else f"'Wartość {key} №' || i || ' 🙂'")
            for key, kind in CUSTOM
        )
        conn.execute(
            "INSERT INTO contacts (email, first_name, last_name, phone, phone_display, company, "
            "job_title, contact_class_id, custom, created_at, updated_at, created_by_kind, "
            "created_by_user_id, source, score) "
            "SELECT 'person' || i || '@example.org', 'Zofia, \"Zosia\"', 'Kowalska-' || i, "
            "'+4860' || lpad(i::text, 7, '0'), '+48 60 ' || i, '=Firma ' || (i %% 500), "
            "'Kierownik\nsprzedaży', %s, "
            f"jsonb_build_object({custom}), now(), now(), 'import', %s, 'Bench', i %% 100 "
            "FROM generate_series(1, %s) i",
            (general[0], user_id, contacts),
        )
        info = {"workspace_id": ws_id, "user_id": user_id}
        conn.execute("CREATE TABLE public.bench_export (info jsonb)")
        conn.execute("INSERT INTO public.bench_export VALUES (%s)", (json.dumps(info),))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.contacts, ws_{ws_id}.contact_tags")
    bench.log(f"export: seeded {contacts} contacts in {time.perf_counter() - t0:.0f}s")
    return info


def _tag_first(db_url: str, info: dict[str, Any], size: int) -> None:
    """Tag "first-<size>" on the first `size` contacts (once)."""
    import psycopg

    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute(f"SET search_path = ws_{int(info['workspace_id'])}")
        name = f"first-{size}"
        if conn.execute("SELECT 1 FROM tags WHERE name = %s", (name,)).fetchone():
            return
        tag = conn.execute(
            "INSERT INTO tags (name, color, created_at) VALUES (%s, 'blue', now()) RETURNING id",
            (name,),
        ).fetchone()
        conn.execute(
            "INSERT INTO contact_tags (contact_id, tag_id, created_at) "
            "SELECT id, %s, now() FROM contacts ORDER BY id LIMIT %s",
            (tag[0], size),
        )
        conn.execute("ANALYZE contact_tags")


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> bool:
    """Start the peak (VmHWM) again from now, so start-up (imports) is not counted."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_mb(reset: bool) -> float:
    if reset:
        return _status_mb("VmHWM")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(size: int, info: dict[str, Any], tagged: bool) -> dict[str, Any]:
    """One export in this process (started fresh by the parent), measured."""
    from cardfile.files.storage import get_storage
    from cardfile.jobs.core import func_path, run
    from cardfile.jobs.worker import init_process
    from cardfile.modules.export import jobs, service

    init_process()
    ws_id = int(info["workspace_id"])
    # A filter, as the contacts list sends it: the first `size` by tag, or every contact.
    selection = {"filter": {"tag": f"first-{size}"}} if tagged else {"filter": {}}
    columns = list(service.STANDARD) + [f"custom.{key}" for key, _ in CUSTOM]
    before, reset = _status_mb("VmRSS"), _reset_peak()
    t0 = time.perf_counter()
    result = run(
        ws_id,
        func_path(jobs.export_contacts),
        None,
        {"user_id": info["user_id"], "selection": selection, "columns": columns, "bom": True},
    )
    seconds = time.perf_counter() - t0
    peak = _peak_mb(reset)
    key = service.read_token(ws_id, result["download_url"].rpartition("/")[2]).key
    size_bytes = sum(len(chunk) for chunk in get_storage().open(key))
    get_storage().delete(key)
    return {
        "rows": result["rows"],
        "seconds": round(seconds, 2),
        "rows_per_s": round(result["rows"] / seconds),
        "file_mb": round(size_bytes / 1024**2, 1),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
        "growth_mb": round(peak - before, 1),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    """Alone it starts and stops the bench servers; run.py may pass its own, still running."""
    parser = argparse.ArgumentParser(description="CSV export of 10k and 100k contacts")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        given = json.loads(args.child)
        print(json.dumps(child(given["size"], given["info"], given["tagged"])))
        return {}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    report: dict[str, Any] = {}
    with (
        appdb.servers(services) as running,
        appdb.app_database(running, f"{DB_NAME}_{max(sizes)}", SECRET, False) as (db_url, env),
    ):
        info = _seed(db_url, max(sizes))
        for size in sizes:
            tagged = size < max(sizes)
            if tagged:
                _tag_first(db_url, info, size)
            payload = {"size": size, "info": info, "tagged": tagged}
            report[str(size)] = appdb.run_child(__file__, payload, env)
            bench.log(f"export {size}: {json.dumps(report[str(size)])}")
    return report


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| contacts | rows/s | seconds | file MB | peak RSS MB | growth over start MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size, r in report.items():
        lines.append(
            f"| {int(size):,} | {r['rows_per_s']:,} | {r['seconds']} | {r['file_mb']} | "
            f"{r['peak_rss_mb']} | {r['growth_mb']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
