from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.db.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.jobs.core import FINAL
from cardfile.jobs.models import JobRecord


def _visible_jobs(principal: Principal) -> Select[Any]:
    """Admins see every job of the workspace; others only their own (a job's result
    describes what its starter could see)."""
    stmt = select(JobRecord)
    if not principal.can(Role.ADMIN):
        stmt = stmt.where(JobRecord.created_by == principal.user_id)
    return stmt


def list_jobs(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt = _visible_jobs(principal)
    if args.get("status"):
        stmt = stmt.where(JobRecord.status == args["status"])
    return paginate(
        session, stmt, args, {"created_at": JobRecord.created_at}, "-created_at", JobRecord.id
    )


def get_job(session: Session, principal: Principal, job_id: str) -> JobRecord:
    job = session.scalar(_visible_jobs(principal).where(JobRecord.id == job_id))
    if job is None:
        raise NotFound("Job")
    return job


def cancel_job(session: Session, principal: Principal, job_id: str) -> JobRecord:
    """A queued job ends at once; a running one stops at its next progress report, keeping
    the batches it finished. Cancelling an ended job changes nothing."""
    job = get_job(session, principal, job_id)
    if job.status in FINAL:
        return job
    job.cancel_requested_at = job.cancel_requested_at or datetime.now(UTC)
    if job.status == "queued":
        job.status, job.finished_at = "cancelled", job.cancel_requested_at
    return job
