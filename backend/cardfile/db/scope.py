"""Tenant scope: the only place a workspace schema is chosen.

A workspace's data lives in schema `ws_<id>`. `workspace_session()` opens a Session whose
connections translate the TenantBase placeholder schema to that schema, and whose transactions
set a transaction-local search_path so raw `text()` SQL sees the same schema. A Session never
spans two workspaces (its identity map would mix their rows).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cardfile.db import hooks  # noqa: F401 (every Session gets the listeners)
from cardfile.db.base import TENANT_PLACEHOLDER
from cardfile.db.engine import get_engine
from cardfile.db.hooks import set_local_search_path

__all__ = ["set_local_search_path"]  # migrations use it from here

_SCHEMA_RE = re.compile(r"^ws_[1-9][0-9]{0,18}$")


class ScopeError(RuntimeError):
    """A tenant schema name that is not ours, or work attempted with no scope."""


def schema_for(workspace_id: int) -> str:
    name = f"ws_{int(workspace_id)}"
    if not _SCHEMA_RE.match(name):
        raise ScopeError(f"invalid workspace id {workspace_id!r}")
    return name


@lru_cache(maxsize=4096)
def _scoped_engine(engine: Engine, schema: str) -> Engine:
    return engine.execution_options(schema_translate_map={TENANT_PLACEHOLDER: schema})


def scoped_engine(schema: str) -> Engine:
    if not _SCHEMA_RE.match(schema):
        raise ScopeError(f"refusing tenant schema {schema!r}")
    return _scoped_engine(get_engine(), schema)


@lru_cache(maxsize=4096)
def _reading_engine(engine: Engine) -> Engine:
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def open_workspace_session(workspace_id: int, read_only: bool = False) -> Session:
    """read_only (a GET): each statement commits on its own, with no BEGIN and COMMIT round
    trips. Under READ COMMITTED every statement sees the latest commits either way."""
    schema = schema_for(workspace_id)
    engine = scoped_engine(schema)
    session = Session(bind=_reading_engine(engine) if read_only else engine, expire_on_commit=False)
    session.info["workspace_id"] = int(workspace_id)
    session.info["schema"] = schema
    return session


def open_public_session() -> Session:
    """A Session for `public` only: tenant tables through it fail (schema "tenant" is absent)."""
    return Session(bind=get_engine(), expire_on_commit=False)


@contextmanager
def _committed(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def workspace_session(workspace_id: int) -> contextlib.AbstractContextManager[Session]:
    return _committed(open_workspace_session(workspace_id))


def public_session() -> contextlib.AbstractContextManager[Session]:
    return _committed(open_public_session())


@contextmanager
def direct_connection(workspace_id: int) -> Iterator[Any]:
    """A private psycopg connection (autocommit, never pooled) whose search_path is the
    workspace's schema, for a hot loop that cannot afford the ORM's overhead per statement
    (the campaign sender). Closed on exit, so its session-level search_path goes with it.
    Its SQL must name tables unqualified: they resolve in the workspace's schema only."""
    import psycopg

    url = get_engine().url.set(drivername="postgresql")
    conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
    try:
        conn.execute("SELECT set_config('search_path', %s, false)", (schema_for(workspace_id),))
        yield conn
    finally:
        conn.close()
