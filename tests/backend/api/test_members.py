from __future__ import annotations

import re

from factories.accounts import (
    PASSWORD,
    ApiClient,
    member_client,
    signup_client,
    unique_email,
)
from factories.contacts import make_class, make_contact


def test_known_and_unknown_addresses_get_the_same_answer(app, owner: ApiClient) -> None:
    other = signup_client(app)
    other.ok(other.patch("/api/v1/me", {"name": "Secret Real Name"}))
    known = owner.ok(owner.post("members", {"email": other.email.upper(), "role": "member"}), 201)
    unknown_email = unique_email("nobody")
    unknown = owner.ok(owner.post("members", {"email": unknown_email, "role": "member"}), 201)
    assert known["status"] == unknown["status"] == "invited"
    assert set(known) == set(unknown)
    assert "Secret" not in known["name"]
    assert "Secret" not in str(owner.ok(owner.get("members")))
    again = owner.post("members", {"email": other.email, "role": "viewer"})
    assert again.status_code == 409


def test_an_existing_account_is_not_imposed_and_accepts_in_the_app(app, owner: ApiClient) -> None:
    other = signup_client(app)
    owner.ok(owner.post("members", {"email": other.email, "role": "member"}), 201)
    workspaces = {w["id"] for w in other.ok(other.get("/api/v1/me"))["workspaces"]}
    assert owner.workspace_id not in workspaces
    assert other.get(f"/api/v1/workspaces/{owner.workspace_id}/contacts").status_code == 404
    [invitation] = other.ok(other.get("/api/v1/me/invitations"))["items"]
    assert invitation["workspace_id"] == owner.workspace_id
    assert invitation["invited_by"] == "Olive Owner" and invitation["workspace_name"]
    accepted = other.ok(other.post(f"/api/v1/me/invitations/{invitation['id']}/accept"))
    assert accepted["workspace_id"] == owner.workspace_id
    roles = {w["id"]: w["role"] for w in other.ok(other.get("/api/v1/me"))["workspaces"]}
    assert roles[owner.workspace_id] == "member"
    assert other.ok(other.get("/api/v1/me/invitations"))["items"] == []
    listed = {m["email"]: m for m in owner.ok(owner.get("members"))["items"]}
    assert listed[other.email]["status"] == "active"


def test_declining_an_invitation_removes_it(app, owner: ApiClient, stranger: ApiClient) -> None:
    other = signup_client(app)
    owner.ok(owner.post("members", {"email": other.email, "role": "member"}), 201)
    [invitation] = other.ok(other.get("/api/v1/me/invitations"))["items"]
    assert stranger.post(f"/api/v1/me/invitations/{invitation['id']}/accept").status_code == 404
    assert other.delete(f"/api/v1/me/invitations/{invitation['id']}").status_code == 204
    assert other.post(f"/api/v1/me/invitations/{invitation['id']}/accept").status_code == 404
    assert other.email not in {m["email"] for m in owner.ok(owner.get("members"))["items"]}


def test_new_email_gets_an_invitation_link_that_works_once(
    app, owner: ApiClient, smtp, run_jobs
) -> None:
    email = unique_email("invitee")
    member = owner.ok(owner.post("members", {"email": email, "role": "viewer"}), 201)
    assert member["status"] == "invited"
    run_jobs()
    [message] = smtp.to(email)
    link = re.search(r"http://\S+/invite/(\S+)", message.get_payload(decode=True).decode())
    assert link, message.get_payload()
    invited = ApiClient(app)
    assert invited.login(email, PASSWORD).status_code == 401  # no password yet
    body = invited.ok(
        invited.post(
            "/api/v1/auth/accept-invitation",
            {"token": link.group(1), "name": "Ivy", "password": PASSWORD},
        )
    )
    assert body["user"]["name"] == "Ivy"
    me = invited.ok(invited.get("/api/v1/me"))
    assert [(w["id"], w["role"]) for w in me["workspaces"]] == [(owner.workspace_id, "viewer")]
    reuse = ApiClient(app).post(
        "/api/v1/auth/accept-invitation",
        {"token": link.group(1), "name": "Eve", "password": "x" * 12},
    )
    assert reuse.status_code == 410 and "already accepted" in reuse.get_json()["message"]
    forged = ApiClient(app).post(
        "/api/v1/auth/accept-invitation",
        {"token": link.group(1)[:-2] + "xx", "name": "E", "password": "x" * 12},
    )
    assert forged.status_code == 422 and "token" in forged.get_json()["errors"]


def test_restricted_member_sees_only_granted_classes(app, owner: ApiClient) -> None:
    vip, press = make_class(owner, "VIP"), make_class(owner, "Press")
    visible = make_contact(
        owner,
        email="vip@example.org",
        first_name="Vera",
        tags=["shared"],
        contact_class_id=vip["id"],
    )
    hidden = make_contact(
        owner,
        email="press@example.org",
        first_name="Vince",
        tags=["shared"],
        contact_class_id=press["id"],
    )
    make_contact(owner, email="general@example.org", first_name="Gene", tags=["shared"])
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])

    listed = member.ok(member.get("contacts"))
    assert listed["total"] == 1 and [c["id"] for c in listed["items"]] == [visible["id"]]
    assert member.ok(member.get("contacts?q=v"))["total"] == 1
    assert member.ok(member.get("contacts?tag=shared"))["total"] == 1
    assert member.ok(member.get(f"contacts?contact_class_id={press['id']}"))["total"] == 0
    for method in ("GET", "PATCH", "DELETE"):
        assert member.request(method, f"contacts/{hidden['id']}", json={}).status_code == 404
    assert member.get(f"contacts/{hidden['id']}/activities").status_code == 404
    assert member.put(f"contacts/{hidden['id']}/tags/x").status_code == 404
    assert member.delete(f"contacts/{hidden['id']}/tags/shared").status_code == 404
    assert member.post(f"contacts/{hidden['id']}/restore").status_code == 404
    tags = member.ok(member.get("tags"))["items"]
    assert [(t["name"], t["contact_count"]) for t in tags] == [("shared", 1)]
    classes = member.ok(member.get("contact-classes"))["items"]
    assert [c["name"] for c in classes] == ["VIP"]
    assert member.get(f"contact-classes/{press['id']}").status_code == 404
    # Creating: only into a granted class; default is a granted one.
    assert (
        member.post(
            "contacts", {"email": "x@example.org", "contact_class_id": press["id"]}
        ).status_code
        == 422
    )
    made = member.ok(member.post("contacts", {"email": "y@example.org"}), 201)
    assert made["contact_class_id"] == vip["id"]
    moved = member.patch(f"contacts/{visible['id']}", {"contact_class_id": press["id"]})
    assert moved.status_code == 422
    # A duplicate of an invisible contact is refused without revealing its id.
    clash = member.post("contacts", {"email": "PRESS@example.org"})
    assert clash.status_code == 409 and "existing_id" not in clash.get_json()
    # Bulk jobs use the same filter.
    assert owner.ok(owner.get("contacts"))["total"] == 4


def test_bulk_tag_job_only_touches_what_the_member_may_see(app, owner: ApiClient, run_jobs) -> None:
    vip = make_class(owner, "VIP")
    make_contact(owner, contact_class_id=vip["id"])
    make_contact(owner)
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    job_id = member.ok(member.post("contacts/bulk-tag", {"tag": "touched"}), 202)["job_id"]
    run_jobs()
    job = member.ok(member.get(f"jobs/{job_id}"))
    assert job["status"] == "finished" and job["result"]["changed"] == 1
    assert owner.ok(owner.get("contacts?tag=touched"))["total"] == 1


def test_roles_limit_who_manages_members(app, owner: ApiClient) -> None:
    member = member_client(app, owner, role="member")
    listed = member.ok(member.get("members?sort=role"))["items"]
    assert [(m["email"], m["role"], m["via_agency"]) for m in listed] == [
        (owner.email, "admin", True),
        (member.email, "member", False),
    ]
    assert owner.patch(f"members/{owner.user['id']}", {"role": "viewer"}).status_code == 409
    assert member.post("members", {"email": unique_email(), "role": "admin"}).status_code == 403
    assert member.post("contact-classes", {"name": "Nope"}).status_code == 403
    assert (
        member.post("custom-fields", {"key": "k", "label": "K", "type": "text"}).status_code == 403
    )
    promoted = owner.ok(owner.patch(f"members/{member.user['id']}", {"role": "admin"}))
    assert promoted["role"] == "admin" and promoted["all_contacts"] is True
    assert member.post("contact-classes", {"name": "Now yes"}).status_code == 201


def test_member_validation_and_removal(app, owner: ApiClient) -> None:
    bad = owner.post(
        "members",
        {
            "email": "x@example.org",
            "role": "god",
            "all_contacts": False,
            "contact_class_ids": [],
        },
    )
    assert bad.status_code == 422 and "role" in bad.get_json()["errors"]
    none = owner.post(
        "members",
        {
            "email": "x@example.org",
            "role": "member",
            "all_contacts": False,
            "contact_class_ids": [],
        },
    )
    assert none.status_code == 422 and "contact_class_ids" in none.get_json()["errors"]
    unknown = owner.post(
        "members",
        {
            "email": "x@example.org",
            "role": "member",
            "all_contacts": False,
            "contact_class_ids": [424242],
        },
    )
    assert unknown.status_code == 422
    member = member_client(app, owner)
    assert owner.delete(f"members/{member.user['id']}").status_code == 204
    assert member.get("contacts").status_code == 404
    assert member.ok(member.get("/api/v1/me"))["workspaces"][0]["id"] != owner.workspace_id


def test_members_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    path = f"/api/v1/workspaces/{owner.workspace_id}/members"
    assert stranger.get(path).status_code == 404
    assert stranger.post(path, {"email": stranger.email, "role": "admin"}).status_code == 404
    assert stranger.patch(f"{path}/{owner.user['id']}", {"role": "viewer"}).status_code == 404
