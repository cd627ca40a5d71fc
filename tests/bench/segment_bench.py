"""The live count of a segment over 1,000,000 contacts (issue 18): a rule with two tags, a
custom field and a date range, counted the way the API counts it (rules validated and
compiled by segments/rules.py, within the caller's visible contacts), next to the best of
several hand-written SQL queries for the same rule on the same indexes, in the same run.

Two date ranges: the last 90 days (narrow) and the last 3 years (broad: every contact).
Seeded once with SQL into `cardfile_bench_segments_<contacts>`; each timing is the median of
7 runs after 2 warm-up runs.

Not part of pytest. Alone: `.venv/bin/python tests/bench/segment_bench.py [--contacts N]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_segments"
SECRET = "bench-segments-" + "x" * 32
RUNS, WARMUP = 7, 2
TAGS = 20

HAND = {
    "exists": (
        "SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL "
        "AND c.custom->>'plan' = 'Pro' AND c.created_at >= now() - make_interval(days => %(days)s) "
        "AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_id = %(a)s) "
        "AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_id = %(b)s)"
    ),
    "join": (
        "SELECT count(*) FROM contacts c "
        "JOIN contact_tags ta ON ta.contact_id = c.id AND ta.tag_id = %(a)s "
        "JOIN contact_tags tb ON tb.contact_id = c.id AND tb.tag_id = %(b)s "
        "WHERE c.deleted_at IS NULL AND c.custom->>'plan' = 'Pro' "
        "AND c.created_at >= now() - make_interval(days => %(days)s)"
    ),
    "intersect": (
        "SELECT count(*) FROM contacts c WHERE c.id IN ("
        "SELECT contact_id FROM contact_tags WHERE tag_id = %(a)s INTERSECT "
        "SELECT contact_id FROM contact_tags WHERE tag_id = %(b)s) "
        "AND c.deleted_at IS NULL AND c.custom->>'plan' = 'Pro' "
        "AND c.created_at >= now() - make_interval(days => %(days)s)"
    ),
}


def _seed(db_url: str, contacts: int) -> dict[str, Any]:
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_all, upgrade_public
    from cardfile.db.scope import open_public_session

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn) as conn:
            row = conn.execute("SELECT info FROM public.bench_segments").fetchone()
            if row:
                upgrade_all()
                return dict(row[0])
    except psycopg.Error:
        pass
    t0 = time.perf_counter()
    upgrade_public()
    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session,
            f"segments-{time.time_ns()}@cardfile.local",
            "bench-password-1",
            "Segmenty",
            "Bench Agency",
        )
        ws_id, user_id = workspace.id, user.id
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = ws_{ws_id}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()
        # Created over the last 3 years; a third on plan Pro.
        conn.execute(
            "INSERT INTO contacts (email, first_name, contact_class_id, custom, created_at, "
            "updated_at, created_by_kind, source) SELECT 'osoba.' || i || '@firma.pl', 'Zofia', "
            "%s, jsonb_build_object('plan', (ARRAY['Pro','Basic','Free'])[1 + i %% 3], "
            "'miasto', 'Kraków'), now() - make_interval(secs => (i::bigint * 94608000 / %s)), "
            "now(), 'import', 'Bench' FROM generate_series(1, %s) i",
            (general[0], contacts, contacts),
        )
        conn.execute(
            "INSERT INTO tags (name, color, created_at) SELECT 'tag-' || t, 'blue', now() "
            f"FROM generate_series(1, {TAGS}) t"
        )
        # Each contact has 3 of the 20 tags (spread by its id).
        conn.execute(
            "INSERT INTO contact_tags (contact_id, tag_id, created_at) "
            "SELECT c.id, t.id, now() FROM contacts c JOIN tags t ON "
            f"t.name IN ('tag-' || (1 + c.id % {TAGS}), 'tag-' || (1 + (c.id / 7) % {TAGS}), "
            f"'tag-' || (1 + (c.id / 49) % {TAGS})) ON CONFLICT DO NOTHING"
        )
        conn.execute(
            "INSERT INTO custom_fields (entity, key, label, type, choices, position, created_at)"
            " VALUES ('contact', 'plan', 'Plan', 'text', '[]', 0, now())"
        )
        info = {"workspace_id": ws_id, "user_id": user_id, "contacts": contacts}
        conn.execute("CREATE TABLE public.bench_segments (info jsonb)")
        conn.execute("INSERT INTO public.bench_segments VALUES (%s)", (json.dumps(info),))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.contacts")
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.contact_tags")
    bench.log(f"segments: seeded {contacts:,} contacts in {time.perf_counter() - t0:.0f}s")
    return info


def _rules(days: int) -> dict[str, Any]:
    return {
        "op": "and",
        "rules": [
            {"field": "tag", "op": "has", "value": "tag-3"},
            {"field": "tag", "op": "has", "value": "tag-5"},
            {"field": "custom.plan", "op": "eq", "value": "Pro"},
            {"field": "created_at", "op": "within_days", "value": days},
        ],
    }


def _median_ms(call: Any) -> tuple[float, Any]:
    for _ in range(WARMUP):
        result = call()
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def _measure(info: dict[str, Any], days: int) -> dict[str, Any]:
    from sqlalchemy import text

    from cardfile.access.principal import resolve_principal
    from cardfile.db.scope import workspace_session
    from cardfile.modules.segments import service

    with workspace_session(info["workspace_id"]) as session:
        principal = resolve_principal(session, info["user_id"], info["workspace_id"])
        tags = dict(session.execute(text("SELECT name, id FROM tags")).all())
        api_ms, api = _median_ms(lambda: service.count(session, principal, _rules(days)))
        params = {"a": tags["tag-3"], "b": tags["tag-5"], "days": days}
        hand = {}
        for name, sql in HAND.items():
            ms, found = _median_ms(
                lambda sql=sql: session.execute(
                    text(sql.replace("%(", ":").replace(")s", "")), params
                ).scalar()
            )
            hand[name] = (round(ms, 1), found)
    best_name = min(hand, key=lambda k: hand[k][0])
    best_ms, best_count = hand[best_name]
    assert all(found == api["count"] for _, found in hand.values()), (api, hand)
    return {
        "days": days,
        "count": api["count"],
        "compiled_ms": round(api_ms, 1),
        "hand_ms": {k: v[0] for k, v in hand.items()},
        "best_hand": best_name,
        "best_hand_ms": best_ms,
        "ratio": round(api_ms / best_ms, 2),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="Segment count over 1,000,000 contacts")
    parser.add_argument("--contacts", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with (
        appdb.servers(services) as running,
        appdb.app_database(running, f"{DB_NAME}_{args.contacts}", SECRET, False) as (db_url, _),
    ):
        info = _seed(db_url, args.contacts)
        cases = [_measure(info, 90), _measure(info, 3 * 365)]
    for case in cases:
        bench.log(f"segments: {json.dumps(case)}")
    return {"contacts": args.contacts, "cases": cases}


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| segment count, 2 tags + custom field + date range | contacts | matching | "
        "compiled (API) ms | best hand-written SQL ms | ratio | goal ≤ 1.5x |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for case in report["cases"]:
        goal = "met" if case["ratio"] <= 1.5 else "**missed**"
        lines.append(
            f"| last {case['days']} days | {report['contacts']:,} | {case['count']:,} | "
            f"{case['compiled_ms']} | {case['best_hand_ms']} ({case['best_hand']}) | "
            f"{case['ratio']}x | {goal} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
