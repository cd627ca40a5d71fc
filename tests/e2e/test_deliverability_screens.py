"""Deliverability in Chromium, at 1280 and 390 px: a workspace named in Polish and Cyrillic
sends a campaign, one message bounces (a Gmail-style report) and the hourly checks have run
against the local DNS server; automatic protection has paused its sending. Its admin opens
the Deliverability page from the navigation, sees the pause, is refused a too short reason
on the field, resumes once for a double click and the banner goes; the bounce is listed with
its reason and links to the contact's card; Check now runs the checks with progress; the
agency's page lists the workspace with its score and a link back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, signup_client
from factories.browser import fits, shot
from factories.campaigns import message_id_of, sent_campaign
from factories.dns import DnsServer

FIXTURES = Path(__file__).parents[1] / "backend" / "deliverability" / "fixtures"

WORKSPACE = "Żółw i Syn — Черепаха Wielkopolska"
DOMAIN = "agency.example"  # the From domain of the campaigns factories.campaigns makes
IP = "192.0.2.77"
PAUSE = (
    "Sending is paused: 9% of the last 200 messages bounced (the limit is 5%). Clean the lists "
    "that caused it, then resume on the Deliverability page."
)
REASON = "Usunęliśmy kupioną listę — удалили купленный список."


def _shot(page: Page, name: str, width: int) -> None:
    shot(page, f"deliverability-{name}-{width}")


def _publish(dns: DnsServer, workspace_id: int) -> None:
    """The domain's records as the app asks for them (DMARC p=none: a warning), and a sending
    server with a forward-confirmed reverse DNS name."""
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import records
    from cardfile.modules.deliverability.models import SendingDomain

    with workspace_session(workspace_id) as session:
        row = session.query(SendingDomain).filter_by(domain=DOMAIN).one()
        for record in records.records(row.domain, row.dkim_selector, row.dkim_public_key):
            value = "v=DMARC1; p=none" if record["purpose"] == "dmarc" else record["value"]
            dns.publish(record["type"], record["name"], value)
    dns.publish("TXT", "_spf.cardfile.local", f"v=spf1 ip4:{IP} ~all")
    dns.publish("PTR", "77.2.0.192.in-addr.arpa", "mta7.cardfile.local")
    dns.publish("A", "mta7.cardfile.local", IP)


def _bounce(workspace_id: int, person: dict[str, Any]) -> None:
    from cardfile.modules.deliverability.bounces import process

    text = (FIXTURES / "gmail_hard.eml").read_text().replace("\n", "\r\n")
    raw = text.replace("{message_id}", message_id_of(workspace_id, person["id"]))
    [outcome] = process(raw.replace("{recipient}", person["email"]).encode())
    assert outcome.result == "applied"


def _pause(workspace_id: int) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import protection

    with workspace_session(workspace_id) as session:
        assert protection.pause(session, "bounce_rate", PAUSE, {"figures": {}, "limit": 5.0})


def _open_deliverability(page: Page, width: int, ws: int) -> None:
    """The main navigation; on a phone it is behind the menu button."""
    if width < 768:
        page.get_by_role("button", name="Open navigation").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Deliverability").click()
    expect(page).to_have_url(re.compile(rf"/w/{ws}/deliverability$"))


@pytest.mark.parametrize("width", [1280, 390])
def test_pause_resume_bounces_check_and_agency(  # type: ignore[no-untyped-def]
    app, new_page, run_jobs, dns: DnsServer, width: int
) -> None:
    from cardfile.jobs.core import run

    owner: ApiClient = signup_client(app)
    ws = owner.workspace_id
    owner.ok(owner.patch(f"/api/v1/workspaces/{ws}", {"name": WORKSPACE}))
    _news, [ann, _bob], campaign = sent_campaign(owner, run_jobs)
    _bounce(ws, ann)
    _publish(dns, ws)
    run(ws, "cardfile.modules.deliverability.jobs:monitor_workspace", None, {})
    _pause(ws)
    [domain] = owner.ok(owner.get("deliverability"))["health"]["domains"]

    page = new_page(width=width, height=900)
    page.goto("/login")
    _log_in(page, owner.email)
    _open_deliverability(page, width, ws)

    # The pause, with its message and the admin's form.
    banner = page.get_by_role("region", name="Sending is paused")
    expect(banner.get_by_text(PAUSE)).to_be_visible()
    expect(page.get_by_test_id("health-score")).to_have_text(re.compile(r"^\d+$"))
    dmarc = page.get_by_test_id(f"domain-{domain['id']}-dmarc")
    expect(dmarc).to_have_attribute("data-state", "warning")
    expect(
        page.get_by_role("region", name=f"Sending server {IP}").get_by_text(
            "mta7.cardfile.local", exact=True
        )
    ).to_be_visible()
    fits(page, width)
    _shot(page, "paused", width)

    # Too short a reason: the API's message on the field; nothing resumed.
    form = banner.get_by_role("form", name="Resume sending")
    field = form.get_by_label(re.compile("Why may sending start again"))
    field.fill("ok")
    form.get_by_role("button", name="Resume sending").click()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert owner.ok(owner.get("deliverability"))["paused"] is True
    fits(page, width)
    _shot(page, "reason-refused", width)

    # A double click resumes once: the banner goes, no "not paused" error shows.
    field.fill(REASON)
    form.get_by_role("button", name="Resume sending").dblclick()
    expect(page.get_by_role("region", name="Sending is paused")).to_have_count(0)
    expect(page.get_by_text("Sending resumed.", exact=False)).to_be_visible()
    expect(page.get_by_text("Sending is not paused.")).to_have_count(0)
    found = owner.ok(owner.get("deliverability"))
    assert found["paused"] is False
    pauses = [a for a in found["alerts"] if a["pauses"]]
    assert len(pauses) == 1 and pauses[0]["resolution"] == REASON
    expect(page.get_by_text(f"“{REASON}”", exact=False)).to_be_visible()

    # The bounce, with its reason, linked to the contact's card and the campaign.
    bounces = page.get_by_label("Bounces and complaints", exact=True)
    expect(bounces.get_by_role("link", name=ann["email"])).to_have_attribute(
        "href", f"/w/{ws}/contacts/{ann['id']}"
    )
    expect(bounces.get_by_role("link", name=campaign["name"])).to_have_attribute(
        "href", f"/w/{ws}/campaigns/{campaign['id']}"
    )
    expect(bounces.get_by_text("5.1.1", exact=True)).to_be_visible()
    expect(bounces.get_by_text(re.compile("does not exist"))).to_be_visible()
    expect(bounces.get_by_text("Hard bounce")).to_be_visible()
    fits(page, width)
    _shot(page, "resumed", width)

    # Check now: the job's progress, then the page read again (one more history point).
    before = len(found["history"])
    page.get_by_role("button", name="Check now").click()
    expect(page.get_by_test_id(re.compile(r"^job-"))).to_be_visible()  # queued
    run_jobs()
    expect(page.get_by_text("Checked just now", exact=False)).to_be_visible()
    assert len(owner.ok(owner.get("deliverability"))["history"]) > before
    expect(page.get_by_text("One check so far", exact=False)).to_have_count(0)  # a chart now
    fits(page, width)
    _shot(page, "checked", width)

    # The agency's page lists the workspace, with a link back to its page.
    me = owner.ok(owner.get("/api/v1/me"))
    agency = me["agencies"][0]["id"]
    page.goto(f"/agency/{agency}")
    page.get_by_role("link", name="Deliverability of each workspace").click()
    expect(page).to_have_url(re.compile(rf"/agency/{agency}/deliverability$"))
    listed = page.get_by_label("Client workspaces by risk")
    expect(listed.get_by_role("link", name=WORKSPACE)).to_have_attribute(
        "href", f"/w/{ws}/deliverability"
    )
    expect(page.get_by_role("form", name="Sending limits")).to_be_visible()
    fits(page, width)
    _shot(page, "agency", width)
