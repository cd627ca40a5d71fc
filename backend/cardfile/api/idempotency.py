"""Idempotency-Key on POST: a repeated key (same caller, within 24 h) answers the first result.

The key is claimed by an INSERT in the request's own transaction and the response is stored
before that transaction commits. A concurrent duplicate (a double click) blocks on the key's
unique index until the first request ends: then it replays the stored response, or — if the
first failed and rolled back — runs as the first. Nothing lives outside PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from flask import Flask, Response, g, request
from flask_login import current_user
from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    LargeBinary,
    SmallInteger,
    String,
    func,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from cardfile.api.context import db
from cardfile.api.errors import error_response
from cardfile.db.base import PublicBase, utcnow
from cardfile.jobs.core import JobContext, job

HEADER = "Idempotency-Key"
KEEP_HOURS = 24
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")


class IdempotencyKey(PublicBase):
    __tablename__ = "idempotency_keys"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("public.users.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(SmallInteger)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )


_CLAIM = text(
    """
    INSERT INTO public.idempotency_keys (user_id, key, request_hash)
    VALUES (:user_id, :key, :hash)
    ON CONFLICT (user_id, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = now()
        WHERE idempotency_keys.created_at < now() - make_interval(hours => :hours)
    RETURNING 1
    """
)


def _request_hash() -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if request.mimetype == "application/json":
        digest.update(request.get_data(cache=True))
    else:  # an upload: never read into memory here; its size and name stand for it
        digest.update(f"{request.content_length}|{request.headers.get('X-Filename', '')}".encode())
    return digest.hexdigest()


def _claim_or_replay() -> Response | None:
    key = request.headers.get(HEADER)
    if key is None or request.method != "POST" or not request.path.startswith("/api/"):
        return None
    if not _KEY_RE.match(key):
        return error_response(
            422,
            f"{HEADER} must be 1 to 255 visible ASCII characters.",
            {HEADER: ["Use 1 to 255 visible ASCII characters, like a UUID."]},
        )
    if not current_user.is_authenticated:
        return None  # sign-up and login carry no caller to scope a key to
    session, user_id, request_hash = db(), int(current_user.id), _request_hash()
    params = {"user_id": user_id, "key": key, "hash": request_hash, "hours": KEEP_HOURS}
    if session.execute(_CLAIM, params).first() is not None:
        g.idempotency = (user_id, key)
        return None
    return _replay(session, user_id, key, request_hash)


def _replay(session: Session, user_id: int, key: str, request_hash: str) -> Response:
    stored = session.get(IdempotencyKey, (user_id, key))
    assert stored is not None and stored.status is not None  # committed with its response
    if stored.request_hash != request_hash:
        return error_response(
            422,
            f"This {HEADER} was used for a different request; send a new key.",
            {HEADER: ["Already used for a different request."]},
        )
    response = Response(stored.body, status=stored.status, mimetype="application/json")
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _store(response: Response) -> Response:
    claimed = g.pop("idempotency", None)
    if claimed is not None and response.status_code < 400 and "db" in g:
        g.db.execute(
            text(
                "UPDATE public.idempotency_keys SET status = :status, body = :body "
                "WHERE user_id = :user_id AND key = :key"
            ),
            {
                "status": response.status_code,
                "body": response.get_data(),
                "user_id": claimed[0],
                "key": claimed[1],
            },
        )
    return response


@job(idempotent=True)
def purge_expired(ctx: JobContext) -> int:
    """Periodic platform task: keys older than 24 h answer nothing any more."""
    result = ctx.session.execute(
        text(
            "DELETE FROM public.idempotency_keys "
            "WHERE created_at < now() - make_interval(hours => :hours)"
        ),
        {"hours": KEEP_HOURS},
    )
    return result.rowcount or 0


def init_idempotency(app: Flask) -> None:
    """Register after init_request_context: after_request runs in reverse, so the response
    is stored before the request's transaction commits."""
    app.before_request(_claim_or_replay)
    app.after_request(_store)
