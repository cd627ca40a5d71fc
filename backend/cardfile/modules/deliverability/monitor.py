"""The monitoring run of one workspace (hourly, and on demand): for each sending domain its
DNS authentication, its block-list listings (DNSBL_ZONES) and its bounce and complaint
rates over 24 hours and 7 days; for the workspace, its sending IPs' listings and reverse
DNS and its overall rates. Each result is kept (health_checks) with its score (health.py);
a listing or a broken record raises an alert, and automatic protection has its say.

DNS questions of all domains go out together (a thread pool); the database is written by
the caller's thread only.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import dns.reversename
from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.db.base import utcnow
from cardfile.modules.deliverability import alerts, checks, health, protection, rates
from cardfile.modules.deliverability.models import HealthCheck, SendingDomain

PARALLEL = 16


@dataclass
class DomainDns:
    """What DNS said about one domain."""

    domain_id: int
    checks: list[dict[str, Any]]
    blocklists: list[dict[str, Any]]


def _listing_name(target: str) -> str:
    """How a DNSBL is asked about a target: an IP's labels reversed, a domain as it is."""
    try:
        ipaddress.ip_address(target)
    except ValueError:
        return target
    reverse = dns.reversename.from_address(target).to_text(omit_final_dot=True)
    return reverse.removesuffix(".in-addr.arpa").removesuffix(".ip6.arpa")


def blocklists(lookup: checks.Lookup, target: str, zones: Sequence[str]) -> list[dict[str, Any]]:
    """Each zone's verdict on a domain or an IP: listed True/False, None (no answer)."""
    found = []
    name = _listing_name(target)
    for zone in zones:
        answers = lookup.addresses(f"{name}.{zone}")
        if answers is None:
            listed, explanation = None, f"{zone} did not answer; checked again next hour."
        else:
            # 127.255.255.x: the list refuses the question (e.g. asked through a public
            # resolver), which says nothing about the target.
            codes = [a for a in answers if a.startswith("127.") and not a.startswith("127.255.")]
            listed = bool(codes)
            explanation = (
                f"{target} is listed on {zone} ({', '.join(codes)}). Mail from it is likely "
                "rejected or sent to spam; find the cause, then ask the list to delist it."
                if listed
                else f"{target} is not listed on {zone}."
            )
        found.append({"zone": zone, "target": target, "listed": listed, "explanation": explanation})
    return found


def reverse_dns(lookup: checks.Lookup, ip: str) -> dict[str, Any]:
    """Forward-confirmed reverse DNS: the IP's PTR name resolves back to the IP."""
    names = lookup.ptr(dns.reversename.from_address(ip).to_text())
    if names is None:
        return {"ip": ip, "name": None, "state": "unknown", "explanation": "No DNS answer."}
    if not names:
        return {
            "ip": ip,
            "name": None,
            "state": "missing",
            "explanation": f"{ip} has no reverse DNS (PTR): many receivers refuse such mail.",
        }
    name = names[0]
    rdtype = "AAAA" if ipaddress.ip_address(ip).version == 6 else "A"
    back = lookup.addresses(name, rdtype) or []
    if ip not in back:
        return {
            "ip": ip,
            "name": name,
            "state": "wrong",
            "explanation": f"{ip} points to {name}, but {name} does not point back to {ip}.",
        }
    return {"ip": ip, "name": name, "state": "ok", "explanation": f"{ip} ⇄ {name}."}


def sending_ips(lookup: checks.Lookup) -> list[str]:
    """SENDING_IPS, or the addresses the sending servers' SPF record names."""
    settings = config.current()
    if settings.sending_ips:
        return list(settings.sending_ips)
    record = next(
        (r for r in lookup.txt(settings.mail_spf_include) or [] if r.lower().startswith("v=spf1")),
        "",
    )
    found = []
    for term in record.split()[1:]:
        kind, _, value = term.lstrip("+").partition(":")
        if kind.lower() in ("ip4", "ip6") and value and "/" not in value:
            found.append(value)
    return found


def _domain_dns(row: SendingDomain, zones: Sequence[str]) -> Callable[[], DomainDns]:
    domain, selector, key, domain_id = row.domain, row.dkim_selector, row.dkim_public_key, row.id

    def ask() -> DomainDns:
        lookup = checks.Lookup()
        _, found = checks.verify(domain, selector, key, lookup)
        return DomainDns(domain_id, found, blocklists(lookup, domain, zones))

    return ask


def _listed(results: Sequence[dict[str, Any]]) -> int:
    return sum(1 for r in results if r["listed"])


def run(session: Session, workspace_id: int, progress: Callable[[int, int], None]) -> dict:
    """Check every sending domain and the workspace; store the results."""
    zones = config.current().dnsbl_zones
    domains = list(session.scalars(select(SendingDomain).order_by(SendingDomain.id)))
    by_id = {d.id: d for d in domains}
    now = utcnow()
    periods = rates.by_period(session, now)
    lookup = checks.Lookup()
    with ThreadPoolExecutor(PARALLEL) as pool:
        asked = [pool.submit(_domain_dns(row, zones)) for row in domains]
        ips = sending_ips(lookup)
        ip_lists = [r for ip in ips for r in blocklists(lookup, ip, zones)]
        rdns = list(pool.map(lambda ip: reverse_dns(checks.Lookup(), ip), ips))
        results = [future.result() for future in asked]
    domain_penalties = []
    for done, found in enumerate(results, start=1):
        row = by_id[found.domain_id]
        if session.get(SendingDomain, row.id, populate_existing=True) is None:
            continue  # removed while its DNS was asked about
        week = periods["7d"].get(row.domain, rates.Figures())
        penalties = health.domain_penalties(
            found.checks, _listed(found.blocklists), week.bounce_rate, week.complaint_rate
        )
        domain_penalties.append(penalties)
        row.checks, row.checked_at = found.checks, now
        session.add(
            HealthCheck(
                at=now,
                domain_id=row.id,
                score=health.score(penalties),
                authentication=found.checks,
                blocklists=found.blocklists,
                reverse_dns=[],
                rates={k: p.get(row.domain, rates.Figures()).as_dict() for k, p in periods.items()},
                penalties=penalties,
            )
        )
        alerts.watch_domain(session, row, found.checks, found.blocklists)
        progress(done, len(results) + 1)
    week = periods["7d"][None]
    penalties = health.workspace_penalties(
        domain_penalties,
        _listed(ip_lists),
        sum(1 for r in rdns if r["state"] in ("missing", "wrong")),
        week.bounce_rate,
        week.complaint_rate,
    )
    overall = HealthCheck(
        at=now,
        domain_id=None,
        score=health.score(penalties),
        authentication=[],
        blocklists=ip_lists,
        reverse_dns=rdns,
        rates={key: figures[None].as_dict() for key, figures in periods.items()},
        penalties=penalties,
    )
    session.add(overall)
    alerts.watch_ips(session, ip_lists)
    protection.check(session, workspace_id)
    progress(len(results) + 1, len(results) + 1)
    return {"domains": len(results), "score": overall.score}
