"""Periodic jobs, declared as data. Each fans out one job per live workspace."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cardfile.db.scope import open_public_session
from cardfile.jobs.core import enqueue_now
from cardfile.tenancy.models import Workspace


@dataclass(frozen=True)
class Periodic:
    func: str  # "cardfile.module:function", called as func(ctx) in each workspace
    cron: str  # UTC
    queue: str | None = None  # None: the job's own queue
    platform: bool = False  # once, in the public scope, instead of once per workspace


PERIODIC = [
    Periodic("cardfile.modules.contacts.jobs:purge_expired", cron="17 3 * * *"),
    Periodic("cardfile.modules.contacts.jobs:expire_tags", cron="*/15 * * * *"),
    Periodic("cardfile.api.idempotency:purge_expired", cron="43 * * * *", platform=True),
    Periodic("cardfile.jobs.recovery:recover_jobs", cron="*/5 * * * *"),
    Periodic("cardfile.modules.scoring.jobs:decay_scores", cron="29 4 * * *"),
    Periodic("cardfile.modules.gdpr.jobs:expire_exports", cron="11 * * * *"),
    Periodic("cardfile.modules.export.jobs:purge_exports", cron="11 * * * *"),
    Periodic("cardfile.modules.hygiene.jobs:run_if_due", cron="37 2 * * *"),
    # Scheduled campaigns, dead senders, A/B winners.
    Periodic("cardfile.modules.campaigns.jobs:pump", cron="* * * * *"),
    # Booking reminders, 24 hours and 1 hour before.
    Periodic("cardfile.modules.bookings.jobs:send_reminders", cron="*/5 * * * *"),
    # Sending domains and IPs: DNS, block lists, rates, health, protection.
    Periodic("cardfile.modules.deliverability.jobs:monitor_workspace", cron="7 * * * *"),
]


def fan_out(func: str, queue: str | None = None, platform: bool = False) -> int:
    """Enqueue `func` once for every workspace, or once (platform) — the scheduler's entry."""
    if platform:
        enqueue_now(None, func, queue=queue)
        return 1
    with open_public_session() as session:
        workspace_ids = list(
            session.scalars(
                select(Workspace.id).where(Workspace.deleted_at.is_(None)).order_by(Workspace.id)
            )
        )
    for workspace_id in workspace_ids:
        enqueue_now(workspace_id, func, queue=queue)
    return len(workspace_ids)
