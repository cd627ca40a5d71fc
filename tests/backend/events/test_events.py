"""Events from integrations: one event or a batch of up to 1,000, by contact id or email,
all or nothing, on the timeline under the token's owner, feeding scoring."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


def _api(app, owner: ApiClient) -> ApiClient:  # type: ignore[no-untyped-def]
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "site"}), 201)["token"]
    api = ApiClient(app, token=token)
    api.workspace_id = owner.workspace_id
    return api


def _timeline(client: ApiClient, contact_id: int) -> list[dict[str, Any]]:
    return client.ok(client.get(f"contacts/{contact_id}/activities?page_size=200"))["items"]


def _with_email(client: ApiClient, email: str) -> list[dict[str, Any]]:
    return client.ok(client.get("contacts", query_string={"q": email}))["items"]


def test_an_api_token_posts_a_page_visit_read_from_its_user_agent(app, owner: ApiClient) -> None:
    owner.ok(owner.post("scoring-rules", {"event": "page_visit", "points": 5}), 201)
    contact = make_contact(owner)
    api = _api(app, owner)
    at = datetime.now(UTC) - timedelta(hours=2)
    event = {
        "type": "page_visit",
        "email": contact["email"].upper(),
        "url": "https://shop.example/cennik",
        "referrer": "https://google.com/",
        "user_agent": IPHONE,
        "occurred_at": at.isoformat(),
    }
    answer = api.ok(api.post("events", event), 201)
    assert answer == {"accepted": 1, "created_contacts": 0, "contact_ids": [contact["id"]]}
    [row] = [a for a in _timeline(owner, contact["id"]) if a["kind"] == "page_visit"]
    assert row["data"] == {
        "url": "https://shop.example/cennik",
        "referrer": "https://google.com/",
        "device": "iPhone",
        "os": "iOS 17",
        "browser": "Mobile Safari 17",
    }
    assert row["actor_name"] == "Olive Owner via API" and row["actor_kind"] == "api"
    assert datetime.fromisoformat(row["created_at"]) == at
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))["score"] == 5


def test_every_type_lands_on_the_timeline(owner: ApiClient) -> None:
    contact = make_contact(owner)
    cid = contact["id"]
    events = [
        {"type": "form_submitted", "contact_id": cid, "form": "Newsletter", "fields": {"a": 1}},
        {"type": "file_downloaded", "contact_id": cid, "file": "katalog.pdf"},
        {
            "type": "custom",
            "contact_id": cid,
            "name": "trial_started",
            "properties": {"plan": "pro"},
        },
    ]
    owner.ok(owner.post("events", {"events": events}), 201)
    got = {a["kind"]: a["data"] for a in _timeline(owner, cid)}
    assert got["form_submitted"] == {"form": "Newsletter", "fields": {"a": 1}}
    assert got["file_downloaded"] == {"file": "katalog.pdf"}
    assert got["custom_event"] == {"name": "trial_started", "properties": {"plan": "pro"}}


def test_a_batch_of_1000_events_is_one_request(owner: ApiClient) -> None:
    owner.ok(owner.post("scoring-rules", {"event": "page_visit", "points": 1, "match": "/p/"}), 201)
    contacts = [make_contact(owner) for _ in range(10)]
    events = [
        {
            "type": "page_visit",
            "email": contacts[i % 10]["email"].title(),
            "url": f"https://shop.example/p/{i}",
            "user_agent": IPHONE,
        }
        for i in range(1000)
    ]
    started = time.perf_counter()
    answer = owner.ok(owner.post("events", {"events": events}), 201)
    took = time.perf_counter() - started
    assert answer["accepted"] == 1000 and answer["created_contacts"] == 0
    assert answer["contact_ids"][:11] == [c["id"] for c in contacts] + [contacts[0]["id"]]
    for contact in contacts[:2]:
        assert owner.ok(owner.get(f"contacts/{contact['id']}/activity?type=page_visit&limit=200"))
        assert owner.ok(owner.get(f"contacts/{contact['id']}"))["score"] == 100
    print(f"1,000 events took {took:.2f} s")
    assert took < 10, f"1,000 events took {took:.1f} s"
    too_many = owner.post("events", {"events": events + events[:1]})
    assert too_many.status_code == 422
    assert too_many.get_json()["errors"] == {"events": ["At most 1,000 events per request."]}
    assert owner.ok(owner.get(f"contacts/{contacts[0]['id']}"))["score"] == 100


def test_bad_events_name_their_index_and_store_nothing(owner: ApiClient) -> None:
    contact = make_contact(owner)
    good = {"type": "custom", "contact_id": contact["id"], "name": "ok"}
    before = len(_timeline(owner, contact["id"]))

    def errors(body: Any) -> dict[str, list[str]]:
        response = owner.post("events", body)
        assert response.status_code == 422, response.get_json()
        return response.get_json()["errors"]

    bad = {"type": "sneeze", "contact_id": contact["id"]}
    assert list(errors({"events": [good, good, good, bad]})) == ["events.3.type"]
    assert list(errors(bad)) == ["type"]  # a single event: its fields, plainly
    assert errors({"type": "page_visit", "contact_id": contact["id"]}) == {
        "url": ["Enter the page's URL."]
    }
    assert list(errors({"type": "custom", "name": "x"})) == ["email"]
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert errors({"events": [{**good, "occurred_at": future}]}) == {
        "events.0.occurred_at": ["This time is in the future."]
    }
    assert list(errors({"events": [{**good, "properties": {str(i): i for i in range(51)}}]})) == [
        "events.0.properties"
    ]
    assert list(errors({"events": []})) == ["events"]
    assert len(_timeline(owner, contact["id"])) == before


def test_an_unknown_email_is_added_only_when_asked(owner: ApiClient) -> None:
    known = make_contact(owner)
    new_email = f"nowy-{known['id']}@example.org"
    visit = {"type": "page_visit", "url": "https://shop.example/"}
    batch = [{**visit, "contact_id": known["id"]}, {**visit, "email": new_email}]
    missing = owner.post("events", {"events": batch})
    assert missing.status_code == 404
    assert list(missing.get_json()["errors"]) == ["events.1.email"]
    assert _timeline(owner, known["id"])[0]["kind"] == "created"  # all or nothing
    assert _with_email(owner, new_email) == []
    batch = [*batch, {**visit, "email": new_email.upper(), "create": True}]
    batch[1]["create"] = True
    answer = owner.ok(owner.post("events", {"events": batch}), 201)
    assert answer["accepted"] == 3 and answer["created_contacts"] == 1
    [added] = _with_email(owner, new_email)
    assert answer["contact_ids"] == [known["id"], added["id"], added["id"]]
    kinds = [a["kind"] for a in _timeline(owner, added["id"])]
    assert kinds.count("page_visit") == 2 and "created" in kinds
    single = owner.post("events", {**visit, "email": "nobody@example.org"})
    assert single.status_code == 404 and list(single.get_json()["errors"]) == ["email"]


def test_a_hidden_contact_is_not_found_and_never_duplicated(app, owner: ApiClient) -> None:
    granted = make_class(owner, "Events granted")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=granted["id"])
    member = member_client(app, owner, role="member", class_ids=[granted["id"]])
    visit = {"type": "page_visit", "url": "https://shop.example/"}
    by_email = {**visit, "email": hidden["email"], "create": True}
    assert member.post("events", by_email).status_code == 404
    assert member.post("events", {**visit, "contact_id": hidden["id"]}).status_code == 404
    batch = {"events": [{**visit, "contact_id": shown["id"]}, by_email]}
    response = member.post("events", batch)
    assert response.status_code == 404 and list(response.get_json()["errors"]) == ["events.1.email"]
    assert len(_with_email(owner, hidden["email"])) == 1
    assert [a["kind"] for a in _timeline(owner, hidden["id"])] == ["created"]
    assert member.ok(member.post("events", batch["events"][0]), 201)["accepted"] == 1
    viewer = member_client(app, owner, role="viewer")
    assert viewer.post("events", {**visit, "contact_id": shown["id"]}).status_code == 403


def test_events_stay_in_their_workspace(app, owner: ApiClient, stranger: ApiClient) -> None:
    contact = make_contact(owner)
    visit = {"type": "page_visit", "url": "https://shop.example/"}
    theirs = f"/api/v1/workspaces/{owner.workspace_id}/events"
    assert stranger.post(theirs, {**visit, "contact_id": contact["id"]}).status_code == 404
    own = stranger.post("events", {**visit, "contact_id": contact["id"]})
    assert own.status_code == 404
    by_email = stranger.post("events", {**visit, "email": contact["email"]})
    assert by_email.status_code == 404
    assert [a["kind"] for a in _timeline(owner, contact["id"])] == ["created"]
    stranger_api = _api(app, stranger)
    assert stranger_api.request("POST", theirs, json=visit | {"contact_id": 1}).status_code == 404
