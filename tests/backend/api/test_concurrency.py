"""Races answer 201/204 or 409 with a message, never 500: real threads against a real server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from werkzeug.serving import make_server

from factories.accounts import PASSWORD, ApiClient, unique_email
from factories.contacts import make_class, make_contact, make_field

CLIENTS = 8


@pytest.fixture(scope="module")
def server_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _token(owner: ApiClient) -> dict[str, str]:
    token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": "race"}), 201)["token"]
    return {"Authorization": f"Bearer {token}"}


def _race(call: Callable[[int], requests.Response], times: int = CLIENTS) -> list[int]:
    barrier = threading.Barrier(times)

    def one(i: int) -> int:
        barrier.wait()
        response = call(i)
        if response.status_code >= 400:
            assert response.json()["message"], response.text
        return response.status_code

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(one, range(times)))


def test_same_email_from_eight_clients(server_url: str, owner: ApiClient) -> None:
    headers = _token(owner)
    url = f"{server_url}/api/v1/workspaces/{owner.workspace_id}/contacts"
    for round_ in range(3):
        body = {"email": f"race-{round_}@example.org"}
        statuses = _race(lambda i, body=body: requests.post(url, json=body, headers=headers))
        assert sorted(statuses) == [201] + [409] * (CLIENTS - 1), statuses


def test_same_member_and_same_signup_from_eight_clients(server_url: str, owner: ApiClient) -> None:
    headers = _token(owner)
    members = f"{server_url}/api/v1/workspaces/{owner.workspace_id}/members"
    email = unique_email("raced")
    statuses = _race(
        lambda i: requests.post(members, json={"email": email, "role": "viewer"}, headers=headers)
    )
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409}, statuses

    signup = f"{server_url}/api/v1/auth/signup"
    body = {"email": unique_email("twin"), "password": PASSWORD, "name": "T", "agency_name": "T"}
    statuses = _race(lambda i: requests.post(signup, json=body))
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409}, statuses


def test_deleting_a_class_or_tag_while_contacts_move_into_it(
    server_url: str, owner: ApiClient
) -> None:
    headers = _token(owner)
    base = f"{server_url}/api/v1/workspaces/{owner.workspace_id}"
    contacts = [make_contact(owner) for _ in range(CLIENTS - 1)]
    for _ in range(3):
        doomed = make_class(owner)
        tag = owner.ok(owner.post("tags", {"name": f"t-{doomed['id']}"}), 201)

        def move_or_delete(i: int, doomed: dict = doomed) -> requests.Response:
            if i == 0:
                return requests.delete(f"{base}/contact-classes/{doomed['id']}", headers=headers)
            contact = contacts[i - 1]["id"]
            return requests.patch(
                f"{base}/contacts/{contact}",
                json={"contact_class_id": doomed["id"]},
                headers=headers,
            )

        assert set(_race(move_or_delete)) <= {200, 204, 409, 422}

        def tag_or_delete(i: int, tag: dict = tag) -> requests.Response:
            if i == 0:
                return requests.delete(f"{base}/tags/{tag['id']}", headers=headers)
            return requests.put(
                f"{base}/contacts/{contacts[i - 1]['id']}/tags/{tag['name']}", headers=headers
            )

        assert set(_race(tag_or_delete)) <= {200, 204, 409}


def test_deleting_a_field_leaves_no_contact_with_its_value(
    server_url: str, owner: ApiClient
) -> None:
    headers = _token(owner)
    base = f"{server_url}/api/v1/workspaces/{owner.workspace_id}"
    contacts = [make_contact(owner) for _ in range(CLIENTS - 1)]
    field = make_field(owner, "budget", "number")

    def write_or_delete(i: int) -> requests.Response:
        if i == 0:
            return requests.delete(f"{base}/custom-fields/{field['id']}", headers=headers)
        return requests.patch(
            f"{base}/contacts/{contacts[i - 1]['id']}",
            json={"custom": {"budget": i}},
            headers=headers,
        )

    assert set(_race(write_or_delete)) <= {200, 204, 422}
    for contact in contacts:
        assert "budget" not in owner.ok(owner.get(f"contacts/{contact['id']}"))["custom"]
