"""The bulk-action engine: one selection (ids or a filter) within the caller's classes, an
exact report, answered at once up to 500 contacts, a job beyond, and a job that survives a
worker killed with SIGKILL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from factories.accounts import ApiClient, member_client
from factories.contacts import insert_contacts, make_class, make_contact, make_field
from factories.workers import kill_when, lose_and_recover, start_worker


def _many(owner: ApiClient, n: int, prefix: str) -> None:
    insert_contacts(owner.workspace_id, ":p || i || '@bulk.example'", n, p=prefix)


def _tagged(owner: ApiClient, tag: str) -> tuple[int, int]:
    """(contacts with the tag, "tagged" timeline rows for it)."""
    from cardfile.db.scope import workspace_session
    from cardfile.modules.contacts.models import Activity, ContactTag, Tag

    with workspace_session(owner.workspace_id) as session:
        on = session.scalar(
            select(func.count())
            .select_from(ContactTag)
            .join(Tag, Tag.id == ContactTag.tag_id)
            .where(Tag.name == tag)
        )
        rows = session.scalar(
            select(func.count())
            .select_from(Activity)
            .where(Activity.kind == "tagged", Activity.data["tag"].astext == tag)
        )
        return on or 0, rows or 0


def test_a_small_selection_answers_with_an_exact_report(app, owner: ApiClient) -> None:
    vip = make_class(owner, "Bulk VIP")
    shown = [make_contact(owner, contact_class_id=vip["id"]) for _ in range(3)]
    hidden = make_contact(owner)
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    ids = [c["id"] for c in shown] + [hidden["id"], 999_999]
    body = {"action": "add_tag", "ids": ids, "params": {"tag": "Wiosna"}}
    first = member.ok(member.post("contacts/bulk", body))
    assert first == {
        "action": "add_tag",
        "total": 5,
        "changed": 3,
        "unchanged": 0,
        "skipped": 2,
        "conflicts": 0,
    }
    again = member.ok(member.post("contacts/bulk", body))
    assert (again["changed"], again["unchanged"], again["skipped"]) == (0, 3, 2)
    assert owner.ok(owner.get(f"contacts/{hidden['id']}"))["tags"] == []
    [latest] = owner.ok(owner.get(f"contacts/{shown[0]['id']}/activity?limit=1"))["items"]
    assert latest["kind"] == "tagged" and latest["data"] == {"tag": "Wiosna", "bulk": True}
    viewer = member_client(app, owner, role="viewer", class_ids=[vip["id"]])
    assert viewer.post("contacts/bulk", body).status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"action": "explode", "ids": [1]}, "action"),
        ({"action": "add_tag", "ids": [1], "params": {}}, "params.tag"),
        ({"action": "add_tag", "ids": [1], "filter": {}, "params": {"tag": "x"}}, "ids"),
        ({"action": "delete"}, "ids"),
        (
            {
                "action": "add_tag",
                "ids": [1],
                "params": {"tag": "x", "expires_at": "2020-01-01T00:00:00+00:00"},
            },
            "params.expires_at",
        ),
        ({"action": "set_owners", "ids": [1], "params": {"user_ids": [424242]}}, "params.user_ids"),
        ({"action": "set_class", "ids": [1], "params": {"contact_class_id": 424242}}, None),
    ],
)
def test_bad_requests_name_the_field(owner: ApiClient, body: dict[str, Any], field: str) -> None:
    response = owner.post("contacts/bulk", body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert field in errors if field else errors


def test_every_action_changes_what_it_says(app, owner: ApiClient) -> None:
    make_field(owner, "segment", "text")
    other = make_class(owner, "Bulk other")
    contacts = [make_contact(owner) for _ in range(3)]
    ids = [c["id"] for c in contacts]
    me = owner.user["id"]

    def run(action: str, **params: Any) -> dict[str, Any]:
        return owner.ok(
            owner.post("contacts/bulk", {"action": action, "ids": ids, "params": params})
        )

    assert run("set_owners", user_ids=[me])["changed"] == 3
    assert run("set_owners", user_ids=[me], mode="add")["unchanged"] == 3
    assert owner.ok(owner.get(f"contacts/{ids[0]}/owners"))["items"][0]["user_id"] == me
    assert run("set_owners", user_ids=[me], mode="remove")["changed"] == 3
    assert run("set_class", contact_class_id=other["id"])["changed"] == 3
    assert owner.ok(owner.get(f"contacts/{ids[1]}"))["contact_class_id"] == other["id"]
    assert run("set_field", key="segment", value="Łódź — B2B")["changed"] == 3
    assert owner.ok(owner.get(f"contacts/{ids[2]}"))["custom"] == {"segment": "Łódź — B2B"}
    assert run("set_field", key="segment", value="Łódź — B2B")["unchanged"] == 3
    bad = owner.post(
        "contacts/bulk",
        {"action": "set_field", "ids": ids, "params": {"key": "nope", "value": 1}},
    )
    assert bad.status_code == 422
    expires = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    assert run("add_tag", tag="Trial", expires_at=expires)["changed"] == 3
    tags = owner.ok(owner.get(f"contacts/{ids[0]}/tags"))["items"]
    assert tags[0]["name"] == "Trial" and tags[0]["expires_at"]
    assert run("remove_tag", tag="trial")["changed"] == 3
    assert run("delete")["changed"] == 3
    assert owner.get(f"contacts/{ids[0]}").status_code == 404
    revived = make_contact(owner, email=contacts[0]["email"])  # takes the first one's email
    restored = run("restore")
    assert (restored["changed"], restored["conflicts"]) == (2, 1)
    assert owner.ok(owner.get(f"contacts/{ids[1]}"))["id"] == ids[1]
    assert owner.ok(owner.get(f"contacts/{revived['id']}"))["email"] == contacts[0]["email"]


def test_ten_thousand_contacts_run_as_a_job_with_an_exact_report(
    app, owner: ApiClient, run_jobs
) -> None:
    _many(owner, 10_000, "ten")
    make_contact(owner, first_name="Outsider")  # matches no filter below
    body = {"action": "add_tag", "filter": {"q": "@bulk.example"}, "params": {"tag": "Batch"}}
    job_id = owner.ok(owner.post("contacts/bulk", body), 202)["job_id"]
    run_jobs()
    job = owner.ok(owner.get(f"jobs/{job_id}"))
    assert (job["status"], job["done"], job["total"]) == ("finished", 10_000, 10_000)
    assert job["report"] == job["result"]
    assert job["result"] == {
        "action": "add_tag",
        "total": 10_000,
        "changed": 10_000,
        "unchanged": 0,
        "skipped": 0,
        "conflicts": 0,
    }
    assert _tagged(owner, "Batch") == (10_000, 10_000)


def test_a_job_killed_with_sigkill_finishes_every_contact_once(
    app, owner: ApiClient, settings, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.bulk.models import BulkBatch

    _many(owner, 6_000, "kill")
    body = {"action": "add_tag", "filter": {"q": "kill"}, "params": {"tag": "Survivor"}}
    job_id = owner.ok(owner.post("contacts/bulk", body), 202)["job_id"]

    def batches_done() -> int:
        with workspace_session(owner.workspace_id) as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(BulkBatch)
                    .where(BulkBatch.done_at.is_not(None))
                )
                or 0
            )

    kill_when(start_worker(settings), lambda: batches_done() >= 2)  # mid-job
    killed_after = batches_done()
    assert 2 <= killed_after < 12, killed_after  # it did die mid-job
    lose_and_recover(owner.workspace_id, job_id, "default")
    run_jobs()
    job = owner.ok(owner.get(f"jobs/{job_id}"))
    assert (job["status"], job["done"]) == ("finished", 6_000)
    assert job["result"] == {
        "action": "add_tag",
        "total": 6_000,
        "changed": 6_000,
        "unchanged": 0,
        "skipped": 0,
        "conflicts": 0,
    }
    assert _tagged(owner, "Survivor") == (6_000, 6_000)  # each contact once, one row each
