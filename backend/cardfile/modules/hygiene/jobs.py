"""The hygiene run job and the nightly check of each workspace's schedule.

Each batch (contacts in id order after the run's cursor) is checked, written, and committed
with the cursor and the counts by `ctx.progress`: a worker killed at any point leaves either
a whole batch or none, and the rerun goes on after the cursor, so it ends exactly as an
uninterrupted run. The duplicate groups are found last, from scratch, in one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func

from cardfile.access.principal import Principal, resolve_principal, system_principal
from cardfile.access.roles import Role
from cardfile.errors import Forbidden
from cardfile.jobs.core import JobContext, job
from cardfile.modules.hygiene import service
from cardfile.modules.hygiene.dns import DomainChecker
from cardfile.modules.hygiene.models import HygieneRun


def _principal(ctx: JobContext, run: HygieneRun) -> Principal:
    """Access is resolved again here: a person's run covers what they may see now."""
    assert ctx.workspace_id is not None
    if run.created_by is None:
        return system_principal(ctx.workspace_id)
    principal = resolve_principal(ctx.session, run.created_by, ctx.workspace_id)
    if principal is None or not principal.can(Role.MEMBER):
        raise Forbidden("The user who started this run may no longer change contacts here.")
    return principal


@job(queue="hygiene", idempotent=True, timeout=6 * 60 * 60)
def run_hygiene(ctx: JobContext, run_id: int) -> dict[str, Any]:
    session = ctx.session
    run = session.get(HygieneRun, run_id)
    if run is None:
        raise Forbidden("This hygiene run no longer exists.")
    principal = _principal(ctx, run)
    if run.started_at is None:
        run.started_at = datetime.now(UTC)
    if run.total is None:
        run.total = session.scalar(
            service.scoped_ids(principal, run.scope).with_only_columns(func.count())
        )
    ctx.progress(run.checked, run.total)
    if run.duplicates_done_at is None:
        checker = DomainChecker()  # one per run: each domain asked once
        while rows := service.next_batch(session, principal, run):
            service.check_contacts(session, run, rows, checker)
            ctx.progress(run.checked, max(run.total or 0, run.checked))  # commits the batch
        service.find_duplicates(session, principal, run)
        return service.finish(session, run)  # committed with the job's end
    return service.report(session, run)


@job(idempotent=True)
def run_if_due(ctx: JobContext) -> dict[str, Any]:
    """Periodic (jobs/periodic.py): a scheduled run when the workspace's schedule says so."""
    assert ctx.workspace_id is not None
    run = service.start_if_due(ctx.session, ctx.workspace_id, datetime.now(UTC))
    return {"run_id": run.id if run is not None else None}
