"""Owners of a contact (workspace members only) and the Responsibles view, which counts and
lists only the contacts the caller may see."""

from __future__ import annotations

from typing import Any

from factories.accounts import ApiClient, member_client, signup_client
from factories.contacts import make_class, make_contact


def _owners(client: ApiClient, contact: dict[str, Any]) -> list[int]:
    items = client.ok(client.get(f"contacts/{contact['id']}/owners"))["items"]
    return [o["user_id"] for o in items]


def _put(client: ApiClient, contact: dict[str, Any], *user_ids: int) -> Any:
    return client.put(f"contacts/{contact['id']}/owners", {"user_ids": list(user_ids)})


def _changes(client: ApiClient, contact: dict[str, Any]) -> list[dict[str, Any]]:
    items = client.ok(client.get(f"contacts/{contact['id']}/activities"))["items"]
    return [a["data"] for a in items if a["kind"] == "owners_changed"]


def test_owners_are_replaced_and_the_timeline_names_the_change(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    member = member_client(app, owner, role="member")
    me, them = owner.user["id"], member.user["id"]
    assert owner.ok(owner.get(f"contacts/{contact['id']}/owners")) == {"items": []}
    saved = owner.ok(_put(owner, contact, me, them, me))
    assert {o["user_id"] for o in saved["items"]} == {me, them}
    assert {"user_id": me, "name": "Olive Owner", "email": owner.email} in saved["items"]
    assert owner.ok(_put(owner, contact, them))["items"] == [
        {"user_id": them, "name": member.user["name"], "email": member.email}
    ]
    owner.ok(_put(owner, contact, them))  # nothing changed: no timeline row
    assert owner.ok(_put(owner, contact)) == {"items": []}
    assert _changes(owner, contact) == [
        {"added": [], "removed": [member.user["name"]]},
        {"added": [], "removed": ["Olive Owner"]},
        {"added": sorted(["Olive Owner", member.user["name"]]), "removed": []},
    ]


def test_owners_must_be_members(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    outsider = signup_client(app)
    owner.ok(_put(owner, contact, owner.user["id"]))
    for body, message in [
        ({"user_ids": [owner.user["id"], outsider.user["id"]]}, None),
        ({"user_ids": [999_999_999]}, None),
        ({"user_ids": [0]}, "any"),
        ({"user_ids": "me"}, "any"),
        ({}, "any"),
        ({"user_ids": list(range(1, 52))}, "any"),
    ]:
        response = owner.put(f"contacts/{contact['id']}/owners", body)
        assert response.status_code == 422, body
        errors = response.get_json()["errors"]
        assert any(name.startswith("user_ids") for name in errors), errors  # user_ids.0
        if message is None:
            bad = body["user_ids"][-1]  # type: ignore[index]
            assert errors["user_ids"] == [f"User {bad} is not a member of this workspace."]
    # An invitation not accepted yet is no member either.
    invitee = signup_client(app)
    owner.ok(owner.post("members", {"email": invitee.email, "role": "member"}), 201)
    assert _put(owner, contact, invitee.user["id"]).status_code == 422
    assert _owners(owner, contact) == [owner.user["id"]]  # nothing stored


def test_responsibles_count_only_contacts_the_caller_may_see(app, owner: ApiClient) -> None:
    vip = make_class(owner, "Owners VIP")
    hidden = [make_contact(owner, first_name=f"Hidden{i}") for i in range(2)]
    shown = make_contact(owner, contact_class_id=vip["id"], first_name="Anna", last_name="Ćmielów")
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    idle = member_client(app, owner, role="viewer")
    for contact in hidden:
        owner.ok(_put(owner, contact, owner.user["id"], member.user["id"]))
    owner.ok(_put(owner, shown, member.user["id"]))

    def counts(client: ApiClient) -> dict[int, int]:
        items = client.ok(client.get("responsibles"))["items"]
        return {r["user_id"]: r["contact_count"] for r in items}

    me, them, nobody = owner.user["id"], member.user["id"], idle.user["id"]
    assert counts(owner) == {me: 2, them: 3, nobody: 0}
    assert counts(member) == {me: 0, them: 1, nobody: 0}
    items = owner.ok(owner.get("responsibles"))["items"]
    assert items[0] == {
        "user_id": them,
        "name": member.user["name"],
        "email": member.email,
        "contact_count": 3,
    }

    listed = member.ok(member.get(f"responsibles/{them}/contacts"))
    assert listed["items"] == [{"id": shown["id"], "name": "Anna Ćmielów", "email": shown["email"]}]
    assert listed["total"] == 1
    assert member.ok(member.get(f"responsibles/{me}/contacts"))["total"] == 0
    everything = owner.ok(owner.get(f"responsibles/{them}/contacts?page_size=2"))
    assert everything["total"] == 3 and len(everything["items"]) == 2
    assert [c["name"] for c in everything["items"]] == ["Anna Ćmielów", "Hidden0 Contact"]
    assert owner.get(f"responsibles/{signup_client(app).user['id']}/contacts").status_code == 404
    assert owner.get("responsibles/1/contacts?sort=email").status_code == 422

    # The hidden contact's owners are hidden with it; the viewer reads but never writes.
    assert member.get(f"contacts/{hidden[0]['id']}/owners").status_code == 404
    assert _put(member, hidden[0], them).status_code == 404
    assert _owners(idle, hidden[0]) == [me, them]  # same names: by id
    assert _put(idle, shown, nobody).status_code == 403
    assert member.ok(_put(member, shown, them, me))["items"]


def test_another_workspace_sees_no_owners(app, owner: ApiClient, stranger: ApiClient) -> None:
    contact = make_contact(owner)
    owner.ok(_put(owner, contact, owner.user["id"]))
    base = f"/api/v1/workspaces/{owner.workspace_id}"
    assert stranger.get(f"{base}/contacts/{contact['id']}/owners").status_code == 404
    put = stranger.put(f"{base}/contacts/{contact['id']}/owners", {"user_ids": []})
    assert put.status_code == 404
    assert stranger.get(f"{base}/responsibles").status_code == 404
    assert stranger.get(f"{base}/responsibles/{owner.user['id']}/contacts").status_code == 404
    mine = make_contact(stranger)
    assert _put(stranger, mine, owner.user["id"]).status_code == 422
    assert [r["user_id"] for r in stranger.ok(stranger.get("responsibles"))["items"]] == [
        stranger.user["id"]
    ]
    assert _owners(owner, contact) == [owner.user["id"]]


def test_a_merge_keeps_each_owner_once(app, owner: ApiClient) -> None:
    from cardfile.access.owned import merge_contact_rows
    from cardfile.db.scope import workspace_session

    member = member_client(app, owner, role="member")
    keep, merged = make_contact(owner), make_contact(owner)
    owner.ok(_put(owner, keep, owner.user["id"]))
    owner.ok(_put(owner, merged, owner.user["id"], member.user["id"]))
    with workspace_session(owner.workspace_id) as session:
        merge_contact_rows(session, keep["id"], merged["id"])
    assert sorted(_owners(owner, keep)) == sorted([owner.user["id"], member.user["id"]])
    assert _owners(owner, merged) == []
    items = owner.ok(owner.get("responsibles"))["items"]
    counts = {r["user_id"]: r["contact_count"] for r in items}
    assert counts == {owner.user["id"]: 1, member.user["id"]: 1}
