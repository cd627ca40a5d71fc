"""The export job: the CSV goes to a temporary file, then into storage, then a signed link."""

from __future__ import annotations

import io
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal, require_power, resolve_principal
from cardfile.errors import Forbidden
from cardfile.files.storage import get_storage
from cardfile.jobs.core import JobContext, job, start_job
from cardfile.jobs.models import JobRecord
from cardfile.modules.export import service

KIND = "contacts_export"
STORAGE_LIMIT = 20 * 1024**3  # far beyond any export; storage needs a limit


def start_export(session: Session, principal: Principal, data: dict[str, Any]) -> JobRecord:
    require_power(principal, "export")
    columns = service.check_columns(session, data.get("columns"))
    selection = {k: data[k] for k in ("ids", "filter") if k in data}
    return start_job(
        session,
        export_contacts,
        kind=KIND,
        label="Export contacts to CSV",
        created_by=principal.user_id,
        user_id=principal.user_id,
        selection=selection,
        columns=columns,
        bom=bool(data.get("bom")),
    )


@job(idempotent=True, timeout=2 * 60 * 60)
def export_contacts(
    ctx: JobContext, user_id: int, selection: dict[str, Any], columns: list[str], bom: bool
) -> dict[str, Any]:
    """Write the selection (what the user may see now, as an admin) to a CSV in storage.

    Access is resolved again here: a user no longer an admin exports nothing. A re-run after
    a crash writes the same key again (storage replaces it whole).
    """
    session, workspace_id = ctx.session, int(ctx.workspace_id or 0)
    principal = resolve_principal(session, user_id, workspace_id)
    if principal is None or not principal.may("export"):
        raise Forbidden("Only admins of this workspace may export contacts.")
    total = service.count_selected(session, principal, selection)
    ctx.progress(0, total)
    export_id = ctx.record.id if ctx.record is not None else uuid.uuid4().hex
    key = service.storage_key(workspace_id, export_id)
    with tempfile.TemporaryFile() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig" if bom else "utf-8", newline="")
        rows = service.write_csv(
            session,
            principal,
            selection,
            columns,
            text,
            on_batch=lambda done: ctx.progress(min(done, total) if total else done),
        )
        text.flush()
        raw.seek(0)
        get_storage().save(key, raw, STORAGE_LIMIT)  # type: ignore[arg-type]
        text.detach()
    filename = f"contacts-{datetime.now(UTC):%Y-%m-%d}.csv"
    token = service.download_token(workspace_id, key, filename)
    expires = datetime.now(UTC) + timedelta(hours=service.LINK_HOURS)
    return {
        "rows": rows,
        "download_url": service.download_path(workspace_id, token),
        "expires_at": expires.isoformat(timespec="seconds"),
    }


@job(idempotent=True)
def purge_exports(ctx: JobContext) -> dict[str, int]:
    """Periodic: delete the stored files of exports whose link has expired."""
    cutoff = datetime.now(UTC) - timedelta(hours=service.LINK_HOURS + 1)
    ended = select(JobRecord).where(
        JobRecord.kind == KIND,
        JobRecord.status == "finished",
        JobRecord.finished_at < cutoff,
        ~JobRecord.result.has_key("purged"),  # type: ignore[union-attr]
    )
    purged = 0
    for record in ctx.session.scalars(ended.limit(1000)):
        get_storage().delete(service.storage_key(int(ctx.workspace_id or 0), record.id))
        record.result = {**(record.result or {}), "purged": True}
        purged += 1
    return {"purged": purged}
