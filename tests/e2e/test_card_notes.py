"""Notes on the contact card, in the browser: written, shown safely, pinned, kept on reload."""

from __future__ import annotations

from playwright.sync_api import expect
from test_spa import _add_contact, _sign_up


def test_a_note_is_added_pinned_and_kept(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(width=390, height=844)
    _sign_up(page, "Notes Agency")
    _add_contact(page, "Łucja", "lucja@notes.example")
    page.get_by_role("link", name="Łucja").first.click()
    box = page.get_by_label("New note")
    box.fill("Zadzwonić w piątek <script>alert(1)</script>")
    page.get_by_role("button", name="Add note").dblclick()
    notes = page.get_by_test_id("note")
    expect(notes).to_have_count(1)  # one note for a double click
    expect(notes.first).to_contain_text("Zadzwonić w piątek <script>alert(1)</script>")  # as text
    expect(box).to_have_value("")
    page.get_by_role("button", name="Pin note").click()
    expect(notes.first.get_by_text("Pinned", exact=True)).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("note").first.get_by_text("Pinned", exact=True)).to_be_visible()
    expect(page.get_by_text("Note added")).to_be_visible()  # in the timeline
