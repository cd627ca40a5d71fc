"""A selection across pages of the contacts list, in Chromium: ticked on two pages, kept
while paging, reviewed in the tray, then tagged in one bulk action."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect
from test_second_pass import _log_in

from factories.accounts import signup_client
from factories.contacts import make_contact

ARTIFACTS = Path(__file__).parent / "artifacts"


def test_select_on_two_pages_review_and_tag(app, new_page) -> None:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    people = [
        make_contact(
            owner, first_name=f"Sel{i:02d}", last_name="Łódź", email=f"sel{i:02d}@pick.example"
        )
        for i in range(1, 16)
    ]
    page = new_page(width=1280, height=900)
    page.goto("/login")
    _log_in(page, owner.email)
    page.goto(f"/w/{owner.workspace_id}/contacts?size=10&sort=first_name")

    page.get_by_role("checkbox", name="Select Sel01 Łódź").check()
    page.get_by_role("checkbox", name="Select Sel02 Łódź").check()
    page.get_by_role("checkbox", name="Select Sel03 Łódź").check()
    tray = page.get_by_role("region", name="Selected contacts")
    expect(tray.get_by_text("3 selected")).to_be_visible()

    page.get_by_role("button", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    page.get_by_role("checkbox", name="Select Sel12 Łódź").check()
    expect(tray.get_by_text("4 selected")).to_be_visible()

    tray.get_by_role("button", name="Review").click()
    drawer = page.get_by_role("dialog", name="Selected contacts")
    for name in ("Sel01 Łódź", "Sel02 Łódź", "Sel03 Łódź", "Sel12 Łódź"):
        expect(drawer.get_by_text(name, exact=True)).to_be_visible()
    drawer.get_by_role("button", name="Remove Sel02 Łódź from the selection").click()
    expect(drawer.get_by_text("Sel02 Łódź", exact=True)).to_have_count(0)
    drawer.get_by_role("button", name="Actions…").click()

    dialog = page.get_by_role("dialog", name="Bulk action")
    dialog.get_by_label("Tag").fill("wybrani")
    dialog.get_by_role("button", name="Continue").click()
    dialog.get_by_role("button", name="Apply to 3 contacts").dblclick()  # sent once
    report = dialog.get_by_role("status", name="Bulk action report")
    expect(report).to_contain_text("3 contacts handled")
    expect(report.get_by_text("Changed").locator("xpath=preceding-sibling::*[1]")).to_have_text("3")
    dialog.get_by_role("button", name="Done").click()

    # On the page shown (page 2) the tag is on Sel12 only; on page 1 on Sel01 and Sel03.
    row = page.get_by_role("row").filter(has_text="sel12@pick.example")
    expect(row.get_by_text("wybrani", exact=True)).to_be_visible()
    expect(page.get_by_text("wybrani", exact=True)).to_have_count(1)
    page.get_by_role("button", name="Previous page").click()
    for email in ("sel01@pick.example", "sel03@pick.example"):
        row = page.get_by_role("row").filter(has_text=email)
        expect(row.get_by_text("wybrani", exact=True)).to_be_visible()
    expect(page.get_by_text("wybrani", exact=True)).to_have_count(2)

    tagged = owner.ok(owner.get("contacts?tag=wybrani&page_size=50"))["items"]
    wanted = {people[0]["id"], people[2]["id"], people[11]["id"]}
    assert {c["id"] for c in tagged} == wanted
    activity = owner.ok(owner.get(f"contacts/{people[11]['id']}/activity"))["items"]
    assert any("wybrani" in str(a["data"]) for a in activity)


def test_the_tray_fits_a_phone(app, new_page) -> None:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    for i in range(3):
        make_contact(owner, first_name=f"Телефон{i}", last_name="Wąski-Długie-Nazwisko")
    page = new_page(width=390, height=844)
    page.goto("/login")
    _log_in(page, owner.email)
    page.goto(f"/w/{owner.workspace_id}/contacts")
    page.get_by_role("checkbox", name="Select all contacts on this page").check()
    tray = page.get_by_role("region", name="Selected contacts")
    expect(tray.get_by_text("3 selected")).to_be_visible()
    for name in ("Review", "Actions…"):
        box = tray.get_by_role("button", name=name).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.reload()  # kept in the tab's sessionStorage
    expect(tray.get_by_text("3 selected")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Select all contacts on this page")).to_be_checked()
    page.screenshot(path=str(ARTIFACTS / "selection-tray-390.png"), full_page=False)
