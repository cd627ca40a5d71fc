"""Sending domains in Chromium, at 1280 and 390 px: an admin adds a domain (a bad one is
refused on the field; a double click adds it once), sees the four records to publish (the
long DKIM key wraps), checks the DNS with nothing published (all red), publishes every
record on the local DNS server, checks again and the domain is verified; a member only
reads; the admin deletes the domain."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, member_client, signup_client
from factories.browser import fits, shot
from factories.dns import DnsServer


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"domains-{name}-{width}")


def _rgb(locator: Locator) -> tuple[int, ...]:
    color = locator.evaluate("el => getComputedStyle(el).color")
    return tuple(int(n) for n in re.findall(r"\d+", color)[:3])


def _states(page: Page) -> dict[str, str | None]:
    return {
        purpose: page.get_by_test_id(f"check-{purpose}").get_attribute("data-state")
        for purpose in ("spf", "dkim", "dmarc", "return_path")
    }


@pytest.mark.parametrize("width", [1280, 390])
def test_add_check_publish_verify_and_delete(  # type: ignore[no-untyped-def]
    app, new_page, dns: DnsServer, width: int
) -> None:
    owner: ApiClient = signup_client(app)
    ws = owner.workspace_id
    owner.ok(owner.patch(f"/api/v1/workspaces/{ws}", {"name": "Żółw i Syn — Черепаха"}))
    domain = f"newsletter-{width}.sklep-zolw-i-syn-wielkopolska.pl"

    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)
    if width >= 1000:
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Sending domains").click()
    else:
        page.goto(f"/w/{ws}/settings/sending-domains")
    expect(page).to_have_url(re.compile(rf"/w/{ws}/settings/sending-domains$"))
    expect(page.get_by_role("heading", name="Sending domains", exact=True)).to_be_visible()
    expect(page.get_by_text("No sending domains yet")).to_be_visible()
    expect(page.get_by_text(re.compile("Campaigns will need a verified domain"))).to_be_visible()
    fits(page, width)
    _shot(page, "empty", width)

    # A bad domain: the API's message under the field. Then a double click adds one domain.
    page.get_by_role("button", name="Add domain").first.click()
    dialog = page.get_by_role("dialog", name="Add a sending domain")
    expect(dialog).to_have_css("opacity", "1")
    field = dialog.get_by_label("Domain")
    field.fill(f"https://{domain}")
    dialog.get_by_role("button", name="Add domain").click()
    expect(dialog.get_by_text("Enter a domain name, like example.com")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    _shot(page, "invalid", width)
    field.fill(domain.upper())
    dialog.get_by_role("button", name="Add domain").dblclick()
    expect(dialog).to_have_count(0)
    listed = owner.ok(owner.get("sending-domains"))
    assert listed["total"] == 1  # one domain for a double click
    added = listed["items"][0]
    assert added["domain"] == domain

    # The records to publish, in full; every one not checked yet.
    panel = page.get_by_role("region", name=domain)
    expect(panel.get_by_text("Not verified", exact=True)).to_be_visible()
    records = panel.get_by_label(f"DNS records for {domain}")
    for record in added["records"]:
        expect(records.get_by_text(record["value"], exact=True)).to_be_visible()
        expect(records.get_by_text(record["name"], exact=True)).to_be_visible()
    expect(records.get_by_text("Not checked yet")).to_have_count(4)
    dkim = next(r for r in added["records"] if r["purpose"] == "dkim")
    dkim_box = records.get_by_text(dkim["value"], exact=True).bounding_box()
    assert dkim_box is not None and dkim_box["x"] + dkim_box["width"] <= width  # wraps
    assert dkim_box["height"] > 40  # on several lines
    fits(page, width)
    _shot(page, "records", width)

    # Nothing published yet: every record is missing, in red.
    check = panel.get_by_role("button", name=f"Check DNS now for {domain}")
    check.click()
    expect(page.get_by_test_id("check-spf")).to_have_attribute("data-state", "missing")
    assert _states(page) == dict.fromkeys(("spf", "dkim", "dmarc", "return_path"), "missing")
    badge = page.get_by_test_id("check-dkim").get_by_text("Missing", exact=True)
    red, green, blue = _rgb(badge)
    assert red > green + 60 and red > blue + 60, (red, green, blue)
    expect(panel.get_by_text(re.compile(r"^Last checked "))).to_be_visible()
    expect(panel.get_by_text("Not verified", exact=True)).to_be_visible()
    fits(page, width)
    _shot(page, "missing", width)

    # Publish every record on the DNS server the app asks, then check again: verified.
    for record in added["records"]:
        dns.publish(record["type"], record["name"], record["value"])
    check.click()
    expect(panel.get_by_text("Verified", exact=True)).to_be_visible()
    assert _states(page) == dict.fromkeys(("spf", "dkim", "dmarc", "return_path"), "ok")
    red, green, blue = _rgb(page.get_by_test_id("check-spf").get_by_text("OK", exact=True))
    assert green > red + 40, (red, green, blue)
    expect(panel.get_by_text("Campaigns can send from this domain.")).to_be_visible()
    stored = owner.ok(owner.get(f"sending-domains/{added['id']}"))
    assert stored["verified"] is True and stored["verified_at"]
    fits(page, width)
    _shot(page, "verified", width)

    # A member reads the records and states, and has nothing to add, check or delete.
    member = member_client(app, owner)
    other = new_page(width=width, height=900)
    other.goto("/login")
    _log_in(other, member.email)
    other.goto(f"/w/{ws}/settings/sending-domains")
    member_panel = other.get_by_role("region", name=domain)
    expect(member_panel.get_by_text("Verified", exact=True)).to_be_visible()
    member_panel.get_by_role("button", name="Show records").click()
    expect(member_panel.get_by_text(dkim["value"], exact=True)).to_be_visible()
    expect(other.get_by_text(re.compile("Only workspace admins can add, check or"))).to_be_visible()
    expect(other.get_by_role("button", name="Add domain")).to_have_count(0)
    expect(other.get_by_role("button", name=re.compile("Check DNS now"))).to_have_count(0)
    expect(other.get_by_role("button", name=re.compile("^Delete"))).to_have_count(0)
    fits(other, width)
    _shot(other, "member", width)

    # The admin deletes the domain, after confirming.
    panel.get_by_role("button", name=f"Delete {domain}").click()
    confirm = page.get_by_role("dialog", name=f"Delete {domain}?")
    confirm.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No sending domains yet")).to_be_visible()
    assert owner.ok(owner.get("sending-domains"))["total"] == 0
