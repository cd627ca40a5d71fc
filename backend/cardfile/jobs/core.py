"""Enqueue work for a workspace; run it in that workspace's scope.

`start_job(session, fn, ...)` records a JobRecord in the workspace and enqueues the RQ job
only when the session's transaction commits (no job for rolled-back work, and the worker
always finds its record). The worker calls `run()`, which opens the scope from the
workspace id stamped on the job, exactly as a request does.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from rq import Queue
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from cardfile.cache import get_redis
from cardfile.db.scope import ScopeError, public_session, workspace_session
from cardfile.errors import ApiError
from cardfile.jobs.models import JobRecord
from cardfile.tenancy.models import Workspace

QUEUES = ("default", "imports", "hygiene", "mail", "monitor")
_PENDING = "cardfile.pending_jobs"


def get_queue(name: str = "default") -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis())


_REGISTRY: dict[str, Callable[..., Any]] = {}
F = TypeVar("F", bound=Callable[..., Any])


def job(func: F) -> F:
    """Mark a function as a job entry point: only these run, whatever a queue holds."""
    _REGISTRY[func_path(func)] = func
    return func


def func_path(func: Callable[..., Any]) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def _resolve(path: str) -> Callable[..., Any]:
    if path not in _REGISTRY:
        importlib.import_module(path.partition(":")[0])  # registers its @job functions
    if path not in _REGISTRY:
        raise ValueError(f"{path!r} is not a registered job")
    return _REGISTRY[path]


@dataclass
class _Pending:
    queue: str
    workspace_id: int | None  # None: a platform task (accounts, agencies), public scope only
    path: str
    record_id: str | None
    kwargs: dict[str, Any]
    job_id: str

    def enqueue(self) -> None:
        get_queue(self.queue).enqueue(
            run,
            self.workspace_id,
            self.path,
            self.record_id,
            self.kwargs,
            job_id=self.job_id,
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
    session.info.setdefault(_PENDING, []).append(pending)


def start_job(
    session: Session,
    func: Callable[..., Any],
    *,
    kind: str,
    created_by: int | None = None,
    queue: str = "default",
    **kwargs: Any,
) -> JobRecord:
    """A tracked job: visible at GET jobs/{id} with progress and a final result."""
    record = JobRecord(
        id=str(uuid.uuid4()),
        kind=kind,
        created_by=created_by,
        params=kwargs,
        status="queued",
        done=0,
    )
    session.add(record)
    _defer(
        session,
        _Pending(queue, _workspace_of(session), func_path(func), record.id, kwargs, record.id),
    )
    return record


def enqueue_task(
    session: Session,
    func: Callable[..., Any],
    *,
    queue: str = "default",
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
    queue: str = "default",
    **kwargs: Any,
) -> str:
    """Enqueue at once (used by the scheduler's fan-out, which has no session)."""
    path = func if isinstance(func, str) else func_path(func)
    pending = _Pending(queue, workspace_id, path, None, kwargs, str(uuid.uuid4()))
    pending.enqueue()
    return pending.job_id


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    pending: list[_Pending] = session.info.pop(_PENDING, [])
    for item in pending:
        item.enqueue()


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _public_message(error: Exception) -> str:
    """What the job's starter may read: our own error messages, never SQL or internals."""
    if isinstance(error, ApiError):
        return error.message
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
        """Store progress and commit the work done so far (jobs work in committed batches)."""
        if self.record is not None:
            self.record.done = done
            if total is not None:
                self.record.total = total
        self.session.commit()


def run(workspace_id: int | None, path: str, record_id: str | None, kwargs: dict[str, Any]) -> Any:
    """RQ entry point: every Cardfile job runs through here, inside its workspace's scope
    (platform tasks, with no workspace, in the public scope)."""
    func = _resolve(path)
    if workspace_id is None:
        with public_session() as session:
            return func(JobContext(session, None, None), **kwargs)
    with workspace_session(workspace_id) as session:
        if session.scalar(select(Workspace.deleted_at).where(Workspace.id == workspace_id)):
            return None  # the workspace was deleted after this job was queued
        record = session.get(JobRecord, record_id) if record_id else None
        if record is not None and record.status == "finished":
            return record.result  # re-delivered after success: nothing to do again
        if record is not None:
            record.status, record.started_at, record.error = "started", datetime.now(UTC), None
            session.commit()
        try:
            result = func(JobContext(session, workspace_id, record), **kwargs)
        except Exception as error:
            session.rollback()
            if record is not None:
                record.status, record.error = "failed", _public_message(error)
                record.finished_at = datetime.now(UTC)
                session.commit()
            raise
        if record is not None:
            record.status, record.result = "finished", result
            record.finished_at = datetime.now(UTC)
            if record.total is not None:
                record.done = record.total
        return result
