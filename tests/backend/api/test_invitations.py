"""Invitation links: what they say before accepting, once only, and for existing accounts."""

from __future__ import annotations

from factories.accounts import PASSWORD, ApiClient, signup_client, unique_email
from factories.smtp import link_in


def _invite(owner: ApiClient, email: str, smtp, run_jobs) -> str:  # type: ignore[no-untyped-def]
    owner.ok(owner.post("members", {"email": email, "role": "member"}), 201)
    run_jobs()
    return link_in(smtp.to(email)[-1], "/invite/")


def test_the_link_says_which_workspace_who_invited_and_which_address(
    app, owner: ApiClient, smtp, run_jobs
) -> None:
    email = unique_email("ina")
    token = _invite(owner, email, smtp, run_jobs)
    workspace = owner.ok(owner.get(f"/api/v1/workspaces/{owner.workspace_id}"))
    info = ApiClient(app).ok(ApiClient(app).post("/api/v1/auth/invitation-info", {"token": token}))
    assert info == {
        "email": email,
        "workspace_name": workspace["name"],
        "invited_by": "Olive Owner",
        "account_exists": False,
        "kind": "workspace",
    }
    missing = ApiClient(app).post("/api/v1/auth/accept-invitation", {"token": token})
    assert missing.status_code == 422
    assert set(missing.get_json()["errors"]) == {"name", "password"}
    ApiClient(app).ok(
        ApiClient(app).post(
            "/api/v1/auth/accept-invitation", {"token": token, "name": "Ina", "password": PASSWORD}
        )
    )
    used = ApiClient(app).post("/api/v1/auth/invitation-info", {"token": token})
    assert used.status_code == 410 and used.get_json()["code"] == "gone"
    assert "already accepted" in used.get_json()["message"]
    bad = ApiClient(app).post("/api/v1/auth/invitation-info", {"token": "nonsense"})
    assert bad.status_code == 422 and "token" in bad.get_json()["errors"]


def test_an_existing_account_accepts_its_link_only_when_logged_in_as_itself(
    app, owner: ApiClient, stranger: ApiClient, smtp, run_jobs
) -> None:
    invitee = signup_client(app)
    token = _invite(owner, invitee.email, smtp, run_jobs)
    info = invitee.ok(invitee.post("/api/v1/auth/invitation-info", {"token": token}))
    assert info["account_exists"] is True
    anonymous = ApiClient(app).post("/api/v1/auth/accept-invitation", {"token": token})
    assert anonymous.status_code == 401 and invitee.email in anonymous.get_json()["message"]
    wrong = stranger.post("/api/v1/auth/accept-invitation", {"token": token})
    assert wrong.status_code == 401
    body = invitee.ok(invitee.post("/api/v1/auth/accept-invitation", {"token": token}))
    invitee.csrf = body["csrf_token"]
    workspaces = {w["id"] for w in invitee.ok(invitee.get("/api/v1/me"))["workspaces"]}
    assert owner.workspace_id in workspaces


def test_a_line_break_in_the_workspace_name_is_refused(owner: ApiClient) -> None:
    response = owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"name": "Acme\nBcc: x"})
    assert response.status_code == 422 and "name" in response.get_json()["errors"]


def test_a_failed_invitation_mail_is_shown_to_the_admin(
    app, owner: ApiClient, run_jobs, settings
) -> None:
    import dataclasses

    from cardfile import config

    email = unique_email("unlucky")
    config.configure(dataclasses.replace(settings, smtp_url="smtp://127.0.0.1:1"))
    try:
        owner.ok(owner.post("members", {"email": email, "role": "member"}), 201)
        run_jobs()
    finally:
        config.configure(settings)
    listed = {m["email"]: m for m in owner.ok(owner.get("members"))["items"]}
    assert listed[email]["invitation_failed"] is True
    assert owner.post(f"members/{listed[email]['user_id']}/resend-invitation").status_code == 202
    listed = {m["email"]: m for m in owner.ok(owner.get("members"))["items"]}
    assert listed[email]["invitation_failed"] is False


def test_invitations_are_rate_limited_per_inviter(owner: ApiClient) -> None:
    statuses = [
        owner.post("members", {"email": unique_email("many"), "role": "viewer"}).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [201] * 30 and statuses[30] == 429
