"""List hygiene in Chromium: a member checks every address, reads the report (chart, reasons,
changes filtered in the URL, duplicates), sees the status badge on a card, filters the
contacts list by "invalid", and suppresses every invalid address; at 1280 and 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.browser import fits, shot
from factories.contacts import insert_contacts, make_contact


def _raw(owner: ApiClient, email: str) -> None:
    """A contact straight into the table (an address the API would trim)."""
    insert_contacts(owner.workspace_id, ":e", first_name="Zofia (kopia)", e=email)


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"hygiene-{name}-{width}")


@pytest.mark.parametrize("width", [1280, 390])
def test_check_read_the_report_filter_and_suppress(
    app, new_page, dns, run_jobs, width: int
) -> None:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    dns.mail_domains(["e2e-hygiene.pl", "gmail.com"])
    zofia = make_contact(
        owner, first_name="Zażółć", last_name="Gęślą Jaźń", email=f"zofia{width}@e2e-hygiene.pl"
    )
    fake = make_contact(
        owner,
        first_name="Bartłomiej",
        last_name="Nieistniejący-Bardzo-Długie-Nazwisko-Testowe",
        email=f"asdf{width}@e2e-hygiene.pl",
    )
    throwaway = make_contact(owner, first_name="Jednorazowy", email=f"x{width}@mailinator.com")
    make_contact(owner, first_name="Biuro", email="info@e2e-hygiene.pl")
    make_contact(
        owner, first_name="Jan", last_name="Kowalski", email=f"j.kowalski{width}@gmail.com"
    )
    make_contact(owner, first_name="Jan", last_name="K.", email=f"jkowalski{width}+news@gmail.com")
    _raw(owner, f" ZOFIA{width}@e2e-hygiene.pl")

    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)
    ws = owner.workspace_id
    if width >= 1000:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="List hygiene").click()
    else:
        page.goto(f"/w/{ws}/hygiene")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/hygiene$"))
    expect(page.get_by_text("No address checks yet")).to_be_visible()
    expect(page.get_by_label("Schedule", exact=True)).to_have_value("Once a week")  # admins choose
    fits(page, width)
    _shot(page, "empty", width)

    # Check now: one run for a double click, its progress, then its report.
    page.get_by_role("button", name="Check addresses now").first.dblclick()
    current = page.get_by_label("Current check")
    expect(current.get_by_role("link", name=re.compile("Open the report"))).to_be_visible()
    run_jobs()
    expect(current.get_by_role("status")).to_contain_text(
        "Finished. 7 addresses checked, 7 changed: 2 invalid, 1 risky. 2 groups of duplicates."
    )
    runs = owner.ok(owner.get("hygiene/runs"))
    assert runs["total"] == 1
    run_id = runs["items"][0]["id"]
    expect(page.get_by_role("link", name=re.compile(r"\d{4}, \d\d:\d\d"))).to_have_count(1)
    _shot(page, "page", width)
    current.get_by_role("link", name="Open the report").click()
    expect(page).to_have_url(re.compile(rf"/hygiene/{run_id}$"))

    chart = page.get_by_role("img", name=re.compile("Addresses checked by status: .*2 invalid"))
    expect(chart).to_be_visible()
    expect(chart.locator("svg")).to_have_count(1)  # drawn
    tiles = page.get_by_label("Counts by status")
    expect(tiles.get_by_role("link", name=re.compile("^2 invalid"))).to_be_visible()
    reasons = page.get_by_role("table", name="Addresses by reason")
    expect(reasons.get_by_text("A fake or placeholder address")).to_be_visible()
    expect(reasons.get_by_text("A disposable (throw-away) address")).to_be_visible()
    expect(reasons.get_by_text("A role address (info@, sales@…)")).to_be_visible()
    expect(
        page.get_by_role("list", name="Changes of status").get_by_label(
            re.compile(r"^Unverified to Invalid: 2$")
        )
    ).to_be_visible()
    groups = page.get_by_test_id("hygiene-duplicate")
    expect(groups).to_have_count(2)
    expect(groups.filter(has_text="Same address")).to_contain_text(f"zofia{width}@e2e-hygiene.pl")
    expect(groups.filter(has_text="Possibly the same Gmail mailbox")).to_contain_text(
        f"jkowalski{width}@gmail.com"
    )
    fits(page, width)
    _shot(page, "report", width)

    # The changes filtered by status, in the URL; a row opens the contact's card with its badge.
    page.get_by_label("Show changes to").click()
    page.get_by_role("option", name="Now invalid").click()
    expect(page).to_have_url(re.compile(r"status=invalid"))
    changes = page.get_by_label("Changed contacts")
    expect(changes.get_by_role("link", name="Jednorazowy")).to_be_visible()
    expect(changes.get_by_role("link", name=re.compile("^Zażółć"))).to_have_count(0)
    page.reload()
    expect(changes.get_by_role("link", name="Jednorazowy")).to_be_visible()
    changes.get_by_role("link", name=re.compile("^Bartłomiej")).click()
    expect(page).to_have_url(re.compile(rf"/contacts/{fake['id']}$"))
    line = page.get_by_test_id("email-with-status")
    expect(line.get_by_text("Invalid", exact=True)).to_be_visible()
    expect(line).to_contain_text("An obviously fake or reserved address · Checked")
    fits(page, width)
    _shot(page, "card", width)
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/hygiene/{run_id}\?status=invalid"))
    expect(changes.get_by_role("link", name="Jednorazowy")).to_be_visible()

    # The contacts list filtered by "invalid" (the filter in the URL, like the others).
    page.goto(f"/w/{ws}/contacts")
    page.get_by_label("Filter by email status").click()
    page.get_by_role("option", name="Invalid", exact=True).click()
    expect(page).to_have_url(re.compile(r"email_status=invalid"))
    expect(page.get_by_text("2 matching", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Jednorazowy")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Zażółć"))).to_have_count(0)
    fits(page, width)
    _shot(page, "contacts-invalid", width)

    # Suppress every invalid address from the report: confirmed, sent once, reported.
    page.goto(f"/w/{ws}/hygiene/{run_id}")
    section = page.get_by_role("region", name="Invalid addresses")
    expect(section).to_contain_text("2 contacts have an invalid address now.")
    section.get_by_role("button", name="Suppress all invalid").click()
    dialog = page.get_by_role("dialog", name="Suppress all invalid addresses?")
    expect(dialog).to_have_css("opacity", "1")  # opened, not fading in
    _shot(page, "suppress-confirm", width)
    dialog.get_by_role("button", name="Suppress 2 addresses").dblclick()
    done = page.get_by_role("dialog", name="Suppress all invalid")
    report = done.get_by_role("status", name="Bulk action report")
    expect(report).to_contain_text("2 contacts handled")
    expect(report.get_by_text("Changed").locator("xpath=preceding-sibling::*[1]")).to_have_text("2")
    expect(done).to_have_css("opacity", "1")
    _shot(page, "suppressed", width)
    done.get_by_role("button", name="Done").click()
    expect(section).to_contain_text("No contact has an invalid address now.")

    suppressed = owner.ok(owner.get("contacts?email_status=suppressed"))["items"]
    assert {c["id"] for c in suppressed} == {fake["id"], throwaway["id"]}
    assert owner.ok(owner.get("contacts?email_status=invalid"))["total"] == 0
    assert owner.ok(owner.get(f"contacts/{zofia['id']}"))["email_status"] != "suppressed"
    page.goto(f"/w/{ws}/contacts?email_status=suppressed")
    expect(page.get_by_text("2 matching", exact=True)).to_be_visible()
    expect(page.locator("[data-email-status=suppressed]")).to_have_count(2)
