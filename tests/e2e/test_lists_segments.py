"""Lists and segments in Chromium, at 1280 and 390 px: a member creates a list, adds a
subscriber and sees it on the contact's card (where re-subscribing someone who left is
refused), copies and renews the embeddable form, builds a segment with a nested group while
the live count follows, saves it once; a person unsubscribes from everything on the public
preference page, with no login."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.browser import fits, shot
from factories.contacts import make_contact
from factories.lists import form_path, make_list, subscribe

ARTIFACTS = Path(__file__).parent / "artifacts"


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"lists-{name}-{width}")


def _pick(page: Page, box: Locator, option: str, typed: str | None = None) -> None:
    """Choose `option` in a Mantine select (typing `typed` first into a searchable one)."""
    box.click()
    if typed is not None:
        box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def _payload(form_url: str) -> str:
    """The signed part of a form address that names the list and its form version (the
    signature's timestamp differs on every answer)."""
    return form_url.rsplit("/", 1)[1].split(".")[0]


def _count(page: Page) -> Locator:
    return page.get_by_test_id("live-count")


@pytest.mark.parametrize("width", [1280, 390])
def test_lists_subscribers_card_segment_and_preferences(  # type: ignore[no-untyped-def]
    app, new_page, width: int
) -> None:
    owner: ApiClient = signup_client(app)
    ws = owner.workspace_id
    zofia = make_contact(
        owner,
        first_name="Zażółć",
        last_name="Gęślą-Jaźń Wielkopolska-Długosz",
        email=f"zazolc{width}@przyklad.pl",
        company="Żółw i Syn Sp. z o.o.",
        tags=["vip"],
    )
    jaroslava = make_contact(
        owner,
        first_name="Ярослава",
        last_name="Ковальчук-Шевченко",
        email=f"jaroslava{width}@example.org",
        tags=["vip"],
    )
    make_contact(owner, first_name="Bartłomiej", last_name="Brzęczyszczykiewicz")

    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)

    # Lists: empty, then a new list (double opt-in by default), opened at once.
    if width >= 1000:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Lists").click()
    else:
        page.goto(f"/w/{ws}/lists")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/lists$"))
    expect(page.get_by_text("No lists yet")).to_be_visible()
    fits(page, width)
    _shot(page, "empty", width)
    page.get_by_role("button", name="New list").click()
    dialog = page.get_by_role("dialog", name="New list")
    name = "Nowości i promocje — Новости и акции"
    dialog.get_by_label("Name").fill(name)
    dialog.get_by_label("Description").fill("Raz w tygodniu: nowe produkty, rabaty i zaproszenia.")
    expect(dialog.get_by_role("switch", name=re.compile("Double opt-in"))).to_be_checked()
    dialog.get_by_role("button", name="Create list").dblclick()
    expect(page).to_have_url(re.compile(rf"/w/{ws}/lists/\d+$"))
    lists = owner.ok(owner.get("lists"))
    assert lists["total"] == 1  # one list for a double click
    news = lists["items"][0]
    assert news["double_opt_in"] is True and news["name"] == name
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_text("No subscribers yet")).to_be_visible()

    # Add a subscriber, found by searching the contacts.
    page.get_by_role("button", name="Add subscriber").first.click()
    dialog = page.get_by_role("dialog", name=re.compile("Add a subscriber"))
    expect(dialog).to_have_css("opacity", "1")
    contact_box = dialog.get_by_role("combobox", name="Contact")
    contact_box.fill("Zażółć")
    page.get_by_role("option", name=re.compile("^Zażółć Gęślą")).click()
    expect(dialog.get_by_role("combobox", name="Status")).to_have_value("Subscribed")
    dialog.get_by_role("button", name="Add subscriber").click()
    expect(dialog).to_have_count(0)
    subscribers = page.get_by_role("region", name="Subscribers")
    row_link = subscribers.get_by_role("link", name=re.compile("^Zażółć Gęślą"))
    expect(row_link).to_be_visible()
    tiles = page.get_by_label("Subscribers by status")
    expect(tiles.get_by_role("button", name="1 Subscribed")).to_be_visible()
    # The status filter and the search live in the URL.
    tiles.get_by_role("button", name="0 Unsubscribed").click()
    expect(page).to_have_url(re.compile(r"status=unsubscribed"))
    expect(page.get_by_text("No subscriber matches")).to_be_visible()
    page.go_back()
    expect(row_link).to_be_visible()

    # The form to embed: a plain POST with a honeypot; renewing its address changes it.
    snippet = page.get_by_test_id("embed-snippet")
    html = snippet.inner_text()
    action = re.search(r'<form method="post" action="([^"]+)"', html)
    assert action and _payload(action.group(1)) == _payload(news["form_url"])
    assert 'name="website" tabindex="-1" autocomplete="off"' in html
    assert 'name="consent_text"' in html and name in html
    fits(page, width)
    _shot(page, "detail", width)
    page.get_by_role("button", name="Renew form address").click()
    confirm = page.get_by_role("dialog", name="Renew the form address?")
    expect(confirm).to_contain_text("Forms already embedded on websites stop working")
    confirm.get_by_role("button", name="Renew address").click()
    expect(page.get_by_text("The form has a new address")).to_be_visible()
    renewed = owner.ok(owner.get(f"lists/{news['id']}"))["form_url"]
    expect(snippet).to_contain_text(f"/subscribe/{_payload(renewed)}.")
    # Forms embedded so far stop working; the new one works (a bot's post: nobody is added).
    bot = {"email": "bot@example.org", "website": "https://spam.example"}
    public_client = app.test_client()
    old_form = form_path({"form_url": action.group(1)})
    assert public_client.post(old_form, json=bot).status_code == 404
    assert public_client.post(form_path({"form_url": renewed}), json=bot).status_code == 200

    # The contact's card: the list with its status; one who left cannot be put back by staff.
    row_link.click()
    expect(page).to_have_url(re.compile(rf"/contacts/{zofia['id']}$"))
    panel = page.get_by_role("region", name="Subscriptions")
    entry = panel.get_by_test_id("subscription")
    expect(entry).to_contain_text(name)
    expect(entry.get_by_text("Subscribed", exact=True)).to_be_visible()
    entry.get_by_role("button", name=f"Change {name}").click()
    _pick(page, entry.get_by_role("combobox", name="New status"), "Unsubscribed")
    entry.get_by_role("button", name="Save status").click()
    expect(entry.get_by_text("Unsubscribed", exact=True)).to_be_visible()
    entry.get_by_role("button", name=f"Change {name}").click()
    expect(entry.get_by_role("combobox", name="New status")).to_have_value("Subscribed")
    entry.get_by_role("button", name="Save status").click()
    expect(entry.get_by_text(re.compile("only they can subscribe again"))).to_be_visible()
    panel.get_by_role("button", name="History (2)").click()
    changes = panel.get_by_test_id("subscription-change")
    expect(changes).to_have_count(2)
    expect(changes.first).to_contain_text("Olive Owner · Unsubscribed by a team member")
    fits(page, width)
    _shot(page, "card", width)
    panel.screenshot(path=str(ARTIFACTS / f"lists-card-panel-{width}.png"))

    # Segments: a tag rule, then a nested OR group; the count follows every change.
    page.goto(f"/w/{ws}/segments")
    expect(page.get_by_text("No segments yet")).to_be_visible()
    page.get_by_role("link", name="New segment").click()
    expect(page).to_have_url(re.compile(r"/segments/new$"))
    expect(_count(page)).to_contain_text("3contacts match")
    rule = page.get_by_role("group", name="Rule 1", exact=True)
    _pick(page, rule.get_by_role("combobox", name="Rule 1: field"), "Tag", typed="Tag")
    expect(rule.get_by_role("combobox", name="Rule 1: condition")).to_have_value("has")
    tag = rule.get_by_role("combobox", name="Rule 1: value")
    tag.fill("vip")
    tag.press("Escape")  # the tag suggestions close
    expect(_count(page)).to_contain_text("2contacts match")
    page.get_by_role("button", name="Add group to all rules").click()
    group = page.get_by_role("group", name="Group 2", exact=True)
    expect(group.get_by_role("radio", name="any (OR)")).to_be_checked()
    inner = group.get_by_role("group", name="Rule 2.1", exact=True)
    _pick(page, inner.get_by_role("combobox", name="Rule 2.1: field"), "First name", "First")
    inner.get_by_role("textbox", name="Rule 2.1: value").fill("Zażółć")
    expect(_count(page)).to_contain_text("1contact matches")
    group.get_by_role("button", name="Add rule to group 2").click()
    second = group.get_by_role("group", name="Rule 2.2", exact=True)
    _pick(page, second.get_by_role("combobox", name="Rule 2.2: field"), "Last name", "Last")
    _pick(page, second.get_by_role("combobox", name="Rule 2.2: condition"), "contains")
    second.get_by_role("textbox", name="Rule 2.2: value").fill("Ковальчук")
    expect(_count(page)).to_contain_text("2contacts match")
    preview = page.get_by_role("region", name="Matching contacts")
    expect(preview.get_by_role("link", name=re.compile("^Ярослава"))).to_be_visible()
    expect(preview.get_by_role("link", name=re.compile("^Bartłomiej"))).to_have_count(0)
    fits(page, width)
    _shot(page, "builder", width)

    details = page.get_by_role("region", name="Segment details")
    details.get_by_label("Name").fill("VIP: Zażółć albo Ковальчук")
    details.get_by_role("button", name="Save segment").dblclick()
    expect(page).to_have_url(re.compile(r"/segments/\d+$"))
    saved = owner.ok(owner.get("segments"))
    assert saved["total"] == 1  # one segment for a double click
    assert saved["items"][0]["rules"] == {
        "op": "and",
        "rules": [
            {"field": "tag", "op": "has", "value": "vip"},
            {
                "op": "or",
                "rules": [
                    {"field": "first_name", "op": "eq", "value": "Zażółć"},
                    {"field": "last_name", "op": "contains", "value": "Ковальчук"},
                ],
            },
        ],
    }
    expect(page.get_by_role("heading", name="VIP: Zażółć albo Ковальчук")).to_be_visible()
    expect(_count(page)).to_contain_text("2contacts match")
    # An edit not saved yet: leaving asks first (dismissed: the page and the edit stay).
    page.get_by_role("textbox", name="Rule 2.2: value").fill("Шевченко")
    expect(page.get_by_text("Unsaved changes.")).to_be_visible()
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    with page.expect_event("dialog") as shown:
        crumbs.get_by_role("link", name="Segments").click()
    assert shown.value.message == "You have unsaved changes. Leave without saving?"
    shown.value.dismiss()
    expect(page).to_have_url(re.compile(r"/segments/\d+$"))
    expect(page.get_by_role("textbox", name="Rule 2.2: value")).to_have_value("Шевченко")
    page.get_by_role("textbox", name="Rule 2.2: value").fill("Ковальчук")
    expect(page.get_by_text("Unsaved changes.")).to_have_count(0)
    crumbs.get_by_role("link", name="Segments").click()
    expect(page.get_by_role("link", name="VIP: Zażółć albo Ковальчук")).to_be_visible()
    fits(page, width)
    _shot(page, "segments", width)

    # The public preference page: no login; the person leaves every list.
    offers = make_list(owner, name="Oferty specjalne", double_opt_in=False)
    subscribe(owner, news["id"], jaroslava["id"])
    subscribe(owner, offers["id"], jaroslava["id"])
    with app.app_context():
        from cardfile.api.public import link_token

        token = link_token("preferences", ws, contact=jaroslava["id"])
    public = new_page(width=width, height=900)
    public.goto(f"/preferences/{token}")
    expect(public.get_by_role("heading", name="Hello, Ярослава!")).to_be_visible()
    expect(public.get_by_text("j•••@example.org")).to_be_visible()
    expect(public.get_by_role("checkbox", name=name)).to_be_checked()
    expect(public.get_by_role("checkbox", name="Oferty specjalne")).to_be_checked()
    fits(public, width)
    _shot(public, "preferences", width)
    public.get_by_role("button", name="Unsubscribe from everything").click()
    expect(public.get_by_text("You are unsubscribed from everything")).to_be_visible()
    expect(public.get_by_role("checkbox", name=name)).not_to_be_checked()
    public.wait_for_timeout(300)  # the tick's fade-out, for the screenshot only
    _shot(public, "preferences-left", width)
    mine = owner.ok(owner.get(f"contacts/{jaroslava['id']}/subscriptions"))
    assert {s["status"] for s in mine["items"]} == {"unsubscribed"}
    assert mine["history"][0]["source"] == "Preference page"

    public.goto("/preferences/not-a-real-token")
    expect(public.get_by_role("heading", name="This link is not valid")).to_be_visible()
    fits(public, width)

    # Back in the app: both lists with their counts (subscribed first, the rest small).
    page.goto(f"/w/{ws}/lists")
    table = page.get_by_role("table" if width >= 1000 else "list", name="Lists")
    expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(table).to_contain_text("2 unsubscribed")
    expect(table.get_by_text("Single opt-in")).to_be_visible()
    fits(page, width)
    _shot(page, "lists", width)
