"""The duplicate finder in Chromium: a group found by phone, merged from the finder with a
chosen value, then the survivor's card; side by side at 1280 px, stacked at 390 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_second_pass import _log_in

from factories.accounts import signup_client
from factories.contacts import make_contact

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.mark.parametrize("width", [1280, 390])
def test_merge_two_duplicates_from_the_finder(app, new_page, width: int) -> None:  # type: ignore[no-untyped-def]
    owner = signup_client(app)
    older = make_contact(
        owner, first_name="Zofia", last_name="Wąs", phone="+48 601 111 222", job_title="CEO"
    )
    newer = make_contact(owner, first_name="Зоя", last_name="Wąs", phone="+48601111222")
    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)
    page.goto(f"/w/{owner.workspace_id}/duplicates")

    group = page.get_by_test_id("duplicate-group")
    expect(group).to_have_count(1)
    expect(group.get_by_text("Same phone")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"duplicates-{width}.png"), full_page=True)
    group.get_by_role("button", name="Merge…").click()
    dialog = page.get_by_role("dialog", name="Merge 2 contacts")
    dialog.get_by_role("radio", name="Keep Zofia Wąs").check()
    dialog.get_by_role("radio", name="First name: Zofia (Zofia Wąs)").check()
    page.screenshot(path=str(ARTIFACTS / f"merge-dialog-{width}.png"), full_page=True)
    dialog.get_by_role("button", name="Merge into Zofia Wąs").click()
    page.get_by_role("dialog", name="Merge these contacts?").get_by_role(
        "button", name="Merge", exact=True
    ).click()

    expect(page).to_have_url(re.compile(rf"/contacts/{older['id']}$"))
    expect(page.get_by_role("heading", name="Zofia", exact=False).first).to_be_visible()
    assert owner.get(f"contacts/{newer['id']}").status_code == 404
    page.goto(f"/w/{owner.workspace_id}/duplicates")
    expect(page.get_by_text("No duplicates found")).to_be_visible()
