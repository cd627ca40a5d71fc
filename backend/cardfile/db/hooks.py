"""Every Session event listener, in one place, in the order they act.

- after_begin: a workspace Session's transaction gets a transaction-local search_path, so
  raw SQL sees the same schema as the ORM (db/scope.py).
- before_flush / do_orm_execute: note that the Session wrote, and whether it wrote a model
  that decides access (cache.py: data and access versions).
- after_commit: bump those versions, then run the Session's after-commit callbacks (jobs
  are enqueued this way: none for rolled-back work, and the worker finds its record).
- after_rollback: drop the callbacks.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction

from cardfile import cache

_AFTER_COMMIT = "cardfile.after_commit"


def set_local_search_path(connection: Connection, schema: str) -> None:
    connection.exec_driver_sql("SELECT set_config('search_path', %s, true)", (f"{schema}, public",))


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the Session's transaction commits; never if it rolls back."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@event.listens_for(Session, "after_begin")
def _search_path_for_raw_sql(
    session: Session, transaction: SessionTransaction, connection: Connection
) -> None:
    schema = session.info.get("schema")
    if schema:
        set_local_search_path(connection, schema)


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
