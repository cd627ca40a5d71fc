"""What a new user hit, checked in Chromium: forms, deep links, lists, mobile, accounts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from factories.accounts import PASSWORD, ApiClient, signup_client, unique_email
from factories.smtp import link_in


def _log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile("/login"))


@pytest.fixture
def owner_with_contacts(app) -> ApiClient:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    for i in range(60):
        owner.ok(
            owner.post("contacts", {"email": f"p{i:02d}@list.example", "first_name": f"P{i:02d}"}),
            201,
        )
    return owner


def test_deep_link_survives_login(app, new_page) -> None:
    owner = signup_client(app)
    second = owner.ok(owner.post("/api/v1/workspaces", {"name": "Second client"}), 201)
    page = new_page()
    page.goto(f"/w/{second['id']}/settings/fields")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    _log_in(page, owner.email)
    expect(page).to_have_url(re.compile(rf"/w/{second['id']}/settings/fields$"))
    page.goto("/login?next=//evil.example/")
    expect(page).not_to_have_url(re.compile("evil"))


def test_double_click_on_save_creates_one_contact(app, new_page) -> None:
    owner = signup_client(app)
    page = new_page()
    page.goto("/login")
    _log_in(page, owner.email)
    page.get_by_role("button", name="Add contact").first.click()
    form = page.get_by_role("form", name="New contact")
    form.get_by_label("First name").fill("Zdzisław")
    form.get_by_label("Phone").fill("+48 601 234 567")
    form.locator("button[type=submit]").dblclick()
    expect(page.get_by_role("heading", name="Zdzisław")).to_be_visible()
    assert owner.ok(owner.get("contacts"))["total"] == 1


def test_back_after_paging_and_a_page_that_does_not_exist(owner_with_contacts, new_page) -> None:
    owner = owner_with_contacts
    page = new_page()
    page.goto(f"/login?next=/w/{owner.workspace_id}/contacts%3Fsize%3D25")
    _log_in(page, owner.email)
    expect(page.get_by_role("link", name="P59")).to_be_visible()
    page.get_by_role("button", name="Page 2", exact=True).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.get_by_role("link", name="P34")).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"page=2"))
    expect(page.get_by_role("link", name="P59")).to_be_visible()

    page.goto(f"/w/{owner.workspace_id}/contacts?size=25&page=99")
    expect(page.get_by_text("Page 99 does not exist")).to_be_visible()
    expect(page.get_by_text("No contacts yet")).to_have_count(0)
    page.get_by_role("button", name="Go to page 3").click()
    expect(page.get_by_role("link", name="P09")).to_be_visible()

    page.goto(f"/w/{owner.workspace_id}/contacts/abc")
    expect(page.get_by_text("Contact not found")).to_be_visible()


def test_feedback_appears_where_a_phone_user_looks(app, new_page) -> None:
    owner = signup_client(app)
    contact = owner.ok(
        owner.post("contacts", {"email": "mobile@example.org", "first_name": "Mia"}), 201
    )
    owner.ok(owner.post("contacts", {"email": "taken@example.org"}), 201)
    page = new_page(width=390, height=760)
    page.goto("/login")
    _log_in(page, owner.email)
    page.goto(f"/w/{owner.workspace_id}/contacts/{contact['id']}")
    form = page.get_by_role("form", name="Edit contact")
    form.get_by_label("Last name").fill("Kowalska")
    save = form.locator("button[type=submit]")
    save.scroll_into_view_if_needed()
    save.click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_in_viewport()
    form.get_by_label("Email").fill("taken@example.org")
    save.scroll_into_view_if_needed()
    save.click()
    expect(page.get_by_role("alert").filter(has_text="Duplicate contact")).to_be_in_viewport()


def test_forgot_password_by_emailed_link(app, new_page, smtp, worker_process) -> None:
    owner = signup_client(app)
    page = new_page(width=390, height=760)
    page.goto("/login")
    page.get_by_role("link", name="Forgot password?").click()
    # The page is loaded on demand: until it shows, "Email" is still the login form's.
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill(owner.email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("If an account exists")).to_be_visible()
    [mail] = smtp.to(owner.email, timeout=20)
    page.goto("/reset-password?token=" + link_in(mail, "/reset-password?token="))
    page.get_by_label("New password").fill("a fresh password 2026")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("Your password is changed")).to_be_visible()
    page.get_by_role("link", name="Log in").click()
    _log_in(page, owner.email, "a fresh password 2026")
    expect(page).to_have_url(re.compile(r"/w/\d+/contacts"))


def test_invitation_page_says_where_and_who(app, new_page, smtp, worker_process) -> None:
    owner = signup_client(app)
    owner.ok(owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"name": "Piekarnia Łódź"}))
    email = unique_email("ivy")
    owner.ok(owner.post("members", {"email": email, "role": "member"}), 201)
    token = link_in(smtp.to(email, timeout=20)[0], "/invite/")
    page = new_page()
    page.goto(f"/invite/{token}")
    expect(page.get_by_text("Piekarnia Łódź").first).to_be_visible()
    expect(page.get_by_text("Olive Owner")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    page.get_by_label("Name").fill("Ivy")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Accept invitation").click()
    expect(page).to_have_url(re.compile(r"/w/\d+/contacts"))
    other = new_page()
    other.goto(f"/invite/{token}")
    expect(other.get_by_text("already accepted")).to_be_visible()
    expect(other.get_by_role("textbox", name="Password")).to_have_count(0)


def test_deleting_a_workspace_asks_for_its_name(app, new_page) -> None:
    owner = signup_client(app)
    owner.ok(owner.post("/api/v1/workspaces", {"name": "Keep me"}), 201)
    page = new_page()
    page.goto(f"/login?next=/w/{owner.workspace_id}/settings/workspace")
    _log_in(page, owner.email)
    name = page.get_by_label("Name", exact=True).input_value()
    page.get_by_role("button", name="Delete workspace").click()
    dialog = page.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name="Delete workspace")
    expect(confirm).to_be_disabled()
    dialog.get_by_label(re.compile("Type")).fill(name)
    confirm.click()
    expect(page).not_to_have_url(re.compile(rf"/w/{owner.workspace_id}/"))


def test_agency_page_invites_staff(app, new_page) -> None:
    owner = signup_client(app)
    agency = owner.ok(owner.get("/api/v1/me"))["agencies"][0]
    page = new_page()
    page.goto("/login")
    _log_in(page, owner.email)
    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name=re.compile("Agency:")).click()
    expect(page).to_have_url(re.compile(rf"/agency/{agency['id']}"))
    page.get_by_role("button", name="Invite staff").click()
    dialog = page.get_by_role("dialog")
    email = unique_email("staff")
    dialog.get_by_label("Email").fill(email)
    dialog.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {email}")).to_be_visible()
    staff = owner.ok(owner.get(f"/api/v1/agencies/{agency['id']}/staff"))["items"]
    assert {s["email"]: s["status"] for s in staff}[email] == "invited"


def test_long_names_and_tags_fit_the_list_at_1280(app, new_page) -> None:
    owner = signup_client(app)
    long_name = "Żółćgęślajaźń " * 7 + "Константинопольский"
    owner.ok(
        owner.post(
            "contacts",
            {
                "email": "long@example.org",
                "first_name": long_name[:100],
                "tags": ["customer-of-the-month", "newsletter"],
            },
        ),
        201,
    )
    page = new_page(width=1280)
    page.goto(f"/login?next=/w/{owner.workspace_id}/contacts")
    _log_in(page, owner.email)
    badge = page.get_by_text("customer-of-the-month", exact=True)
    expect(badge).to_be_visible()
    # The whole tag shows (not "cus…"), and nothing pushes the page wider than the window.
    assert badge.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(page.get_by_role("cell", name="long@example.org")).to_be_visible()
