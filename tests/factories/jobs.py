"""Job entry points used only by tests."""

from __future__ import annotations

from sqlalchemy import text

from cardfile.jobs.core import JobContext, job


@job
def explode(ctx: JobContext) -> None:
    ctx.session.execute(text("SELECT no_such_column FROM contacts"))
