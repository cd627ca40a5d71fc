"""Background work on contacts, run by RQ workers in the workspace's scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cardfile.access.actor import Actor
from cardfile.access.principal import Principal, resolve_principal
from cardfile.access.roles import Role
from cardfile.errors import Forbidden
from cardfile.jobs.core import JobContext, job, start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import matching_contacts, purge_deleted
from cardfile.modules.contacts.tags import ensure_tags, find_tag, tag_contacts
from cardfile.modules.contacts.tags import expire_tags as remove_expired_tags

BATCH_SIZE = 500
RETENTION = timedelta(days=30)


def start_bulk_tag(session: Session, principal: Principal, data: dict[str, Any]) -> JobRecord:
    filters = {k: data.get(k) for k in ("q", "tag", "contact_class_id") if data.get(k) is not None}
    name = data["tag_name"]
    return start_job(
        session,
        bulk_tag,
        kind="bulk_remove_tag" if data["remove"] else "bulk_add_tag",
        label=f"Remove tag “{name}”" if data["remove"] else f"Add tag “{name}”",
        created_by=principal.user_id,
        user_id=principal.user_id,
        tag=data["tag_name"],
        remove=data["remove"],
        filters=filters,
    )


@job(idempotent=True, timeout=60 * 60)
def bulk_tag(
    ctx: JobContext, user_id: int, tag: str, remove: bool, filters: dict[str, Any]
) -> dict[str, Any]:
    """Add (or remove) a tag on every contact matching the filters that the user may see.

    Access is resolved again here: a member whose grants changed since enqueueing gets what
    they may see now. Batches commit with progress; a re-run repeats no change.
    """
    session = ctx.session
    principal = resolve_principal(session, user_id, ctx.workspace_id)
    if principal is None or not principal.can(Role.MEMBER):
        raise Forbidden("The user may no longer change contacts in this workspace.")
    ids = matching_contacts(principal, filters).with_only_columns(Contact.id)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    target = find_tag(session, tag) if remove else ensure_tags(session, [tag])[0]
    ctx.progress(0, total)
    done = changed = 0
    last_id = 0
    while target is not None:
        batch = list(
            session.scalars(ids.where(Contact.id > last_id).order_by(Contact.id).limit(BATCH_SIZE))
        )
        if not batch:
            break
        touched = tag_contacts(session, batch, target, add=not remove, actor=Actor("job", user_id))
        changed += len(touched)
        done += len(batch)
        last_id = batch[-1]
        ctx.progress(done, total)
    return {"tag": tag, "matched": total, "changed": changed, "removed": remove}


@job(idempotent=True)
def purge_expired(ctx: JobContext) -> dict[str, int]:
    """Periodic: drop contacts deleted more than 30 days ago and old finished job records."""
    cutoff = datetime.now(UTC) - RETENTION
    contacts = purge_deleted(ctx.session, cutoff)
    jobs = (
        ctx.session.execute(delete(JobRecord).where(JobRecord.finished_at < cutoff)).rowcount or 0
    )
    return {"contacts": contacts, "jobs": jobs}


@job(idempotent=True)
def expire_tags(ctx: JobContext) -> dict[str, int]:
    """Periodic: take off tags whose expiry has passed, each with a "tag expired" timeline
    row; batches commit as they go."""
    now = datetime.now(UTC)
    removed = 0
    while batch := remove_expired_tags(ctx.session, now, Actor("job")):
        removed += batch
        ctx.progress(removed)
    return {"removed": removed}
