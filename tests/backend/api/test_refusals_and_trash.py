"""Refusals that keep a workspace usable, the admins' trash, and what restricted members see."""

from __future__ import annotations

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def test_the_last_class_cannot_be_deleted(owner: ApiClient) -> None:
    [general] = owner.ok(owner.get("contact-classes"))["items"]
    refused = owner.delete(f"contact-classes/{general['id']}")
    assert (
        refused.status_code == 409 and "at least one contact class" in refused.get_json()["message"]
    )
    extra = make_class(owner, "Extra")
    assert owner.delete(f"contact-classes/{extra['id']}").status_code == 204


def test_duplicate_workspace_names_in_one_agency_are_409(
    owner: ApiClient, stranger: ApiClient
) -> None:
    owner.ok(owner.post("/api/v1/workspaces", {"name": "Bakery Kraków"}), 201)
    clash = owner.post("/api/v1/workspaces", {"name": "  bakery kraków "})
    assert clash.status_code == 409 and "name" in clash.get_json()["errors"]
    rename = owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"name": "BAKERY KRAKÓW"})
    assert rename.status_code == 409
    stranger.ok(stranger.post("/api/v1/workspaces", {"name": "Bakery Kraków"}), 201)  # other agency


def test_trash_lists_deleted_contacts_for_admins_only(app, owner: ApiClient) -> None:
    gone = make_contact(owner, first_name="Zofia")
    kept = make_contact(owner)
    assert owner.delete(f"contacts/{gone['id']}").status_code == 204
    trash = owner.ok(owner.get("contacts/trash"))
    assert [c["id"] for c in trash["items"]] == [gone["id"]] and trash["items"][0]["deleted_at"]
    assert owner.ok(owner.get("contacts/trash?q=zofia"))["total"] == 1
    member = member_client(app, owner, role="member")
    assert member.get("contacts/trash").status_code == 403
    owner.ok(owner.post(f"contacts/{gone['id']}/restore"))
    assert owner.ok(owner.get("contacts/trash"))["total"] == 0
    assert kept["id"] != gone["id"]


def test_restricted_members_see_only_tags_on_contacts_they_can_see(app, owner: ApiClient) -> None:
    vip = make_class(owner, "VIP")
    make_contact(owner, tags=["seen"], contact_class_id=vip["id"])
    make_contact(owner, tags=["secret-project"])
    member = member_client(app, owner, role="viewer", class_ids=[vip["id"]])
    assert [t["name"] for t in member.ok(member.get("tags"))["items"]] == ["seen"]
    assert {t["name"] for t in owner.ok(owner.get("tags"))["items"]} == {"seen", "secret-project"}


def test_sort_takes_one_minus_only(owner: ApiClient) -> None:
    assert owner.get("contacts?sort=-email").status_code == 200
    refused = owner.get("contacts?sort=--email")
    assert refused.status_code == 422 and "sort" in refused.get_json()["errors"]
