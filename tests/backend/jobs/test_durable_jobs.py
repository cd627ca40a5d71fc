"""Long and durable jobs: per-job queue and time limit, cancellation, and recovery of
records that a killed worker or a flushed Redis left behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from rq.job import Job

from factories.accounts import ApiClient
from factories.jobs import count_up, once_only, oversleep


def _start(owner: ApiClient, func: Any, **kwargs: Any) -> str:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import start_job

    with workspace_session(owner.workspace_id) as session:
        record = start_job(
            session, func, kind="test", label="Test", created_by=owner.user["id"], **kwargs
        )
        return record.id


def test_each_job_has_its_own_time_limit(app, owner: ApiClient, run_jobs) -> None:
    from cardfile.cache import get_redis

    job_id = owner.ok(owner.post("contacts/bulk-tag", {"tag": "x"}), 202)["job_id"]
    assert Job.fetch(job_id, connection=get_redis()).timeout == 3600  # not RQ's 180 s
    slow = _start(owner, oversleep)
    assert Job.fetch(slow, connection=get_redis()).timeout == 1
    run_jobs()
    stopped = owner.ok(owner.get(f"jobs/{slow}"))
    assert stopped["status"] == "failed" and "longer than its limit" in stopped["error"]


def test_a_queued_job_is_cancelled_at_once(app, owner: ApiClient, run_jobs) -> None:
    job_id = _start(owner, count_up, batches=3)
    cancelled = owner.ok(owner.post(f"jobs/{job_id}/cancel"), 202)
    assert cancelled["status"] == "cancelled" and cancelled["cancel_requested"] is True
    run_jobs()
    after = owner.ok(owner.get(f"jobs/{job_id}"))
    assert (after["status"], after["done"]) == ("cancelled", 0)


def test_a_running_job_stops_at_its_next_batch_and_keeps_what_it_did(
    app, owner: ApiClient, run_jobs
) -> None:
    job_id = _start(owner, count_up, batches=5, cancel_after=2)
    run_jobs()
    after = owner.ok(owner.get(f"jobs/{job_id}"))
    assert (after["status"], after["done"], after["total"]) == ("cancelled", 3, 5)
    assert after["finished_at"] is not None


def test_others_cannot_cancel_a_members_job(app, owner: ApiClient, stranger: ApiClient) -> None:
    job_id = _start(owner, count_up, batches=1)
    assert (
        stranger.post(f"/api/v1/workspaces/{owner.workspace_id}/jobs/{job_id}/cancel").status_code
        == 404
    )
    assert owner.ok(owner.get(f"jobs/{job_id}"))["status"] == "queued"


def _lose_in_redis(job_id: str, owner: ApiClient) -> None:
    """What a flushed Redis (or an expired RQ job) leaves: the record, and no RQ job."""
    from sqlalchemy import update

    from cardfile.cache import get_redis
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import get_queue
    from cardfile.jobs.models import JobRecord

    Job.fetch(job_id, connection=get_redis()).delete()
    for name in ("default", "mail"):
        get_queue(name).remove(job_id)
    with workspace_session(owner.workspace_id) as session:
        old = datetime.now(UTC) - timedelta(minutes=10)
        session.execute(update(JobRecord).where(JobRecord.id == job_id).values(created_at=old))


def test_lost_jobs_are_requeued_when_idempotent_and_failed_otherwise(
    app, owner: ApiClient, run_jobs
) -> None:
    from cardfile.jobs.core import run

    again, lost, fresh = _start(owner, count_up, batches=2), _start(owner, once_only), None
    _lose_in_redis(again, owner)
    _lose_in_redis(lost, owner)
    fresh = _start(owner, count_up, batches=1)  # just queued: left alone
    swept = run(owner.workspace_id, "cardfile.jobs.recovery:recover_jobs", None, {})
    assert swept == {"requeued": [again], "failed": [lost]}
    failed = owner.ok(owner.get(f"jobs/{lost}"))
    assert failed["status"] == "failed" and "stopped before it ended" in failed["error"]
    run_jobs()
    assert owner.ok(owner.get(f"jobs/{again}"))["status"] == "finished"
    assert owner.ok(owner.get(f"jobs/{fresh}"))["status"] == "finished"
