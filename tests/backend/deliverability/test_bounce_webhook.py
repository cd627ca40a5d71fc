"""Bounces and complaints posted as JSON by providers (generic, Amazon SES through SNS):
only with the shared secret, matched and applied like those the SMTP listener takes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest

from factories.accounts import ApiClient
from factories.campaigns import message_id_of, sent_campaign

SECRET = "webhook-secret-0123456789"


@pytest.fixture
def secret(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from cardfile import config

    before = config.current()
    config.configure(dataclasses.replace(before, bounce_webhook_token=SECRET))
    try:
        yield SECRET
    finally:
        config.configure(before)


def test_no_secret_no_webhook(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.post("/api/v1/public/bounces/generic", json={"events": []})
    assert answer.status_code == 404


def test_generic_events(owner: ApiClient, client, run_jobs, secret: str) -> None:  # type: ignore[no-untyped-def]
    news, [ann, bob], campaign = sent_campaign(owner, run_jobs)
    body = {
        "events": [
            {
                "type": "bounce",
                "bounce_type": "hard",
                "message_id": f"<{message_id_of(owner.workspace_id, ann['id'])}>",
                "recipient": ann["email"],
                "status": "5.1.1",
                "detail": "550 5.1.1 user unknown",
            },
            {"type": "complaint", "message_id": message_id_of(owner.workspace_id, bob["id"])},
        ]
    }
    url = "/api/v1/public/bounces/generic"
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    answer = client.post(url, json=body, headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200 and answer.get_json() == {"received": 2, "applied": 2}
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] == "invalid"
    totals = owner.ok(owner.get(f"campaigns/{campaign['id']}/report"))["totals"]
    assert (totals["bounced"], totals["complaints"]) == (1, 1)
    again = client.post(f"{url}?token={secret}", json=body)
    assert again.get_json() == {"received": 2, "applied": 0}  # nothing twice
    bad = client.post(f"{url}?token={secret}", json={"events": [{"type": "lost"}]})
    assert bad.status_code == 422 and "events.0.type" in bad.get_json()["errors"]
    assert client.post(f"/api/v1/public/bounces/acme?token={secret}", json={}).status_code == 404


def test_ses_through_sns(owner: ApiClient, client, run_jobs, secret: str) -> None:  # type: ignore[no-untyped-def]
    news, [ann], campaign = sent_campaign(owner, run_jobs, 1)
    ses = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bounceSubType": "General",
            "bouncedRecipients": [
                {
                    "emailAddress": ann["email"],
                    "action": "failed",
                    "status": "5.1.1",
                    "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                }
            ],
            "timestamp": "2026-12-06T18:12:41.000Z",
            "feedbackId": "0100018c-aaaa-bbbb-cccc-000000000000-000000",
        },
        "mail": {
            "timestamp": "2026-12-06T18:12:39.000Z",
            "source": "news@agency.example",
            "messageId": "0100018c-ses-internal-id",
            "headers": [
                {"name": "Message-ID", "value": f"<{message_id_of(owner.workspace_id, ann['id'])}>"}
            ],
        },
    }
    envelope = {"Type": "Notification", "MessageId": "sns-1", "Message": json.dumps(ses)}
    answer = client.post(f"/api/v1/public/bounces/ses?token={secret}", json=envelope)
    assert answer.get_json() == {"received": 1, "applied": 1}
    assert owner.ok(owner.get(f"contacts/{ann['id']}"))["email_status"] == "invalid"
    confirm = {"Type": "SubscriptionConfirmation", "SubscribeURL": "https://sns.example/x"}
    answer = client.post(f"/api/v1/public/bounces/ses?token={secret}", json=confirm)
    assert answer.get_json() == {"received": 0, "applied": 0}  # nothing fetched from outside
