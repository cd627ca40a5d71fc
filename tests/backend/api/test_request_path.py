"""The request path: one pooled database connection per request, whatever the caller."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from factories.accounts import ApiClient
from factories.contacts import make_contact


@contextmanager
def counted_checkouts() -> Iterator[list[int]]:
    from cardfile.db.engine import get_engine

    pool = get_engine().pool
    seen: list[int] = []

    def on_checkout(*_: object) -> None:
        seen.append(1)

    event.listen(pool, "checkout", on_checkout)
    try:
        yield seen
    finally:
        event.remove(pool, "checkout", on_checkout)


def test_a_new_token_and_a_session_each_use_one_connection(app, owner: ApiClient) -> None:
    contact = make_contact(owner)
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "fresh"}), 201)["token"]
    bearer = ApiClient(app, token=token)
    bearer.workspace_id = owner.workspace_id
    for client in (bearer, owner):
        for path in ("contacts", f"contacts/{contact['id']}", "/api/v1/me"):
            with counted_checkouts() as checkouts:
                client.ok(client.get(path))
            assert len(checkouts) <= 1, (path, len(checkouts))  # 0: answered from caches
    with counted_checkouts() as checkouts:
        bearer.ok(bearer.post("contacts", {"email": "one-conn@example.org"}), 201)
    assert len(checkouts) == 1
    listed = owner.ok(owner.get("/api/v1/auth/tokens"))["items"]
    assert listed[0]["last_used_at"] is not None  # recorded on that same connection


def test_a_repeated_read_is_answered_from_the_cache_until_a_write(owner: ApiClient) -> None:
    contact = make_contact(owner)
    for path in ("contacts?page_size=10", "contacts?page_size=10&q=casey"):
        first, second, third = owner.get(path), owner.get(path), owner.get(path)
        assert "X-Cache" not in first.headers and "X-Cache" not in second.headers  # admitted
        assert third.headers.get("X-Cache") == "hit" and third.get_json() == first.get_json()
    ignored = owner.get("contacts?page_size=10&utm_source=x")  # an ignored parameter
    assert ignored.headers.get("X-Cache") == "hit"
    owner.ok(owner.patch(f"contacts/{contact['id']}", {"first_name": "Renamed"}))
    after = owner.get(f"contacts/{contact['id']}")
    assert "X-Cache" not in after.headers and after.get_json()["first_name"] == "Renamed"
    assert owner.ok(owner.get("contacts?page_size=10"))["items"][0]["first_name"] == "Renamed"


def test_cached_answers_follow_every_access_change(app, owner: ApiClient) -> None:
    from factories.accounts import member_client
    from factories.contacts import make_class

    vip = make_class(owner, "Cache VIP")
    secret = make_contact(owner)  # default class, not granted
    make_contact(owner, contact_class_id=vip["id"])
    member = member_client(app, owner, role="viewer", class_ids=[vip["id"]])
    for _ in range(3):  # cached for the owner now
        assert owner.ok(owner.get("contacts"))["total"] == 2
    # Same URL, other visibility: never the owner's cached answer.
    assert member.ok(member.get("contacts"))["total"] == 1
    assert member.get(f"contacts/{secret['id']}").status_code == 404
    member.get("contacts")
    member.get("contacts")  # cached for the member's visibility
    owner.ok(owner.patch(f"members/{member.user['id']}", {"all_contacts": True}))
    assert member.ok(member.get("contacts"))["total"] == 2
    assert member.ok(member.get(f"contacts/{secret['id']}"))["id"] == secret["id"]
    assert owner.delete(f"members/{member.user['id']}").status_code == 204
    assert member.get("contacts").status_code == 404  # the cached principal is gone too


def test_a_deleted_token_stops_working_at_once(app, owner: ApiClient) -> None:
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "short-lived"}), 201)
    bearer = ApiClient(app, token=token["token"])
    bearer.workspace_id = owner.workspace_id
    for _ in range(3):  # the last answers come from the caches
        bearer.ok(bearer.get("contacts"))
    assert owner.delete(f"/api/v1/auth/tokens/{token['id']}").status_code == 204
    assert bearer.get("contacts").status_code == 401
