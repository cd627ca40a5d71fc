"""What a bounce or complaint does, once read (reports.py) and matched to the message: by
the address it came back to (the message's VERP return path, verp.py) or else by the exact
Message-ID it quotes (which names the workspace: `cf.<ws>.<campaign>.<message>.<random>@…`):

- hard bounce: the message is bounced; the address becomes invalid and is suppressed; the
  person's lists become "bounced";
- soft bounce: the message is bounced; a third soft bounce within 7 days suppresses the
  address (and the lists become "bounced");
- complaint: the person leaves every list ("complained") and the address is suppressed.

Each is a message event (campaign reports), a row of `bounces` (the rates and the bounces
list) and a timeline row, and automatic protection looks at the workspace's rates again.
The same report read twice changes nothing more.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.db.base import utcnow
from cardfile.db.scope import public_session, workspace_session
from cardfile.modules.campaigns.models import Campaign, CampaignMessage, MessageEvent
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.deliverability import protection, verp
from cardfile.modules.deliverability.models import Bounce
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


def process(raw: bytes, recipients: Sequence[str] = (), source: str = "smtp") -> list[Outcome]:
    """Read a returned message and apply each report it carries in its workspace;
    `recipients`: the envelope's, where a VERP return path names the message."""
    returned_to = next((found for r in recipients if (found := verp.parse(r))), None)
    return process_reports(read(raw), returned_to, source)


def process_reports(
    reports: list[Report], returned_to: tuple[int, int] | None = None, source: str = "smtp"
) -> list[Outcome]:
    """Apply each report in the workspace its return path or its Message-ID names."""
    outcomes = []
    for report in reports:
        ours = OURS.match(report.message_id or "")
        if returned_to is not None:
            (workspace_id, row_id), quoted = returned_to, None
        elif ours is not None:
            workspace_id, row_id, quoted = int(ours.group(1)), int(ours.group(2)), report.message_id
        else:
            outcomes.append(Outcome(None, None, report.kind, "unknown"))
            continue
        if not _live(workspace_id):  # a deleted workspace, or a made-up id
            outcomes.append(Outcome(workspace_id, None, report.kind, "unknown"))
            continue
        # Any other failure (the database away) propagates: the listener answers 451 and
        # the sending server tries again later.
        with workspace_session(workspace_id) as session:
            outcome = apply(session, workspace_id, report, row_id, quoted, source)
            if outcome.result == "applied":
                session.flush()
                protection.check(session, workspace_id)
            outcomes.append(outcome)
    return outcomes


_LIVE_FOR = 60.0  # seconds a workspace found live is not asked about again
_live_until: dict[int, float] = {}


def _live(workspace_id: int) -> bool:
    """A live workspace (not deleted, not made up); a yes is remembered for a minute."""
    if _live_until.get(workspace_id, 0.0) > time.monotonic():
        return True
    with public_session() as session:
        found = session.scalar(
            select(Workspace.id).where(Workspace.id == workspace_id, Workspace.deleted_at.is_(None))
        )
    if found is not None:
        _live_until[workspace_id] = time.monotonic() + _LIVE_FOR
    return found is not None


def apply(
    session: Session,
    workspace_id: int,
    report: Report,
    row_id: int,
    quoted: str | None = None,
    source: str = "smtp",
) -> Outcome:
    """The report about message row `row_id` (named by its return path; or by the quoted
    Message-ID `quoted`, which must then be exactly the message's)."""
    which = [CampaignMessage.id == row_id]
    if quoted is not None:
        which.append(CampaignMessage.message_id == quoted)
    row = session.execute(
        select(CampaignMessage, Campaign.name, Campaign.from_email)
        .join(Campaign, Campaign.id == CampaignMessage.campaign_id)
        .where(*which)
    ).first()
    if row is None:
        return Outcome(workspace_id, None, report.kind, "unknown")
    message, campaign_name, from_email = row
    # Claimed by one conditional update: the same report arriving twice at once (the
    # listener and a webhook) is applied once.
    complaint = report.kind == "complaint"
    seen = CampaignMessage.complained_at if complaint else CampaignMessage.bounced_at
    claimed = session.execute(
        update(CampaignMessage)
        .where(CampaignMessage.id == message.id, seen.is_(None))
        .values({seen.key: utcnow()})
        .returning(CampaignMessage.id)
        .execution_options(synchronize_session=False)
    ).first()
    if claimed is None:
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
    session.add(
        Bounce(
            at=now,
            kind=report.kind,
            email=message.email,
            contact_id=message.contact_id,
            campaign_id=message.campaign_id,
            message_id=message.id,
            domain=from_email.rpartition("@")[2].lower(),
            sent_at=message.sent_at or now,
            status=report.status,
            detail=(report.detail or report.kind)[:500],
            source=source,
        )
    )
    if report.kind == "complaint":
        activity.record(session, message.contact_id, "email_complained", data, SYSTEM)
        _leave_lists(session, message.contact_id, "complained")
        _stop_mailing(session, message, "complained", "Marked a message as spam")
    else:
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
                Bounce.contact_id == contact_id,
                Bounce.kind == "soft",
                Bounce.at >= utcnow() - SOFT_WINDOW,
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
