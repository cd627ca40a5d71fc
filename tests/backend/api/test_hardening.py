"""Findings of the security review, kept fixed."""

from __future__ import annotations

import re

from factories.accounts import PASSWORD, ApiClient, member_client, unique_email
from factories.contacts import make_class, make_contact, make_field


def test_members_see_only_their_own_jobs_and_no_internals(app, owner: ApiClient, run_jobs) -> None:
    vip, press = make_class(owner, "VIP"), make_class(owner, "Press")
    make_contact(owner, email="secret@corp.example", contact_class_id=press["id"])
    one = member_client(app, owner, class_ids=[vip["id"]])
    two = member_client(app, owner, class_ids=[press["id"]])
    job_id = two.ok(two.post("contacts/bulk-tag", {"tag": "t", "q": "secret@corp"}), 202)["job_id"]
    assert one.get(f"jobs/{job_id}").status_code == 404
    assert one.ok(one.get("jobs"))["total"] == 0
    assert owner.ok(owner.get(f"jobs/{job_id}"))["id"] == job_id  # admins see all jobs
    run_jobs()
    assert two.ok(two.get(f"jobs/{job_id}"))["result"]["matched"] == 1


def test_a_failed_job_reports_no_sql(app, owner: ApiClient, run_jobs) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import start_job
    from factories.jobs import explode

    with workspace_session(owner.workspace_id) as session:
        record = start_job(
            session, explode, kind="explode", label="Explode", created_by=owner.user["id"]
        )
    run_jobs()
    failed = owner.ok(owner.get(f"jobs/{record.id}"))
    assert failed["status"] == "failed"
    assert "SELECT" not in failed["error"] and "failed unexpectedly" in failed["error"]


def test_agency_admins_cannot_be_shadowed_by_a_membership(owner: ApiClient) -> None:
    response = owner.post("members", {"email": owner.email, "role": "viewer"})
    assert response.status_code == 409


def test_removing_an_unaccepted_invitee_frees_their_email(
    app, owner: ApiClient, smtp, run_jobs
) -> None:
    email = unique_email("invitee")
    invited = owner.ok(owner.post("members", {"email": email, "role": "member"}), 201)
    run_jobs()
    link = re.search(r"/invite/(\S+)", smtp.to(email)[0].get_payload(decode=True).decode())
    signup = ApiClient(app).post(
        "/api/v1/auth/signup",
        {"email": email, "password": PASSWORD, "name": "I", "agency_name": "A"},
    )
    assert signup.status_code == 409 and "invitation" in signup.get_json()["errors"]["email"][0]

    assert owner.post(f"members/{invited['user_id']}/resend-invitation").status_code == 202
    run_jobs()
    assert len(smtp.to(email)) == 2

    assert owner.delete(f"members/{invited['user_id']}").status_code == 204
    stale = ApiClient(app).post(
        "/api/v1/auth/accept-invitation",
        {"token": link.group(1), "name": "I", "password": PASSWORD},
    )
    assert stale.status_code == 410 and "withdrawn" in stale.get_json()["message"]
    fresh = ApiClient(app).post(
        "/api/v1/auth/signup",
        {"email": email, "password": PASSWORD, "name": "I", "agency_name": "A"},
    )
    assert fresh.status_code == 201


def test_deleting_a_field_is_in_the_contacts_activity(owner: ApiClient) -> None:
    field = make_field(owner, "shoe", "number")
    contact = make_contact(owner, custom={"shoe": 44})
    owner.delete(f"custom-fields/{field['id']}")
    activity = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"][0]
    assert activity["kind"] == "updated" and activity["data"] == {"field_deleted": "shoe"}


def test_a_class_with_only_deleted_contacts_says_so(owner: ApiClient) -> None:
    vip = make_class(owner, "VIP")
    contact = make_contact(owner, contact_class_id=vip["id"])
    owner.delete(f"contacts/{contact['id']}")
    response = owner.delete(f"contact-classes/{vip['id']}")
    assert response.status_code == 409 and "restored" in response.get_json()["message"]


def test_invitations_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    invited = owner.ok(owner.post("members", {"email": unique_email(), "role": "viewer"}), 201)
    path = f"/api/v1/workspaces/{owner.workspace_id}/members/{invited['user_id']}"
    assert stranger.post(f"{path}/resend-invitation").status_code == 404
    assert stranger.post(f"members/{invited['user_id']}/resend-invitation").status_code == 404
