"""Bounces and complaints posted as JSON by sending providers, turned into the same reports
the bounce listener reads (reports.Report), then applied by bounces.process_reports.

- "generic": {"events": [{"type": "bounce"|"complaint", "bounce_type": "hard"|"soft",
  "message_id", "recipient", "status", "detail"}]};
- "ses": Amazon SES notifications, bare or inside an SNS envelope ("Type": "Notification").
"""

from __future__ import annotations

import json
import re
from typing import Any

from cardfile.errors import Invalid, NotFound
from cardfile.modules.deliverability.reports import Report, classify

PROVIDERS = ("generic", "ses")
_STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")
_ANGLES = re.compile(r"<([^<>\s]+)>")


def _message_id(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    found = _ANGLES.search(value)
    return found.group(1) if found else value.strip()


MAX_EVENTS = 500  # a request applies each in its own transaction: keep one request short


def _text(value: Any, limit: int = 300) -> str:
    return str(value or "")[:limit]


def parse(provider: str, body: Any) -> list[Report]:
    if provider not in PROVIDERS:
        raise NotFound("Provider")
    if not isinstance(body, dict):
        raise Invalid.field("body", "Send a JSON object.")
    return _generic(body) if provider == "generic" else _ses(body)


def _generic(body: dict[str, Any]) -> list[Report]:
    events = body.get("events")
    if not isinstance(events, list):
        raise Invalid.field("events", "Send the events as a list.")
    if len(events) > MAX_EVENTS:
        raise Invalid.field("events", f"Send at most {MAX_EVENTS} events at a time.")
    reports = []
    for index, event in enumerate(events):
        if not isinstance(event, dict) or event.get("type") not in ("bounce", "complaint"):
            raise Invalid.field(f"events.{index}.type", "Use bounce or complaint.")
        message_id = _message_id(event.get("message_id"))
        if message_id is None:
            raise Invalid.field(f"events.{index}.message_id", "Give the message's Message-ID.")
        if event["type"] == "complaint":
            reports.append(
                Report("complaint", message_id, _text(event.get("recipient")), None, "abuse")
            )
            continue
        status = _text(event.get("status"), 12)
        if status and not _STATUS.match(status):
            raise Invalid.field(f"events.{index}.status", "Use an enhanced status, like 5.1.1.")
        kind = event.get("bounce_type") or (classify(status) if status else None)
        if kind not in ("hard", "soft"):
            raise Invalid.field(f"events.{index}.bounce_type", "Use hard or soft.")
        reports.append(
            Report(
                kind,
                message_id,
                _text(event.get("recipient")) or None,
                status or None,
                _text(event.get("detail")) or status or kind,
            )
        )
    return reports


def _ses(body: dict[str, Any]) -> list[Report]:
    if body.get("Type") == "SubscriptionConfirmation":
        return []  # confirm the subscription from the SNS console: nothing is fetched here
    if body.get("Type") == "Notification":
        try:
            body = json.loads(body.get("Message") or "")
        except ValueError as error:
            raise Invalid.field("Message", "The SNS message is not JSON.") from error
    kind = body.get("notificationType") or body.get("eventType")
    mail = body.get("mail") or {}
    message_id = None
    for header in mail.get("headers") or []:
        if str(header.get("name", "")).lower() == "message-id":
            message_id = _message_id(header.get("value"))
    message_id = message_id or _message_id((mail.get("commonHeaders") or {}).get("messageId"))
    if kind == "Complaint":
        people = (body.get("complaint") or {}).get("complainedRecipients") or [{}]
        return [
            Report("complaint", message_id, _text(p.get("emailAddress")) or None, None, "abuse")
            for p in people
        ]
    if kind == "Bounce":
        bounce = body.get("bounce") or {}
        kind = "hard" if bounce.get("bounceType") == "Permanent" else "soft"
        return [
            Report(
                kind,
                message_id,
                _text(p.get("emailAddress")) or None,
                _text(p.get("status"), 12) or None,
                _text(p.get("diagnosticCode") or bounce.get("bounceSubType")),
            )
            for p in bounce.get("bouncedRecipients") or [{}]
        ]
    return []
