from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def _tag(client: ApiClient, name: str) -> dict[str, Any]:
    return client.ok(client.post("tags", {"name": name}), 201)


def _tag_on(client: ApiClient, contact_id: int, name: str, expires: datetime | None) -> None:
    body: dict[str, Any] = {"name": name}
    if expires is not None:
        body["expires_at"] = expires.isoformat()
    assert client.post(f"contacts/{contact_id}/tags", body).status_code in (200, 201)


def _tags_of(client: ApiClient, contact_id: int) -> dict[str, str | None]:
    items = client.ok(client.get(f"contacts/{contact_id}/tags"))["items"]
    return {t["name"]: t["expires_at"] for t in items}


def _merged_rows(client: ApiClient, contact_id: int) -> list[dict[str, Any]]:
    page = client.ok(client.get(f"contacts/{contact_id}/activity?type=tag_merged"))
    return [a["data"] for a in page["items"]]


def _same_time(iso: str | None, when: datetime) -> bool:
    return iso is not None and datetime.fromisoformat(iso) == when


def test_merge_moves_contacts_keeps_one_tag_and_the_later_expiry(owner: ApiClient) -> None:
    soon = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    later = soon + timedelta(days=5)
    lead, prospect = _tag(owner, "lead"), _tag(owner, "Prospekt łódzki")
    only_lead = make_contact(owner)["id"]
    both_later_on_lead = make_contact(owner)["id"]
    both_later_on_prospect = make_contact(owner)["id"]
    both_one_forever = make_contact(owner)["id"]
    only_prospect = make_contact(owner)["id"]
    untouched = make_contact(owner, tags=["other"])["id"]
    _tag_on(owner, only_lead, "lead", soon)
    _tag_on(owner, both_later_on_lead, "lead", later)
    _tag_on(owner, both_later_on_lead, "Prospekt łódzki", soon)
    _tag_on(owner, both_later_on_prospect, "lead", soon)
    _tag_on(owner, both_later_on_prospect, "Prospekt łódzki", later)
    _tag_on(owner, both_one_forever, "lead", soon)
    _tag_on(owner, both_one_forever, "Prospekt łódzki", None)
    _tag_on(owner, only_prospect, "Prospekt łódzki", None)

    merged = owner.ok(owner.post(f"tags/{lead['id']}/merge", {"into_id": prospect["id"]}))
    assert merged["id"] == prospect["id"] and merged["name"] == "Prospekt łódzki"
    assert merged["contact_count"] == 5

    assert owner.get(f"tags/{lead['id']}").status_code == 404
    assert _same_time(_tags_of(owner, only_lead)["Prospekt łódzki"], soon)
    assert _same_time(_tags_of(owner, both_later_on_lead)["Prospekt łódzki"], later)
    assert _same_time(_tags_of(owner, both_later_on_prospect)["Prospekt łódzki"], later)
    assert _tags_of(owner, both_one_forever) == {"Prospekt łódzki": None}
    assert _tags_of(owner, only_prospect) == {"Prospekt łódzki": None}
    assert _tags_of(owner, untouched) == {"other": None}

    moved = [only_lead, both_later_on_lead, both_later_on_prospect, both_one_forever]
    for contact_id in moved:
        assert _merged_rows(owner, contact_id) == [{"from": "lead", "into": "Prospekt łódzki"}]
    assert _merged_rows(owner, only_prospect) == [] and _merged_rows(owner, untouched) == []
    assert owner.ok(owner.get("contacts?tag=lead"))["total"] == 0
    assert owner.ok(owner.get("contacts?tag=prospekt łódzki"))["total"] == 5


def test_merge_writes_the_timeline_in_one_batch(app, owner: ApiClient) -> None:
    from sqlalchemy import event

    from cardfile.db.engine import get_engine

    lead, vip = _tag(owner, "lead"), _tag(owner, "vip")
    for _ in range(3):
        _tag_on(owner, make_contact(owner)["id"], "lead", None)
    inserts: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if re.match(r"\s*INSERT INTO \S*activities\b", statement, re.IGNORECASE):
            inserts.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        owner.ok(owner.post(f"tags/{lead['id']}/merge", {"into_id": vip["id"]}))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(inserts) == 1


def test_merge_of_unknown_or_same_tag(owner: ApiClient) -> None:
    lead = _tag(owner, "lead")
    assert owner.post(f"tags/{lead['id']}/merge", {"into_id": 999_999}).status_code == 404
    assert owner.post("tags/999999/merge", {"into_id": lead["id"]}).status_code == 404
    same = owner.post(f"tags/{lead['id']}/merge", {"into_id": lead["id"]})
    assert same.status_code == 422 and "into_id" in same.get_json()["errors"]
    for body in ({}, {"into_id": "x"}, {"into_id": None}):
        bad = owner.post(f"tags/{lead['id']}/merge", body)
        assert bad.status_code == 422 and "into_id" in bad.get_json()["errors"], body
    assert owner.ok(owner.get(f"tags/{lead['id']}"))["name"] == "lead"


def test_only_admins_merge(app, owner: ApiClient) -> None:
    vip_class = make_class(owner, "Merge VIP")
    lead, vip = _tag(owner, "lead"), _tag(owner, "vip")
    contact = make_contact(owner, tags=["lead"], contact_class_id=vip_class["id"])
    member = member_client(app, owner, role="member")
    viewer = member_client(app, owner, role="viewer")
    narrow = member_client(app, owner, role="member", class_ids=[vip_class["id"]])
    for client in (member, viewer, narrow):
        assert client.post(f"tags/{lead['id']}/merge", {"into_id": vip["id"]}).status_code == 403
    assert _tags_of(owner, contact["id"]) == {"lead": None}


def test_tags_of_another_workspace_are_404(owner: ApiClient, stranger: ApiClient) -> None:
    lead, vip, cold = _tag(owner, "lead"), _tag(owner, "vip"), _tag(owner, "cold")
    mine = _tag(stranger, "mine")  # ids are per workspace: this one has the id of "lead"
    base = f"/api/v1/workspaces/{owner.workspace_id}"
    merge = f"{base}/tags/{lead['id']}/merge"
    assert stranger.post(merge, {"into_id": vip["id"]}).status_code == 404
    assert stranger.post(f"tags/{mine['id']}/merge", {"into_id": cold["id"]}).status_code == 404
    assert owner.ok(owner.get(f"tags/{lead['id']}"))["name"] == "lead"
    assert stranger.ok(stranger.get(f"tags/{mine['id']}"))["name"] == "mine"
