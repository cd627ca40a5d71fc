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


def test_empty_strings_from_integrations_mean_no_value(owner: ApiClient) -> None:
    empty = {k: "" for k in ("first_name", "last_name", "company", "time_zone")}
    created = owner.ok(
        owner.post("contacts", {"email": "", "phone": "+48 601 234 567", **empty}), 201
    )
    assert created["email"] is None and created["first_name"] is None
    patched = owner.ok(owner.patch(f"contacts/{created['id']}", {"email": "", **empty}))
    assert patched["time_zone"] is None
    nothing = owner.post("contacts", {"email": "", "phone": ""})
    assert nothing.status_code == 422
    assert nothing.get_json()["errors"]["email"] == ["Enter an email or a phone number."]


def test_control_characters_and_garbage_phones_are_refused_by_name(owner: ApiClient) -> None:
    response = owner.post("contacts", {"email": "cc@example.org", "first_name": "b\u00c8\u0012"})
    assert response.status_code == 422 and "first_name" in response.get_json()["errors"]
    garbage = owner.post("contacts", {"email": "ph@example.org", "phone": "-4 93.08524 )-"})
    assert garbage.status_code == 422
    assert "country code" in garbage.get_json()["errors"]["phone"][0]
    polish = owner.ok(owner.post("contacts", {"phone": "+48 601-234-567"}), 201)
    assert (polish["phone"], polish["phone_display"]) == ("+48601234567", "+48 601-234-567")
    assert owner.ok(owner.get("contacts?q=601-234"))["total"] >= 1


def test_messages_speak_to_people(owner: ApiClient) -> None:
    bad_email = owner.post("contacts", {"email": "not-an-address"})
    assert bad_email.get_json()["errors"]["email"] == [
        "Enter a valid email address, like name@example.com."
    ]
    long = owner.post("contacts", {"email": "x@example.org", "first_name": "x" * 101})
    assert long.get_json()["errors"]["first_name"] == ["Use at most 100 characters."]
    no_name = owner.post("contact-classes", {"name": "  "})
    assert no_name.get_json()["errors"]["name"] == ["Enter a class name."]


def test_a_5001_digit_number_is_a_400_not_a_500(owner: ApiClient) -> None:
    make_field(owner, "budget", "number")
    body = '{"email": "d@example.org", "custom": {"budget": ' + "9" * 5001 + "}}"
    response = owner.request("POST", "contacts", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "digits" in response.get_json()["errors"]["json"][0]


def test_number_fields_take_a_decimal_comma_and_refuse_words(owner: ApiClient) -> None:
    make_field(owner, "price", "number")
    comma = owner.ok(
        owner.post("contacts", {"email": "p@example.org", "custom": {"price": "12,5"}}), 201
    )
    assert comma["custom"]["price"] == 12.5
    words = owner.post("contacts", {"email": "q@example.org", "custom": {"price": "twelve"}})
    assert words.get_json()["errors"]["custom.price"] == ["Enter a number, like 12.5."]


def test_field_keys_are_transliterated_from_any_label(owner: ApiClient) -> None:
    polish = owner.ok(owner.post("custom-fields", {"label": "Budżet (PLN)", "type": "number"}), 201)
    cyrillic = owner.ok(owner.post("custom-fields", {"label": "Источник", "type": "text"}), 201)
    assert (polish["key"], cyrillic["key"]) == ("budzet_pln", "istochnik")
    explicit = owner.post("custom-fields", {"label": "X", "key": "Bad Key", "type": "text"})
    assert explicit.status_code == 422 and "lowercase" in explicit.get_json()["errors"]["key"][0]
    again = owner.post("custom-fields", {"label": "Budżet (PLN)", "type": "number"})
    assert again.status_code == 409 and "key" in again.get_json()["errors"]
