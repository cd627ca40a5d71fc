"""The card's core parts on contacts: captured fields, companies on the contact, expiring
tags and the tag cloud, the keyset timeline and its histogram."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def _future(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


@pytest.mark.parametrize(
    "field, value",
    [
        ("score", 10),
        ("lifetime_value", {"PLN": "1.00"}),
        ("order_count", 3),
        ("created_by", "import"),
        ("source", "bought list"),
        ("last_activity_at", "2026-01-01T00:00:00+00:00"),
        ("email_status", "valid"),
        ("created_at", "2026-01-01T00:00:00+00:00"),
    ],
)
def test_captured_fields_are_read_only(owner: ApiClient, field: str, value: object) -> None:
    contact = make_contact(owner)
    for response in (
        owner.patch(f"contacts/{contact['id']}", {field: value}),
        owner.post("contacts", {"email": "new@example.org", field: value}),
    ):
        assert response.status_code == 422
        [message] = response.get_json()["errors"][field]
        assert "recorded by Cardfile" in message
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))[field] == contact[field]


def test_captured_fields_say_who_created_the_contact_and_when_it_was_last_active(
    owner: ApiClient,
) -> None:
    contact = make_contact(owner)
    assert contact["created_by"] == "user" and contact["source"] == "Added in Cardfile"
    assert contact["created_by_user_id"] is not None
    assert contact["score"] == 0 and contact["order_count"] == 0
    assert contact["lifetime_value"] == {} and contact["email_status"] == "unverified"
    first = contact["last_activity_at"]
    assert first is not None
    owner.ok(owner.post(f"contacts/{contact['id']}/notes", {"body": "called"}), 201)
    later = owner.ok(owner.get(f"contacts/{contact['id']}"))["last_activity_at"]
    assert datetime.fromisoformat(later) > datetime.fromisoformat(first)


def test_a_contact_links_to_a_company_of_its_workspace(
    app, owner: ApiClient, stranger: ApiClient
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.companies.models import Company

    with workspace_session(owner.workspace_id) as session:
        acme = Company(name="Acme Sp. z o.o.", custom={})
        session.add(acme)
        session.flush()
        acme_id = acme.id
    contact = make_contact(owner, company_id=acme_id, job_title="Dyrektor handlowy")
    assert contact["company_id"] == acme_id and contact["company"] == "Acme Sp. z o.o."
    assert contact["job_title"] == "Dyrektor handlowy"
    other = make_contact(stranger)
    bad = stranger.patch(f"contacts/{other['id']}", {"company_id": acme_id})
    assert bad.status_code == 422 and bad.get_json()["errors"]["company_id"]
    unlinked = owner.ok(owner.patch(f"contacts/{contact['id']}", {"company_id": None}))
    assert unlinked["company_id"] is None


def test_a_tag_can_expire_and_the_periodic_job_takes_it_off(
    app, owner: ApiClient, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.periodic import PERIODIC, fan_out
    from cardfile.modules.contacts.models import ContactTag

    contact = make_contact(owner)
    path = f"contacts/{contact['id']}/tags"
    trial = owner.ok(owner.post(path, {"name": "Trial", "expires_at": _future(days=7)}), 201)
    vip = owner.ok(owner.post(path, {"name": "VIP"}), 201)
    assert trial["expires_at"] and vip["expires_at"] is None
    again = owner.post(path, {"name": "trial", "expires_at": _future(days=14)})
    assert again.status_code == 200 and again.get_json()["id"] == trial["id"]
    past = owner.post(path, {"name": "Old", "expires_at": _future(minutes=-1)})
    assert past.status_code == 422 and past.get_json()["errors"]["expires_at"]
    assert [t["name"] for t in owner.ok(owner.get(path))["items"]] == ["Trial", "VIP"]

    with workspace_session(owner.workspace_id) as session:
        session.execute(
            update(ContactTag)
            .where(ContactTag.tag_id == trial["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    [expiry] = [p for p in PERIODIC if p.func.endswith(":expire_tags")]
    assert fan_out(expiry.func, expiry.queue) >= 1
    run_jobs()
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))["tags"] == ["VIP"]
    [latest] = owner.ok(owner.get(f"contacts/{contact['id']}/activity?limit=1"))["items"]
    assert latest["kind"] == "tag_expired" and latest["data"] == {"tag": "Trial"}
    assert latest["actor_kind"] == "job"
    with workspace_session(owner.workspace_id) as session:
        assert session.scalars(select(ContactTag.tag_id)).all() == [vip["id"]]

    assert owner.delete(f"{path}/{vip['id']}").status_code == 204
    assert owner.delete(f"{path}/{vip['id']}").status_code == 404
    kinds = [a["kind"] for a in owner.ok(owner.get(f"contacts/{contact['id']}/activity"))["items"]]
    assert kinds[:2] == ["tag_removed", "tag_expired"]


def test_tags_and_the_cloud_respect_contact_classes(app, owner: ApiClient) -> None:
    vip = make_class(owner, "Cloud VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    for contact, names in ((hidden, ["secret", "both"]), (shown, ["both"])):
        for name in names:
            owner.ok(owner.post(f"contacts/{contact['id']}/tags", {"name": name}), 201)
    cloud = {t["name"]: t["count"] for t in owner.ok(owner.get("tags/cloud"))["items"]}
    assert cloud == {"both": 2, "secret": 1}
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    assert {t["name"]: t["count"] for t in member.ok(member.get("tags/cloud"))["items"]} == {
        "both": 1
    }
    tag_id = owner.ok(owner.get(f"contacts/{hidden['id']}/tags"))["items"][0]["id"]
    assert member.get(f"contacts/{hidden['id']}/tags").status_code == 404
    assert member.post(f"contacts/{hidden['id']}/tags", {"name": "x"}).status_code == 404
    assert member.delete(f"contacts/{hidden['id']}/tags/{tag_id}").status_code == 404
    viewer = member_client(app, owner, role="viewer", class_ids=[vip["id"]])
    assert viewer.post(f"contacts/{shown['id']}/tags", {"name": "x"}).status_code == 403
    assert viewer.ok(viewer.get(f"contacts/{shown['id']}/tags"))["items"][0]["name"] == "both"


def test_the_timeline_pages_by_keyset_and_filters_by_kind(app, owner: ApiClient) -> None:
    from cardfile.access.actor import Actor
    from cardfile.db.scope import workspace_session
    from cardfile.modules.contacts.activity import Happened, record_rows

    contact = make_contact(owner)
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    rows = [
        Happened(
            contact["id"],
            "page_visit" if i % 3 else "note_added",
            {"n": i},
            start + timedelta(minutes=i),
        )
        for i in range(25)
    ]
    with workspace_session(owner.workspace_id) as session:
        record_rows(session, rows, Actor("api", None))
    seen: list[int] = []
    cursor = None
    while True:
        query = f"contacts/{contact['id']}/activity?type=page_visit&limit=7"
        page = owner.ok(owner.get(query + (f"&before={cursor}" if cursor else "")))
        seen += [a["data"]["n"] for a in page["items"]]
        if not (cursor := page["next"]):
            break
    assert seen == [i for i in reversed(range(25)) if i % 3]
    both = owner.ok(owner.get(f"contacts/{contact['id']}/activity?type=note_added,created"))
    assert [a["kind"] for a in both["items"]] == ["created"] + ["note_added"] * 9
    assert both["next"] is None
    bad = owner.get(f"contacts/{contact['id']}/activity?before=nonsense")
    assert bad.status_code == 422 and "before" in bad.get_json()["errors"]


def test_the_histogram_counts_in_the_viewers_time_zone(app, owner: ApiClient, stranger) -> None:
    from cardfile.access.actor import Actor
    from cardfile.db.scope import workspace_session
    from cardfile.modules.contacts.activity import Happened, record_rows

    contact = make_contact(owner)
    # Sunday 23:30 UTC is Monday 00:30 in Warsaw (winter, UTC+1)
    at = datetime(2026, 1, 4, 23, 30, tzinfo=UTC)
    with workspace_session(owner.workspace_id) as session:
        record_rows(session, [Happened(contact["id"], "page_visit", {}, at)] * 3, Actor("api"))
    path = f"contacts/{contact['id']}/activity/histogram?type=page_visit"
    utc = owner.ok(owner.get(f"{path}&by=hour&tz=UTC"))
    assert len(utc["buckets"]) == 24 and utc["buckets"][23] == {"key": 23, "count": 3}
    warsaw = owner.ok(owner.get(f"{path}&by=hour&tz=Europe/Warsaw"))["buckets"]
    assert warsaw[0]["count"] == 3 and sum(b["count"] for b in warsaw) == 3
    # 23:30 UTC is 05:00 the next day in India, half an hour off the hour
    kolkata = owner.ok(owner.get(f"{path}&by=hour&tz=Asia/Kolkata"))["buckets"]
    assert kolkata[5]["count"] == 3 and sum(b["count"] for b in kolkata) == 3
    days = owner.ok(owner.get(f"{path}&by=weekday&tz=Europe/Warsaw"))["buckets"]
    assert [b["key"] for b in days] == [1, 2, 3, 4, 5, 6, 7] and days[0]["count"] == 3
    assert owner.get(f"{path}&by=month").status_code == 422
    assert owner.get(f"{path}&by=hour&tz=Mars/Base").status_code == 422
    assert stranger.get(f"contacts/{contact['id']}/activity/histogram?by=hour").status_code == 404
