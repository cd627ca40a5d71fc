"""CSV export: read back with the csv module it equals the data (commas, quotes, line breaks,
formula-looking cells, non-Latin text), a BOM on request, only what the admin may see, and a
signed link that expires."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact, make_field

BOM = b"\xef\xbb\xbf"
TRICKY = [
    "Kowalski, Jan",
    'Say "hi"',
    "=SUM(1)",
    "+1",
    "-1",
    "@x",
    "Zażółć gęślą jaźń",
    "Ёжик в тумане",
    "🙂 emoji 🎉",
]
MULTILINE = ["line one\nline two", "\tstarts with a tab", "\rstarts with CR", "a,b\r\nc"]


def escaped(value: str) -> str:
    """What a spreadsheet-safe cell looks like (written here again, not imported)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export(client: ApiClient, run_jobs: Any, body: dict[str, Any]) -> dict[str, Any]:
    job_id = client.ok(client.post("contacts/export", body), 202)["job_id"]
    run_jobs()
    job = client.ok(client.get(f"jobs/{job_id}"))
    assert job["status"] == "finished", job
    return job


def download(client: ApiClient, url: str, bom: bool = False) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data.startswith(BOM) == bom
    text = response.data.decode("utf-8-sig" if bom else "utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_csv_read_back_equals_the_data(owner: ApiClient, run_jobs: Any) -> None:
    make_field(owner, "remarks", "text")
    make_field(owner, "budget", "number")
    made = []
    for i, name in enumerate(TRICKY):
        made.append(
            make_contact(
                owner,
                first_name=name,
                last_name=TRICKY[-1 - i],
                company=f"Firma {name}",
                custom={"remarks": MULTILINE[i % len(MULTILINE)], "budget": -5 + i},
                tags=["=cmd", f"tag {i}"] if i == 0 else [],
            )
        )
    trashed = make_contact(owner, first_name="In the trash")
    assert owner.delete(f"contacts/{trashed['id']}").status_code == 204
    columns = [
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "company",
        "tags",
        "custom.remarks",
        "custom.budget",
        "contact_class",
    ]
    job = export(owner, run_jobs, {"filter": {}, "columns": columns, "bom": True})
    assert job["result"]["rows"] == len(made) and job["done"] == job["total"] == len(made)
    rows = download(owner, job["result"]["download_url"], bom=True)
    assert rows[0] == columns
    by_id = {int(r[0]): r for r in rows[1:]}
    assert sorted(by_id) == sorted(c["id"] for c in made)  # the trashed one is not there
    for i, contact in enumerate(made):
        assert by_id[contact["id"]] == [
            str(contact["id"]),
            escaped(TRICKY[i]),
            escaped(TRICKY[-1 - i]),
            contact["email"],
            "",
            f"Firma {TRICKY[i]}",
            "'=cmd, tag 0" if i == 0 else "",
            escaped(MULTILINE[i % len(MULTILINE)]),
            str(-5 + i),  # a number, not text: no quote
            "General",
        ]


def test_default_columns_listed_ids_and_no_bom(owner: ApiClient, run_jobs: Any) -> None:
    first = make_contact(owner, phone="+48 601 234 567", tags=["vip"])
    second = make_contact(owner)
    make_contact(owner)  # not listed
    job = export(owner, run_jobs, {"ids": [second["id"], first["id"], 999_999]})
    rows = download(owner, job["result"]["download_url"])
    columns = owner.ok(owner.get("contacts/export/columns"))
    assert rows[0] == columns["default"]
    assert [int(r[0]) for r in rows[1:]] == [first["id"], second["id"]]
    assert dict(zip(rows[0], rows[1], strict=True))["phone"] == "'+48601234567"
    assert dict(zip(rows[0], rows[1], strict=True))["tags"] == "vip"
    assert job["result"]["expires_at"]


def test_columns_and_selection_are_checked(owner: ApiClient) -> None:
    make_field(owner, "known", "text")
    bad = owner.post("contacts/export", {"filter": {}, "columns": ["email", "custom.nope", "x"]})
    assert bad.status_code == 422
    assert bad.get_json()["errors"]["columns"] == ["Unknown column: custom.nope, x."]
    twice = owner.post("contacts/export", {"filter": {}, "columns": ["email", "email"]})
    assert twice.status_code == 422 and "columns" in twice.get_json()["errors"]
    both = owner.post("contacts/export", {"filter": {}, "ids": [1]})
    assert both.status_code == 422 and "ids" in both.get_json()["errors"]
    keys = [c["key"] for c in owner.ok(owner.get("contacts/export/columns"))["items"]]
    assert "custom.known" in keys and "contact_class" in keys


def test_only_admins_export_and_the_link_stays_in_its_workspace(
    app: Any, owner: ApiClient, stranger: ApiClient, run_jobs: Any
) -> None:
    make_contact(owner)
    job = export(owner, run_jobs, {"filter": {}})
    url = job["result"]["download_url"]
    for role in ("viewer", "member"):
        user = member_client(app, owner, role=role)
        assert user.post("contacts/export", {"filter": {}}).status_code == 403
        assert user.get(url).status_code == 403
        assert user.get("contacts/export/columns").status_code == 403
    # Another workspace: not found, with its own id or with the link carried over.
    theirs = f"/api/v1/workspaces/{owner.workspace_id}/contacts/export"
    assert stranger.post(theirs, {"filter": {}}).status_code == 404
    assert stranger.get(url).status_code == 404
    token = url.rpartition("/")[2]
    assert stranger.get(f"contacts/export/download/{token}").status_code == 404
    # A second admin of the same workspace may download it.
    admin = member_client(app, owner, role="admin")
    assert admin.get(url).status_code == 200


def test_an_expired_link_is_gone_and_a_tampered_one_not_found(
    owner: ApiClient, settings: Any, run_jobs: Any
) -> None:
    make_contact(owner)
    job = export(owner, run_jobs, {"filter": {}})
    url = job["result"]["download_url"]
    base, _, token = url.rpartition("/")
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    assert owner.get(f"{base}/{tampered}").status_code == 404
    assert owner.get(f"{base}/not-a-token").status_code == 404

    class Yesterday(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 25 * 3600

    old = URLSafeTimedSerializer(
        settings.secret_key, salt="cardfile.export", signer=Yesterday
    ).dumps({"ws": owner.workspace_id, "key": f"ws_{owner.workspace_id}/exports/{job['id']}.csv"})
    gone = owner.get(f"{base}/{old}")
    assert gone.status_code == 410 and "expired" in gone.get_json()["message"]


def test_a_restricted_user_exports_only_their_classes(app: Any, owner: ApiClient) -> None:
    """Admins see every class, so this runs the service as a restricted member would."""
    from cardfile.access.principal import Principal
    from cardfile.access.roles import Role
    from cardfile.db.scope import workspace_session
    from cardfile.modules.export.service import write_csv

    vip = make_class(owner, "Export VIP")
    shown = make_contact(owner, contact_class_id=vip["id"])
    hidden = make_contact(owner)
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    principal = Principal(member.user["id"], owner.workspace_id, Role.MEMBER, False, (vip["id"],))
    for selection in ({"filter": {}}, {"ids": [hidden["id"], shown["id"]]}):
        out = io.StringIO(newline="")
        with workspace_session(owner.workspace_id) as session:
            assert write_csv(session, principal, selection, ["id", "email"], out) == 1
        assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
            ["id", "email"],
            [str(shown["id"]), shown["email"]],
        ]


def test_the_job_checks_access_again_when_it_runs(
    app: Any, owner: ApiClient, run_jobs: Any
) -> None:
    make_contact(owner)
    admin = member_client(app, owner, role="admin")
    job_id = admin.ok(admin.post("contacts/export", {"filter": {}}), 202)["job_id"]
    owner.ok(owner.patch(f"members/{admin.user['id']}", {"role": "member"}))
    run_jobs()
    job = owner.ok(owner.get(f"jobs/{job_id}"))
    assert job["status"] == "failed"
    assert job["error"] == "Only admins of this workspace may export contacts."
