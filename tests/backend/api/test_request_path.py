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
            assert len(checkouts) == 1, (path, len(checkouts))
    with counted_checkouts() as checkouts:
        bearer.ok(bearer.post("contacts", {"email": "one-conn@example.org"}), 201)
    assert len(checkouts) == 1
    listed = owner.ok(owner.get("/api/v1/auth/tokens"))["items"]
    assert listed[0]["last_used_at"] is not None  # recorded on that same connection
