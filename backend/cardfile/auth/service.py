"""Accounts: sign-up, credentials, API tokens, invitations. No Flask here."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.auth.models import ApiToken, User
from cardfile.auth.passwords import hash_password, verify_password
from cardfile.auth.tokens import LinkSigner, new_api_token
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Conflict, Invalid, NotFound
from cardfile.tenancy import service as tenancy
from cardfile.tenancy.models import Workspace


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def signup(
    session: Session, email: str, password: str, name: str, agency_name: str
) -> tuple[User, Workspace]:
    existing = find_user_by_email(session, email)
    if existing is not None:
        hint = (
            "You have been invited: use the link in the invitation email to set your password."
            if existing.password_hash is None
            else "An account with this email already exists; log in instead."
        )
        raise Conflict("An account with this email already exists.", errors={"email": [hint]})
    user = User(email=email, name=name, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    agency = tenancy.create_agency(session, agency_name, owner_id=user.id)
    workspace = tenancy.create_workspace(session, agency.id, agency_name, "UTC")
    return user, workspace


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = find_user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user


def create_token(session: Session, user_id: int, name: str) -> tuple[ApiToken, str]:
    token, token_hash = new_api_token()
    api_token = ApiToken(user_id=user_id, name=name, token_hash=token_hash)
    session.add(api_token)
    session.flush()
    return api_token, token


def list_tokens(session: Session, user_id: int, args: dict[str, Any]) -> Page:
    stmt = select(ApiToken).where(ApiToken.user_id == user_id)
    columns = {
        "created_at": ApiToken.created_at,
        "name": ApiToken.name,
        "last_used_at": ApiToken.last_used_at,
    }
    return paginate(session, stmt, args, columns, "-created_at", ApiToken.id)


def delete_token(session: Session, user_id: int, token_id: int) -> None:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound("Token")
    session.delete(token)


RESET_SECONDS = 3600


def _reset_signer(secret_key: str) -> LinkSigner:
    return LinkSigner(secret_key, "password-reset", max_age=RESET_SECONDS)


def _fingerprint(password_hash: str) -> str:
    # Binds the link to the current password: once it changes, the link is spent.
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def password_reset_token(secret_key: str, user: User) -> str:
    assert user.password_hash is not None
    return _reset_signer(secret_key).dumps({"u": user.id, "h": _fingerprint(user.password_hash)})


def reset_candidate(session: Session, email: str) -> User | None:
    """The account a reset link may go to: one that has a password (invitees use their link)."""
    user = find_user_by_email(session, email)
    return user if user is not None and user.password_hash is not None else None


def reset_password(session: Session, secret_key: str, token: str, password: str) -> User:
    signer = _reset_signer(secret_key)
    data = signer.loads(token) or {}
    user = session.get(User, int(data.get("u") or 0)) if data else None
    if (
        user is None
        or user.password_hash is None
        or _fingerprint(user.password_hash) != data.get("h")
    ):
        message = (
            "This reset link has expired. Ask for a new one."
            if signer.expired(token)
            else "This reset link was already used or is not valid. Ask for a new one."
        )
        raise Invalid.field("token", message)
    user.password_hash = hash_password(password)
    return user


def change_password(session: Session, user_id: int, current: str, password: str) -> User:
    user = session.get(User, user_id)
    if user is None or not verify_password(user.password_hash, current):
        raise Invalid.field("current_password", "This is not your current password.")
    user.password_hash = hash_password(password)
    return user
