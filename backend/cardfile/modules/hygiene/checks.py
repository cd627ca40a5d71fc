"""What an address is worth, checked cheapest first: shape, fake, disposable, role and typo
(pure functions, cached per domain), then the suppression list and DNS (one query and one
DNS question per domain for a whole batch). Imports and hygiene runs both use `check_batch`.

Rejected (never imported, "invalid" or "suppressed" on a contact): invalid_syntax, fake,
disposable, no_mx, suppressed, forgotten. Flagged (imported, "risky"): role, typo.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from disposable_email_domains import blocklist as DISPOSABLE
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from cardfile.modules.gdpr.suppressions import suppression_reasons
from cardfile.modules.hygiene.dns import DomainChecker

REJECTED = ("invalid_syntax", "no_mx", "disposable", "suppressed", "forgotten", "fake")
FLAGGED = ("role", "typo")
REASON_TEXT = {
    "invalid_syntax": "Not a valid email address",
    "no_mx": "The domain cannot receive mail (no MX or A record)",
    "disposable": "A disposable (throw-away) address",
    "suppressed": "On the workspace's suppression list",
    "forgotten": "This person asked to be forgotten",
    "fake": "An obviously fake or reserved address",
    "role": "A role address, read by a team rather than a person",
    "typo": "Probably a typo",
    "unverified": "No DNS server answered; checked again next time",
}

# The common case, decided without email-validator (about 40 µs per address here): a
# dot-atom local part and a plain ASCII host name with a letters-only top-level domain.
# Anything else (IDN, quoted, odd) gets email-validator's full verdict.
_SIMPLE = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)
# RFC 2606 / 6761 names that never receive mail, and hosts used as placeholders.
RESERVED_TLDS = {"test", "example", "invalid", "localhost", "local", "lan", "internal", "onion"}
RESERVED_DOMAINS = {
    "example.com",
    "example.net",
    "example.org",
    "test.com",
    "test.pl",
    "domain.com",
    "email.test",
    "mailinator.test",
    "sample.com",
    "asdf.com",
    "qwerty.com",
}
FAKE_LOCALS = {
    "test",
    "testing",
    "tester",
    "asdf",
    "asdfasdf",
    "qwerty",
    "qwertz",
    "abc",
    "abcd",
    "xxx",
    "aaa",
    "fake",
    "none",
    "null",
    "nobody",
    "noemail",
    "no-email",
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "mailer-daemon",
}
FAKE_PREFIXES = ("asdf", "qwer", "zxcv", "noreply", "no-reply", "donotreply")
ROLE_LOCALS = {
    "info",
    "sales",
    "office",
    "admin",
    "administrator",
    "support",
    "contact",
    "hello",
    "help",
    "marketing",
    "billing",
    "accounts",
    "accounting",
    "finance",
    "hr",
    "jobs",
    "careers",
    "team",
    "webmaster",
    "postmaster",
    "hostmaster",
    "abuse",
    "security",
    "enquiries",
    "inquiries",
    "press",
    "media",
    "newsletter",
    "orders",
    "service",
    "customerservice",
    "reception",
    "biuro",
    "kontakt",
    "sekretariat",
    "recepcja",
    "sprzedaz",
    "ksiegowosc",
    "zamowienia",
    "pomoc",
}
# Big mailbox providers: a domain one slip away from one of these is probably a typo.
PROVIDERS = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "web.de",
    "yandex.ru",
    "mail.ru",
    "wp.pl",
    "o2.pl",
    "op.pl",
    "vp.pl",
    "onet.pl",
    "onet.eu",
    "interia.pl",
    "interia.eu",
    "poczta.fm",
    "tlen.pl",
    "gazeta.pl",
    "seznam.cz",
    "orange.fr",
    "free.fr",
    "libero.it",
)
# Real mailbox domains one slip away from a provider above: never "typos".
REAL_NEIGHBOURS = {
    "ymail.com",
    "mail.com",
    "email.com",
    "cloud.com",
    "mac.com",
    "aim.com",
    "gmx.net",
    "gmx.at",
    "gmx.ch",
    "hotmail.de",
    "hotmail.fr",
    "hotmail.it",
    "outlook.de",
    "outlook.fr",
    "live.de",
    "live.fr",
    "yahoo.de",
    "yahoo.fr",
    "web.com",
    "post.pl",
}
_PROVIDER_SET = set(PROVIDERS) | REAL_NEIGHBOURS


@dataclass(frozen=True)
class Verdict:
    email: str | None  # as stored: trimmed, domain lower-cased (None: not an address)
    rejected: str | None = None  # one of REJECTED
    flagged: str | None = None  # one of FLAGGED
    suggestion: str | None = None  # the address a typo probably meant
    unverified: bool = False  # no DNS answer: neither accepted nor rejected for its domain

    @property
    def status(self) -> str:
        """The contact's email status (contacts.models.EMAIL_STATUSES)."""
        if self.rejected in ("suppressed", "forgotten"):
            return "suppressed"
        if self.rejected:
            return "invalid"
        if self.flagged:
            return "risky"
        return "unverified" if self.unverified else "valid"

    @property
    def reason(self) -> str | None:
        """Why, for people: "Probably a typo: did you mean ann@gmail.com?"."""
        code = self.rejected or self.flagged or ("unverified" if self.unverified else None)
        if code is None:
            return None
        if code == "typo" and self.suggestion:
            return f"{REASON_TEXT['typo']}: did you mean {self.suggestion}?"
        return REASON_TEXT[code]


def normalize(raw: str) -> str | None:
    """The address as stored (trimmed, domain in lower case), or None if it is not one."""
    address = raw.strip()
    if len(address) > 254:
        return None
    simple = _SIMPLE.fullmatch(address)
    if simple is not None and len(simple["local"]) <= 64:
        return f"{simple['local']}@{simple['domain'].lower()}"
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@lru_cache(maxsize=65536)
def _domain_verdict(domain: str) -> tuple[str | None, str | None]:
    """(rejected, suggested domain) from the domain alone."""
    if domain in RESERVED_DOMAINS or domain.rpartition(".")[2] in RESERVED_TLDS:
        return "fake", None
    # Before the disposable list, which holds typo-squatting domains (gmial.com): the
    # person most likely meant the provider, and the contact is worth correcting.
    if suggestion := _typo_of(domain):
        return None, suggestion
    if domain in DISPOSABLE or domain.partition(".")[2] in DISPOSABLE:
        return "disposable", None
    return None, None


def _typo_of(domain: str) -> str | None:
    if domain in _PROVIDER_SET:
        return None
    for provider in PROVIDERS:
        if _one_slip(domain, provider):
            return provider
    return None


def _one_slip(typed: str, meant: str) -> bool:
    """One swapped pair of neighbours (gmial, wp.lp), or, for names long enough that a slip
    is not another real domain, one letter added, missing or changed (gmail.con)."""
    if len(typed) == len(meant):
        diffs = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i = diffs[0]
            return typed[i] == meant[i + 1] and typed[i + 1] == meant[i]
        return len(diffs) == 1 and len(meant) >= 8
    if abs(len(typed) - len(meant)) != 1 or len(meant) < 8:
        return False
    short, long_ = (typed, meant) if len(typed) < len(meant) else (meant, typed)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _is_fake_local(local: str) -> bool:
    return local in FAKE_LOCALS or local.startswith(FAKE_PREFIXES)


def static_verdict(raw: str) -> Verdict:
    """Everything decided without I/O."""
    address = raw.strip()
    local, at, domain = address.rpartition("@")
    if at and domain.lower().rpartition(".")[2] in RESERVED_TLDS and local:
        return Verdict(address, rejected="fake")  # "x@shop.test" is fake, not mistyped
    email = normalize(address)
    if email is None:
        return Verdict(None, rejected="invalid_syntax")
    local, _, domain = email.rpartition("@")
    local = local.lower()
    if _is_fake_local(local):
        return Verdict(email, rejected="fake")
    rejected, suggestion = _domain_verdict(domain)
    if rejected:
        return Verdict(email, rejected=rejected)
    if local in ROLE_LOCALS:
        return Verdict(email, flagged="role")
    if suggestion:
        return Verdict(email, flagged="typo", suggestion=f"{email.rpartition('@')[0]}@{suggestion}")
    return Verdict(email)


def ascii_domain(email: str) -> str:
    domain = email.rpartition("@")[2]
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def check_batch(session: Session, raws: Sequence[str], domains: DomainChecker) -> list[Verdict]:
    """Verdicts for a batch of addresses: static checks, then one suppression query, then
    DNS for the domains of the addresses still standing."""
    return finish_verdicts(session, [static_verdict(raw) for raw in raws], domains)


def finish_verdicts(
    session: Session, verdicts: Sequence[Verdict], domains: DomainChecker
) -> list[Verdict]:
    """Static verdicts completed with the suppression list and DNS."""
    standing = [v.email for v in verdicts if v.email and v.rejected is None]
    listed = suppression_reasons(session, standing)
    reach = domains.check({ascii_domain(e) for e in standing if e.lower() not in listed})
    out = []
    for verdict in verdicts:
        email = verdict.email
        if email is None or verdict.rejected:
            out.append(verdict)
        elif (reason := listed.get(email.lower())) is not None:
            code = "forgotten" if reason == "forgotten" else "suppressed"
            out.append(Verdict(email, rejected=code))
        else:
            answer = reach[ascii_domain(email)]
            if answer == "none":
                out.append(Verdict(email, rejected="no_mx"))
            elif answer == "unknown":
                out.append(
                    Verdict(email, verdict.rejected, verdict.flagged, verdict.suggestion, True)
                )
            else:
                out.append(verdict)
    return out
