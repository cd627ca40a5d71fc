"""The trash in the browser: a deleted contact is listed for the admin and comes back."""

from __future__ import annotations

from playwright.sync_api import expect
from test_spa import _add_contact, _sign_up


def test_a_deleted_contact_is_restored_from_the_trash(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(width=390, height=844)
    _sign_up(page, "Trash Agency")
    _add_contact(page, "Bożena", "bozena@trash.example")
    page.get_by_role("link", name="Bożena").first.click()
    page.get_by_role("button", name="Delete contact").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted Bożena.", exact=False)).to_be_visible()
    page.goto(page.url.split("/contacts")[0] + "/trash")
    expect(page.get_by_role("list", name="Deleted contacts").get_by_text("Bożena")).to_be_visible()
    page.get_by_role("button", name="Restore").first.click()
    expect(page.get_by_role("status").filter(has_text="Bożena")).to_be_visible()
    expect(page.get_by_text("The trash is empty")).to_be_visible()
    page.goto(page.url.split("/trash")[0] + "/contacts")
    expect(page.get_by_role("link", name="Bożena").first).to_be_visible()
