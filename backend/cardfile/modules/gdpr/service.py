"""GDPR: export everything about a person, forget a person, and the audit log of both.

- Export: a job writes a zip (contact.json, one JSON file per contact-owned table, the
  contact's stored files) through a temporary file into storage, and names a signed link
  that expires (EXPORT_HOURS); the link is served only to a logged-in admin of the workspace.
- Forget: every module's erase (`erase_contact_rows`; stored files go after the commit), then
  the contact row. The person's captured totals (order count, lifetime value per currency)
  are kept, anonymous, in the audit entry of the erasure; a keyed hash of the email goes on
  the suppression list; earlier exports' zips are deleted.
- The audit log names a contact only by its id and never copies personal data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import String, literal, select, update
from sqlalchemy.orm import Session

from cardfile.access.owned import erase_contact_rows
from cardfile.access.principal import Principal, require_power
from cardfile.auth.models import User
from cardfile.db.pagination import Page, paginate
from cardfile.db.scope import schema_for
from cardfile.errors import NotFound
from cardfile.jobs.core import start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.service import get_contact
from cardfile.modules.files.models import remove_blobs_after_commit
from cardfile.modules.gdpr.audit import audit, subject_of
from cardfile.modules.gdpr.links import EXPORT_LINK_HOURS
from cardfile.modules.gdpr.models import AuditEntry, Suppression
from cardfile.modules.gdpr.suppressions import suppress, suppression_reason

EXPORT_KIND = "gdpr_export"
EXPORT_HOURS = EXPORT_LINK_HOURS  # the zip lives as long as its link


def person(session: Session, principal: Principal, contact_id: int) -> Contact:
    """The contact, live or in the trash (a person in the trash may still ask), if the
    principal may see it; else NotFound."""
    try:
        return get_contact(session, principal, contact_id)
    except NotFound:
        return get_contact(session, principal, contact_id, deleted=True)


# ---- export -------------------------------------------------------------------------------


def export_key(workspace_id: int, job_id: str) -> str:
    """Where an export's zip is stored (the job id is a random UUID)."""
    return f"{schema_for(workspace_id)}/gdpr_exports/{job_id}"


def start_export(session: Session, principal: Principal, contact_id: int) -> JobRecord:
    from cardfile.modules.gdpr.jobs import build_export  # jobs.py imports this module

    require_power(principal, "export")
    contact = person(session, principal, contact_id)
    record = start_job(
        session,
        build_export,
        kind=EXPORT_KIND,
        label=f"Export everything about contact #{contact.id}",
        created_by=principal.user_id,
        user_id=principal.user_id,
        contact_id=contact.id,
    )
    audit(session, "gdpr_export", subject_of(contact.id), principal.actor, {"job_id": record.id})
    activity.record(session, contact.id, "gdpr_exported", {}, principal.actor)
    return record


def finished_export(session: Session, job_id: str) -> JobRecord:
    """A finished, not yet expired or erased export job, or NotFound."""
    record = session.get(JobRecord, job_id)
    if (
        record is None
        or record.kind != EXPORT_KIND
        or record.status != "finished"
        or not (record.result or {}).get("download_url")
    ):
        raise NotFound("Export")
    return record


def _forget_exports(session: Session, contact_id: int) -> None:
    """Earlier exports of the person: their zips leave storage after the commit, and their
    jobs no longer name a download."""
    workspace_id = int(session.info["workspace_id"])
    jobs = list(
        session.scalars(
            select(JobRecord).where(
                JobRecord.kind == EXPORT_KIND,
                JobRecord.params["contact_id"].as_integer() == contact_id,
            )
        )
    )
    for record in jobs:
        if record.status not in ("finished", "failed", "cancelled"):
            record.cancel_requested_at = datetime.now(UTC)
        record.result = {"contact_id": contact_id, "erased": True}
    remove_blobs_after_commit(session, [export_key(workspace_id, r.id) for r in jobs])


def expire_exports(session: Session, now: datetime | None = None) -> int:
    """Exports older than EXPORT_HOURS: zips deleted (after commit), links dropped."""
    cutoff = (now or datetime.now(UTC)) - timedelta(hours=EXPORT_HOURS)
    workspace_id = int(session.info["workspace_id"])
    ids = list(
        session.scalars(
            update(JobRecord)
            .where(
                JobRecord.kind == EXPORT_KIND,
                JobRecord.finished_at < cutoff,
                JobRecord.result["download_url"].is_not(None),
            )
            .values(result=JobRecord.result.op("-")(literal("download_url", String)))
            .returning(JobRecord.id)
            .execution_options(synchronize_session=False)
        )
    )
    remove_blobs_after_commit(session, [export_key(workspace_id, i) for i in ids])
    return len(ids)


# ---- forget -------------------------------------------------------------------------------


def forget_contact(session: Session, principal: Principal, contact_id: int) -> dict[str, Any]:
    require_power(principal, "forget")
    contact = person(session, principal, contact_id)
    kept = {"order_count": contact.order_count, "lifetime_value": dict(contact.lifetime_value)}
    digest = suppress(session, contact.email, "forgotten") if contact.email else None
    _forget_exports(session, contact.id)
    erase_contact_rows(session, contact.id)
    session.delete(contact)
    session.flush()
    details = {"suppression_hash": digest, "kept": kept}
    audit(session, "forget", subject_of(contact_id), principal.actor, details)
    return {"contact_id": contact_id, "suppressed": digest is not None, "kept": kept}


# ---- lists ---------------------------------------------------------------------------------


def list_suppressions(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(Suppression)
    if args.get("reason"):
        stmt = stmt.where(Suppression.reason == args["reason"])
    return paginate(
        session,
        stmt,
        args,
        {"created_at": Suppression.created_at},
        "-created_at",
        Suppression.id,
        keyset=("created_at",),
    )


def check_suppression(session: Session, email: str) -> dict[str, Any]:
    reason = suppression_reason(session, email)
    return {"suppressed": reason is not None, "reason": reason}


def list_audit(session: Session, args: dict[str, Any]) -> Page:
    stmt = select(AuditEntry, User.name).outerjoin(User, User.id == AuditEntry.actor_user_id)
    if args.get("action"):
        stmt = stmt.where(AuditEntry.action == args["action"])
    page = paginate(
        session,
        stmt,
        args,
        {"created_at": AuditEntry.created_at},
        "-created_at",
        AuditEntry.id,
        scalars=False,
        keyset=("created_at",),
    )
    page.items = [
        {
            "id": entry.id,
            "action": entry.action,
            "actor_user_id": entry.actor_user_id,
            "actor_name": name,
            "subject": entry.subject,
            "details": entry.details,
            "created_at": entry.created_at,
        }
        for entry, name in page.items
    ]
    return page
