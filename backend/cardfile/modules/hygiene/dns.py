"""Can a domain receive mail? MX, else A/AAAA (RFC 5321 §5.1), asked of DNS_SERVERS, each
domain once per run, many at a time.

An answer is "ok" (it can), "none" (NXDOMAIN, no MX and no address, or a null MX) or
"unknown" (no resolver answered in time). "unknown" never rejects an address: it is
"unverified". Once several domains in a row get no answer at all, the resolvers are taken
as down for the rest of the run, so a dead network costs seconds, not one timeout per domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import Literal

import dns.exception
import dns.nameserver
import dns.resolver

from cardfile import config

Reach = Literal["ok", "none", "unknown"]
TIMEOUT = 2.0  # seconds per resolver try
LIFETIME = 3.0  # seconds per question, retries included
PARALLEL = 32
DOWN_AFTER = 12  # consecutive unanswered domains before the resolvers count as down


def _nameserver(spec: str) -> dns.nameserver.Do53Nameserver:
    host, _, port = spec.rpartition(":") if spec.count(":") == 1 else (spec, "", "")
    return dns.nameserver.Do53Nameserver(host or spec, int(port) if port else 53)


def make_resolver(servers: Iterable[str] | None = None) -> dns.resolver.Resolver:
    """DNS_SERVERS (host or host:port), or the system's resolvers when none are set."""
    servers = list(servers if servers is not None else config.current().dns_servers)
    resolver = dns.resolver.Resolver(configure=not servers)
    if servers:
        resolver.nameservers = [_nameserver(s) for s in servers]
    resolver.timeout, resolver.lifetime = TIMEOUT, LIFETIME
    resolver.cache = None  # DomainChecker keeps its own, per run
    return resolver


class DomainChecker:
    """One per import or hygiene run: a domain is asked about once."""

    def __init__(self, resolver: dns.resolver.Resolver | None = None) -> None:
        self.resolver = resolver or make_resolver()
        self.cache: dict[str, Reach] = {}
        self._silent_in_a_row = 0
        self._lock = Lock()

    @property
    def resolvers_down(self) -> bool:
        return self._silent_in_a_row >= DOWN_AFTER

    def check(self, domains: Iterable[str]) -> dict[str, Reach]:
        """Each domain's reach (ASCII, lower-case domains), asking only for unknown ones."""
        wanted = {d for d in domains if d not in self.cache}
        if wanted:
            with ThreadPoolExecutor(min(PARALLEL, len(wanted))) as pool:
                for domain, reach in zip(wanted, pool.map(self._reach, wanted), strict=True):
                    self.cache[domain] = reach
        return self.cache

    def _reach(self, domain: str) -> Reach:
        if self.resolvers_down:
            return "unknown"
        try:
            reach = _ask(self.resolver, domain)
        except dns.exception.Timeout:  # no resolver answered at all
            with self._lock:
                self._silent_in_a_row += 1
            return "unknown"
        with self._lock:
            self._silent_in_a_row = 0  # an answer, even SERVFAIL from a lame domain
        return reach


def _ask(resolver: dns.resolver.Resolver, domain: str) -> Reach:
    try:
        answer = resolver.resolve(domain, "MX", search=False)
        null_mx = all(str(r.exchange) == "." for r in answer)  # RFC 7505: no mail here
        return "none" if null_mx else "ok"
    except dns.resolver.NXDOMAIN:
        return "none"
    except dns.resolver.NoAnswer:
        pass  # no MX: the domain's own address receives mail
    except dns.exception.Timeout:
        raise  # the caller counts silent resolvers
    except dns.exception.DNSException:  # SERVFAIL from every resolver: this domain only
        return "unknown"
    for rdtype in ("A", "AAAA"):
        try:
            resolver.resolve(domain, rdtype, search=False)
            return "ok"
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            continue
        except dns.exception.Timeout:
            raise
        except dns.exception.DNSException:
            return "unknown"
    return "none"
