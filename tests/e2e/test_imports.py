"""Imports in Chromium: a Windows-1250 CSV with Polish names uploaded, read right, mapped
(a custom field, a new one), options and the source questionnaire answered (a bought list
refused with the reason), started once on a double click, run by a real RQ worker, and the
report with its chart and the rejected rows; then the pages at 390 px."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.browser import fits
from factories.contacts import make_field

SHOTS = Path("/tmp/shots-imports")
ARTIFACTS = Path(__file__).parent / "artifacts"

PEOPLE = [
    ("zofia.zazolc@imp-e2e.pl", "Zofia", "Zażółć", "Łódź", "Stała klientka"),
    ("jerzy.gesla@imp-e2e.pl", "Jerzy", "Gęślą", "Kraków", ""),
    ("zenon@imp-e2e.pl", "Żaneta", "Jaźń-Świątek", "Wrocław", "Poznała nas na targach"),
    ("biuro@imp-e2e-nomail.pl", "Łucja", "Źdźbło", "Gdańsk", ""),
    ("to nie jest adres", "Bożena", "Ćma", "Poznań", ""),
    ("info@imp-e2e.pl", "Biuro", "Główne", "Szczecin", ""),
    ("ZOFIA.ZAZOLC@imp-e2e.pl", "Zofia", "Duplikat", "Łódź", ""),
]
# More Polish text, so the encoding is told from its neighbours with certainty.
MORE = [
    (
        f"osoba{i}@imp-e2e.pl",
        "Grzegorz",
        f"Brzęczyszczykiewicz{i}",
        "Chrząszczyżewoszyce",
        "Ćwierć źdźbła",
    )
    for i in range(12)
]


def _csv(rows: list[tuple[str, ...]]) -> bytes:
    lines = ["Adres e-mail;Imię;Nazwisko;Miasto;Uwagi"] + [";".join(r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1250")


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # fixed header and navbar drawn once, on top
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _open(page: Page, owner: ApiClient, path: str) -> None:
    page.goto("/login")
    _log_in(page, owner.email)
    page.goto(f"/w/{owner.workspace_id}{path}")


def test_a_windows_1250_file_from_upload_to_report(app, new_page, dns, run_jobs) -> None:  # type: ignore[no-untyped-def]
    dns.mail_domains(["imp-e2e.pl"])
    dns.no_mail("imp-e2e-nomail.pl")
    owner = signup_client(app)
    make_field(owner, "city", "text")
    page = new_page(width=1280, height=900)
    _open(page, owner, "/imports")
    expect(page.get_by_role("status").get_by_text("No imports yet")).to_be_visible()
    page.get_by_role("link", name="Import contacts").click()
    expect(page).to_have_url(re.compile(r"/imports/new$"))

    # A file that is no CSV: the API's reason, named after the file.
    page.get_by_label("Choose a file to import").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(300)}
    )
    alert = page.get_by_role("alert").filter(has_text="“logo.png” cannot be imported")
    expect(alert).to_be_visible()
    _shot(page, "upload-refused-1280")

    page.get_by_label("Choose a file to import").set_input_files(
        {"name": "Klienci targi.csv", "mimeType": "text/csv", "buffer": _csv(PEOPLE + MORE)}
    )
    expect(page).to_have_url(re.compile(r"/imports/\d+\?step=columns$"))
    import_id = int(re.search(r"/imports/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    preview = page.get_by_role("table", name="Preview of the file")
    for text in ("Zażółć", "Jaźń-Świątek", "Źdźbło", "Łódź", "Chrząszczyżewoszyce"):
        expect(preview.get_by_text(text, exact=True).first).to_be_visible()
    expect(preview.get_by_role("columnheader", name=re.compile("^Imię"))).to_be_visible()
    expect(page.get_by_label("Encoding")).to_have_value(re.compile("windows-1250|iso-8859-2"))
    expect(page.get_by_label("Delimiter")).to_have_value(";")

    # Read as if there were no header: the header line is a row, the columns are numbered.
    page.get_by_label("First row is the header").uncheck()
    expect(preview.get_by_role("columnheader", name=re.compile("^Column 1"))).to_be_visible()
    expect(preview.get_by_role("cell", name="Adres e-mail", exact=True)).to_be_visible()
    page.get_by_label("First row is the header").check()
    expect(preview.get_by_role("columnheader", name=re.compile("^Adres e-mail"))).to_be_visible()

    expect(page.get_by_label("Where “Adres e-mail” goes")).to_have_value("email")
    expect(page.get_by_label("Where “Imię” goes")).to_have_value("first_name")
    expect(page.get_by_label("Where “Nazwisko” goes")).to_have_value("last_name")
    page.get_by_label("Where “Miasto” goes").select_option(label="City")
    page.get_by_label("Where “Uwagi” goes").select_option(label="New custom field…")
    dialog = page.get_by_role("dialog", name="New custom field")
    dialog.get_by_label("Field name").fill("Uwagi z targów")
    dialog.get_by_role("button", name="Use this field").click()
    expect(page.get_by_label("Where “Uwagi” goes")).to_have_value("new:Uwagi z targów")
    # One field per column: choosing Email twice is named at the second column.
    page.get_by_label("Where “Imię” goes").select_option("email")
    expect(page.get_by_text("“Adres e-mail” already goes to this field.")).to_be_visible()
    page.get_by_label("Where “Imię” goes").select_option("first_name")

    page.get_by_role("button", name="Save mapping…").click()
    save = page.get_by_role("dialog", name="Save this mapping")
    save.get_by_label("Name").fill("Targi – Łódź")
    save.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Saved mappings")).to_contain_text("Targi – Łódź")
    expect(save).to_be_hidden()
    _shot(page, "columns-1280")

    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"step=options"))
    assert owner.ok(owner.get(f"imports/{import_id}"))["suggested_mapping"] == {
        "Adres e-mail": "email",
        "Imię": "first_name",
        "Nazwisko": "last_name",
        "Miasto": "custom:city",
        "Uwagi": "new:Uwagi z targów",
    }
    page.get_by_label("Fill their empty fields").check()
    tags = page.get_by_role("combobox", name="Tags for every imported contact")
    tags.fill("targi-2026")
    tags.press("Enter")
    # Back and forward again: the choices were kept.
    page.go_back()
    expect(page.get_by_label("Where “Miasto” goes")).to_have_value("custom:city")
    page.go_forward()
    expect(page.get_by_label("Fill their empty fields")).to_be_checked()
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"step=source"))
    options = owner.ok(owner.get(f"imports/{import_id}"))["options"]
    assert options["existing"] == "fill_empty" and options["tags"] == ["targi-2026"]

    # A bought list: the reason shows at once, and the API refuses it with the same.
    page.get_by_label("A list I bought").check()
    refused = page.get_by_test_id("source-refused")
    expect(refused).to_contain_text("does not import purchased or rented lists")
    page.get_by_label("When and how did these people agree to hear from you?").fill(
        "Kupiona baza z targów"
    )
    with page.expect_response(lambda r: r.request.method == "PATCH") as answer:
        page.get_by_role("button", name="Start import").click()
    assert answer.value.status == 422
    assert "purchased or rented" in answer.value.json()["errors"]["questionnaire.source"][0]
    expect(refused).to_contain_text("Import only people who gave you their consent.")
    expect(page).to_have_url(re.compile(r"step=source"))
    _shot(page, "source-refused-1280")
    record = owner.ok(owner.get(f"imports/{import_id}"))
    assert record["status"] == "draft" and record["questionnaire"] is None

    page.reload()  # the step is in the URL; what was chosen before is on the server
    expect(page.get_by_label("A list I bought")).not_to_be_checked()
    page.get_by_label("My own signup form or website").check()
    page.get_by_label("When and how did these people agree to hear from you?").fill(
        "Formularz zapisu na targach w Łodzi, podwójna zgoda (double opt-in), marzec 2026"
    )
    page.get_by_role("button", name="Start import").dblclick()  # started once
    progress = page.get_by_role("status", name="Import progress")
    expect(progress).to_be_visible()
    expect(page).not_to_have_url(re.compile("step="))
    _shot(page, "queued-1280")

    run_jobs()
    report = page.get_by_role("region", name="Import report")
    expect(report).to_be_visible()
    expect(page.get_by_test_id("count-created")).to_contain_text("16")
    expect(page.get_by_test_id("count-rejected")).to_contain_text("2")
    expect(page.get_by_test_id("count-duplicate_in_file")).to_contain_text("1")
    expect(page.get_by_test_id("count-flagged")).to_contain_text("1")
    chart = page.get_by_role("img", name=re.compile("^Rows by outcome: Created 16"))
    expect(chart).to_be_visible()
    expect(chart.locator("svg")).to_be_visible()
    rejected = page.get_by_role("table", name="Rejected rows by reason")
    expect(rejected.get_by_role("row", name=re.compile("Domain receives no mail"))).to_contain_text(
        "1"
    )
    expect(
        rejected.get_by_role("row", name=re.compile("Not a valid email address"))
    ).to_contain_text("1")
    flagged = page.get_by_role("table", name="Flagged contacts by reason")
    expect(flagged.get_by_role("row", name=re.compile("Role address"))).to_be_visible()
    _shot(page, "report-1280")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download rejected rows (CSV)").click()
    saved = download.value
    assert saved.suggested_filename == "Klienci targi-rejected.csv"
    text = Path(saved.path()).read_text(encoding="utf-8-sig")
    assert "Źdźbło" in text and "to nie jest adres" in text and "no_mx" in text

    jobs = owner.ok(owner.get("jobs", query_string={"page_size": 50}))["items"]
    assert len([j for j in jobs if j["kind"] == "import"]) == 1
    contacts = owner.ok(owner.get("contacts", query_string={"tag": "targi-2026", "page_size": 50}))
    by_email = {c["email"]: c for c in contacts["items"]}
    zofia = by_email["zofia.zazolc@imp-e2e.pl"]
    assert (zofia["first_name"], zofia["last_name"]) == ("Zofia", "Zażółć")
    assert zofia["custom"]["city"] == "Łódź"
    assert "Stała klientka" in zofia["custom"].values()

    page.get_by_role("link", name="See the contacts tagged “targi-2026”").click()
    expect(page).to_have_url(re.compile(r"/contacts\?tag=targi-2026"))
    expect(page.get_by_text("Jaźń-Świątek").first).to_be_visible()
    page.go_back()
    expect(report).to_be_visible()

    page.goto(f"/w/{owner.workspace_id}/imports")
    row = page.get_by_role("row").filter(has_text="Klienci targi.csv")
    expect(row).to_contain_text("Finished")
    expect(row).to_contain_text("16 created")
    _shot(page, "list-1280")

    # The same pages on a phone.
    phone = new_page(width=390, height=844)
    _open(phone, owner, f"/imports/{import_id}")
    expect(phone.get_by_role("region", name="Import report")).to_be_visible()
    expect(phone.get_by_role("img", name=re.compile("^Rows by outcome"))).to_be_visible()
    fits(phone, 390)
    _shot(phone, "report-390")
    phone.goto(f"/w/{owner.workspace_id}/imports")
    expect(phone.get_by_role("link", name="Klienci targi.csv")).to_be_visible()
    fits(phone, 390)
    _shot(phone, "list-390")

    # A second file on the phone: the saved mapping applies; the wide preview scrolls inside.
    phone.goto(f"/w/{owner.workspace_id}/imports/new")
    fits(phone, 390)
    _shot(phone, "upload-390")
    # Dropped on the zone this time.
    dropped = phone.evaluate_handle(
        """([name, bytes]) => {
            const data = new DataTransfer()
            data.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }))
            return data
        }""",
        ["druga lista.csv", list(_csv(PEOPLE[:2] + MORE))],
    )
    phone.get_by_test_id("import-drop").dispatch_event("drop", {"dataTransfer": dropped})
    expect(phone).to_have_url(re.compile(r"step=columns"))
    expect(
        phone.get_by_role("table", name="Preview of the file").get_by_text("Zażółć")
    ).to_be_visible()
    phone.get_by_label("Saved mappings").select_option(label="Targi – Łódź")
    phone.get_by_role("button", name="Apply").click()
    expect(phone.get_by_text("Applied “Targi – Łódź” to 5 of 5 columns.")).to_be_visible()
    expect(phone.get_by_label("Where “Miasto” goes")).to_have_value("custom:city")
    # The field made by the first import exists now: its saved "new:" maps to it.
    expect(phone.get_by_label("Where “Uwagi” goes")).to_have_value(re.compile("^custom:"))
    fits(phone, 390)
    _shot(phone, "columns-390")
    phone.get_by_role("button", name="Next").click()
    expect(phone).to_have_url(re.compile(r"step=options"))
    fits(phone, 390)
    _shot(phone, "options-390")
    phone.get_by_role("button", name="Next").click()
    phone.get_by_label("A list I rented").check()
    expect(phone.get_by_test_id("source-refused")).to_be_visible()
    fits(phone, 390)
    _shot(phone, "source-390")
    # Discarded with a choice not saved yet: gone, without a "leave without saving?" question.
    phone.get_by_role("button", name="Discard").click()
    phone.get_by_role("dialog", name="Discard this import?").get_by_role(
        "button", name="Discard"
    ).click()
    expect(phone).to_have_url(re.compile(r"/imports$"))
    expect(phone.get_by_role("link", name="Klienci targi.csv")).to_be_visible()
    expect(phone.get_by_role("link", name="druga lista.csv")).to_have_count(0)


def test_cancel_a_queued_import_then_delete_it_on_a_phone(app, new_page) -> None:  # type: ignore[no-untyped-def]
    from factories.imports import QUESTIONNAIRE, draft

    owner = signup_client(app)
    name = "Zażółć-gęślą-jaźń-bardzo-długa-nazwa-pliku-z-eksportu-sklepu-internetowego-2026.csv"
    record = draft(owner, _csv(PEOPLE), name)
    owner.ok(owner.patch(f"imports/{record['id']}", {"questionnaire": QUESTIONNAIRE}))
    owner.ok(owner.post(f"imports/{record['id']}/start"), 202)  # no worker: it stays queued

    page = new_page(width=390, height=844)
    _open(page, owner, "/imports")
    expect(page.get_by_role("listitem").filter(has_text="Waiting to start")).to_be_visible()
    page.get_by_role("link", name=name).click()
    progress = page.get_by_role("status", name="Import progress")
    expect(progress).to_contain_text("In the queue")
    fits(page, 390)
    _shot(page, "queued-390")
    progress.get_by_role("button", name="Cancel import").click()
    page.get_by_role("dialog", name="Cancel this import?").get_by_role(
        "button", name="Cancel import"
    ).click()
    expect(page.get_by_text("Cancelled before any row was imported.")).to_be_visible()
    assert owner.ok(owner.get(f"imports/{record['id']}"))["status"] == "cancelled"
    fits(page, 390)
    _shot(page, "cancelled-390")

    page.get_by_role("button", name="Delete import").click()
    page.get_by_role("dialog", name="Delete this import?").get_by_role(
        "button", name="Delete import"
    ).click()
    expect(page).to_have_url(re.compile(r"/imports$"))
    expect(page.get_by_role("status").get_by_text("No imports yet")).to_be_visible()
    assert owner.get(f"imports/{record['id']}").status_code == 404
