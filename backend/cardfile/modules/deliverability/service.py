"""Sending domains: add one (a key pair and the records to publish), verify its DNS, list
and remove them. Campaigns send only from a verified domain (`verified_domain`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.db.unique import save_unique
from cardfile.errors import NotFound
from cardfile.jobs.core import start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.deliverability import checks, records
from cardfile.modules.deliverability.models import SendingDomain

DOMAIN_SORTS = {"domain": SendingDomain.domain, "created_at": SendingDomain.created_at}


def view(row: SendingDomain) -> dict[str, Any]:
    return {
        "id": row.id,
        "domain": row.domain,
        "verified": row.verified,
        "verified_at": row.verified_at,
        "checked_at": row.checked_at,
        "checks": row.checks,
        "records": records.records(row.domain, row.dkim_selector, row.dkim_public_key),
        "created_at": row.created_at,
    }


def get_domain(session: Session, domain_id: int) -> SendingDomain:
    found = session.get(SendingDomain, domain_id)
    if found is None:
        raise NotFound("Sending domain")
    return found


def list_domains(session: Session, args: dict[str, Any]) -> Page:
    page = paginate(session, select(SendingDomain), args, DOMAIN_SORTS, "domain", SendingDomain.id)
    page.items = [view(row) for row in page.items]
    return page


def add_domain(session: Session, principal: Principal, domain: str) -> dict[str, Any]:
    pair = records.new_key_pair()
    row = SendingDomain(
        domain=domain,
        dkim_selector=records.new_selector(),
        dkim_public_key=pair.public_b64,
        dkim_private_key=pair.private_pem_encrypted,
        created_by=principal.user_id,
    )
    save_unique(session, row, "domain", "This domain is already a sending domain here.")
    return view(row)


def verify_domain(session: Session, domain_id: int) -> dict[str, Any]:
    row = get_domain(session, domain_id)
    verified, found = checks.verify(row.domain, row.dkim_selector, row.dkim_public_key)
    if row.verified and any(c["state"] == "unknown" for c in found):
        verified = True  # no DNS answer is no reason to stop its campaigns
    now = utcnow()
    row.checks, row.checked_at, row.updated_at = found, now, now
    if verified and not row.verified:
        row.verified_at = now
    row.verified = verified
    session.flush()
    return {"verified": verified, "checks": found, "domain": view(row)}


def delete_domain(session: Session, domain_id: int) -> None:
    session.delete(get_domain(session, domain_id))


def start_check(session: Session, principal: Principal) -> JobRecord:
    """The monitoring run, now, as a tracked job."""
    from cardfile.modules.deliverability.jobs import monitor_workspace

    return start_job(
        session,
        monitor_workspace,
        kind="deliverability_check",
        label="Deliverability check",
        created_by=principal.user_id,
    )


def verified_domain(session: Session, email: str) -> SendingDomain | None:
    """The verified sending domain of a From address, if there is one."""
    domain = email.rpartition("@")[2].lower()
    return session.scalar(
        select(SendingDomain).where(
            func.lower(SendingDomain.domain) == domain, SendingDomain.verified.is_(True)
        )
    )
