"""Merge every duplicate group in one job: each group into its newest contact, with the
default field choices, in batches that commit with the progress."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from cardfile.access.principal import Principal, resolve_principal
from cardfile.access.roles import Role
from cardfile.errors import ApiError, Forbidden
from cardfile.jobs.core import JobContext, job, start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.merge.duplicates import find_groups
from cardfile.modules.merge.service import lock_visible, merge_rows

BATCH_SIZE = 50  # groups per committed batch


def start_merge_all(session: Session, principal: Principal, reason: str | None) -> JobRecord:
    return start_job(
        session,
        merge_all_duplicates,
        kind="merge_duplicates",
        label="Merge all duplicates",
        created_by=principal.user_id,
        user_id=principal.user_id,
        reason=reason,
    )


@job(idempotent=True, timeout=60 * 60)
def merge_all_duplicates(ctx: JobContext, user_id: int, reason: str | None) -> dict[str, Any]:
    """The groups are found once, at the start, among what the user may see then; each is
    merged (in a savepoint) with the contacts of it that still exist and are visible now.
    A re-run after a crash finds only the groups not merged yet."""
    session = ctx.session
    principal = resolve_principal(session, user_id, ctx.workspace_id)  # type: ignore[arg-type]
    if principal is None or not principal.can(Role.ADMIN):
        raise Forbidden("Only admins merge all duplicates.")
    groups, total = find_groups(session, principal, reason, 0, None)
    ctx.progress(0, total)
    report = {"groups": total, "merged": 0, "removed": 0, "skipped": 0, "failed": 0}
    for done, group in enumerate(groups, start=1):
        rows = lock_visible(session, principal, group.ids)
        if len(rows) < 2:  # merged already with another group, deleted or hidden meanwhile
            report["skipped"] += 1
        else:
            survivor = max(rows, key=lambda c: (c.updated_at, c.id))
            try:
                with session.begin_nested():
                    merge_rows(session, principal, rows, survivor.id, {})
            except ApiError:
                report["failed"] += 1  # e.g. no email nor phone would be left
            else:
                report["merged"] += 1
                report["removed"] += len(rows) - 1
        if done % BATCH_SIZE == 0 or done == total:
            ctx.progress(done, total)
    return report
