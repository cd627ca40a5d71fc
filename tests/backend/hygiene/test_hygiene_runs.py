"""List hygiene runs against the local DNS server: statuses with reasons, changes since the
previous run, duplicates, schedule, bulk suppress."""

from __future__ import annotations

from factories.accounts import ApiClient
from factories.contacts import insert_contacts, make_contact


def _raw(owner: ApiClient, emails: list[str]) -> None:
    """Contacts straight into the table (addresses the API would trim or refuse)."""
    insert_contacts(owner.workspace_id, "(CAST(:emails AS text[]))[i]", len(emails), emails=emails)


def _run(owner: ApiClient, run_jobs, body: dict | None = None) -> dict:  # type: ignore[no-untyped-def]
    accepted = owner.ok(owner.post("hygiene/runs", body or {}), 202)
    run_jobs()
    run = owner.ok(owner.get(f"hygiene/runs/{accepted['run_id']}"))
    assert run["status"] == "finished", run
    return run


def test_each_status_and_reason(app, owner: ApiClient, dns, run_jobs) -> None:
    dns.mail_domains(["hyg-good.com"])
    dns.address_only("hyg-a-only.com")
    dns.no_mail("hyg-nomail.com")
    emails = {
        "ann@hyg-good.com": ("valid", None),
        "bob@hyg-a-only.com": ("valid", None),
        "cy@hyg-nomail.com": ("invalid", "no_mx"),
        "dee@hyg-nxdomain.com": ("invalid", "no_mx"),
        "info@hyg-good.com": ("risky", "role"),
        "test@hyg-good.com": ("invalid", "fake"),
        "eve@mailinator.com": ("invalid", "disposable"),
    }
    ids = {e: make_contact(owner, email=e)["id"] for e in emails}
    run = _run(owner, run_jobs)
    for email, (status, code) in emails.items():
        contact = owner.ok(owner.get(f"contacts/{ids[email]}"))
        assert contact["email_status"] == status, email
        assert contact["email_checked_at"]
        assert (contact["email_status_reason"] is None) == (code is None), email
    assert run["by_status"] == {"valid": 2, "invalid": 4, "risky": 1}
    assert run["by_reason"] == {"no_mx": 2, "role": 1, "fake": 1, "disposable": 1}
    assert run["changed"] == 7 and run["changes_total"] == 7
    invalid = owner.ok(owner.get("contacts?email_status=invalid"))
    assert invalid["total"] == 4

    # Nothing changed since: the next run lists no change.
    again = _run(owner, run_jobs)
    assert again["changed"] == 0 and again["changes"] == []
    dns.mail_domains(["hyg-nomail.com"])
    third = _run(owner, run_jobs)
    assert [(c["email"], c["old_status"], c["new_status"]) for c in third["changes"]] == [
        ("cy@hyg-nomail.com", "invalid", "valid")
    ]
    page = owner.ok(owner.get(f"hygiene/runs/{third['id']}/changes?status=valid"))
    assert page["total"] == 1
    runs = owner.ok(owner.get("hygiene/runs"))
    assert [r["id"] for r in runs["items"]][:1] == [third["id"]]

    # Invalid ones bulk-suppressed from the report.
    report = owner.ok(
        owner.post("contacts/bulk", {"action": "suppress", "filter": {"email_status": "invalid"}})
    )
    assert report["changed"] == 3
    assert owner.ok(owner.get("contacts?email_status=suppressed"))["total"] == 3


def test_duplicates_and_possible_duplicates(app, owner: ApiClient, dns, run_jobs) -> None:
    dns.mail_domains(["hyg-dup.com", "gmail.com"])
    _raw(owner, ["ann@hyg-dup.com", " ANN@hyg-dup.com ", "ａｎｎ@hyg-dup.com"])
    _raw(owner, ["j.smith@gmail.com", "jsmith+news@googlemail.com", "other@hyg-dup.com"])
    run = _run(owner, run_jobs)
    groups = {(g["kind"], g["key"], g["size"]) for g in run["duplicates"]}
    assert groups == {
        ("duplicate", "ann@hyg-dup.com", 3),
        ("possible_duplicate", "jsmith@gmail.com", 2),
    }


def test_schedule(app, owner: ApiClient, run_jobs) -> None:
    from cardfile.jobs.core import run

    assert owner.ok(owner.get("hygiene/settings"))["schedule"] == "weekly"
    bad = owner.put("hygiene/settings", {"schedule": "hourly"})
    assert bad.status_code == 422 and "schedule" in bad.get_json()["errors"]
    first = run(owner.workspace_id, "cardfile.modules.hygiene.jobs:run_if_due", None, {})
    assert first["run_id"] is not None
    run_jobs()
    second = run(owner.workspace_id, "cardfile.modules.hygiene.jobs:run_if_due", None, {})
    assert second["run_id"] is None  # a week is not over
    owner.ok(owner.put("hygiene/settings", {"schedule": "off"}))
    assert owner.ok(owner.get("hygiene/runs"))["items"][0]["trigger"] == "schedule"
