"""List totals are cached per workspace data version and stay exact across every write path."""

from __future__ import annotations

from sqlalchemy import text

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def _insert_behind_the_apps_back(workspace_id: int, email: str) -> None:
    from cardfile.db.engine import get_engine

    with get_engine().begin() as conn:  # not a Session: no version bump
        conn.execute(
            text(
                f"INSERT INTO ws_{workspace_id}.contacts (email, contact_class_id) "
                f"SELECT :e, min(id) FROM ws_{workspace_id}.contact_classes"
            ),
            {"e": email},
        )


def test_total_is_cached_until_the_next_write(owner: ApiClient) -> None:
    make_contact(owner)
    assert owner.ok(owner.get("contacts"))["total"] == 1
    _insert_behind_the_apps_back(owner.workspace_id, "sneaky@example.org")
    page = owner.ok(owner.get("contacts?page_size=49"))  # another page: not a cached answer
    assert page["total"] == 1 and len(page["items"]) == 2  # the count came from the cache
    make_contact(owner)  # any write through the app moves the version on
    assert owner.ok(owner.get("contacts"))["total"] == 3


def test_totals_follow_jobs_grants_and_deletes(app, owner: ApiClient, run_jobs) -> None:
    vip = make_class(owner, "VIP")
    first = make_contact(owner, contact_class_id=vip["id"])
    make_contact(owner)
    member = member_client(app, owner, class_ids=[vip["id"]])
    assert member.ok(member.get("contacts"))["total"] == 1
    assert owner.ok(owner.get("contacts?tag=bulk"))["total"] == 0

    owner.ok(owner.post("contacts/bulk-tag", {"tag": "bulk"}), 202)
    run_jobs()
    assert owner.ok(owner.get("contacts?tag=bulk"))["total"] == 2

    owner.ok(owner.patch(f"members/{member.user['id']}", {"all_contacts": True}))
    assert member.ok(member.get("contacts"))["total"] == 2

    owner.delete(f"contacts/{first['id']}")
    assert member.ok(member.get("contacts"))["total"] == 1
    assert owner.ok(owner.get("contact-classes?sort=name"))["items"][1]["contact_count"] == 0


def test_totals_of_another_workspace_are_404_and_never_shared(
    owner: ApiClient, stranger: ApiClient
) -> None:
    make_contact(owner)
    make_contact(owner)
    assert owner.ok(owner.get("contacts"))["total"] == 2
    assert stranger.ok(stranger.get("contacts"))["total"] == 0  # same SQL, other workspace
    assert stranger.get(f"/api/v1/workspaces/{owner.workspace_id}/contacts").status_code == 404


def test_cursor_pages_follow_each_other_and_respect_access(app, owner) -> None:  # type: ignore[no-untyped-def]
    from factories.accounts import member_client
    from factories.contacts import make_class, make_contact

    vip = make_class(owner, "Cursor VIP")
    ids = [
        make_contact(owner, **({"contact_class_id": vip["id"]} if i % 2 else {}))["id"]
        for i in range(7)
    ]
    seen, cursor = [], None
    while True:
        query = "contacts?page_size=3" + (f"&cursor={cursor}" if cursor else "")
        page = owner.ok(owner.get(query))
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(ids, reverse=True)  # newest first, nothing twice, nothing skipped
    member = member_client(app, owner, role="viewer", class_ids=[vip["id"]])
    first = member.ok(member.get("contacts?page_size=2"))
    second = member.ok(member.get(f"contacts?page_size=2&cursor={first['next_cursor']}"))
    visible = [c["id"] for c in first["items"] + second["items"]]
    assert visible == sorted(ids[1::2], reverse=True)[:4]
    bad = owner.get("contacts?cursor=not-a-cursor")
    assert bad.status_code == 422 and "cursor" in bad.get_json()["errors"]
    assert owner.ok(owner.get("contacts?sort=email"))["next_cursor"] is None  # by page only


def test_a_search_total_is_capped_and_says_so(owner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cardfile.modules.contacts import service
    from factories.contacts import make_contact

    for i in range(4):
        make_contact(owner, first_name=f"Capped{i}")
    monkeypatch.setattr(service, "SEARCH_COUNT_CAP", 3)
    capped = owner.ok(owner.get("contacts?q=capped"))
    assert (capped["total"], capped["total_is_estimate"]) == (3, True)
    exact = owner.ok(owner.get("contacts?q=capped1"))
    assert (exact["total"], exact["total_is_estimate"]) == (1, False)
