"""Notes on a contact: sanitised rich text, pinned first, hidden with their contact, and in
the timeline under who wrote them."""

from __future__ import annotations

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def test_a_note_keeps_its_text_and_loses_anything_that_could_run(owner: ApiClient) -> None:
    contact = make_contact(owner)
    body = (
        '<p onclick="steal()">Zadzwonić w <strong>piątek</strong> 📞</p>'
        '<script>alert(1)</script><a href="javascript:alert(2)">x</a>'
        '<a href="https://example.org/offer">oferta</a><img src=x onerror=alert(3)>'
    )
    note = owner.ok(owner.post(f"contacts/{contact['id']}/notes", {"body": body}), 201)
    kept = note["body"]
    assert "<strong>piątek</strong> 📞" in kept and "https://example.org/offer" in kept
    for gone in ("onclick", "<script", "javascript:", "<img", "onerror"):
        assert gone not in kept
    assert note["author_name"] == "Olive Owner" and note["pinned"] is False
    empty = owner.post(f"contacts/{contact['id']}/notes", {"body": "<script>x</script> <p></p>"})
    assert empty.status_code == 422 and empty.get_json()["errors"]["body"] == [
        "Write something in the note."
    ]


def test_pinned_notes_come_first_and_every_change_is_in_the_timeline(owner: ApiClient) -> None:
    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/notes"
    first = owner.ok(owner.post(path, {"body": "first"}), 201)
    owner.ok(owner.post(path, {"body": "second"}), 201)
    owner.ok(owner.patch(f"{path}/{first['id']}", {"pinned": True}))
    listed = owner.ok(owner.get(path))
    assert [n["body"] for n in listed["items"]] == ["first", "second"] and listed["total"] == 2
    assert owner.delete(f"{path}/{first['id']}").status_code == 204
    assert owner.get(f"{path}/{first['id']}").status_code == 404
    kinds = [
        a["kind"] for a in owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    ]
    assert kinds[:4] == ["note_deleted", "note_pinned", "note_added", "note_added"]
    two = owner.ok(owner.post(path, {"body": "<p>one</p><p>two&amp;three</p>"}), 201)
    owner.ok(owner.patch(f"{path}/{two['id']}", {"body": "<p>edited</p>"}))
    latest = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"][:2]
    assert [(a["kind"], a["data"]["note"]) for a in latest] == [
        ("note_edited", "edited"),
        ("note_added", "one two&three"),
    ]


def test_notes_follow_their_contact_and_the_role(app, owner: ApiClient) -> None:
    vip = make_class(owner, "Notes VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    note = owner.ok(owner.post(f"contacts/{hidden['id']}/notes", {"body": "secret"}), 201)
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    assert member.get(f"contacts/{hidden['id']}/notes").status_code == 404
    assert member.get(f"contacts/{hidden['id']}/notes/{note['id']}").status_code == 404
    assert (
        member.patch(f"contacts/{hidden['id']}/notes/{note['id']}", {"pinned": True}).status_code
        == 404
    )
    assert member.post(f"contacts/{shown['id']}/notes", {"body": "ok"}).status_code == 201
    # A note id under another contact is not found either.
    assert owner.get(f"contacts/{shown['id']}/notes/{note['id']}").status_code == 404
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(f"contacts/{hidden['id']}/notes"))["total"] == 1
    assert viewer.post(f"contacts/{hidden['id']}/notes", {"body": "no"}).status_code == 403


def test_a_note_from_the_api_names_the_integration(app, owner: ApiClient) -> None:
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "crm-sync"}), 201)["token"]
    api = ApiClient(app, token=token)
    api.workspace_id = owner.workspace_id
    contact = make_contact(owner)
    api.ok(api.post(f"contacts/{contact['id']}/notes", {"body": "synced"}), 201)
    items = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"]
    assert items[0]["kind"] == "note_added" and items[0]["actor_name"] == "Olive Owner via API"
