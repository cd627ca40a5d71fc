"""Tasks on a contact and "my tasks": status by real times, the assignee a member, hidden
with their contact, and every change in the contact's timeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from factories.accounts import ApiClient, member_client, signup_client
from factories.contacts import make_class, make_contact


def _at(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


def _task(client: ApiClient, contact: dict[str, Any], title: str, **fields: Any) -> Any:
    body = {"contact_id": contact["id"], "title": title, **fields}
    return client.ok(client.post("tasks", body), 201)


def _titles(client: ApiClient, query: str) -> list[str]:
    return [t["title"] for t in client.ok(client.get(f"tasks?{query}"))["items"]]


def _kinds(client: ApiClient, contact: dict[str, Any]) -> list[tuple[str, Any]]:
    items = client.ok(client.get(f"contacts/{contact['id']}/activities"))["items"]
    return [(a["kind"], a["data"].get("task")) for a in items if a["kind"].startswith("task_")]


def test_a_task_is_made_edited_done_reopened_and_deleted(owner: ApiClient) -> None:
    contact = make_contact(owner, first_name="Zofia", last_name="Łukasiewicz")
    due = _at(days=2)
    task = _task(owner, contact, "  Zadzwonić w sprawie oferty  ", due_at=due)
    assert task["title"] == "Zadzwonić w sprawie oferty"
    assert task["assignee_id"] == owner.user["id"] and task["assignee_name"] == "Olive Owner"
    assert task["contact_name"] == "Zofia Łukasiewicz" and task["contact_id"] == contact["id"]
    assert task["done"] is False and task["overdue"] is False and task["done_at"] is None
    path = f"tasks/{task['id']}"
    assert owner.ok(owner.get(path))["title"] == task["title"]

    edited = owner.ok(owner.patch(path, {"title": "Send the offer", "due_at": None}))
    assert edited["title"] == "Send the offer" and edited["due_at"] is None
    done = owner.ok(owner.patch(path, {"done": True}))
    assert done["done"] is True and done["done_at"] is not None
    assert owner.ok(owner.patch(path, {"done": True}))["done_at"] == done["done_at"]  # no-op
    assert owner.ok(owner.patch(path, {"done": False}))["done"] is False
    assert owner.delete(path).status_code == 204
    assert owner.get(path).status_code == 404
    assert owner.patch(path, {"done": True}).status_code == 404
    assert _kinds(owner, contact) == [
        ("task_deleted", "Send the offer"),
        ("task_reopened", "Send the offer"),
        ("task_done", "Send the offer"),
        ("task_updated", "Send the offer"),
        ("task_added", "Zadzwonić w sprawie oferty"),
    ]


def test_open_overdue_and_done_by_real_times(owner: ApiClient) -> None:
    contact = make_contact(owner)
    late = _task(owner, contact, "late", due_at=_at(hours=-3))
    later = _task(owner, contact, "later", due_at=_at(hours=-1))
    _task(owner, contact, "someday")  # no due date: last among the open ones
    _task(owner, contact, "tomorrow", due_at=_at(days=1))
    first_done = _task(owner, contact, "first done")
    second_done = _task(owner, contact, "second done", due_at=_at(days=-5))
    owner.ok(owner.patch(f"tasks/{first_done['id']}", {"done": True}))
    owner.ok(owner.patch(f"tasks/{second_done['id']}", {"done": True}))
    mine = f"assignee=me&contact_id={contact['id']}"

    assert _titles(owner, f"{mine}&status=open") == ["late", "later", "tomorrow", "someday"]
    overdue = owner.ok(owner.get(f"tasks?{mine}&status=overdue"))
    assert [t["title"] for t in overdue["items"]] == ["late", "later"] and overdue["total"] == 2
    assert all(t["overdue"] for t in overdue["items"])
    # Done: the latest done first, never overdue even when its due date has passed.
    done = owner.ok(owner.get(f"tasks?{mine}&status=done"))["items"]
    assert [t["title"] for t in done] == ["second done", "first done"]
    assert not any(t["overdue"] for t in done)
    # No status: open ones first.
    assert _titles(owner, mine)[-2:] == ["second done", "first done"]
    assert _titles(owner, f"{mine}&status=open&sort=-due_at")[:2] == ["tomorrow", "later"]
    paged = owner.ok(owner.get(f"tasks?{mine}&status=open&page_size=1&page=2"))
    assert [t["title"] for t in paged["items"]] == ["later"] and paged["total"] == 4
    assert {late["id"], later["id"]} == {t["id"] for t in overdue["items"]}


def test_assignees_are_members_and_my_tasks_are_mine(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    member = member_client(app, owner, role="member")
    mine = _task(owner, contact, "owner's")
    theirs = _task(owner, contact, "member's", assignee_id=member.user["id"])
    assert theirs["assignee_id"] == member.user["id"]
    nobody = _task(owner, contact, "nobody's", assignee_id=None)
    assert nobody["assignee_id"] is None and nobody["assignee_name"] is None
    assert _titles(member, "assignee=me") == ["member's"]
    assert _titles(owner, f"assignee={member.user['id']}") == ["member's"]
    assert _titles(owner, "assignee=me") == ["owner's"]
    assert len(_titles(owner, "")) == 3  # anyone's

    # Not a member (another agency's user, or no such user): 422 on assignee_id.
    outsider = signup_client(app)
    for bad in (outsider.user["id"], 999_999_999):
        response = owner.post(
            "tasks", {"contact_id": contact["id"], "title": "x", "assignee_id": bad}
        )
        assert response.status_code == 422
        assert response.get_json()["errors"]["assignee_id"] == [
            f"User {bad} is not a member of this workspace."
        ]
        response = owner.patch(f"tasks/{mine['id']}", {"assignee_id": bad, "title": "lost?"})
        assert response.status_code == 422 and "assignee_id" in response.get_json()["errors"]
    assert owner.ok(owner.get(f"tasks/{mine['id']}"))["title"] == "owner's"  # nothing stored
    moved = owner.ok(owner.patch(f"tasks/{mine['id']}", {"assignee_id": member.user["id"]}))
    assert moved["assignee_name"] == member.user["name"]
    assert _kinds(owner, contact)[0] == ("task_updated", "owner's")


def test_bad_input_names_the_field(owner: ApiClient) -> None:
    contact = make_contact(owner)
    cases = [
        ({"contact_id": contact["id"]}, "title"),
        ({"contact_id": contact["id"], "title": "   "}, "title"),
        ({"contact_id": contact["id"], "title": "x" * 301}, "title"),
        ({"contact_id": contact["id"], "title": "x", "due_at": "tomorrow"}, "due_at"),
        ({"contact_id": contact["id"], "title": "x", "due_at": "2026-12-01T09:00:00"}, "due_at"),
        ({"title": "x"}, "contact_id"),
        ({"contact_id": "abc", "title": "x"}, "contact_id"),
        ({"contact_id": contact["id"], "title": "x", "assignee_id": 0}, "assignee_id"),
    ]
    for body, field in cases:
        response = owner.post("tasks", body)
        assert response.status_code == 422, body
        assert field in response.get_json()["errors"], (body, response.get_json())
    task = _task(owner, contact, "kept")
    for body, field in [({"title": ""}, "title"), ({"done": "maybe"}, "done")]:
        response = owner.patch(f"tasks/{task['id']}", body)
        assert response.status_code == 422 and field in response.get_json()["errors"]
    for query, field in [("status=late", "status"), ("assignee=you", "assignee")]:
        response = owner.get(f"tasks?{query}")
        assert response.status_code == 422 and field in response.get_json()["errors"]
    assert owner.post("tasks", {"contact_id": 999_999_999, "title": "x"}).status_code == 404
    assert owner.ok(owner.get(f"tasks/{task['id']}"))["title"] == "kept"


def test_tasks_follow_their_contact_and_the_role(app, owner: ApiClient) -> None:
    vip = make_class(owner, "Tasks VIP")
    hidden = make_contact(owner)
    shown = make_contact(owner, contact_class_id=vip["id"])
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    secret = _task(owner, hidden, "secret", assignee_id=member.user["id"], due_at=_at(days=-1))
    visible = _task(owner, shown, "visible", assignee_id=member.user["id"], due_at=_at(days=-1))
    # A task of a hidden contact is not among "my tasks", in any status, nor by id.
    for query in ("assignee=me", "assignee=me&status=open", "status=overdue"):
        assert _titles(member, query) == ["visible"]
    assert member.ok(member.get("tasks?assignee=me"))["total"] == 1
    for response in (
        member.get(f"tasks/{secret['id']}"),
        member.patch(f"tasks/{secret['id']}", {"done": True}),
        member.delete(f"tasks/{secret['id']}"),
        member.get(f"tasks?contact_id={hidden['id']}"),
        member.post("tasks", {"contact_id": hidden["id"], "title": "sneaky"}),
    ):
        assert response.status_code == 404
    assert owner.ok(owner.get(f"tasks/{secret['id']}"))["done"] is False
    assert member.ok(member.patch(f"tasks/{visible['id']}", {"done": True}))["done"] is True

    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(f"tasks/{secret['id']}"))["title"] == "secret"
    assert viewer.post("tasks", {"contact_id": shown["id"], "title": "no"}).status_code == 403
    assert viewer.patch(f"tasks/{visible['id']}", {"done": False}).status_code == 403
    assert viewer.delete(f"tasks/{visible['id']}").status_code == 403
    # A deleted contact's tasks leave "my tasks" with it.
    assert owner.delete(f"contacts/{shown['id']}").status_code == 204
    assert _titles(member, "assignee=me") == []


def test_another_workspace_sees_no_task(owner: ApiClient, stranger: ApiClient) -> None:
    contact = make_contact(owner)
    task = _task(owner, contact, "ours")
    mine = make_contact(stranger)
    other = f"/api/v1/workspaces/{owner.workspace_id}/tasks"
    assert stranger.get(other).status_code == 404
    assert stranger.get(f"{other}/{task['id']}").status_code == 404
    assert stranger.patch(f"{other}/{task['id']}", {"done": True}).status_code == 404
    assert stranger.post(other, {"contact_id": contact["id"], "title": "x"}).status_code == 404
    assert stranger.delete(f"{other}/{task['id']}").status_code == 404
    assert stranger.ok(stranger.get("tasks"))["total"] == 0
    assigned = stranger.post(
        "tasks", {"contact_id": mine["id"], "title": "x", "assignee_id": owner.user["id"]}
    )
    assert assigned.status_code == 422  # the owner is no member of the stranger's workspace
    assert owner.ok(owner.get(f"tasks/{task['id']}"))["title"] == "ours"


def test_a_merge_moves_the_tasks(app, owner: ApiClient) -> None:
    from cardfile.access.owned import merge_contact_rows
    from cardfile.db.scope import workspace_session

    keep, merged = make_contact(owner), make_contact(owner)
    _task(owner, keep, "kept")
    _task(owner, merged, "moved")
    with workspace_session(owner.workspace_id) as session:
        merge_contact_rows(session, keep["id"], merged["id"])
    assert sorted(_titles(owner, f"contact_id={keep['id']}")) == ["kept", "moved"]
