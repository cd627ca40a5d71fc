"""The bulk-action job: batch after batch, each batch's changes and its done marker in one
transaction, so a killed worker's rerun handles every contact once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from cardfile.access.principal import resolve_principal
from cardfile.access.roles import Role
from cardfile.errors import Forbidden
from cardfile.jobs.core import JobContext, job
from cardfile.modules.bulk.models import BulkBatch, BulkRun
from cardfile.modules.bulk.service import apply_batch, batches_left, run_report


@job(idempotent=True, timeout=2 * 60 * 60)
def run_bulk_job(ctx: JobContext, run_id: int, user_id: int) -> dict[str, Any]:
    """Access is resolved again here: contacts the user can no longer see are skipped."""
    session = ctx.session
    run = session.get(BulkRun, run_id)
    if run is None:
        raise Forbidden("This bulk action no longer exists.")
    principal = resolve_principal(session, user_id, ctx.workspace_id)
    if principal is None or not principal.can(Role.MEMBER):
        raise Forbidden("The user may no longer change contacts in this workspace.")
    done_count = select(func.coalesce(func.sum(func.cardinality(BulkBatch.contact_ids)), 0))
    done = session.scalar(
        done_count.where(BulkBatch.run_id == run_id, BulkBatch.done_at.is_not(None))
    )
    ctx.progress(done or 0, run.total)
    for batch in batches_left(session, run_id):
        batch.result = apply_batch(session, principal, run.action, run.params, batch.contact_ids)
        batch.done_at = datetime.now(UTC)
        done = (done or 0) + len(batch.contact_ids)
        ctx.progress(done, run.total)  # commits the batch with its marker
    return run_report(session, run)
