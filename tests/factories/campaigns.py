"""Templates and campaigns made through the API, and reading what the SMTP sink got."""

from __future__ import annotations

import base64
import re
import uuid
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

from factories.accounts import ApiClient

HTML = (
    "<html><head><style>p { color: #123456 }</style></head><body>"
    "<p>Cześć {{ contact.first_name | default('przyjacielu') }}!</p>"
    "<p>Plan: {{ contact.custom.plan | default('none') }}</p>"
    '<p><a href="https://shop.example/offer?id=7&amp;x=1">Offer</a></p>'
    '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>'
    "</body></html>"
)


def make_template(client: ApiClient, **fields: Any) -> dict[str, Any]:
    body = {
        "name": f"Template {uuid.uuid4().hex[:6]}",
        "subject": "Hello {{ contact.first_name | default('there') }} — новости",
        "html": HTML,
        **fields,
    }
    return client.ok(client.post("templates", body), 201)


def make_campaign(client: ApiClient, verified: bool = True, **fields: Any) -> dict[str, Any]:
    """A draft; its From domain is made a verified sending domain unless verified=False."""
    from factories.deliverability import verified_domain

    body = {
        "name": f"Campaign {uuid.uuid4().hex[:6]}",
        "from_email": "news@agency.example",
        "from_name": "Agency News",
        **fields,
    }
    if verified:
        verified_domain(client.workspace_id, body["from_email"].rpartition("@")[2])
    return client.ok(client.post("campaigns", body), 201)


def part(message: Message, kind: str) -> str:
    """The decoded text/plain or text/html part of a multipart message."""
    for piece in message.walk():
        if piece.get_content_type() == f"text/{kind}":
            payload = piece.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode()
    raise AssertionError(f"no text/{kind} part")


def subject(message: Message) -> str:
    """The Subject header, decoded (RFC 2047)."""
    return str(make_header(decode_header(message["Subject"])))


def public_path(url: str) -> str:
    return "/api/v1/public/" + url.split("/api/v1/public/", 1)[1]


def links(html: str, kind: str) -> list[str]:
    """Paths of our tracking links of one kind ("c" clicks, "o" the open pixel, "u")."""
    found = re.findall(r'(?:href|src)="([^"]+/api/v1/public/' + kind + r'/[^"]+)"', html)
    return [public_path(u.replace("&amp;", "&")) for u in found]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def sent_campaign(
    client: ApiClient, run_jobs: Any, n: int = 2
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """A list of n new subscribers, a campaign to it sent (jobs drained): (list, people,
    campaign)."""
    from factories.contacts import make_contact
    from factories.lists import make_list, subscribe

    news = make_list(client)
    people = [make_contact(client) for _ in range(n)]
    for person in people:
        subscribe(client, news["id"], person["id"])
    campaign = make_campaign(client, template_id=make_template(client)["id"], list_ids=[news["id"]])
    client.ok(client.post(f"campaigns/{campaign['id']}/send", {}), 202)
    run_jobs()
    return news, people, campaign


def message_id_of(workspace_id: int, contact_id: int) -> str:
    """The Message-ID of the contact's newest campaign message."""
    from sqlalchemy import select

    from cardfile.db.scope import workspace_session
    from cardfile.modules.campaigns.models import CampaignMessage

    with workspace_session(workspace_id) as session:
        found = session.scalar(
            select(CampaignMessage.message_id)
            .where(CampaignMessage.contact_id == contact_id)
            .order_by(CampaignMessage.id.desc())
        )
    assert found
    return found
