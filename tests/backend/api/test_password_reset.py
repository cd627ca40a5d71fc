"""Forgotten passwords: an emailed, signed, single-use, expiring link; sessions end."""

from __future__ import annotations

from factories.accounts import PASSWORD, ApiClient, unique_email
from factories.smtp import link_in

NEW_PASSWORD = "a brand new secret"


def _request_reset(client: ApiClient, email: str) -> None:
    response = client.post("/api/v1/auth/password-reset", {"email": email})
    assert response.status_code == 202


def test_reset_by_emailed_link_once_and_other_sessions_end(
    app, owner: ApiClient, smtp, run_jobs, settings
) -> None:
    other_device = ApiClient(app)
    other_device.ok(other_device.login(owner.email))
    _request_reset(ApiClient(app), owner.email.upper())
    run_jobs()
    [mail] = smtp.to(owner.email)
    assert f"{settings.base_url}/reset-password?token=" in mail.get_payload(decode=True).decode()
    token = link_in(mail, "/reset-password?token=")

    anonymous = ApiClient(app)
    confirm = anonymous.post(
        "/api/v1/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}
    )
    assert confirm.status_code == 204
    assert owner.get("/api/v1/me").status_code == 401
    assert other_device.get("/api/v1/me").status_code == 401
    assert ApiClient(app).login(owner.email, PASSWORD).status_code == 401
    assert ApiClient(app).login(owner.email, NEW_PASSWORD).status_code == 200

    again = anonymous.post(
        "/api/v1/auth/password-reset/confirm", {"token": token, "password": "yet another one!"}
    )
    assert again.status_code == 422 and "token" in again.get_json()["errors"]


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client: ApiClient, smtp, run_jobs
) -> None:
    email = unique_email("ghost")
    _request_reset(client, email)
    run_jobs()
    assert smtp.to(email, timeout=0.5) == []


def test_an_expired_or_forged_link_is_refused(app, owner: ApiClient, smtp, run_jobs) -> None:
    from itsdangerous import URLSafeTimedSerializer

    from cardfile import config

    secret = config.current().secret_key
    stale = URLSafeTimedSerializer(secret, salt="cardfile.password-reset")
    token = stale.dumps(
        {"u": owner.user["id"], "h": "0" * 16},
    )
    forged = ApiClient(app).post(
        "/api/v1/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}
    )
    assert forged.status_code == 422 and "not valid" in forged.get_json()["errors"]["token"][0]
    short = ApiClient(app).post(
        "/api/v1/auth/password-reset/confirm", {"token": "x", "password": "short"}
    )
    assert short.status_code == 422 and "password" in short.get_json()["errors"]


def test_reset_links_expire_after_an_hour(app, owner: ApiClient, smtp, run_jobs) -> None:
    import time

    from cardfile.auth import service

    _request_reset(ApiClient(app), owner.email)
    run_jobs()
    token = link_in(smtp.to(owner.email)[-1], "/reset-password?token=")
    real_time = time.time
    try:  # itsdangerous reads the clock through time.time
        time.time = lambda: real_time() + service.RESET_SECONDS + 5  # type: ignore[assignment]
        expired = ApiClient(app).post(
            "/api/v1/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}
        )
    finally:
        time.time = real_time  # type: ignore[assignment]
    assert expired.status_code == 422 and "expired" in expired.get_json()["errors"]["token"][0]


def test_profile_name_and_password_change_ends_other_sessions(app, owner: ApiClient) -> None:
    other_device = ApiClient(app)
    other_device.ok(other_device.login(owner.email))
    assert owner.ok(owner.patch("/api/v1/me", {"name": "Ola Nowak"}))["name"] == "Ola Nowak"
    wrong = owner.post(
        "/api/v1/me/password", {"current_password": "not-it-at-all", "password": NEW_PASSWORD}
    )
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["errors"]
    changed = owner.post(
        "/api/v1/me/password", {"current_password": PASSWORD, "password": NEW_PASSWORD}
    )
    assert changed.status_code == 204
    assert owner.get("/api/v1/me").status_code == 200
    assert other_device.get("/api/v1/me").status_code == 401
    assert ApiClient(app).login(owner.email, NEW_PASSWORD).status_code == 200
