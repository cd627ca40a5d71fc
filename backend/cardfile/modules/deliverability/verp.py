"""The per-message return path (VERP): `b-<workspace>-<message>-<mac>@bounce.<domain>`.

A bounce comes back to the envelope sender, so the address it is sent to names the message
even when the report quotes nothing of it. The MAC (keyed with SECRET_KEY) keeps anyone
from writing an address that would unsubscribe someone else.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from cardfile import config
from cardfile.modules.deliverability.records import return_path_host

_VERP = re.compile(r"^b-(\d{1,18})-(\d{1,18})-([0-9a-f]{12})@", re.IGNORECASE)


def _mac(workspace_id: int, message_id: int) -> str:
    secret = config.current().secret_key.encode()
    text = f"cardfile.verp:{workspace_id}:{message_id}".encode()
    return hmac.new(secret, text, hashlib.sha256).hexdigest()[:12]


def return_path(workspace_id: int, message_id: int, sending_domain: str | None) -> str:
    """On the sending domain's return-path host, or the configured bounce domain."""
    host = return_path_host(sending_domain) if sending_domain else config.current().bounce_domain
    return f"b-{workspace_id}-{message_id}-{_mac(workspace_id, message_id)}@{host}"


def parse(address: str) -> tuple[int, int] | None:
    """(workspace id, message row id) of a genuine return path, else None."""
    found = _VERP.match(address.strip().strip("<>"))
    if found is None:
        return None
    workspace_id, message_id = int(found.group(1)), int(found.group(2))
    if not hmac.compare_digest(found.group(3).lower(), _mac(workspace_id, message_id)):
        return None
    return workspace_id, message_id
