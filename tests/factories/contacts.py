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
