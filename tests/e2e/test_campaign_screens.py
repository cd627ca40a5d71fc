"""Templates and campaigns in Chromium, at 1280 and 390 px: a member writes a template with a
Polish and Cyrillic subject (a broken `{{` is refused with its line when saved), previews it as
a contact, makes a campaign to a list and sees how many people will get it, sends a test, sends
it once for a double click (one message per person at the SMTP server), reads the report and
finds the message in the contact's Communications panel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.browser import fits, shot
from factories.campaigns import subject
from factories.contacts import make_contact
from factories.deliverability import verified_domain
from factories.lists import make_list, subscribe
from factories.smtp import SmtpSink

ARTIFACTS = Path(__file__).parent / "artifacts"

CAMPAIGN = "Wiosenna wyprzedaż — Весенняя распродажа"
FRAME = "iframe[title='Message preview']"
SUBJECT = "Zażółć gęślą jaźń, {{ contact.first_name | default('przyjacielu') }} — Привет, друзья!"
BROKEN = (
    "<html>\n<body>\n<p>Cześć {{ contact.first_name </p>\n"
    '<p><a href="{{ unsubscribe_url }}">Wypisz się</a></p>\n</body>\n</html>'
)
FIXED = (
    "<html>\n<head><style>p { color: #1c4e80 }</style></head>\n<body>\n"
    "<p>Cześć {{ contact.first_name | default('przyjacielu') }}!</p>\n"
    "<p>Wiosenne nowości już są. Весенние новинки уже здесь.</p>\n"
    '<p><a href="https://sklep.example/wiosna">Zobacz ofertę</a></p>\n'
    '<p><a href="{{ unsubscribe_url }}">Wypisz się</a></p>\n</body>\n</html>'
)


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"campaigns-{name}-{width}")


def _pick(
    page: Page, box: Locator, option: str | re.Pattern[str], typed: str | None = None
) -> None:
    """Choose `option` in a Mantine select (typing `typed` first into a searchable one)."""
    box.click()
    if typed is not None:
        box.fill(typed)
    page.get_by_role("option", name=option).first.click()


def _open(page: Page, width: int, ws: int, label: str, path: str) -> None:
    """The main navigation on a wide screen; on a phone it is behind the menu button."""
    if width >= 1000:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=label).click()
    else:
        page.goto(f"/w/{ws}/{path}")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/{path}$"))


@pytest.mark.parametrize("width", [1280, 390])
def test_template_campaign_send_report_and_card(  # type: ignore[no-untyped-def]
    app, new_page, run_jobs, smtp: SmtpSink, width: int
) -> None:
    owner: ApiClient = signup_client(app)
    ws = owner.workspace_id
    owner.ok(owner.patch(f"/api/v1/workspaces/{ws}", {"time_zone": "Europe/Warsaw"}))
    verified_domain(ws, "przyklad.pl")  # mail leaves only from a verified sending domain
    zofia = make_contact(
        owner,
        first_name="Zażółć",
        last_name="Gęślą-Jaźń Wielkopolska",
        email=f"zazolc{width}@przyklad.pl",
    )
    jaroslava = make_contact(
        owner,
        first_name="Ярослава",
        last_name="Ковальчук-Шевченко",
        email=f"jaroslava{width}@example.org",
    )
    outsider = make_contact(owner, first_name="Bartłomiej", email=f"bartek{width}@example.org")
    news = make_list(owner, name="Nowości i promocje — Новости", double_opt_in=False)
    for person in (zofia, jaroslava):
        subscribe(owner, news["id"], person["id"])

    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)

    # Templates: empty, then a new one; a broken {{ is refused with its line.
    _open(page, width, ws, "Templates", "templates")
    expect(page.get_by_text("No templates yet")).to_be_visible()
    fits(page, width)
    _shot(page, "templates-empty", width)
    page.get_by_role("link", name="New template").click()
    expect(page).to_have_url(re.compile(r"/templates/new$"))
    form = page.get_by_role("form", name="Save template")
    form.get_by_label("Name").fill("Wiosna — Весна")
    form.get_by_label("Subject").fill(SUBJECT)
    html = form.get_by_label("HTML")
    html.fill(BROKEN)
    form.get_by_role("button", name="Save template").click()
    expect(form.get_by_text(re.compile(r"^Line 3: "))).to_be_visible()
    expect(form.get_by_text("<p>Cześć {{ contact.first_name </p>", exact=True)).to_be_visible()
    expect(html).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/templates/new$"))
    assert owner.ok(owner.get("templates"))["total"] == 0
    fits(page, width)
    _shot(page, "template-error", width)
    # The variables, in a popover.
    form.get_by_role("button", name="Variables").click()
    expect(page.get_by_text("{{ unsubscribe_url }}", exact=True)).to_be_visible()
    page.keyboard.press("Escape")

    html.fill(FIXED)
    form.get_by_role("button", name="Save template").dblclick()
    expect(page).to_have_url(re.compile(r"/templates/\d+$"))
    templates = owner.ok(owner.get("templates"))
    assert templates["total"] == 1  # one template for a double click
    template = templates["items"][0]
    assert template["subject"] == SUBJECT

    # The preview: the saved template in a sandbox, as a sample person, then as Zofia.
    preview = page.get_by_role("region", name="Preview")
    frame = preview.locator(FRAME)
    expect(frame).to_have_attribute("sandbox", "")
    expect(page.frame_locator(FRAME).get_by_text("Cześć Ada!")).to_be_visible()
    expect(preview.get_by_test_id("preview-subject")).to_have_text(
        "Zażółć gęślą jaźń, Ada — Привет, друзья!"
    )
    as_contact = preview.get_by_role("combobox", name="Preview as contact")
    _pick(page, as_contact, re.compile("^Zażółć"), "Zażółć")
    expect(preview.get_by_test_id("preview-subject")).to_have_text(
        "Zażółć gęślą jaźń, Zażółć — Привет, друзья!"
    )
    expect(page.frame_locator(FRAME).get_by_text("Cześć Zażółć!")).to_be_visible()
    preview.locator("label").filter(has_text="Mobile").click()
    expect(frame).to_have_attribute("data-width", "mobile")
    fits(page, width)
    _shot(page, "template-preview", width)
    preview.screenshot(path=str(ARTIFACTS / f"campaigns-preview-pane-{width}.png"))

    # A campaign to the list: saved, then the live count of who gets it.
    _open(page, width, ws, "Campaigns", "campaigns")
    expect(page.get_by_text("No campaigns yet")).to_be_visible()
    fits(page, width)
    page.get_by_role("link", name="New campaign").click()
    expect(page).to_have_url(re.compile(r"/campaigns/new$"))
    campaign_form = page.get_by_role("form", name="Save campaign")
    campaign_form.get_by_role("textbox", name="Name", exact=True).fill(CAMPAIGN)
    campaign_form.get_by_label("From name").fill("Sklep Żółw")
    campaign_form.get_by_label("From email").fill("sklep@przyklad.pl")
    _pick(page, campaign_form.get_by_role("combobox", name="Template"), "Wiosna — Весна")
    _pick(page, campaign_form.get_by_label("Lists"), "Nowości i promocje — Новости")
    page.keyboard.press("Escape")
    fits(page, width)
    _shot(page, "campaign-new", width)
    page.get_by_role("button", name="Save campaign").click()
    expect(page).to_have_url(re.compile(r"/campaigns/\d+$"))
    campaigns = owner.ok(owner.get("campaigns"))
    assert campaigns["total"] == 1
    campaign = campaigns["items"][0]
    assert campaign["list_ids"] == [news["id"]] and campaign["template_id"] == template["id"]
    count = page.get_by_test_id("audience-count")
    expect(count).to_have_text("2people will get it")

    # The template is in use by a campaign not sent yet: deleting it is refused, with why.
    page.get_by_role("link", name="Edit this template").click()
    expect(page).to_have_url(re.compile(rf"/templates/{template['id']}$"))
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog", name="Delete this template?").get_by_role(
        "button", name="Delete template"
    ).click()
    expect(page.get_by_role("alert")).to_contain_text("A campaign not yet sent uses this template")
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign['id']}$"))
    expect(count).to_have_text("2people will get it")

    # Scheduling names the workspace's time zone (not done here).
    page.get_by_role("button", name="Schedule…").click()
    schedule = page.get_by_role("dialog", name="Schedule the campaign")
    expect(schedule).to_have_css("opacity", "1")
    expect(schedule.get_by_label("Date and time in Europe/Warsaw")).to_be_visible()
    expect(schedule.get_by_test_id("schedule-summary")).to_contain_text("will go to 2 people on")
    _shot(page, "schedule", width)
    schedule.get_by_role("button", name="Cancel").click()
    expect(schedule).to_have_count(0)

    # A test to myself, marked [Test]; nobody on the list gets anything.
    page.get_by_role("button", name="Send test").click()
    test_dialog = page.get_by_role("dialog", name="Send a test")
    expect(test_dialog.get_by_text(owner.email)).to_be_visible()
    test_dialog.get_by_role("button", name="Send test").click()
    expect(test_dialog.get_by_text(f"Test sent to {owner.email}")).to_be_visible()
    run_jobs()
    [test_message] = smtp.to(owner.email)
    assert subject(test_message) == "[Test] Zażółć gęślą jaźń, Ada — Привет, друзья!"
    test_dialog.get_by_role("button", name="Close").click()
    expect(test_dialog).to_have_count(0)
    fits(page, width)
    _shot(page, "campaign-draft", width)

    # Send now: the confirmation says to how many; a double click sends once.
    page.get_by_role("button", name="Send now").click()
    confirm = page.get_by_role("dialog", name="Send it now?")
    expect(confirm).to_contain_text("goes to 2 people now, once each")
    sends: list[str] = []
    page.on(
        "request",
        lambda r: sends.append(r.url) if r.method == "POST" and "/send" in r.url else None,
    )
    confirm.get_by_role("button", name="Send now").dblclick()
    expect(page.get_by_role("heading", name="Outbox")).to_be_visible()
    assert len(sends) == 1, sends  # one request for a double click
    run_jobs()
    expect(page.get_by_test_id("outbox-summary")).to_have_text("2 of 2 sent")
    expect(page.get_by_text("Sent", exact=True).first).to_be_visible()
    for person in (zofia, jaroslava):
        received = smtp.to(person["email"])
        assert len(received) == 1, [subject(m) for m in received]  # exactly once
        assert subject(received[0]).startswith(f"Zażółć gęślą jaźń, {person['first_name']} —")
    assert smtp.to(outsider["email"], timeout=0.2) == []
    done = owner.ok(owner.get(f"campaigns/{campaign['id']}"))
    assert done["status"] == "sent" and done["recipients"] == 2

    # The report: totals, the chart over time, what was not delivered, in plain words.
    totals = page.get_by_label("Totals")
    expect(totals).to_contain_text("Recipients2")
    expect(totals).to_contain_text("Sent2")
    chart = page.get_by_role("img", name=re.compile(r"^Sent, opens and clicks per hour: 2 sent"))
    expect(chart).to_be_visible()
    expect(chart.locator("svg")).to_have_count(1)  # drawn
    expect(page.get_by_test_id("not-sent-uncertain")).to_contain_text(
        "never sent again automatically"
    )
    expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    fits(page, width)
    _shot(page, "report", width)

    # The list: status and how many were sent.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Campaigns").click()
    table = page.get_by_role("table" if width >= 1000 else "list", name="Campaigns")
    expect(table.get_by_role("link", name=CAMPAIGN)).to_be_visible()
    expect(table).to_contain_text("2 of 2 sent")
    fits(page, width)
    _shot(page, "list", width)

    # The contact's card: the message, delivered, with its subject and a link to the campaign.
    page.goto(f"/w/{ws}/contacts/{zofia['id']}")
    panel = page.get_by_role("region", name="Communications")
    item = panel.get_by_test_id("message")
    expect(item).to_have_count(1)
    expect(item.get_by_role("link", name=CAMPAIGN)).to_be_visible()
    expect(item).to_contain_text("Delivered")
    expect(item).to_contain_text("Zażółć gęślą jaźń, Zażółć — Привет, друзья!")
    expect(item).to_contain_text("Not opened")
    panel.scroll_into_view_if_needed()
    fits(page, width)
    _shot(page, "card", width)
    panel.screenshot(path=str(ARTIFACTS / f"campaigns-card-panel-{width}.png"))
    item.get_by_role("link", name=CAMPAIGN).click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign['id']}$"))
    expect(page.get_by_test_id("outbox-summary")).to_have_text("2 of 2 sent")
