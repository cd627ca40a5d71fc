"""Deliverability alerts: raised once while the problem lasts (an open alert of the same kind
and subject is not raised again), shown in the app, and mailed to the workspace's admins
and its agency's owners and admins. A block-list or DNS alert resolves itself once the
problem is gone; a pausing alert only by an admin (protection.resume)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.roles import AGENCY_ADMIN_ROLES
from cardfile.auth.models import User
from cardfile.db.base import utcnow
from cardfile.jobs.core import enqueue_task
from cardfile.modules.deliverability.models import Alert, SendingDomain
from cardfile.tenancy.models import AgencyMember, Workspace, WorkspaceMember

AUTH_PURPOSES = ("spf", "dkim", "dmarc")


def open_alert(session: Session, kind: str, subject: str) -> Alert | None:
    return session.scalar(
        select(Alert).where(
            Alert.kind == kind, Alert.subject == subject, Alert.resolved_at.is_(None)
        )
    )


def raise_alert(
    session: Session, kind: str, subject: str, message: str, data: dict[str, Any]
) -> Alert | None:
    """A new alert (and its mail), unless the same one is already open."""
    if open_alert(session, kind, subject) is not None:
        return None
    alert = Alert(kind=kind, subject=subject, message=message[:1000], data=data, pauses=False)
    session.add(alert)
    session.flush()
    notify(session, alert)
    return alert


def settle(session: Session, kind: str, subject: str, resolution: str) -> None:
    """The problem is gone: its open alert is resolved."""
    alert = open_alert(session, kind, subject)
    if alert is not None and not alert.pauses:
        alert.resolved_at, alert.resolution = utcnow(), resolution


def watch_domain(
    session: Session,
    row: SendingDomain,
    checks: Sequence[dict[str, Any]],
    listings: Sequence[dict[str, Any]],
) -> None:
    """Alerts for a listed domain, and for a verified domain whose records broke."""
    _watch_listings(session, row.domain, listings)
    broken = [
        c for c in checks if c["purpose"] in AUTH_PURPOSES and c["state"] in ("missing", "wrong")
    ]
    if row.verified and broken:
        raise_alert(
            session,
            "authentication",
            row.domain,
            f"The DNS records of {row.domain} changed: "
            + " ".join(c["explanation"] for c in broken),
            {"checks": broken},
        )
    elif all(c["state"] in ("ok", "warning") for c in checks if c["purpose"] in AUTH_PURPOSES):
        # Only once every record answered right: a DNS timeout settles nothing.
        settle(session, "authentication", row.domain, "The records are right again.")


def watch_ips(session: Session, listings: Sequence[dict[str, Any]]) -> None:
    for ip in sorted({r["target"] for r in listings}):
        _watch_listings(session, ip, [r for r in listings if r["target"] == ip])


def _watch_listings(session: Session, target: str, listings: Sequence[dict[str, Any]]) -> None:
    listed = [r for r in listings if r["listed"]]
    if listed:
        zones = ", ".join(r["zone"] for r in listed)
        raise_alert(
            session,
            "blocklisted",
            target,
            f"{target} is on a block list ({zones}): receivers may reject or junk its mail.",
            {"listings": listed},
        )
    elif all(r["listed"] is False for r in listings):
        settle(session, "blocklisted", target, "No longer listed.")


# ---- mail -------------------------------------------------------------------------------


def recipients(session: Session, workspace_id: int) -> list[str]:
    """The workspace's admins and its agency's owners and admins (accepted members)."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        return []
    admins = (
        select(User.email)
        .join(WorkspaceMember, WorkspaceMember.user_id == User.id)
        .where(
            WorkspaceMember.workspace_id == workspace_id,
            WorkspaceMember.role == "admin",
            WorkspaceMember.accepted_at.is_not(None),
        )
    )
    agency = (
        select(User.email)
        .join(AgencyMember, AgencyMember.user_id == User.id)
        .where(
            AgencyMember.agency_id == workspace.agency_id,
            AgencyMember.role.in_(AGENCY_ADMIN_ROLES),
            AgencyMember.accepted_at.is_not(None),
        )
    )
    return sorted(set(session.scalars(admins.union(agency))))


def notify(session: Session, alert: Alert) -> None:
    """Mailed by a job once the alert is committed."""
    from cardfile.modules.deliverability.jobs import mail_alert

    enqueue_task(session, mail_alert, queue="mail", alert_id=alert.id)
