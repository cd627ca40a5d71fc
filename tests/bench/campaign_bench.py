"""A 100,000-recipient campaign (issue 18) with personalisation, click and open tracking and
unsubscribe headers, sent end to end by 2 real RQ workers (`cardfile worker --burst mail`)
to a local SMTP sink (aiosmtpd), next to the limit measured in the same run: the same kind of
messages, pre-rendered, sent by plain smtplib over the same number of connections (2).

- campaign: from "send" (the outbox written by prepare_campaign) to the last message
  accepted by the sink; messages/s over the whole campaign.
- limit: 2 processes, each with one SMTP connection, `sendmail` of pre-rendered messages
  (5,000 distinct ones made by the campaign's own composer, sent round-robin) to 100,000
  recipients; messages/s. The goal is the campaign at >= 50% of it.

Not part of pytest. Alone: `.venv/bin/python tests/bench/campaign_bench.py [--recipients N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/: factories

import appdb  # noqa: E402
import run as bench  # noqa: E402

DB_NAME = "cardfile_bench_campaign"
SECRET = "bench-campaign-" + "x" * 32
PRE_RENDERED = 5_000
LINKS = [f"https://sklep.example/produkt/{i}?utm_source=news" for i in range(5)]
HTML = (
    "<html><head><style>body{font-family:Arial,sans-serif;color:#222}"
    "h1{color:#0b7285;font-size:24px} p{line-height:1.5} .btn{background:#1c7ed6;color:#fff;"
    "padding:10px 16px;border-radius:6px;text-decoration:none} td{padding:8px}</style></head>"
    "<body><h1>Cześć {{ contact.first_name | default('przyjacielu') }}!</h1>"
    "<p>Twój plan: <b>{{ contact.custom.plan | default('Basic') }}</b>. "
    + "Zobacz nowości tego tygodnia — скидки до 30%. " * 12
    + "</p><table>"
    + "".join(
        f'<tr><td><a class="btn" href="{url}">Produkt {i}</a></td>'
        f"<td>{'Opis produktu z polskimi znakami: zażółć gęślą jaźń. ' * 4}</td></tr>"
        for i, url in enumerate(LINKS)
    )
    + '</table><p><a href="{{ preferences_url }}">Preferencje</a> · '
    '<a href="{{ unsubscribe_url }}">Wypisz się</a></p></body></html>'
)


class CountingSink:
    """aiosmtpd on a free port, counting accepted messages."""

    def __init__(self) -> None:
        from factories.smtp import CountingSink as Sink

        self.sink = Sink()

    @property
    def url(self) -> str:
        return self.sink.url

    def __enter__(self) -> CountingSink:
        self.sink.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self.sink.stop()

    def count(self) -> int:
        return len(self.sink.recipients)


def _seed(db_url: str, recipients: int) -> dict[str, Any]:
    import psycopg

    from cardfile.auth import service as auth
    from cardfile.db.migrate import upgrade_all, upgrade_public
    from cardfile.db.scope import open_public_session

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn) as conn:
            row = conn.execute("SELECT info FROM public.bench_campaign").fetchone()
            if row and row[0]["recipients"] == recipients:
                upgrade_all()
                return dict(row[0])
    except psycopg.Error:
        pass
    upgrade_public()
    with open_public_session() as session, session.begin():
        user, workspace = auth.signup(
            session,
            f"campaign-{time.time_ns()}@cardfile.local",
            "bench-password-1",
            "Kampania",
            "Bench Agency",
        )
        ws_id, user_id = workspace.id, user.id
    with psycopg.connect(dsn) as conn:
        conn.execute(f"SET search_path = ws_{ws_id}")
        general = conn.execute("SELECT id FROM contact_classes WHERE name = 'General'").fetchone()
        conn.execute(
            "INSERT INTO contacts (email, first_name, last_name, contact_class_id, custom, "
            "email_status, created_at, updated_at, created_by_kind, source) "
            "SELECT 'odbiorca.' || i || '@firma-' || (i %% 500) || '.pl', "
            "(ARRAY['Zofia','Łukasz','Ołeksandr','Anna'])[1 + i %% 4], 'Kowalska', %s, "
            "jsonb_build_object('plan', CASE WHEN i %% 3 = 0 THEN 'Pro' ELSE 'Basic' END), "
            "'valid', now(), now(), 'import', 'Bench' FROM generate_series(1, %s) i",
            (general[0], recipients),
        )
        list_id = conn.execute(
            "INSERT INTO lists (name, double_opt_in, public, form_version, created_at, "
            "updated_at) VALUES ('Newsletter', false, true, 1, now(), now()) RETURNING id"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO subscriptions (list_id, contact_id, status, subscribed_at, created_at, "
            "updated_at) SELECT %s, id, 'subscribed', now(), now(), now() FROM contacts",
            (list_id,),
        )
        conn.execute(
            "INSERT INTO custom_fields (entity, key, label, type, choices, position, created_at)"
            " VALUES ('contact', 'plan', 'Plan', 'text', '[]', 0, now())"
        )
        info = {
            "workspace_id": ws_id,
            "user_id": user_id,
            "list_id": list_id,
            "recipients": recipients,
        }
        conn.execute("DROP TABLE IF EXISTS public.bench_campaign")
        conn.execute("CREATE TABLE public.bench_campaign (info jsonb)")
        conn.execute("INSERT INTO public.bench_campaign VALUES (%s)", (json.dumps(info),))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.contacts")
        conn.execute(f"VACUUM (ANALYZE) ws_{ws_id}.subscriptions")
    return info


def _new_campaign(info: dict[str, Any]) -> int:
    from cardfile.access.principal import resolve_principal
    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns import service

    _verified_domain(info["workspace_id"], "agencja.example")
    with workspace_session(info["workspace_id"]) as session:
        principal = resolve_principal(session, info["user_id"], info["workspace_id"])
        assert principal is not None
        template = service.create_template(
            session,
            principal,
            {
                "name": "Bench",
                "subject": "Nowości dla {{ contact.first_name }}",
                "html": HTML,
                "text": None,
            },
        )
        campaign = service.create_campaign(
            session,
            principal,
            {
                "name": f"Bench {time.time():.0f}",
                "template_id": template.id,
                "list_ids": [info["list_id"]],
                "from_email": "news@agencja.example",
                "from_name": "Agencja Bench",
                "segment_ids": [],
                "exclude_segment_ids": [],
            },
        )
        return int(campaign["id"])


def _verified_domain(workspace_id: int, domain: str) -> None:
    """Campaigns send only from a verified domain: one, with its DKIM key (every message is
    signed, as in production)."""
    sys.path.insert(0, str(HERE.parent))
    from factories.deliverability import verified_domain

    verified_domain(workspace_id, domain)


def _send(info: dict[str, Any], campaign_id: int) -> None:
    from cardfile.access.principal import resolve_principal
    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns import service

    with workspace_session(info["workspace_id"]) as session:
        principal = resolve_principal(session, info["user_id"], info["workspace_id"])
        service.send(session, principal, campaign_id, None)


def _status(info: dict[str, Any], campaign_id: int) -> dict[str, Any]:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns import service

    with workspace_session(info["workspace_id"]) as session:
        view = service.campaign_view(session, service.get_campaign(session, campaign_id))
        return {"status": view["status"], "progress": view["progress"]}


def _pre_render(info: dict[str, Any], campaign_id: int, path: Path) -> None:
    """PRE_RENDERED messages of this campaign, made by its own composer, pickled to `path`."""
    from sqlalchemy import select

    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns.models import Campaign
    from cardfile.modules.campaigns.sender import Claimed, Composer, people
    from cardfile.modules.contacts.models import Contact

    with workspace_session(info["workspace_id"]) as session:
        campaign = session.get(Campaign, campaign_id)
        composer = Composer.of(session, campaign)
        ids = list(session.scalars(select(Contact.id).order_by(Contact.id).limit(PRE_RENDERED)))
        persons = people(session, ids)
        messages = []
        for number, contact_id in enumerate(ids, start=1):
            claimed = Claimed(number, contact_id, persons[contact_id]["email"], "A")
            messages.append(composer.compose(claimed, persons[contact_id], f"m{number}@x")[1])
    path.write_bytes(pickle.dumps(messages))


def limit_child(payload: dict[str, Any]) -> None:
    """One plain smtplib connection sending pre-rendered messages; prints messages sent."""
    messages = pickle.loads(Path(payload["path"]).read_bytes())
    host, port = payload["host"], payload["port"]
    smtp = smtplib.SMTP(host, port)
    first, count = payload["first"], payload["count"]
    for n in range(first, first + count):
        smtp.sendmail(
            "news@agencja.example", [f"odbiorca.{n}@limit.example"], messages[n % len(messages)]
        )
    smtp.quit()
    print(json.dumps({"sent": count}))


def _limit(sink: CountingSink, path: Path, recipients: int, connections: int) -> float:
    """Messages/s of `connections` processes sending pre-rendered mail over one connection
    each (processes, like the workers: no shared GIL)."""
    host, port = "127.0.0.1", int(sink.url.rsplit(":", 1)[1])
    share = recipients // connections
    before = sink.count()
    cpu_before = os.times()
    t0 = time.perf_counter()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--limit-child",
                json.dumps(
                    {
                        "path": str(path),
                        "host": host,
                        "port": port,
                        "first": i * share,
                        "count": share,
                    }
                ),
            ],
            stdout=subprocess.PIPE,
        )
        for i in range(connections)
    ]
    for child in children:
        assert child.wait() == 0
    while sink.count() - before < share * connections:
        time.sleep(0.01)
    rate = share * connections / (time.perf_counter() - t0)
    cpu = os.times()
    used = cpu.children_user - cpu_before.children_user + cpu.children_system
    used -= cpu_before.children_system
    bench.log(f"campaign: limit senders' CPU {used * 1000 / (share * connections):.3f} ms/msg")
    return rate


def _campaign(
    info: dict[str, Any], campaign_id: int, env: dict[str, str], sink: CountingSink, workers: int
) -> dict[str, Any]:
    before = sink.count()
    cpu_before = os.times()
    t0 = time.perf_counter()
    _send(info, campaign_id)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cardfile.cli", "worker", "--burst", "mail"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        proc.wait(timeout=3600)
    seconds = time.perf_counter() - t0
    cpu = os.times()
    used = cpu.children_user - cpu_before.children_user + cpu.children_system
    used -= cpu_before.children_system
    status = _status(info, campaign_id)
    sent = sink.count() - before
    return {
        "seconds": round(seconds, 1),
        "sent": sent,
        "status": status["status"],
        "progress": status["progress"],
        "messages_per_s": round(sent / seconds, 1),
        "worker_cpu_ms_per_message": round(used * 1000 / max(sent, 1), 3),
    }


def main(argv: list[str] | None = None, services: bench.Services | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="A 100,000-recipient campaign vs smtplib")
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.limit_child:
        limit_child(json.loads(args.limit_child))
        return {}
    with (
        CountingSink() as sink,
        appdb.servers(services) as running,
        appdb.app_database(
            running,
            f"{DB_NAME}_{args.recipients}",
            SECRET,
            False,
            SMTP_URL=sink.url,
            BASE_URL="https://crm.agencja.example",
        ) as (db_url, env),
        tempfile.TemporaryDirectory() as tmp,
    ):
        os.environ["SMTP_URL"] = sink.url
        info = _seed(db_url, args.recipients)
        campaign_id = _new_campaign(info)
        path = Path(tmp) / "messages.pickle"
        _pre_render(info, campaign_id, path)
        limit = _limit(sink, path, args.recipients, args.workers)
        bench.log(f"campaign: limit (plain smtplib, {args.workers} connections) {limit:.0f}/s")
        measured = _campaign(info, campaign_id, env, sink, args.workers)
        bench.log(f"campaign: {json.dumps(measured)}")
        size = len(pickle.loads(path.read_bytes())[0])
    share = measured["messages_per_s"] / limit
    return {
        "recipients": args.recipients,
        "workers": args.workers,
        "message_bytes": size,
        "limit_per_s": round(limit, 1),
        "share_of_limit": round(share, 3),
        **measured,
    }


def markdown(report: dict[str, Any]) -> str:
    goal = "met" if report["share_of_limit"] >= 0.5 else "**missed**"
    return "\n".join(
        [
            "| campaign | recipients | workers | seconds | messages/s | limit: plain smtplib, "
            "pre-rendered (msg/s) | share of limit | goal ≥ 50% |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            f"| personalised, tracked, List-Unsubscribe, {report['message_bytes']:,} B each | "
            f"{report['recipients']:,} | {report['workers']} | {report['seconds']} | "
            f"{report['messages_per_s']:,} | {report['limit_per_s']:,} | "
            f"{report['share_of_limit']:.0%} | {goal} |",
            "",
            f"Outbox at the end: {report['progress']} (status {report['status']}).",
        ]
    )


if __name__ == "__main__":
    result = main()
    if result:
        print(markdown(result))
