"""Personal API tokens (stored hashed) and signed single-purpose link tokens."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache
from typing import Any

from itsdangerous import (
    BadSignature,
    SignatureExpired,
    Signer,
    TimestampSigner,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)

from cardfile import config

API_TOKEN_PREFIX = "cf_"


def new_api_token() -> tuple[str, str]:
    """(token shown once, its sha256 stored)."""
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_api_token(token)


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class _KeyOnce:
    """itsdangerous derives the signing key from the secret and salt on every signature;
    links for a bulk send are signed by the hundred thousand, so derive it once."""

    _key: bytes | None = None

    def derive_key(self, secret_key: Any = None) -> bytes:  # noqa: D401
        if secret_key is not None:
            return super().derive_key(secret_key)  # type: ignore[misc, no-any-return]
        if self._key is None:
            self._key = super().derive_key()  # type: ignore[misc]
        return self._key


class _Signer(_KeyOnce, Signer):
    pass


class _TimestampSigner(_KeyOnce, TimestampSigner):
    pass


class LinkSigner:
    """Signs payloads for one purpose (the salt), valid for max_age seconds; with no max_age
    the token carries no time at all (the same payload always gives the same token)."""

    def __init__(self, secret_key: str, purpose: str, max_age: int | None) -> None:
        if max_age is None:
            self._serializer: Any = URLSafeSerializer(
                secret_key, salt=f"cardfile.{purpose}", signer=_Signer
            )
        else:
            self._serializer = URLSafeTimedSerializer(
                secret_key, salt=f"cardfile.{purpose}", signer=_TimestampSigner
            )
        self._signer = self._serializer.make_signer()
        self.max_age = max_age

    def dumps(self, payload: dict[str, Any]) -> str:
        signed = self._signer.sign(self._serializer.dump_payload(payload))
        return signed.decode("utf-8")  # type: ignore[no-any-return]

    def _loads(self, token: str) -> Any:
        if self.max_age is None:
            return self._serializer.loads(token)
        return self._serializer.loads(token, max_age=self.max_age)

    def loads(self, token: str) -> dict[str, Any] | None:
        try:
            data = self._loads(token)
        except BadSignature:
            return None
        return data if isinstance(data, dict) else None

    def expired(self, token: str) -> bool:
        """Genuinely ours but too old (so the user can be told to ask for a new link)."""
        try:
            self._loads(token)
        except SignatureExpired:
            return True
        except BadSignature:
            return False
        return False


# Public links (api/public.py): how long a link of a purpose stays valid, in days (default a
# year). A double opt-in link is short-lived; an embedded subscribe form never expires (None:
# a stable token) until its list's form is renewed (the token carries the form version);
# so does a calendar's private feed.
PUBLIC_LINK_DAYS: dict[str, int | None] = {
    "confirm": 7,
    "subscribe": None,
    "calendar-feed": None,  # a calendar app polls it for ever; renewing the feed revokes it
    "booking": 800,  # a booking's manage link outlives the furthest bookable day (730)
}
DEFAULT_LINK_DAYS = 365


def public_link_signer(purpose: str) -> LinkSigner:
    days = PUBLIC_LINK_DAYS.get(purpose, DEFAULT_LINK_DAYS)
    max_age = days * 86400 if days is not None else None
    return _link_signer(config.current().secret_key, purpose, max_age)


@lru_cache(maxsize=64)
def _link_signer(secret_key: str, purpose: str, max_age: int | None) -> LinkSigner:
    return LinkSigner(secret_key, f"public.{purpose}", max_age)


def link_token(purpose: str, workspace_id: int, **payload: Any) -> str:
    """A token for a public link of `purpose` in a workspace (payload: what the link is
    about, e.g. a contact id); accepted only by public blueprints of that purpose."""
    return public_link_signer(purpose).dumps({"ws": int(workspace_id), **payload})
