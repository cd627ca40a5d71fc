"""Job records a killed worker or a flushed Redis left "queued" or "started".

PostgreSQL holds a job's state; Redis only carries the wake-up. When the wake-up is gone
(Redis flushed, the RQ job expired) or RQ gave up on it (its worker died mid-job and RQ
moved it to the failed registry), the record would say "running" forever. Every few minutes,
per workspace, this sweep finds such records: an idempotent job is queued again (at most
MAX_ATTEMPTS times), any other is marked failed with a reason its starter can read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import or_, select

from cardfile.cache import get_redis
from cardfile.jobs.core import JobContext, job, job_spec, requeue
from cardfile.jobs.models import JobRecord

# Younger records are left alone: the commit that enqueues them may still be on its way.
GRACE = timedelta(minutes=2)
MAX_ATTEMPTS = 3
LOST = (
    "The worker running this job stopped before it ended (a restart or a lost queue); "
    "nothing was run again. Start it again if it is still needed."
)
_ALIVE = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED}


def _in_rq(job_id: str) -> bool:
    try:
        return Job.fetch(job_id, connection=get_redis()).get_status() in _ALIVE
    except NoSuchJobError:
        return False


@job(idempotent=True)
def recover_jobs(ctx: JobContext) -> dict[str, Any]:
    session, now = ctx.session, datetime.now(UTC)
    quiet_since = now - GRACE
    candidates = session.scalars(
        select(JobRecord)
        .where(JobRecord.status.in_(("queued", "started")))
        .where(JobRecord.created_at < quiet_since)
        .where(or_(JobRecord.heartbeat_at.is_(None), JobRecord.heartbeat_at < quiet_since))
        .with_for_update(skip_locked=True)
    ).all()
    requeued, failed = [], []
    for record in candidates:
        if _in_rq(record.id):
            continue
        try:
            spec = job_spec(record.func)
        except ValueError:
            spec = None
        if spec is not None and spec.idempotent and record.attempts < MAX_ATTEMPTS:
            record.status, record.attempts, record.error = "queued", record.attempts + 1, None
            requeue(session, record)
            requeued.append(record.id)
        else:
            record.status, record.error, record.finished_at = "failed", LOST, now
            failed.append(record.id)
    return {"requeued": requeued, "failed": failed}
