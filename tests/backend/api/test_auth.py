from __future__ import annotations

from redis import Redis
from sqlalchemy import text

from cardfile import config
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


def _skip_backoff() -> None:
    """Stands for waiting out the growing pauses between failures (1, 2, 4 … s)."""
    redis = Redis.from_url(config.current().redis_url)
    for key in redis.scan_iter("cardfile:login-wait:*"):
        redis.delete(key)


def _fail(client: ApiClient, email: str, times: int, ip: str = "127.0.0.1") -> list[int]:
    statuses = []
    for i in range(times):
        _skip_backoff()
        response = client.http.post(
            "/api/v1/auth/login",
            json={"email": email, "password": f"wrong-{i}-password"},
            environ_base={"REMOTE_ADDR": ip},
        )
        statuses.append(response.status_code)
    return statuses


def test_ten_failures_lock_that_account_only_with_a_human_message(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    client = ApiClient(app)
    assert _fail(client, owner.email, 10) == [401] * 10
    _skip_backoff()
    blocked = client.login(owner.email)  # even the right password, now
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
    body = blocked.get_json()
    assert body["code"] == "too_many_requests"
    assert "this account" in body["message"] and "minutes" in body["message"]
    assert "per" not in body["message"]
    # The same office (same IP) can still log in to other accounts.
    assert ApiClient(app).login(stranger.email).status_code == 200


def test_failures_make_each_next_attempt_wait_longer(app, owner: ApiClient) -> None:
    client = ApiClient(app)
    assert _fail(client, owner.email, 5) == [401] * 5
    first = client.login(owner.email, "still-wrong-pass")
    assert first.status_code == 429 and first.headers["Retry-After"] == "1"
    assert "second" in first.get_json()["message"]
    _skip_backoff()
    assert client.login(owner.email, "wrong-again-pass").status_code == 401
    second = client.login(owner.email)
    assert second.status_code == 429 and second.headers["Retry-After"] == "2"


def test_account_limit_applies_across_ips(app, owner: ApiClient) -> None:
    for i in range(10):
        assert _fail(ApiClient(app), owner.email, 1, ip=f"10.0.0.{i + 1}") == [401]
    _skip_backoff()
    response = ApiClient(app).http.post(
        "/api/v1/auth/login",
        json={"email": owner.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.1.1"},
    )
    assert response.status_code == 429


def test_unknown_addresses_from_one_ip_lock_out_nobody_until_the_ip_limit(
    app, owner: ApiClient
) -> None:
    ip = "10.9.9.9"
    client = ApiClient(app)
    for i in range(99):
        assert _fail(client, unique_email(f"nobody{i}"), 1, ip=ip) == [401]
    ok = client.http.post(
        "/api/v1/auth/login",
        json={"email": owner.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": ip},
    )
    assert ok.status_code == 200
    assert _fail(client, unique_email("nobody"), 1, ip=ip) == [401]  # the 100th failure
    blocked = client.http.post(
        "/api/v1/auth/login",
        json={"email": owner.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": ip},
    )
    assert blocked.status_code == 429 and "network" in blocked.get_json()["message"]


def test_a_broken_character_in_the_password_is_422_not_500(client: ApiClient) -> None:
    for password in ("\ud800", "abc\x00def"):
        response = client.post(
            "/api/v1/auth/login", {"email": "a@example.com", "password": password}
        )
        assert response.status_code == 422, response.get_json()
        assert "password" in response.get_json()["errors"]


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
