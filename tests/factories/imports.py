"""Imports through the API: upload a file, choose, start, run the job, read the report."""

from __future__ import annotations

import io
from typing import Any

from factories.accounts import ApiClient

QUESTIONNAIRE = {"source": "own_signup_form", "consent_collected": "Signup form, double opt-in"}


def upload(owner: ApiClient, content: bytes, name: str = "contacts.csv") -> Any:
    return owner.post(
        "imports", data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data"
    )


def draft(owner: ApiClient, content: bytes, name: str = "contacts.csv") -> dict[str, Any]:
    return owner.ok(upload(owner, content, name), 201)


def run_import(
    owner: ApiClient, run_jobs, content: bytes, name: str = "contacts.csv", **choices: Any
) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Upload, choose (PATCH body), start, run the workers; the finished import's report."""
    record = draft(owner, content, name)
    body = {"questionnaire": QUESTIONNAIRE, **choices}
    owner.ok(owner.patch(f"imports/{record['id']}", body))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)
    run_jobs()
    done = owner.ok(owner.get(f"imports/{record['id']}"))
    assert done["status"] == "finished", done
    return owner.ok(owner.get(f"imports/{record['id']}/report"))
