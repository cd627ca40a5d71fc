"""Lists and subscriptions made through the API."""

from __future__ import annotations

import uuid
from typing import Any

from factories.accounts import ApiClient


def make_list(client: ApiClient, **fields: Any) -> dict[str, Any]:
    body = {"name": f"List {uuid.uuid4().hex[:6]}", **fields}
    return client.ok(client.post("lists", body), 201)


def subscribe(
    client: ApiClient, list_id: int, contact_id: int, status: str = "subscribed"
) -> dict[str, Any]:
    answer = client.post(
        f"lists/{list_id}/subscriptions", {"contact_id": contact_id, "status": status}
    )
    assert answer.status_code in (200, 201), answer.get_json()  # added, or changed
    return answer.get_json()


def form_path(mailing_list: dict[str, Any]) -> str:
    """The form's URL as a path for the test client."""
    return "/api/v1/public/" + mailing_list["form_url"].split("/api/v1/public/", 1)[1]


def subscribe_all(workspace_id: int, list_id: int, email_like: str) -> None:
    """Every contact whose email is LIKE `email_like` subscribed, in one statement (many at
    once, straight into the table)."""
    from sqlalchemy import text

    from cardfile.db.scope import workspace_session

    with workspace_session(workspace_id) as session:
        session.execute(
            text(
                "INSERT INTO subscriptions (list_id, contact_id, status, subscribed_at, "
                "created_at, updated_at) SELECT :list, id, 'subscribed', now(), now(), now() "
                "FROM contacts WHERE email LIKE :like"
            ),
            {"list": list_id, "like": email_like},
        )
