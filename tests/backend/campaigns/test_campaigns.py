"""Templates (sandboxed, checked when saved, previewed as a contact), campaigns to lists and
segments (only subscribed, mailable, unsuppressed people, exactly one row each), the sent
messages (personalised, CSS inlined, RFC 8058 headers), tracking and one-click unsubscribe,
pause/resume/cancel, scheduling in the workspace's time zone, A/B tests, reports and the
contact's messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from factories.accounts import ApiClient, member_client
from factories.campaigns import (
    links,
    make_campaign,
    make_template,
    part,
    public_path,
    subject,
)
from factories.contacts import make_class, make_contact, make_field
from factories.lists import make_list, subscribe
from factories.smtp import SmtpSink


def _run(run_jobs) -> None:  # type: ignore[no-untyped-def]
    run_jobs()


def _audience(owner: ApiClient, n: int = 2, **contact: Any) -> tuple[dict, list[dict]]:
    news = make_list(owner, name="Newsletter")
    people = [make_contact(owner, **contact) for _ in range(n)]
    for person in people:
        subscribe(owner, news["id"], person["id"])
    return news, people


def _suppress(workspace_id: int, email: str) -> None:
    from cardfile.db.scope import workspace_session
    from cardfile.modules.gdpr.suppressions import suppress

    with workspace_session(workspace_id) as session:
        suppress(session, email, "manual")


# ---- templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"html": "<p>{{ contact.first_name </p>"}, "html", "Line 1"),
        ({"subject": "Hi {% if %}"}, "subject", "Line 1"),
        ({"html": "<p>{{ contcat.first_name }}</p>"}, "html", "contcat"),
        ({"text": "{{ contact.email | shout }}"}, "text", "shout"),
        ({"html": "{{ contact.__class__.__mro__ }}"}, "html", "Not allowed"),
    ],
)
def test_a_broken_template_is_refused_when_saved(
    owner: ApiClient, body: dict[str, str], field: str, words: str
) -> None:
    full = {"name": "T", "subject": "S", "html": "<p>x</p>", **body}
    answer = owner.post("templates", full)
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert list(errors) == [field] and words in errors[field][0], errors
    template = make_template(owner)
    patched = owner.patch(f"templates/{template['id']}", body)
    assert patched.status_code == 422 and field in patched.get_json()["errors"]


def test_preview_as_a_contact_with_fallbacks(owner: ApiClient) -> None:
    make_field(owner, "plan", "text")
    template = make_template(owner)
    ann = make_contact(owner, first_name="Zofia", custom={"plan": "Złoty"}, tags=["vip"])
    anon = make_contact(owner, first_name=None)
    mine = owner.ok(owner.get(f"templates/{template['id']}/preview?contact_id={ann['id']}"))
    assert mine["subject"] == "Hello Zofia — новости"
    assert "Cześć Zofia!" in mine["html"] and "Plan: Złoty" in mine["html"]
    assert 'style="color: #123456' in mine["html"]  # CSS inlined
    assert "Cześć Zofia!" in mine["text"]  # plain text made from the HTML
    other = owner.ok(owner.get(f"templates/{template['id']}/preview?contact_id={anon['id']}"))
    assert other["subject"] == "Hello there — новости" and "przyjacielu" in other["html"]
    assert "Plan: none" in other["html"]
    sample = owner.ok(owner.get(f"templates/{template['id']}/preview"))
    assert "Cześć Ada!" in sample["html"]


def test_preview_respects_contact_classes(app, owner: ApiClient) -> None:  # type: ignore[no-untyped-def]
    template = make_template(owner)
    hidden = make_contact(owner)
    member = member_client(app, owner, class_ids=[make_class(owner)["id"]])
    url = f"templates/{template['id']}/preview?contact_id={hidden['id']}"
    assert member.get(url).status_code == 404


# ---- sending ---------------------------------------------------------------------------------


def test_a_campaign_reaches_exactly_the_mailable_subscribers(  # type: ignore[no-untyped-def]
    owner: ApiClient, smtp: SmtpSink, run_jobs
) -> None:
    make_field(owner, "plan", "text")
    news, people = _audience(owner, 2, custom={"plan": "Pro"})
    gone = make_contact(owner)
    subscribe(owner, news["id"], gone["id"])
    subscribe(owner, news["id"], gone["id"], "unsubscribed")
    never = make_contact(owner)  # not on the list at all
    blocked = make_contact(owner)
    subscribe(owner, news["id"], blocked["id"])
    _suppress(owner.workspace_id, blocked["email"])
    template = make_template(owner)
    campaign = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
    assert owner.ok(owner.get(f"campaigns/{campaign['id']}/audience"))["count"] == 3
    sent = owner.post(f"campaigns/{campaign['id']}/send", {})
    assert sent.status_code == 202 and sent.get_json()["status"] == "sending"
    run_jobs()
    done = owner.ok(owner.get(f"campaigns/{campaign['id']}"))
    assert done["status"] == "sent" and done["recipients"] == 2
    assert done["progress"] == {"sent": 2, "skipped": 1}
    for person in people:
        [message] = smtp.to(person["email"])
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/api/v1/public/u/")
        assert message["From"] == "Agency News <news@agency.example>"
        assert message["Message-ID"].endswith("@agency.example>")
        html = part(message, "html")
        assert "Cześć Casey!" in html and "Plan: Pro" in html
        assert len(links(html, "c")) == 1 and len(links(html, "o")) == 1
        assert "shop.example" not in html  # the link goes through the click redirect
        assert "Cześć Casey!" in part(message, "plain")
    for person in (gone, never, blocked):
        assert smtp.to(person["email"], timeout=0.2) == []
    # Sending again is refused; nothing goes out twice.
    assert owner.post(f"campaigns/{campaign['id']}/send", {}).status_code == 409


def test_segments_and_exclusions(owner: ApiClient, smtp: SmtpSink, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news = make_list(owner)
    vip = make_contact(owner, tags=["vip"])
    vip_but_out = make_contact(owner, tags=["vip", "churned"])
    plain = make_contact(owner)
    stranger = make_contact(owner, tags=["vip"])  # on no list: never mailed
    for person in (vip, vip_but_out, plain):
        subscribe(owner, news["id"], person["id"])

    def segment(tag: str) -> int:
        rules = {"op": "and", "rules": [{"field": "tag", "op": "has", "value": tag}]}
        return owner.ok(owner.post("segments", {"name": tag, "rules": rules}), 201)["id"]

    campaign = make_campaign(
        owner,
        template_id=make_template(owner)["id"],
        segment_ids=[segment("vip")],
        exclude_segment_ids=[segment("churned")],
    )
    owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {}), 202)
    run_jobs()
    assert len(smtp.to(vip["email"])) == 1
    for person in (vip_but_out, plain, stranger):
        assert smtp.to(person["email"], timeout=0.2) == []


def test_tracking_and_one_click_unsubscribe(  # type: ignore[no-untyped-def]
    owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:
    news, [ann, bob] = _audience(owner, 2)
    owner.ok(owner.patch(f"contacts/{bob['id']}", {"tracking_disabled": True}))
    for event, points in (("email_opened", 2), ("email_clicked", 5)):
        owner.ok(owner.post("scoring-rules", {"event": event, "points": points}), 201)
    campaign = make_campaign(owner, template_id=make_template(owner)["id"], list_ids=[news["id"]])
    owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {}), 202)
    run_jobs()
    html = part(smtp.to(ann["email"])[0], "html")
    [pixel], [click] = links(html, "o"), links(html, "c")
    assert client.get(pixel).mimetype == "image/gif"
    client.get(pixel)
    jump = client.get(click)
    assert (
        jump.status_code == 302
        and jump.headers["Location"] == "https://shop.example/offer?id=7&x=1"
    )
    assert client.get(click[:-4] + "AAAA").status_code == 404  # tampered: no redirect
    # Bob opted out of tracking: his message has no pixel and plain links.
    bob_html = part(smtp.to(bob["email"])[0], "html")
    assert links(bob_html, "o") == [] and "https://shop.example/offer" in bob_html
    report = owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))
    totals = report["totals"]
    assert (totals["opens"], totals["unique_opens"]) == (2, 1)
    assert (totals["clicks"], totals["unique_clicks"]) == (1, 1)
    assert totals["sent"] == 2 and totals["delivered"] == 2
    assert report["links"] == [
        {"url": "https://shop.example/offer?id=7&x=1", "clicks": 1, "unique_clicks": 1}
    ]
    assert sum(p["opens"] for p in report["timeline"]) == 2
    kinds = [a["kind"] for a in owner.ok(owner.get(f"contacts/{ann['id']}/activities"))["items"]]
    assert kinds.count("email_opened") == 1 and kinds.count("email_clicked") == 1
    # The first open and the first click of a link feed scoring (2 + 5 points).
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["score"] == 7
    assert owner.ok(owner.get(f"contacts/{bob['id']}"))["score"] == 0

    # Unsubscribe: GET shows a page and changes nothing; POST (no cookies) unsubscribes.
    unsubscribe = public_path(smtp.to(ann["email"])[0]["List-Unsubscribe"].strip("<>"))
    page = client.get(unsubscribe, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<form" in page.get_data(as_text=True)
    assert owner.ok(owner.get(f"lists/{news['id']}"))["counts"]["subscribed"] == 2
    from werkzeug.test import Client

    cookieless = Client(client.app, use_cookies=False)
    done = cookieless.post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    counts = owner.ok(owner.get(f"lists/{news['id']}"))["counts"]
    assert counts["subscribed"] == 1 and counts["unsubscribed"] == 1
    again = cookieless.post(unsubscribe, data="List-Unsubscribe=One-Click")
    assert again.status_code == 200  # twice: the same answer
    report = owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))
    assert report["totals"]["unsubscribes"] == 1


def test_an_unsubscribe_stops_messages_not_yet_sent(  # type: ignore[no-untyped-def]
    owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:
    news, [ann, bob] = _audience(owner, 2)
    template = make_template(owner)
    first = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
    owner.ok(owner.post(f"campaigns/{first['id']}/send", {}), 202)
    run_jobs()
    second = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
    owner.ok(owner.post(f"campaigns/{second['id']}/send", {}), 202)
    # Paused at once: its outbox is prepared, nothing is sent until it resumes.
    owner.ok(owner.post(f"campaigns/{second['id']}/pause"))
    run_jobs()
    unsubscribe = public_path(smtp.to(ann["email"])[0]["List-Unsubscribe"].strip("<>"))
    client.post(unsubscribe, data="List-Unsubscribe=One-Click")
    owner.ok(owner.post(f"campaigns/{second['id']}/resume"))
    run_jobs()
    assert len(smtp.to(bob["email"])) == 2
    assert len(smtp.to(ann["email"])) == 1  # the second campaign skipped her
    progress = owner.ok(owner.get(f"campaigns/{second['id']}"))["progress"]
    assert progress == {"sent": 1, "skipped": 1}


def test_pause_resume_and_cancel(owner: ApiClient, smtp: SmtpSink, run_jobs) -> None:  # type: ignore[no-untyped-def]
    news, people = _audience(owner, 3)
    template = make_template(owner)
    campaign = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
    path = f"campaigns/{campaign['id']}"
    assert owner.post(f"{path}/resume").status_code == 409  # not paused
    owner.ok(owner.post(f"{path}/send", {}), 202)
    assert owner.ok(owner.post(f"{path}/pause"))["status"] == "paused"
    run_jobs()  # the outbox is prepared; nothing is sent while paused
    paused = owner.ok(owner.get(path))
    assert paused["recipients"] == 3 and paused["sent"] == 0
    assert owner.patch(path, {"name": "Too late"}).status_code == 409
    owner.ok(owner.post(f"{path}/resume"))
    run_jobs()
    assert owner.ok(owner.get(path))["status"] == "sent"
    assert all(len(smtp.to(p["email"])) == 1 for p in people)
    assert owner.post(f"{path}/cancel").status_code == 409  # already sent

    other = make_campaign(owner, template_id=template["id"], list_ids=[news["id"]])
    owner.ok(owner.post(f"campaigns/{other['id']}/send", {}), 202)
    owner.ok(owner.post(f"campaigns/{other['id']}/pause"))
    run_jobs()
    cancelled = owner.ok(owner.post(f"campaigns/{other['id']}/cancel"))
    assert cancelled["status"] == "cancelled" and cancelled["progress"] == {"cancelled": 3}
    run_jobs()
    assert all(len(smtp.to(p["email"])) == 1 for p in people)  # nothing more went out


def _pump(workspace_id: int) -> dict[str, Any]:
    from cardfile.jobs.core import run

    return run(workspace_id, "cardfile.modules.campaigns.jobs:pump", None, {})


def _set(workspace_id: int, campaign_id: int, **values: Any) -> None:
    from sqlalchemy import update

    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns.models import Campaign

    with workspace_session(workspace_id) as session:
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(**values))


def test_scheduled_in_the_workspace_time_zone(owner: ApiClient, smtp: SmtpSink, run_jobs) -> None:  # type: ignore[no-untyped-def]
    owner.ok(owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"time_zone": "Asia/Tokyo"}))
    news, [ann] = _audience(owner, 1)
    campaign = make_campaign(owner, template_id=make_template(owner)["id"], list_ids=[news["id"]])
    local = f"{(datetime.now(UTC) + timedelta(days=2)).date().isoformat()}T09:30:00"
    scheduled = owner.ok(owner.post(f"campaigns/{campaign['id']}/send", {"at": local}), 202)
    assert scheduled["status"] == "scheduled"
    at = datetime.fromisoformat(scheduled["scheduled_at"])
    assert (at.astimezone(UTC).hour, at.minute) == (0, 30)  # 09:30 in Tokyo is 00:30 UTC
    assert _pump(owner.workspace_id)["started"] == []
    run_jobs()
    assert smtp.to(ann["email"], timeout=0.2) == []
    _set(owner.workspace_id, campaign["id"], scheduled_at=datetime.now(UTC) - timedelta(minutes=1))
    assert _pump(owner.workspace_id)["started"] == [campaign["id"]]
    run_jobs()
    assert len(smtp.to(ann["email"])) == 1


def test_ab_test_sends_the_winner_to_the_rest(  # type: ignore[no-untyped-def]
    owner: ApiClient, client, smtp: SmtpSink, run_jobs
) -> None:
    news, people = _audience(owner, 10)
    campaign = make_campaign(
        owner,
        template_id=make_template(owner, subject="Version A")["id"],
        list_ids=[news["id"]],
        ab={"kind": "subject", "subject_b": "Version B", "split_percent": 40, "wait_hours": 2},
    )
    path = f"campaigns/{campaign['id']}"
    owner.ok(owner.post(f"{path}/send", {}), 202)
    run_jobs()
    testing = owner.ok(owner.get(path))
    assert testing["status"] == "testing" and testing["progress"] == {"sent": 4, "held": 6}
    got = {p["email"]: smtp.to(p["email"], timeout=0.2) for p in people}
    subjects = sorted(m[0]["Subject"] for m in got.values() if m)
    assert subjects == ["Version A", "Version A", "Version B", "Version B"]
    # B's readers open it; the winner is decided once the wait is over.
    for messages in got.values():
        if messages and messages[0]["Subject"] == "Version B":
            client.get(links(part(messages[0], "html"), "o")[0])
    assert _pump(owner.workspace_id)["decided"] == []
    _set(owner.workspace_id, campaign["id"], ab_decide_at=datetime.now(UTC) - timedelta(minutes=1))
    assert _pump(owner.workspace_id)["decided"] == [campaign["id"]]
    run_jobs()
    done = owner.ok(owner.get(path))
    assert done["status"] == "sent" and done["winner"] == "B" and done["sent"] == 10
    rest = [smtp.to(p["email"])[0]["Subject"] for p in people if not got[p["email"]]]
    assert rest == ["Version B"] * 6
    versions = owner.ok(owner.get(f"{path}/report"))["versions"]
    assert [(v["version"], v["sent"], v["unique_opens"]) for v in versions] == [
        ("A", 2, 0),
        ("B", 8, 2),
    ]


def test_test_send_and_the_contacts_messages(  # type: ignore[no-untyped-def]
    app, owner: ApiClient, smtp: SmtpSink, run_jobs
) -> None:
    news, [ann] = _audience(owner, 1, first_name="Ołeksandr")
    campaign = make_campaign(owner, template_id=make_template(owner)["id"], list_ids=[news["id"]])
    path = f"campaigns/{campaign['id']}"
    bad = owner.post(f"{path}/test", {"emails": ["not-an-address"]})
    assert bad.status_code == 422 and "emails.0" in bad.get_json()["errors"]
    owner.ok(
        owner.post(f"{path}/test", {"emails": ["qa@agency.example"], "contact_id": ann["id"]}), 202
    )
    run_jobs()
    [test] = smtp.to("qa@agency.example")
    assert subject(test) == "[Test] Hello Ołeksandr — новости"
    assert owner.ok(owner.get(path))["status"] == "draft"  # a test changes nothing
    owner.ok(owner.post(f"{path}/send", {}), 202)
    run_jobs()
    [message] = owner.ok(owner.get(f"contacts/{ann['id']}/messages"))["items"]
    assert message["campaign_name"] == campaign["name"] and message["version"] is None
    assert message["initiator"] == "Olive Owner" and message["delivered"] is True
    assert message["subject"] == "Hello Ołeksandr — новости" and message["opened_at"] is None
    member = member_client(app, owner, class_ids=[make_class(owner)["id"]])
    assert member.get(f"contacts/{ann['id']}/messages").status_code == 404


def test_bad_campaigns_and_other_workspaces(owner: ApiClient, stranger: ApiClient) -> None:
    bad = owner.post("campaigns", {"name": "X", "from_email": "nope", "list_ids": [1]})
    assert bad.status_code == 422 and "from_email" in bad.get_json()["errors"]
    missing = owner.post(
        "campaigns", {"name": "X", "from_email": "a@b.example", "list_ids": [999999]}
    )
    assert missing.status_code == 422 and "999999" in missing.get_json()["errors"]["list_ids"][0]
    empty = make_campaign(owner)
    not_ready = owner.post(f"campaigns/{empty['id']}/send", {})
    assert not_ready.status_code == 422
    assert set(not_ready.get_json()["errors"]) == {"template_id", "list_ids"}
    ab = owner.post(
        "campaigns",
        {"name": "X", "from_email": "a@b.example", "ab": {"kind": "subject"}},
    )
    assert ab.status_code == 422 and "ab" in ab.get_json()["errors"]
    template = make_template(owner)
    for path in (
        f"campaigns/{empty['id']}",
        f"templates/{template['id']}",
        f"campaigns/{empty['id']}/report",
    ):
        assert stranger.get(path).status_code == 404
    assert stranger.post(f"campaigns/{empty['id']}/send", {}).status_code == 404
    used = make_campaign(owner, template_id=template["id"])
    assert owner.delete(f"templates/{template['id']}").status_code == 409
    assert owner.delete(f"campaigns/{used['id']}").status_code == 204
    assert owner.delete(f"templates/{template['id']}").status_code == 204
