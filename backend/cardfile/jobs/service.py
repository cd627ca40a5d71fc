from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.api.pagination import Page, paginate
from cardfile.errors import NotFound
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
