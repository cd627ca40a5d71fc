"""Hostile and malformed input answers 4xx naming the problem: never a 500."""

from __future__ import annotations

import json

from factories.accounts import ApiClient
from factories.contacts import make_contact, make_field

HUGE = 2**70


def test_text_that_postgres_cannot_store_is_422(owner: ApiClient) -> None:
    contact = make_contact(owner)
    for bad in ("nul\x00byte", "lone \ud800 surrogate"):
        body = json.dumps({"email": "x@example.org", "first_name": bad}).encode(
            "utf-8", "surrogatepass"
        )
        response = owner.request("POST", "contacts", data=body, content_type="application/json")
        assert response.status_code in (400, 422), (bad, response.status_code)
        response = owner.patch(f"contacts/{contact['id']}", {"company": "a\x00b"})
        assert response.status_code == 422 and "company" in response.get_json()["errors"]
    assert owner.get("contacts?q=%00").status_code == 422
    assert owner.get("tags?q=%00").status_code == 422
    assert owner.put(f"contacts/{contact['id']}/tags/a%00b").status_code == 422
    login = ApiClient(owner.app).post(
        "/api/v1/auth/login", {"email": "a\x00@example.org", "password": "x"}
    )
    assert login.status_code == 422


def test_numbers_and_ids_out_of_range_are_4xx(owner: ApiClient) -> None:
    make_field(owner, "score", "number")
    make_field(owner, "note", "text")
    assert (
        owner.post("contacts", {"email": "n@example.org", "custom": {"score": 10**400}}).status_code
        == 422
    )
    assert (
        owner.post("contacts", {"email": "n@example.org", "custom": {"note": "a\x00"}}).status_code
        == 422
    )
    assert (
        owner.post("contacts", {"email": "n@example.org", "contact_class_id": HUGE}).status_code
        == 422
    )
    assert owner.get(f"contacts?contact_class_id={HUGE}").status_code == 422
    assert (
        owner.post("contacts/bulk-tag", {"tag": "x", "contact_class_id": HUGE}).status_code == 422
    )
    response = owner.post(
        "members",
        {
            "email": "m@example.org",
            "role": "member",
            "all_contacts": False,
            "contact_class_ids": [HUGE],
        },
    )
    assert response.status_code == 422
    assert owner.post("/api/v1/workspaces", {"name": "X", "agency_id": HUGE}).status_code == 422
    assert owner.get("/api/v1/workspaces/0/contacts").status_code == 404
    assert owner.get("jobs/not-a-uuid").status_code == 404
    assert owner.get("jobs/a%00b").status_code == 404


def test_deeply_nested_json_is_400(owner: ApiClient) -> None:
    body = "[" * 50_000 + "]" * 50_000
    for path in ("contacts", "/api/v1/auth/login"):
        response = owner.request("POST", path, data=body, content_type="application/json")
        assert response.status_code in (400, 422), (path, response.status_code)


def test_moving_a_contact_to_no_class_is_422(owner: ApiClient) -> None:
    contact = make_contact(owner)
    response = owner.patch(f"contacts/{contact['id']}", {"contact_class_id": None})
    assert response.status_code == 422 and "contact_class_id" in response.get_json()["errors"]


def test_another_workspace_is_404_before_any_validation(
    owner: ApiClient, stranger: ApiClient
) -> None:
    path = f"/api/v1/workspaces/{owner.workspace_id}/contacts"
    assert stranger.post(path, {"first_name": 42, "bogus": True}).status_code == 404
    assert stranger.get(f"{path}?page=0&sort=nope").status_code == 404
