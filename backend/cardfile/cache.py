"""The Redis connection, and exact list totals cached per workspace data version.

Counting 100,000 visible rows costs more than the rest of a list request. Every commit of a
workspace Session that wrote anything bumps that workspace's version (after the commit, so a
reader holding the new version always counted committed data). A cached total is keyed by
version + the count SQL with its parameters (which carry the caller's access filter), so it
is exact: any write makes every older entry unreachable. Redis holds nothing durable here.
"""

from __future__ import annotations

import hashlib
import time

from redis import Redis
from sqlalchemy import Select, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

_redis: Redis | None = None
COUNT_TTL_SECONDS = 300
_WROTE = "cardfile.wrote"


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
    redis, key = get_redis(), _version_key(workspace_id)
    _ensure_version(redis, key)
    redis.incr(key)


def cached_count(session: Session, count_stmt: Select[tuple[int]]) -> int:
    def compute() -> int:
        return session.scalar(count_stmt) or 0

    workspace_id = session.info.get("workspace_id")
    if workspace_id is None or session.info.get(_WROTE):  # own uncommitted writes: count live
        return compute()
    compiled = count_stmt.compile(dialect=session.get_bind().dialect)
    material = f"{compiled.string}|{sorted(compiled.params.items())!r}"
    digest = hashlib.sha1(material.encode()).hexdigest()
    key = f"cardfile:ws:{workspace_id}:count:{data_version(workspace_id)}:{digest}"
    redis = get_redis()
    if (hit := redis.get(key)) is not None:
        return int(hit)
    total = compute()
    redis.set(key, total, ex=COUNT_TTL_SECONDS)
    return total


@event.listens_for(Session, "before_flush")
def _note_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if not state.is_select:  # INSERT/UPDATE/DELETE, and raw text() to be safe
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session: Session) -> None:
    if session.info.pop(_WROTE, False) and session.info.get("workspace_id") is not None:
        bump_version(session.info["workspace_id"])
