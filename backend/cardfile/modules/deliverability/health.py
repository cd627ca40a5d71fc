"""The health score, 0–100: 100 less penalties, never below 0 (docs/modules.md,
Deliverability).

Domain:
- authentication: SPF not ok 20, DKIM not ok 25, DMARC missing or wrong 15 (p=none or
  another warning 5), return path not ok 5 — a check nobody answered costs nothing;
- block lists: 30 for each zone listing the domain, at most 60;
- bounces: 5 per percent of the messages sent in the last 7 days, at most 25;
- complaints: 250 per percent (0.1% costs 25), at most 25.

Workspace: the mean authentication and block-list penalties of its domains (a workspace
without a verified domain cannot send and scores on its domains' state alone), 30 for each
listing of a sending IP (at most 60), 10 when a sending IP has no forward-confirmed reverse
DNS, and the bounce and complaint penalties of its own 7-day rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

AUTH_PENALTY = {
    ("spf", "missing"): 20,
    ("spf", "wrong"): 20,
    ("dkim", "missing"): 25,
    ("dkim", "wrong"): 25,
    ("dmarc", "missing"): 15,
    ("dmarc", "wrong"): 15,
    ("dmarc", "warning"): 5,
    ("return_path", "missing"): 5,
    ("return_path", "wrong"): 5,
}
LISTING, LISTING_CAP = 30, 60
BOUNCE_PER_PERCENT, COMPLAINT_PER_PERCENT, RATE_CAP = 5, 250, 25
NO_REVERSE_DNS = 10


def authentication_penalty(checks: Iterable[Mapping[str, Any]]) -> int:
    return sum(AUTH_PENALTY.get((c["purpose"], c["state"]), 0) for c in checks)


def listing_penalty(listings: int) -> int:
    return min(LISTING_CAP, LISTING * listings)


def rate_penalties(bounce_rate: float, complaint_rate: float) -> dict[str, int]:
    return {
        "bounces": min(RATE_CAP, round(BOUNCE_PER_PERCENT * bounce_rate)),
        "complaints": min(RATE_CAP, round(COMPLAINT_PER_PERCENT * complaint_rate)),
    }


def score(penalties: Mapping[str, int]) -> int:
    return max(0, 100 - sum(penalties.values()))


def domain_penalties(
    checks: Sequence[Mapping[str, Any]], listings: int, bounce_rate: float, complaint_rate: float
) -> dict[str, int]:
    return {
        "authentication": authentication_penalty(checks),
        "blocklists": listing_penalty(listings),
        **rate_penalties(bounce_rate, complaint_rate),
    }


def workspace_penalties(
    domains: Sequence[Mapping[str, int]],
    ip_listings: int,
    ips_without_rdns: int,
    bounce_rate: float,
    complaint_rate: float,
) -> dict[str, int]:
    """`domains`: each domain's penalties (domain_penalties)."""

    def mean(key: str) -> int:
        return round(sum(d.get(key, 0) for d in domains) / len(domains)) if domains else 0

    return {
        "authentication": mean("authentication"),
        "blocklists": min(LISTING_CAP, mean("blocklists") + listing_penalty(ip_listings)),
        "reverse_dns": NO_REVERSE_DNS if ips_without_rdns else 0,
        **rate_penalties(bounce_rate, complaint_rate),
    }
