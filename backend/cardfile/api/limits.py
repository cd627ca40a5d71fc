"""Rate limits shared by blueprints: the settings they read and the keys they count by."""

from __future__ import annotations

from flask import current_app, request

from cardfile.api.context import current_user_id

INVITATIONS_PER_HOUR = "30 per hour"
RESETS_PER_ADDRESS = "5 per hour"


def public_limit() -> str:
    return current_app.config["PUBLIC_LIMIT"]


def booking_limit() -> str:
    return current_app.config["BOOKING_LIMIT"]


def invitation_limit() -> str:
    return INVITATIONS_PER_HOUR


def reset_limit() -> str:
    return RESETS_PER_ADDRESS


def inviter_key() -> str:
    return f"inviter:{current_user_id()}"


def body_email_key() -> str:
    """Counts by the address in the JSON body (lower-cased), whoever sends it."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"address:{str(email or '').strip().lower()[:254]}"
