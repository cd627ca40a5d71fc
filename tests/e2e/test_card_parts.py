"""The contact card's parts in the browser: a note, a task and an expiring tag, in the
timeline after a reload; the tag cloud filters the list."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from test_spa import _add_contact, _sign_up


def test_a_note_a_task_and_an_expiring_tag_land_on_the_card(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(width=1280, height=900)
    _sign_up(page, "Card Parts Agency")
    _add_contact(page, "Świętosław", "swietoslaw@card.example")
    page.get_by_role("link", name="Świętosław").first.click()

    page.get_by_label("New note").fill("Obiecał odpowiedź do piątku")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("note")).to_have_count(1)

    page.get_by_label("New task").fill("Wysłać ofertę — Москва")
    page.get_by_role("button", name="Add task").dblclick()
    expect(page.get_by_label("Mark “Wysłać ofertę — Москва” done")).to_have_count(1)

    page.get_by_label("Tag name").fill("Trial")
    page.get_by_label("How long").click()
    page.get_by_role("option", name="For 30 days").click()
    page.get_by_role("button", name="Add tag").click()
    expect(page.get_by_label("Remove tag Trial")).to_be_visible()
    expect(page.get_by_label("expires", exact=False)).to_have_count(1)  # the clock on the tag

    page.reload()
    expect(page.get_by_test_id("note")).to_contain_text("Obiecał odpowiedź do piątku")
    expect(page.get_by_label("Mark “Wysłać ofertę — Москва” done")).to_be_visible()
    expect(page.get_by_label("Remove tag Trial")).to_be_visible()
    timeline = page.get_by_label("Activity timeline")
    for title in ("Note added", "Task added", "Tag added"):
        expect(timeline.get_by_text(title, exact=True)).to_be_visible()
    page.get_by_label("Show activity of kind").click()
    page.get_by_role("option", name="Tags").click()
    expect(timeline.get_by_text("Note added", exact=True)).to_have_count(0)
    expect(timeline.get_by_text("Tag added", exact=True)).to_be_visible()

    page.get_by_role("link", name="All contacts").click()
    page.get_by_role("button", name="Tag cloud").click()
    page.get_by_role("button", name=re.compile(r"^Trial")).click()
    expect(page).to_have_url(re.compile(r"tag=Trial"))
    expect(page.get_by_role("link", name="Świętosław").first).to_be_visible()
