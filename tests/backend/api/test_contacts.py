from __future__ import annotations

from factories.accounts import ApiClient
from factories.contacts import make_class, make_contact, make_field


def test_create_view_edit_delete_restore(owner: ApiClient) -> None:
    created = make_contact(
        owner,
        email="Ada@Example.org",
        first_name="Ada",
        phone="+44 20 7946",
        company="Analytical",
        time_zone="Europe/London",
        tags=["vip", "Lead"],
    )
    assert created["tags"] == ["Lead", "vip"] and created["contact_class_id"]
    got = owner.ok(owner.get(f"contacts/{created['id']}"))
    assert got["email"] == "Ada@Example.org"
    edited = owner.ok(
        owner.patch(f"contacts/{created['id']}", {"last_name": "Lovelace", "tags": ["vip"]})
    )
    assert edited["last_name"] == "Lovelace" and edited["tags"] == ["vip"]
    assert owner.delete(f"contacts/{created['id']}").status_code == 204
    assert owner.get(f"contacts/{created['id']}").status_code == 404
    assert owner.ok(owner.get("contacts"))["total"] == 0
    restored = owner.ok(owner.post(f"contacts/{created['id']}/restore"))
    assert restored["id"] == created["id"]
    kinds = [
        a["kind"] for a in owner.ok(owner.get(f"contacts/{created['id']}/activities"))["items"]
    ]
    assert kinds == ["restored", "deleted", "updated", "created"]


def test_email_is_unique_case_insensitively_409_names_existing(
    owner: ApiClient,
) -> None:
    first = make_contact(owner, email="dup@example.org")
    response = owner.post("contacts", {"email": "DUP@example.org"})
    assert response.status_code == 409
    body = response.get_json()
    assert body["existing_id"] == first["id"] and "email" in body["errors"]
    other = make_contact(owner, email="other@example.org")
    clash = owner.patch(f"contacts/{other['id']}", {"email": "Dup@Example.org"})
    assert clash.status_code == 409


def test_email_or_phone_required(owner: ApiClient) -> None:
    response = owner.post("contacts", {"first_name": "Nobody"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"email", "phone"}
    assert owner.post("contacts", {"phone": "+1 555 0100"}).status_code == 201


def test_invalid_input_names_the_field_and_changes_nothing(owner: ApiClient) -> None:
    make_field(owner, "plan", "choice", ["Free", "Pro"])
    contact = make_contact(
        owner, email="keep@example.org", first_name="Keep", custom={"plan": "Pro"}
    )
    before = owner.ok(owner.get(f"contacts/{contact['id']}"))
    cases = [
        ({"first_name": 42}, "first_name"),
        ({"first_name": "x" * 10_240}, "first_name"),
        ({"email": "not-an-email"}, "email"),
        ({"unknown_field": 1}, "unknown_field"),
        ({"custom": {"nope": 1}}, "custom.nope"),
        ({"custom": {"plan": "Platinum"}}, "custom.plan"),
        ({"tags": "vip"}, "tags"),
        ({"tags": ["x" * 200]}, "tags.0"),
        ({"contact_class_id": "1"}, "contact_class_id"),
        ({"contact_class_id": 999999}, "contact_class_id"),
        ({"time_zone": "Nowhere/Land"}, "time_zone"),
        ({"phone": "call me maybe"}, "phone"),
    ]
    for body, field in cases:
        for response in (
            owner.patch(f"contacts/{contact['id']}", body),
            owner.post("contacts", {"email": "new@example.org", **body}),
        ):
            assert response.status_code == 422, (body, response.status_code)
            assert field in response.get_json()["errors"], (body, response.get_json())
    assert owner.ok(owner.get(f"contacts/{contact['id']}")) == before
    assert owner.ok(owner.get("contacts"))["total"] == 1


def test_non_json_and_garbage_bodies_are_4xx_not_500(owner: ApiClient) -> None:
    response = owner.request("POST", "contacts", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    response = owner.request("POST", "contacts", json=["a", "list"])
    assert response.status_code == 422
    assert owner.get("contacts/99999999999999999999999").status_code == 404
    assert owner.get("contacts?page=0").status_code == 422
    assert owner.get("contacts?page_size=201").status_code == 422
    assert owner.get("contacts?sort=password").status_code == 422


def test_custom_fields_validate_by_type(owner: ApiClient) -> None:
    for key, type_ in [
        ("notes", "text"),
        ("score", "number"),
        ("since", "date"),
        ("active", "boolean"),
    ]:
        make_field(owner, key, type_)
    make_field(owner, "plan", "choice", ["Free", "Pro"])
    make_field(owner, "topics", "multi_choice", ["news", "offers"])
    good = {
        "notes": "hi",
        "score": 4.5,
        "since": "2024-02-29",
        "active": True,
        "plan": "Free",
        "topics": ["news", "offers"],
    }
    contact = make_contact(owner, custom=good)
    assert contact["custom"] == good
    bad = {
        "notes": 1,
        "score": "high",
        "since": "2023-02-30",
        "active": "yes",
        "plan": "Gold",
        "topics": ["spam"],
    }
    for key, value in bad.items():
        response = owner.patch(f"contacts/{contact['id']}", {"custom": {key: value}})
        assert response.status_code == 422 and f"custom.{key}" in response.get_json()["errors"]
    cleared = owner.ok(owner.patch(f"contacts/{contact['id']}", {"custom": {"notes": None}}))
    assert "notes" not in cleared["custom"] and cleared["custom"]["score"] == 4.5


def test_search_filter_sort_paginate(owner: ApiClient) -> None:
    vip = make_class(owner, "VIP")
    make_contact(
        owner,
        email="zed@zulu.example",
        first_name="Zed",
        company="Zulu Corp",
        tags=["lead"],
    )
    make_contact(
        owner,
        email="amy@alpha.example",
        first_name="Amy",
        company="Alpha 100%",
        tags=["lead", "vip"],
        contact_class_id=vip["id"],
    )
    bob = make_contact(owner, phone="+1 555 777 0101", first_name="Bob", company="Beta")
    assert (bob["phone"], bob["phone_display"]) == ("+15557770101", "+1 555 777 0101")
    assert owner.ok(owner.get("contacts?q=ALPHA"))["total"] == 1
    assert owner.ok(owner.get("contacts?q=555 777"))["items"][0]["first_name"] == "Bob"
    assert owner.ok(owner.get("contacts?q=100%25"))["total"] == 1  # % is literal
    assert owner.ok(owner.get("contacts?q=_"))["total"] == 0
    assert owner.ok(owner.get("contacts?tag=LEAD"))["total"] == 2
    assert owner.ok(owner.get(f"contacts?contact_class_id={vip['id']}"))["total"] == 1
    names = [c["first_name"] for c in owner.ok(owner.get("contacts?sort=first_name"))["items"]]
    assert names == ["Amy", "Bob", "Zed"]
    names = [c["first_name"] for c in owner.ok(owner.get("contacts?sort=-first_name"))["items"]]
    assert names == ["Zed", "Bob", "Amy"]
    page = owner.ok(owner.get("contacts?sort=first_name&page=2&page_size=2"))
    assert (
        page["total"] == 3
        and page["page"] == 2
        and [c["first_name"] for c in page["items"]] == ["Zed"]
    )


def test_single_tag_endpoints(owner: ApiClient) -> None:
    contact = make_contact(owner)
    tagged = owner.ok(owner.put(f"contacts/{contact['id']}/tags/Gold"))
    assert tagged["tags"] == ["Gold"]
    assert owner.ok(owner.put(f"contacts/{contact['id']}/tags/gold"))["tags"] == ["Gold"]
    assert owner.ok(owner.delete(f"contacts/{contact['id']}/tags/GOLD"))["tags"] == []


def test_viewer_reads_but_cannot_write(app, owner: ApiClient) -> None:
    from factories.accounts import member_client

    contact = make_contact(owner)
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(f"contacts/{contact['id']}"))["id"] == contact["id"]
    assert viewer.post("contacts", {"email": "v@example.org"}).status_code == 403
    assert viewer.patch(f"contacts/{contact['id']}", {"first_name": "V"}).status_code == 403
    assert viewer.delete(f"contacts/{contact['id']}").status_code == 403


def test_contacts_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    contact = make_contact(owner)
    path = f"/api/v1/workspaces/{owner.workspace_id}/contacts/{contact['id']}"
    assert stranger.get(path).status_code == 404
    assert stranger.patch(path, {"first_name": "X"}).status_code == 404
    assert stranger.delete(path).status_code == 404
    assert stranger.get(f"{path}/activities").status_code == 404
    assert stranger.put(f"{path}/tags/x").status_code == 404
    # the stranger's own workspace has no such contact either
    assert stranger.get(f"contacts/{contact['id']}").status_code == 404
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))["first_name"] == "Casey"


def test_a_next_action_and_follow_up_are_kept_and_in_the_timeline(owner) -> None:  # type: ignore[no-untyped-def]
    from factories.contacts import make_contact

    contact = make_contact(owner)
    path = f"contacts/{contact['id']}"
    naive = owner.patch(path, {"follow_up_at": "2026-12-01T09:00:00"})
    assert naive.status_code == 422 and "time zone" in naive.get_json()["errors"]["follow_up_at"][0]
    changed = owner.ok(
        owner.patch(
            path, {"next_action": "Wyślij ofertę", "follow_up_at": "2026-12-01T09:00:00+01:00"}
        )
    )
    assert changed["next_action"] == "Wyślij ofertę"
    assert changed["follow_up_at"].startswith("2026-12-01T08:00:00")  # stored in UTC
    card = owner.ok(owner.get(path))
    assert (card["next_action"], card["follow_up_at"]) == (
        changed["next_action"],
        changed["follow_up_at"],
    )
    [latest] = owner.ok(owner.get(f"{path}/activities?page_size=1"))["items"]
    assert latest["data"]["changes"]["follow_up_at"][1].startswith("2026-12-01T")
    assert (
        owner.ok(owner.patch(path, {"next_action": "", "follow_up_at": None}))["next_action"]
        is None
    )
