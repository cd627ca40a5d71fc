"""Every Session event listener, in one place, in the order they act.

- before_cursor_execute: a workspace Session's connection has search_path set to the
  workspace's schema (public Sessions: public), so raw SQL sees what the ORM sees
  (db/scope.py). It is set only when the pooled connection's path differs (a round trip
  saved on most requests) and forgotten whenever a rollback may have undone it.
- before_flush / do_orm_execute: note that the Session wrote, and whether it wrote a model
  that decides access (cache.py: data and access versions).
- after_commit: bump those versions, then run the Session's after-commit callbacks (jobs
  are enqueued this way: none for rolled-back work, and the worker finds its record).
- after_rollback: drop the callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.pool import Pool

from cardfile import cache
from cardfile.db.base import TENANT_PLACEHOLDER

_AFTER_COMMIT = "cardfile.after_commit"
_PATH = "cardfile.search_path"  # in the pooled connection's info: the path it has now
_TRANSACTION_CONTROL = ("SAVEPOINT", "ROLLBACK ", "RELEASE S")


def set_local_search_path(connection: Connection, schema: str) -> None:
    connection.exec_driver_sql("SELECT set_config('search_path', %s, true)", (f"{schema}, public",))


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the Session's transaction commits; never if it rolls back."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@event.listens_for(Engine, "before_cursor_execute")
def _search_path_for_raw_sql(
    conn: Connection, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
) -> None:
    if statement[:9].upper() in _TRANSACTION_CONTROL:
        return  # SAVEPOINT / ROLLBACK TO / RELEASE: nothing to resolve, maybe an aborted tx
    translate = conn.get_execution_options().get("schema_translate_map") or {}
    schema = translate.get(TENANT_PLACEHOLDER)
    wanted = f"{schema}, public" if schema else "public"
    info = conn.connection.info
    if info.get(_PATH) != wanted:
        cursor.execute("SELECT set_config('search_path', %s, false)", (wanted,))
        info[_PATH] = wanted


def _forget_path(conn: Connection, *_: Any) -> None:
    conn.connection.info.pop(_PATH, None)


event.listen(Engine, "rollback", _forget_path)
event.listen(Engine, "rollback_savepoint", _forget_path)


@event.listens_for(Pool, "reset")
def _forget_path_on_reset(dbapi_connection: Any, record: Any, reset_state: Any) -> None:
    # True: a transaction was still open at close() and was rolled back there (our rollback
    # listener did not see it). Otherwise it was committed or rolled back before: seen.
    if reset_state.transaction_was_reset:
        record.info.pop(_PATH, None)


@event.listens_for(Session, "before_flush")
def _note_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    cache.note_flush(session)


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    cache.note_statement(state)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    cache.bump_after_commit(session)
    for callback in session.info.pop(_AFTER_COMMIT, []):
        callback()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_AFTER_COMMIT, None)
