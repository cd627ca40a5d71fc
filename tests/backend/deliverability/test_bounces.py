"""Bounces and complaints as mailbox providers send them (fixtures in the style of Gmail,
Outlook and a Yahoo feedback loop): read, matched to the message by its Message-ID, and
applied: a hard bounce invalidates and suppresses the address, three soft bounces in a week
suppress it, a complaint unsubscribes from every list; each is in the campaign's report and
on the timeline, and reading the same report twice changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factories.accounts import ApiClient
from factories.campaigns import make_campaign, make_template, message_id_of, sent_campaign
from factories.contacts import make_contact
from factories.lists import make_list, subscribe

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str, message_id: str, recipient: str) -> bytes:
    text = (FIXTURES / name).read_text().replace("\n", "\r\n")
    return text.replace("{message_id}", message_id).replace("{recipient}", recipient).encode()


def _process(raw: bytes) -> list[Any]:
    from cardfile.modules.deliverability.bounces import process

    return process(raw)


@pytest.mark.parametrize(
    ("name", "kind", "status"),
    [
        ("gmail_hard.eml", "hard", "5.1.1"),
        ("outlook_full.eml", "soft", "5.2.2"),
        ("yahoo_arf.eml", "complaint", None),
    ],
)
def test_reports_are_read(name: str, kind: str, status: str | None) -> None:
    from cardfile.modules.deliverability.reports import read

    [report] = read(_fixture(name, "cf.1.2.3.abc123@agency.example", "ann@example.com"))
    assert (report.kind, report.status) == (kind, status)
    assert report.message_id == "cf.1.2.3.abc123@agency.example"
    assert report.recipient == "ann@example.com"
    assert report.detail


def test_what_is_not_a_bounce() -> None:
    from cardfile.modules.deliverability.reports import read

    assert read(_fixture("delayed.eml", "cf.1.2.3.abc@x.example", "a@b.example")) == []
    assert read(b"From: a@b.example\r\nSubject: Out of office\r\n\r\nBack on Monday.") == []
    [unknown] = _process(_fixture("gmail_hard.eml", "someone-else@x.example", "a@b.example"))
    assert unknown.result == "unknown"


def test_a_hard_bounce(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news, [ann, bob], campaign = sent_campaign(owner, run_jobs)
    raw = _fixture("gmail_hard.eml", message_id_of(owner.workspace_id, ann["id"]), ann["email"])
    [outcome] = _process(raw)
    assert outcome.result == "applied" and outcome.kind == "hard"
    card = owner.ok(owner.get(f"contacts/{ann['id']}"))
    assert card["email_status"] == "invalid" and "5.1.1" in card["email_status_reason"]
    lists = owner.ok(owner.get(f"contacts/{ann['id']}/subscriptions"))["items"]
    assert [s["status"] for s in lists] == ["bounced"]
    check = owner.ok(owner.post("suppressions/check", {"email": ann["email"]}))
    assert check == {"suppressed": True, "reason": "bounced"}
    totals = owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]
    assert (totals["bounced"], totals["delivered"], totals["sent"]) == (1, 1, 2)
    kinds = [a["kind"] for a in owner.ok(owner.get(f"contacts/{ann['id']}/activities"))["items"]]
    assert "email_bounced" in kinds and "list_bounced" in kinds
    [again] = _process(raw)
    assert again.result == "repeated"
    assert owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]["bounced"] == 1
    assert owner.ok(owner.get(f"contacts/{bob['id']}"))["email_status"] != "invalid"


def test_three_soft_bounces_in_a_week_suppress(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news = make_list(owner)
    ann = make_contact(owner)
    subscribe(owner, news["id"], ann["id"])
    template = make_template(owner)
    for round_ in range(3):
        campaign = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
        owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {}), 202)
        run_jobs()
        message_id = message_id_of(owner.workspace_id, ann["id"])
        [outcome] = _process(_fixture("outlook_full.eml", message_id, ann["email"]))
        assert outcome.kind == "soft" and outcome.result == "applied"
        card = owner.ok(owner.get(f"contacts/{ann['id']}"))
        if round_ < 2:
            assert card["email_status"] != "suppressed"
    assert card["email_status"] == "suppressed" and "3 soft bounces" in card["email_status_reason"]
    lists = owner.ok(owner.get(f"contacts/{ann['id']}/subscriptions"))["items"]
    assert [s["status"] for s in lists] == ["bounced"]


def test_a_complaint_unsubscribes_from_every_list(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news, [ann], campaign = sent_campaign(owner, run_jobs, 1)
    other = make_list(owner)
    subscribe(owner, other["id"], ann["id"])
    raw = _fixture("yahoo_arf.eml", message_id_of(owner.workspace_id, ann["id"]), ann["email"])
    [outcome] = _process(raw)
    assert outcome.kind == "complaint" and outcome.result == "applied"
    lists = owner.ok(owner.get(f"contacts/{ann['id']}/subscriptions"))["items"]
    assert sorted(s["status"] for s in lists) == ["complained", "complained"]
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] == "suppressed"
    totals = owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]
    assert totals["complaints"] == 1
    assert _process(raw)[0].result == "repeated"


def test_a_forged_report_for_another_message_changes_nothing(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news, [ann], _ = sent_campaign(owner, run_jobs, 1)
    real = message_id_of(owner.workspace_id, ann["id"])
    forged = real.split("@")[0][:-3] + "fff@" + real.split("@")[1]  # guessed random part
    [outcome] = _process(_fixture("gmail_hard.eml", forged, ann["email"]))
    assert outcome.result == "unknown"
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] != "invalid"


def test_the_bounce_listener_takes_reports_over_smtp(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    import smtplib
    import socket

    from cardfile.modules.deliverability.listener import controller

    news, [ann], campaign = sent_campaign(owner, run_jobs, 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listener = controller("127.0.0.1", port)
    listener.start()
    try:
        raw = _fixture("gmail_hard.eml", message_id_of(owner.workspace_id, ann["id"]), ann["email"])
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            refused = smtp.sendmail("", ["bounce@bounces.cardfile.local"], raw)
        assert refused == {}
    finally:
        listener.stop()
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] == "invalid"
    assert owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]["bounced"] == 1


def test_a_report_naming_no_live_workspace_is_not_ours(app) -> None:  # type: ignore[no-untyped-def]
    [outcome] = _process(_fixture("gmail_hard.eml", "cf.999999999.1.1.abc123@x.example", "a@b.pl"))
    assert (outcome.workspace_id, outcome.result) == (999999999, "unknown")


def test_the_same_report_twice_at_once_is_applied_once(owner: ApiClient, run_jobs) -> None:  # type: ignore[no-untyped-def]
    from concurrent.futures import ThreadPoolExecutor

    news, [ann], campaign = sent_campaign(owner, run_jobs, 1)
    raw = _fixture("gmail_hard.eml", message_id_of(owner.workspace_id, ann["id"]), ann["email"])
    with ThreadPoolExecutor(2) as pool:
        outcomes = [found for [found] in pool.map(_process, [raw, raw])]
    assert sorted(o.result for o in outcomes) == ["applied", "repeated"]
    assert owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]["bounced"] == 1
    assert owner.ok(owner.get("bounces"))["total"] == 1
