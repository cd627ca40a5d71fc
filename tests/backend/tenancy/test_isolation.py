"""Two workspaces hold contacts with the same ids; no request or job ever reads the other."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from cardfile.jobs.core import job
from factories.accounts import ApiClient
from factories.contacts import make_contact


def test_query_without_scope_fails_loudly(app) -> None:
    from cardfile.db.scope import open_public_session
    from cardfile.modules.contacts.models import Contact

    with (
        open_public_session() as session,
        pytest.raises(ProgrammingError, match='tenant.contacts" does not exist'),
    ):
        session.execute(select(Contact)).all()
    with open_public_session() as session, pytest.raises(ProgrammingError):
        session.execute(text("SELECT count(*) FROM contacts")).all()


def test_scope_refuses_foreign_schema_names(app) -> None:
    from cardfile.db.scope import ScopeError, schema_for, scoped_engine

    for bad in ("public", "ws_1; DROP SCHEMA public", "pg_catalog", "ws_0"):
        with pytest.raises(ScopeError):
            scoped_engine(bad)
    with pytest.raises((ScopeError, ValueError)):
        schema_for("1 OR 1=1")  # type: ignore[arg-type]


def test_raw_sql_in_a_scope_sees_only_that_workspace(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    from cardfile.db.scope import workspace_session

    make_contact(owner, email="only-in-a@example.org")
    with workspace_session(stranger.workspace_id) as session:
        found = session.execute(
            text("SELECT count(*) FROM contacts WHERE email = 'only-in-a@example.org'")
        ).scalar_one()
    assert found == 0


def test_same_ids_in_two_workspaces_never_cross(
    app, owner: ApiClient, stranger: ApiClient, run_jobs
) -> None:
    a = [make_contact(owner, email=f"a{i}@a.example", first_name="Alpha") for i in range(3)]
    b = [make_contact(stranger, email=f"b{i}@b.example", first_name="Bravo") for i in range(3)]
    assert [c["id"] for c in a] == [c["id"] for c in b]  # fresh schemas: ids 1, 2, 3 in both

    for contact_a, contact_b in zip(a, b, strict=True):
        got_a = owner.ok(owner.get(f"contacts/{contact_a['id']}"))
        got_b = stranger.ok(stranger.get(f"contacts/{contact_b['id']}"))
        assert got_a["first_name"] == "Alpha" and got_b["first_name"] == "Bravo"
    listed = stranger.ok(stranger.get("contacts?q=alpha"))
    assert listed["total"] == 0 and listed["items"] == []

    # A stranger naming owner's workspace in the URL gets 404 for every path.
    other = owner.workspace_id
    for method, path in [
        ("GET", "contacts"),
        ("GET", "contacts/1"),
        ("PATCH", "contacts/1"),
        ("DELETE", "contacts/1"),
        ("GET", "tags"),
        ("GET", "custom-fields"),
        ("GET", "members"),
        ("GET", "contact-classes"),
        ("GET", "jobs"),
    ]:
        response = stranger.request(method, f"/api/v1/workspaces/{other}/{path}", json={})
        assert response.status_code == 404, (method, path, response.status_code)

    # Jobs alternate between the workspaces on one worker; each tags only its own contacts.
    job_b = stranger.ok(stranger.post("contacts/bulk-tag", {"tag": "bee"}), 202)["job_id"]
    job_a = owner.ok(owner.post("contacts/bulk-tag", {"tag": "ay"}), 202)["job_id"]
    run_jobs()
    assert owner.ok(owner.get(f"jobs/{job_a}"))["result"]["changed"] == 3
    assert stranger.ok(stranger.get(f"jobs/{job_b}"))["result"]["changed"] == 3
    assert {t["name"] for t in owner.ok(owner.get("tags"))["items"]} == {"ay"}
    assert {t["name"] for t in stranger.ok(stranger.get("tags"))["items"]} == {"bee"}
    assert stranger.get(f"/api/v1/workspaces/{other}/jobs/{job_a}").status_code == 404
    assert stranger.get(f"jobs/{job_a}").status_code == 404


def test_job_for_a_runs_in_a_after_a_job_for_b_on_the_same_worker(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import enqueue_task
    from cardfile.jobs.worker import make_worker

    make_contact(owner, email="scope-a@example.org")
    make_contact(stranger, email="scope-b@example.org")
    job_ids = []
    for workspace_id in (
        stranger.workspace_id,
        owner.workspace_id,
        stranger.workspace_id,
    ):
        with workspace_session(workspace_id) as session:
            job_ids.append(enqueue_task(session, report_scope))
    worker = make_worker(["default"])
    worker.work(burst=True, logging_level="WARNING")
    from rq.job import Job

    results = [Job.fetch(j, connection=worker.connection).return_value() for j in job_ids]
    assert [r["workspace"] for r in results] == [
        stranger.workspace_id,
        owner.workspace_id,
        stranger.workspace_id,
    ]
    assert [r["emails"] for r in results] == [
        ["scope-b@example.org"],
        ["scope-a@example.org"],
        ["scope-b@example.org"],
    ]


@job
def report_scope(ctx) -> dict:  # type: ignore[no-untyped-def]
    from cardfile.modules.contacts.models import Contact

    emails = ctx.session.scalars(select(Contact.email).order_by(Contact.id)).all()
    return {"workspace": ctx.workspace_id, "emails": list(emails)}


def test_raw_sql_follows_the_session_on_reused_connections(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    """search_path is set per pooled connection only when it must change: whatever ran on the
    connection before (another workspace, a rollback, a public Session), raw SQL sees the
    Session's own schema."""
    from cardfile.db.scope import open_public_session, open_workspace_session

    make_contact(owner, email="path-a@example.org")
    count = text("SELECT count(*) FROM contacts WHERE email = 'path-a@example.org'")
    for _ in range(3):
        with open_workspace_session(owner.workspace_id) as session:
            assert session.execute(count).scalar_one() == 1
            session.rollback()  # undoes a path set in this transaction
            assert session.execute(count).scalar_one() == 1
        with open_workspace_session(stranger.workspace_id) as session:
            assert session.execute(count).scalar_one() == 0
            session.commit()
        with open_public_session() as session, pytest.raises(ProgrammingError):
            session.execute(count).all()
        left_open = open_workspace_session(owner.workspace_id)
        assert left_open.execute(count).scalar_one() == 1
        left_open.close()  # its transaction ends inside close(), with the path it set
        with open_public_session() as session, pytest.raises(ProgrammingError):
            session.execute(count).all()
        reading = open_workspace_session(stranger.workspace_id, read_only=True)
        assert reading.execute(count).scalar_one() == 0  # autocommit: persists at once
        reading.close()
