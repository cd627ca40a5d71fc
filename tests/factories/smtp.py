"""A real SMTP server (aiosmtpd) on a free local port that keeps what it receives."""

from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from email.utils import getaddresses
from typing import Any

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Envelope:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes  # as received: a DKIM signature verifies only over these bytes


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[Envelope] = []  # envelopes[i] brought messages[i]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        self.envelopes.append(Envelope(envelope.mail_from, list(envelope.rcpt_tos), raw))
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str, timeout: float = 5) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in list(self.messages) if _addressed(m, address)]
            if found:
                return found
            time.sleep(0.05)
        return []


def _addressed(message: Message, address: str) -> bool:
    """The message is to `address` (a name may come with it: "Ann <ann@x.pl>")."""
    return any(a.lower() == address.lower() for _, a in getaddresses([message["To"] or ""]))


def link_in(message: Message, path: str) -> str:
    """The token after `path` (e.g. "/invite/" or "/reset-password?token=") in a sent mail."""
    text = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    found = re.search(re.escape(path) + r"(\S+)", text)
    assert found, text
    return found.group(1)


class CountingSink(SmtpSink):
    """Keeps only whom each accepted message was for (bulk sends of many thousands)."""

    def __init__(self) -> None:
        super().__init__()
        self.recipients: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.recipients.extend(r.lower() for r in envelope.rcpt_tos)
        return "250 OK"
