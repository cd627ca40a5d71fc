"""Merging contacts: every contact-owned row moves to the survivor once, per-field choices
win, the others are gone, the timeline says what came from whom, and it is all or nothing;
the duplicate finder groups by email, phone and name at a company among visible contacts."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from factories.accounts import ApiClient, member_client
from factories.bookings import booking_body, days_ahead, make_calendar, make_type, page_path, slots
from factories.campaigns import make_campaign, make_template
from factories.contacts import make_class, make_contact, make_field
from factories.lists import make_list, subscribe

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _rows_per_table(workspace_id: int, contact_id: int) -> dict[str, int]:
    from cardfile.access.owned import owned_tables
    from cardfile.db.scope import open_workspace_session

    with open_workspace_session(workspace_id) as session:
        return {
            t.name: session.scalar(
                select(func.count()).select_from(t.model).where(t.contact_id() == contact_id)
            )
            or 0
            for t in owned_tables()
        }


def _histogram_total(workspace_id: int, contact_id: int) -> tuple[int, int]:
    """(sum of the activity counts, number of timeline rows) of a contact."""
    from cardfile.db.scope import open_workspace_session
    from cardfile.modules.contacts.models import Activity, ActivityCount

    with open_workspace_session(workspace_id) as session:
        counted = session.scalar(
            select(func.coalesce(func.sum(ActivityCount.count), 0)).where(
                ActivityCount.contact_id == contact_id
            )
        )
        rows = session.scalar(
            select(func.count()).select_from(Activity).where(Activity.contact_id == contact_id)
        )
        return int(counted or 0), int(rows or 0)


def _fill(client: ApiClient, contact: dict[str, Any], mark: str, user_ids: list[int]) -> None:
    """A row in every contact-owned table, through the API."""
    cid = contact["id"]
    client.ok(client.post(f"contacts/{cid}/tags", {"name": "vip"}), 201)
    client.ok(client.post(f"contacts/{cid}/tags", {"name": f"only-{mark}"}), 201)
    client.ok(client.post(f"contacts/{cid}/notes", {"body": f"note {mark}"}), 201)
    client.ok(client.post("tasks", {"contact_id": cid, "title": f"task {mark}"}), 201)
    client.ok(client.put(f"contacts/{cid}/owners", {"user_ids": user_ids}))
    client.ok(
        client.post(
            f"contacts/{cid}/consents",
            {
                "purpose": "email_marketing",
                "state": "granted",
                "source": "web form",
                "proof_text": f"proof {mark}",
            },
        ),
        201,
    )
    client.ok(
        client.post(
            f"contacts/{cid}/transactions",
            {"amount": "10.25", "currency": "PLN", "product": f"Kurs {mark}"},
        ),
        201,
    )
    client.ok(
        client.request(
            "POST",
            f"contacts/{cid}/files",
            data={"file": (io.BytesIO(PNG), f"{mark}.png")},
            content_type="multipart/form-data",
        ),
        201,
    )
    # Both are on a shared list (the kept one's status stays) and on one list of their own.
    shared = client.ok(client.get("lists?q=Merge shared"))["items"] or [
        make_list(client, name="Merge shared")
    ]
    subscribe(client, shared[0]["id"], cid, "subscribed" if mark == "old" else "unsubscribed")
    subscribe(client, make_list(client, name=f"Merge {mark}")["id"], cid)
    # A booking made on the public page with the contact's address.
    calendar = make_calendar(client, name=f"Merge {mark}")
    make_type(client, calendar)
    page = page_path(client, calendar)
    [slot, *_] = slots(client, page, "intro-call", days_ahead(2))
    client.ok(
        client.post(
            f"{page}/bookings", booking_body("intro-call", slot["start"], contact["email"])
        ),
        201,
    )


def _open_message(workspace_id: int, contact_id: int) -> None:
    from sqlalchemy import select

    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns import tracking
    from cardfile.modules.campaigns.models import CampaignMessage

    with workspace_session(workspace_id) as session:
        message_id = session.scalar(
            select(CampaignMessage.id).where(CampaignMessage.contact_id == contact_id)
        )
        tracking.record_open(session, {"m": message_id})


def _bounce_message(workspace_id: int, contact: dict[str, Any]) -> None:
    """A soft bounce (a full mailbox) of the contact's message: a row in `bounces`."""
    from cardfile.modules.deliverability.bounces import process_reports
    from cardfile.modules.deliverability.reports import Report
    from factories.campaigns import message_id_of

    message_id = message_id_of(workspace_id, contact["id"])
    [done] = process_reports([Report("soft", message_id, contact["email"], "4.2.2", "Full")])
    assert done.result == "applied"


def _pair(app, owner: ApiClient, run_jobs) -> tuple[dict, dict, ApiClient]:  # type: ignore[no-untyped-def]
    make_field(owner, "plan", "text")
    owner.ok(owner.post("scoring-rules", {"event": "tag_added", "points": 5}), 201)
    member = member_client(app, owner, role="member")
    old = make_contact(
        owner,
        first_name="Anna",
        last_name=None,
        job_title="Prezes",
        phone="+48 601 234 567",
        custom={"plan": "basic"},
    )
    new = make_contact(owner, first_name="Anya", last_name="Kowalska", custom={"plan": "pro"})
    _fill(owner, old, "old", [owner.user["id"]])
    _fill(owner, new, "new", [owner.user["id"], member.user["id"]])
    # A campaign to both (messages), and the newer one opens it (a message event).
    lists = [row["id"] for row in owner.ok(owner.get("lists?q=Merge"))["items"]]
    campaign = make_campaign(owner, template_id=make_template(owner)["id"], list_ids=lists)
    owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {}), 202)
    run_jobs()
    _open_message(owner.workspace_id, new["id"])
    _bounce_message(owner.workspace_id, new)
    # A hygiene run over both: example.org is reserved, so each gets a status change.
    owner.ok(owner.post("hygiene/runs", {"scope": {"ids": [old["id"], new["id"]]}}), 202)
    run_jobs()
    return old, new, member


def test_merge_moves_every_registered_table_once_and_honours_the_choices(
    app, owner: ApiClient, run_jobs
) -> None:
    old, new, member = _pair(app, owner, run_jobs)
    ws = owner.workspace_id
    before = _rows_per_table(ws, new["id"])
    # The test builds rows in every registered table: a new one must be added here.
    assert [t for t, n in before.items() if n == 0] == []
    kept_before = _rows_per_table(ws, old["id"])
    scores = [owner.ok(owner.get(f"contacts/{c['id']}"))["score"] for c in (old, new)]
    assert all(s > 0 for s in scores)

    body = {
        "ids": [old["id"], new["id"]],
        "survivor_id": old["id"],
        "fields": {"first_name": old["id"], "custom.plan": old["id"]},
    }
    merged = owner.ok(owner.post("contacts/merge", body))
    assert merged["id"] == old["id"]
    assert merged["first_name"] == "Anna"  # chosen
    assert merged["custom"] == {"plan": "basic"}  # chosen
    assert merged["last_name"] == "Kowalska"  # only one has it
    assert merged["email"] == new["email"]  # the newest non-empty
    assert merged["job_title"] == "Prezes" and merged["phone"] == "+48601234567"
    assert merged["phone_display"] == "+48 601 234 567"
    assert merged["tags"] == sorted(["vip", "only-old", "only-new"])  # vip once
    assert merged["lifetime_value"] == {"PLN": "20.50"} and merged["order_count"] == 2
    assert merged["score"] == sum(scores)

    # The other is gone for good (not in the trash), and all its rows are the survivor's.
    assert owner.get(f"contacts/{new['id']}").status_code == 404
    trash = owner.ok(owner.get("contacts/trash"))["items"]
    assert new["id"] not in [c["id"] for c in trash]
    assert sum(_rows_per_table(ws, new["id"]).values()) == 0
    after = _rows_per_table(ws, old["id"])
    tables = ("notes", "tasks", "consent_events", "transactions", "contact_files")
    for table in (*tables, "subscription_events", "message_events", "bounces", "bookings"):
        assert after[table] == kept_before[table] + before[table], table
    assert after["contact_tags"] == 3 and after["contact_owners"] == 2
    # Both got the campaign: the kept one's message stays, with the other's open moved to it.
    messages = owner.ok(owner.get(f"contacts/{old['id']}/messages"))["items"]
    assert len(messages) == 1 and messages[0]["open_count"] == 1
    lists = owner.ok(owner.get(f"contacts/{old['id']}/subscriptions"))["items"]
    assert sorted((s["list_name"], s["status"]) for s in lists) == [
        ("Merge new", "subscribed"),
        ("Merge old", "subscribed"),
        ("Merge shared", "subscribed"),
    ]
    owners = owner.ok(owner.get(f"contacts/{old['id']}/owners"))["items"]
    assert sorted(o["user_id"] for o in owners) == sorted([owner.user["id"], member.user["id"]])
    counted, timeline = _histogram_total(ws, old["id"])
    assert counted == timeline  # the histogram's counts were added, none lost or doubled

    # Consents: the whole history with every proof (the earliest included) stays.
    consents = owner.ok(owner.get(f"contacts/{old['id']}/consents"))
    proofs = [h["proof_text"] for h in consents["history"]]
    assert sorted(proofs) == ["proof new", "proof old"]
    current = {c["purpose"]: c["state"] for c in consents["current"]}
    assert current["email_marketing"] == "granted"
    history = owner.ok(owner.get(f"contacts/{old['id']}/score-history?page_size=200"))["items"]
    assert history[0]["reason"] == f"merged: #{new['id']}" and history[0]["score"] == sum(scores)

    # The timeline says what came from whom.
    items = owner.ok(owner.get(f"contacts/{old['id']}/activities"))["items"]
    assert items[0]["kind"] == "merged"
    data = items[0]["data"]
    assert data["from"] == [{"id": new["id"], "name": "Anya Kowalska", "email": new["email"]}]
    assert data["fields"]["email"] == new["id"] and data["fields"]["last_name"] == new["id"]
    assert "first_name" not in data["fields"]
    notes = [a for a in items if a["kind"] == "note_added"]
    assert len(notes) == 2


def test_who_may_merge_what(app, owner: ApiClient, stranger: ApiClient) -> None:
    vip = make_class(owner, "Merge VIP")
    hidden = make_contact(owner)
    shown = [make_contact(owner, contact_class_id=vip["id"]) for _ in range(3)]
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    viewer = member_client(app, owner, role="viewer")
    two = {"ids": [shown[0]["id"], shown[1]["id"]], "survivor_id": shown[0]["id"]}

    assert viewer.post("contacts/merge", two).status_code == 403
    with_hidden = {"ids": [shown[0]["id"], hidden["id"]], "survivor_id": shown[0]["id"]}
    response = member.post("contacts/merge", with_hidden)
    assert response.status_code == 404 and hidden["email"] not in response.get_data(True)
    assert (
        member.post("contacts/merge", {**two, "ids": [shown[0]["id"], 999_999_999]}).status_code
        == 404
    )
    assert stranger.post("contacts/merge", two).status_code == 404
    three = {"ids": [c["id"] for c in shown], "survivor_id": shown[0]["id"]}
    response = member.post("contacts/merge", three)
    assert response.status_code == 403
    assert response.get_json()["message"] == (
        "Only admins, and members an admin allows to, may merge more than two contacts at once."
    )

    bad = [
        ({**two, "survivor_id": hidden["id"]}, "survivor_id"),
        ({**two, "ids": [shown[0]["id"]]}, "ids"),
        ({**two, "ids": [shown[0]["id"], shown[0]["id"]]}, "ids"),
        ({**two, "fields": {"shoe_size": shown[0]["id"]}}, "fields"),
        ({**two, "fields": {"email": hidden["id"]}}, "fields"),
    ]
    for body, field in bad:
        response = member.post("contacts/merge", body)
        assert response.status_code == 422, body
        named = [k.partition(".")[0] for k in response.get_json()["errors"]]
        assert named == [field], (body, response.get_json())
    assert member.ok(member.get(f"contacts/{shown[1]['id']}"))["id"] == shown[1]["id"]

    assert member.ok(member.post("contacts/merge", two))["id"] == shown[0]["id"]
    assert owner.get(f"contacts/{shown[1]['id']}").status_code == 404
    rest = {"ids": [shown[0]["id"], shown[2]["id"], hidden["id"]], "survivor_id": hidden["id"]}
    assert owner.ok(owner.post("contacts/merge", rest))["id"] == hidden["id"]


def test_a_merge_is_all_or_nothing(app, owner: ApiClient, monkeypatch, run_jobs) -> None:  # type: ignore[no-untyped-def]
    from cardfile.access import owned

    old, new, _ = _pair(app, owner, run_jobs)
    ws = owner.workspace_id
    before = (_rows_per_table(ws, old["id"]), _rows_per_table(ws, new["id"]))
    tasks = owned._owned["tasks"]

    def explode(session, model, keep_id, merged_id):  # type: ignore[no-untyped-def]
        tasks.merge(session, model, keep_id, merged_id)
        raise RuntimeError("disk on fire")

    # Sorted by table name: activities, tags, consents, files, notes... moved before tasks.
    monkeypatch.setitem(owned._owned, "tasks", replace(tasks, merge=explode))
    body = {"ids": [old["id"], new["id"]], "survivor_id": old["id"]}
    try:
        status = owner.post("contacts/merge", body).status_code
    except RuntimeError:
        status = 500
    assert status == 500
    assert (_rows_per_table(ws, old["id"]), _rows_per_table(ws, new["id"])) == before
    assert owner.ok(owner.get(f"contacts/{new['id']}"))["tags"] == ["only-new", "vip"]
    assert owner.ok(owner.get(f"contacts/{old['id']}"))["first_name"] == "Anna"


def _groups(client: ApiClient, query: str = "") -> list[tuple[str, list[int]]]:
    page = client.ok(client.get(f"contacts/duplicates?page_size=200{query}"))
    return sorted((g["reason"], sorted(c["id"] for c in g["contacts"])) for g in page["groups"])


def test_duplicates_by_phone_and_name_at_a_company_among_visible_contacts(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    vip = make_class(owner, "Dup VIP")
    company = owner.ok(owner.post("companies", {"name": "Żabka Sp. z o.o."}), 201)
    p1 = make_contact(owner, phone="+48 601 234 567", contact_class_id=vip["id"])
    p2 = make_contact(owner, email=None, phone="+48601-234-567", contact_class_id=vip["id"])
    p3 = make_contact(owner, phone="+48 (601) 234 567")  # hidden from the member
    n1 = make_contact(
        owner, first_name="Jan ", last_name="KOWALSKI", company="Acme", contact_class_id=vip["id"]
    )
    n2 = make_contact(
        owner, first_name="jan", last_name="Kowalski", company=" acme", contact_class_id=vip["id"]
    )
    c1 = make_contact(owner, first_name="Олег", last_name="Петров", company_id=company["id"])
    c2 = make_contact(
        owner,
        first_name="олег",
        last_name="петров",
        company_id=company["id"],
        contact_class_id=vip["id"],
    )
    make_contact(owner, first_name="Jan", last_name="Kowalski", company="Other")  # no match
    make_contact(owner, first_name="Jan", last_name="Kowalski")  # no company: no match
    gone = make_contact(owner, email="Same@Example.org")
    assert owner.delete(f"contacts/{gone['id']}").status_code == 204
    make_contact(owner, email="same@example.org")  # its twin is in the trash: no group

    assert _groups(owner) == sorted(
        [
            ("phone", sorted([p1["id"], p2["id"], p3["id"]])),
            ("name_company", sorted([n1["id"], n2["id"]])),
            ("name_company", sorted([c1["id"], c2["id"]])),
        ]
    )
    page = owner.ok(owner.get("contacts/duplicates"))
    assert page["total"] == 3 and page["page"] == 1
    group = next(g for g in page["groups"] if g["reason"] == "phone")
    assert group["size"] == 3 and group["contacts"][0]["id"] == p3["id"]  # newest first
    assert set(group["contacts"][0]) == {"id", "name", "email", "phone", "company", "updated_at"}
    assert group["contacts"][0]["phone"] == "+48601234567"
    assert _groups(owner, "&reason=email") == []
    assert owner.get("contacts/duplicates?reason=shoe").status_code == 422

    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    # p3 is hidden: its group shows the two others; c1 is hidden: no group of 2 is left.
    assert _groups(member) == sorted(
        [("phone", sorted([p1["id"], p2["id"]])), ("name_company", sorted([n1["id"], n2["id"]]))]
    )
    assert p3["email"] not in member.get("contacts/duplicates").get_data(True)
    assert member.ok(member.get("contacts/duplicates"))["total"] == 2
    assert _groups(stranger) == []


def test_merge_all_merges_each_group_into_its_newest(app, owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    a = [make_contact(owner, phone="+48 500 100 200") for _ in range(3)]
    b = [make_contact(owner, first_name="Ola", last_name="Nowak", company="Acme") for _ in range(2)]
    make_contact(owner)
    member = member_client(app, owner, role="member")
    assert member.post("contacts/duplicates/merge-all", {}).status_code == 403
    job_id = owner.ok(owner.post("contacts/duplicates/merge-all", {}), 202)["job_id"]
    run_jobs()
    job = owner.ok(owner.get(f"jobs/{job_id}"))
    assert job["status"] == "finished" and job["done"] == job["total"] == 2
    assert job["result"] == {"groups": 2, "merged": 2, "removed": 3, "skipped": 0, "failed": 0}
    assert _groups(owner) == []
    for group in (a, b):
        survivor = group[-1]
        assert owner.ok(owner.get(f"contacts/{survivor['id']}"))["id"] == survivor["id"]
        for other in group[:-1]:
            assert owner.get(f"contacts/{other['id']}").status_code == 404
        kinds = owner.ok(owner.get(f"contacts/{survivor['id']}/activities"))["items"]
        assert kinds[0]["kind"] == "merged" and len(kinds[0]["data"]["from"]) == len(group) - 1


@pytest.mark.parametrize("path", ["contacts/merge", "contacts/duplicates/merge-all"])
def test_viewers_cannot_merge(app, owner: ApiClient, path: str) -> None:
    viewer = member_client(app, owner, role="viewer")
    assert viewer.post(path, {}).status_code == 403
    assert viewer.ok(viewer.get("contacts/duplicates"))["groups"] == []
