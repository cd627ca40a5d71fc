"""Real RQ workers in their own processes, killed with SIGKILL, and what the recovery sweep
does afterwards: the crash tests of bulk actions, imports and hygiene runs share these."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any


def start_worker(settings: Any, *queues: str) -> subprocess.Popen[bytes]:
    """`cardfile worker --burst [queues]` on the test servers, in its own process group."""
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "SECRET_KEY": settings.secret_key,
        "CARDFILE_VAR_DIR": str(settings.var_dir),
        "DNS_SERVERS": ",".join(settings.dns_servers),
        "SMTP_URL": settings.smtp_url,
        "BASE_URL": settings.base_url,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "cardfile.cli", "worker", "--burst", *queues],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_all_when(
    workers: list[subprocess.Popen[bytes]], ready: Callable[[], bool], limit: float = 120
) -> None:
    """SIGKILL every worker at once as soon as `ready()` holds."""
    deadline = time.monotonic() + limit
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    for worker in workers:
        os.killpg(worker.pid, signal.SIGKILL)
    for worker in workers:
        worker.wait()


def kill_when(
    worker: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float = 120
) -> None:
    """SIGKILL the worker (and its work horse) as soon as `ready()` holds."""
    deadline = time.monotonic() + limit
    while not ready() and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.02)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


def lose_and_recover(workspace_id: int, job_id: str, queue: str) -> None:
    """What RQ and the recovery sweep see a while after the kill: the RQ job gone, the record
    quiet for ten minutes; the sweep must requeue it."""
    from rq.job import Job

    from cardfile.cache import get_redis
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import get_queue, run
    from cardfile.jobs.models import JobRecord

    Job.fetch(job_id, connection=get_redis()).delete()
    get_queue(queue).remove(job_id)
    with workspace_session(workspace_id) as session:
        old = datetime.now(UTC) - timedelta(minutes=10)
        session.execute(
            JobRecord.__table__.update()
            .where(JobRecord.id == job_id)
            .values(created_at=old, heartbeat_at=old)
        )
    swept = run(workspace_id, "cardfile.jobs.recovery:recover_jobs", None, {})
    assert swept["requeued"] == [job_id]
