"""Automatic protection, end to end: a campaign is being sent by a real RQ worker (its own
process) to a local SMTP server; hard bounces for some of the first messages come back over
SMTP to the bounce listener, addressed to the messages' return paths. Past 5% of the sent,
the workspace's sending pauses mid-send, the admins get an email and an in-app alert, no
other campaign may start, and only an admin's resume (with a reason, kept) lets it go on;
in the end every recipient got the campaign exactly once."""

from __future__ import annotations

import dataclasses
import smtplib
import socket
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factories.accounts import ApiClient, member_client
from factories.campaigns import make_campaign, make_template
from factories.contacts import insert_contacts
from factories.lists import make_list, subscribe_all
from factories.smtp import SmtpSink
from factories.workers import start_worker

FIXTURES = Path(__file__).parent / "fixtures"
RECIPIENTS = 100
BOUNCED = 4


def _until(what: Callable[[], bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not what():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _bounce(port: int, return_path: str, recipient: str, message_id: str) -> None:
    text = (FIXTURES / "gmail_hard.eml").read_text().replace("\n", "\r\n")
    raw = text.replace("{message_id}", message_id).replace("{recipient}", recipient)
    with smtplib.SMTP("127.0.0.1", port) as server:
        server.sendmail("", [return_path], raw.encode())


def test_bounces_past_5_percent_pause_the_send_midway(
    app: Any, owner: ApiClient, settings: Any
) -> None:
    from cardfile.modules.deliverability.listener import controller

    sink = SmtpSink()
    sink.start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listener = controller("127.0.0.1", port)
    listener.start()
    workers = dataclasses.replace(settings, smtp_url=sink.url)
    try:
        insert_contacts(owner.workspace_id, "'guard-' || i || '@odbiorca.example'", RECIPIENTS)
        news = make_list(owner)
        subscribe_all(owner.workspace_id, news["id"], "guard-%")
        campaign = make_campaign(
            owner,
            template_id=make_template(owner)["id"],
            list_ids=[news["id"]],
            throttle_per_minute=600,  # 10 a second: the test can act while it is sent
        )
        owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {}), 202)
        worker = start_worker(workers, "mail")
        _until(lambda: len(sink.messages) >= 35)
        first = zip(sink.envelopes[:BOUNCED], sink.messages[:BOUNCED], strict=True)
        for envelope, message in first:
            _bounce(port, envelope.mail_from, envelope.rcpt_tos[0], message["Message-ID"][1:-1])
        _until(lambda: owner.ok(owner.get(f"campaigns/{campaign['id']}"))["status"] == "paused")
        worker.wait(timeout=60)  # the sender stopped, and the alert's mail went out

        recipients = [e.rcpt_tos[0] for e in sink.envelopes if e.rcpt_tos[0] != owner.email]
        assert 35 <= len(recipients) < RECIPIENTS  # paused midway
        paused = owner.ok(owner.get(f"campaigns/{campaign['id']}"))
        assert "Sending is paused" in paused["status_note"]
        found = owner.ok(owner.get("deliverability"))
        assert found["paused"] and found["pause"]["kind"] == "bounce_rate"
        assert found["rates"]["last_1000"]["bounced"] == BOUNCED
        assert found["rates"]["last_1000"]["bounce_rate"] > 5
        assert "(the limit is 5%)" in found["pause"]["message"]
        [mail] = sink.to(owner.email)
        assert mail["Subject"].startswith("Sending paused")
        assert len(owner.ok(owner.get("bounces", query_string={"kind": "hard"}))["items"]) == 4

        # Nothing else starts; a member cannot resume; a reason is needed.
        other = make_campaign(owner, template_id=campaign["template_id"], list_ids=[news["id"]])
        refused = owner.post(f"campaigns/{other['id']}/send", {})
        assert refused.status_code == 409 and "Sending is paused" in refused.get_json()["message"]
        assert owner.post(f"campaigns/{campaign['id']}/resume", {}).status_code == 409
        member = member_client(app, owner, role="member")
        assert member.post("deliverability/resume", {"reason": "Please"}).status_code == 403
        blank = owner.post("deliverability/resume", {"reason": " "})
        assert blank.status_code == 422 and "reason" in blank.get_json()["errors"]

        reason = "Removed the purchased list „Targi 2019” — сорри"
        resumed = owner.ok(owner.post("deliverability/resume", {"reason": reason}))
        assert resumed["resumed_campaigns"] == [campaign["id"]]
        assert owner.post("deliverability/resume", {"reason": reason}).status_code == 409
        start_worker(workers, "mail").wait(timeout=120)
        done = owner.ok(owner.get(f"campaigns/{campaign['id']}"))
        assert done["status"] == "sent"
        after = owner.ok(owner.get("deliverability"))
        assert not after["paused"]
        [kept] = [a for a in after["alerts"] if a["pauses"]]
        assert kept["resolution"] == reason and kept["resolved_by"] == owner.user["id"]
        # Counting starts again after a resume: the same bounces do not pause it again.
        assert after["rates"]["last_1000"]["bounced"] == 0
    finally:
        listener.stop()
        sink.stop()
    counts = Counter(e.rcpt_tos[0] for e in sink.envelopes if e.rcpt_tos[0] != owner.email)
    assert len(counts) == RECIPIENTS and set(counts.values()) == {1}  # each exactly once


def _sql(workspace_id: int, statement: str, **params: Any) -> None:
    from sqlalchemy import text

    from cardfile.db.scope import workspace_session

    with workspace_session(workspace_id) as session:
        session.execute(text(statement), params)


def test_bounces_still_on_their_way_do_not_hide_the_rate(owner: ApiClient, run_jobs: Any) -> None:
    """A fast send: the newest minute holds 1,000 messages whose bounces have not come back
    yet; the 40 sent three minutes before bounced 10%. The window that ends two minutes ago
    sees it."""
    from cardfile.db.scope import workspace_session
    from cardfile.modules.deliverability import protection
    from factories.campaigns import sent_campaign

    ws = owner.workspace_id
    _, people, campaign = sent_campaign(owner, run_jobs, n=4)
    _sql(ws, "DELETE FROM send_counts")
    _sql(
        ws,
        "INSERT INTO send_counts (minute, campaign_id, domain, sent) VALUES "
        "(date_trunc('minute', now()) - interval '3 minutes', :c, 'agency.example', 40), "
        "(date_trunc('minute', now()), :c, 'agency.example', 1000)",
        c=campaign["id"],
    )
    _sql(
        ws,
        "INSERT INTO bounces (at, kind, email, contact_id, campaign_id, message_id, domain, "
        "sent_at, status, detail, source) SELECT now(), 'hard', email, contact_id, "
        "campaign_id, id, 'agency.example', date_trunc('minute', now()) - interval '170 s', "
        "'5.1.1', 'No such user', 'smtp' FROM campaign_messages WHERE campaign_id = :c",
        c=campaign["id"],
    )
    with workspace_session(ws) as session:
        alert = protection.check(session, ws)
    assert alert is not None and alert.kind == "bounce_rate"
    assert "10% of the last 40 messages bounced" in alert.message
    assert len(people) == 4


def test_a_campaign_started_as_sending_paused_waits_too(
    owner: ApiClient, run_jobs: Any, smtp: SmtpSink
) -> None:
    """The pump or a send that read "not paused" just before the pause committed: the sender
    sees the open pause within seconds, pauses its campaign and adds it to those the resume
    restarts."""
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.core import enqueue_now
    from cardfile.modules.deliverability import protection

    ws = owner.workspace_id
    insert_contacts(ws, "'late-' || i || '@odbiorca.example'", 40)
    news = make_list(owner)
    subscribe_all(ws, news["id"], "late-%")
    campaign = make_campaign(
        owner,
        template_id=make_template(owner)["id"],
        list_ids=[news["id"]],
        throttle_per_minute=600,
    )
    with workspace_session(ws) as session:
        protection.pause(session, "complaint_rate", "Sending is paused: complaints.", {})
    _sql(
        ws,
        "UPDATE campaigns SET status = 'sending', started_at = now(), sent_by = :u WHERE id = :c",
        c=campaign["id"],
        u=owner.user["id"],
    )
    before = len(smtp.envelopes)
    enqueue_now(ws, "cardfile.modules.campaigns.jobs:prepare_campaign", campaign_id=campaign["id"])
    run_jobs()
    held = owner.ok(owner.get(f"campaigns/{campaign['id']}"))
    assert held["status"] == "paused" and held["status_note"] == "Sending is paused: complaints."
    assert len(smtp.envelopes) - before < 40
    with workspace_session(ws) as session:
        assert protection.pausing_alert(session).data["campaign_ids"] == [campaign["id"]]
    resumed = owner.ok(owner.post("deliverability/resume", {"reason": "Checked the complaints"}))
    assert resumed["resumed_campaigns"] == [campaign["id"]] and resumed["left_paused"] == []
    run_jobs()
    assert owner.ok(owner.get(f"campaigns/{campaign['id']}"))["status"] == "sent"
