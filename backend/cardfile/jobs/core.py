"""Enqueue work for a workspace; run it in that workspace's scope.

`start_job(session, fn, ...)` records a JobRecord in the workspace and enqueues the RQ job
only when the session's transaction commits (no job for rolled-back work, and the worker
always finds its record). The worker calls `run()`, which opens the scope from the
workspace id stamped on the job, exactly as a request does.

`@job(queue=..., timeout=..., idempotent=...)` declares where a job runs and for how long
at most. A tracked job can be cancelled: it stops at its next progress report, keeping the
batches it committed. Records left "queued" or "started" by a killed worker or a flushed
Redis are recovered by `recover_jobs` (jobs/recovery.py).
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from rq import Queue
from rq.timeouts import JobTimeoutException
from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.cache import get_redis
from cardfile.db.hooks import after_commit
from cardfile.db.scope import ScopeError, public_session, workspace_session
from cardfile.errors import ApiError
from cardfile.jobs.models import JobRecord
from cardfile.tenancy.models import Workspace

QUEUES = ("default", "imports", "hygiene", "mail", "monitor")


def get_queue(name: str = "default") -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis())


F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_TIMEOUT = 10 * 60  # seconds; RQ's own default (180 s) would kill a large import


@dataclass(frozen=True)
class JobSpec:
    func: Callable[..., Any]
    queue: str = "default"
    timeout: int = DEFAULT_TIMEOUT
    # Safe to run again from the start after a crash (it repeats no change): re-queued by
    # the recovery sweep instead of marked failed.
    idempotent: bool = False


_REGISTRY: dict[str, JobSpec] = {}


def job(
    func: F | None = None,
    *,
    queue: str = "default",
    timeout: int = DEFAULT_TIMEOUT,
    idempotent: bool = False,
) -> Any:
    """Mark a function as a job entry point (only these run, whatever a queue holds), with
    its queue, its time limit and whether it may simply run again after a crash."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")

    def register(fn: F) -> F:
        _REGISTRY[func_path(fn)] = JobSpec(fn, queue, timeout, idempotent)
        return fn

    return register(func) if func is not None else register


def func_path(func: Callable[..., Any]) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def job_spec(path: str) -> JobSpec:
    if path not in _REGISTRY:
        importlib.import_module(path.partition(":")[0])  # registers its @job functions
    if path not in _REGISTRY:
        raise ValueError(f"{path!r} is not a registered job")
    return _REGISTRY[path]


@dataclass
class _Pending:
    queue: str | None  # None: the job's own queue
    workspace_id: int | None  # None: a platform task (accounts, agencies), public scope only
    path: str
    record_id: str | None
    kwargs: dict[str, Any]
    job_id: str

    def enqueue(self) -> None:
        spec = job_spec(self.path)
        get_queue(self.queue or spec.queue).enqueue(
            run,
            self.workspace_id,
            self.path,
            self.record_id,
            self.kwargs,
            job_id=self.job_id,
            job_timeout=spec.timeout,
            meta={"workspace_id": self.workspace_id},
            # RQ logs the description; its default would print the arguments (search
            # terms, emails), so it names only the job and the workspace.
            description=f"{self.path} [workspace {self.workspace_id or '-'}]",
        )


def _workspace_of(session: Session) -> int:
    workspace_id = session.info.get("workspace_id")
    if workspace_id is None:
        raise ScopeError("jobs are enqueued from a workspace-scoped session")
    return int(workspace_id)


def _defer(session: Session, pending: _Pending) -> None:
    after_commit(session, pending.enqueue)


def start_job(
    session: Session,
    func: Callable[..., Any],
    *,
    kind: str,
    label: str,
    created_by: int | None = None,
    **kwargs: Any,
) -> JobRecord:
    """A tracked job: visible at GET jobs/{id} with progress and a final result. `kind` is
    for programs (bulk_add_tag), `label` for people ("Add tag “VIP”")."""
    path = func_path(func)
    spec = job_spec(path)
    record = JobRecord(
        id=str(uuid.uuid4()),
        kind=kind,
        label=label[:200],
        func=path,
        queue=spec.queue,
        created_by=created_by,
        params=kwargs,
        status="queued",
        done=0,
        attempts=0,
    )
    session.add(record)
    requeue(session, record)
    return record


def requeue(session: Session, record: JobRecord) -> None:
    """Enqueue a tracked job's record (again) once the session commits."""
    _defer(
        session,
        _Pending(
            record.queue, _workspace_of(session), record.func, record.id, record.params, record.id
        ),
    )


def enqueue_task(
    session: Session,
    func: Callable[..., Any],
    *,
    queue: str | None = None,
    platform: bool = False,
    **kwargs: Any,
) -> str:
    """An untracked task (say, one email) after commit: in the session's workspace scope, or
    with platform=True in the public scope (mail about accounts and agencies)."""
    job_id = str(uuid.uuid4())
    workspace_id = None if platform else _workspace_of(session)
    _defer(session, _Pending(queue, workspace_id, func_path(func), None, kwargs, job_id))
    return job_id


def enqueue_now(
    workspace_id: int | None,
    func: Callable[..., Any] | str,
    *,
    queue: str | None = None,
    **kwargs: Any,
) -> str:
    """Enqueue at once (used by the scheduler's fan-out, which has no session)."""
    path = func if isinstance(func, str) else func_path(func)
    pending = _Pending(queue, workspace_id, path, None, kwargs, str(uuid.uuid4()))
    pending.enqueue()
    return pending.job_id


class JobCancelled(Exception):
    """Raised at a progress report once someone asked to cancel the job."""


def _public_message(error: BaseException, timeout: int) -> str:
    """What the job's starter may read: our own error messages, never SQL or internals."""
    if isinstance(error, ApiError):
        return error.message
    if isinstance(error, JobTimeoutException):
        return f"The job ran longer than its limit of {timeout // 60} minutes and was stopped."
    return "The job failed unexpectedly; it has been logged for the operators."


class JobContext:
    """What a job function receives: its workspace Session and a progress reporter."""

    def __init__(
        self, session: Session, workspace_id: int | None, record: JobRecord | None
    ) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self.record = record

    def progress(self, done: int, total: int | None = None) -> None:
        """Store progress and commit the work done so far (jobs work in committed batches);
        stop here (JobCancelled) if someone cancelled the job meanwhile."""
        if self.record is not None:
            self.record.done = done
            self.record.heartbeat_at = datetime.now(UTC)
            if total is not None:
                self.record.total = total
        self.session.commit()
        if self.record is not None:
            self.session.refresh(self.record, ["cancel_requested_at"])
            if self.record.cancel_requested_at is not None:
                raise JobCancelled()


def run(workspace_id: int | None, path: str, record_id: str | None, kwargs: dict[str, Any]) -> Any:
    """RQ entry point: every Cardfile job runs through here, inside its workspace's scope
    (platform tasks, with no workspace, in the public scope)."""
    spec = job_spec(path)
    func = spec.func
    if workspace_id is None:
        with public_session() as session:
            return func(JobContext(session, None, None), **kwargs)
    with workspace_session(workspace_id) as session:
        if session.scalar(select(Workspace.deleted_at).where(Workspace.id == workspace_id)):
            return None  # the workspace was deleted after this job was queued
        record = session.get(JobRecord, record_id) if record_id else None
        if record is not None and record.status in FINAL:
            return record.result  # re-delivered after it ended: nothing to do again
        if record is not None:
            if record.cancel_requested_at is not None:
                _end(record, "cancelled")
                return None
            now = datetime.now(UTC)
            record.status, record.started_at, record.error = "started", now, None
            record.heartbeat_at = now
            session.commit()
        try:
            result = func(JobContext(session, workspace_id, record), **kwargs)
        except JobCancelled:
            session.rollback()  # the current, unfinished batch; finished ones stay
            if record is not None:
                _end(record, "cancelled")
                session.commit()
            return None
        except (Exception, JobTimeoutException) as error:
            session.rollback()
            if record is not None:
                _end(record, "failed", error=_public_message(error, spec.timeout))
                session.commit()
            raise
        if record is not None:
            _end(record, "finished", result=result)
            if record.total is not None:
                record.done = record.total
        return result


FINAL = ("finished", "failed", "cancelled")


def _end(record: JobRecord, status: str, result: Any = None, error: str | None = None) -> None:
    record.status, record.result, record.error = status, result, error
    record.finished_at = datetime.now(UTC)
