"""The Redis connection, versions that make caches exact, and the caches keyed by them.

Two kinds of version, each bumped after the commit that changed what it covers:
- a workspace's *data version*: any write in the workspace's Session;
- the *access version*: any write to a model marked `__access__ = True` (users, tokens,
  agency and workspace membership, classes and grants), in any Session.

Counting 100,000 visible rows costs more than the rest of a list request. Every commit of a
workspace Session that wrote anything bumps that workspace's version (after the commit, so a
reader holding the new version always counted committed data). A cached total is keyed by
version + the count SQL with its parameters (which carry the caller's access filter), so it
is exact: any write makes every older entry unreachable. Redis holds nothing durable here.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from redis import Redis
from sqlalchemy import Select
from sqlalchemy.orm import ORMExecuteState, Session

_redis: Redis | None = None
COUNT_TTL_SECONDS = 300
_WROTE = "cardfile.wrote"
_ACCESS_CHANGED = "cardfile.access_changed"
ACCESS_VERSION_KEY = "cardfile:access:version"
# Execution option for a write that changes no data a reader sees (a token's last use).
BOOKKEEPING = "cardfile_bookkeeping"
V = TypeVar("V")


def init_redis(url: str) -> Redis:
    global _redis
    _redis = Redis.from_url(url)
    return _redis


def get_redis() -> Redis:
    if _redis is None:
        raise RuntimeError("Redis is not initialised")
    return _redis


def _version_key(workspace_id: int) -> str:
    return f"cardfile:ws:{workspace_id}:version"


def _ensure_version(redis: Redis, key: str) -> None:
    # A lost key restarts from the clock, never from a number an old cache entry used.
    redis.set(key, time.time_ns(), nx=True)


def data_version(workspace_id: int) -> str:
    redis, key = get_redis(), _version_key(workspace_id)
    version = redis.get(key)
    if version is None:
        _ensure_version(redis, key)
        version = redis.get(key)
    return (version or b"0").decode()


def bump_version(workspace_id: int) -> None:
    _bump(_version_key(workspace_id))


def _bump(key: str) -> None:
    redis = get_redis()
    _ensure_version(redis, key)
    redis.incr(key)


def access_version() -> str:
    return _versions([ACCESS_VERSION_KEY])[0]


def bump_access_version() -> None:
    _bump(ACCESS_VERSION_KEY)


def request_versions(workspace_id: int) -> tuple[str, str]:
    """(access version, the workspace's data version) in one round trip."""
    access, data = _versions([ACCESS_VERSION_KEY, _version_key(workspace_id)])
    return access, data


def _versions(keys: list[str]) -> list[str]:
    redis = get_redis()
    values = redis.mget(keys)
    if any(value is None for value in values):
        for key, value in zip(keys, values, strict=True):
            if value is None:
                _ensure_version(redis, key)
        values = redis.mget(keys)
    return [(value or b"0").decode() for value in values]


class VersionedCache(Generic[V]):
    """In-process values valid for one version (read from Redis on every use): a bump
    anywhere makes every process reload. Bounded; the least recently stored go first."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._entries: OrderedDict[Any, tuple[str, V]] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, key: Any, version: str) -> V | None:
        entry = self._entries.get(key)
        return entry[1] if entry is not None and entry[0] == version else None

    def put(self, key: Any, version: str, value: V) -> V:
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_structure_digests: dict[Any, str] = {}


def statement_digest(stmt: Select[Any]) -> str:
    """The statement's structure and parameter values, from SQLAlchemy's own cache key (what
    its compiled-SQL cache uses): compiling the SQL for a key cost ~0.6 ms per request."""
    cache_key = stmt._generate_cache_key()
    if cache_key is None:  # a construct without a cache key: compile it
        compiled = stmt.compile()
        material = f"{compiled.string}|{sorted(compiled.params.items())!r}"
    else:
        structure = _structure_digests.get(cache_key.key)
        if structure is None:
            if len(_structure_digests) > 1000:
                _structure_digests.clear()
            structure = hashlib.sha1(repr(cache_key.key).encode()).hexdigest()
            _structure_digests[cache_key.key] = structure
        values = [param.effective_value for param in cache_key.bindparams]
        material = f"{structure}|{values!r}"
    return hashlib.sha1(material.encode()).hexdigest()


def cached_count(session: Session, count_stmt: Select[tuple[int]]) -> int:
    def compute() -> int:
        return session.scalar(count_stmt) or 0

    workspace_id = session.info.get("workspace_id")
    if workspace_id is None or session.info.get(_WROTE):  # own uncommitted writes: count live
        return compute()
    version = session.info.get("data_version") or data_version(workspace_id)
    key = f"cardfile:ws:{workspace_id}:count:{version}:{statement_digest(count_stmt)}"
    redis = get_redis()
    if (hit := redis.get(key)) is not None:
        return int(hit)
    total = compute()
    redis.set(key, total, ex=COUNT_TTL_SECONDS)
    return total


def session_wrote(session: Session) -> bool:
    """The Session has written (or may have: raw SQL) since its last commit."""
    return bool(session.info.get(_WROTE))


def _is_access_model(cls: type | None) -> bool:
    return bool(getattr(cls, "__access__", False))


def note_flush(session: Session) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if changed:
        session.info[_WROTE] = True
    if any(_is_access_model(type(obj)) for obj in changed):
        session.info[_ACCESS_CHANGED] = True


def note_statement(state: ORMExecuteState) -> None:
    if not state.is_select and not state.execution_options.get(BOOKKEEPING):
        # INSERT/UPDATE/DELETE, and raw text() to be safe
        state.session.info[_WROTE] = True
        mapper = state.bind_mapper
        if mapper is not None and _is_access_model(mapper.class_):
            state.session.info[_ACCESS_CHANGED] = True


def bump_after_commit(session: Session) -> None:
    if session.info.pop(_WROTE, False) and session.info.get("workspace_id") is not None:
        session.info.pop("data_version", None)  # read again if the Session goes on
        bump_version(session.info["workspace_id"])
    if session.info.pop(_ACCESS_CHANGED, False):
        bump_access_version()
