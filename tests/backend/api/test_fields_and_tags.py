from __future__ import annotations

from factories.accounts import ApiClient
from factories.contacts import make_contact, make_field


def test_custom_field_definitions(owner: ApiClient) -> None:
    plan = make_field(owner, "plan", "choice", ["Free", "Pro"])
    assert plan["position"] == 1 and plan["choices"] == ["Free", "Pro"]
    assert (
        owner.post("custom-fields", {"key": "plan", "label": "Again", "type": "text"}).status_code
        == 409
    )
    cases = [
        ({"key": "Bad Key", "label": "x", "type": "text"}, "key"),
        ({"key": "ok", "label": "x", "type": "colour"}, "type"),
        ({"key": "ok", "label": "x", "type": "choice", "choices": []}, "choices"),
        ({"key": "ok", "label": "x", "type": "text", "choices": ["a"]}, "choices"),
        (
            {"key": "ok", "label": "x", "type": "choice", "choices": ["a", "A"]},
            "choices",
        ),
        ({"key": "ok", "type": "text"}, "label"),
    ]
    for body, field in cases:
        response = owner.post("custom-fields", body)
        assert response.status_code == 422 and field in response.get_json()["errors"], body
    updated = owner.ok(
        owner.patch(
            f"custom-fields/{plan['id']}",
            {"label": "Plan level", "choices": ["Free", "Pro", "Max"]},
        )
    )
    assert updated["choices"][-1] == "Max" and updated["key"] == "plan"
    assert owner.patch(f"custom-fields/{plan['id']}", {"type": "text"}).status_code == 422


def test_deleting_a_field_removes_its_values(owner: ApiClient) -> None:
    field = make_field(owner, "shoe", "number")
    contact = make_contact(owner, custom={"shoe": 42})
    assert owner.delete(f"custom-fields/{field['id']}").status_code == 204
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))["custom"] == {}
    assert owner.patch(f"contacts/{contact['id']}", {"custom": {"shoe": 1}}).status_code == 422


def test_tags_with_counts_rename_and_delete(owner: ApiClient) -> None:
    make_contact(owner, tags=["Lead", "vip"])
    make_contact(owner, tags=["lead"])
    tags = owner.ok(owner.get("tags?sort=name"))["items"]
    assert [(t["name"], t["contact_count"]) for t in tags] == [("Lead", 2), ("vip", 1)]
    assert owner.ok(owner.get("tags?q=VI"))["total"] == 1
    assert owner.post("tags", {"name": "LEAD"}).status_code == 409
    created = owner.ok(owner.post("tags", {"name": "cold", "color": "#00ff00"}), 201)
    assert created["contact_count"] == 0
    assert owner.post("tags", {"name": "bad", "color": "url(javascript:1)"}).status_code == 422
    lead = tags[0]
    renamed = owner.ok(owner.patch(f"tags/{lead['id']}", {"name": "Prospect"}))
    assert renamed["contact_count"] == 2
    assert owner.ok(owner.get("contacts?tag=prospect"))["total"] == 2
    assert owner.delete(f"tags/{lead['id']}").status_code == 204
    assert owner.ok(owner.get("contacts?tag=prospect"))["total"] == 0


def test_members_may_create_tags_but_not_rename_or_delete(app, owner: ApiClient) -> None:
    from factories.accounts import member_client

    member = member_client(app, owner)
    tag = member.ok(member.post("tags", {"name": "mine"}), 201)
    assert member.patch(f"tags/{tag['id']}", {"name": "x"}).status_code == 403
    assert member.delete(f"tags/{tag['id']}").status_code == 403


def test_fields_and_tags_of_another_workspace_are_404(
    owner: ApiClient, stranger: ApiClient
) -> None:
    field = make_field(owner, "secret", "text")
    tag = owner.ok(owner.post("tags", {"name": "private"}), 201)
    base = f"/api/v1/workspaces/{owner.workspace_id}"
    assert stranger.get(f"{base}/custom-fields/{field['id']}").status_code == 404
    assert stranger.get(f"{base}/tags/{tag['id']}").status_code == 404
    assert stranger.delete(f"{base}/tags/{tag['id']}").status_code == 404
    assert stranger.get(f"custom-fields/{field['id']}").status_code == 404
    assert stranger.get(f"tags/{tag['id']}").status_code == 404
    assert stranger.ok(stranger.get("tags"))["total"] == 0
