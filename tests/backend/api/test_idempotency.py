"""Idempotency-Key: a repeated POST answers the first result, even when both race."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text
from werkzeug.serving import make_server

from factories.accounts import ApiClient


@pytest.fixture(scope="module")
def server_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def test_a_repeated_key_answers_the_first_result(owner: ApiClient, stranger: ApiClient) -> None:
    headers = _key()
    body = {"phone": "+48 601 234 567", "first_name": "Jan"}
    first = owner.post("contacts", body, headers=headers)
    second = owner.post("contacts", body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert owner.ok(owner.get("contacts?q=jan"))["total"] == 1
    other = owner.post("contacts", {**body, "first_name": "Janina"}, headers=headers)
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    # Keys belong to their caller: another user's same key is a new request.
    stranger_contact = stranger.post("contacts", body, headers=headers)
    assert (
        stranger_contact.status_code == 201
        and "Idempotent-Replayed" not in stranger_contact.headers
    )


def test_a_failed_first_attempt_leaves_the_key_free(owner: ApiClient) -> None:
    headers = _key()
    assert owner.post("contacts", {"email": "not-valid"}, headers=headers).status_code == 422
    retried = owner.post("contacts", {"email": "valid@example.org"}, headers=headers)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers
    bad = owner.post("contacts", {"email": "a@example.org"}, headers={"Idempotency-Key": "é" * 3})
    assert bad.status_code == 422


def _at_once(times: int, url: str, body: dict, headers: dict) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(times)

    def post(_: int) -> tuple[int, dict]:
        barrier.wait()
        response = requests.post(url, json=body, headers=headers)
        return response.status_code, response.json()

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(post, range(times)))


def test_a_double_click_creates_one_contact(server_url: str, owner: ApiClient) -> None:
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "double"}), 201)["token"]
    url = f"{server_url}/api/v1/workspaces/{owner.workspace_id}/contacts"
    for _ in range(3):
        headers = {"Authorization": f"Bearer {token}", **_key()}
        body = {"phone": "+1 212 555 0100", "first_name": f"Twin {uuid.uuid4().hex[:6]}"}
        results = _at_once(4, url, body, headers)
        assert {status for status, _ in results} == {201}
        assert len({created["id"] for _, created in results}) == 1
        listed = owner.ok(owner.get(f"contacts?q={body['first_name'].split()[1]}"))
        assert listed["total"] == 1


def test_keys_older_than_a_day_are_purged(owner: ApiClient, run_jobs) -> None:
    from cardfile.db.engine import get_engine
    from cardfile.jobs.periodic import PERIODIC, fan_out

    headers = _key()
    owner.ok(owner.post("contacts", {"email": "old@example.org"}, headers=headers), 201)
    with get_engine().begin() as conn:
        conn.execute(
            text(
                "UPDATE public.idempotency_keys SET created_at = now() - interval '25 hours' "
                "WHERE key = :key"
            ),
            {"key": headers["Idempotency-Key"]},
        )
    [purge] = [p for p in PERIODIC if p.platform]
    assert fan_out(purge.func, purge.queue, purge.platform) == 1
    run_jobs()
    with get_engine().connect() as conn:
        left = conn.execute(
            text("SELECT count(*) FROM public.idempotency_keys WHERE key = :key"),
            {"key": headers["Idempotency-Key"]},
        ).scalar_one()
    assert left == 0
