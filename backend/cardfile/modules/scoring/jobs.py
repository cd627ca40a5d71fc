"""Periodic score decay (declared in jobs/periodic.py), run per workspace by RQ workers."""

from __future__ import annotations

from cardfile.db.base import utcnow
from cardfile.jobs.core import JobContext, job
from cardfile.modules.scoring.service import decay_batch, get_settings


@job(idempotent=True, timeout=60 * 60)
def decay_scores(ctx: JobContext) -> dict[str, int]:
    """Daily: contacts due (last decay, or first points, 30 days ago or more) lose
    `decay_percent` of their score. Each batch commits; a re-run finds them not due."""
    percent = get_settings(ctx.session)["decay_percent"]
    if not percent:
        return {"decayed": 0}
    now, after_id, decayed = utcnow(), 0, 0
    while batch := decay_batch(ctx.session, percent, now, after_id):
        decayed += len(batch)
        after_id = batch[-1]
        ctx.progress(decayed)
    return {"decayed": decayed}
