"""The one process-wide Engine; every Session borrows its pool."""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine

_engine: Engine | None = None


def init_engine(url: str, **kwargs: object) -> Engine:
    global _engine
    if _engine is not None and str(_engine.url) == str(make_url_safe(url)):
        return _engine
    if _engine is not None:
        _engine.dispose()
    # No pre-ping (a round trip per request); recycle instead, and a dropped connection
    # fails one request and is replaced.
    # A request holds exactly one connection: a pool as large as the web threads (plus the
    # worker's few) never makes a request wait for another's.
    threads = int(os.environ.get("WEB_THREADS", "4"))
    pool = int(os.environ.get("DB_POOL_SIZE", str(max(10, threads + 2))))
    options: dict[str, object] = {"pool_recycle": 1800, "pool_size": pool, "max_overflow": 10}
    options.update(kwargs)
    _engine = create_engine(to_psycopg(url), **options)
    return _engine


def get_engine() -> Engine:
    if _engine is None:
        raise RuntimeError("Database engine is not initialised (call init_engine first)")
    return _engine


def to_psycopg(url: str) -> str:
    """Accept plain postgresql:// URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_url_safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(to_psycopg(url)))
