"""GDPR: a person's export (a zip of every related row and file, behind a signed, expiring
link and an admin's login), forgetting a person (no personal data left anywhere in the
workspace schema, totals kept anonymously, the address suppressed for good), disabling
tracking, and the audit log that records each without personal data."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from sqlalchemy import text

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 64
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 5000 + b"\n%%EOF\n"


def upload(client: ApiClient, contact_id: int, data: bytes, name: str) -> dict[str, Any]:
    response = client.request(
        "POST",
        f"contacts/{contact_id}/files",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    return client.ok(response, 201)  # type: ignore[no-any-return]


def person(owner: ApiClient, **fields: Any) -> dict[str, Any]:
    """A contact with something in every module: tags, a note, a task, a consent, two
    transactions, a file, an owner."""
    contact = make_contact(
        owner,
        email="Zofia.Wąsowska@Example.org",
        first_name="Zofia",
        last_name="Wąsowska",
        phone="+48 601 234 567",
        tags=["vip"],
        **fields,
    )
    cid = contact["id"]
    owner.ok(owner.post(f"contacts/{cid}/notes", {"body": "Zofia Wąsowska prefers calls"}), 201)
    owner.ok(owner.post("tasks", {"contact_id": cid, "title": "Call Zofia"}), 201)
    owner.ok(
        owner.post(
            f"contacts/{cid}/consents",
            {
                "purpose": "email_marketing",
                "state": "granted",
                "source": "web form",
                "proof_text": "I agree",
            },
        ),
        201,
    )
    for amount, order in (("120.50", "A-1"), ("79.50", "A-2")):
        owner.ok(
            owner.post(
                f"contacts/{cid}/transactions",
                {"amount": amount, "currency": "PLN", "order_id": order, "product": "Kurs"},
            ),
            201,
        )
    return contact


def export(client: ApiClient, contact_id: int, run_jobs: Any) -> dict[str, Any]:
    started = client.ok(client.post(f"contacts/{contact_id}/gdpr-export"), 202)
    run_jobs()
    job = client.ok(client.get(f"jobs/{started['job_id']}"))
    assert job["status"] == "finished", job
    return job  # type: ignore[no-any-return]


def test_the_export_holds_every_related_row_and_the_files(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    contact = person(owner)
    cid = contact["id"]
    pdf = upload(owner, cid, PDF, "Umowa – Zofia.pdf")
    png = upload(owner, cid, PNG, "Договор.png")
    job = export(owner, cid, run_jobs)
    result = job["result"]
    assert job["kind"] == "gdpr_export" and "Zofia" not in job["label"]
    assert result["contact_id"] == cid and result["files"] == 2
    download = owner.get(result["download_url"])
    assert download.status_code == 200, download.get_data(as_text=True)
    assert download.headers["Content-Type"] == "application/zip"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    names = set(archive.namelist())
    from cardfile.access.owned import owned_tables

    assert {f"{t.name}.json" for t in owned_tables()} <= names
    columns = json.loads(archive.read("contact.json"))
    assert columns["email"] == "Zofia.Wąsowska@Example.org" and columns["phone"] == "+48601234567"
    assert columns["tags"] == ["vip"] and columns["lifetime_value"] == {"PLN": "200.00"}
    notes = json.loads(archive.read("notes.json"))
    assert [n["body"] for n in notes] == ["Zofia Wąsowska prefers calls"]
    transactions = json.loads(archive.read("transactions.json"))
    assert sorted(t["amount"] for t in transactions) == ["120.50", "79.50"]
    assert len(json.loads(archive.read("consent_events.json"))) == 1
    assert len(json.loads(archive.read("tasks.json"))) == 1
    kinds = {a["kind"] for a in json.loads(archive.read("activities.json"))}
    assert {"created", "note_added", "transaction_added", "file_added"} <= kinds
    assert archive.read(f"files/{pdf['id']}-Umowa – Zofia.pdf") == PDF
    assert archive.read(f"files/{png['id']}-Договор.png") == PNG

    # The link needs the workspace's admin too, and is signed.
    member = member_client(owner.app, owner, role="member")
    assert member.get(result["download_url"]).status_code == 403
    assert owner.get(result["download_url"] + "x").status_code == 404
    audit = owner.ok(owner.get("audit-log"))["items"]
    assert [(a["action"], a["subject"]) for a in audit] == [("gdpr_export", f"contact:{cid}")]
    assert audit[0]["actor_name"] == "Olive Owner"


def test_an_expired_export_loses_its_zip_and_link(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from cardfile.db.scope import workspace_session
    from cardfile.modules.gdpr.service import expire_exports

    contact = make_contact(owner)
    job = export(owner, contact["id"], run_jobs)
    url = job["result"]["download_url"]
    with workspace_session(owner.workspace_id) as session:
        assert expire_exports(session, datetime.now(UTC) + timedelta(hours=25)) == 1
        session.commit()
    assert "download_url" not in owner.ok(owner.get(f"jobs/{job['id']}"))["result"]
    assert owner.get(url).status_code in (404, 410)


def _personal_data_left(workspace_id: int, needles: list[str]) -> list[str]:
    """Every text, varchar and jsonb column of every table in the workspace's schema that
    holds one of the needles (case-insensitive)."""
    from cardfile.db.scope import workspace_session

    schema = f"ws_{workspace_id}"
    found = []
    with workspace_session(workspace_id) as session:
        columns = session.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = :schema AND data_type IN "
                "('text', 'character varying', 'jsonb', 'json', 'character')"
            ),
            {"schema": schema},
        ).all()
        assert len(columns) > 20
        for table, column in columns:
            for needle in needles:
                hit = session.scalar(
                    text(
                        f'SELECT count(*) FROM "{schema}"."{table}" '
                        f"WHERE lower(\"{column}\"::text) LIKE '%' || lower(:n) || '%'"
                    ),
                    {"n": needle},
                )
                if hit:
                    found.append(f"{table}.{column}: {needle}")
    return found


def test_forget_leaves_no_personal_data_and_the_address_is_never_added_again(
    owner: ApiClient, run_jobs
) -> None:  # type: ignore[no-untyped-def]
    from cardfile.files.storage import get_storage
    from cardfile.modules.gdpr.service import export_key

    contact = person(owner)
    cid = contact["id"]
    row = upload(owner, cid, PNG, "Zofia Wąsowska.png")
    job = export(owner, cid, run_jobs)
    owner.ok(owner.patch(f"contacts/{cid}", {"tracking_disabled": True}))
    # The person's data is there before (the scan works).
    needles = ["Wąsowska@Example.org", "Zofia", "Wąsowska", "+48601234567", "601 234 567"]
    assert _personal_data_left(owner.workspace_id, needles)
    storage = get_storage()
    zip_key = export_key(owner.workspace_id, job["id"])
    assert storage.exists(zip_key)

    forgotten = owner.ok(owner.post(f"contacts/{cid}/forget"))
    assert forgotten == {
        "contact_id": cid,
        "suppressed": True,
        "kept": {"order_count": 2, "lifetime_value": {"PLN": "200.00"}},
    }
    assert _personal_data_left(owner.workspace_id, needles) == []
    assert owner.get(f"contacts/{cid}").status_code == 404
    assert owner.ok(owner.get("contacts/trash"))["total"] == 0
    assert owner.get(f"contacts/{cid}/files/{row['id']}").status_code == 404
    assert not storage.exists(zip_key)  # the earlier export's zip is gone too
    assert owner.get(job["result"]["download_url"]).status_code == 404
    assert owner.post(f"contacts/{cid}/forget").status_code == 404

    # The keyed hash is on the suppression list; the address is never added again.
    from cardfile.modules.gdpr.suppressions import email_hash

    with owner.app.app_context():
        digest = email_hash("  zofia.wąsowska@example.org ")
    [suppression] = owner.ok(owner.get("suppressions"))["items"]
    assert suppression["email_hash"] == digest and suppression["reason"] == "forgotten"
    refused = owner.post("contacts", {"email": "ZOFIA.Wąsowska@example.org"})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {
        "email": ["This address asked to be forgotten: it cannot be added to this workspace again."]
    }
    check = owner.ok(owner.post("suppressions/check", {"email": "zofia.wąsowska@example.org"}))
    assert check == {"suppressed": True, "reason": "forgotten"}
    assert owner.ok(owner.post("suppressions/check", {"email": "other@example.org"})) == {
        "suppressed": False,
        "reason": None,
    }
    bad = owner.post("suppressions/check", {"email": "not an address"})
    assert bad.status_code == 422 and "email" in bad.get_json()["errors"]

    # The audit log: export, tracking and forget, with the totals kept and no personal data.
    audit = owner.ok(owner.get("audit-log"))["items"]
    assert [a["action"] for a in audit] == ["forget", "tracking_disabled", "gdpr_export"]
    assert {a["subject"] for a in audit} == {f"contact:{cid}"}
    assert audit[0]["details"]["kept"] == {"order_count": 2, "lifetime_value": {"PLN": "200.00"}}
    assert audit[0]["details"]["suppression_hash"] == digest
    dumped = json.dumps(audit, ensure_ascii=False).lower()
    assert not any(n.lower() in dumped for n in needles)
    forgets = owner.ok(owner.get("audit-log", query_string={"action": "forget"}))
    assert forgets["total"] == 1


def test_a_contact_in_the_trash_can_be_forgotten(owner: ApiClient) -> None:
    contact = make_contact(owner, phone="+48 700 100 200", email=None)
    assert owner.delete(f"contacts/{contact['id']}").status_code == 204
    answer = owner.ok(owner.post(f"contacts/{contact['id']}/forget"))
    assert answer["suppressed"] is False  # no address to suppress
    assert owner.ok(owner.get("suppressions"))["total"] == 0
    assert _personal_data_left(owner.workspace_id, ["+48700100200"]) == []


def test_disabled_tracking_skips_events_and_is_audited(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    contact = make_contact(owner)
    cid = contact["id"]
    assert contact["tracking_disabled"] is False
    changed = owner.ok(owner.patch(f"contacts/{cid}", {"tracking_disabled": True}))
    assert changed["tracking_disabled"] is True
    bad = owner.patch(f"contacts/{cid}", {"tracking_disabled": None})
    assert bad.status_code == 422 and "tracking_disabled" in bad.get_json()["errors"]
    other = make_contact(owner)
    visits = [
        {"type": "page_visit", "contact_id": cid, "url": "https://shop.example/a"},
        {"type": "page_visit", "email": contact["email"], "url": "https://shop.example/b"},
        {"type": "page_visit", "contact_id": other["id"], "url": "https://shop.example/c"},
    ]
    answer = owner.ok(owner.post("events", {"events": visits}), 201)
    assert answer["accepted"] == 3

    def visits_of(contact_id: int) -> int:
        items = owner.ok(owner.get(f"contacts/{contact_id}/activities?page_size=200"))["items"]
        return sum(1 for a in items if a["kind"] == "page_visit")

    assert (visits_of(cid), visits_of(other["id"])) == (0, 1)
    # A member may switch it back (the contact's write role); tracking then resumes.
    member = member_client(app, owner, role="member")
    member.ok(member.patch(f"contacts/{cid}", {"tracking_disabled": False}))
    owner.ok(owner.post("events", visits[0]), 201)
    assert visits_of(cid) == 1
    audit = owner.ok(owner.get("audit-log"))["items"]
    assert [(a["action"], a["actor_user_id"]) for a in audit] == [
        ("tracking_enabled", member.user["id"]),
        ("tracking_disabled", owner.user["id"]),
    ]
    viewer = member_client(app, owner, role="viewer")
    assert viewer.patch(f"contacts/{cid}", {"tracking_disabled": True}).status_code == 403


def test_roles_hidden_contacts_and_other_workspaces(
    app, owner: ApiClient, stranger: ApiClient
) -> None:  # type: ignore[no-untyped-def]
    vip = make_class(owner, "GDPR VIP")
    hidden = make_contact(owner)
    make_contact(owner, contact_class_id=vip["id"])
    viewer = member_client(app, owner, role="viewer")
    member = member_client(app, owner, role="member")
    for client in (viewer, member):
        for action in ("gdpr-export", "forget"):
            assert client.post(f"contacts/{hidden['id']}/{action}").status_code == 403
        assert client.get("suppressions").status_code == 403
        assert client.get("audit-log").status_code == 403
        assert client.post("suppressions/check", {"email": "a@example.org"}).status_code == 403
    # Admins see every class; a member without the contact's class cannot even find it to
    # change its tracking, and no one finds a contact that does not exist.
    restricted = member_client(app, owner, role="member", class_ids=[vip["id"]])
    tracking = {"tracking_disabled": True}
    assert restricted.patch(f"contacts/{hidden['id']}", tracking).status_code == 404
    for action in ("gdpr-export", "forget"):
        assert owner.post(f"contacts/{hidden['id'] + 10_000}/{action}").status_code == 404
    # In the stranger's own workspace the id names nothing; in the owner's, no access.
    assert stranger.post(f"contacts/{hidden['id']}/forget").status_code == 404
    stranger.workspace_id = owner.workspace_id
    for action in ("gdpr-export", "forget"):
        assert stranger.post(f"contacts/{hidden['id']}/{action}").status_code == 404
    assert stranger.get("suppressions").status_code == 404
    assert stranger.get("audit-log").status_code == 404
    assert owner.ok(owner.get(f"contacts/{hidden['id']}"))["id"] == hidden["id"]
    assert owner.ok(owner.get("audit-log"))["total"] == 0
