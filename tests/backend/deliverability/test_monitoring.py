"""The monitoring run against a real DNS server (dnslib, in the test): a sending domain's
records, a DNS block list zone listing the sending IP, reverse DNS of the IP found in the
sending servers' SPF record. Results are kept as history with a health score computed by
the documented formula; a listing raises one alert (mailed to the admins) that resolves
itself once delisted."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from factories.accounts import ApiClient
from factories.deliverability import verified_domain
from factories.dns import DnsServer
from factories.smtp import SmtpSink

DOMAIN = "sklep-zolw.example"
IP = "192.0.2.25"
ZONE = "bl.test"


def test_the_score_formula() -> None:
    from cardfile.modules.deliverability import health

    perfect = [{"purpose": p, "state": "ok"} for p in ("spf", "dkim", "dmarc", "return_path")]
    assert health.score(health.domain_penalties(perfect, 0, 0.0, 0.0)) == 100
    broken = [
        {"purpose": "spf", "state": "missing"},
        {"purpose": "dkim", "state": "wrong"},
        {"purpose": "dmarc", "state": "warning"},
        {"purpose": "return_path", "state": "unknown"},  # nobody answered: no penalty
    ]
    penalties = health.domain_penalties(broken, 1, 2.0, 0.05)
    assert penalties == {"authentication": 50, "blocklists": 30, "bounces": 10, "complaints": 12}
    assert health.score(penalties) == 0  # 102 points lost: never below 0
    assert health.domain_penalties(perfect, 5, 40.0, 3.0) == {
        "authentication": 0,
        "blocklists": 60,
        "bounces": 25,
        "complaints": 25,
    }
    workspace = health.workspace_penalties(
        [{"authentication": 20, "blocklists": 0}, {"authentication": 0, "blocklists": 30}],
        ip_listings=1,
        ips_without_rdns=1,
        bounce_rate=1.0,
        complaint_rate=0.0,
    )
    assert workspace == {
        "authentication": 10,
        "blocklists": 45,
        "reverse_dns": 10,
        "bounces": 5,
        "complaints": 0,
    }


@pytest.fixture
def zones(settings: Any, dns: DnsServer) -> Iterator[None]:
    from cardfile import config

    before = config.current()
    config.configure(dataclasses.replace(before, dnsbl_zones=(ZONE,)))
    yield
    config.configure(before)


def _publish(dns: DnsServer, workspace_id: int) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import records
    from cardfile.modules.deliverability.models import SendingDomain

    with workspace_session(workspace_id) as session:
        row = session.query(SendingDomain).filter_by(domain=DOMAIN).one()
        for record in records.records(row.domain, row.dkim_selector, row.dkim_public_key):
            value = record["value"]
            if record["purpose"] == "dmarc":
                value = "v=DMARC1; p=none"  # a start: costs 5 points
            dns.publish(record["type"], record["name"], value)
    dns.publish("TXT", "_spf.cardfile.local", f"v=spf1 ip4:{IP} ~all")
    dns.publish("PTR", "25.2.0.192.in-addr.arpa", "mta1.cardfile.local")
    dns.publish("A", "mta1.cardfile.local", IP)


def _check(owner: ApiClient, run_jobs: Any) -> dict[str, Any]:
    accepted = owner.ok(owner.post("deliverability/check", {}), 202)
    run_jobs()
    assert owner.ok(owner.get(f"jobs/{accepted['job_id']}"))["status"] == "finished"
    return owner.ok(owner.get("deliverability"))


def test_a_monitoring_run(
    owner: ApiClient, run_jobs: Any, dns: DnsServer, smtp: SmtpSink, zones: None
) -> None:
    empty = owner.ok(owner.get("deliverability"))
    assert empty["health"]["score"] is None and empty["history"] == []
    domain_id = verified_domain(owner.workspace_id, DOMAIN)
    _publish(dns, owner.workspace_id)
    dns.publish("A", f"25.2.0.192.{ZONE}", "127.0.0.2")  # the IP is listed
    dns.publish("A", f"{DOMAIN}.{ZONE}")  # the domain is not (no A record)

    found = _check(owner, run_jobs)
    [domain] = found["health"]["domains"]
    assert domain["id"] == domain_id and domain["score"] == 95
    assert {c["purpose"]: c["state"] for c in domain["checks"]} == {
        "spf": "ok",
        "dkim": "ok",
        "dmarc": "warning",
        "return_path": "ok",
    }
    assert [b["listed"] for b in domain["blocklists"]] == [False]
    [ip] = found["health"]["sending_ips"]
    assert (ip["ip"], ip["state"], ip["name"]) == (IP, "ok", "mta1.cardfile.local")
    assert [b["listed"] for b in ip["blocklists"]] == [True]
    # Workspace: the domain's 5 (mean) + 30 for the listed IP.
    assert found["health"]["score"] == 65
    assert found["health"]["penalties"]["blocklists"] == 30
    [alert] = [a for a in found["alerts"] if a["kind"] == "blocklisted"]
    assert alert["subject"] == IP and alert["resolved_at"] is None and not alert["pauses"]
    run_jobs()  # the alert's mail
    [mail] = smtp.to(owner.email)[-1:]
    assert IP in mail.get_payload() and "Deliverability alert" in mail["Subject"]

    # Still listed an hour later: still one alert. Then delisted: resolved by itself.
    again = _check(owner, run_jobs)
    assert len([a for a in again["alerts"] if a["kind"] == "blocklisted"]) == 1
    dns.publish("A", f"25.2.0.192.{ZONE}")
    clean = _check(owner, run_jobs)
    assert clean["health"]["score"] == 95
    [resolved] = [a for a in clean["alerts"] if a["kind"] == "blocklisted"]
    assert resolved["resolved_at"] is not None and resolved["resolution"] == "No longer listed."
    workspace_history = [h["score"] for h in clean["history"] if h["domain_id"] is None]
    assert workspace_history == [65, 65, 95]
    assert [h["domain"] for h in clean["history"] if h["domain_id"]] == [DOMAIN] * 3


def test_a_verified_domain_whose_key_vanished_raises_an_alert(
    owner: ApiClient, run_jobs: Any, dns: DnsServer, zones: None
) -> None:
    verified_domain(owner.workspace_id, DOMAIN)
    _publish(dns, owner.workspace_id)
    dns.publish("TXT", f"cftest._domainkey.{DOMAIN}")  # someone removed the DKIM record
    found = _check(owner, run_jobs)
    [alert] = [a for a in found["alerts"] if a["kind"] == "authentication"]
    assert "DKIM" in alert["message"] and alert["subject"] == DOMAIN
    assert found["health"]["domains"][0]["penalties"]["authentication"] == 30


def test_checks_are_for_admins(owner: ApiClient, app: Any) -> None:
    from factories.accounts import member_client

    member = member_client(app, owner, role="member")
    assert member.post("deliverability/check", {}).status_code == 403
    assert member.post("deliverability/resume", {"reason": "Cleaned"}).status_code == 403
    assert member.get("deliverability").status_code == 200
