"""Contacts, classes, fields and tags made through the API."""

from __future__ import annotations

import uuid
from typing import Any

from factories.accounts import ApiClient


def make_contact(client: ApiClient, **fields: Any) -> dict[str, Any]:
    body = {
        "email": f"c-{uuid.uuid4().hex[:10]}@example.org",
        "first_name": "Casey",
        "last_name": "Contact",
        **fields,
    }
    return client.ok(client.post("contacts", body), 201)


def make_class(client: ApiClient, name: str | None = None) -> dict[str, Any]:
    return client.ok(
        client.post("contact-classes", {"name": name or f"Class {uuid.uuid4().hex[:6]}"}),
        201,
    )


def make_field(
    client: ApiClient,
    key: str,
    type_: str,
    choices: list[str] | None = None,
) -> dict[str, Any]:
    return client.ok(
        client.post(
            "custom-fields",
            {"key": key, "label": key.title(), "type": type_, "choices": choices or []},
        ),
        201,
    )


def insert_contacts(
    workspace_id: int, email_sql: str, n: int = 1, first_name: str = "Bulk", **params: Any
) -> None:
    """n contacts straight into the table in one statement, in the General class: many at
    once, or addresses the API would trim or refuse. `email_sql` is an SQL expression of `i`
    (1..n) and of the `params` (":prefix || i || '@x.pl'")."""
    from sqlalchemy import text

    from cardfile.db.scope import workspace_session

    with workspace_session(workspace_id) as session:
        general = session.execute(
            text("SELECT id FROM contact_classes WHERE name = 'General'")
        ).scalar_one()
        session.execute(
            text(
                "INSERT INTO contacts (email, first_name, contact_class_id, custom, created_at, "
                f"updated_at) SELECT {email_sql}, :first_name, :class_id, '{{}}', now(), now() "
                "FROM generate_series(1, :n) i"
            ),
            {**params, "first_name": first_name, "class_id": general, "n": n},
        )
