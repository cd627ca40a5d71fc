"""Deliverability jobs: the monitoring run of a workspace (hourly on `monitor`, and on demand
as a tracked job) and the mail of an alert (on `mail`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, exists, select

from cardfile import config
from cardfile.db.base import utcnow
from cardfile.jobs.core import JobContext, job
from cardfile.mail.transport import build_message, send_message
from cardfile.modules.deliverability import alerts, monitor
from cardfile.modules.deliverability.models import Alert, HealthCheck, SendingDomain
from cardfile.tenancy.models import Workspace

HISTORY = timedelta(days=90)


@job(queue="monitor", timeout=15 * 60, idempotent=True)
def monitor_workspace(ctx: JobContext) -> dict[str, Any]:
    """Check the workspace's sending domains and IPs now (nothing to do without a domain)."""
    session = ctx.session
    if not session.scalar(select(exists().where(SendingDomain.id.is_not(None)))):
        return {"domains": 0}
    result = monitor.run(session, int(ctx.workspace_id or 0), ctx.progress)
    session.execute(delete(HealthCheck).where(HealthCheck.at < utcnow() - HISTORY))
    session.commit()
    return result


@job(queue="mail", timeout=120)
def mail_alert(ctx: JobContext, alert_id: int) -> dict[str, Any]:
    session = ctx.session
    alert = session.get(Alert, alert_id)
    workspace = session.get(Workspace, ctx.workspace_id)
    if alert is None or workspace is None:
        return {"sent": 0}
    settings = config.current()
    what = "Sending paused" if alert.pauses else "Deliverability alert"
    text = (
        f"{alert.message}\n\nWorkspace: {workspace.name}\n"
        f"Open the Deliverability page: {settings.base_url}/w/{workspace.id}/deliverability\n"
    )
    sent = 0
    for email in alerts.recipients(session, workspace.id):
        message = build_message(settings.mail_from, email, f"{what}: {workspace.name}", text)
        send_message(settings.smtp_url, message)
        sent += 1
    return {"sent": sent}
