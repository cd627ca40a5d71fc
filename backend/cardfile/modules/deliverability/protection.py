"""Automatic protection. When a workspace's bounce rate over its last 1,000 messages sent
passes its agency's limit (5% unless set) or its complaint rate passes 0.1%, all its
sending stops: running and scheduled campaigns pause, a pausing alert is raised (in the app
and mailed to its admins and agency), and nothing is sent until an admin resumes with a
reason. The count starts again after each resume.

Checked after every bounce or complaint applied, and by the hourly monitoring run. At
least MIN_SAMPLE messages must have been sent before a rate means anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.db.base import utcnow
from cardfile.errors import Conflict, Invalid
from cardfile.modules.campaigns.models import Campaign
from cardfile.modules.deliverability import alerts, rates
from cardfile.modules.deliverability.models import Alert
from cardfile.tenancy.models import Agency, Workspace

MIN_SAMPLE = 20
LOOKBACK = timedelta(days=7)  # older mail says little about today's reputation
LAG = timedelta(minutes=2)  # how long most bounces take to come back
RUNNING = ("sending", "testing", "scheduled")


@dataclass(frozen=True)
class Limits:
    bounce: float  # percent
    complaint: float


def limits(session: Session, workspace_id: int) -> Limits:
    row = session.execute(
        select(Agency.bounce_limit, Agency.complaint_limit)
        .join(Workspace, Workspace.agency_id == Agency.id)
        .where(Workspace.id == workspace_id)
    ).first()
    return Limits(row.bounce_limit, row.complaint_limit) if row else Limits(5.0, 0.1)


def pausing_alert(session: Session) -> Alert | None:
    """The open alert that holds sending, if any."""
    return session.scalar(select(Alert).where(Alert.pauses.is_(True), Alert.resolved_at.is_(None)))


def _pause_state(session: Session) -> tuple[bool, datetime]:
    """(paused now, when counting starts: the last resume, or LOOKBACK ago)."""
    paused, resumed = session.execute(
        select(func.count().filter(Alert.resolved_at.is_(None)), func.max(Alert.resolved_at)).where(
            Alert.pauses.is_(True)
        )
    ).one()
    floor = utcnow() - LOOKBACK
    return bool(paused), max(resumed, floor) if resumed else floor


def counting_since(session: Session) -> datetime:
    return _pause_state(session)[1]


def check(session: Session, workspace_id: int) -> Alert | None:
    """Pause the workspace's sending when a rate is over its limit; the pausing alert."""
    paused, since = _pause_state(session)
    if paused:
        return None
    # The last 1,000 sent until now, and until LAG ago: in a fast send the newest messages'
    # bounces have not come back yet, and would hide the rate.
    limit = limits(session, workspace_id)
    for figures in (rates.recent(session, since), rates.recent(session, since, utcnow() - LAG)):
        if figures.sent < MIN_SAMPLE:
            continue
        if figures.bounce_rate > limit.bounce:
            kind, rate, allowed, what = "bounce_rate", figures.bounce_rate, limit.bounce, "bounced"
            break
        if figures.complaint_rate > limit.complaint:
            kind, rate, allowed = "complaint_rate", figures.complaint_rate, limit.complaint
            what = "were reported as spam"
            break
    else:
        return None
    message = (
        f"Sending is paused: {rate:g}% of the last {figures.sent:,} messages {what} "
        f"(the limit is {allowed:g}%). Clean the lists that caused it, then resume on the "
        "Deliverability page."
    )
    return pause(session, kind, message, {"figures": figures.as_dict(), "limit": allowed})


def pause(session: Session, kind: str, message: str, data: dict[str, Any]) -> Alert | None:
    """Raise the pausing alert (at most one is open: a unique index) and pause what runs."""
    inserted = session.execute(
        text(
            "INSERT INTO deliverability_alerts "
            "(created_at, kind, subject, message, data, pauses) "
            "VALUES (now(), :kind, 'workspace', :message, CAST(:data AS jsonb), true) "
            "ON CONFLICT (pauses) WHERE pauses AND resolved_at IS NULL DO NOTHING "
            "RETURNING id"
        ),
        {"kind": kind, "message": message[:1000], "data": json.dumps(data)},
    ).scalar()
    if inserted is None:
        return None  # paused meanwhile by someone else
    paused = list(
        session.scalars(
            update(Campaign)
            .where(Campaign.status.in_(RUNNING), Campaign.deleted_at.is_(None))
            .values(status="paused", status_note=message[:500], updated_at=utcnow())
            .returning(Campaign.id)
        )
    )
    alert = session.get(Alert, inserted)
    alert.data = {**data, "campaign_ids": paused}
    session.flush()
    alerts.notify(session, alert)
    return alert


# A campaign that (re)started while the pause was being raised pauses too, and joins the
# campaigns the resume will restart. Run by senders on their direct connection.
HOLD = """
WITH held AS (
  SELECT id, message FROM deliverability_alerts WHERE pauses AND resolved_at IS NULL),
paused AS (
  UPDATE campaigns SET status = 'paused', updated_at = now(),
    status_note = left((SELECT message FROM held), 500)
  WHERE id = %(id)s AND status = 'sending' AND EXISTS (SELECT 1 FROM held) RETURNING id)
UPDATE deliverability_alerts
SET data = jsonb_set(data, '{campaign_ids}',
                     coalesce(data->'campaign_ids', '[]'::jsonb) || to_jsonb(%(id)s::bigint))
WHERE id = (SELECT id FROM held) AND EXISTS (SELECT 1 FROM paused)
"""


def hold_if_paused(direct: Any, campaign_id: int) -> None:
    direct.execute(HOLD, {"id": campaign_id})


def ensure_sending_allowed(session: Session) -> None:
    """409 while protection holds the workspace's sending."""
    alert = pausing_alert(session)
    if alert is not None:
        raise Conflict(alert.message)


def resume(session: Session, principal: Principal, reason: str) -> dict[str, Any]:
    """Lift the pause (the reason is kept with the alert) and resume the campaigns it paused."""
    from cardfile.modules.campaigns import service as campaigns

    alert = pausing_alert(session)
    if alert is None:
        raise Conflict("Sending is not paused.")
    alert.resolved_at, alert.resolved_by, alert.resolution = utcnow(), principal.user_id, reason
    session.flush()
    resumed, left = [], []
    for campaign_id in alert.data.get("campaign_ids", []):
        campaign = session.get(Campaign, campaign_id)
        if campaign is None or campaign.status != "paused" or campaign.deleted_at is not None:
            continue
        try:
            with session.begin_nested():  # one that cannot go on stays paused, alone
                campaigns.resume(session, campaign_id)
            resumed.append(campaign_id)
        except (Conflict, Invalid):
            left.append(campaign_id)
    return {"resumed_campaigns": resumed, "left_paused": left, "alert_id": alert.id}
