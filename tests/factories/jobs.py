"""Job entry points used only by tests."""

from __future__ import annotations

from sqlalchemy import text

from cardfile.jobs.core import JobContext, job


@job
def explode(ctx: JobContext) -> None:
    ctx.session.execute(text("SELECT no_such_column FROM contacts"))


@job(timeout=1)
def oversleep(ctx: JobContext) -> None:
    import time

    time.sleep(5)


@job(idempotent=True)
def count_up(ctx: JobContext, batches: int, cancel_after: int | None = None) -> dict[str, int]:
    """Reports progress per batch; with cancel_after, someone cancels it from outside (another
    transaction, as the API would) once that many batches are done."""
    from cardfile.access.principal import Principal
    from cardfile.access.roles import Role
    from cardfile.db.scope import workspace_session
    from cardfile.jobs.service import cancel_job

    assert ctx.record is not None and ctx.workspace_id is not None
    for done in range(1, batches + 1):
        if done - 1 == cancel_after:
            admin = Principal(0, ctx.workspace_id, Role.ADMIN, True)
            with workspace_session(ctx.workspace_id) as other:
                cancel_job(other, admin, ctx.record.id)
        ctx.progress(done, batches)
    return {"done": batches}


@job
def once_only(ctx: JobContext) -> None:
    """Not idempotent: never run twice by the recovery sweep."""
