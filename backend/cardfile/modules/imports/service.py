"""Imports: upload (a draft with what was detected), choices (layout, mapping, options, the
source questionnaire), start as a job, cancel, the report and the rows not imported."""

from __future__ import annotations

import csv
import io
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile import config
from cardfile.access.principal import Principal
from cardfile.access.roles import Role
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Conflict, Forbidden, Invalid, NotFound
from cardfile.jobs.core import start_job
from cardfile.jobs.models import JobRecord
from cardfile.jobs.service import cancel_job
from cardfile.modules.contacts.custom_fields import create_field
from cardfile.modules.contacts.service import class_for
from cardfile.modules.export.service import escape_cell
from cardfile.modules.imports.mapping import CUSTOM, NEW, check_mapping, suggest
from cardfile.modules.imports.models import Import, ImportMapping, ImportRow
from cardfile.modules.imports.parsing import BadFile, Layout, sample

ORIGINAL, PREPARED = "original", "prepared.csv"
EXISTING = ("skip", "fill_empty", "overwrite")
SOURCES = (
    "own_signup_form",
    "customers",
    "event",
    "purchased_list",
    "rented_list",
    "other_crm",
    "other",
)
REFUSED_SOURCES = ("purchased_list", "rented_list")
REFUSED_MESSAGE = (
    "Cardfile does not import purchased or rented lists. The people on them never agreed "
    "to hear from you: mailing them breaks the GDPR and anti-spam laws, and the complaints "
    "and spam traps such lists hold get your domain blocked for everyone you do mail. "
    "Import only people who gave you their consent."
)
# The job's record status -> the import's.
STATUSES = {
    "queued": "queued",
    "started": "running",
    "finished": "finished",
    "failed": "failed",
    "cancelled": "cancelled",
}
SORTS = {"created_at": Import.created_at, "filename": Import.filename}


def folder(workspace_id: int, storage: str) -> Path:
    return config.current().imports_root / str(workspace_id) / storage


def new_folder(workspace_id: int) -> tuple[str, Path]:
    storage = uuid.uuid4().hex
    path = folder(workspace_id, storage)
    path.mkdir(parents=True, exist_ok=True)
    return storage, path


def create_import(
    session: Session, principal: Principal, storage: str, filename: str, size: int
) -> Import:
    """A draft from the uploaded file (already in its folder); BadFile removes the folder."""
    path = folder(principal.workspace_id, storage)
    try:
        found = sample(path / ORIGINAL, filename)
    except Invalid:
        shutil.rmtree(path, ignore_errors=True)
        raise
    layout = found.layout
    record = Import(
        filename=filename,
        size=size,
        storage=storage,
        detected=asdict(layout),
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        has_header=layout.header,
        columns=found.columns,
        preview=found.preview,
        mapping=suggest(session, found.columns, found.preview),
        options={"existing": "skip", "tags": [], "contact_class_id": None},
        created_by=principal.user_id,
        counts={},
    )
    session.add(record)
    session.flush()
    return record


def _visible(principal: Principal) -> Any:
    """Admins see every import; others their own (a file may hold contacts of classes they
    may not see)."""
    return true() if principal.can(Role.ADMIN) else Import.created_by == principal.user_id


def get_import(session: Session, principal: Principal, import_id: int) -> Import:
    record = session.scalar(select(Import).where(Import.id == import_id, _visible(principal)))
    if record is None:
        raise NotFound("Import")
    return record


def _job(session: Session, record: Import) -> JobRecord | None:
    return session.get(JobRecord, record.job_id) if record.job_id else None


def status_of(job: JobRecord | None) -> str:
    return "draft" if job is None else STATUSES.get(job.status, "queued")


def view(
    session: Session, record: Import, jobs: dict[str, JobRecord] | None = None
) -> dict[str, Any]:
    """The import as the API shows it; `jobs` (by id) when a page's were read at once."""
    job = jobs.get(record.job_id or "") if jobs is not None else _job(session, record)
    return {
        **{c.key: getattr(record, c.key) for c in Import.__table__.columns},
        "status": status_of(job),
        "error": job.error if job else None,
        "cancel_requested": bool(job and job.cancel_requested_at and job.finished_at is None),
        "header": record.has_header,
        "suggested_mapping": record.mapping,
        "progress": _progress(record, job),
    }


def _progress(record: Import, job: JobRecord | None) -> dict[str, Any]:
    done, total = record.rows_done, record.total_rows
    rate = None
    if job is not None and job.started_at is not None and done:
        end = job.finished_at or datetime.now(UTC)
        seconds = max((end - job.started_at).total_seconds(), 0.001)
        rate = round(done / seconds, 1)
    left = round((total - done) / rate) if rate and total is not None and done < total else None
    return {"done": done, "total": total, "rows_per_second": rate, "seconds_left": left}


def list_imports(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    page = paginate(
        session, select(Import).where(_visible(principal)), args, SORTS, "-created_at", Import.id
    )
    job_ids = [r.job_id for r in page.items if r.job_id]
    jobs = {j.id: j for j in session.scalars(select(JobRecord).where(JobRecord.id.in_(job_ids)))}
    page.items = [view(session, r, jobs) for r in page.items]
    return page


def _draft(session: Session, record: Import) -> None:
    """Choices change on a draft, and on an import that failed before importing a row (a
    wrong encoding, say): it is then read again from the start."""
    status = status_of(_job(session, record))
    if status == "failed" and record.rows_done == 0:
        record.prepared, record.total_rows, record.counts = False, None, {}
        record.byte_offset = record.row_number = 0
    elif status != "draft":
        raise Conflict("This import has started; its choices can no longer change.")


def check_questionnaire(answers: dict[str, Any]) -> dict[str, Any]:
    if answers.get("source") in REFUSED_SOURCES:
        raise Invalid.field("questionnaire.source", REFUSED_MESSAGE)
    return answers


def update_import(
    session: Session, principal: Principal, import_id: int, data: dict[str, Any]
) -> Import:
    record = get_import(session, principal, import_id)
    _draft(session, record)
    layout_keys = ("encoding", "delimiter", "header")
    if any(k in data for k in layout_keys):
        layout = Layout(
            data.get("encoding", record.encoding),
            data.get("delimiter", record.delimiter),
            data.get("header", record.has_header),
        )
        path = folder(principal.workspace_id, record.storage) / ORIGINAL
        try:
            found = sample(path, record.filename, layout)
        except BadFile as error:  # the file was fine as detected: it is the choice
            chosen = next(k for k in layout_keys if k in data)
            raise Invalid.field(chosen, error.message) from error
        if found.columns != record.columns:
            record.mapping = suggest(session, found.columns, found.preview)
        record.encoding, record.delimiter, record.has_header = (
            layout.encoding,
            layout.delimiter,
            layout.header,
        )
        record.columns, record.preview = found.columns, found.preview
    if "mapping" in data:
        record.mapping = check_mapping(session, record.columns, data["mapping"])
    if "options" in data:
        options = {**record.options, **data["options"]}
        if options.get("contact_class_id") is not None:
            class_for(session, principal, options["contact_class_id"])
        record.options = options
    if "questionnaire" in data:
        record.questionnaire = check_questionnaire(data["questionnaire"])
    record.updated_at = datetime.now(UTC)
    session.flush()
    return record


def _check_new_fields(principal: Principal, record: Import) -> None:
    if any(t.startswith(NEW) for t in record.mapping.values()) and not principal.can(Role.ADMIN):
        column = next(c for c, t in record.mapping.items() if t.startswith(NEW))
        raise Forbidden(
            "Only admins can add custom fields: map this column to an existing field or skip it.",
            errors={f"mapping.{column}": ["Only admins can add custom fields."]},
        )


def create_new_fields(session: Session, record: Import) -> None:
    """Columns mapped to "new:<label>" get a text custom field, then map to it (the job does
    this once the file proved readable, so a bad file adds no field)."""
    mapping = dict(record.mapping)
    for column, target in mapping.items():
        if target.startswith(NEW):
            label = target[len(NEW) :].strip()[:100]
            field = create_field(session, {"label": label, "type": "text", "entity": "contact"})
            mapping[column] = f"{CUSTOM}{field.key}"
    record.mapping = mapping


def start_import(session: Session, principal: Principal, import_id: int) -> JobRecord:
    from cardfile.modules.imports.jobs import run_import

    record = get_import(session, principal, import_id)
    status = status_of(_job(session, record))
    if status not in ("draft", "failed"):
        raise Conflict(f"This import is {status}; only a draft or a failed import can start.")
    errors: dict[str, list[str]] = {}
    if not record.questionnaire:
        errors["questionnaire"] = ["Say where this list came from before importing it."]
    try:
        check_mapping(session, record.columns, record.mapping)
    except Invalid as error:
        errors.update(error.errors)
    if errors:
        raise Invalid(errors)
    check_questionnaire(record.questionnaire or {})
    class_for(session, principal, record.options.get("contact_class_id"))
    _check_new_fields(principal, record)
    job = start_job(
        session,
        run_import,
        kind="import",
        label=f"Import “{record.filename}”",
        created_by=principal.user_id,
        import_id=record.id,
        user_id=principal.user_id,
    )
    record.job_id = job.id
    return job


def cancel_import(session: Session, principal: Principal, import_id: int) -> Import:
    record = get_import(session, principal, import_id)
    status = status_of(_job(session, record))
    if status not in ("queued", "running"):
        raise Conflict(f"This import is {status}: there is nothing to cancel.")
    cancel_job(session, principal, record.job_id or "")
    return record


def delete_import(session: Session, principal: Principal, import_id: int) -> None:
    """The import's file and report go; the contacts it imported stay."""
    record = get_import(session, principal, import_id)
    if status_of(_job(session, record)) in ("queued", "running"):
        raise Conflict("Cancel this import before deleting it.")
    session.delete(record)
    shutil.rmtree(folder(principal.workspace_id, record.storage), ignore_errors=True)


def empty_counts() -> dict[str, Any]:
    return {
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "duplicate_in_file": 0,
        "rejected": {},
        "flagged": {},
    }


def report(session: Session, principal: Principal, import_id: int) -> dict[str, Any]:
    record = get_import(session, principal, import_id)
    return {
        "id": record.id,
        "status": status_of(_job(session, record)),
        "rows": record.total_rows,
        "rows_done": record.rows_done,
        "counts": {**empty_counts(), **(record.counts or {})},
    }


def rejected_rows_csv(session: Session, principal: Principal, import_id: int) -> Iterator[str]:
    """The rows not imported, as CSV: row number (the header is row 1), the original
    values, the reason and what it means; 1,000 rows at a time."""
    record = get_import(session, principal, import_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Names and details come from the file: formula-safe like every cell.
    writer.writerow(["row", *(escape_cell(c) for c in record.columns), "reason", "detail"])
    yield "\ufeff" + buffer.getvalue()  # the BOM: Excel then reads UTF-8 (Polish letters)
    width, last = len(record.columns), 0
    while rows := list(
        session.scalars(
            select(ImportRow)
            .where(ImportRow.import_id == import_id, ImportRow.row_number > last)
            .order_by(ImportRow.row_number)
            .limit(1000)
        )
    ):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(
            [
                r.row_number,
                *[escape_cell(c) for c in (r.cells + [""] * (width - len(r.cells)))[:width]],
                r.reason,
                escape_cell(r.detail or ""),
            ]
            for r in rows
        )
        last = rows[-1].row_number
        session.expunge_all()
        yield buffer.getvalue()


# Saved mappings ---------------------------------------------------------------------------


def list_mappings(session: Session) -> list[ImportMapping]:
    return list(session.scalars(select(ImportMapping).order_by(func.lower(ImportMapping.name))))


def save_mapping(session: Session, principal: Principal, data: dict[str, Any]) -> ImportMapping:
    saved = ImportMapping(
        name=data["name"].strip(), mapping=data["mapping"], created_by=principal.user_id
    )
    session.add(saved)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as error:
        raise Conflict(
            "A mapping with this name exists.", errors={"name": ["Choose another name."]}
        ) from error
    return saved


def delete_mapping(session: Session, mapping_id: int) -> None:
    saved = session.get(ImportMapping, mapping_id)
    if saved is None:
        raise NotFound("Mapping")
    session.delete(saved)
