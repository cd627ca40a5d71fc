from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.api.pagination import Page, paginate
from cardfile.errors import NotFound
from cardfile.jobs.models import JobRecord


def list_jobs(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(JobRecord)
    if args.get("status"):
        stmt = stmt.where(JobRecord.status == args["status"])
    return paginate(
        session, stmt, args, {"created_at": JobRecord.created_at}, "-created_at", JobRecord.id
    )


def get_job(session: Session, job_id: str) -> JobRecord:
    job = session.get(JobRecord, job_id[:36])
    if job is None:
        raise NotFound("Job")
    return job
