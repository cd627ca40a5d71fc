"""Bulk actions (issue 16): tag every contact of the 100,000-contact workspace, end to end.

Run by run.py after the workspace phase, on its seeded database: `POST contacts/bulk`
{action: add_tag, filter: {}} through the real app (Flask test client, API token), then one
`cardfile worker --burst` process (the production worker) runs the job; the clock runs from
the request to the job's record saying finished. Reports contacts per second and checks the
job's report counts every contact once.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402


def main(db_url: str, redis_url: str, workspace_id: int, token: str, contacts: int) -> dict:
    from cardfile.app import create_app
    from cardfile.config import Settings
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.models import JobRecord

    secret = secrets.token_urlsafe(32)
    app = create_app(
        Settings(database_url=db_url, redis_url=redis_url, secret_key=secret, var_dir=bench.OUT)
    )
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"action": "add_tag", "filter": {}, "params": {"tag": "bench-bulk"}}
    env = dict(os.environ, DATABASE_URL=db_url, REDIS_URL=redis_url, SECRET_KEY=secret)
    t0 = time.perf_counter()
    response = client.post(
        f"/api/v1/workspaces/{workspace_id}/contacts/bulk", json=body, headers=headers
    )
    assert response.status_code == 202, response.get_json()
    job_id = response.get_json()["job_id"]
    accepted = time.perf_counter() - t0
    subprocess.run(
        [sys.executable, "-m", "cardfile.cli", "worker", "--burst"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - t0
    with workspace_session(workspace_id) as session:
        record = session.get(JobRecord, job_id)
        assert record is not None and record.status == "finished", record and record.error
        result: dict[str, Any] = dict(record.result or {})
    assert result.get("changed") == contacts, result
    report = {
        "contacts": contacts,
        "request_s": round(accepted, 2),
        "seconds": round(elapsed, 1),
        "contacts_per_s": round(contacts / elapsed),
        "report": result,
    }
    bench.log(f"bulk tag: {report}")
    return report


def markdown(report: dict[str, Any]) -> str:
    return (
        f"Bulk action (tests/bench/bulk.py): tag all {report['contacts']:,} contacts of the "
        f"workspace through `contacts/bulk` and one `cardfile worker`, end to end: "
        f"**{report['contacts_per_s']:,} contacts/s** ({report['seconds']} s; the request "
        f"resolving the selection and storing its batches took {report['request_s']} s; "
        f"report: {report['report']['changed']:,} changed)."
    )
