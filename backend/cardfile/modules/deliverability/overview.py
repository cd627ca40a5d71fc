"""What the deliverability pages show: a workspace's health, rates, alerts and history; its
bounces and complaints (only contacts the caller may see); an agency's client workspaces
sorted by risk, and the agency's protection limits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.access.roles import AGENCY_ADMIN_ROLES
from cardfile.db.base import utcnow
from cardfile.db.pagination import Page, paginate
from cardfile.db.scope import workspace_session
from cardfile.modules.campaigns.models import Campaign
from cardfile.modules.contacts.models import Contact
from cardfile.modules.deliverability import protection, rates
from cardfile.modules.deliverability.models import Alert, Bounce, HealthCheck, SendingDomain
from cardfile.tenancy import staff
from cardfile.tenancy.models import Agency
from cardfile.tenancy.service import all_workspaces

HISTORY_DAYS = 30
RECENT_ALERTS = 20


def _alert(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "created_at": alert.created_at,
        "kind": alert.kind,
        "subject": alert.subject,
        "message": alert.message,
        "pauses": alert.pauses,
        "resolved_at": alert.resolved_at,
        "resolved_by": alert.resolved_by,
        "resolution": alert.resolution,
    }


def _latest_checks(session: Session) -> dict[int | None, HealthCheck]:
    latest = (
        select(HealthCheck.domain_id, func.max(HealthCheck.id).label("id"))
        .group_by(HealthCheck.domain_id)
        .subquery()
    )
    rows = session.scalars(select(HealthCheck).join(latest, latest.c.id == HealthCheck.id))
    return {row.domain_id: row for row in rows}


def workspace_overview(session: Session, workspace_id: int) -> dict[str, Any]:
    now = utcnow()
    latest = _latest_checks(session)
    overall = latest.get(None)
    periods = rates.by_period(session, now)
    domains = []
    for row in session.scalars(select(SendingDomain).order_by(SendingDomain.domain)):
        check = latest.get(row.id)
        domains.append(
            {
                "id": row.id,
                "domain": row.domain,
                "verified": row.verified,
                "checked_at": row.checked_at,
                "checks": row.checks,
                "score": check.score if check else None,
                "penalties": check.penalties if check else {},
                "blocklists": check.blocklists if check else [],
                "rates": {
                    key: found.get(row.domain, rates.Figures()).as_dict()
                    for key, found in periods.items()
                },
            }
        )
    ips: dict[str, dict[str, Any]] = {}
    if overall is not None:
        for entry in overall.reverse_dns:
            ips[entry["ip"]] = {**entry, "blocklists": []}
        for listing in overall.blocklists:
            ips.setdefault(listing["target"], {"ip": listing["target"], "blocklists": []})
            ips[listing["target"]]["blocklists"].append(listing)
    history = session.execute(
        select(HealthCheck.at, HealthCheck.domain_id, HealthCheck.score)
        .where(HealthCheck.at >= now - timedelta(days=HISTORY_DAYS))
        .order_by(HealthCheck.at, HealthCheck.id)
    ).all()
    names = {d["id"]: d["domain"] for d in domains}
    alerts = session.scalars(
        select(Alert)
        .order_by(Alert.resolved_at.is_(None).desc(), Alert.created_at.desc())
        .limit(RECENT_ALERTS)
    ).all()
    limits = protection.limits(session, workspace_id)
    pausing = protection.pausing_alert(session)
    return {
        "health": {
            "score": overall.score if overall else None,
            "penalties": overall.penalties if overall else {},
            "checked_at": overall.at if overall else None,
            "domains": domains,
            "sending_ips": list(ips.values()),
        },
        "rates": {
            "last_1000": rates.recent(session, protection.counting_since(session)).as_dict(),
            **{key: found[None].as_dict() for key, found in periods.items()},
        },
        "limits": {
            "bounce": limits.bounce,
            "complaint": limits.complaint,
            "min_sample": protection.MIN_SAMPLE,
        },
        "paused": pausing is not None,
        "pause": _alert(pausing) if pausing else None,
        "alerts": [_alert(a) for a in alerts],
        "history": [
            {"at": at, "domain_id": domain_id, "domain": names.get(domain_id), "score": score}
            for at, domain_id, score in history
        ],
    }


BOUNCE_SORTS = {"at": Bounce.at, "email": Bounce.email, "kind": Bounce.kind}


def list_bounces(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    """Bounces and complaints, newest first, of contacts the caller may see."""
    stmt = (
        select(Bounce)
        .join(Contact, Contact.id == Bounce.contact_id)
        .where(visible_contacts(principal, Contact))
    )
    if args.get("kind"):
        stmt = stmt.where(Bounce.kind == args["kind"])
    if args.get("campaign_id"):
        stmt = stmt.where(Bounce.campaign_id == args["campaign_id"])
    if args.get("domain"):
        stmt = stmt.where(Bounce.domain == args["domain"].lower())
    if args.get("q"):
        term = f"%{args['q'].strip().lower()}%"
        stmt = stmt.where(or_(Bounce.email.ilike(term), Bounce.detail.ilike(term)))
    page = paginate(session, stmt, args, BOUNCE_SORTS, "-at", Bounce.id)
    ids = {b.campaign_id for b in page.items}
    found = session.execute(select(Campaign.id, Campaign.name).where(Campaign.id.in_(ids)))
    names = {row.id: row.name for row in found}
    page.items = [
        {
            "id": b.id,
            "at": b.at,
            "kind": b.kind,
            "email": b.email,
            "contact_id": b.contact_id,
            "campaign_id": b.campaign_id,
            "campaign": names.get(b.campaign_id, ""),
            "domain": b.domain,
            "status": b.status,
            "detail": b.detail,
            "source": b.source,
        }
        for b in page.items
    ]
    return page


# ---- agency ---------------------------------------------------------------------------------


def _risk(entry: dict[str, Any]) -> tuple[Any, ...]:
    """Paused first, then open alerts, then the lowest score (unchecked ones last)."""
    score = entry["score"]
    return (not entry["paused"], -entry["open_alerts"], score is None, score or 0, entry["name"])


def agency_overview(session: Session, user_id: int, agency_id: int) -> dict[str, Any]:
    """The agency's client workspaces the caller can open, riskiest first. Each figure is
    read in that workspace's own schema."""
    role = staff.my_role(session, user_id, agency_id)
    agency = session.get(Agency, agency_id)
    assert agency is not None
    week = utcnow() - rates.PERIODS["7d"]
    entries = []
    for workspace in all_workspaces(session, user_id):
        if workspace.agency_id != agency_id:
            continue
        with workspace_session(workspace.id) as scoped:
            overall = _latest_checks(scoped).get(None)
            figures = rates.by_domain(scoped, week)[None]
            open_alerts = scoped.scalar(select(func.count()).where(Alert.resolved_at.is_(None)))
            pausing = protection.pausing_alert(scoped)
            domains = scoped.scalar(select(func.count()).select_from(SendingDomain))
            entries.append(
                {
                    "workspace_id": workspace.id,
                    "name": workspace.name,
                    "score": overall.score if overall else None,
                    "checked_at": overall.at if overall else None,
                    "paused": pausing is not None,
                    "pause_reason": pausing.message if pausing else None,
                    "open_alerts": int(open_alerts or 0),
                    "domains": int(domains or 0),
                    "rates_7d": figures.as_dict(),
                }
            )
    entries.sort(key=_risk)
    return {
        "agency_id": agency.id,
        "limits": {"bounce": agency.bounce_limit, "complaint": agency.complaint_limit},
        "can_manage": role in AGENCY_ADMIN_ROLES,
        "workspaces": entries,
    }


def set_limits(
    session: Session, user_id: int, agency_id: int, data: dict[str, float]
) -> dict[str, Any]:
    """Owners and admins set the agency's protection limits (percent)."""
    staff.require_manager(session, user_id, agency_id, "set its sending limits")
    agency = session.get(Agency, agency_id)
    assert agency is not None
    if "bounce" in data:
        agency.bounce_limit = data["bounce"]
    if "complaint" in data:
        agency.complaint_limit = data["complaint"]
    session.flush()
    return agency_overview(session, user_id, agency_id)
