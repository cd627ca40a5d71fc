"""Admin powers an admin grants a member: export, forget, merging more than two contacts."""

from __future__ import annotations

from factories.accounts import ApiClient, member_client
from factories.contacts import make_contact


def test_a_member_may_do_what_an_admin_allowed_and_nothing_more(app, owner: ApiClient) -> None:
    member = member_client(app, owner, role="member")
    three = [make_contact(owner)["id"] for _ in range(3)]
    merge = {"ids": three, "survivor_id": three[0], "fields": {}}
    assert member.post("contacts/export", {"filter": {}}).status_code == 403
    assert member.post(f"contacts/{three[0]}/gdpr-export").status_code == 403
    assert member.post(f"contacts/{three[0]}/forget").status_code == 403
    assert member.post("contacts/merge", merge).status_code == 403

    path = f"members/{member.user['id']}"
    bad = owner.patch(path, {"powers": ["export", "rule_the_world"]})
    assert bad.status_code == 422 and "powers" in str(bad.get_json()["errors"])
    granted = owner.ok(owner.patch(path, {"powers": ["export", "merge_many"]}))
    assert granted["powers"] == ["export", "merge_many"]
    assert member.post("contacts/export", {"filter": {}}).status_code == 202
    assert member.post(f"contacts/{three[0]}/gdpr-export").status_code == 202
    assert member.post(f"contacts/{three[0]}/forget").status_code == 403  # not granted
    assert member.ok(member.post("contacts/merge", merge))["id"] == three[0]

    demoted = owner.ok(owner.patch(path, {"role": "viewer"}))
    assert demoted["powers"] == []  # a viewer holds no power
    assert member.post("contacts/export", {"filter": {}}).status_code == 403
