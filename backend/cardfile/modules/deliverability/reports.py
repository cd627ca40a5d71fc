"""Reading what comes back: delivery status notifications (RFC 3464) and feedback-loop
complaints (ARF, RFC 5965), as mailbox providers send them. Pure functions over the raw
message: which of our messages it is about (the original Message-ID), and what happened.

A bounce is hard when the address itself is refused for good (5.1.x: no such mailbox or
domain; 5.2.1: disabled; 5.5.x), soft otherwise (4.x.x; 5.2.2 mailbox full; 5.7.x refused by
policy or reputation, which says nothing about the address). "delayed", "delivered",
"relayed" and "expanded" reports are not bounces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message

_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class Report:
    kind: str  # "hard", "soft" (bounces) or "complaint"
    message_id: str | None  # the original message's Message-ID, without <>
    recipient: str | None
    status: str | None  # enhanced status code, like 5.1.1
    detail: str  # the server's words, or the feedback type


def classify(status: str) -> str:
    klass, subject, detail = (int(x) for x in status.split("."))
    if klass == 5 and (subject == 1 or (subject, detail) == (2, 1) or subject == 5):
        return "hard"
    return "soft"


def _original_message_id(report: Message) -> str | None:
    """From the returned message or headers (message/rfc822, text/rfc822-headers)."""
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message) and inner.get("Message-ID"):
                return _strip(str(inner["Message-ID"]))
        elif kind in ("text/rfc822-headers", "message/rfc822-headers"):
            raw = part.get_payload(decode=True) or b""
            headers = message_from_bytes(raw, policy=policy.compat32)
            if headers.get("Message-ID"):
                return _strip(str(headers["Message-ID"]))
    return None


def _strip(value: str) -> str | None:
    found = _MESSAGE_ID.search(value)
    return found.group(1) if found else (value.strip() or None)


def _fields(part: Message) -> list[dict[str, str]]:
    """The field groups of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package parses delivery-status into blocks
        blocks = [dict((k.lower(), str(v)) for k, v in block.items()) for block in payload]
        return [b for b in blocks if b]
    text = (
        payload
        if isinstance(payload, str)
        else (part.get_payload(decode=True) or b"").decode(errors="replace")
    )
    groups, current = [], {}
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                groups.append(current)
                current = {}
            continue
        if line[:1] in " \t" and current:
            last = list(current)[-1]
            current[last] += " " + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            current[key.strip().lower()] = value.strip()
    if current:
        groups.append(current)
    return groups


def _address(value: str | None) -> str | None:
    if not value:
        return None
    return value.split(";", 1)[-1].strip().strip("<>").lower() or None


def read(raw: bytes) -> list[Report]:
    """What a returned message reports (empty: not a bounce or complaint we understand)."""
    message = message_from_bytes(raw, policy=policy.compat32)
    if message.get_content_type() != "multipart/report":
        return []
    report_type = (message.get_param("report-type") or "").lower()
    original = _original_message_id(message)
    found: list[Report] = []
    for part in message.walk():
        kind = part.get_content_type()
        if report_type == "delivery-status" and kind == "message/delivery-status":
            for group in _fields(part):
                action = group.get("action", "").lower()
                match = _STATUS.search(group.get("status", ""))
                if action != "failed" or not match:
                    continue
                status = match.group(0)
                found.append(
                    Report(
                        classify(status),
                        original,
                        _address(group.get("final-recipient") or group.get("original-recipient")),
                        status,
                        (group.get("diagnostic-code") or status).split(";", 1)[-1].strip()[:300],
                    )
                )
        elif report_type == "feedback-report" and kind == "message/feedback-report":
            fields = {k: v for group in _fields(part) for k, v in group.items()}
            feedback = fields.get("feedback-type", "abuse").lower()
            if feedback in ("abuse", "fraud", "virus", "other"):
                recipient = _address(fields.get("original-rcpt-to"))
                found.append(Report("complaint", original, recipient, None, feedback))
    return found
