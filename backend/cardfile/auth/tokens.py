"""Personal API tokens (stored hashed) and signed single-purpose link tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from cardfile import config

API_TOKEN_PREFIX = "cf_"


def new_api_token() -> tuple[str, str]:
    """(token shown once, its sha256 stored)."""
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_api_token(token)


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LinkSigner:
    """Signs payloads for one purpose (the salt), valid for max_age seconds."""

    def __init__(self, secret_key: str, purpose: str, max_age: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt=f"cardfile.{purpose}")
        self.max_age = max_age

    def dumps(self, payload: dict[str, Any]) -> str:
        return self._serializer.dumps(payload)

    def loads(self, token: str) -> dict[str, Any] | None:
        try:
            data = self._serializer.loads(token, max_age=self.max_age)
        except BadSignature:
            return None
        return data if isinstance(data, dict) else None

    def expired(self, token: str) -> bool:
        """Genuinely ours but too old (so the user can be told to ask for a new link)."""
        try:
            self._serializer.loads(token, max_age=self.max_age)
        except SignatureExpired:
            return True
        except BadSignature:
            return False
        return False


# Public links (api/public.py): how long a link of a purpose stays valid, in days (default a
# year). A double opt-in link is short-lived; an embedded subscribe form lives until its list's
# form is renewed (its token carries the form version).
PUBLIC_LINK_DAYS = {"confirm": 7, "subscribe": 100 * 365}
DEFAULT_LINK_DAYS = 365


def public_link_signer(purpose: str) -> LinkSigner:
    days = PUBLIC_LINK_DAYS.get(purpose, DEFAULT_LINK_DAYS)
    return LinkSigner(config.current().secret_key, f"public.{purpose}", days * 86400)


def link_token(purpose: str, workspace_id: int, **payload: Any) -> str:
    """A token for a public link of `purpose` in a workspace (payload: what the link is
    about, e.g. a contact id); accepted only by public blueprints of that purpose."""
    return public_link_signer(purpose).dumps({"ws": int(workspace_id), **payload})
