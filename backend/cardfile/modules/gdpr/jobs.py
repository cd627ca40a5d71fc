"""GDPR jobs: build a person's export zip; drop expired exports (periodic)."""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cardfile.access.owned import export_contact_rows
from cardfile.access.principal import resolve_principal
from cardfile.errors import Forbidden, NotFound
from cardfile.files.storage import get_storage
from cardfile.jobs.core import JobContext, job
from cardfile.modules.contacts.models import Contact, ContactTag, Tag
from cardfile.modules.gdpr import service
from cardfile.modules.gdpr.links import download_path

# The zip is stored whole before its link is given; no per-file limit applies to it.
NO_LIMIT = 1 << 62


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).encode()


def contact_columns(session: Session, contact_id: int) -> dict[str, Any]:
    """Every column of the contact's row (the search text, derived from them, left out),
    with its tag names."""
    table = Contact.__table__
    columns = [c for c in table.c if c.key != "search_text"]
    row = session.execute(select(*columns).where(table.c.id == contact_id)).one()
    data = dict(row._mapping)
    data["tags"] = list(
        session.scalars(
            select(Tag.name)
            .join(ContactTag, ContactTag.tag_id == Tag.id)
            .where(ContactTag.contact_id == contact_id)
            .order_by(Tag.name)
        )
    )
    return data


def _write_zip(ctx: JobContext, out: IO[bytes], contact_id: int) -> dict[str, int]:
    session, storage = ctx.session, get_storage()
    tables = export_contact_rows(session, contact_id)
    files = tables.get("contact_files", [])
    total = 1 + len(tables) + len(files)
    done = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("contact.json", _json(contact_columns(session, contact_id)))
        done += 1
        for name, rows in tables.items():
            archive.writestr(f"{name}.json", _json(rows))
            done += 1
        ctx.progress(done, total)
        for row in files:
            # Names are already cleaned of slashes and control characters (files/kinds.py).
            with archive.open(f"files/{row['id']}-{row['name']}", "w", force_zip64=True) as f:
                for chunk in storage.open(row["storage_key"]):
                    f.write(chunk)
            done += 1
            ctx.progress(done, total)
    return {"tables": len(tables), "files": len(files)}


@job(idempotent=True, timeout=60 * 60)
def build_export(ctx: JobContext, user_id: int, contact_id: int) -> dict[str, Any]:
    """Zip everything about a contact through a temporary file (never whole in memory) into
    storage. Access is checked again: the starter must still be an admin who sees the
    contact. Running it again writes the same zip to the same key."""
    assert ctx.workspace_id is not None and ctx.record is not None
    session = ctx.session
    principal = resolve_principal(session, user_id, ctx.workspace_id)
    if principal is None or not principal.may("export"):
        raise Forbidden("Only admins of this workspace can export a contact's data.")
    contact = service.person(session, principal, contact_id)
    key = service.export_key(ctx.workspace_id, ctx.record.id)
    with tempfile.TemporaryFile(prefix="cardfile-export-") as temp:
        counts = _write_zip(ctx, temp, contact.id)
        size = temp.tell()
        temp.seek(0)
        get_storage().save(key, temp, NO_LIMIT)
    # Forgotten while the zip was written: nothing of the person may stay behind.
    if session.scalar(select(Contact.id).where(Contact.id == contact_id)) is None:
        get_storage().delete(key)
        raise NotFound("Contact")
    expires = datetime.now(UTC) + timedelta(hours=service.EXPORT_HOURS)
    return {
        "contact_id": contact_id,
        "download_url": download_path(ctx.workspace_id, ctx.record.id),
        "filename": f"contact-{contact_id}-export.zip",
        "size": size,
        "expires_at": expires.isoformat(),
        **counts,
    }


@job(idempotent=True)
def expire_exports(ctx: JobContext) -> dict[str, int]:
    """Periodic: exports older than EXPORT_HOURS lose their zip and their link."""
    return {"expired": service.expire_exports(ctx.session)}
