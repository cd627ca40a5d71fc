"""Import jobs on real RQ workers against the local DNS server: every reason a row is
rejected or flagged, the first occurrence of an address wins, existing contacts skipped,
filled or overwritten, tags, classes, custom fields, the activity row, the report and the
rejected rows as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact, make_field
from factories.imports import QUESTIONNAIRE, draft, run_import


def _contacts(owner: ApiClient, q: str) -> dict[str, dict[str, Any]]:
    page = owner.ok(owner.get("contacts", query_string={"q": q, "page_size": 200}))
    return {c["email"]: c for c in page["items"]}


def test_every_reason_is_counted_and_each_rejected_row_kept_as_it_was(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.gdpr.suppressions import suppress

    dns.mail_domains(["imp-run.pl", "gmial.com", "wp.lp"])  # typo domains that do exist
    dns.no_mail("imp-nomail.pl")
    forgotten = make_contact(owner, email="gone@imp-run.pl")
    owner.ok(owner.post(f"contacts/{forgotten['id']}/forget"))
    with workspace_session(owner.workspace_id) as session:
        suppress(session, "stop@imp-run.pl", "unsubscribed")
    rows = [
        ("ann@imp-run.pl", "Ann"),  # 2: created
        ("not an address", "Bad"),  # 3: invalid_syntax
        ("cy@imp-nomail.pl", "Cy"),  # 4: no_mx
        ("dee@mailinator.com", "Dee"),  # 5: disposable
        ("stop@imp-run.pl", "Stop"),  # 6: suppressed
        ("gone@imp-run.pl", "Gone"),  # 7: forgotten
        ("test@test.com", "Fake"),  # 8: fake
        ("asdf@imp-run.pl", "Fake"),  # 9: fake
        ("eve@example.com", "Fake"),  # 10: fake (reserved domain)
        ("noreply@imp-run.pl", "Fake"),  # 11: fake
        ("info@imp-run.pl", "Info"),  # 12: flagged role
        ("kasia@gmial.com", "Kasia"),  # 13: flagged typo
        ("ANN@imp-run.pl ", "Second"),  # 14: duplicate of row 2
        ("", "Nobody"),  # 15: invalid_syntax (no address)
        ("ola@wp.lp", "Ola"),  # 16: flagged typo
    ]
    content = "Email,First Name\n" + "".join(f"{e},{n}\n" for e, n in rows)
    report = run_import(owner, run_jobs, content.encode(), "Klienci.csv")
    assert report["counts"] == {
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "duplicate_in_file": 1,
        "rejected": {
            "invalid_syntax": 2,
            "no_mx": 1,
            "disposable": 1,
            "suppressed": 1,
            "forgotten": 1,
            "fake": 4,
        },
        "flagged": {"role": 1, "typo": 2},
    }
    assert report["rows"] == 15 and report["rows_done"] == 15
    imported = _contacts(owner, "imp-run") | _contacts(owner, "gmial") | _contacts(owner, "wp.lp")
    assert set(imported) == {
        "ann@imp-run.pl",
        "info@imp-run.pl",
        "kasia@gmial.com",
        "ola@wp.lp",
    }
    assert imported["ann@imp-run.pl"]["first_name"] == "Ann"  # the first occurrence won
    assert imported["ann@imp-run.pl"]["email_status"] == "valid"
    assert imported["info@imp-run.pl"]["email_status"] == "risky"
    typo = imported["kasia@gmial.com"]
    assert typo["email_status"] == "risky" and "kasia@gmail.com" in typo["email_status_reason"]
    assert "wp.pl" in imported["ola@wp.lp"]["email_status_reason"]

    csv_response = owner.get(f"imports/{report['id']}/rejected.csv")
    assert csv_response.status_code == 200
    assert "Klienci-rejected.csv" in csv_response.headers["Content-Disposition"]
    text = csv_response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0] == ["row", "Email", "First Name", "reason", "detail"]
    by_row = {int(r[0]): r[1:] for r in table[1:]}
    assert {n: r[2] for n, r in by_row.items()} == {
        3: "invalid_syntax",
        4: "no_mx",
        5: "disposable",
        6: "suppressed",
        7: "forgotten",
        8: "fake",
        9: "fake",
        10: "fake",
        11: "fake",
        14: "duplicate_in_file",
        15: "invalid_syntax",
    }
    assert by_row[14][:2] == ["ANN@imp-run.pl ", "Second"]  # the original values, untouched
    assert "row 2" in by_row[14][3]


def test_existing_contacts_are_skipped_filled_or_overwritten(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-exist.pl"])
    for mode in ("skip", "fill_empty", "overwrite"):
        email = f"{mode}@imp-exist.pl"
        before = make_contact(owner, email=email, first_name="Old", last_name="", company="Keep")
        content = f"Email,First Name,Last Name,Company\n{email.upper()},New,Nowak,Other\n"
        report = run_import(owner, run_jobs, content.encode(), options={"existing": mode})
        after = owner.ok(owner.get(f"contacts/{before['id']}"))
        expected = {
            "skip": ("Old", "", "Keep"),
            "fill_empty": ("Old", "Nowak", "Keep"),
            "overwrite": ("New", "Nowak", "Other"),
        }[mode]
        assert (after["first_name"], after["last_name"] or "", after["company"]) == expected
        counts = report["counts"]
        assert (counts["created"], counts["updated"], counts["unchanged"]) == (
            (0, 0, 1) if mode == "skip" else (0, 1, 0)
        ), mode
    # The same file again changes nothing: unchanged.
    again = run_import(
        owner,
        run_jobs,
        b"Email,First Name,Last Name,Company\noverwrite@imp-exist.pl,New,Nowak,Other\n",
        options={"existing": "overwrite"},
    )
    assert (again["counts"]["updated"], again["counts"]["unchanged"]) == (0, 1)


def test_tags_class_custom_fields_and_the_activity_row(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-opts.pl"])
    vip = make_class(owner, "Importowani")
    make_field(owner, "plan", "choice", ["Basic", "Pro"])
    content = (
        "E-mail,Imię,Tags,Plan,Ulubiony kolor\n"
        "zofia@imp-opts.pl,Zofia,Klient; Newsletter,Pro,zielony\n"
        "piotr@imp-opts.pl,Piotr,,Gold,niebieski\n"
    )
    record = draft(owner, content.encode())
    mapping = {
        "E-mail": "email",
        "Imię": "first_name",
        "Tags": "tags",
        "Plan": "custom:plan",
        "Ulubiony kolor": "new:Ulubiony kolor",
    }
    assert record["suggested_mapping"]["Imię"] == "first_name"
    body = {
        "mapping": mapping,
        "options": {"tags": ["Targi 2026"], "contact_class_id": vip["id"]},
        "questionnaire": QUESTIONNAIRE,
    }
    owner.ok(owner.patch(f"imports/{record['id']}", body))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)
    run_jobs()
    report = owner.ok(owner.get(f"imports/{record['id']}/report"))
    assert report["counts"]["created"] == 1
    assert report["counts"]["rejected"] == {"invalid_value": 1}  # Gold is not a choice
    zofia = _contacts(owner, "zofia@imp-opts.pl")["zofia@imp-opts.pl"]
    assert zofia["contact_class_id"] == vip["id"]
    assert sorted(zofia["tags"]) == ["Klient", "Newsletter", "Targi 2026"]
    assert zofia["custom"]["plan"] == "Pro"
    fields = owner.ok(owner.get("custom-fields"))
    fields = fields["items"] if isinstance(fields, dict) else fields
    [new_field] = [f for f in fields if f["label"] == "Ulubiony kolor"]
    assert zofia["custom"][new_field["key"]] == "zielony"
    assert zofia["created_by"] == "import"
    [activity] = owner.ok(owner.get(f"contacts/{zofia['id']}/activity"))["items"][:1]
    assert activity["kind"] == "imported"
    assert activity["data"]["import_id"] == record["id"]


def test_a_member_imports_only_into_their_classes_and_hidden_contacts_stay_hidden(
    app, owner: ApiClient, dns, run_jobs
) -> None:
    dns.mail_domains(["imp-members.pl"])
    theirs, hidden = make_class(owner), make_class(owner)
    secret = make_contact(
        owner, email="secret@imp-members.pl", first_name="Secret", contact_class_id=hidden["id"]
    )
    member = member_client(app, owner, class_ids=[theirs["id"]])
    record = draft(member, b"Email,First Name\nsecret@imp-members.pl,Leak\nnew@imp-members.pl,N\n")
    hidden_class = {"options": {"contact_class_id": hidden["id"]}}
    refused = member.patch(f"imports/{record['id']}", hidden_class)
    assert refused.status_code in (403, 404, 422)
    report = run_import(
        member,
        run_jobs,
        b"Email,First Name\nsecret@imp-members.pl,Leak\nnew@imp-members.pl,N\n",
        options={"existing": "overwrite", "contact_class_id": theirs["id"]},
    )
    assert (report["counts"]["created"], report["counts"]["unchanged"]) == (1, 1)
    assert owner.ok(owner.get(f"contacts/{secret['id']}"))["first_name"] == "Secret"


def test_an_unanswering_resolver_imports_addresses_as_unverified(
    app, owner: ApiClient, run_jobs
) -> None:
    import dataclasses

    from cardfile import config
    from factories.dns import SilentServer

    silent = SilentServer()
    before = config.current()
    config.configure(dataclasses.replace(before, dns_servers=(silent.address,)))
    try:
        report = run_import(owner, run_jobs, b"Email\nquiet@imp-silent.pl\n")
    finally:
        config.configure(before)
        silent.stop()
    assert report["counts"]["created"] == 1 and report["counts"]["rejected"] == {}
    contact = _contacts(owner, "imp-silent")["quiet@imp-silent.pl"]
    assert contact["email_status"] == "unverified"


def test_the_lifecycle_statuses_and_what_each_allows(app, owner: ApiClient, dns, run_jobs) -> None:
    dns.mail_domains(["imp-life.pl"])
    record = draft(owner, b"Email\na@imp-life.pl\n")
    assert record["status"] == "draft" and record["job_id"] is None
    listed = owner.ok(owner.get("imports"))
    assert record["id"] in [i["id"] for i in listed["items"]]
    bad = owner.patch(f"imports/{record['id']}", {"mapping": {"Email": "nonsense"}})
    assert bad.status_code == 422 and "mapping.Email" in bad.get_json()["errors"]
    owner.ok(owner.patch(f"imports/{record['id']}", {"questionnaire": QUESTIONNAIRE}))
    job_id = owner.ok(owner.post(f"imports/{record['id']}/start"), 202)["job_id"]
    queued = owner.ok(owner.get(f"imports/{record['id']}"))
    assert (queued["status"], queued["job_id"]) == ("queued", job_id)
    assert owner.post(f"imports/{record['id']}/start").status_code == 409
    assert owner.patch(f"imports/{record['id']}", {"header": False}).status_code == 409
    assert owner.delete(f"imports/{record['id']}").status_code == 409
    cancelled = owner.ok(owner.post(f"imports/{record['id']}/cancel"))
    assert cancelled["status"] == "cancelled" and not cancelled["cancel_requested"]
    run_jobs()
    assert owner.ok(owner.get(f"imports/{record['id']}"))["status"] == "cancelled"
    assert _contacts(owner, "imp-life") == {}
    assert owner.delete(f"imports/{record['id']}").status_code == 204
    assert owner.get(f"imports/{record['id']}").status_code == 404


def test_saved_mappings(owner: ApiClient) -> None:
    mapping = {"Email Address": "email", "FNAME": "first_name"}
    body = {"name": "Mailchimp export", "mapping": mapping}
    saved = owner.ok(owner.post("import-mappings", body), 201)
    assert owner.post("import-mappings", {**body, "name": "mailchimp EXPORT"}).status_code == 409
    items = owner.ok(owner.get("import-mappings"))["items"]
    assert [m["name"] for m in items if m["id"] == saved["id"]] == ["Mailchimp export"]
    assert owner.delete(f"import-mappings/{saved['id']}").status_code == 204
    assert owner.delete(f"import-mappings/{saved['id']}").status_code == 404
