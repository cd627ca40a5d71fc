"""Users acting through the API: a Flask test client that carries the CSRF token."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


class ApiClient:
    def __init__(self, app: Flask, token: str | None = None) -> None:
        self.app = app
        self.http = app.test_client()
        self.csrf: str | None = None
        self.token = token
        self.user: dict[str, Any] = {}
        self.workspace_id: int = 0
        self.email = ""

    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        csrf: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> TestResponse:
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if csrf and self.csrf and method != "GET":
            headers.setdefault("X-CSRF-Token", self.csrf)
        if not path.startswith("/"):
            path = f"/api/v1/workspaces/{self.workspace_id}/{path}"
        return self.http.open(path, method=method, json=json, headers=headers, **kwargs)

    def get(self, path: str, **kw: Any) -> TestResponse:
        return self.request("GET", path, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> TestResponse:
        return self.request("POST", path, json=json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> TestResponse:
        return self.request("PATCH", path, json=json, **kw)

    def put(self, path: str, json: Any = None, **kw: Any) -> TestResponse:
        return self.request("PUT", path, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> TestResponse:
        return self.request("DELETE", path, **kw)

    def ok(self, response: TestResponse, status: int = 200) -> Any:
        assert response.status_code == status, (
            response.status_code,
            response.get_json(),
        )
        return response.get_json()

    def login(self, email: str, password: str = PASSWORD) -> TestResponse:
        response = self.post("/api/v1/auth/login", {"email": email, "password": password})
        if response.status_code == 200:
            self.csrf = response.get_json()["csrf_token"]
            self.user = response.get_json()["user"]
            self.email = email
        return response


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{next(_counter)}-{uuid.uuid4().hex[:6]}@example.com"


def signup_client(app: Flask, agency: str | None = None) -> ApiClient:
    client = ApiClient(app)
    email = unique_email("owner")
    body = client.ok(
        client.post(
            "/api/v1/auth/signup",
            {
                "email": email,
                "password": PASSWORD,
                "name": "Olive Owner",
                "agency_name": agency or f"Agency {uuid.uuid4().hex[:6]}",
            },
        ),
        201,
    )
    client.csrf, client.user, client.email = body["csrf_token"], body["user"], email
    me = client.ok(client.get("/api/v1/me"))
    client.workspace_id = me["workspaces"][0]["id"]
    return client


def member_client(
    app: Flask,
    admin: ApiClient,
    role: str = "member",
    class_ids: list[int] | None = None,
) -> ApiClient:
    """An existing account added to admin's workspace with a role and (optionally) classes."""
    member = signup_client(app)
    admin.ok(
        admin.post(
            "members",
            {
                "email": member.email,
                "role": role,
                "all_contacts": class_ids is None,
                "contact_class_ids": class_ids or [],
            },
        ),
        201,
    )
    accept_invitation_to(member, admin.workspace_id)
    member.workspace_id = admin.workspace_id
    return member


def accept_invitation_to(user: ApiClient, workspace_id: int) -> None:
    """An existing account says yes to its invitation in the app."""
    pending = user.ok(user.get("/api/v1/me/invitations"))["items"]
    [invitation] = [i for i in pending if i["workspace_id"] == workspace_id]
    user.ok(user.post(f"/api/v1/me/invitations/{invitation['id']}/accept"))
