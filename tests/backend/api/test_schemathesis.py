"""Generated input for every operation of the spec: never a 500, and answers match the spec.

Runs in-process (WSGI) as a real signed-in user with an API token, with path ids pinned to
rows that exist so that operations get past their 404s. Bounded and derandomized so a run is
repeatable and fast; an endpoint added later is covered without touching this file.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from factories.accounts import ApiClient, signup_client
from factories.contacts import make_class, make_contact, make_field

# Deleting the run's own workspace or token would end its access: those point at no row.
ABSENT = 2**62
NEVER_PINNED = {
    ("DELETE", "/api/v1/workspaces/{ws}"): {"ws": ABSENT},
    ("DELETE", "/api/v1/auth/tokens/{token_id}"): {"token_id": ABSENT},
}


@pytest.fixture(scope="module")
def fuzz_owner(app) -> ApiClient:  # type: ignore[no-untyped-def]
    return signup_client(app)


@pytest.fixture(scope="module")
def pinned_ids(fuzz_owner: ApiClient) -> dict[str, Any]:
    owner = fuzz_owner
    me = owner.ok(owner.get("/api/v1/me"))
    make_class(owner, "Fuzzed class")
    tag = owner.ok(owner.post("tags", {"name": "fuzzed"}), 201)
    field = make_field(owner, "fuzzed", "text")
    return {
        "ws": owner.workspace_id,
        "contact_id": make_contact(owner, tags=["fuzzed"])["id"],
        "tag_id": tag["id"],
        "class_id": make_class(owner, "Pinned class")["id"],
        "field_id": field["id"],
        "user_id": me["user"]["id"],
        "agency_id": me["agencies"][0]["id"],
    }


@pytest.fixture(scope="module")
def token_headers(fuzz_owner: ApiClient) -> dict[str, str]:
    body = fuzz_owner.ok(fuzz_owner.post("/api/v1/auth/tokens", {"name": "fuzz"}), 201)
    return {"Authorization": f"Bearer {body['token']}"}


@pytest.fixture(scope="module")
def api_schema(app):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def test_no_operation_fails_on_generated_input(
    api_schema: Any, pinned_ids: dict[str, Any], token_headers: dict[str, str]
) -> None:
    failures: dict[str, str] = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz(operation, pinned_ids, token_headers)
        except Exception as error:  # noqa: BLE001  (collect every operation's failure)
            failures[operation.label] = f"{type(error).__name__}: {error}"[:2000]
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())


def _fuzz(operation: Any, pinned_ids: dict[str, Any], token_headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=15,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        pins = NEVER_PINNED.get((case.method, case.path), pinned_ids)
        for name in case.path_parameters or {}:
            if name in pins:
                case.path_parameters[name] = pins[name]
        case.call_and_validate(
            headers=token_headers, checks=[not_a_server_error, response_schema_conformance]
        )

    run()
