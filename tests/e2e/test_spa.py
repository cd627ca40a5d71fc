"""The SPA in headless Chromium against the running app, as its users would drive it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from factories.accounts import PASSWORD, unique_email


def _sign_up(page: Page, agency: str) -> str:
    email = unique_email("e2e")
    page.goto("/signup")
    page.get_by_label("Name", exact=True).fill("Erin Agency")
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_label("Agency name").fill(agency)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/w/\d+/contacts"))
    return email


def _add_contact(page: Page, first: str, email: str, class_name: str | None = None) -> None:
    page.get_by_role("button", name="Add contact").first.click()
    form = page.get_by_role("form", name="New contact")
    form.get_by_label("First name").fill(first)
    form.get_by_label("Email").fill(email)
    if class_name:
        form.get_by_label("Class").click()
        page.get_by_role("option", name=class_name).click()
    form.locator("button[type=submit]").click()
    # the new contact's card
    expect(page.get_by_role("heading", name=first, exact=True)).to_be_visible()
    page.get_by_role("link", name="All contacts").click()
    expect(page.get_by_text(email).first).to_be_visible()


def _switch_workspace(page: Page, name: str) -> None:
    page.get_by_role("combobox", name="Workspace").click()
    page.get_by_role("option", name=name).click()
    expect(page.get_by_role("combobox", name="Workspace")).to_have_value(name)


def test_sign_up_create_workspace_add_contact_and_switch(new_page, live_url) -> None:
    page = new_page()
    _sign_up(page, "Erin's Agency")
    first_ws = page.url
    _add_contact(page, "Ada", "ada@first.example")

    page.get_by_role("button", name="New workspace").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Second Client")
    dialog.get_by_role("button", name="Create workspace").click()
    expect(page.get_by_role("combobox", name="Workspace")).to_have_value("Second Client")
    expect(page).not_to_have_url(first_ws)
    expect(page.get_by_text("ada@first.example")).to_have_count(0)
    page.get_by_label("Search contacts").fill("ada")
    expect(page.get_by_text("ada@first.example")).to_have_count(0)

    _switch_workspace(page, "Erin's Agency")
    expect(page.get_by_text("ada@first.example")).to_be_visible()


def test_invited_restricted_member_sees_only_their_class(new_page, smtp, worker_process) -> None:
    admin = new_page()
    _sign_up(admin, "Class Act Agency")
    workspace_url = admin.url

    admin.goto(workspace_url.replace("/contacts", "/settings/classes"))
    admin.get_by_role("button", name="New class").click()
    admin.get_by_role("dialog").get_by_label("Name").fill("VIP")
    admin.get_by_role("dialog").get_by_role("button", name="Save").click()
    expect(admin.get_by_text("VIP")).to_be_visible()

    admin.goto(workspace_url)
    _add_contact(admin, "Vera", "vera@vip.example", class_name="VIP")
    _add_contact(admin, "Gene", "gene@general.example")

    invitee = unique_email("member")
    admin.goto(workspace_url.replace("/contacts", "/settings/members"))
    admin.get_by_role("button", name="Invite member").click()
    dialog = admin.get_by_role("dialog")
    dialog.get_by_label("Email").fill(invitee)
    dialog.get_by_label("Role").click()
    admin.get_by_role("option", name=re.compile("^Member")).click()
    dialog.get_by_label("All contacts").uncheck(force=True)
    dialog.get_by_label("Contact classes").click()
    admin.get_by_role("option", name="VIP").click()
    dialog.get_by_label("Email").click()  # closes the class picker's dropdown
    dialog.get_by_role("button", name="Send invitation").click()
    expect(admin.get_by_text(f"Invitation sent to {invitee}.")).to_be_visible()
    expect(admin.get_by_text(invitee, exact=True)).to_be_visible()

    [message] = smtp.to(invitee, timeout=20)
    body = message.get_payload(decode=True).decode()
    token = re.search(r"/invite/(\S+)", body).group(1)  # type: ignore[union-attr]

    member = new_page(390, 844)  # a phone-sized screen
    member.goto(f"/invite/{token}")
    member.get_by_label("Name", exact=True).fill("Mo Member")
    member.get_by_role("textbox", name="Password").fill(PASSWORD)
    member.get_by_role("button", name="Accept invitation").click()
    expect(member).to_have_url(re.compile(r"/w/\d+/contacts"))
    expect(member.get_by_text("vera@vip.example").first).to_be_visible()
    expect(member.get_by_text("gene@general.example")).to_have_count(0)
    member.get_by_label("Search contacts").fill("gene")
    expect(member.get_by_text("vera@vip.example")).to_have_count(0)  # the search ran...
    expect(member.get_by_text("gene@general.example")).to_have_count(0)  # ...and found nothing


def test_tag_every_contact_through_the_selection(new_page) -> None:
    page = new_page()
    _sign_up(page, "Bulk Agency")
    _add_contact(page, "Bea", "bea@bulk.example")
    _add_contact(page, "Bo", "bo@bulk.example")
    page.get_by_role("button", name="Select all 2 contacts").click()
    tray = page.get_by_role("region", name="Selected contacts")
    expect(tray.get_by_text("All 2 matching")).to_be_visible()
    tray.get_by_role("button", name="Actions…").click()
    dialog = page.get_by_role("dialog", name="Bulk action")
    dialog.get_by_label("Tag").fill("spring-campaign")
    dialog.get_by_role("button", name="Continue").click()
    dialog.get_by_role("button", name="Apply to 2 contacts").click()
    expect(dialog.get_by_role("status", name="Bulk action report")).to_contain_text("2 contacts")
    dialog.get_by_role("button", name="Done").click()
    expect(page.get_by_text("spring-campaign", exact=True)).to_have_count(2)  # the badges


def test_deleting_a_contact_can_be_undone(new_page) -> None:
    page = new_page()
    _sign_up(page, "Undo Agency")
    _add_contact(page, "Uma", "uma@undo.example")
    page.get_by_role("link", name="Uma").first.click()
    page.get_by_role("button", name="Delete contact").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted Uma.", exact=False)).to_be_visible()
    expect(page.get_by_text("uma@undo.example")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("heading", name="Uma")).to_be_visible()
    page.get_by_role("link", name="All contacts").click()
    expect(page.get_by_text("uma@undo.example")).to_be_visible()
