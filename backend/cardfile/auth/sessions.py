"""Cookie sessions backed by a server-side session id in Redis, and CSRF for cookie writes.

Login clears the old session and issues a new id (rotation); logout deletes it server-side,
so a copied cookie stops working. API tokens authenticate without cookies and need no CSRF.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, g, request, session
from flask_login import login_user, logout_user
from sqlalchemy import select, text

from cardfile.api.context import SAFE_METHODS, db, request_access_version
from cardfile.auth.models import ApiToken, User
from cardfile.auth.tokens import API_TOKEN_PREFIX, hash_api_token
from cardfile.cache import BOOKKEEPING, VersionedCache, get_redis
from cardfile.errors import Forbidden
from cardfile.extensions import login_manager

CSRF_HEADER = "X-CSRF-Token"
# Views that run before a session exists.
CSRF_EXEMPT = {"auth.login", "auth.signup", "auth.accept_invitation"}


def _key(sid: str) -> str:
    return f"cardfile:session:{sid}"


def _user_key(user_id: int) -> str:
    """The ids of a user's sessions, so a password change or reset can end them all."""
    return f"cardfile:user-sessions:{user_id}"


def start_session(user: User) -> str:
    """Log the user in on a fresh session id; returns the new CSRF token."""
    old_sid = session.get("sid")
    if old_sid:
        get_redis().delete(_key(old_sid))
    session.clear()
    sid = secrets.token_urlsafe(32)
    ttl = timedelta(days=current_app.config["SESSION_DAYS"])
    with get_redis().pipeline() as pipe:
        pipe.set(_key(sid), str(user.id), ex=ttl)
        pipe.sadd(_user_key(user.id), sid).expire(_user_key(user.id), ttl)
        pipe.execute()
    session["sid"] = sid
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True
    login_user(user)
    return session["csrf"]


def end_session() -> None:
    sid = session.get("sid")
    if sid:
        get_redis().delete(_key(sid))
    logout_user()
    session.clear()


def end_user_sessions(user_id: int, keep_current: bool = False) -> None:
    """End every session of the user (all but this request's one with keep_current)."""
    redis = get_redis()
    keep = session.get("sid") if keep_current else None
    sids = [s.decode() for s in redis.smembers(_user_key(user_id))]
    ended = [sid for sid in sids if sid != keep]
    if ended:
        redis.delete(*[_key(sid) for sid in ended])
        redis.srem(_user_key(user_id), *ended)


def csrf_token() -> str | None:
    return session.get("csrf")


@dataclass(frozen=True)
class SignedIn:
    """current_user: the account's identity, not its row, so it can be cached per access
    version (any change to users or tokens bumps that version)."""

    id: int
    email: str
    name: str
    time_zone: str
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return str(self.id)

    @classmethod
    def of(cls, user: User) -> SignedIn | None:
        if not user.is_active:
            return None
        return cls(user.id, user.email, user.name, user.time_zone)


@dataclass(frozen=True)
class TokenOwner:
    token_id: int
    user: SignedIn | None


_users: VersionedCache[SignedIn | None] = VersionedCache()
_tokens: VersionedCache[TokenOwner] = VersionedCache()
# When this process last saw each token's last_used_at recorded (it need not be exact).
_token_seen: dict[int, datetime] = {}


@login_manager.user_loader
def _load_session_user(user_id: str) -> SignedIn | None:
    sid = session.get("sid")
    if not sid or (get_redis().get(_key(sid)) or b"").decode() != user_id:
        return None
    version = request_access_version()
    signed_in = _users.get(int(user_id), version)
    if signed_in is None:
        user = db().get(User, int(user_id))
        signed_in = _users.put(int(user_id), version, SignedIn.of(user) if user else None)
    if signed_in is not None:
        g.auth_method = "session"
    return signed_in


@login_manager.request_loader
def _load_token_user(req) -> SignedIn | None:  # type: ignore[no-untyped-def]
    header = req.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.startswith(API_TOKEN_PREFIX):
        return None
    digest, version = hash_api_token(token.strip()), request_access_version()
    owner = _tokens.get(digest, version)
    if owner is None:
        row = (
            db()
            .execute(
                select(ApiToken.id, ApiToken.last_used_at, User)
                .join(User, User.id == ApiToken.user_id)
                .where(ApiToken.token_hash == digest)
            )
            .first()
        )
        if row is None:
            return None
        token_id, last_used_at, user = row
        owner = _tokens.put(digest, version, TokenOwner(token_id, SignedIn.of(user)))
        if last_used_at is not None:
            _token_seen.setdefault(token_id, last_used_at)
    now = datetime.now(UTC)
    if now - _token_seen.get(owner.token_id, now - 2 * IDLE) > IDLE:
        _touch(owner.token_id)
        _token_seen[owner.token_id] = now
    g.auth_method = "token"
    return owner.user


IDLE = timedelta(minutes=5)


def _touch(token_id: int) -> None:
    """Record use on the request's own connection (one connection per request). SKIP LOCKED:
    concurrent requests with the same token never wait for each other's bookkeeping."""
    db().execute(
        text(
            "UPDATE public.api_tokens SET last_used_at = now() WHERE id IN ("
            "SELECT id FROM public.api_tokens WHERE id = :id AND "
            "(last_used_at IS NULL OR last_used_at < now() - interval '5 minutes') "
            "FOR UPDATE SKIP LOCKED)"
        ),
        {"id": token_id},
        execution_options={BOOKKEEPING: True},
    )


def _check_csrf() -> None:
    if request.method in SAFE_METHODS or request.endpoint in CSRF_EXEMPT:
        return
    if not request.path.startswith("/api/"):
        return
    if getattr(current_app.blueprints.get(request.blueprint or ""), "public", False):
        return  # public pages (api/public.py) take no session
    from flask_login import current_user

    if not current_user.is_authenticated or g.get("auth_method") != "session":
        return
    expected = session.get("csrf", "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not expected or not hmac.compare_digest(expected, sent):
        raise Forbidden(f"Missing or wrong {CSRF_HEADER} header.")


def init_sessions(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = None  # the server-side session id does this job
    app.before_request(_check_csrf)
