"""Whole GET responses of a workspace, cached while nothing in it changes.

The key holds the workspace's data version (read at the start of the request, before any
query), what the caller may see (`Principal.visibility`) and role, the path and the parsed
arguments (so parameters the API ignores make no new entries). Any committed write in the
workspace bumps the data version, and any change to access changes the principal, so a
cached answer is exactly what the view would compute now. Access is still checked on every
request: the scope is opened (identity and principal against the current access version)
before the cache is read. Only 200 answers of requests that wrote nothing are stored, and
only once the same key was asked for twice within the TTL: a stream of one-off queries
leaves small markers in Redis, not whole answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, request

from cardfile.api.context import db, principal
from cardfile.cache import get_redis, session_wrote

RESPONSE_TTL_SECONDS = 60
MAX_CACHED_BYTES = 512 * 1024
F = TypeVar("F", bound=Callable[..., Any])


def _key(args: tuple[Any, ...]) -> str | None:
    session = db()
    version = session.info.get("data_version")
    workspace_id = session.info.get("workspace_id")
    if version is None or workspace_id is None:
        return None
    who = principal()
    parsed = [sorted(a.items()) for a in args if isinstance(a, dict)]  # not the MethodView
    material = f"{who.role.value}|{who.visibility}|{request.path}|{parsed!r}"
    digest = hashlib.sha1(material.encode()).hexdigest()
    return f"cardfile:ws:{workspace_id}:response:{version}:{digest}"


def cached_read(view: F) -> F:
    """Decorate a workspace GET view: below `@blp.arguments` (the key uses the parsed
    arguments), above `@blp.response` (the cache holds the serialised answer)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = _key(args) if request.method == "GET" else None
        if key is None:
            return view(*args, **kwargs)
        redis = get_redis()
        if (body := redis.get(key)) is not None:  # a hit writes nothing
            return Response(body, mimetype="application/json", headers={"X-Cache": "hit"})
        first_ask = redis.set(f"{key}:asked", 1, nx=True, ex=RESPONSE_TTL_SECONDS)
        response = view(*args, **kwargs)
        if (
            not first_ask
            and isinstance(response, Response)
            and response.status_code == 200
            and not session_wrote(db())
            and len(response.get_data()) <= MAX_CACHED_BYTES
        ):
            redis.set(key, response.get_data(), ex=RESPONSE_TTL_SECONDS)
        return response

    return wrapper  # type: ignore[return-value]
