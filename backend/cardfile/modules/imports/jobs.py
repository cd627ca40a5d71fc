"""The import job, on the `imports` queue. First the whole file is checked and rewritten as
UTF-8 (a bad file fails here, before any contact changes); then batch after batch, each
committed with the import's byte offset, row number and counts. A rerun after a killed
worker rebuilds the "addresses seen" set from the rows before that offset and goes on from
it, so the data and the report equal an uninterrupted run's.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cardfile.access.principal import resolve_principal
from cardfile.access.roles import Role
from cardfile.errors import Forbidden
from cardfile.jobs.core import JobContext, job
from cardfile.modules.contacts.custom_fields import CustomField
from cardfile.modules.contacts.service import class_for
from cardfile.modules.hygiene.dns import DomainChecker
from cardfile.modules.imports.models import Import
from cardfile.modules.imports.parsing import Layout, prepare, records
from cardfile.modules.imports.pipeline import (
    BatchResult,
    Plan,
    Screened,
    dedupe_key,
    make_plan,
    screen_batch,
    write_batch,
)
from cardfile.modules.imports.service import (
    ORIGINAL,
    PREPARED,
    create_new_fields,
    empty_counts,
    folder,
    report,
)

BATCH = 5_000


@dataclass
class Batch:
    rows: list[tuple[int, list[str]]]
    end: int  # byte offset after the batch's last record
    last_number: int


def batches(path: Path, record: Import, size: int = BATCH) -> Iterator[Batch]:
    rows: list[tuple[int, list[str]]] = []
    end, number = record.byte_offset, record.row_number
    found = records(path, record.delimiter, end, number, record.has_header)
    for number, row in found:
        end = row.end
        if row.cells:
            rows.append((number, row.cells))
        if len(rows) >= size:
            yield Batch(rows, end, number)
            rows = []
    if rows or end != record.byte_offset:
        yield Batch(rows, end, number)


def rebuild_seen(path: Path, record: Import, email_index: int) -> dict[str, int]:
    """The addresses of the rows already handled, each with its first row number."""
    seen: dict[str, int] = {}
    if record.byte_offset == 0:
        return seen
    for number, row in records(path, record.delimiter, 0, 0, record.has_header):
        if row.end > record.byte_offset:
            break
        if email_index >= len(row.cells):
            continue
        if (key := dedupe_key(row.cells[email_index])) is not None:
            seen.setdefault(key, number)
    return seen


def _add(counts: dict[str, Any], result: BatchResult) -> dict[str, Any]:
    total = {**empty_counts(), **counts}
    for key, n in result.counts.items():
        total[key] = total.get(key, 0) + n
    for group, counter in (("rejected", result.rejected), ("flagged", result.flagged)):
        merged = dict(total[group])
        for reason, n in counter.items():
            merged[reason] = merged.get(reason, 0) + n
        total[group] = merged
    return total


def _plan(ctx: JobContext, record: Import, user_id: int) -> Plan:
    session = ctx.session
    assert ctx.workspace_id is not None
    principal = resolve_principal(session, user_id, ctx.workspace_id)
    if principal is None or not principal.can(Role.MEMBER):
        raise Forbidden("The user who started this import may no longer add contacts here.")
    fields = {
        f.key: f
        for f in session.scalars(select(CustomField).where(CustomField.entity == "contact"))
    }
    class_id = class_for(session, principal, record.options.get("contact_class_id"))
    return make_plan(
        record.id,
        record.filename,
        record.columns,
        record.mapping,
        record.options,
        fields,
        class_id,
        principal,
    )


@job(queue="imports", idempotent=True, timeout=6 * 60 * 60)
def run_import(ctx: JobContext, import_id: int, user_id: int) -> dict[str, Any]:
    session = ctx.session
    record = session.get(Import, import_id)
    if record is None:
        raise Forbidden("This import was deleted.")
    assert ctx.workspace_id is not None
    where = folder(ctx.workspace_id, record.storage)
    record.started_at = record.started_at or datetime.now(UTC)
    if not record.prepared:
        layout = Layout(record.encoding, record.delimiter, record.has_header)
        prepared = prepare(where / ORIGINAL, where / PREPARED, layout)
        create_new_fields(session, record)
        record.prepared, record.total_rows = True, prepared.data_rows
        record.counts = empty_counts()
    ctx.progress(record.rows_done, record.total_rows)
    plan = _plan(ctx, record, user_id)
    seen = rebuild_seen(where / PREPARED, record, plan.email_index)
    domains = DomainChecker()

    def write(batch: Batch, screened: Future[Screened]) -> None:
        result = write_batch(session, plan, screened.result(), domains)
        record.counts = _add(record.counts, result)
        record.byte_offset, record.row_number = batch.end, batch.last_number
        record.rows_done += len(batch.rows)
        ctx.progress(record.rows_done, record.total_rows)  # commits the batch with its offset

    # The next batch is read and screened (Python) while this one is written (PostgreSQL):
    # both cores busy. Only the committed batches count; a stop drops the one ahead.
    with ThreadPoolExecutor(1, thread_name_prefix="import-screen") as ahead:
        pending: tuple[Batch, Future[Screened]] | None = None
        for batch in batches(where / PREPARED, record):
            screened = ahead.submit(screen_batch, plan, batch.rows, seen)
            if pending is not None:
                write(*pending)
            pending = (batch, screened)
        if pending is not None:
            write(*pending)
    record.finished_at = datetime.now(UTC)
    return report(session, plan.principal, import_id)
