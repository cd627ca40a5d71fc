"""An import survives a worker killed with SIGKILL (the rerun gives exactly the data and the
report of an uninterrupted import), several imports run at once in one workspace and across
workspaces, and a file found bad by the job changes nothing."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import text

from factories.accounts import ApiClient, signup_client
from factories.imports import QUESTIONNAIRE, draft, run_import
from factories.workers import kill_when, lose_and_recover, start_worker

DOMAINS = [f"imp-robust-{i}.pl" for i in range(40)]


def _file(rows: int, seed: int = 7) -> bytes:
    """Names with Polish letters, ~5% in-file duplicates (some far apart, across batches),
    ~2% invalid, a few role addresses and tags."""
    rng = random.Random(seed)
    lines = ["Email;Imię;Nazwisko;Tagi"]
    emails: list[str] = []
    for i in range(rows):
        roll = rng.random()
        if roll < 0.05 and emails:
            email = rng.choice(emails).upper()
        elif roll < 0.07:
            email = f"broken{i}@@{rng.choice(DOMAINS)}"
        elif roll < 0.08:
            email = f"info{i % 3}@{rng.choice(DOMAINS)}"
        else:
            email = f"osoba{i}@{rng.choice(DOMAINS)}"
            emails.append(email)
        lines.append(f"{email};Zażółć {i};Gęślą;{'VIP' if i % 10 == 0 else ''}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1250")


def _snapshot(client: ApiClient) -> dict[str, Any]:
    """What the import left in the workspace, without ids and times."""
    from cardfile.db.scope import workspace_session

    with workspace_session(client.workspace_id) as session:
        contacts = session.execute(
            text(
                "SELECT lower(email), first_name, last_name, email_status, email_status_reason, "
                "(SELECT count(*) FROM contact_tags t WHERE t.contact_id = c.id) AS tags, "
                "(SELECT count(*) FROM activities a WHERE a.contact_id = c.id "
                " AND a.kind = 'imported') AS imported "
                "FROM contacts c WHERE deleted_at IS NULL AND email LIKE '%imp-robust%' "
                "ORDER BY 1"
            )
        ).all()
        rows = session.execute(
            text("SELECT row_number, reason, detail, cells FROM import_rows ORDER BY 1")
        ).all()
    return {"contacts": [tuple(c) for c in contacts], "rows": [tuple(r) for r in rows]}


def _start(client: ApiClient, content: bytes) -> tuple[int, str]:
    record = draft(client, content)
    client.ok(client.patch(f"imports/{record['id']}", {"questionnaire": QUESTIONNAIRE}))
    job_id = client.ok(client.post(f"imports/{record['id']}/start"), 202)["job_id"]
    return record["id"], job_id


def _rows_done(workspace_id: int, import_id: int) -> int:
    from cardfile.db.scope import workspace_session

    with workspace_session(workspace_id) as session:
        return int(
            session.execute(
                text("SELECT rows_done FROM imports WHERE id = :i"), {"i": import_id}
            ).scalar_one()
        )


def test_a_worker_killed_with_sigkill_then_restarted_gives_the_uninterrupted_result(
    app, settings, dns, run_jobs
) -> None:
    dns.mail_domains(DOMAINS)
    content = _file(26_000)
    calm, killed = signup_client(app), signup_client(app)
    expected = run_import(calm, run_jobs, content)

    import_id, job_id = _start(killed, content)
    # Between or inside batches: either must hold.
    kill_when(start_worker(settings), lambda: _rows_done(killed.workspace_id, import_id) >= 10_000)
    done_when_killed = _rows_done(killed.workspace_id, import_id)
    assert 10_000 <= done_when_killed < 26_000, done_when_killed
    lose_and_recover(killed.workspace_id, job_id, "imports")
    run_jobs()
    assert killed.ok(killed.get(f"imports/{import_id}"))["status"] == "finished"
    got = killed.ok(killed.get(f"imports/{import_id}/report"))
    assert got["counts"] == expected["counts"]
    assert got["counts"]["duplicate_in_file"] > 500 and got["counts"]["rejected"]
    assert _snapshot(killed) == _snapshot(calm)


def test_imports_run_at_once_in_one_workspace_and_across_workspaces(
    app, settings, dns, run_jobs
) -> None:
    """Two overlapping files in one workspace and a third elsewhere, on three workers at
    once: every address once, each import's counts adding up."""
    dns.mail_domains(DOMAINS)
    one, other = signup_client(app), signup_client(app)
    first = _file(12_000, seed=1)
    second = _file(12_000, seed=1).replace("Zażółć".encode("cp1250"), b"Other")
    started = [
        (one, *_start(one, first)),
        (one, *_start(one, second)),
        (other, *_start(other, first)),
    ]
    workers = [start_worker(settings) for _ in range(3)]
    for worker in workers:
        assert worker.wait(timeout=300) == 0
    run_jobs()  # anything a worker left
    reports = []
    for client, import_id, _ in started:
        assert client.ok(client.get(f"imports/{import_id}"))["status"] == "finished"
        reports.append(client.ok(client.get(f"imports/{import_id}/report"))["counts"])
    for counts in reports:
        handled = (
            counts["created"]
            + counts["updated"]
            + counts["unchanged"]
            + counts["duplicate_in_file"]
            + sum(counts["rejected"].values())
        )
        assert handled == 12_000
    # In one workspace, the same addresses: created once between the two imports.
    assert reports[0]["created"] + reports[1]["created"] == reports[2]["created"]
    assert reports[0]["unchanged"] + reports[1]["unchanged"] == reports[2]["created"]
    snapshot = _snapshot(one)
    emails = [c[0] for c in snapshot["contacts"]]
    assert len(emails) == len(set(emails)) == reports[2]["created"]


def test_a_bad_byte_deep_in_the_file_fails_the_job_and_changes_nothing(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(DOMAINS)
    good = "".join(f"ok{i}@{DOMAINS[0]},Name {i}\n" for i in range(20_000))  # > the sample
    content = ("Email,Name\n" + good).encode() + b"bad@x.pl,\xff\xfe broken\n"
    record = draft(owner, content)
    assert record["detected"]["encoding"] == "utf-8"
    body = {"questionnaire": QUESTIONNAIRE, "mapping": {"Email": "email", "Name": "new:Name"}}
    owner.ok(owner.patch(f"imports/{record['id']}", body))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)
    run_jobs()
    failed = owner.ok(owner.get(f"imports/{record['id']}"))
    assert failed["status"] == "failed"
    assert "not valid utf-8" in failed["error"] and "encoding" in failed["error"]
    page = owner.ok(owner.get("contacts", query_string={"q": "ok1"}))
    assert page["total"] == 0
    fields = owner.ok(owner.get("custom-fields"))
    fields = fields["items"] if isinstance(fields, dict) else fields
    assert "Name" not in [f["label"] for f in fields]  # not even the new custom field
