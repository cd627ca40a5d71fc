"""What a bounce or complaint does, once read (reports.py) and matched to the message by its
exact Message-ID (which names the workspace: `cf.<ws>.<campaign>.<message>.<random>@…`):

- hard bounce: the message is bounced; the address becomes invalid and is suppressed; the
  person's lists become "bounced";
- soft bounce: the message is bounced; a third soft bounce within 7 days suppresses the
  address (and the lists become "bounced");
- complaint: the person leaves every list ("complained") and the address is suppressed.

Each is a message event (campaign reports) and a timeline row. The same report read twice
changes nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.db.base import utcnow
from cardfile.db.scope import public_session, workspace_session
from cardfile.modules.campaigns.models import Campaign, CampaignMessage, MessageEvent
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Activity, Contact
from cardfile.modules.deliverability.reports import Report, read
from cardfile.modules.gdpr.suppressions import suppress
from cardfile.modules.lists.models import Subscription
from cardfile.modules.lists.service import Proof, change
from cardfile.tenancy.models import Workspace

SYSTEM = Actor("system")
OURS = re.compile(r"^cf\.(\d{1,18})\.\d+\.(\d+)\.[0-9a-f]+@")
SOFT_LIMIT, SOFT_WINDOW = 3, timedelta(days=7)


@dataclass(frozen=True)
class Outcome:
    workspace_id: int | None
    message_id: int | None
    kind: str
    result: str  # applied, repeated, unknown (not one of our messages)


def process(raw: bytes) -> list[Outcome]:
    """Read a returned message and apply each report it carries in its workspace."""
    return process_reports(read(raw))


def process_reports(reports: list[Report]) -> list[Outcome]:
    """Apply each report in the workspace its Message-ID names."""
    outcomes = []
    for report in reports:
        ours = OURS.match(report.message_id or "")
        if ours is None:
            outcomes.append(Outcome(None, None, report.kind, "unknown"))
            continue
        workspace_id = int(ours.group(1))
        if not _live(workspace_id):  # a deleted workspace, or a made-up id
            outcomes.append(Outcome(workspace_id, None, report.kind, "unknown"))
            continue
        # Any other failure (the database away) propagates: the listener answers 451 and
        # the sending server tries again later.
        with workspace_session(workspace_id) as session:
            outcomes.append(apply(session, workspace_id, report))
    return outcomes


def _live(workspace_id: int) -> bool:
    with public_session() as session:
        found = session.scalar(
            select(Workspace.id).where(Workspace.id == workspace_id, Workspace.deleted_at.is_(None))
        )
    return found is not None


def apply(session: Session, workspace_id: int, report: Report) -> Outcome:
    row = session.execute(
        select(CampaignMessage, Campaign.name)
        .join(Campaign, Campaign.id == CampaignMessage.campaign_id)
        .where(CampaignMessage.message_id == report.message_id)
    ).first()
    if row is None:
        return Outcome(workspace_id, None, report.kind, "unknown")
    message, campaign_name = row
    seen = message.complained_at if report.kind == "complaint" else message.bounced_at
    if seen is not None:
        return Outcome(workspace_id, message.id, report.kind, "repeated")
    now = utcnow()
    data: dict[str, Any] = {
        "campaign_id": message.campaign_id,
        "campaign": campaign_name,
        "kind": report.kind,
        "status": report.status,
        "detail": report.detail,
    }
    session.add(
        MessageEvent(
            campaign_id=message.campaign_id,
            message_id=message.id,
            contact_id=message.contact_id,
            kind="complaint" if report.kind == "complaint" else "bounce",
            at=now,
        )
    )
    if report.kind == "complaint":
        message.complained_at = now
        activity.record(session, message.contact_id, "email_complained", data, SYSTEM)
        _leave_lists(session, message.contact_id, "complained")
        _stop_mailing(session, message, "complained", "Marked a message as spam")
    else:
        message.bounced_at = now
        activity.record(session, message.contact_id, "email_bounced", data, SYSTEM)
        if report.kind == "hard":
            _leave_lists(session, message.contact_id, "bounced")
            _stop_mailing(
                session,
                message,
                "bounced",
                f"Bounced: {report.status} {report.detail}",
                status="invalid",
            )
        elif _soft_bounces(session, message.contact_id) >= SOFT_LIMIT:
            _leave_lists(session, message.contact_id, "bounced")
            _stop_mailing(session, message, "bounced", f"{SOFT_LIMIT} soft bounces within 7 days")
    return Outcome(workspace_id, message.id, report.kind, "applied")


def _soft_bounces(session: Session, contact_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                Activity.contact_id == contact_id,
                Activity.kind == "email_bounced",
                Activity.data["kind"].astext == "soft",
                Activity.created_at >= utcnow() - SOFT_WINDOW,
            )
        )
        or 0
    )


def _leave_lists(session: Session, contact_id: int, status: str) -> None:
    on = list(
        session.scalars(
            select(Subscription.list_id).where(
                Subscription.contact_id == contact_id,
                Subscription.status.in_(("subscribed", "unconfirmed")),
            )
        )
    )
    change(session, SYSTEM, contact_id, on, status, Proof(source="Mailbox provider report"))


def _stop_mailing(
    session: Session,
    message: CampaignMessage,
    reason: str,
    why: str,
    status: str = "suppressed",
) -> None:
    """The address goes on the suppression list and the contact's email status says why."""
    contact = session.get(Contact, message.contact_id)
    if contact is None:
        return
    suppress(session, message.email, reason)
    contact.email_status, contact.email_status_reason = status, why[:200]
    contact.email_checked_at = utcnow()
