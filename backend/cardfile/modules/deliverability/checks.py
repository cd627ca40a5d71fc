"""A sending domain's DNS, checked record by record (asked of DNS_SERVERS), each check with
a state and a plain-language explanation of what is wrong and how to fix it.

States: ok, warning (works, but should be improved), missing, wrong, unknown (no resolver
answered). A domain is verified when SPF and DKIM are ok and DMARC is ok or a warning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import dns.exception
import dns.resolver

from cardfile import config
from cardfile.modules.deliverability.records import (
    DMARC_POLICY,
    dkim_value,
    return_path_host,
)
from cardfile.modules.hygiene.dns import make_resolver

SPF_LOOKUP_LIMIT = 10  # RFC 7208 §4.6.4
_LOOKUP_TERMS = ("include:", "a", "mx", "ptr", "exists:", "redirect=")


@dataclass(frozen=True)
class Check:
    purpose: str
    state: str
    explanation: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class Lookup:
    """Answers to one name and type: [] when there is none (NXDOMAIN, no record), None when
    no resolver answered."""

    def __init__(self, resolver: dns.resolver.Resolver | None = None) -> None:
        self.resolver = resolver or make_resolver()

    def _answers(self, name: str, rdtype: str) -> list[Any] | None:
        try:
            return list(self.resolver.resolve(name, rdtype))
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except (dns.exception.Timeout, dns.resolver.NoNameservers):
            return None

    def txt(self, name: str) -> list[str] | None:
        found = self._answers(name, "TXT")
        return (
            None if found is None else [b"".join(r.strings).decode(errors="replace") for r in found]
        )

    def _names(self, name: str, rdtype: str) -> list[str] | None:
        found = self._answers(name, rdtype)
        return None if found is None else [str(r.target).rstrip(".").lower() for r in found]

    def cname(self, name: str) -> list[str] | None:
        return self._names(name, "CNAME")

    def ptr(self, name: str) -> list[str] | None:
        return self._names(name, "PTR")

    def addresses(self, name: str, rdtype: str = "A") -> list[str] | None:
        found = self._answers(name, rdtype)
        return None if found is None else [r.address for r in found]


def _unknown(purpose: str, name: str) -> Check:
    return Check(
        purpose,
        "unknown",
        f"No DNS server answered for {name}; nothing is wrong yet. Check again in a minute.",
    )


def _spf_lookups(lookup: Lookup, record: str, depth: int = 0) -> int:
    """DNS lookups an SPF record costs a receiver, includes followed (RFC 7208 counts them)."""
    count = 0
    for term in record.split()[1:]:
        term = term.lstrip("+-~?").lower()
        if not term.startswith(_LOOKUP_TERMS) or term.startswith("all"):
            continue
        if term in ("a", "mx", "ptr") or term.startswith(("a:", "a/", "mx:", "mx/", "ptr:")):
            count += 1
            continue
        count += 1
        if term.startswith(("include:", "redirect=")) and depth < 5:
            target = term.split(":", 1)[1] if ":" in term else term.split("=", 1)[1]
            inner = [r for r in (lookup.txt(target) or []) if r.lower().startswith("v=spf1")]
            if len(inner) == 1:
                count += _spf_lookups(lookup, inner[0], depth + 1)
    return count


def check_spf(lookup: Lookup, domain: str) -> Check:
    found = lookup.txt(domain)
    if found is None:
        return _unknown("spf", domain)
    spf = [r for r in found if r.lower().startswith("v=spf1")]
    include = config.current().mail_spf_include
    if not spf:
        return Check(
            "spf", "missing", f"There is no SPF record at {domain}. Publish the TXT record shown."
        )
    if len(spf) > 1:
        return Check(
            "spf",
            "wrong",
            f"{domain} has {len(spf)} SPF records; receivers treat that as an error and may "
            f"reject the mail. Merge them into one record that includes {include}.",
        )
    if f"include:{include}" not in spf[0].lower().split():
        return Check(
            "spf",
            "wrong",
            f"The SPF record of {domain} does not include {include}, so receivers cannot tell "
            f"that our servers may send for it. Add include:{include} to the record.",
        )
    lookups = _spf_lookups(lookup, spf[0])
    if lookups > SPF_LOOKUP_LIMIT:
        return Check(
            "spf",
            "wrong",
            f"The SPF record of {domain} needs {lookups} DNS lookups; receivers stop at "
            f"{SPF_LOOKUP_LIMIT} and then fail it. Remove includes that are no longer used.",
        )
    return Check("spf", "ok", f"The SPF record of {domain} includes our sending servers.")


def check_dkim(lookup: Lookup, domain: str, selector: str, public_b64: str) -> Check:
    name = f"{selector}._domainkey.{domain}"
    found = lookup.txt(name)
    if found is None:
        return _unknown("dkim", name)
    keys = [r for r in found if "p=" in r]
    if not keys:
        return Check(
            "dkim", "missing", f"There is no DKIM key at {name}. Publish the TXT record shown."
        )
    published = {
        part.split("=", 1)[1].strip().replace(" ", "")
        for record in keys
        for part in record.split(";")
        if part.strip().startswith("p=")
    }
    if public_b64 not in published:
        return Check(
            "dkim",
            "wrong",
            f"The DKIM key at {name} is not the one our messages are signed with. Replace it "
            f"with the value shown, exactly, as one string: {dkim_value(public_b64)[:40]}…",
        )
    return Check("dkim", "ok", f"The DKIM key at {name} matches: our signatures will verify.")


def _tags(record: str) -> dict[str, str]:
    pairs = (part.split("=", 1) for part in record.split(";") if "=" in part)
    return {key.strip().lower(): value.strip().lower() for key, value in pairs}


def check_dmarc(lookup: Lookup, domain: str) -> Check:
    name = f"_dmarc.{domain}"
    found = lookup.txt(name)
    if found is None:
        return _unknown("dmarc", name)
    dmarc = [r for r in found if r.lower().replace(" ", "").startswith("v=dmarc1")]
    if not dmarc:
        return Check(
            "dmarc",
            "missing",
            f"There is no DMARC policy at {name}. Large mailbox providers require one for bulk "
            f"mail; publish the TXT record shown ({DMARC_POLICY}).",
        )
    if len(dmarc) > 1:
        return Check("dmarc", "wrong", f"{name} has {len(dmarc)} DMARC records; keep exactly one.")
    tags = _tags(dmarc[0])
    if tags.get("aspf") == "s":
        return Check(
            "dmarc",
            "warning",
            f"DMARC asks for strict SPF alignment (aspf=s), but bounces return through "
            f"{return_path_host(domain)}: SPF will not align, so DMARC rests on DKIM alone. "
            "Use aspf=r.",
        )
    if tags.get("p", "none") == "none":
        return Check(
            "dmarc",
            "warning",
            "DMARC is published with p=none: receivers report but do not act on failures. "
            "That is fine to start; move to p=quarantine once the reports look clean.",
        )
    return Check("dmarc", "ok", f"DMARC is published with p={tags.get('p')}.")


def check_return_path(lookup: Lookup, domain: str) -> Check:
    host, target = return_path_host(domain), config.current().bounce_domain
    found = lookup.cname(host)
    if found is None:
        return _unknown("return_path", host)
    if not found:
        return Check(
            "return_path",
            "missing",
            f"{host} has no CNAME: bounces cannot come back to us, and SPF cannot align with "
            f"{domain}. Publish the CNAME shown (to {target}).",
        )
    if target not in found:
        return Check(
            "return_path",
            "wrong",
            f"{host} points to {found[0]}, not {target}: bounces would go elsewhere.",
        )
    return Check("return_path", "ok", f"Bounces come back through {host}, aligned with {domain}.")


def verify(
    domain: str, selector: str, public_b64: str, lookup: Lookup | None = None
) -> tuple[bool, list[dict[str, Any]]]:
    """(verified, the checks) of a sending domain."""
    lookup = lookup or Lookup()
    checks = [
        check_spf(lookup, domain),
        check_dkim(lookup, domain, selector, public_b64),
        check_dmarc(lookup, domain),
        check_return_path(lookup, domain),
    ]
    state = {c.purpose: c.state for c in checks}
    verified = (
        state["spf"] == "ok" and state["dkim"] == "ok" and state["dmarc"] in ("ok", "warning")
    )
    return verified, [c.as_dict() for c in checks]
