from __future__ import annotations

from sqlalchemy import text

from factories.accounts import PASSWORD, ApiClient, signup_client, unique_email


def test_signup_logs_in_and_me_lists_the_first_workspace(client: ApiClient) -> None:
    email = unique_email()
    response = client.post(
        "/api/v1/auth/signup",
        {
            "email": email,
            "password": PASSWORD,
            "name": "Ann",
            "agency_name": "Ann's Agency",
        },
    )
    body = client.ok(response, 201)
    assert body["user"]["email"] == email and body["csrf_token"]
    me = client.ok(client.get("/api/v1/me"))
    assert [a["role"] for a in me["agencies"]] == ["owner"]
    assert me["workspaces"][0]["role"] == "admin"
    assert me["workspaces"][0]["agency_name"] == "Ann's Agency"


def test_password_is_stored_as_argon2(app, owner: ApiClient) -> None:
    from cardfile.db.engine import get_engine

    with get_engine().connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM public.users WHERE email = :e"),
            {"e": owner.email},
        ).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_duplicate_signup_is_409_naming_email(client: ApiClient, owner: ApiClient) -> None:
    response = client.post(
        "/api/v1/auth/signup",
        {
            "email": owner.email.upper(),
            "password": PASSWORD,
            "name": "X",
            "agency_name": "Y",
        },
    )
    assert response.status_code == 409
    assert "email" in response.get_json()["errors"]


def test_signup_validation_names_fields(client: ApiClient) -> None:
    response = client.post(
        "/api/v1/auth/signup",
        {"email": "nope", "password": "short", "name": "x" * 10_000, "extra": 1},
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert {"email", "password", "name", "agency_name", "extra"} <= set(errors)


def test_login_wrong_password_401_then_right_password(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    assert client.login(owner.email, "wrong password!").status_code == 401
    assert client.login(owner.email.upper()).status_code == 200
    assert client.ok(client.get("/api/v1/me"))["user"]["email"] == owner.email


def test_login_rotates_session_and_logout_revokes_it(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    client.login(owner.email)
    first_cookie = client.http.get_cookie("cardfile_session").value
    first_csrf = client.csrf
    client.login(owner.email)
    assert client.http.get_cookie("cardfile_session").value != first_cookie
    assert client.csrf != first_csrf
    # The pre-rotation cookie no longer authenticates.
    old = ApiClient(app)
    old.http.set_cookie("cardfile_session", first_cookie)
    assert old.get("/api/v1/me").status_code == 401
    # Logout revokes server-side: a copy of the current cookie stops working too.
    copy = ApiClient(app)
    copy.http.set_cookie("cardfile_session", client.http.get_cookie("cardfile_session").value)
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert copy.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_session_cookie_flags(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    response = client.login(owner.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_too_many_failures_for_an_account_is_429_with_retry_after(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    statuses = [client.login(owner.email, f"wrong-{i}-password").status_code for i in range(10)]
    assert statuses == [401] * 10
    blocked = client.login(owner.email)  # even the right password, now
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert blocked.get_json()["code"] == "too_many_requests"


def test_account_limit_applies_across_ips(app, owner: ApiClient) -> None:
    for i in range(10):
        client = ApiClient(app)
        response = client.http.post(
            "/api/v1/auth/login",
            json={"email": owner.email, "password": f"bad-{i}-xxxxx"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{i + 1}"},
        )
        assert response.status_code == 401
    response = ApiClient(app).http.post(
        "/api/v1/auth/login",
        json={"email": owner.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.1.1"},
    )
    assert response.status_code == 429


def test_successful_logins_do_not_count_towards_the_limit(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    for _ in range(12):
        assert client.login(owner.email).status_code == 200


def test_cookie_writes_need_the_csrf_header(owner: ApiClient) -> None:
    missing = owner.post("/api/v1/auth/tokens", {"name": "ci"}, csrf=False)
    assert missing.status_code == 403
    wrong = owner.post(
        "/api/v1/auth/tokens",
        {"name": "ci"},
        csrf=False,
        headers={"X-CSRF-Token": "not-the-token"},
    )
    assert wrong.status_code == 403
    assert owner.post("/api/v1/auth/tokens", {"name": "ci"}).status_code == 201


def test_api_token_authenticates_without_csrf_and_is_stored_hashed(app, owner: ApiClient) -> None:
    created = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "integration"}), 201)
    bearer = ApiClient(app, token=created["token"])
    bearer.workspace_id = owner.workspace_id
    assert bearer.ok(bearer.get("/api/v1/me"))["user"]["email"] == owner.email
    bearer.ok(bearer.post("contacts", {"email": "via-token@example.org"}), 201)
    listed = owner.ok(owner.get("/api/v1/auth/tokens"))
    assert listed["total"] == 1 and "token" not in listed["items"][0]
    from cardfile.db.engine import get_engine

    with get_engine().connect() as conn:
        stored = conn.execute(
            text("SELECT token_hash FROM public.api_tokens WHERE id = :i"),
            {"i": created["id"]},
        ).scalar_one()
    assert created["token"] not in stored
    assert owner.delete(f"/api/v1/auth/tokens/{created['id']}").status_code == 204
    assert bearer.get("/api/v1/me").status_code == 401


def test_tokens_of_another_user_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    created = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "mine"}), 201)
    assert stranger.delete(f"/api/v1/auth/tokens/{created['id']}").status_code == 404
    assert stranger.ok(stranger.get("/api/v1/auth/tokens"))["total"] == 0


def test_unauthenticated_requests_are_401(client: ApiClient, owner: ApiClient) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert client.get(f"/api/v1/workspaces/{owner.workspace_id}/contacts").status_code == 401
    assert client.get("/api/v1/workspaces").get_json()["code"] == "unauthorized"


def test_security_headers(client: ApiClient) -> None:
    response = client.get("/api/v1/health")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_user_can_change_name_and_time_zone(owner: ApiClient) -> None:
    body = owner.ok(owner.patch("/api/v1/me", {"name": "Olivia", "time_zone": "Asia/Tokyo"}))
    assert body["time_zone"] == "Asia/Tokyo"
    bad = owner.patch("/api/v1/me", {"time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and "time_zone" in bad.get_json()["errors"]


def test_signup_twice_from_one_owner_signup_client(app) -> None:
    a, b = signup_client(app), signup_client(app)
    assert a.workspace_id != b.workspace_id
