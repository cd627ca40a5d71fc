"""List hygiene when things go wrong or are limited: a resolver that never answers, a run of
a selection, a member who sees only some classes, and a worker killed with SIGKILL mid-run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select, text

from factories.accounts import ApiClient, member_client, signup_client
from factories.contacts import insert_contacts, make_class, make_contact
from factories.dns import SilentServer
from factories.workers import kill_when, lose_and_recover, start_worker

UNANSWERED = "No DNS server answered; checked again next time"


def _run(client: ApiClient, run_jobs, scope: Any = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    body = {} if scope is None else {"scope": scope}
    accepted = client.ok(client.post("hygiene/runs", body), 202)
    run_jobs()
    run = client.ok(client.get(f"hygiene/runs/{accepted['run_id']}"))
    assert run["status"] == "finished", run
    return run


def _contact(client: ApiClient, contact_id: int) -> dict[str, Any]:
    return client.ok(client.get(f"contacts/{contact_id}"))


@pytest.fixture
def silent_dns(app) -> Iterator[SilentServer]:  # type: ignore[no-untyped-def]
    """DNS_SERVERS set to a resolver that never answers, for this test only."""
    from cardfile import config

    silent = SilentServer()
    before = config.current()
    config.configure(dataclasses.replace(before, dns_servers=(silent.address,)))
    try:
        yield silent
    finally:
        config.configure(before)
        silent.stop()


# ---- a resolver that never answers --------------------------------------------------------


def test_a_silent_resolver_leaves_addresses_unverified_never_invalid(
    app, owner: ApiClient, dns, run_jobs, request
) -> None:
    dns.mail_domains(["rob-good.com"])
    dns.no_mail("rob-nomail.com")
    emails = [
        "ann@rob-good.com",
        "cy@rob-nomail.com",
        "dee@rob-nxdomain.com",
        "info@rob-good.com",
        "asdf@rob-good.com",
    ]
    ids = {e: make_contact(owner, email=e)["id"] for e in emails}
    # First with the working DNS: two addresses are invalid for their domain alone.
    first = _run(owner, run_jobs)
    assert first["by_status"] == {"valid": 1, "invalid": 3, "risky": 1}
    assert first["by_reason"] == {"no_mx": 2, "role": 1, "fake": 1}

    silent = request.getfixturevalue("silent_dns")
    assert silent.address != dns.address
    run = _run(owner, run_jobs)
    expected = {
        "ann@rob-good.com": ("unverified", UNANSWERED),
        "cy@rob-nomail.com": ("unverified", UNANSWERED),
        "dee@rob-nxdomain.com": ("unverified", UNANSWERED),
        # Decided without DNS: still what they were.
        "info@rob-good.com": ("risky", "A role address, read by a team rather than a person"),
        "asdf@rob-good.com": ("invalid", "An obviously fake or reserved address"),
    }
    for email, (status, reason) in expected.items():
        contact = _contact(owner, ids[email])
        assert (contact["email_status"], contact["email_status_reason"]) == (status, reason), email
    assert run["by_status"] == {"unverified": 3, "risky": 1, "invalid": 1}
    assert run["by_reason"] == {"unverified": 3, "role": 1, "fake": 1}
    assert "no_mx" not in run["by_reason"]
    changes = {(c["email"], c["old_status"], c["new_status"]) for c in run["changes"]}
    assert changes == {
        ("ann@rob-good.com", "valid", "unverified"),
        ("cy@rob-nomail.com", "invalid", "unverified"),
        ("dee@rob-nxdomain.com", "invalid", "unverified"),
    }
    assert all(c["reason_code"] == "unverified" for c in run["changes"])
    invalid = owner.ok(owner.get("contacts?email_status=invalid"))["items"]
    assert [c["email"] for c in invalid] == ["asdf@rob-good.com"]


def test_a_silent_resolver_on_the_first_check_never_rejects(
    app, owner: ApiClient, silent_dns, run_jobs
) -> None:
    ids = [make_contact(owner, email=f"new{i}@rob-never-asked-{i}.com")["id"] for i in range(3)]
    run = _run(owner, run_jobs)
    assert run["by_status"] == {"unverified": 3}
    for contact_id in ids:
        contact = _contact(owner, contact_id)
        assert contact["email_status"] == "unverified"
        assert contact["email_status_reason"] == UNANSWERED
        assert contact["email_checked_at"]  # checked, just not answered
    assert owner.ok(owner.get("contacts?email_status=invalid"))["total"] == 0


# ---- a selection, and a member who sees only some classes ---------------------------------


def test_a_selection_checks_only_its_contacts(app, owner: ApiClient, dns, run_jobs) -> None:
    dns.mail_domains(["rob-sel.com"])
    picked = [make_contact(owner, email=f"pick{i}@rob-sel.com")["id"] for i in range(3)]
    others = [make_contact(owner, email=f"other{i}@rob-sel.com")["id"] for i in range(3)]

    by_ids = _run(owner, run_jobs, {"ids": picked[:2]})
    assert (by_ids["scope"], by_ids["total"], by_ids["checked"]) == ("selection", 2, 2)
    assert {c["contact_id"] for c in by_ids["changes"]} == set(picked[:2])
    checked = {i for i in picked + others if _contact(owner, i)["email_checked_at"]}
    assert checked == set(picked[:2])

    by_filter = _run(owner, run_jobs, {"filter": {"q": "other"}})
    assert (by_filter["total"], by_filter["checked"]) == (3, 3)
    assert {c["contact_id"] for c in by_filter["changes"]} == set(others)
    assert not _contact(owner, picked[2])["email_checked_at"]  # in neither selection

    # A filter by status: only the ones still unverified.
    by_status = _run(owner, run_jobs, {"filter": {"email_status": "unverified", "q": "rob-sel"}})
    assert (by_status["checked"], by_status["changed"]) == (1, 1)
    assert [c["contact_id"] for c in by_status["changes"]] == [picked[2]]


def test_a_member_with_some_classes_never_checks_or_lists_other_classes(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session

    dns.mail_domains(["rob-cls.com"])
    mine = make_class(owner, "Rob mine")
    hidden = make_class(owner, "Rob hidden")
    a = [
        make_contact(owner, email=f"a{i}@rob-cls.com", contact_class_id=mine["id"])["id"]
        for i in range(3)
    ]
    b = [
        make_contact(owner, email=f"b{i}@rob-cls.com", contact_class_id=hidden["id"])["id"]
        for i in range(2)
    ]
    general = make_contact(owner, email="g0@rob-cls.com")["id"]
    # The same address in both classes (the unique index is on lower(email): a space apart).
    with workspace_session(owner.workspace_id) as session:
        for class_id, email in (
            (mine["id"], "twin@rob-cls.com"),
            (hidden["id"], " twin@rob-cls.com"),
        ):
            session.execute(
                text(
                    "INSERT INTO contacts (email, contact_class_id, custom, created_at, "
                    "updated_at) VALUES (:e, :c, '{}', now(), now())"
                ),
                {"e": email, "c": class_id},
            )
        twins = dict(
            session.execute(
                text("SELECT contact_class_id, id FROM contacts WHERE email LIKE '%twin@rob-cls%'")
            ).all()
        )
    a_twin, b_twin = twins[mine["id"]], twins[hidden["id"]]
    member = member_client(app, owner, role="member", class_ids=[mine["id"]])

    # Their whole-workspace run is their classes only.
    run = _run(member, run_jobs)
    assert (run["total"], run["checked"]) == (4, 4)
    assert {c["contact_id"] for c in run["changes"]} == {*a, a_twin}
    assert run["duplicates"] == []  # a group of one contact they see is no group
    for contact_id in (*b, general, b_twin):
        assert _contact(owner, contact_id)["email_checked_at"] is None
        assert _contact(owner, contact_id)["email_status"] == "unverified"

    # Ids and filters outside their classes are not checked either.
    by_ids = _run(member, run_jobs, {"ids": [b[0], general, a[0]]})
    assert (by_ids["total"], by_ids["checked"]) == (1, 1)
    by_filter = _run(member, run_jobs, {"filter": {"contact_class_id": hidden["id"]}})
    assert (by_filter["total"], by_filter["checked"], by_filter["changed"]) == (0, 0, 0)
    assert _contact(owner, b[0])["email_checked_at"] is None

    # The owner's run checks everyone; the member reads it within their classes.
    theirs = _run(owner, run_jobs)
    assert theirs["checked"] == 8
    assert {c["contact_id"] for c in theirs["changes"]} == {*b, general, b_twin}
    assert [(g["kind"], g["size"]) for g in theirs["duplicates"]] == [("duplicate", 2)]
    read = member.ok(member.get(f"hygiene/runs/{theirs['id']}"))
    assert read["changes"] == [] and read["changes_total"] == 0
    assert read["transitions"] == [] and read["duplicates"] == []
    listed = member.ok(member.get(f"hygiene/runs/{theirs['id']}/changes?status=valid"))
    assert (listed["total"], listed["items"]) == (0, [])
    assert member.ok(member.get(f"hygiene/runs/{run['id']}/changes"))["total"] == 4
    assert owner.ok(owner.get(f"hygiene/runs/{run['id']}/changes"))["total"] == 4


# ---- a worker killed with SIGKILL ---------------------------------------------------------

KILL_CONTACTS = 20_000  # four batches of service.BATCH (5,000)


def _fill(client: ApiClient, n: int) -> None:
    """n contacts with every kind of address, in one statement: valid, no MX, fake, role,
    disposable, bad syntax, a typo of a provider, Gmail look-alikes and exact duplicates."""
    insert_contacts(
        client.workspace_id,
        "CASE i % 10 "
        "WHEN 0 THEN 'k' || i || '@kill-good.com' "
        "WHEN 1 THEN 'k' || i || '@kill-nomail.com' "
        "WHEN 2 THEN 'asdf' || i || '@kill-good.com' "
        "WHEN 3 THEN 'k' || i || '@mailinator.com' "
        "WHEN 4 THEN 'k' || i || '@@kill-good.com' "
        "WHEN 5 THEN 'k' || i || '@gmial.com' "
        "WHEN 6 THEN 'k' || i || '@kill-a.com' "
        "WHEN 7 THEN ' K' || (i + 3) || '@KILL-GOOD.COM' "
        "WHEN 8 THEN 'g.' || i || '@gmail.com' "
        "ELSE 'g' || (i - 1) || '+news@googlemail.com' END",
        n,
        "Kill",
    )


def _outcome(workspace_id: int, run_id: int) -> dict[str, Any]:
    """What a run left: its counts, its change rows, the contacts' statuses, its groups."""
    from cardfile.db.scope import workspace_session
    from cardfile.modules.contacts.models import Contact
    from cardfile.modules.hygiene.models import HygieneChange, HygieneDuplicate, HygieneRun

    with workspace_session(workspace_id) as session:
        run = session.get(HygieneRun, run_id)
        assert run is not None
        changes = session.execute(
            select(
                func.count(),
                func.count(func.distinct(HygieneChange.contact_id)),
            ).where(HygieneChange.run_id == run_id)
        ).one()
        per_change = dict(
            session.execute(
                select(
                    func.concat(
                        HygieneChange.old_status,
                        ">",
                        HygieneChange.new_status,
                        ":",
                        HygieneChange.reason_code,
                    ),
                    func.count(),
                )
                .where(HygieneChange.run_id == run_id)
                .group_by(
                    HygieneChange.old_status, HygieneChange.new_status, HygieneChange.reason_code
                )
            ).all()
        )
        statuses = dict(
            session.execute(
                select(
                    func.concat(Contact.email_status, ":", Contact.email_status_reason),
                    func.count(),
                )
                .where(Contact.email_checked_at.is_not(None))
                .group_by(Contact.email_status, Contact.email_status_reason)
            ).all()
        )
        unchecked = session.scalar(
            select(func.count()).select_from(Contact).where(Contact.email_checked_at.is_(None))
        )
        groups = dict(
            session.execute(
                select(HygieneDuplicate.kind, func.count())
                .where(HygieneDuplicate.run_id == run_id)
                .group_by(HygieneDuplicate.kind)
            ).all()
        )
        return {
            "total": run.total,
            "checked": run.checked,
            "changed": run.changed,
            "by_status": run.by_status,
            "by_reason": run.by_reason,
            "change_rows": changes[0],
            "changed_contacts": changes[1],
            "per_change": per_change,
            "statuses": statuses,
            "unchecked": unchecked,
            "groups": groups,
        }


def test_a_run_killed_with_sigkill_ends_as_an_uninterrupted_one(
    app, owner: ApiClient, settings, dns, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.hygiene.models import HygieneRun
    from cardfile.modules.hygiene.service import BATCH

    assert KILL_CONTACTS >= 4 * BATCH
    dns.mail_domains(["kill-good.com", "gmail.com", "googlemail.com", "gmial.com"])
    dns.no_mail("kill-nomail.com")
    dns.address_only("kill-a.com")

    # The same contacts in another workspace, checked without interruption.
    calm = signup_client(app)
    _fill(calm, KILL_CONTACTS)
    calm_run = _run(calm, run_jobs)
    calm_job = calm.ok(calm.get(f"jobs/{calm_run['job_id']}"))

    _fill(owner, KILL_CONTACTS)
    accepted = owner.ok(owner.post("hygiene/runs", {}), 202)
    job_id, run_id = accepted["job_id"], accepted["run_id"]

    def checked() -> int:
        with workspace_session(owner.workspace_id) as session:
            return session.scalar(select(HygieneRun.checked).where(HygieneRun.id == run_id)) or 0

    # Mid-run: a batch committed, the rest not.
    kill_when(start_worker(settings, "hygiene"), lambda: checked() >= BATCH)
    killed_at = checked()
    assert BATCH <= killed_at < KILL_CONTACTS, killed_at  # it did die mid-run
    assert killed_at % BATCH == 0  # whole batches only
    lose_and_recover(owner.workspace_id, job_id, "hygiene")
    run_jobs()

    done = owner.ok(owner.get(f"hygiene/runs/{run_id}"))
    assert done["status"] == "finished", done
    job = owner.ok(owner.get(f"jobs/{job_id}"))
    assert (job["status"], job["done"], job["total"]) == ("finished", KILL_CONTACTS, KILL_CONTACTS)
    assert {**job["result"], "run_id": 0} == {**calm_job["result"], "run_id": 0}

    killed, calm_outcome = (
        _outcome(owner.workspace_id, run_id),
        _outcome(calm.workspace_id, calm_run["id"]),
    )
    assert killed == calm_outcome
    assert killed["checked"] == killed["total"] == KILL_CONTACTS and killed["unchecked"] == 0
    # Each change recorded once: as many rows as contacts changed, and every contact changed
    # (all started unverified and none of these addresses stays unverified).
    assert killed["change_rows"] == killed["changed_contacts"] == killed["changed"] == KILL_CONTACTS
    n = KILL_CONTACTS // 10
    assert killed["by_status"] == {"valid": 5 * n, "invalid": 4 * n, "risky": n}
    assert killed["by_reason"] == {
        "no_mx": n,
        "fake": n,
        "disposable": n,
        "invalid_syntax": n,
        "typo": n,
    }
    assert killed["groups"] == {"duplicate": n, "possible_duplicate": n}
