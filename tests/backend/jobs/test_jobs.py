from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from factories.accounts import ApiClient
from factories.contacts import make_contact


def test_bulk_tag_reports_progress_and_result(app, owner: ApiClient, run_jobs, monkeypatch) -> None:
    from cardfile.modules.contacts import jobs

    monkeypatch.setattr(jobs, "BATCH_SIZE", 2)  # several batches with few contacts
    for i in range(5):
        make_contact(owner, company="Acme" if i < 4 else "Other")
    job_id = owner.ok(owner.post("contacts/bulk-tag", {"tag": "acme", "q": "acme"}), 202)["job_id"]
    queued = owner.ok(owner.get(f"jobs/{job_id}"))
    assert queued["status"] == "queued" and queued["progress"] == 0
    run_jobs()
    done = owner.ok(owner.get(f"jobs/{job_id}"))
    assert done["status"] == "finished" and done["progress"] == 1
    assert (done["done"], done["total"]) == (4, 4)
    assert done["result"] == {
        "tag": "acme",
        "matched": 4,
        "changed": 4,
        "removed": False,
    }
    assert owner.ok(owner.get("contacts?tag=acme"))["total"] == 4
    listed = owner.ok(owner.get("jobs"))
    assert listed["items"][0]["id"] == job_id

    again = owner.ok(owner.post("contacts/bulk-tag", {"tag": "acme", "q": "acme"}), 202)["job_id"]
    run_jobs()
    assert owner.ok(owner.get(f"jobs/{again}"))["result"]["changed"] == 0  # idempotent

    removal = owner.ok(owner.post("contacts/bulk-tag", {"tag": "acme", "remove": True}), 202)[
        "job_id"
    ]
    run_jobs()
    assert owner.ok(owner.get(f"jobs/{removal}"))["result"]["changed"] == 4
    contact = owner.ok(owner.get("contacts?q=acme&page_size=1"))["items"][0]
    kinds = [
        a["kind"] for a in owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    ]
    assert kinds[:2] == ["untagged", "tagged"]


def test_a_job_whose_user_lost_access_fails_and_says_why(app, owner: ApiClient, run_jobs) -> None:
    from factories.accounts import member_client

    make_contact(owner)
    member = member_client(app, owner)
    job_id = member.ok(member.post("contacts/bulk-tag", {"tag": "late"}), 202)["job_id"]
    owner.ok(owner.patch(f"members/{member.user['id']}", {"role": "viewer"}))
    run_jobs()
    failed = owner.ok(owner.get(f"jobs/{job_id}"))
    assert failed["status"] == "failed" and "no longer" in failed["error"]
    assert owner.ok(owner.get("contacts?tag=late"))["total"] == 0


def test_no_job_is_enqueued_when_its_transaction_rolls_back(app, owner: ApiClient) -> None:
    """The job record is written and the job started, then the work around it fails: the
    rollback takes the record with it and nothing reaches the queue."""
    from sqlalchemy import func, select

    from cardfile.access.principal import resolve_principal
    from cardfile.db.scope import open_workspace_session
    from cardfile.jobs.core import get_queue
    from cardfile.jobs.models import JobRecord
    from cardfile.modules.contacts.jobs import start_bulk_tag

    before = get_queue("default").count
    session = open_workspace_session(owner.workspace_id)
    try:
        principal = resolve_principal(session, owner.user["id"], owner.workspace_id)
        assert principal is not None
        record = start_bulk_tag(session, principal, {"tag_name": "never", "remove": False})
        session.flush()
        assert session.get(JobRecord, record.id) is not None  # it was really started
        session.rollback()
    finally:
        session.close()
    assert get_queue("default").count == before
    with open_workspace_session(owner.workspace_id) as check:
        assert check.scalar(select(func.count()).select_from(JobRecord)) == 0


def test_periodic_purge_fans_out_to_every_workspace(
    app, owner: ApiClient, stranger: ApiClient, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.periodic import PERIODIC, fan_out
    from cardfile.modules.contacts.models import Contact

    old = make_contact(owner)
    recent = make_contact(stranger)
    for client, contact in ((owner, old), (stranger, recent)):
        client.delete(f"contacts/{contact['id']}")
    with workspace_session(owner.workspace_id) as session:
        session.execute(update(Contact).values(deleted_at=datetime.now(UTC) - timedelta(days=31)))
    assert fan_out(PERIODIC[0].func, PERIODIC[0].queue) >= 2
    run_jobs()
    with workspace_session(owner.workspace_id) as session:
        assert session.scalars(select(Contact.id)).all() == []
    with workspace_session(stranger.workspace_id) as session:
        assert session.scalars(select(Contact.id)).all() == [recent["id"]]
    assert stranger.ok(stranger.post(f"contacts/{recent['id']}/restore"))["id"] == recent["id"]


def test_jobs_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    job_id = owner.ok(owner.post("contacts/bulk-tag", {"tag": "x"}), 202)["job_id"]
    assert stranger.get(f"/api/v1/workspaces/{owner.workspace_id}/jobs/{job_id}").status_code == 404
    assert stranger.get(f"jobs/{job_id}").status_code == 404
    assert stranger.ok(stranger.get("jobs"))["total"] == 0
