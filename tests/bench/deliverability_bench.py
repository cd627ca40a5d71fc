"""Deliverability (issue 19): how fast bounces are processed, and how long a monitoring run
over 1,000 sending domains takes with a DNS server answering.

1. Bounces: 5,000 sent campaign messages; a Gmail-style DSN (RFC 3464) for each is sent over
   SMTP to the bounce listener (`cardfile bounce-server`'s code, in this process) by 4
   clients at once, each on one connection, to the messages' VERP return paths. The listener
   answers 250 only once a report is applied (the address invalid and suppressed, lists
   "bounced", a timeline row, the protection check). Messages per second, wall clock.
2. Monitoring: 1,000 verified sending domains in 20 workspaces (50 each), every record
   published on a local DNS server (dnslib, UDP, in a thread of this process — the same
   server the tests use), two block-list zones, the sending IPs' reverse DNS. The hourly job
   of each workspace (monitor.run) runs one after another, as one worker would: seconds for
   all 1,000 domains, and the DNS questions asked.

Not part of pytest. Alone: `.venv/bin/python tests/bench/deliverability_bench.py`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import smtplib
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/: the DNS server of the tests (factories/dns.py)

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_deliverability"
SECRET = "bench-deliverability-" + "x" * 32
BOUNCES, CLIENTS = 5_000, 4
WORKSPACES, DOMAINS_EACH = 20, 50
ZONES = ("zen.bl.test", "dbl.bl.test")
IPS = ("192.0.2.25", "192.0.2.26")
FIXTURE = HERE.parent / "backend" / "deliverability" / "fixtures" / "gmail_hard.eml"


def _signup(name: str) -> int:
    from cardfile.auth import service as auth
    from cardfile.db.scope import open_public_session

    with open_public_session() as session, session.begin():
        _, workspace = auth.signup(
            session, f"{name}-{time.time_ns()}@cardfile.local", "bench-password-1", name, "Bench"
        )
        return int(workspace.id)


def _dsn(db_url: str, workspace_id: int, n: int) -> tuple[int, list[tuple[str, bytes]]]:
    """n sent messages to n subscribed contacts: (campaign id, [(return path, DSN)])."""
    import psycopg

    from cardfile.modules.deliverability import verp

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = ws_{workspace_id}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()
        conn.execute(
            "INSERT INTO contacts (email, first_name, contact_class_id, custom, created_at, "
            "updated_at, created_by_kind, source) SELECT 'odbiorca.' || i || '@poczta.pl', "
            "'Zofia', %s, '{}', now(), now(), 'import', 'Bench' FROM generate_series(1, %s) i",
            (general[0], n),
        )
        list_id = conn.execute(
            "INSERT INTO lists (name, created_at, updated_at) VALUES ('Nowości', now(), now()) "
            "RETURNING id"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO subscriptions (list_id, contact_id, status, subscribed_at, created_at, "
            "updated_at) SELECT %s, id, 'subscribed', now(), now(), now() FROM contacts",
            (list_id,),
        )
        template = conn.execute(
            "INSERT INTO email_templates (name, subject, html, created_at, updated_at) "
            "VALUES ('T', 'Hi', '<p>Hi</p>', now(), now()) RETURNING id"
        ).fetchone()[0]
        campaign = conn.execute(
            "INSERT INTO campaigns (name, template_id, list_ids, segment_ids, "
            "exclude_segment_ids, from_email, status, track_opens, track_clicks, created_at, "
            "updated_at) VALUES ('Bench', %s, %s, '[]', '[]', 'news@agencja.example', 'sent', "
            "true, true, now(), now()) RETURNING id",
            (template, json.dumps([list_id])),
        ).fetchone()[0]
        rows = conn.execute(
            "INSERT INTO campaign_messages (campaign_id, contact_id, email, version, state, "
            "attempts, message_id, sent_at, open_count, click_count, created_at) "
            "SELECT %s, id, email, 'A', 'sent', 1, 'cf.' || %s || '.' || %s || '.' || id || "
            "'.abc@agencja.example', now(), 0, 0, now() FROM contacts RETURNING id, email, "
            "message_id",
            (campaign, workspace_id, campaign),
        ).fetchall()
        conn.execute(
            "INSERT INTO send_counts (minute, campaign_id, domain, sent) "
            "VALUES (date_trunc('minute', now()), %s, 'agencja.example', %s)",
            (campaign, n),
        )
        conn.commit()
    text = FIXTURE.read_text().replace("\n", "\r\n")
    reports = [
        (
            verp.return_path(workspace_id, row_id, "agencja.example"),
            text.replace("{message_id}", message_id).replace("{recipient}", email).encode(),
        )
        for row_id, email, message_id in rows
    ]
    return campaign, reports


def _bounces(db_url: str) -> dict[str, Any]:
    from sqlalchemy import func, select

    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import protection
    from cardfile.modules.deliverability.listener import controller
    from cardfile.modules.deliverability.models import Bounce

    workspace_id = _signup("Bounces")
    _, reports = _dsn(db_url, workspace_id, BOUNCES)
    # Protection would pause at the first checks: a high limit keeps every report on the
    # same path (the check itself still runs after each one).
    protection.MIN_SAMPLE = BOUNCES * 10
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listener = controller("127.0.0.1", port)
    listener.start()
    refused: list[Any] = []

    def client(part: list[tuple[str, bytes]]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as server:
            for return_path, raw in part:
                refused.extend(server.sendmail("", [return_path], raw).items())

    shares = [reports[i::CLIENTS] for i in range(CLIENTS)]
    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - t0
    listener.stop()
    with workspace_session(workspace_id) as session:
        applied = session.scalar(select(func.count()).select_from(Bounce))
    assert applied == BOUNCES and not refused, (applied, refused[:3])
    return {
        "reports": BOUNCES,
        "clients": CLIENTS,
        "seconds": round(seconds, 2),
        "per_second": round(BOUNCES / seconds),
    }


def _monitoring(db_url: str) -> dict[str, Any]:
    from cardfile import config
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import monitor, records
    from cardfile.modules.deliverability.models import SendingDomain
    from factories.dns import DnsServer

    server = DnsServer()
    server.start()
    before = config.current()
    config.configure(
        dataclasses.replace(
            before, dns_servers=(server.address,), dnsbl_zones=ZONES, sending_ips=()
        )
    )
    try:
        pair = records.new_key_pair()  # one key for all: 1,000 would take minutes to make
        server.publish(
            "TXT",
            before.mail_spf_include,
            "v=spf1 " + " ".join(f"ip4:{ip}" for ip in IPS) + " ~all",
        )
        for index, ip in enumerate(IPS):
            reverse = ".".join(reversed(ip.split(".")))
            server.publish("PTR", f"{reverse}.in-addr.arpa", f"mta{index}.cardfile.local")
            server.publish("A", f"mta{index}.cardfile.local", ip)
        server.publish("A", f"{'.'.join(reversed(IPS[1].split('.')))}.{ZONES[0]}", "127.0.0.2")
        workspaces = []
        for w in range(WORKSPACES):
            workspace_id = _signup(f"Monitoring {w}")
            with workspace_session(workspace_id) as session:
                for d in range(DOMAINS_EACH):
                    domain = f"klient{w}-sklep{d}.example"
                    session.add(
                        SendingDomain(
                            domain=domain,
                            dkim_selector="cfbench",
                            dkim_public_key=pair.public_b64,
                            dkim_private_key=pair.private_pem_encrypted,
                            verified=True,
                        )
                    )
                    for record in records.records(domain, "cfbench", pair.public_b64):
                        server.publish(record["type"], record["name"], record["value"])
                    if d % 10 == 0:  # one in ten on a domain block list
                        server.publish("A", f"{domain}.{ZONES[1]}", "127.0.1.2")
            workspaces.append(workspace_id)
        server.zone.questions = 0
        t0 = time.perf_counter()
        scores = []
        for workspace_id in workspaces:
            with workspace_session(workspace_id) as session:
                scores.append(monitor.run(session, workspace_id, lambda done, total: None))
        seconds = time.perf_counter() - t0
        questions = server.zone.questions
    finally:
        config.configure(before)
        server.stop()
    domains = sum(s["domains"] for s in scores)
    assert domains == WORKSPACES * DOMAINS_EACH
    return {
        "domains": domains,
        "workspaces": WORKSPACES,
        "seconds": round(seconds, 2),
        "per_domain_ms": round(1000 * seconds / domains, 1),
        "dns_questions": questions,
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    argparse.ArgumentParser(description="Bounce processing and monitoring").parse_args(argv)
    with (
        appdb.servers(services) as running,
        appdb.app_database(running, DB_NAME, SECRET, True) as (db_url, _),
    ):
        from cardfile.db.migrate import upgrade_public

        upgrade_public()
        bench.log("deliverability: bounce processing over SMTP")
        bounces = _bounces(db_url)
        bench.log(f"deliverability: {json.dumps(bounces)}")
        bench.log("deliverability: monitoring 1,000 domains")
        monitoring = _monitoring(db_url)
        bench.log(f"deliverability: {json.dumps(monitoring)}")
    return {"bounces": bounces, "monitoring": monitoring}


def markdown(report: dict[str, Any]) -> str:
    b, m = report["bounces"], report["monitoring"]
    return "\n".join(
        [
            "| deliverability (issue 19) | measured | limit in the issue |",
            "|---|---:|---|",
            f"| bounce processing: {b['reports']:,} DSNs over SMTP to the listener, "
            f"{b['clients']} clients | {b['per_second']:,} messages/s ({b['seconds']} s) | "
            "none named (figure asked for) |",
            f"| monitoring run: {m['domains']:,} domains in {m['workspaces']} workspaces, "
            f"local DNS server, 2 block lists | {m['seconds']} s ({m['per_domain_ms']} ms a "
            f"domain, {m['dns_questions']:,} DNS questions) | none named (figure asked for) |",
        ]
    )


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
