"""The agency page: client workspaces and staff with owner/admin/staff roles."""

from __future__ import annotations

from factories.accounts import ApiClient, accept_invitation_to, signup_client, unique_email


def _agency_id(client: ApiClient) -> int:
    return client.ok(client.get("/api/v1/me"))["agencies"][0]["id"]


def _accept_agency(user: ApiClient, agency_id: int) -> None:
    pending = user.ok(user.get("/api/v1/me/invitations"))["items"]
    [invitation] = [i for i in pending if i["agency_id"] == agency_id and i["workspace_id"] is None]
    user.ok(user.post(f"/api/v1/me/invitations/{invitation['id']}/accept"))


def test_agency_page_lists_workspaces_and_staff(owner: ApiClient, stranger: ApiClient) -> None:
    agency = _agency_id(owner)
    body = owner.ok(owner.get(f"/api/v1/agencies/{agency}"))
    assert body["role"] == "owner" and body["can_manage"] is True
    assert [w["id"] for w in body["workspaces"]] == [owner.workspace_id]
    staff = owner.ok(owner.get(f"/api/v1/agencies/{agency}/staff"))
    assert [(s["email"], s["role"], s["status"]) for s in staff["items"]] == [
        (owner.email, "owner", "active")
    ]
    assert stranger.get(f"/api/v1/agencies/{agency}").status_code == 404
    assert stranger.get(f"/api/v1/agencies/{agency}/staff").status_code == 404


def test_an_agency_admin_becomes_admin_of_every_workspace_once_accepted(
    app, owner: ApiClient
) -> None:
    agency = _agency_id(owner)
    colleague = signup_client(app)
    invited = owner.ok(
        owner.post(f"/api/v1/agencies/{agency}/staff", {"email": colleague.email, "role": "admin"}),
        201,
    )
    assert invited["status"] == "invited"
    assert colleague.get(f"/api/v1/workspaces/{owner.workspace_id}/contacts").status_code == 404
    _accept_agency(colleague, agency)
    later = owner.ok(owner.post("/api/v1/workspaces", {"name": "Later client"}), 201)
    roles = {w["id"]: w["role"] for w in colleague.ok(colleague.get("/api/v1/me"))["workspaces"]}
    assert roles[owner.workspace_id] == "admin" and roles[later["id"]] == "admin"


def test_staff_see_only_workspaces_they_are_added_to_and_cannot_manage(
    app, owner: ApiClient
) -> None:
    agency = _agency_id(owner)
    second = owner.ok(owner.post("/api/v1/workspaces", {"name": "Second client"}), 201)
    worker = signup_client(app)
    owner.ok(
        owner.post(f"/api/v1/agencies/{agency}/staff", {"email": worker.email, "role": "staff"}),
        201,
    )
    _accept_agency(worker, agency)
    owner.ok(owner.post("members", {"email": worker.email, "role": "member"}), 201)
    accept_invitation_to(worker, owner.workspace_id)
    page = worker.ok(worker.get(f"/api/v1/agencies/{agency}"))
    assert page["can_manage"] is False
    assert [w["id"] for w in page["workspaces"]] == [owner.workspace_id]
    assert second["id"] not in {w["id"] for w in worker.ok(worker.get("/api/v1/me"))["workspaces"]}
    refused = worker.post(
        f"/api/v1/agencies/{agency}/staff", {"email": unique_email(), "role": "staff"}
    )
    assert refused.status_code == 403


def test_the_last_owner_stays(owner: ApiClient) -> None:
    agency = _agency_id(owner)
    me = owner.user["id"]
    demote = owner.patch(f"/api/v1/agencies/{agency}/staff/{me}", {"role": "admin"})
    assert demote.status_code == 409 and "owner" in demote.get_json()["message"]
    assert owner.delete(f"/api/v1/agencies/{agency}/staff/{me}").status_code == 409
    bad = owner.post(f"/api/v1/agencies/{agency}/staff", {"email": unique_email(), "role": "boss"})
    assert bad.status_code == 422 and "role" in bad.get_json()["errors"]
